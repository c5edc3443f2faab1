/**
 * Real neurons carry the network: for one data set and one soma model (LIF, an Izhikevich preset,
 * Hodgkin-Huxley, the spiking ReLU), three networks on the same split and seed:
 *   1. the ReLU ANN (the course's network);
 *   2. the ANN trained through the model's own f-I curve (`soma-fi`, soma-fi.ts): the curve measured
 *      by simulation over the spiking run's window and step, fitted monotone and smooth, the
 *      input-to-current scale chosen from the ReLU network's hidden pre-activations on the
 *      training split (their 99.9th percentile reaches the top of the model's firing range);
 *   3. that ANN converted: its hidden layer the soma model itself (constant input current
 *      I = I_0 + c (x W + b) in the model's units), the output layer integrate-and-fire
 *      (normalised as in convert.ts), evaluated at every T on the way to the longest.
 * Plain data out, for the CLI's table, the sweep script and the README.
 */
import { TRAIN_DEFAULTS, train, type TrainOptions } from '../ann/index';
import { forwardNetwork } from '../ann/network';
import { checkNumber } from '../errors';
import { convertNetwork, normalisationScale } from './convert';
import { experimentData, type ConvertDataset } from './conversion-experiment';
import { checkTimes, evaluateConverted, type AccuracyAtT, type ProgressCallback } from './evaluate';
import { measureSomaFi, parseSomaChoice, somaFiSpec, type SomaFiOptions } from './soma-fi';

/** Options of one soma-model run. */
export interface SomaExperimentOptions {
  dataset: ConvertDataset;
  /** `lif`, `izhikevich:RS`, `hh`, `relu` (soma-fi.ts `parseSomaChoice`). */
  soma: string;
  /** `key=value` parameters of the model. */
  somaParams?: Record<string, string>;
  seed: number;
  /** Times at which the spiking accuracy is read, ms (default 10 20 50 100 200 500 1000). */
  tMs?: number[];
  /** Window of the f-I curve the ANN trains through, ms (default: the longest T). */
  fiMs?: number;
  /** Time step, ms (default: the model's own). */
  dtMs?: number;
  /** Fit smoothing in current spacings (default 1). */
  smoothing?: number;
  /** Training options (both ANNs) over the backprop defaults. */
  train?: Partial<TrainOptions>;
  onProgress?: ProgressCallback;
}

export const SOMA_DEFAULT_TIMES_MS = [10, 20, 50, 100, 200, 500, 1000];

/** What one run reports. */
export interface SomaExperimentResult {
  dataset: string;
  soma: string;
  model: string;
  preset: string | null;
  currentUnit: string;
  dtMs: number;
  fiMs: number;
  /** Test accuracy of the ReLU ANN and of the ANN trained through the model's f-I curve. */
  reluAnnAcc: number;
  fiAnnAcc: number;
  /** The spiking network of that model at each T: accuracy, agreement with its own ANN. */
  snn: AccuracyAtT[];
  /** Its own ANN minus the best spiking accuracy at T <= 1000 ms, points. */
  gapPoints: number;
  /** Pearson r of hidden rates (Hz) against the f-I ANN's activations, at the longest T. */
  rateVsActivationR: number | null;
  /** The current map I = I_0 + c u and the amplitude (activation per Hz). */
  currentOffset: number;
  currentScale: number;
  amplitudePerHz: number;
  /** The data's scale: p99.9 of the ReLU network's positive hidden pre-activations. */
  dataScale: number;
  /** Onset of firing (first measured current that fires) and the fit's largest error, Hz. */
  rheobase: number;
  maxFitErrorHz: number;
  topRateHz: number;
  timings: { trainMs: number; simulateMs: number };
}

