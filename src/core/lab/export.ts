/**
 * What the page's Export buttons write, DOM-free (the download itself is in src/ui/export.ts):
 *  - the network file of the current weights (`Lab.networkFile`, the format of `soma train --save`);
 *  - a Brian2 script of the converted spiking network the page runs (the current weights under
 *    the current conversion options), for the probe input or a small batch of data points, with
 *    its arrays inline so that one file runs with `python3 script.py`, and the same network as a
 *    PyNN script (NEST, NEURON, Brian2, SpiNNaker: `python3 soma-pynn.py --simulator nest`);
 *  - the results as CSV: the loss and accuracy curves and the rate-versus-activation pairs.
 */
import type { Network } from '../bio/network';
import { ParameterError, checkNumber } from '../errors';
import { buildEngineNetwork } from '../experiments/engine';
import { argmaxRow } from '../experiments/stats';
import { toBrian2Script, type Brian2Export, type Brian2Target } from '../export/brian2';
import { toPynnScript, type PynnExport } from '../export/pynn';
import { BIO_DT_MS, type Lab } from './lab';
import { ProbeNetwork } from './probe';
import { SCATTER_CAPACITY, type LabSnapshot } from './snapshot';

/** File names of the downloads (stable, so scripts and tests can rely on them). */
export const EXPORT_FILE_NAMES = { network: 'soma-network.json', brian2: 'soma-brian2.py', pynn: 'soma-pynn.py', results: 'soma-results.csv' } as const;

/** Inputs of the exported spiking network: the probe point, or the first data points. */
export type Brian2Inputs = 'probe' | 'data';
export const BRIAN2_INPUTS = ['probe', 'data'] as const satisfies readonly Brian2Inputs[];

/** Data points in a `data` export (evenly spaced through the test split, else the training split). */
export const BRIAN2_DATA_BATCH = 10;

export interface PageBrian2Options {
  /** `probe`: the point fed to both networks, with the page's synaptic delay; `data`: a batch of data points (evenly spaced through the test split). */
  inputs: Brian2Inputs;
  /** Number of data points for `data` (1..100, default BRIAN2_DATA_BATCH). */
  batch?: number;
  /** Default target of the script (its `--target` overrides it); default numpy (no compiler needed). */
  target?: Brian2Target;
}

/** The script and what the page says about it. */
export interface PageBrian2Export extends Brian2Export {
  /** Units per spiking layer (hidden, output). */
  units: number[];
  /** Inputs simulated side by side (1 for the probe). */
  batch: number;
  /** The engine network exported (not yet run): Soma's own run of it is the script's oracle. */
  network: Network;
}

/**
 * The Brian2 script of the page's spiking network for the current weights: the conversion the
 * probe's next window would make (IF or LIF neurons, normalisation, encoding, T = the window).
 * `probe`: the probe network itself (one input, every projection with the page's delay d ms, as
 * on the page). `data`: the bridge's batched engine network (population `layer{l}` holds B x
 * units neurons, input b at b*units + j; the one-step delay of `soma export --what network`),
 * with the labels and the ANN's classes in the printed metadata. Arrays are inline: one file.
 * Throws ParameterError when the spiking side does not run (sigmoid, tanh, a refused conversion).
 */
export function pageBrian2Script(lab: Lab, o: PageBrian2Options): PageBrian2Export {
  const { network, units, batch, metadata, title, seed, tMs } = pageSpikingNetwork(lab, o);
  const exp = toBrian2Script(network, { durationMs: tMs, target: o.target ?? 'numpy', arrays: 'inline', seed, title, metadata });
  return { ...exp, units, batch, network };
}

/** The PyNN script of the same network as pageBrian2Script (one file, arrays inline). */
export interface PagePynnExport extends PynnExport {
  units: number[];
  batch: number;
  network: Network;
}

/**
 * The PyNN script of the page's spiking network (pynn.ts), the same network as the Brian2 one.
 * The page's default integrate-and-fire neuron resets by subtraction, which no PyNN standard cell
 * does: the page exports it with the closest cell (`approximations` says so, as does the script);
 * the leaky neuron (reset to rest) is exact.
 */
export function pagePynnScript(lab: Lab, o: Omit<PageBrian2Options, 'target'>): PagePynnExport {
  const { network, units, batch, metadata, title, seed, tMs } = pageSpikingNetwork(lab, o);
  const exp = toPynnScript(network, { durationMs: tMs, arrays: 'inline', seed, title: title.replace('Soma page export', 'Soma page export (PyNN)'), metadata, approximate: true });
  return { ...exp, units, batch, network };
}

