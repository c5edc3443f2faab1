/**
 * The conversion experiment end to end, as a function of its options and a seed: load the data
 * set, split it, train the ANN (or take a given network file), convert it to a spiking network
 * (normalised on the training split), and evaluate the spiking network on the test split against
 * the ANN. Also the "training for spikes" comparison (Hunsberger & Eliasmith 2015): a network
 * trained with soft-LIF (or LIF-rate) run with LIF neurons, beside ReLU converted to IF.
 * Returns plain data for tables, plots and the page.
 */
import { LIF_THETA_MV, LIF_RATE_SCALE_HZ, SOFT_LIF_SIGMA_MV, TRAIN_DEFAULTS, forwardNetwork, train, type TrainOptions } from '../ann/index';
import { LIF_DEFAULTS, softLifRate } from '../bio/rate';
import { loadDataset, splitDataset, type Dataset, type DatasetOptions } from '../data/index';
import { ParameterError, checkChoice, checkNumber } from '../errors';
import { hiddenOf, type NetworkFile } from '../export/network-file';
import { Rng } from '../random';
import { convertNetwork, resolveConversionOptions, type ConversionOptions, type LifActivationModel } from './convert';
import { checkTimes, evaluateConverted, type AccuracyAtT, type DecisionTimes, type ProgressCallback } from './evaluate';
import { median } from './stats';

/** The data sets the conversion experiment runs on (the `convert` command's choices). */
export const CONVERT_DATASETS = ['spiral', 'iris', 'digits', 'moons', 'xor', 'circle'] as const;
export type ConvertDataset = (typeof CONVERT_DATASETS)[number];

/** Held-out fraction by default: the same as `soma train`, so a saved network meets its own test split. */
export const DEFAULT_TEST_FRACTION = 0.2;

/** Simulated times of the accuracy curve by default, ms. */
export const DEFAULT_TIMES_MS = [10, 20, 50, 100, 200];

export interface ConversionExperimentOptions {
  dataset: ConvertDataset;
  /** Extra options of the data set (e.g. digits `limitPerClass`); its seed is `seed`. */
  datasetOptions?: Partial<DatasetOptions>;
  /** A trained network to convert; without it one is trained with `train` over the defaults. */
  network?: NetworkFile;
  /** Training options over the backprop core's TRAIN_DEFAULTS (e.g. hidden, activation, iters). */
  train?: Partial<TrainOptions>;
  conversion?: ConversionOptions;
  /** Times at which the spiking accuracy is read, ms (default 10, 20, 50, 100, 200). */
  tMs?: number[];
  /** Seed of the data set, the split, the training and the Poisson input. */
  seed: number;
  /** Seed of the data set and the split when it differs from `seed` (a network file's own). */
  dataSeed?: number;
  /** Fraction of each class held out for testing (default 0.2, as `soma train`). */
  testFraction?: number;
  /** At most this many (rate, activation) pairs in the scatter data (default 2000). */
  maxScatter?: number;
  onProgress?: ProgressCallback;
}

export interface ConversionExperimentResult {
  dataset: { name: string; d: number; classes: number; nTrain: number; nTest: number };
  /** Test accuracy of the ANN. */
  annAcc: number;
  /** Spiking test accuracy and agreement with the ANN at each T. */
  snn: AccuracyAtT[];
  /** Hidden layer: Pearson r of rates (Hz) against ANN activations over all (input, unit) pairs. */
  rateVsActivationR: number | null;
  /** [rate Hz, ANN activation] pairs of the hidden layer (thinned to maxScatter). */
  hiddenRates: [number, number][];
  /** Median over hidden units of each unit's own Pearson r (units silent throughout left out). */
  hiddenUnitMedianR: number | null;
  /** Output layer: Pearson r of rates against max(0, score). */
  outputRateVsScoreR: number;
  decision: DecisionTimes;
  /** Normalisation scale of each layer (null: an LIF-trained layer, not normalised). */
  scales: (number | null)[];
  /** Best spiking accuracy on the curve, the first T reaching it, and ANN minus it (points). */
  best: { tMs: number; acc: number; gapPoints: number };
  /** Everything that defines the run. */
  options: {
    dataset: string; seed: number; dataSeed: number; testFraction: number; neuron: string; reset: string; leak: string; tail: string; norm: string; encoding: string; dtMs: number;
    tMs: number[]; hidden: number | number[] | null; activation: string; network: 'given' | 'trained'; train: Record<string, unknown> | null;
  };
  /** The network that was converted (trained here, or the one given). */
  network: NetworkFile;
  timings: { trainMs: number; simulateMs: number };
}

