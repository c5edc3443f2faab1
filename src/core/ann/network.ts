/**
 * The linear classifier, the 2-layer network D -> H -> K of the course and deeper stacks
 * D -> H1 -> ... -> HL -> K, built from the graph's gates so the page can draw every node's value
 * and gradient:
 *
 *   X (N x D) --affine(W1, b1)--> z1 --activation--> h (N x H) --affine(W2, b2)--> scores (N x K)
 *   loss = data loss(scores, y) + 0.5 reg |W1|^2 + 0.5 reg |W2|^2
 *
 * (the linear classifier is scores = X W + b with the same losses; a `deep` network repeats the
 * hidden block, h_l = f(h_{l-1} W_l + b_l), nodes z1, h1, z2, h2, ..., with the L2 term of every W_l).
 * Also `forwardNetwork`, the plain forward pass (forward.ts) over a saved NetworkFile, for code that
 * has weights but no graph.
 */
import { ParameterError, checkChoice, checkNumber } from '../errors';
import { HIDDEN_ACTIVATIONS, NETWORK_ACTIVATIONS, type HiddenActivation, type NetworkActivation, type NetworkFile, type SomaFiSpec } from '../export/network-file';
import { activationOf, type ActivationRef } from './activations';
import type { Rng } from '../random';
import { forwardInto, type DenseLayer } from './forward';
import { Graph, type GraphNode } from './graph';

export type { DenseLayer };

/** `linear`: no hidden layer; `two-layer`: one hidden layer (the course's net); `deep`: 2 or more hidden layers. */
export const MODELS = ['two-layer', 'linear', 'deep'] as const;
export type ModelKind = (typeof MODELS)[number];
/** Most hidden layers a network may have (the page offers 0..3). */
export const MAX_HIDDEN_LAYERS = 16;
/** Most units in one hidden layer. */
export const MAX_HIDDEN_UNITS = 100_000;
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
  /** Hidden units H of the first hidden layer (two-layer and deep). */
  hidden: number;
  /**
   * Units of every hidden layer in order, H1..HL: required for `deep` (L >= 2), optional for
   * `two-layer` (then [hidden]) and `linear` (then []). See `hiddenWidths`.
   */
  hiddenLayers?: readonly number[];
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
  /** Weights and biases in layer order: [W1, b1, W2, b2, ...] or [W, b]. */
  params: GraphNode[];
  /** Pre-activation and activation of the last hidden layer (N x H; z1 and h for two-layer), null for linear. */
  hiddenPre: GraphNode | null;
  hidden: GraphNode | null;
  /** The activation node of every hidden layer, in order (h for two-layer; h1, h2, ... for deep; [] for linear). */
  hiddenNodes: GraphNode[];
  /** Class scores N x K. */
  scores: GraphNode;
  dataLoss: GraphNode;
  /** Total loss (1 x 1): the node training minimises. */
  loss: GraphNode;
}

/**
 * The widths of the hidden layers of a model: [] for linear, [hidden] for two-layer, the
 * `hiddenLayers` list for deep. Checks them (ParameterError `hidden` naming the list).
 */
export function hiddenWidths(spec: { model: ModelKind; hidden: number; hiddenLayers?: readonly number[] }): number[] {
  const list = spec.hiddenLayers;
  if (spec.model === 'linear') {
    if (list && list.length > 0) throw new ParameterError('hidden', list.join(','), 'no hidden layer for a linear model');
    return [];
  }
  const widths = list ? [...list] : spec.model === 'two-layer' ? [spec.hidden] : [];
  const allowed = spec.model === 'two-layer' ? 'one hidden layer for a two-layer model'
    : `2 to ${MAX_HIDDEN_LAYERS} hidden layers for a deep model, each of 1 to ${MAX_HIDDEN_UNITS} units`;
  if (spec.model === 'two-layer' ? widths.length !== 1 : widths.length < 2 || widths.length > MAX_HIDDEN_LAYERS) {
    throw new ParameterError('hidden', widths.join(',') || '(none)', allowed);
  }
  for (const w of widths) {
    if (!Number.isInteger(w) || w < 1 || w > MAX_HIDDEN_UNITS) throw new ParameterError('hidden', widths.join(','), `units per layer: integers 1 to ${MAX_HIDDEN_UNITS}`);
  }
  return widths;
}

/**
 * Reads a list of hidden-layer widths as typed ("32,16"; "0" = no hidden layer, the linear
 * classifier). ParameterError naming `parameter`, the text and what is allowed.
 */
export function parseHiddenList(parameter: string, text: string): number[] {
  const allowed = `0 (no hidden layer: a linear classifier) or a comma-separated list of 1 to ${MAX_HIDDEN_LAYERS} hidden-layer widths, each an integer 1 to ${MAX_HIDDEN_UNITS} (e.g. 32,16)`;
  const t = text.trim();
  if (t === '0') return [];
  const parts = t.split(',');
  if (parts.length > MAX_HIDDEN_LAYERS) throw new ParameterError(parameter, text, allowed);
  return parts.map((p) => {
    const q = p.trim();
    if (!/^[0-9]{1,6}$/.test(q)) throw new ParameterError(parameter, text, allowed);
    const w = Number(q);
    if (w < 1 || w > MAX_HIDDEN_UNITS) throw new ParameterError(parameter, text, allowed);
    return w;
  });
}

