/**
 * The course's gradient check of a given network (a network file: the page's trained network,
 * or `soma train --save`'s) over given data: the network's graph is built (network.ts
 * `buildNetworkGraph`, the one `soma gradcheck` builds), its weights set from the file, and
 * `gradientCheck` compares backprop with centred differences (f(w + h) - f(w - h)) / 2h for every
 * weight and bias, giving the worst relative error |a - n| / max(|a|, |n|) per parameter array.
 * The page's "check the network's gradients" action and `soma gradcheck --network FILE` both call
 * this, so the two print the same figures for the same network and data.
 */
import type { Dataset } from '../data/index';
import { ParameterError, checkNumber } from '../errors';
import { hiddenOf, type NetworkFile } from '../export/network-file';
import { gradientCheck, type GradCheckResult } from './gradcheck';
import { buildNetworkGraph, type NetworkGraph } from './network';

/** Largest data rows a checked network sees (each weight costs two full forward passes over them). */
export const NETWORK_GRADCHECK_MAX_ROWS = 100_000;

/**
 * Builds the graph of `file` over `data` (N rows of D features, labels 0..K-1) with its weights
 * and biases copied in. Weights are in x out (row i = input i), as graph.ts `affine` reads them.
 */
export function networkFileGraph(file: NetworkFile, data: Dataset, reg: number): NetworkGraph {
  const layers = file.layers;
  const d = layers[0].weights.length;
  if (data.d !== d) throw new ParameterError('data', `${data.d} features`, `${d} features (the network's inputs)`);
  checkNumber('rows', data.n, { min: 1, max: NETWORK_GRADCHECK_MAX_ROWS, integer: true });
  const classes = layers[layers.length - 1].bias.length;
  for (let i = 0; i < data.n; i++) {
    if (data.y[i] < 0 || data.y[i] >= classes) throw new ParameterError('label', data.y[i], `a class 0..${classes - 1} (the network's outputs)`);
  }
  const net = buildNetworkGraph({
    model: file.model,
    d,
    hidden: file.model === 'linear' ? 1 : layers[0].bias.length,
    ...(file.model === 'deep' ? { hiddenLayers: hiddenOf(file) } : {}),
    classes,
    activation: file.activation,
    loss: file.loss,
    reg,
    batch: data.n,
  });
  // params: [W1, b1, W2, b2, ...] or [W, b]; a layer's weights are in x out, row-major like the file's nested rows
  layers.forEach((layer, l) => {
    const W = net.params[2 * l], b = net.params[2 * l + 1];
    const cols = layer.bias.length;
    if (W.value.length !== layer.weights.length * cols) throw new ParameterError(`layers[${l}].weights`, `${layer.weights.length} x ${cols}`, `${W.rows} x ${W.cols}`);
    layer.weights.forEach((row, i) => row.forEach((w, j) => (W.value[i * cols + j] = w)));
    b.value.set(layer.bias);
  });
  net.x.value.set(data.x.subarray(0, data.n * d));
  net.labels.set(data.y.subarray(0, data.n));
  return net;
}

/**
 * The gradient check of `file` over `data` with L2 strength `reg` and step `h` (default 1e-5):
 * per parameter array (W1, b1, W2, b2, ... or W, b) the worst relative error, entries compared,
 * entries skipped at kinks and entries below the round-off floor (gradcheck.ts). With
 * `maxEntries`, at most that many entries of each array, drawn with the seeded generator (seed 0).
 */
export function checkNetworkGradients(file: NetworkFile, data: Dataset, reg: number, h = 1e-5, maxEntries?: number): GradCheckResult {
  const net = networkFileGraph(file, data, reg);
  return gradientCheck(net.graph, net.loss, net.params, maxEntries === undefined ? { h } : { h, maxEntries });
}

/**
 * Entries per parameter array a check may take so that its work (two forward passes over the
 * data per entry, each N x the layers' multiply-adds) stays within `budget` multiply-adds;
 * Infinity when every entry fits. A page checks the whole of a small network and a sample of a
 * large one.
 */
export function entriesWithin(widths: readonly number[], rows: number, budget: number): number {
  let entries = 0, perRow = 0;
  for (let l = 1; l < widths.length; l++) {
    entries += (widths[l - 1] + 1) * widths[l];
    perRow += widths[l - 1] * widths[l];
  }
  const perEntry = 2 * rows * Math.max(1, perRow);
  if (entries * perEntry <= budget) return Infinity;
  // the 2 arrays of each layer (W_l, b_l) share the budget
  return Math.max(1, Math.floor(budget / perEntry / (2 * (widths.length - 1))));
}