/** The page's spiking network for the current weights, as both exports write it. */
function pageSpikingNetwork(lab: Lab, o: Omit<PageBrian2Options, 'target'>) {
  if (!(BRIAN2_INPUTS as readonly string[]).includes(o.inputs)) throw new ParameterError('inputs', o.inputs, BRIAN2_INPUTS.join(' | '));
  const converted = lab.convertedNow();
  if (!converted) throw new ParameterError('activation', lab.current.activation, `a network with a spiking twin (${lab.spikingNote})`);
  const s = lab.current;
  const snap = lab.snapshot;
  const units = converted.layers.map((l) => l.nOut);
  const k = units[units.length - 1];
  const common = {
    activation: s.activation, neuron: converted.options.neuron, norm: converted.options.norm, encoding: converted.options.encoding,
    dt_ms: converted.options.dtMs, t_ms: s.tMs, train_step: snap.trainStep, scales: converted.scales, units,
  };
  let network: Network;
  let batch = 1;
  let metadata: Record<string, unknown>;
  if (o.inputs === 'probe') {
    const x = [snap.probe[0], snap.probe[1]];
    network = new ProbeNetwork(converted, x, s.delayMs, s.seed).network;
    const ann = Array.from(snap.activation.subarray(snap.sizes[0] + snap.sizes[1], snap.sizes[0] + snap.sizes[1] + k));
    metadata = {
      what: 'page probe', ...common, probe: x, delay_ms: s.delayMs, ann_scores: ann, ann_class: argmaxRow(ann, 0, k),
      readout: `class: argmax over j of the counts of layer${units.length - 1}[j]`,
    };
  } else {
    batch = checkNumber('batch', o.batch ?? BRIAN2_DATA_BATCH, { min: 1, max: 100, integer: true });
    const part = lab.test.n > 0 ? lab.test : lab.train;
    batch = Math.min(batch, part.n);
    // Evenly spaced through the split (the generators order points by class): row floor(b n / B).
    const rows = Array.from({ length: batch }, (_, b) => Math.floor((b * part.n) / batch));
    const x = new Float64Array(batch * part.d);
    rows.forEach((r, b) => x.set(part.x.subarray(r * part.d, (r + 1) * part.d), b * part.d));
    const labels = rows.map((r) => part.y[r]);
    const scores = new Float64Array(batch * k);
    lab.forward(x, batch, scores);
    network = buildEngineNetwork(converted, x, batch, s.seed).network;
    metadata = {
      what: 'page data points', ...common, split: part === lab.test ? 'test' : 'train', rows, batch, x: Array.from(x), labels,
      ann_classes: Array.from({ length: batch }, (_, b) => argmaxRow(scores, b, k)),
      layers: units.map((u, l) => ({ population: `layer${l}`, units: u, layout: `input b, unit j -> neuron b*${u} + j` })),
      readout: `class of input b: argmax over j of the counts of layer${units.length - 1}[b*${k} + j]`,
    };
  }
  const title = `Soma page export: the converted spiking network (${s.activation} -> ${converted.options.neuron}) of training step ${snap.trainStep}, ${o.inputs === 'probe' ? 'the probe input' : `${batch} data points`}, ${s.tMs} ms at dt ${BIO_DT_MS} ms`;
  return { network, units, batch, metadata, title, seed: s.seed, tMs: s.tMs };
}

/** Formats a number for CSV: shortest round trip, empty for NaN (no value, e.g. no test split). */
function cell(x: number): string {
  return Number.isFinite(x) ? String(x) : '';
}

/**
 * The results on show as CSV, one table in long form (header `table,step,train_loss,test_loss,
 * train_acc,test_acc,unit,activation_over_lambda,rate_hz`): rows `curve` are the loss and
 * accuracy curves (training step; full-batch loss with regularisation and accuracy on each
 * split; test cells empty without a test split); rows `rate` are the (activation / lambda,
 * rate in Hz) pairs of the scatter, oldest first, with the hidden unit j. A pair's rate is
 * counts over a window of T ms times 1000 / T; activation / lambda = 1 stands for 1000 Hz.
 */
export function resultsCsv(s: LabSnapshot): string {
  const lines = ['table,step,train_loss,test_loss,train_acc,test_acc,unit,activation_over_lambda,rate_hz'];
  for (let i = 0; i < s.historyLength; i++) {
    lines.push(`curve,${s.historyStep[i]},${cell(s.historyTrainLoss[i])},${cell(s.historyTestLoss[i])},${cell(s.historyTrainAcc[i])},${cell(s.historyTestAcc[i])},,,`);
  }
  const h = s.sizes[1];
  const count = Math.min(s.scatterHead, SCATTER_CAPACITY);
  // Each closed window writes its H pairs in unit order starting at a multiple of H, so pair
  // number e (counted since the snapshot was made) belongs to hidden unit e mod H.
  for (let e = s.scatterHead - count; e < s.scatterHead; e++) {
    const r = e % SCATTER_CAPACITY;
    lines.push(`rate,,,,,,${e % h},${cell(s.scatterActivation[r])},${cell(s.scatterRate[r])}`);
  }
  return lines.join('\n') + '\n';
}
