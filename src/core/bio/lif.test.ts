import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { LifSoma } from './lif';
import { LIF_DEFAULTS, lifRate, type LifRateParams } from './rate';
import { firedBuffer } from './soma';

/** Runs one LIF neuron per drive (one population) and returns the rate from the mean ISI, Hz. */
function isiRates(drives: number[], dtMs: number, durationMs: number, p: LifRateParams): number[] {
  const soma = new LifSoma(drives.length, p);
  const input = Float64Array.from(drives);
  const fired = firedBuffer(drives.length);
  const first = new Float64Array(drives.length).fill(NaN);
  const last = new Float64Array(drives.length);
  const count = new Int32Array(drives.length);
  const steps = Math.round(durationMs / dtMs);
  for (let n = 0; n < steps; n++) {
    const k = soma.step(dtMs, n * dtMs, input, fired);
    for (let j = 0; j < k; j++) {
      const i = fired.indices[j];
      const t = n * dtMs + fired.offsetsMs[j];
      if (count[i] === 0) first[i] = t;
      last[i] = t;
      count[i]++;
    }
  }
  return drives.map((_, i) => (count[i] >= 2 ? (1000 * (count[i] - 1)) / (last[i] - first[i]) : 0));
}

const factors = [1.05, 1.1, 1.25, 1.5, 2, 3, 5, 7.5, 10];

describe('LIF soma against the closed-form rate', () => {
  for (const [label, p] of [
    ['defaults (reset = rest)', LIF_DEFAULTS],
    ['reset below rest, t_ref 5 ms', { tauMs: 10, refractoryMs: 5, vRestMv: -70, vResetMv: -75, vThreshMv: -54 }],
  ] as const) {
    const theta = p.vThreshMv - p.vRestMv;
    const drives = factors.map((f) => f * theta);
    it(`${label}: within 0.2% at dt 0.01 ms`, () => {
      const rates = isiRates(drives, 0.01, 2000, p);
      drives.forEach((d, i) => expect(Math.abs(rates[i] / lifRate(d, p) - 1)).toBeLessThan(0.002));
    });
    it(`${label}: within 0.5% at dt 0.1 ms`, () => {
      const rates = isiRates(drives, 0.1, 3000, p);
      drives.forEach((d, i) => expect(Math.abs(rates[i] / lifRate(d, p) - 1)).toBeLessThan(0.005));
    });
  }

  it('stays silent at and below the threshold distance, relaxing exactly to V_rest + D', () => {
    const soma = new LifSoma(2, LIF_DEFAULTS);
    const fired = firedBuffer(2);
    const input = new Float64Array([10, 15]);
    let spikes = 0;
    for (let n = 0; n < 1000; n++) spikes += soma.step(0.1, n * 0.1, input, fired);
    expect(spikes).toBe(0);
    // after 100 ms from rest: V = V_rest + D (1 - e^(-100/20))
    expect(soma.v[0]).toBeCloseTo(-65 + 10 * (1 - Math.exp(-5)), 10);
  });

  it('places the spike at the exact crossing time and holds V_reset for t_ref', () => {
    const p = LIF_DEFAULTS;
    const soma = new LifSoma(1, p);
    const fired = firedBuffer(1);
    const input = new Float64Array([30]);
    const tStar = p.tauMs * Math.log(30 / (30 - 15)); // first crossing from rest
    let t = NaN;
    for (let n = 0; n < 200 && Number.isNaN(t); n++) if (soma.step(0.1, n * 0.1, input, fired)) t = n * 0.1 + fired.offsetsMs[0];
    expect(t).toBeCloseTo(tStar, 9);
    expect(soma.v[0]).toBe(p.vResetMv);
  });

  it('refuses tau <= 0, a reset at or above threshold and negative refractory periods', () => {
    expect(() => new LifSoma(1, { tauMs: 0 })).toThrow(ParameterError);
    expect(() => new LifSoma(1, { tauMs: -5 })).toThrow(/tau_ms = -5/);
    expect(() => new LifSoma(1, { vResetMv: -50 })).toThrow(/v_reset_mv/);
    expect(() => new LifSoma(1, { refractoryMs: -1 })).toThrow(/refractory_ms/);
  });
});
