/**
 * The f-I experiment: for every soma model, the firing rate against a constant input current,
 * with the rate twins beside it and a ReLU fitted to the spiking curve.
 *
 * Rates come from the spiking core's `fiCurve` (one neuron per current in one population, rate =
 * 1000 / mean inter-spike interval). Beside them, on the same current axis: relu(I) in the
 * input's own unit, and the LIF rate and soft-LIF rate with I read as mV of drive (LIF defaults;
 * soft-LIF with the smoothing the ANN trains with). These are the exact twins of the spiking ReLU
 * and of LIF; for Izhikevich and Hodgkin-Huxley they are shapes to compare with, and the fitted
 * ReLU (threshold and slope by least squares, relu-fit.ts) is the one that describes them.
 */
import { SOFT_LIF_SIGMA_MV } from '../ann/activations';
import { NEURON_MODELS, resolveModel, type NeuronModelName } from '../bio/models';
import { lifRate, relu, softLifRate } from '../bio/rate';
import { fiCurve } from '../bio/single';
import { checkChoice, checkNumber } from '../errors';
import type { ProgressCallback } from './evaluate';
import { fitRelu, type ReluFit } from './relu-fit';

/** Default currents per model (its input unit): from silence well into repetitive firing. */
export const FI_DEFAULT_CURRENTS: Record<NeuronModelName, number[]> = {
  lif: range(0, 40, 1),
  izhikevich: range(0, 20, 0.5),
  hh: range(0, 30, 1),
  relu: range(-50, 500, 10),
};

function range(start: number, stop: number, step: number): number[] {
  const n = Math.floor((stop - start) / step + 1e-9) + 1;
  return Array.from({ length: n }, (_, i) => Number((start + i * step).toPrecision(12)));
}

/** One current of an f-I curve. */
export interface FiExperimentPoint {
  current: number;
  /** Spiking rate, Hz (1000 / mean ISI; 0 with fewer than 2 spikes). */
  rateHz: number;
  /** The fitted ReLU at this current, Hz. */
  fittedReluHz: number;
  /** relu(current), in the current's unit. */
  relu: number;
  /** LIF rate and soft-LIF rate with the current read as mV of drive, Hz. */
  lifRateHz: number;
  softLifRateHz: number;
}

/** The f-I curve of one model with its fitted ReLU. */
export interface FiExperimentCurve {
  model: NeuronModelName;
  preset: string | null;
  currentUnit: string;
  dtMs: number;
  durationMs: number;
  points: FiExperimentPoint[];
  fit: ReluFit;
}

/** The fitted ReLU of an f-I curve and its value at each current (Hz). */
export function fitReluToCurve(points: readonly { current: number; rateHz: number }[]): { fit: ReluFit; fittedHz: number[] } {
  const fit = fitRelu(points.map((p) => p.current), points.map((p) => p.rateHz));
  return { fit, fittedHz: points.map((p) => fit.slope * relu(p.current - fit.threshold)) };
}

export interface FiExperimentOptions {
  /** Models to run (default all: lif, izhikevich, hh, relu); each with its default parameters. */
  models?: readonly string[];
  /** Currents per model (defaults FI_DEFAULT_CURRENTS). */
  currents?: Partial<Record<NeuronModelName, number[]>>;
  /** Simulated time per curve, ms (default: the model's own, 1000 ms; HH 500 ms). */
  durationMs?: number;
  /** Izhikevich preset (default RS). */
  izhikevichPreset?: string;
  onProgress?: ProgressCallback;
}

/** Runs the f-I experiment for each model (deterministic: no random input). */
export function fiExperiment(options: FiExperimentOptions = {}): FiExperimentCurve[] {
  const models = (options.models ?? NEURON_MODELS).map((m) => checkChoice('model', m, NEURON_MODELS));
  if (options.durationMs !== undefined) checkNumber('duration_ms', options.durationMs, { min: 0, minExclusive: true, max: 1e7 });
  return models.map((name, i) => {
    const model = resolveModel(name, name === 'izhikevich' ? options.izhikevichPreset : undefined, {});
    const currents = options.currents?.[name] ?? FI_DEFAULT_CURRENTS[name];
    const durationMs = options.durationMs ?? model.durationMs;
    const curve = fiCurve(model, currents, durationMs, model.dtMs);
    const { fit, fittedHz } = fitReluToCurve(curve);
    options.onProgress?.((i + 1) / models.length, `f-I ${name}`);
    return {
      model: name, preset: model.preset, currentUnit: model.currentUnit, dtMs: model.dtMs, durationMs,
      points: curve.map((p, k) => ({
        current: p.current,
        rateHz: p.rateHz,
        fittedReluHz: fittedHz[k],
        relu: relu(p.current),
        lifRateHz: lifRate(p.current),
        softLifRateHz: softLifRate(p.current, SOFT_LIF_SIGMA_MV),
      })),
      fit,
    };
  });
}
