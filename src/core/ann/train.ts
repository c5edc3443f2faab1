/**
 * Training: a step-wise `Trainer` (for the page: step k iterations per frame, read the graph's
 * nodes, predict) and `train` (for the CLI and tests: run to the end, report metrics).
 *
 * One iteration, as in the course: forward the batch, read the loss, backward, update. Full batch
 * uses the whole training set every iteration; minibatch N walks a seeded shuffle of the rows,
 * reshuffled every epoch. A loss that becomes NaN or infinite stops training with a
 * SomaRuntimeError naming the iteration.
 */
import type { Dataset } from '../data/types';
import { ParameterError, SomaRuntimeError, checkChoice, checkNumber } from '../errors';
import { NETWORK_ACTIVATIONS, NETWORK_FILE_FORMAT, NETWORK_FILE_VERSION, type NetworkActivation, type NetworkFile, type SomaFiSpec } from '../export/network-file';
import { activationOf } from './activations';
import { Rng } from '../random';
import type { GraphNode } from './graph';
import {
  INITS, LOSSES, MODELS, MAX_HIDDEN_UNITS, argmaxRows, buildNetworkGraph, forwardLayers, hiddenWidths, initNetwork,
  type DenseLayer, type ForwardResult, type InitKind, type LossKind, type ModelKind, type NetworkGraph,
} from './network';
import { fusedTwoLayerSoftmax, type FusedKernel } from './fused';
import { OPTIMIZERS, makeOptimizer, type Optimizer, type OptimizerKind } from './optimizers';

/** Everything that defines a training run. */
export interface TrainOptions {
  model: ModelKind;
  /** Hidden units H (two-layer; the first hidden layer of a deep network). */
  hidden: number;
  /** Units of every hidden layer, H1..HL (deep: required, L >= 2; see network.ts `hiddenWidths`). */
  hiddenLayers?: readonly number[];
  /** Hidden activation; `soma-fi` trains through the soma model's f-I curve in `somaFi`. */
  activation: NetworkActivation;
  /** The soma model of a `soma-fi` activation (experiments/soma-fi.ts `somaFiSpec`). */
  somaFi?: SomaFiSpec;
  loss: LossKind;
  /** Learning rate (step size). */
  lr: number;
  /** L2 strength. */
  reg: number;
  /** Iterations (parameter updates). */
  iters: number;
  /** 'full' (every row each iteration) or a minibatch size. */
  batch: 'full' | number;
  optimizer: OptimizerKind;
  init: InitKind;
  /** Seed of the initial weights and the minibatch order. */
  seed: number;
}

/** The course's case study: two-layer, 100 hidden ReLU, softmax, step 1, reg 1e-3, 10,000 full-batch SGD iterations, seed 0. */
export const TRAIN_DEFAULTS: Readonly<TrainOptions> = Object.freeze({
  model: 'two-layer', hidden: 100, activation: 'relu', loss: 'softmax', lr: 1, reg: 1e-3,
  iters: 10_000, batch: 'full', optimizer: 'sgd', init: 'small', seed: 0,
});

/** Fills defaults and checks every field (ParameterError naming the field). */
export function checkTrainOptions(options: Partial<TrainOptions> = {}): TrainOptions {
  const o = { ...TRAIN_DEFAULTS, ...options };
  const model = checkChoice('model', o.model, MODELS);
  const widths = hiddenWidths({ model, hidden: o.hidden, hiddenLayers: o.hiddenLayers });
  return {
    model,
    hidden: model === 'linear' ? checkNumber('hidden', o.hidden, { min: 1, max: MAX_HIDDEN_UNITS, integer: true }) : widths[0],
    ...(model === 'deep' ? { hiddenLayers: widths } : {}),
    activation: checkChoice('activation', o.activation, NETWORK_ACTIVATIONS),
    ...(o.somaFi ? { somaFi: o.somaFi } : {}),
    loss: checkChoice('loss', o.loss, LOSSES),
    lr: checkNumber('lr', o.lr, { min: 0, minExclusive: true }),
    reg: checkNumber('reg', o.reg, { min: 0 }),
    iters: checkNumber('iters', o.iters, { min: 1, max: 1e9, integer: true }),
    batch: o.batch === 'full' ? 'full' : checkBatch(o.batch),
    optimizer: checkChoice('optimizer', o.optimizer, OPTIMIZERS),
    init: checkChoice('init', o.init, INITS),
    seed: checkNumber('seed', o.seed, { integer: true }),
  };
}

function checkBatch(b: unknown): number {
  if (typeof b !== 'number' || !Number.isInteger(b) || b < 1) throw new ParameterError('batch', b, '"full" or an integer >= 1');
  return b;
}

/** Trains step by step over one dataset; the graph's nodes are public for drawing. */
export class Trainer {
  readonly options: TrainOptions;
  readonly net: NetworkGraph;
  readonly optimizer: Optimizer;
  /** Iterations done so far. */
  iteration = 0;
  /** Loss of the last iteration (before its update), NaN before the first. */
  loss = NaN;
  private readonly rng: Rng;
  private readonly order: Int32Array | null;
  private cursor = 0;
  private reg: number;
  /** The fused hot path (two-layer ReLU softmax), or null when the graph's gates run every iteration. */
  private readonly kernel: FusedKernel | null;
  private readonly scratch: Float64Array[];

