/**
 * The f-I curve of the chosen soma model, with the ReLU least-squares fitted over it: the
 * lecture's "a neuron's rate is a rectified function of its input" made visible. A thin adapter
 * over the spiking engine (src/core/bio) and the bridge's ReLU fit (src/core/experiments):
 * one population with one neuron per drive value, stepped under constant input, spikes counted
 * after a settling time. Runs on settings changes only, never per frame.
 */
import { HhSoma } from '../bio/hh';
import { IzhikevichSoma } from '../bio/izhikevich';
import { LifSoma } from '../bio/lif';
import { firedBuffer, type SomaModel } from '../bio/soma';
import { fitRelu } from '../experiments/relu-fit';
import type { Settings } from './settings';

/** Per model: drive range (in the model's input unit), time step and unit label. */
export const FI_SETUP = {
  lif: { maxDrive: 60, dtMs: 0.1, unit: 'mV (R I)' },
  izhikevich: { maxDrive: 20, dtMs: 0.5, unit: 'I (model units)' },
  hh: { maxDrive: 30, dtMs: 0.025, unit: 'uA/cm2' },
} as const;

/** Settling time before counting, ms, and counting time, ms. */
const SETTLE_MS = 100;
const COUNT_MS = 500;

/**
 * Fills `drive` (model units), `rate` (Hz) and `reluFit` (Hz, the fitted slope * max(0, I - theta)),
 * all of the same length, for the soma in `settings.soma` (LIF takes tauMs and refractoryMs).
 * Returns the fit.
 */
export function somaFiCurve(settings: Pick<Settings, 'soma' | 'tauMs' | 'refractoryMs'>, drive: Float64Array, rate: Float64Array, reluFit: Float64Array) {
  const n = drive.length;
  const setup = FI_SETUP[settings.soma];
  const soma: SomaModel =
    settings.soma === 'lif'
      ? new LifSoma(n, { tauMs: settings.tauMs, refractoryMs: settings.refractoryMs })
      : settings.soma === 'izhikevich'
        ? new IzhikevichSoma(n)
        : new HhSoma(n);
  for (let i = 0; i < n; i++) drive[i] = (setup.maxDrive * i) / (n - 1);
  const fired = firedBuffer(n);
  const counts = new Float64Array(n);
  const steps = Math.round((SETTLE_MS + COUNT_MS) / setup.dtMs);
  const settle = Math.round(SETTLE_MS / setup.dtMs);
  for (let s = 0; s < steps; s++) {
    const m = soma.step(setup.dtMs, s * setup.dtMs, drive, fired);
    if (s < settle) continue;
    for (let q = 0; q < m; q++) counts[fired.indices[q]]++;
  }
  for (let i = 0; i < n; i++) rate[i] = (counts[i] * 1000) / COUNT_MS;
  const fit = fitRelu(drive, rate);
  for (let i = 0; i < n; i++) reluFit[i] = fit.slope * Math.max(0, drive[i] - fit.threshold);
  return fit;
}
