import { describe, expect, it } from 'vitest';
import { LIF_DEFAULTS, lifRate } from '../bio/rate';
import hhRef from '../bio/reference/hh_brian2.json';
import hhStiff from '../bio/reference/hh_stiff.json';
import { SomaRuntimeError } from '../errors';
import izhRef from '../bio/reference/izhikevich_brian2.json';
import { neuronTrace, somaFiCurve, type SomaSettings } from './fi';
import { PAGE_IZHIKEVICH_PRESETS, defaultSettings, izhikevichPresetSettings } from './settings';
import { NEURON_SAMPLES, NEURON_SPIKE_CAPACITY } from './snapshot';

function soma(patch: Partial<SomaSettings>): SomaSettings {
  return { ...defaultSettings(), ...patch };
}

const buffers = () => ({ t: new Float64Array(NEURON_SAMPLES), v: new Float64Array(NEURON_SAMPLES), spikes: new Float64Array(NEURON_SPIKE_CAPACITY) });

describe('f-I curve of the chosen soma', () => {
  it('LIF matches the closed-form rate within one spike per counting window (2 Hz)', () => {
    const n = 31;
    const drive = new Float64Array(n), rate = new Float64Array(n), fit = new Float64Array(n);
    somaFiCurve(soma({ soma: 'lif', tauMs: LIF_DEFAULTS.tauMs, refractoryMs: LIF_DEFAULTS.refractoryMs }), drive, rate, fit);
    for (let i = 0; i < n; i++) expect(Math.abs(rate[i] - lifRate(drive[i])), `drive ${drive[i]}`).toBeLessThanOrEqual(2.0001);
    // Below threshold (15 mV) silent; the fitted ReLU is silent near zero drive and rises above.
    expect(rate[0]).toBe(0);
    expect(fit[0]).toBe(0);
    expect(fit[n - 1]).toBeGreaterThan(rate[Math.floor(n / 2)]);
  });

  it('LIF tau and t_ref reach the curve: the closed form with those parameters', () => {
    const n = 13;
    const drive = new Float64Array(n), rate = new Float64Array(n), fit = new Float64Array(n);
    somaFiCurve(soma({ soma: 'lif', tauMs: 10, refractoryMs: 5 }), drive, rate, fit);
    for (let i = 0; i < n; i++) expect(Math.abs(rate[i] - lifRate(drive[i], { ...LIF_DEFAULTS, tauMs: 10, refractoryMs: 5 }))).toBeLessThanOrEqual(2.0001);
  });

  it('Izhikevich presets: the rate at I = 10 is Brian2 2.5\'s spike count in [100, 600) ms, times 2 Hz, for all seven presets', () => {
    const n = 61; // drives 0, 1/3, ..., 20: index 30 is I = 10
    const drive = new Float64Array(n), rate = new Float64Array(n), fit = new Float64Array(n);
    for (const preset of PAGE_IZHIKEVICH_PRESETS) {
      somaFiCurve(soma({ soma: 'izhikevich', ...izhikevichPresetSettings(preset) }), drive, rate, fit);
      expect(drive[30]).toBeCloseTo(10, 12);
      const times = (izhRef.spike_times_ms.published as Record<string, number[]>)[preset];
      const count = times.filter((t) => t >= 100 - 1e-9 && t < 600 - 1e-9).length;
      expect(rate[30], preset).toBe(2 * count);
      expect(rate[0], preset).toBe(0);
    }
  });

  it('HH fires more for more drive and not at all for none; without sodium channels (g_Na = 0) it never fires', () => {
    const n = 7;
    const drive = new Float64Array(n), rate = new Float64Array(n), fit = new Float64Array(n);
    somaFiCurve(soma({ soma: 'hh' }), drive, rate, fit);
    expect(rate[0]).toBe(0);
    expect(rate[n - 1]).toBeGreaterThan(20);
    expect(rate[n - 1]).toBeGreaterThanOrEqual(rate[Math.floor(n / 2)]);
    somaFiCurve(soma({ soma: 'hh', hhGNa: 0 }), drive, rate, fit);
    expect(Array.from(rate).every((r) => r === 0)).toBe(true);
  });
});

describe('single-neuron trace of the chosen soma', () => {
  it('Izhikevich presets at I = 10: spike times equal Brian2 2.5 (published scheme, dt 0.1 ms) over the 200 ms', () => {
    for (const preset of PAGE_IZHIKEVICH_PRESETS) {
      const b = buffers();
      const count = neuronTrace(soma({ soma: 'izhikevich', ...izhikevichPresetSettings(preset) }), 10, b.t, b.v, b.spikes);
      const ref = (izhRef.spike_times_ms.published as Record<string, number[]>)[preset].filter((t) => t < 200 - 1e-9);
      expect(count, preset).toBe(ref.length);
      for (let i = 0; i < count; i++) expect(b.spikes[i], `${preset} spike ${i}`).toBeCloseTo(ref[i], 6);
      // The trace shows each spike at v_peak = 30 mV and rests near c otherwise.
      expect(Math.max(...b.v)).toBe(30);
    }
  });

  it('HH at 10 uA/cm2: spike times within 0.05 ms of Brian2 2.5 (RK4, dt 0.01 ms) over the 200 ms', () => {
    const b = buffers();
    const count = neuronTrace(soma({ soma: 'hh' }), 10, b.t, b.v, b.spikes);
    const ref = hhRef.points.find((p) => p.current === 10)!.spike_times_ms.filter((t) => t < 200);
    expect(count).toBe(ref.length);
    for (let i = 0; i < count; i++) expect(Math.abs(b.spikes[i] - ref[i]), `spike ${i}`).toBeLessThan(0.05);
    expect(Math.max(...b.v)).toBeGreaterThan(20); // the action potential's overshoot
    expect(b.t[NEURON_SAMPLES - 1]).toBeCloseTo(200, 9);
  });

  it('LIF: the interspike interval is the closed form t_ref + tau ln(D / (D - theta))', () => {
    const b = buffers();
    const count = neuronTrace(soma({ soma: 'lif', tauMs: 20, refractoryMs: 2 }), 30, b.t, b.v, b.spikes);
    const isi = 1000 / lifRate(30);
    expect(count).toBe(Math.floor(200 / isi));
    for (let i = 1; i < count; i++) expect(b.spikes[i] - b.spikes[i - 1]).toBeCloseTo(isi, 9);
  });

  it('HH at the page\'s lowest current, -20 uA/cm2: no spike, V settles where the stiff solver (scipy Radau) does', () => {
    const b = buffers();
    expect(neuronTrace(soma({ soma: 'hh' }), -20, b.t, b.v, b.spikes)).toBe(0);
    const ref = hhStiff.points.find((p) => p.kind === 'step' && p.current === -20)!;
    expect(Math.abs(b.v[NEURON_SAMPLES - 1] - ref.v_mv[ref.v_mv.length - 1])).toBeLessThan(0.01); // -120.97 mV
  });

  it('a state that stops being finite throws one line naming model, neuron, variable and time', () => {
    // no conductances: V = -65 - 100 t, and e^(-(V+65)/20) in alpha_h overflows at t = 20 ln(MAX_VALUE) / 100 = 141.96 ms
    const b = buffers();
    const run = () => neuronTrace(soma({ soma: 'hh', hhGNa: 0, hhGK: 0, hhGL: 0 }), -100, b.t, b.v, b.spikes);
    expect(run).toThrow(SomaRuntimeError);
    expect(run).toThrow(/^hh population "single neuron": neuron 0 has h = NaN at t = 141\.9\d* ms; the run stopped/);
  });
});
