import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { IZHIKEVICH_2003_PRESETS, IzhikevichSoma, type Izhikevich2003Preset, type IzhikevichScheme } from './izhikevich';
import { IZHIKEVICH_2004_PRESETS } from './izhikevich-2004';
import { resolveModel } from './models';
import reference from './reference/izhikevich_brian2.json';
import figure1 from './reference/izhikevich_figure1.json';
import { runNeuron } from './single';
import { firedBuffer } from './soma';

/** All seven presets as one population, I = 10, 1 s, dt 0.1 ms; spike times per preset (ms). */
function simulate(scheme: IzhikevichScheme): Record<string, number[]> {
  const names = Object.keys(IZHIKEVICH_2003_PRESETS) as Izhikevich2003Preset[];
  const somas = names.map((n) => new IzhikevichSoma(1, { ...IZHIKEVICH_2003_PRESETS[n], scheme }));
  const input = new Float64Array([10]);
  const fired = firedBuffer(1);
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let step = 0; step < 10000; step++) {
    somas.forEach((s, k) => {
      if (s.step(0.1, step * 0.1, input, fired)) out[names[k]].push(step * 0.1 + fired.offsetsMs[0]);
    });
  }
  return out;
}

describe('Izhikevich 2003 presets against Brian2 2.5 (same scheme, I = 10, 1 s, dt 0.1 ms)', () => {
  for (const scheme of ['published', 'euler'] as const) {
    it(`${scheme}: same spike counts, spike times within one step`, () => {
      const ours = simulate(scheme);
      const theirs = reference.spike_times_ms[scheme] as Record<string, number[]>;
      for (const name of Object.keys(IZHIKEVICH_2003_PRESETS)) {
        expect(ours[name].length, name).toBe(theirs[name].length);
        expect(ours[name].length, name).toBeGreaterThan(10);
        const worst = Math.max(...ours[name].map((t, k) => Math.abs(t - theirs[name][k])));
        expect(worst, name).toBeLessThanOrEqual(0.1 + 1e-9);
      }
    });
  }

  it('the published scheme is the paper code: two half-steps of v, then u from the new v', () => {
    const s = new IzhikevichSoma(1, { a: 0.02, b: 0.2, c: -65, d: 8 }, -60, -12);
    s.step(1, 0, new Float64Array([5]), firedBuffer(1));
    let v = -60;
    v += 0.5 * (0.04 * v * v + 5 * v + 140 + 12 + 5);
    v += 0.5 * (0.04 * v * v + 5 * v + 140 + 12 + 5);
    expect(s.v[0]).toBeCloseTo(v, 12);
    expect(s.u[0]).toBeCloseTo(-12 + 0.02 * (0.2 * v + 12), 12);
  });

  it('refuses an unknown scheme and a reset at or above the peak', () => {
    expect(() => new IzhikevichSoma(1, { scheme: 'rk4' as never })).toThrow(ParameterError);
    expect(() => new IzhikevichSoma(1, { c: 30 })).toThrow(/c = 30/);
  });
});

describe('Izhikevich 2004, Fig. 1: the 20 presets against a port of the paper\'s figure1.m (scheme, stimuli, steps)', () => {
  it('has exactly the 20 panels of the figure, with their parameters and initial state', () => {
    expect(Object.keys(IZHIKEVICH_2004_PRESETS)).toEqual(figure1.panels.map((p) => p.name));
    for (const p of figure1.panels) {
      const m = resolveModel('izhikevich', p.name, {});
      expect(m.params, p.name).toMatchObject({ a: p.a, b: p.b, c: p.c, d: p.d, k1: p.k1, k0: p.k0, v0: p.v0, u0: p.u0 });
      expect(m.params.scheme, p.name).toBe(p.u_rule === 'accommodation' ? 'figure1-accommodation' : 'figure1');
      expect(m.dtMs, p.name).toBe(p.dt_ms);
      expect(Math.round(m.durationMs / m.dtMs), p.name).toBe(p.steps);
    }
  });

  for (const p of figure1.panels) {
    it(`(${p.panel}) ${p.name}: the same ${p.spike_steps.length} spike(s) on the same steps`, () => {
      const m = resolveModel('izhikevich', p.name, {});
      const t = runNeuron(m, 0, m.durationMs, m.dtMs).spikeTimesMs;
      expect(t.map((x) => Math.round(x / p.dt_ms))).toEqual(p.spike_steps);
      t.forEach((x, k) => expect(Math.abs(x - p.spike_times_ms[k])).toBeLessThan(1e-6));
    });
  }

  it('the audit\'s figures: latency spike at 26.6 ms, rebound spike at 68 ms, a rebound burst of 7', () => {
    const times = (name: string) => figure1.panels.find((p) => p.name === name)!.spike_times_ms;
    expect(times('spike_latency')).toEqual([expect.closeTo(26.6, 9)]);
    expect(times('rebound_spike')).toEqual([expect.closeTo(68, 9)]);
    expect(times('rebound_burst')).toHaveLength(7);
  });

  it('the figure1 scheme is figure1.m\'s: one Euler step of v, u from the new v, spike only above 30', () => {
    const s = new IzhikevichSoma(1, { a: 0.02, b: 0.2, c: -65, d: 8, scheme: 'figure1' }, -60, -12);
    s.step(0.25, 0, new Float64Array([5]), firedBuffer(1));
    const v = -60 + 0.25 * (0.04 * (-60) ** 2 + 5 * -60 + 140 + 12 + 5);
    expect(s.v[0]).toBe(v);
    expect(s.u[0]).toBe(-12 + 0.25 * 0.02 * (0.2 * v + 12));
    const r = new IzhikevichSoma(1, { a: 0.02, b: 1, c: -55, d: 4, scheme: 'figure1-accommodation' }, -65, -16);
    r.step(0.5, 0, new Float64Array([0]), firedBuffer(1));
    expect(r.u[0]).toBe(-16 + 0.5 * 0.02 * (1 * (r.v[0] + 65)));
    // exactly at the peak: no spike (v > 30), where the 2003 schemes fire (v >= 30)
    const atPeak = (scheme: IzhikevichScheme) => {
      const z = new IzhikevichSoma(1, { k2: 0, k1: 0, k0: 0, a: 0, scheme }, 20, 0);
      return z.step(1, 0, new Float64Array([10]), firedBuffer(1));
    };
    expect(atPeak('figure1')).toBe(0);
    expect(atPeak('euler')).toBe(1);
  });
});