/**
 * The LIF soma that the backprop core's `lif-rate` / `soft-lif` activations stand for
 * (ann/activations.ts): drive D = theta (1 + z) mV, so J = D / theta = 1 + z in threshold units,
 * and activation = rate / rate(2 theta).
 */
export function lifActivationModel(activation: 'lif-rate' | 'soft-lif'): LifActivationModel {
  const scaleHz = activation === 'lif-rate' ? LIF_RATE_SCALE_HZ : softLifRate(2 * LIF_THETA_MV, SOFT_LIF_SIGMA_MV);
  return { gain: 1, offset: 1, amplitudePerHz: 1 / scaleHz, tauMs: LIF_DEFAULTS.tauMs, refractoryMs: LIF_DEFAULTS.refractoryMs };
}

/** Loads and splits the data set of an experiment (seeded: same seed, same split). */
export async function experimentData(dataset: string, seed: number, testFraction = DEFAULT_TEST_FRACTION, datasetOptions: Partial<DatasetOptions> = {}): Promise<{ train: Dataset; test: Dataset }> {
  const name = checkChoice('dataset', dataset, CONVERT_DATASETS);
  checkNumber('seed', seed, { integer: true });
  checkNumber('test_fraction', testFraction, { min: 0, minExclusive: true, max: 1, maxExclusive: true });
  const ds = await loadDataset(name, { ...datasetOptions, seed });
  return splitDataset(ds, testFraction, new Rng(seed).fork());
}

