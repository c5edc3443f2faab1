import { describe, expect, it } from 'vitest';
import { lifRate } from '../bio/rate';
import { ParameterError } from '../errors';
import { fitRelu } from './relu-fit';

describe('fitRelu', () => {
  it('recovers an exact ReLU with zero error', () => {
    const I = Array.from({ length: 41 }, (_, i) => i * 0.5);
    const r = I.map((x) => 12 * Math.max(0, x - 7.3));
    const fit = fitRelu(I, r);
    expect(fit.threshold).toBeCloseTo(7.3, 10);
    expect(fit.slope).toBeCloseTo(12, 10);
    expect(fit.rmseHz).toBeLessThan(1e-9);
  });

  it('finds the least-squares optimum of a LIF curve (checked against a fine grid search)', () => {
    const I = Array.from({ length: 60 }, (_, i) => i * 0.75); // drive, mV
    const r = I.map((d) => lifRate(d));
    const fit = fitRelu(I, r);
    const sse = (theta: number, slope: number) => r.reduce((s, ri, i) => s + (ri - slope * Math.max(0, I[i] - theta)) ** 2, 0);
    const best = sse(fit.threshold, fit.slope);
    expect(Math.sqrt(best / I.length)).toBeCloseTo(fit.rmseHz, 9);
    // No grid point does better: theta in 0.01 mV steps, slope at its closed-form optimum.
    for (let theta = 0; theta <= 44; theta += 0.01) {
      let srh = 0, shh = 0;
      I.forEach((x, i) => {
        const h = Math.max(0, x - theta);
        srh += r[i] * h;
        shh += h * h;
      });
      if (shh > 0) expect(sse(theta, srh / shh)).toBeGreaterThanOrEqual(best - 1e-6);
    }
    // The LIF curve rises steeply at its 15 mV threshold and then bends over (concave), so the
    // best straight ReLU starts below 15 mV and is visibly off.
    expect(fit.threshold).toBeLessThan(15);
    expect(fit.relativeError).toBeGreaterThan(0.01);
  });

  it('refuses too few points and mismatched lengths', () => {
    expect(() => fitRelu([1], [1])).toThrow(ParameterError);
    expect(() => fitRelu([1, 2], [1])).toThrow(/rates/);
  });
});