  /**
   * @param options training options (defaults: TRAIN_DEFAULTS)
   * @param data the training set
   * @param engine `fused: false` runs every iteration through the graph's gates (for comparisons);
   *   `kernel: 'js'` keeps the fused kernel in JavaScript instead of WebAssembly SIMD (same results)
   */
  constructor(options: Partial<TrainOptions>, readonly data: Dataset, engine: { fused?: boolean; kernel?: 'wasm' | 'js' } = {}) {
    this.options = checkTrainOptions(options);
    if (data.n < 1) throw new ParameterError('dataset', data.name, 'at least one training row');
    const o = this.options;
    const batch = o.batch === 'full' ? data.n : Math.min(o.batch, data.n);
    this.net = buildNetworkGraph({
      model: o.model, d: data.d, hidden: o.hidden, hiddenLayers: o.hiddenLayers, classes: data.classes,
      activation: o.activation, somaFi: o.somaFi, loss: o.loss, reg: o.reg, batch,
    });
    this.rng = new Rng(o.seed);
    initNetwork(this.net, o.init, this.rng);
    this.optimizer = makeOptimizer(o.optimizer, this.net.params, o.lr);
    this.reg = o.reg;
    const fusable = engine.fused !== false && o.model === 'two-layer' && o.activation === 'relu' && o.loss === 'softmax';
    this.kernel = fusable ? fusedTwoLayerSoftmax(data.d, o.hidden, data.classes, engine.kernel) : null;
    this.scratch = fusable ? [o.hidden, o.hidden, data.classes, data.classes].map((len) => new Float64Array(len)) : [];
    if (batch === data.n) {
      this.order = null;
      this.net.x.value.set(data.x);
      this.net.labels.set(data.y);
    } else {
      this.order = Int32Array.from({ length: data.n }, (_, i) => i);
      this.rng.shuffle(this.order);
    }
  }

  /** Copies the next minibatch into the graph's X and labels (reshuffling at each epoch's end). */
  private nextBatch(): void {
    const order = this.order!, X = this.net.x.value, y = this.net.labels, d = this.data.d, src = this.data.x;
    for (let r = 0; r < y.length; r++) {
      if (this.cursor === order.length) { this.rng.shuffle(order); this.cursor = 0; }
      const i = order[this.cursor++];
      for (let k = 0; k < d; k++) X[r * d + k] = src[i * d + k];
      y[r] = this.data.y[i];
    }
  }

  /** Changes the L2 strength from the next iteration on (e.g. a slider). */
  setReg(reg: number): void {
    this.reg = checkNumber('reg', reg, { min: 0 });
    for (const node of this.net.graph.nodes) if (node.op === 'l2') this.net.graph.setL2Strength(node, reg);
  }

  /**
   * Runs k iterations; returns the last loss. All but the last run on the fused kernel when the
   * model has one; the last runs through the graph's gates, so afterwards every node holds the
   * values and gradients of the last iteration. Throws SomaRuntimeError if the loss stops being finite.
   */
  step(k = 1): number {
    checkNumber('k', k, { min: 1, integer: true });
    const { graph, loss } = this.net;
    for (let s = 0; s < k; s++) {
      if (this.order) this.nextBatch();
      let L: number;
      if (this.kernel && s < k - 1) L = this.fusedIteration(this.kernel);
      else {
        graph.forward(loss);
        L = loss.value[0];
      }
      if (!Number.isFinite(L)) {
        throw new SomaRuntimeError(
          `training diverged at iteration ${this.iteration}: the loss is ${L}; try a smaller learning rate than ${this.optimizer.lr}`,
        );
      }
      this.loss = L;
      if (!(this.kernel && s < k - 1)) graph.backward(loss);
      this.optimizer.step();
      this.iteration++;
    }
    return this.loss;
  }

  /** Loss and parameter gradients of one iteration by the fused kernel (same maths as the gates). */
  private fusedIteration(kernel: FusedKernel): number {
    const [W1, b1, W2, b2] = this.net.params;
    W1.grad.fill(0); b1.grad.fill(0); W2.grad.fill(0); b2.grad.fill(0);
    const [hs, dz, s, g] = this.scratch;
    const dataLoss = kernel(this.net.x.value, this.net.labels, this.net.labels.length,
      W1.value, b1.value, W2.value, b2.value, W1.grad, b1.grad, W2.grad, b2.grad, hs, dz, s, g);
    // + 0.5 reg |W|^2 for each weight matrix; gradient reg W
    const reg = this.reg;
    return dataLoss + addL2(W1.value, W1.grad, reg) + addL2(W2.value, W2.grad, reg);
  }

  /** The current layers as flat arrays (views of the graph's parameter buffers). */
  layers(): DenseLayer[] {
    const p = this.net.params;
    const out: DenseLayer[] = [];
    for (let l = 0; l < p.length; l += 2) out.push({ inputs: p[l].rows, outputs: p[l].cols, weights: p[l].value, bias: p[l + 1].value });
    return out;
  }