/** The model kind of a list of hidden widths: 0 layers linear, 1 two-layer, more deep. */
export function modelOfHidden(widths: readonly number[]): ModelKind {
  return widths.length === 0 ? 'linear' : widths.length === 1 ? 'two-layer' : 'deep';
}

/** Checks a spec; every bad field is a ParameterError. */
export function checkNetworkSpec(spec: NetworkSpec): NetworkSpec {
  const model = checkChoice('model', spec.model, MODELS);
  const widths = hiddenWidths({ ...spec, model });
  return {
    model,
    d: checkNumber('d', spec.d, { min: 1, integer: true }),
    hidden: model === 'linear' ? checkNumber('hidden', spec.hidden, { min: 1, max: MAX_HIDDEN_UNITS, integer: true }) : widths[0],
    ...(model === 'deep' ? { hiddenLayers: widths } : {}),
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
  const hiddenNodes: GraphNode[] = [];
  // the hidden activation's gate: a named unary gate, or the soma model's f-I curve (soma-fi)
  const act = activationOf(spec.activation, spec.somaFi);
  const activate = (pre: GraphNode, name: string): GraphNode => (typeof act === 'string' ? g.unary(act, pre, name) : g.activation(spec.activation, act, pre, name));
  if (spec.model === 'linear') {
    const W = g.variable('W', spec.d, spec.classes), b = g.variable('b', 1, spec.classes);
    scores = g.affine(x, W, b, 'scores');
    params = [W, b];
  } else if (spec.model === 'two-layer') {
    const W1 = g.variable('W1', spec.d, spec.hidden), b1 = g.variable('b1', 1, spec.hidden);
    const W2 = g.variable('W2', spec.hidden, spec.classes), b2 = g.variable('b2', 1, spec.classes);
    hiddenPre = g.affine(x, W1, b1, 'z1');
    hidden = activate(hiddenPre, 'h');
    scores = g.affine(hidden, W2, b2, 'scores');
    params = [W1, b1, W2, b2];
    hiddenNodes.push(hidden);
  } else {
    // h_l = f(h_{l-1} W_l + b_l), h_0 = X; scores = h_L W_{L+1} + b_{L+1}
    params = [];
    let input = x;
    spec.hiddenLayers!.forEach((units, i) => {
      const l = i + 1;
      const W = g.variable(`W${l}`, input.cols, units), b = g.variable(`b${l}`, 1, units);
      hiddenPre = g.affine(input, W, b, `z${l}`);
      hidden = activate(hiddenPre, `h${l}`);
      params.push(W, b);
      hiddenNodes.push(hidden);
      input = hidden;
    });
    const l = spec.hiddenLayers!.length + 1;
    const W = g.variable(`W${l}`, input.cols, spec.classes), b = g.variable(`b${l}`, 1, spec.classes);
    scores = g.affine(input, W, b, 'scores');
    params.push(W, b);
  }
  const dataLoss = spec.loss === 'softmax' ? g.softmaxCrossEntropy(scores, labels, 'data loss') : g.svm(scores, labels, 1, 'data loss');
  // total loss = data loss + 0.5 reg |W|^2 for each weight matrix (biases are not regularised, as in the course)
  const weights = params.filter((p) => p.name.startsWith('W'));
  let loss = dataLoss;
  weights.forEach((W, i) => {
    loss = g.add(loss, g.l2(W, spec.reg, `reg ${W.name}`), i === weights.length - 1 ? 'loss' : `data loss + reg ${W.name}`);
  });
  return { spec, graph: g, x, labels, params, hiddenPre, hidden, hiddenNodes, scores, dataLoss, loss };
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

/** A forward pass's outputs: the last hidden layer's activations (null without one), every hidden layer's, and the scores. */
export interface ForwardResult {
  /** n x H_L, the last hidden layer (the only one of a two-layer net); null for linear. */
  hidden: Float64Array | null;
  /** n x H_l for each hidden layer l in order ([] for linear). */
  hiddenLayers: Float64Array[];
  /** n x K. */
  scores: Float64Array;
}

/**
 * Forward pass over flat layers into new arrays (forward.ts `forwardInto`, allocating the
 * outputs): the hidden activation after every layer but the last, and the scores.
 */
export function forwardLayers(layers: DenseLayer[], activation: ActivationRef, x: Float64Array, n: number): ForwardResult {
  const d = layers[0].inputs;
  if (!Number.isInteger(n) || n < 0 || x.length !== n * d) throw new ParameterError('x', x.length, `${n} x ${d} = ${n * d} numbers`);
  const outs = layers.map((l) => new Float64Array(n * l.outputs));
  forwardInto(layers, activation, x, n, outs);
  return { hidden: outs.length > 1 ? outs[outs.length - 2] : null, hiddenLayers: outs.slice(0, -1), scores: outs[outs.length - 1] };
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
 * Runs a saved network on n rows of x (n * D, row-major): returns the last hidden layer's
 * activations (n * H, after the activation; null for a linear model), every hidden layer's, and
 * the class scores (n * K).
 */
export function forwardNetwork(net: NetworkFile, x: Float64Array, n: number): ForwardResult {
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
