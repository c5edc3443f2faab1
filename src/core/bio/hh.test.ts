import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { alphaH, alphaM, alphaN, betaH, betaM, betaN, checkHhCurrent, HH_RK4_STIFFNESS, HhSoma, hhSteadyState, vtrap, type HhMethod } from './hh';
import stiff from './reference/hh_stiff.json';
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

/**
 * One neuron per reference case from rest, I = amp from 10 ms (steps) or from 10 to 15 ms
 * (pulses), 60 ms: V at the checkpoints that are whole steps and more than 2 ms from a reference
 * spike (V on a spike's flank moves 100 mV/ms), and the spike times (interpolated 0 mV crossings).
 */
function againstStiff(method: HhMethod, dt: number, cases: (current: number) => boolean = () => true) {
  let worstV = 0;
  let worstSpike = 0;
  for (const p of stiff.points.filter((q) => cases(q.current))) {
    const soma = new HhSoma(1, { method });
    const fired = firedBuffer(1);
    const input = new Float64Array(1);
    const spikes: number[] = [];
    const steps = Math.round(stiff.duration_ms / dt);
    const at = new Map(p.checkpoints_ms.map((c, k) => [Math.round(c / dt), k]));
    for (let n = 0; n < steps; n++) {
      const t = n * dt;
      input[0] = t >= 10 && (p.kind === 'step' || t < 15) ? p.current : 0;
      if (soma.step(dt, t, input, fired)) spikes.push(t + fired.offsetsMs[0]);
      const k = at.get(n + 1);
      if (k === undefined) continue;
      const c = p.checkpoints_ms[k];
      if (Math.abs((n + 1) * dt - c) > 1e-9 || p.spike_times_ms.some((s) => Math.abs(s - c) < 2)) continue;
      expect(Number.isFinite(soma.v[0]), `${p.kind} ${p.current} at ${c} ms`).toBe(true);
      worstV = Math.max(worstV, Math.abs(soma.v[0] - p.v_mv[k]));
    }
    expect(spikes.length, `${p.kind} ${p.current}: ${spikes.join(', ')}`).toBe(p.spike_times_ms.length);
    spikes.forEach((t, k) => (worstSpike = Math.max(worstSpike, Math.abs(t - p.spike_times_ms[k]))));
    if (p.kind === 'pulse') expect(p.rebound_ms, `${p.current}`).toBe(p.spike_times_ms.find((t) => t >= 15));
  }
  return { worstV, worstSpike };
}

describe('Hodgkin-Huxley against a stiff solver (scipy Radau): steps -100..200 and pulses -100..-10 uA/cm2', () => {
  it('the reference has the audit\'s figures: V settles near -187 mV at -40, rebound of the -40 x 5 ms pulse at 24.35 ms', () => {
    const step40 = stiff.points.find((p) => p.kind === 'step' && p.current === -40)!;
    expect(step40.spike_times_ms).toEqual([]);
    expect(step40.v_mv[step40.v_mv.length - 1]).toBeCloseTo(-187.6, 1);
    expect(stiff.points.find((p) => p.kind === 'pulse' && p.current === -40)!.rebound_ms).toBeCloseTo(24.35, 2);
  });

  // measured: 2.2e-4 mV, 6.1e-5 ms at 0.01; 1.7e-3 mV, 4.0e-4 ms at 0.025; 2.5e-2 mV, 1.5e-3 ms at 0.05
  for (const [dt, tolV, tolSpike] of [[0.01, 1e-3, 2e-4], [0.025, 5e-3, 1e-3], [0.05, 0.05, 3e-3]] as const) {
    it(`rk4 at dt ${dt} ms: same spikes (none during the hyperpolarisation), V within ${tolV} mV, spike times within ${tolSpike} ms`, () => {
      const { worstV, worstSpike } = againstStiff('rk4', dt);
      expect(worstV).toBeLessThanOrEqual(tolV);
      expect(worstSpike).toBeLessThanOrEqual(tolSpike);
    });
  }

  it('exponential Euler (first order) at dt 0.01 ms: same spikes; hyperpolarising: V within 5 mV, spikes within 0.1 ms; depolarising: spikes within 0.5 ms', () => {
    // measured: 3.5 mV (fast recovery after a pulse), 0.049 ms; the 6 spikes of the 50 uA/cm2 step drift to 0.32 ms
    const hyper = againstStiff('exponential-euler', 0.01, (c) => c < 0);
    expect(hyper.worstV).toBeLessThanOrEqual(5);
    expect(hyper.worstSpike).toBeLessThanOrEqual(0.1);
    expect(againstStiff('exponential-euler', 0.01, (c) => c > 0).worstSpike).toBeLessThanOrEqual(0.5);
  });

  it('at 0..100 uA/cm2 and dt <= 0.05 ms the stiffness bounds are never reached (plain RK4 results)', () => {
    for (const dt of [0.01, 0.025, 0.05]) {
      const currents = Array.from({ length: 101 }, (_, k) => k);
      const soma = new HhSoma(currents.length);
      const input = Float64Array.from(currents);
      const fired = firedBuffer(currents.length);
      let gates = 0;
      let v = 0;
      for (let n = 0; n < Math.round(200 / dt); n++) {
        for (let i = 0; i < soma.size; i++) {
          const x = soma.v[i], m = soma.m[i], h = soma.h[i], k = soma.n[i];
          gates = Math.max(gates, dt * Math.max(alphaM(x) + betaM(x), alphaH(x) + betaH(x), alphaN(x) + betaN(x)));
          v = Math.max(v, dt * (120 * m * m * m * h + 36 * k * k * k * k + 0.3));
        }
        soma.step(dt, n * dt, input, fired);
      }
      expect(gates, `dt ${dt}`).toBeLessThan(0.5 * HH_RK4_STIFFNESS.gates);
      expect(v, `dt ${dt}`).toBeLessThan(0.85 * HH_RK4_STIFFNESS.v);
    }
  });

  it('stays finite far beyond the checked range, and the range is enforced by checkHhCurrent', () => {
    for (const current of [-1000, 1000]) {
      const soma = new HhSoma(1);
      const fired = firedBuffer(1);
      const input = new Float64Array([current]);
      let spikes = 0;
      for (let n = 0; n < 20000; n++) spikes += soma.step(0.01, n * 0.01, input, fired);
      expect(Number.isFinite(soma.v[0] + soma.m[0] + soma.h[0] + soma.n[0]), `${current}`).toBe(true);
      // V_inf = E_L + I / g_L once the gates have closed (-3387.6 mV); a depolarisation block above
      expect(spikes, `${current}`).toBe(current < 0 ? 0 : 1);
    }
    expect(checkHhCurrent('--current', -100)).toBe(-100);
    expect(() => checkHhCurrent('--current', -100.5)).toThrow(/--current = -100.5 .*from -100 to 200 uA\/cm2/);
    expect(() => checkHhCurrent('--current', 201)).toThrow(ParameterError);
  });
});