/** Runs the three networks of one (data set, soma model) pair (see the module comment). */
export async function runSomaExperiment(options: SomaExperimentOptions): Promise<SomaExperimentResult> {
  const seed = checkNumber('seed', options.seed, { integer: true });
  const choice = parseSomaChoice(options.soma, options.somaParams ?? {});
  const dtMs = checkNumber('dt_ms', options.dtMs ?? choice.model.dtMs, { min: 0, minExclusive: true, max: 10 });
  const tMs = checkTimes(options.tMs ?? SOMA_DEFAULT_TIMES_MS, 'T', dtMs);
  const fiMs = checkNumber('fi_ms', options.fiMs ?? tMs[tMs.length - 1], { min: dtMs, max: 1e5 });
  const progress = options.onProgress ?? (() => {});
  // the model's curve first: a model the conversion cannot use is refused before any training
  const measured = measureSomaFi(choice, { durationMs: fiMs, dtMs });
  const { train: trainSet, test } = await experimentData(options.dataset, seed, undefined);
  const trainOptions: Partial<TrainOptions> = { seed, ...options.train, activation: 'relu' };
  const iters = trainOptions.iters ?? TRAIN_DEFAULTS.iters;

  const t0 = performance.now();
  const relu = train(trainOptions, { train: trainSet, test }, { onProgress: (it) => progress((0.3 * it) / iters, `ReLU ANN: iteration ${it + 1}`) });
  // the data's scale: the ReLU network's hidden pre-activations u = x W1 + b1 on the training split
  const W1 = relu.network.layers[0].weights, b1 = relu.network.layers[0].bias, H = b1.length, D = trainSet.d;
  const u = new Float64Array(trainSet.n * H);
  for (let i = 0; i < trainSet.n; i++) for (let j = 0; j < H; j++) {
    let s = b1[j];
    for (let k = 0; k < D; k++) s += trainSet.x[i * D + k] * W1[k][j];
    u[i * H + j] = s;
  }
  const dataScale = normalisationScale(u, 'p99.9');
  progress(0.3, `f-I of ${options.soma} over ${fiMs} ms at dt ${dtMs} ms`);
  const fiOptions: SomaFiOptions = { durationMs: fiMs, dtMs, dataScale, smoothing: options.smoothing, measured };
  const fi = somaFiSpec(choice, fiOptions);
  const viaFi = train({ ...trainOptions, activation: 'soma-fi', somaFi: fi.spec }, { train: trainSet, test }, {
    onProgress: (it) => progress(0.35 + (0.35 * it) / iters, `ANN through the f-I of ${options.soma}: iteration ${it + 1}`),
  });
  const trainMs = performance.now() - t0;

  const net = viaFi.network;
  const fTrain = forwardNetwork(net, trainSet.x, trainSet.n);
  const converted = convertNetwork(net, { n: trainSet.n, x: trainSet.x, hidden: fTrain.hidden, scores: fTrain.scores }, { dtMs });
  const fTest = forwardNetwork(net, test.x, test.n);
  const t1 = performance.now();
  const ev = evaluateConverted(converted, { n: test.n, x: test.x, y: test.y, hidden: fTest.hidden, scores: fTest.scores }, {
    tMs, seed, onProgress: (f, m) => progress(0.7 + 0.3 * f, `spiking ${options.soma}: ${m}`),
  });
  const simulateMs = performance.now() - t1;
  const best = Math.max(...ev.curve.filter((c) => c.tMs <= 1000).map((c) => c.acc));
  return {
    dataset: trainSet.name, soma: options.soma, model: choice.model.model, preset: choice.model.preset, currentUnit: choice.model.currentUnit,
    dtMs, fiMs: fi.measured.durationMs,
    reluAnnAcc: relu.testAcc ?? NaN, fiAnnAcc: ev.annAcc, snn: ev.curve, gapPoints: 100 * (ev.annAcc - best),
    rateVsActivationR: ev.hidden ? ev.hidden.r : null,
    currentOffset: fi.spec.currentOffset, currentScale: fi.spec.currentScale, amplitudePerHz: fi.spec.amplitudePerHz, dataScale,
    rheobase: fi.rheobase, maxFitErrorHz: fi.spec.maxErrorHz, topRateHz: fi.topRateHz,
    timings: { trainMs, simulateMs },
  };
}
