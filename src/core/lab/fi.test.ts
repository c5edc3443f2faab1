import { describe, expect, it } from 'vitest';
import { LIF_DEFAULTS, lifRate } from '../bio/rate';
import { somaFiCurve } from './fi';

describe('f-I curve of the chosen soma', () => {
  it('LIF matches the closed-form rate within one spike per counting window (2 Hz)', () => {
    const n = 31;
    const drive = new Float64Array(n), rate = new Float64Array(n), fit = new Float64Array(n);
    somaFiCurve({ soma: 'lif', tauMs: LIF_DEFAULTS.tauMs, refractoryMs: LIF_DEFAULTS.refractoryMs }, drive, rate, fit);
    for (let i = 0; i < n; i++) expect(Math.abs(rate[i] - lifRate(drive[i])), `drive ${drive[i]}`).toBeLessThanOrEqual(2.0001);
    // Below threshold (15 mV) silent; the fitted ReLU is silent near zero drive and rises above.
    expect(rate[0]).toBe(0);
    expect(fit[0]).toBe(0);
    expect(fit[n - 1]).toBeGreaterThan(rate[Math.floor(n / 2)]);
  });

  it('Izhikevich and HH fire more for more drive and not at all for none', () => {
    for (const soma of ['izhikevich', 'hh'] as const) {
      const n = 7;
      const drive = new Float64Array(n), rate = new Float64Array(n), fit = new Float64Array(n);
      somaFiCurve({ soma, tauMs: 20, refractoryMs: 2 }, drive, rate, fit);
      expect(rate[0], soma).toBe(0);
      expect(rate[n - 1], soma).toBeGreaterThan(20);
      expect(rate[n - 1], soma).toBeGreaterThanOrEqual(rate[Math.floor(n / 2)]);
    }
  });
});
