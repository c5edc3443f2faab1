/**
 * Generated two-dimensional datasets, all seeded: the course's spiral, xor, circle, gaussians and
 * moons. Each returns points as an n x 2 row-major Float64Array and labels as an Int32Array.
 */
import { checkNumber } from '../errors';
import { Rng } from '../random';
import type { Dataset } from './types';

/** Options shared by the generated sets. */
export interface GeneratedOptions {
  /** Seed of the generator (same seed, same points). */
  seed: number;
  /** Points per class (default 100, as the course's spiral). */
  pointsPerClass?: number;
  /** Number of classes (spiral and gaussians only; default 3). */
  classes?: number;
  /** Noise: standard deviation of the jitter (units of the plane; each set has its own default). */
  noise?: number;
}

function common(name: string, o: GeneratedOptions, defaultNoise: number, fixedClasses?: number) {
  const seed = checkNumber('seed', o.seed, { integer: true });
  const perClass = checkNumber('pointsPerClass', o.pointsPerClass ?? 100, { min: 1, max: 1_000_000, integer: true });
  const classes = fixedClasses ?? checkNumber('classes', o.classes ?? 3, { min: 2, max: 100, integer: true });
  if (fixedClasses !== undefined && o.classes !== undefined && o.classes !== fixedClasses) {
    checkNumber('classes', o.classes, { min: fixedClasses, max: fixedClasses, integer: true });
  }
  const noise = checkNumber('noise', o.noise ?? defaultNoise, { min: 0 });
  const n = perClass * classes;
  return { name, rng: new Rng(seed), perClass, classes, noise, n, x: new Float64Array(n * 2), y: new Int32Array(n) };
}

/** np.linspace(a, b, count)[i]. */
function linspace(a: number, b: number, count: number, i: number): number {
  return count === 1 ? a : a + ((b - a) * i) / (count - 1);
}

/**
 * The course's spiral (CS231n "case study"): for class j, N points with radius r = linspace(0, 1, N)
 * and angle t = linspace(4j, 4(j+1), N) + 0.2 randn, at (r sin t, r cos t).
 */
export function spiral(o: GeneratedOptions): Dataset {
  const { rng, perClass: N, classes: K, noise, n, x, y } = common('spiral', o, 0.2);
  for (let j = 0; j < K; j++) {
    for (let i = 0; i < N; i++) {
      const ix = N * j + i;
      const r = linspace(0, 1, N, i);
      const t = linspace(j * 4, (j + 1) * 4, N, i) + rng.normal() * noise;
      x[2 * ix] = r * Math.sin(t);
      x[2 * ix + 1] = r * Math.cos(t);
      y[ix] = j;
    }
  }
  return { name: 'spiral', x, y, n, d: 2, classes: K };
}

/** XOR: uniform points in [-1, 1]^2 (kept 0.05 away from the axes), class 0 where x1 x2 > 0; noise jitters the points. */
export function xor(o: GeneratedOptions): Dataset {
  const { rng, perClass, noise, n, x, y } = common('xor', o, 0.05, 2);
  for (let c = 0; c < 2; c++) {
    for (let i = 0; i < perClass; i++) {
      const ix = c * perClass + i;
      // quadrant: class 0 in (+,+) and (-,-); class 1 in (+,-) and (-,+)
      const sx = rng.random() < 0.5 ? -1 : 1;
      const sy = c === 0 ? sx : -sx;
      x[2 * ix] = sx * rng.uniform(0.05, 1) + noise * rng.normal();
      x[2 * ix + 1] = sy * rng.uniform(0.05, 1) + noise * rng.normal();
      y[ix] = c;
    }
  }
  return { name: 'xor', x, y, n, d: 2, classes: 2 };
}

/** Circle: class 0 inside radius 0.5 (uniform on the disc), class 1 on a ring of radius 0.7-1.0; noise jitters the points. */
export function circle(o: GeneratedOptions): Dataset {
  const { rng, perClass, noise, n, x, y } = common('circle', o, 0.05, 2);
  for (let c = 0; c < 2; c++) {
    for (let i = 0; i < perClass; i++) {
      const ix = c * perClass + i;
      const r = c === 0 ? 0.5 * Math.sqrt(rng.random()) : rng.uniform(0.7, 1);
      const t = rng.uniform(0, 2 * Math.PI);
      x[2 * ix] = r * Math.cos(t) + noise * rng.normal();
      x[2 * ix + 1] = r * Math.sin(t) + noise * rng.normal();
      y[ix] = c;
    }
  }
  return { name: 'circle', x, y, n, d: 2, classes: 2 };
}

/** Gaussians: K isotropic blobs (standard deviation `noise`, default 0.3) centred evenly on the unit circle. */
export function gaussians(o: GeneratedOptions): Dataset {
  const { rng, perClass, classes: K, noise, n, x, y } = common('gaussians', o, 0.3);
  for (let c = 0; c < K; c++) {
    const cx = Math.cos((2 * Math.PI * c) / K), cy = Math.sin((2 * Math.PI * c) / K);
    for (let i = 0; i < perClass; i++) {
      const ix = c * perClass + i;
      x[2 * ix] = cx + noise * rng.normal();
      x[2 * ix + 1] = cy + noise * rng.normal();
      y[ix] = c;
    }
  }
  return { name: 'gaussians', x, y, n, d: 2, classes: K };
}

/**
 * Two moons (as scikit-learn's make_moons): class 0 at (cos t, sin t), class 1 at
 * (1 - cos t, 0.5 - sin t), t = linspace(0, pi, N), plus Gaussian noise (default 0.1).
 */
export function moons(o: GeneratedOptions): Dataset {
  const { rng, perClass: N, noise, n, x, y } = common('moons', o, 0.1, 2);
  for (let i = 0; i < N; i++) {
    const t = linspace(0, Math.PI, N, i);
    x[2 * i] = Math.cos(t) + noise * rng.normal();
    x[2 * i + 1] = Math.sin(t) + noise * rng.normal();
    y[i] = 0;
    const k = N + i;
    x[2 * k] = 1 - Math.cos(t) + noise * rng.normal();
    x[2 * k + 1] = 0.5 - Math.sin(t) + noise * rng.normal();
    y[k] = 1;
  }
  return { name: 'moons', x, y, n, d: 2, classes: 2 };
}
