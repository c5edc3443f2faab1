/**
 * The two main networks to export to Brian2, built on the spiking engine exactly as Soma runs
 * them: the CUBA network (bio/cuba.ts) and a converted ANN for a batch of inputs (the bridge's
 * conversion, experiments/convert.ts, on the engine, experiments/engine.ts).
 */
import { forwardNetwork, train, type TrainOptions } from '../ann/index';
import { buildCuba } from '../bio/cuba';
import type { Network } from '../bio/network';
import type { Population } from '../bio/population';
import { stratifiedSample } from '../data/index';
import { checkNumber, ParameterError } from '../errors';
import { Rng } from '../random';
import { CONVERT_DATASETS, DEFAULT_TEST_FRACTION, experimentData, lifActivationModel, type ConvertDataset } from '../experiments/conversion-experiment';
import { convertNetwork, type ConversionOptions, type ConvertedNetwork } from '../experiments/convert';
import { buildEngineNetwork } from '../experiments/engine';
import { argmaxRow } from '../experiments/stats';
import type { NetworkFile } from './network-file';

/** A network ready to export: the engine network, and what the export prints beside the counts. */
export interface ExportableNetwork {
  network: Network;
  /** Populations in the order of the network (for reports). */
  populations: Population[];
  /** JSON-able description printed by the script under `metadata`. */
  metadata: Record<string, unknown>;
}

/** CUBA (Brette et al. 2007) as `soma cuba` builds it: same seed, same graph and initial potentials. */
export function cubaForExport(opts: { neurons: number; dtMs: number; seed: number }): ExportableNetwork {
  const { network, exc, inh } = buildCuba({ neurons: opts.neurons, dtMs: opts.dtMs, seed: opts.seed, durationMs: 0 });
  // buildCuba adds Soma's own spike monitors; they observe only and are not exported
  return {
    network,
    populations: [exc, inh],
    metadata: { what: 'cuba', neurons: opts.neurons, seed: opts.seed, excitatory: exc.size, inhibitory: inh.size },
  };
}

export interface ConvertedExportOptions {
  dataset: ConvertDataset;
  /** The trained network; without it one is trained with the backprop defaults (+ `train`). */
  network?: NetworkFile;
  train?: Partial<TrainOptions>;
  conversion?: ConversionOptions;
  /** How many inputs of the held-out split make the batch (a stratified, seeded sample of it). */
  inputs: number;
  /** Seed of the data, the split, the training and the Poisson input. */
  seed: number;
  /** Seed of the data and split when it differs from `seed` (a network file's own). */
  dataSeed?: number;
  testFraction?: number;
}

/** A converted network as exported, with what a comparison needs. */
export interface ConvertedExport extends ExportableNetwork {
  converted: ConvertedNetwork;
  file: NetworkFile;
  /** The batch, B x D row-major, and its labels. */
  x: Float64Array;
  labels: Int32Array;
  /** The ANN's class for each input of the batch. */
  annClasses: Int32Array;
  /** Units per layer (hidden..., output): population `layer{l}` holds B x units[l] neurons, input b at b*units[l]. */
  units: number[];
  /** The layer populations (hidden..., output). */
  layers: Population[];
}

/**
 * Builds the converted network of a trained ANN for `inputs` held-out inputs (a stratified, seeded sample): the data
 * and split as `soma convert` makes them, normalised on the training split, on the engine.
 */
export async function convertedForExport(o: ConvertedExportOptions): Promise<ConvertedExport> {
  const seed = checkNumber('seed', o.seed, { integer: true });
  const { train: trainSet, test } = await experimentData(o.dataset, o.dataSeed ?? seed, o.testFraction ?? DEFAULT_TEST_FRACTION);
  const batch = checkNumber('inputs', o.inputs, { min: 1, max: test.n, integer: true });
  let file = o.network;
  if (file) {
    const d = file.layers[0].weights.length, k = file.layers[file.layers.length - 1].bias.length;
    if (d !== trainSet.d) throw new ParameterError('network.layers[0].weights', `${d} rows`, `${trainSet.d} rows, one per feature of ${trainSet.name}`);
    if (k !== trainSet.classes) throw new ParameterError(`network.layers[${file.layers.length - 1}].bias`, `${k} values`, `${trainSet.classes}, one per class of ${trainSet.name}`);
  } else {
    file = train({ seed, ...o.train }, { train: trainSet, test }).network;
  }
  const activation = file.model === 'linear' ? 'relu' : file.activation;
  const lifModel = activation === 'lif-rate' || activation === 'soft-lif' ? lifActivationModel(activation) : undefined;
  const fTrain = forwardNetwork(file, trainSet.x, trainSet.n);
  const converted = convertNetwork(file, { n: trainSet.n, x: trainSet.x, hidden: fTrain.hidden, scores: fTrain.scores }, o.conversion, lifModel);
  // A stratified, seeded sample: the held-out split is ordered by row, and its first rows can all
  // be one class (the README's 10-input check exported class 0 only).
  const rows = stratifiedSample(test, batch, new Rng(seed).fork());
  const x = new Float64Array(batch * test.d);
  rows.forEach((r, b) => x.set(test.x.subarray(r * test.d, (r + 1) * test.d), b * test.d));
  const labels = Int32Array.from(rows, (r) => test.y[r]);
  const scores = forwardNetwork(file, x, batch).scores;
  const k = converted.layers[converted.layers.length - 1].nOut;
  const annClasses = Int32Array.from({ length: batch }, (_, b) => argmaxRow(scores, b, k));
  const engine = buildEngineNetwork(converted, x, batch, seed);
  const units = converted.layers.map((l) => l.nOut);
  return {
    network: engine.network,
    populations: engine.network.populations,
    converted, file, x, labels, annClasses, units, layers: engine.layers,
    metadata: {
      what: 'converted', dataset: trainSet.name, batch, d: test.d, units,
      layers: engine.layers.map((p, l) => ({ population: p.name, units: units[l], layout: `input b, unit j -> neuron b*${units[l]} + j` })),
      input_population: engine.input?.name ?? null,
      neuron: converted.options.neuron, ...(converted.options.neuron === 'lif' ? { reset: converted.options.reset, leak: converted.options.leak } : {}), norm: converted.options.norm, encoding: converted.options.encoding, dt_ms: converted.options.dtMs,
      test_rows: rows, scales: converted.scales, labels: Array.from(labels), ann_classes: Array.from(annClasses),
      readout: `class of input b: argmax over j of the counts of ${engine.layers[engine.layers.length - 1].name}[b*${k} + j]`,
    },
  };
}

export { CONVERT_DATASETS };
