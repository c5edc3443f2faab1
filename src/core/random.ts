import { checkNumber } from './errors';

/** Largest seed: seeds are 32-bit unsigned integers, so two different seeds never give the same stream. */
export const SEED_MAX = 2 ** 32 - 1;

/** Validates a seed: an integer in [0, 2^32 - 1] (ParameterError otherwise, naming `parameter`). */
export function checkSeed(value: unknown, parameter = 'seed'): number {
  return checkNumber(parameter, value, { integer: true, min: 0, max: SEED_MAX });
}

/**
 * Seeded pseudo-random numbers: every random choice in Soma takes one of these, never
 * `Math.random`, so one seed gives one result.
 *
 * What is identical where. The generator, xoshiro128** (Blackman & Vigna 2018) on 32-bit integers
 * seeded through splitmix32, uses only 32-bit integer arithmetic (`Math.imul`, shifts), which is
 * exact: `nextUint32`, `random`, `uniform`, `int`, `shuffle` and `fork` give the same values, bit
 * for bit, in every JavaScript engine (Node and any browser). `normal` goes through `Math.log`,
 * whose last bit ECMAScript leaves to the engine, and so does every model result computed with
 * `Math.exp`, `Math.log` or `**` (weights after training, membrane potentials): within one engine
 * one seed gives one result bit for bit; across engines (Node against a browser, or two V8
 * versions) those may differ in the last bits, and so may anything that depends on them.
 * e2e/determinism.test.ts checks both sides of this in Node and Chromium on the same seeds.
 * Written here rather than imported because it sits in the simulation's hot loops (Poisson
 * input, noise, connectivity) and must not allocate.
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal = 0;
  private hasSpareNormal = false;

  /**
   * @param seed an integer in [0, 2^32 - 1]; equal seeds give equal streams, and no two seeds in
   * that range alias (a wider range would wrap around to the same 32-bit state, so it is refused).
   */
  constructor(readonly seed: number) {
    checkSeed(seed);
    let x = (seed ^ 0x9e3779b9) >>> 0;
    const next = (): number => {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  random(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.random();
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  /** A standard normal sample (Marsaglia polar method; caches the second value). */
  normal(): number {
    if (this.hasSpareNormal) {
      this.hasSpareNormal = false;
      return this.spareNormal;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.random() - 1;
      v = 2 * this.random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    this.hasSpareNormal = true;
    return u * f;
  }

  /** Fisher-Yates shuffle in place; returns the array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /**
   * The generator's four 32-bit words s0..s3 into `out` (for a kernel that draws the same stream
   * outside JavaScript, e.g. the connectivity sampler of bio/fixed-probability.ts).
   */
  saveState(out: Int32Array): void {
    out[0] = this.s0;
    out[1] = this.s1;
    out[2] = this.s2;
    out[3] = this.s3;
  }

  /** Continues from four words written by `saveState` (after a kernel drew from them). */
  restoreState(from: Int32Array): void {
    this.s0 = from[0];
    this.s1 = from[1];
    this.s2 = from[2];
    this.s3 = from[3];
  }

  /** An independent generator derived from this one (for sub-streams such as per-population noise). */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
