/**
 * The linear classifier and the 2-layer network D -> H -> K of the course, built from the graph's
 * gates so the page can draw every node's value and gradient:
 *
 *   X (N x D) --affine(W1, b1)--> z1 --activation--> h (N x H) --affine(W2, b2)--> scores (N x K)
 *   loss = data loss(scores, y) + 0.5 reg |W1|^2 + 0.5 reg |W2|^2
 *
 * (the linear classifier is scores = X W + b with the same losses). Also `forwardNetwork`, the
 * plain forward pass (forward.ts) over a saved NetworkFile, for code that has weights but no graph.
 */
import { ParameterError, checkChoice, checkNumber } from '../errors';
import { HIDDEN_ACTIVATIONS, NETWORK_ACTIVATIONS, type HiddenActivation, type NetworkActivation, type NetworkFile, type SomaFiSpec } from '../export/network-file';
import { activationOf, type ActivationRef } from './activations';
import type { Rng } from '../random';
import { forwardInto, type DenseLayer } from './forward';
import { Graph, type GraphNode } from './graph';

export type { DenseLayer };

export const MODELS = ['two-layer', 'linear'] as const;
export type ModelKind = (typeof MODELS)[number];
export const LOSSES = ['softmax', 'svm'] as const;
export type LossKind = (typeof LOSSES)[number];
/** Weight initialisations: `small` = 0.01 randn (the course's), `he` = randn sqrt(2 / fan_in), `xavier` = randn sqrt(1 / fan_in). Biases start at 0. */
export const INITS = ['small', 'he', 'xavier'] as const;
export type InitKind = (typeof INITS)[number];
export { HIDDEN_ACTIVATIONS, type HiddenActivation };

/** Shape and kind of a network graph. */
export interface NetworkSpec {
  model: ModelKind;
  /** Input dimension D. */
  d: number;
  /** Hidden units H (two-layer only). */
  hidden: number;
  /** Classes K. */
  classes: number;
  /** Hidden activation; `soma-fi` takes the soma model's f-I curve from `somaFi`. */
  activation: NetworkActivation;
  /** The soma model of a `soma-fi` activation. */
  somaFi?: SomaFiSpec;
  loss: LossKind;
  /** L2 strength (the course's reg; the penalty is 0.5 reg sum W^2 per weight matrix). */
  reg: number;
  /** Rows per forward pass (the batch size N). */
  batch: number;
}

/** A network built as a graph, with handles on its nodes (for training and for drawing). */
export interface NetworkGraph {
  spec: NetworkSpec;
  graph: Graph;
  /** Input batch, N x D (no gradient). */
  x: GraphNode;
  /** Labels of the batch (N), read by the loss gate at each forward. */
  labels: Int32Array;
  /** Weights and biases in layer order: [W1, b1, W2, b2] or [W, b]. */
  params: GraphNode[];
  /** Pre-activation z1 = X W1 + b1 and hidden activation h (N x H), two-layer only. */
  hiddenPre: GraphNode | null;
  hidden: GraphNode | null;
  /** Class scores N x K. */
  scores: GraphNode;
  dataLoss: GraphNode;
  /** Total loss (1 x 1): the node training minimises. */
  loss: GraphNode;
}

/** Checks a spec; every bad field is a ParameterError. */
export function checkNetworkSpec(spec: NetworkSpec): NetworkSpec {
  return {
    model: checkChoice('model', spec.model, MODELS),
    d: checkNumber('d', spec.d, { min: 1, integer: true }),
    hidden: checkNumber('hidden', spec.hidden, { min: 1, max: 100_000, integer: true }),
    classes: checkNumber('classes', spec.classes, { min: 2, integer: true }),
    activation: checkChoice('activation', spec.activation, NETWORK_ACTIVATIONS),
    ...(spec.somaFi ? { somaFi: spec.somaFi } : {}),
    loss: checkChoice('loss', spec.loss, LOSSES),
    reg: checkNumber('reg', spec.reg, { min: 0 }),
    batch: checkNumber('batch', spec.batch, { min: 1, integer: true }),
  };
}

