import { describe, expect, it } from 'vitest';
import { LIF_DEFAULTS, lifRate, lifRateDerivative, relu, softLifRate, softLifRateDerivative } from './rate';

const centered = (f: (x: number) => number, x: number, h = 1e-5) => (f(x + h) - f(x - h)) / (2 * h);

describe('rate models', () => {
  it('relu is max(0, x)', () => {
    expect([-2, 0, 3.5].map(relu)).toEqual([0, 0, 3.5]);
  });

  it('LIF rate matches the closed form worked by hand', () => {
    // theta = 15 mV, D = 30 mV: T = 20 ln(30/15) = 13.8629 ms; r = 1000 / 15.8629 = 63.04 Hz
    expect(lifRate(30)).toBeCloseTo(1000 / (2 + 20 * Math.log(2)), 10);
    expect(lifRate(15)).toBe(0);
    expect(lifRate(-5)).toBe(0);
    // At huge drive the rate saturates at 1 / t_ref.
    expect(lifRate(1e9)).toBeCloseTo(500, 3);
  });

  it('LIF rate derivative matches centered differences', () => {
    for (const d of [15.5, 20, 40, 200]) {
      const n = centered((x) => lifRate(x), d);
      const a = lifRateDerivative(d);
      expect(Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n))).toBeLessThan(1e-6);
    }
  });

  it('soft-LIF tends to LIF as sigma -> 0 and is smooth at threshold', () => {
    for (const d of [16, 20, 40]) expect(softLifRate(d, 1e-3)).toBeCloseTo(lifRate(d), 6);
    expect(softLifRate(15, 1)).toBeGreaterThan(0);
    for (const d of [5, 15, 16, 30]) {
      const n = centered((x) => softLifRate(x, 1), d);
      const a = softLifRateDerivative(d, 1);
      expect(Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n))).toBeLessThan(1e-6);
    }
  });

  it('uses reset != rest when asked', () => {
    const p = { ...LIF_DEFAULTS, vResetMv: -60 };
    expect(lifRate(30, p)).toBeCloseTo(1000 / (2 + 20 * Math.log(25 / 15)), 10);
  });
});
