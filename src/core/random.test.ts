import { describe, expect, it } from 'vitest';
import { ParameterError } from './errors';
import { Rng, SEED_MAX, checkSeed } from './random';

describe('Rng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const xs = Array.from({ length: 100 }, () => a.random());
    expect(Array.from({ length: 100 }, () => b.random())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.random())).not.toEqual(xs);
  });

  it('is uniform on [0,1): mean 1/2 and variance 1/12 within sampling error', () => {
    const rng = new Rng(1);
    const n = 200_000;
    let sum = 0, sum2 = 0, min = 1, max = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.random();
      sum += x; sum2 += x * x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    const mean = sum / n, variance = sum2 / n - mean * mean;
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('draws standard normals: mean 0, variance 1', () => {
    const rng = new Rng(7);
    const n = 200_000;
    let sum = 0, sum2 = 0;
    for (let i = 0; i < n; i++) { const x = rng.normal(); sum += x; sum2 += x * x; }
    expect(Math.abs(sum / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sum2 / n - 1)).toBeLessThan(0.02);
  });

  it('keeps a fixed first value for seed 0, so streams stay identical across releases and engines', () => {
    // Pinned once from this implementation: a change here changes every seeded result in Soma.
    expect(new Rng(0).nextUint32()).toBe(1292791899);
    expect(new Rng(0).random()).toBe(0.30100156589637106);
  });
});

describe('seeds', () => {
  it('are integers in [0, 2^32 - 1]: a wider range would wrap to an equal 32-bit state', () => {
    for (const bad of [-1, 2 ** 32, 1e300, 0.5, NaN, Infinity]) expect(() => new Rng(bad)).toThrow(ParameterError);
    const a = new Rng(0), b = new Rng(SEED_MAX);
    expect(a.nextUint32()).not.toBe(b.nextUint32());
    expect(checkSeed(SEED_MAX)).toBe(SEED_MAX);
  });
});
