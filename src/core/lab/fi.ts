/**
 * The chosen soma model on its own: its f-I curve with the ReLU least-squares fitted over it (the
 * lecture's "a neuron's rate is a rectified function of its input" made visible), and the
 * membrane trace of one neuron under the chosen constant current. A thin adapter over the spiking
 * core's model registry (bio/models.ts: parameters, presets, units, validation) and the bridge's
 * ReLU fit (experiments/relu-fit.ts). Runs on settings changes only, never per frame.
 */
import { resolveModel, type ResolvedModel } from '../bio/models';
import { checkFiniteState } from '../bio/population';
import { firedBuffer } from '../bio/soma';
import { fitRelu, type ReluFit } from '../experiments/relu-fit';
import { SETTINGS, SETTING_KEYS, type PAGE_SOMA_MODELS, type SettingField, type Settings } from './settings';
import { NEURON_SAMPLES } from './snapshot';

/** The settings that define the soma model of the f-I panel: `soma` and the rows linked to its parameters. */
export type SomaSettings = Settings;

/** Per model the page offers: largest drive of the f-I curve (in the model's input unit) and the time step, ms. */
export const FI_SETUP: Record<(typeof PAGE_SOMA_MODELS)[number], { maxDrive: number; dtMs: number }> = {
  lif: { maxDrive: 60, dtMs: 0.1 },
  izhikevich: { maxDrive: 20, dtMs: 0.1 },
  hh: { maxDrive: 30, dtMs: 0.025 },
};

/** The settings that are parameters of a soma model (their `soma` link), with the declared key. */
const SOMA_PARAM_SETTINGS = SETTING_KEYS.flatMap((key) => {
  const f: SettingField = SETTINGS[key];
  return f.kind === 'number' && f.soma?.key !== undefined ? [{ key, model: f.soma.model, param: f.soma.key }] : [];
});

/** Settling time before counting, ms, and counting time, ms. */
const SETTLE_MS = 100;
const COUNT_MS = 500;

/** Length of the single-neuron trace, ms, and its sampling interval, ms. */
export const NEURON_TRACE_MS = 200;
export const NEURON_SAMPLE_MS = 0.1;

/**
 * The soma model of the settings through the spiking core's registry: the settings linked to the
 * chosen model's parameters (settings.ts: LIF tau_m, t_ref; Izhikevich a, b, c, d; HH g_Na, g_K,
 * g_L), the declared defaults for the rest. Throws ParameterError for values the model refuses.
 */
export function resolveSoma(s: SomaSettings): ResolvedModel {
  const raw: Record<string, string> = {};
  for (const { key, model, param } of SOMA_PARAM_SETTINGS) if (model === s.soma) raw[param] = String(s[key]);
  return resolveModel(s.soma, undefined, raw);
}

/**
 * Fills `drive` (model units, 0 to FI_SETUP.maxDrive), `rate` (Hz: spikes in COUNT_MS after
 * SETTLE_MS) and `reluFit` (Hz, the fitted slope * max(0, I - threshold)), all of one length,
 * for the soma of the settings: one population with one neuron per drive value. Returns the fit.
 */
export function somaFiCurve(s: SomaSettings, drive: Float64Array, rate: Float64Array, reluFit: Float64Array): ReluFit {
  const n = drive.length;
  const setup = FI_SETUP[s.soma];
  const soma = resolveSoma(s).make(n);
  soma.checkDt(setup.dtMs);
  for (let i = 0; i < n; i++) drive[i] = (setup.maxDrive * i) / (n - 1);
  const fired = firedBuffer(n);
  const counts = new Float64Array(n);
  const steps = Math.round((SETTLE_MS + COUNT_MS) / setup.dtMs);
  const settle = Math.round(SETTLE_MS / setup.dtMs);
  for (let k = 0; k < steps; k++) {
    const m = soma.step(setup.dtMs, k * setup.dtMs, drive, fired);
    if (k < settle) continue;
    for (let q = 0; q < m; q++) counts[fired.indices[q]]++;
  }
  // a state that stopped being finite fires no more: say so rather than draw a curve of it
  checkFiniteState(soma, 'f-I curve', steps * setup.dtMs);
  for (let i = 0; i < n; i++) rate[i] = (counts[i] * 1000) / COUNT_MS;
  const fit = fitRelu(drive, rate);
  for (let i = 0; i < n; i++) reluFit[i] = fit.slope * Math.max(0, drive[i] - fit.threshold);
  return fit;
}

/** Peak drawn at a spike for models whose v does not show it (mV): LIF has no spike shape, Izhikevich resets at v_peak. */
const SPIKE_PEAK_MV: Record<SomaSettings['soma'], number | null> = { lif: 20, izhikevich: 30, hh: null };

/**
 * One neuron of the soma model under the constant `current` (model units) for NEURON_TRACE_MS,
 * from its resting state, at the model's own time step. Writes the time (ms) and the membrane
 * potential (mV) every NEURON_SAMPLE_MS into `t` and `v` (length NEURON_SAMPLES; a sample in
 * which the neuron fired shows the spike's peak) and the spike times (ms, start of the step plus
 * the model's offset) into `spikes`. Returns the number of spikes (at most spikes.length kept).
 * Throws SomaRuntimeError (naming the variable and the time) if the state stops being finite.
 */
export function neuronTrace(s: SomaSettings, current: number, t: Float64Array, v: Float64Array, spikes: Float64Array): number {
  const m = resolveSoma(s);
  const dt = s.soma === 'hh' ? FI_SETUP.hh.dtMs : m.dtMs;
  const soma = m.make(1);
  soma.checkDt(dt);
  const input = new Float64Array([current]);
  const fired = firedBuffer(1);
  const stride = Math.max(1, Math.round(NEURON_SAMPLE_MS / dt));
  const peak = SPIKE_PEAK_MV[s.soma];
  const state = Object.values(soma.state);
  let count = 0;
  let spikedInSample = false;
  for (let q = 0; q < NEURON_SAMPLES; q++) {
    for (let k = 0; k < stride; k++) {
      const step = q * stride + k;
      if (soma.step(dt, step * dt, input, fired) > 0) {
        if (count < spikes.length) spikes[count] = step * dt + fired.offsetsMs[0];
        count++;
        spikedInSample = true;
      }
      let sum = 0; // NaN and infinities propagate: the scan (and its error) only on failure
      for (let j = 0; j < state.length; j++) sum += state[j][0];
      if (!Number.isFinite(sum)) checkFiniteState(soma, 'single neuron', (step + 1) * dt);
    }
    t[q] = (q + 1) * stride * dt;
    v[q] = spikedInSample && peak !== null ? peak : soma.v[0];
    spikedInSample = false;
  }
  return count;
}