/** Builds the network's graph (weights zero: call initNetwork). */
export function buildNetworkGraph(specIn: NetworkSpec): NetworkGraph {
  const spec = checkNetworkSpec(specIn);
  const g = new Graph();
  const labels = new Int32Array(spec.batch);
  const x = g.input('X', spec.batch, spec.d);
  let scores: GraphNode, params: GraphNode[], hiddenPre: GraphNode | null = null, hidden: GraphNode | null = null;
  if (spec.model === 'linear') {
    const W = g.variable('W', spec.d, spec.classes), b = g.variable('b', 1, spec.classes);
    scores = g.affine(x, W, b, 'scores');
    params = [W, b];
  } else {
    const W1 = g.variable('W1', spec.d, spec.hidden), b1 = g.variable('b1', 1, spec.hidden);
    const W2 = g.variable('W2', spec.hidden, spec.classes), b2 = g.variable('b2', 1, spec.classes);
    hiddenPre = g.affine(x, W1, b1, 'z1');
    const act = activationOf(spec.activation, spec.somaFi);
    hidden = typeof act === 'string' ? g.unary(act, hiddenPre, 'h') : g.activation(spec.activation, act, hiddenPre, 'h');
    scores = g.affine(hidden, W2, b2, 'scores');
    params = [W1, b1, W2, b2];
  }
  const dataLoss = spec.loss === 'softmax' ? g.softmaxCrossEntropy(scores, labels, 'data loss') : g.svm(scores, labels, 1, 'data loss');
  // total loss = data loss + 0.5 reg |W|^2 for each weight matrix (biases are not regularised, as in the course)
  const weights = params.filter((p) => p.name.startsWith('W'));
  let loss = dataLoss;
  weights.forEach((W, i) => {
    loss = g.add(loss, g.l2(W, spec.reg, `reg ${W.name}`), i === weights.length - 1 ? 'loss' : `data loss + reg ${W.name}`);
  });
  return { spec, graph: g, x, labels, params, hiddenPre, hidden, scores, dataLoss, loss };
}

/** Draws the weights (biases 0) with the chosen initialisation. */
export function initNetwork(net: NetworkGraph, init: InitKind, rng: Rng): void {
  checkChoice('init', init, INITS);
  for (const p of net.params) {
    if (!p.name.startsWith('W')) { p.value.fill(0); continue; }
    const scale = init === 'small' ? 0.01 : init === 'he' ? Math.sqrt(2 / p.rows) : Math.sqrt(1 / p.rows);
    for (let i = 0; i < p.value.length; i++) p.value[i] = scale * rng.normal();
  }
}

/**
 * Forward pass over flat layers into new arrays (forward.ts `forwardInto`, allocating the
 * outputs): the hidden activation after every layer but the last, and the scores.
 */
export function forwardLayers(layers: DenseLayer[], activation: ActivationRef, x: Float64Array, n: number): { hidden: Float64Array | null; scores: Float64Array } {
  const d = layers[0].inputs;
  if (!Number.isInteger(n) || n < 0 || x.length !== n * d) throw new ParameterError('x', x.length, `${n} x ${d} = ${n * d} numbers`);
  const outs = layers.map((l) => new Float64Array(n * l.outputs));
  forwardInto(layers, activation, x, n, outs);
  return { hidden: outs.length > 1 ? outs[outs.length - 2] : null, scores: outs[outs.length - 1] };
}

/** The layers of a NetworkFile as flat arrays. */
export function networkLayers(net: NetworkFile): DenseLayer[] {
  return net.layers.map((layer) => {
    const inputs = layer.weights.length, outputs = layer.bias.length;
    const weights = new Float64Array(inputs * outputs);
    layer.weights.forEach((row, i) => weights.set(row, i * outputs));
    return { inputs, outputs, weights, bias: Float64Array.from(layer.bias) };
  });
}

/**
 * Runs a saved network on n rows of x (n * D, row-major): returns the hidden activations
 * (n * H, after the activation; null for a linear model) and the class scores (n * K).
 */
export function forwardNetwork(net: NetworkFile, x: Float64Array, n: number): { hidden: Float64Array | null; scores: Float64Array } {
  return forwardLayers(networkLayers(net), activationOf(net.activation, net.somaFi), x, n);
}

/** Index of the largest score in each row: the predicted class (n labels). */
export function argmaxRows(scores: Float64Array, n: number, k: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (scores[i * k + j] > scores[i * k + best]) best = j;
    out[i] = best;
  }
  return out;
}