  /** Class scores (n * K) and hidden activations for n rows of x with the current weights. */
  forward(x: Float64Array, n: number): ForwardResult {
    return forwardLayers(this.layers(), activationOf(this.options.activation, this.options.somaFi), x, n);
  }

  /** Predicted classes for n rows of x (n * D). */
  predict(x: Float64Array, n: number): Int32Array {
    return argmaxRows(this.forward(x, n).scores, n, this.data.classes);
  }

  /** Fraction of rows of `ds` (default: the training set) classified correctly. */
  accuracy(ds: Dataset = this.data): number {
    if (ds.n === 0) return NaN;
    const pred = this.predict(ds.x, ds.n);
    let ok = 0;
    for (let i = 0; i < ds.n; i++) if (pred[i] === ds.y[i]) ok++;
    return ok / ds.n;
  }

  /** Confusion matrix on `ds`: entry [true][predicted] counts rows. */
  confusion(ds: Dataset = this.data): number[][] {
    const K = this.data.classes, m = Array.from({ length: K }, () => new Array<number>(K).fill(0));
    const pred = this.predict(ds.x, ds.n);
    for (let i = 0; i < ds.n; i++) m[ds.y[i]][pred[i]]++;
    return m;
  }

  /** The trained network as a NetworkFile (weights copied out as in x out nested arrays). */
  network(): NetworkFile {
    const o = this.options;
    return {
      format: NETWORK_FILE_FORMAT,
      version: NETWORK_FILE_VERSION,
      model: o.model,
      activation: o.activation,
      ...(o.somaFi ? { somaFi: o.somaFi } : {}),
      loss: o.loss,
      hidden: hiddenWidths(o),
      layers: this.layers().map((l) => ({
        weights: Array.from({ length: l.inputs }, (_, i) => Array.from(l.weights.subarray(i * l.outputs, (i + 1) * l.outputs))),
        bias: Array.from(l.bias),
      })),
      ...(this.data.classNames ? { classes: this.data.classNames } : {}),
      dataset: { name: this.data.name, n: this.data.n, d: this.data.d, classes: this.data.classes, ...(this.data.image ? { image: this.data.image } : {}) },
      training: { ...o, somaFi: undefined, iterations: this.iteration },
    };
  }

  /** Graph nodes by role, for drawing values (forward) and gradients (backward). */
  nodes(): GraphNode[] {
    return this.net.graph.topologicalOrder(this.net.loss);
  }
}

/** What `train` reports. */
export interface TrainResult {
  network: NetworkFile;
  /** Loss of the last iteration. */
  finalLoss: number;
  trainAcc: number;
  /** Null without a test set. */
  testAcc: number | null;
  /** [iteration, loss] pairs: from iteration 0, about 200 evenly spaced, ending with the last iteration. */
  lossCurve: [number, number][];
  trainMs: number;
  itersPerS: number;
  /** [true][predicted] counts on the test set (the training set when there is none). */
  confusion: number[][];
}

/** Trains to the end and reports. `onProgress` is called about 100 times. */
export function train(
  options: Partial<TrainOptions>,
  data: { train: Dataset; test?: Dataset },
  hooks: { onProgress?(iter: number, loss: number): void; fused?: boolean } = {},
): TrainResult {
  const trainer = new Trainer(options, data.train, { fused: hooks.fused });
  const iters = trainer.options.iters;
  const curveEvery = Math.max(1, Math.floor(iters / 200));
  const progressEvery = Math.max(1, Math.floor(iters / 100));
  const lossCurve: [number, number][] = [];
  const t0 = performance.now();
  // chunks of curveEvery iterations: the fused path runs inside a chunk, the gates at its end
  let nextProgress = 0;
  for (let done = 0; done < iters;) {
    const k = done === 0 ? 1 : Math.min(curveEvery, iters - done); // the curve starts at iteration 0
    const L = trainer.step(k);
    done += k;
    lossCurve.push([done - 1, L]);
    if (hooks.onProgress && (done >= nextProgress || done === iters)) {
      hooks.onProgress(done - 1, L);
      nextProgress = done + progressEvery;
    }
  }
  const trainMs = performance.now() - t0;
  const test = data.test && data.test.n > 0 ? data.test : undefined;
  return {
    network: trainer.network(),
    finalLoss: trainer.loss,
    trainAcc: trainer.accuracy(),
    testAcc: test ? trainer.accuracy(test) : null,
    lossCurve,
    trainMs,
    itersPerS: trainMs > 0 ? (iters * 1000) / trainMs : 0,
    confusion: trainer.confusion(test ?? data.train),
  };
}

/** Adds reg W to the gradient d and returns the penalty 0.5 reg |W|^2 (no allocation: hot path). */
function addL2(w: Float64Array, d: Float64Array, reg: number): number {
  let ss = 0;
  for (let i = 0; i < w.length; i++) { ss += w[i] * w[i]; d[i] += reg * w[i]; }
  return 0.5 * reg * ss;
}
