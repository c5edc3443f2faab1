import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { alphaM, alphaN, HhSoma, hhSteadyState, vtrap } from './hh';
import { firedBuffer } from './soma';

describe('Hodgkin-Huxley soma', () => {
  it('takes the limit at the 0/0 points of the rate functions', () => {
    expect(vtrap(0, 10)).toBe(10);
    expect(alphaM(-40)).toBe(1); // 0.1 * 10
    expect(alphaN(-55)).toBeCloseTo(0.1, 15);
    // continuous through the removable singularity (first-order Taylor: y (1 - z/2))
    for (const dv of [1e-12, 1e-9, 1e-6]) {
      expect(alphaM(-40 + dv)).toBeCloseTo(1 + dv / 20, 12);
      expect(alphaM(-40 - dv)).toBeCloseTo(1 - dv / 20, 12);
    }
  });

  it('rests at about -65 mV with gates at steady state (hh.mod parameters)', () => {
    const soma = new HhSoma(1);
    const s = hhSteadyState(-65);
    expect(soma.m[0]).toBeCloseTo(s.m, 15);
    // NEURON's documented resting values for hh at -65 mV
    expect(s.m).toBeCloseTo(0.0529, 4);
    expect(s.h).toBeCloseTo(0.5961, 4);
    expect(s.n).toBeCloseTo(0.3177, 4);
    const fired = firedBuffer(1);
    const input = new Float64Array(1);
    let spikes = 0;
    for (let n = 0; n < 5000; n++) spikes += soma.step(0.01, n * 0.01, input, fired);
    expect(spikes).toBe(0);
    expect(Math.abs(soma.v[0] + 65)).toBeLessThan(0.1);
  });

  it('exponential Euler agrees with RK4 on the spike count at dt 0.01 ms within one spike', () => {
    const counts = (['rk4', 'exponential-euler'] as const).map((method) => {
      const soma = new HhSoma(1, { method });
      const fired = firedBuffer(1);
      const input = new Float64Array([10]);
      let c = 0;
      for (let n = 0; n < 20000; n++) c += soma.step(0.01, n * 0.01, input, fired);
      return c;
    });
    expect(counts[0]).toBeGreaterThan(10);
    expect(Math.abs(counts[0] - counts[1])).toBeLessThanOrEqual(1);
  });

  it('refuses a dt too large to be stable, and bad parameters', () => {
    expect(() => new HhSoma(1).checkDt(0.1)).toThrow(ParameterError);
    expect(() => new HhSoma(1).checkDt(0.1)).toThrow(/dt_ms = 0.1 .*<= 0.05/);
    expect(() => new HhSoma(1).checkDt(0.05)).not.toThrow();
    expect(() => new HhSoma(1, { method: 'exponential-euler' }).checkDt(0.1)).not.toThrow();
    expect(() => new HhSoma(1).checkDt(0)).toThrow(/dt_ms = 0/);
    expect(() => new HhSoma(1, { cM: 0 })).toThrow(/c_m = 0/);
    expect(() => new HhSoma(1, { gNa: -1 })).toThrow(/g_na/);
  });
});

describe('Hodgkin-Huxley against Brian2 2.5 (RK4, dt 0.01 ms, steps 0..20 uA/cm2 for 500 ms)', () => {
  it('spike counts within one, first spikes within 0.05 ms', async () => {
    const reference = (await import('./reference/hh_brian2.json')).default;
    const currents = reference.points.map((p) => p.current);
    const soma = new HhSoma(currents.length);
    const input = Float64Array.from(currents);
    const fired = firedBuffer(currents.length);
    const counts = new Int32Array(currents.length);
    const first = new Float64Array(currents.length).fill(NaN);
    for (let n = 0; n < 50000; n++) {
      const k = soma.step(0.01, n * 0.01, input, fired);
      for (let j = 0; j < k; j++) {
        const i = fired.indices[j];
        if (counts[i]++ === 0) first[i] = n * 0.01 + fired.offsetsMs[j];
      }
    }
    let spiking = 0;
    reference.points.forEach((p, i) => {
      expect(Math.abs(counts[i] - p.n_spikes), `I = ${p.current}`).toBeLessThanOrEqual(1);
      if (p.first_spike_ms === null) expect(counts[i], `I = ${p.current}`).toBeLessThanOrEqual(1);
      else {
        spiking++;
        expect(Math.abs(first[i] - p.first_spike_ms), `I = ${p.current}`).toBeLessThanOrEqual(0.05);
      }
    });
    expect(spiking).toBeGreaterThan(10);
  });
});