describe('Izhikevich 2004 firing patterns (Fig. 1 of the paper): the behaviour the paper describes', () => {
  const run = (name: keyof typeof IZHIKEVICH_2004_PRESETS) => {
    const m = resolveModel('izhikevich', name, {});
    return runNeuron(m, 0, m.durationMs, m.dtMs).spikeTimesMs;
  };
  const isis = (t: number[]) => t.slice(1).map((x, k) => x - t[k]);

  it('tonic spiking: regular spikes after the onset', () => {
    const t = run('tonic_spiking');
    expect(t.length).toBeGreaterThan(3);
    expect(t[0]).toBeGreaterThan(10);
    // settles to a regular rhythm: the last ISIs agree within 5%
    const i = isis(t).slice(-2);
    expect(Math.max(...i) / Math.min(...i)).toBeLessThan(1.05);
  });
  it('phasic spiking: exactly one spike, at the onset', () => {
    const t = run('phasic_spiking');
    expect(t.length).toBe(1);
    expect(t[0]).toBeGreaterThan(20);
    expect(t[0]).toBeLessThan(60);
  });
  it('tonic bursting: bursts (short ISIs) separated by long pauses, repeatedly', () => {
    const i = isis(run('tonic_bursting'));
    const long = i.filter((x) => x > 15).length;
    const short = i.filter((x) => x < 8).length;
    expect(long).toBeGreaterThanOrEqual(2);
    expect(short).toBeGreaterThan(2 * long);
  });
  it('phasic bursting: one burst at onset, then silence', () => {
    const t = run('phasic_bursting');
    expect(t.length).toBeGreaterThanOrEqual(2);
    expect(t[t.length - 1] - t[0]).toBeLessThan(30);
  });
  it('mixed mode: a burst at onset, then tonic spikes with longer ISIs', () => {
    const i = isis(run('mixed_mode'));
    expect(i[0]).toBeLessThan(10);
    expect(Math.min(...i.slice(3))).toBeGreaterThan(2 * i[0]);
  });
  it('spike-frequency adaptation: ISIs lengthen', () => {
    const i = isis(run('spike_frequency_adaptation'));
    expect(i.length).toBeGreaterThan(2);
    expect(i[i.length - 1]).toBeGreaterThan(2 * i[0]);
  });
  it('class 1: the rate grows from a low value (< 30 Hz at onset) along the ramp', () => {
    const i = isis(run('class_1'));
    expect(i.length).toBeGreaterThan(4);
    expect(i[0]).toBeGreaterThan(1000 / 30);
    expect(i[0]).toBeGreaterThan(2 * i[i.length - 1]);
  });
  it('class 2: starts firing abruptly at a high rate (> 40 Hz at onset)', () => {
    const t = run('class_2');
    const i = isis(t);
    expect(t[0]).toBeGreaterThan(30);
    expect(i[0]).toBeLessThan(1000 / 40);
  });
  it('spike latency: one spike, well after the 3 ms pulse ended', () => {
    const t = run('spike_latency');
    expect(t.length).toBe(1);
    expect(t[0]).toBeGreaterThan(13 + 3);
  });
  it('rebound spike: one spike after the inhibitory pulse ends, none before', () => {
    const t = run('rebound_spike');
    expect(t.length).toBe(1);
    expect(t[0]).toBeGreaterThan(25);
  });
  it('rebound burst: several spikes after the inhibitory pulse ends', () => {
    const t = run('rebound_burst');
    expect(t.length).toBeGreaterThanOrEqual(2);
    expect(t[0]).toBeGreaterThan(25);
  });
});