/** Runs the conversion experiment (see the module comment). */
export async function runConversionExperiment(options: ConversionExperimentOptions): Promise<ConversionExperimentResult> {
  const seed = checkNumber('seed', options.seed, { integer: true });
  const testFraction = options.testFraction ?? DEFAULT_TEST_FRACTION;
  const dataSeed = options.dataSeed ?? seed;
  const conv = resolveConversionOptions(options.conversion);
  const tMs = checkTimes(options.tMs ?? DEFAULT_TIMES_MS, 'T', conv.dtMs);
  const progress = options.onProgress ?? (() => {});
  const { train: trainSet, test } = await experimentData(options.dataset, dataSeed, testFraction, options.datasetOptions);

  let network: NetworkFile, trainMs = 0, trainOptions: Record<string, unknown> | null = null;
  if (options.network) {
    network = options.network;
    const d = network.layers[0].weights.length, k = network.layers[network.layers.length - 1].bias.length;
    if (d !== trainSet.d) throw new ParameterError('network.layers[0].weights', `${d} rows`, `${trainSet.d} rows, one per feature of ${trainSet.name}`);
    if (k !== trainSet.classes) throw new ParameterError(`network.layers[${network.layers.length - 1}].bias`, `${k} values`, `${trainSet.classes}, one per class of ${trainSet.name}`);
  } else {
    const t0 = performance.now();
    const r = train({ seed, ...options.train }, { train: trainSet, test }, {
      onProgress: (it, loss) => progress((0.5 * it) / (options.train?.iters ?? TRAIN_DEFAULTS.iters), `training: iteration ${it + 1}, loss ${loss.toFixed(4)}`),
    });
    trainMs = performance.now() - t0;
    network = r.network;
    trainOptions = network.training ?? null;
  }
  const activation = network.model === 'linear' ? 'relu' : network.activation;
  const lifModel = activation === 'lif-rate' || activation === 'soft-lif' ? lifActivationModel(activation) : undefined;
  const fTrain = forwardNetwork(network, trainSet.x, trainSet.n);
  const converted = convertNetwork(network, { n: trainSet.n, x: trainSet.x, hidden: fTrain.hidden, scores: fTrain.scores }, conv, lifModel);
  const fTest = forwardNetwork(network, test.x, test.n);
  const t1 = performance.now();
  const start = options.network ? 0 : 0.5;
  const ev = evaluateConverted(converted, { n: test.n, x: test.x, y: test.y, hidden: fTest.hidden, scores: fTest.scores }, {
    tMs, seed, maxScatter: options.maxScatter,
    onProgress: (f, m) => progress(start + (1 - start) * f, m),
  });
  const simulateMs = performance.now() - t1;
  let best = ev.curve[0];
  for (const c of ev.curve) if (c.acc > best.acc) best = c;
  const unitR = (ev.hidden?.perNeuronR ?? []).filter((r): r is number => r !== null);
  return {
    dataset: { name: trainSet.name, d: trainSet.d, classes: trainSet.classes, nTrain: trainSet.n, nTest: test.n },
    annAcc: ev.annAcc,
    snn: ev.curve,
    rateVsActivationR: ev.hidden ? ev.hidden.r : null,
    hiddenRates: ev.hidden ? ev.hidden.scatter : [],
    hiddenUnitMedianR: median(unitR),
    outputRateVsScoreR: ev.output.r,
    decision: ev.decision,
    scales: converted.scales,
    best: { tMs: best.tMs, acc: best.acc, gapPoints: 100 * (ev.annAcc - best.acc) },
    options: {
      dataset: trainSet.name, seed, dataSeed, testFraction, neuron: conv.neuron, reset: conv.reset, leak: conv.leak, tail: conv.tail, norm: conv.norm, encoding: conv.encoding, dtMs: conv.dtMs, tMs,
      // two-layer: its hidden units; deep: the list of every hidden layer's; linear: null
      hidden: network.model === 'two-layer' ? network.layers[0].bias.length : network.model === 'deep' ? hiddenOf(network) : null, activation,
      network: options.network ? 'given' : 'trained', train: trainOptions,
    },
    network,
    timings: { trainMs, simulateMs },
  };
}

/** One row of the training-for-spikes comparison. */
export interface SpikeTrainingRow {
  /** Hidden activation the ANN was trained with, and the spiking neuron it runs with. */
  activation: string;
  neuron: string;
  annAcc: number;
  snn: AccuracyAtT[];
  best: { tMs: number; acc: number; gapPoints: number };
  rateVsActivationR: number | null;
}

/**
 * Training for spikes (Hunsberger & Eliasmith 2015): the same data, split and seed, trained once
 * per activation; ReLU converted to IF (data-based normalisation), and `soft-lif` / `lif-rate`
 * run with LIF neurons. Current encoding.
 */
export async function runSpikeTrainingComparison(options: {
  dataset: ConvertDataset; seed: number; tMs?: number[]; train?: Partial<TrainOptions>; datasetOptions?: Partial<DatasetOptions>;
  activations?: ('relu' | 'soft-lif' | 'lif-rate')[]; onProgress?: ProgressCallback;
}): Promise<SpikeTrainingRow[]> {
  const activations = options.activations ?? ['relu', 'soft-lif'];
  const rows: SpikeTrainingRow[] = [];
  for (let i = 0; i < activations.length; i++) {
    const activation = activations[i];
    const neuron = activation === 'relu' ? 'if' : 'lif';
    const r = await runConversionExperiment({
      dataset: options.dataset, seed: options.seed, tMs: options.tMs, datasetOptions: options.datasetOptions,
      train: { ...options.train, activation }, conversion: { neuron },
      onProgress: (f, m) => options.onProgress?.((i + f) / activations.length, `${activation}: ${m}`),
    });
    rows.push({ activation, neuron, annAcc: r.annAcc, snn: r.snn, best: r.best, rateVsActivationR: r.rateVsActivationR });
  }
  return rows;
}
