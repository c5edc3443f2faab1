/**
 * The adapter between the lab and the backprop core: a `TrainerPort` over `Trainer`
 * (src/core/ann/train.ts). It binds the trainer's layer buffers once and reads them in place,
 * so the per-frame path allocates nothing; the forward pass and the loss for the curves are the
 * course's formulas, evaluated into preallocated buffers:
 *   h = f(X W1 + b1), s = h W2 + b2;
 *   softmax: L = (1/N) sum_i [log sum_j e^{s_ij} - s_{i,y_i}];
 *   svm:     L = (1/N) sum_i sum_{j != y_i} max(0, s_ij - s_{i,y_i} + 1);
 *   plus 0.5 * reg * sum W^2 over both weight matrices (the graph's l2 gate).
 * A diverging step (SomaRuntimeError from the trainer) is reported as a NaN loss.
 */
import { lifRateActivation, softLifActivation } from '../ann/activations';
import type { DenseLayer } from '../ann/network';
import { Trainer } from '../ann/train';
import type { Dataset } from '../data/types';
import { SomaRuntimeError } from '../errors';
import type { HiddenActivation } from '../export/network-file';
import type { SplitScore, TrainerPort } from './ports';
import type { Settings } from './settings';

/** The hidden activations by name (the same functions the graph's gates use). */
const ACTIVATIONS: Record<HiddenActivation, (z: number) => number> = {
  relu: (z) => (z > 0 ? z : 0),
  'lif-rate': lifRateActivation,
  'soft-lif': softLifActivation,
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  tanh: Math.tanh,
};

/** Builds the page's trainer: a two-layer network with the settings' hidden units, activation, loss and optimizer. */
export function makeTrainerPort(train: Dataset, test: Dataset, s: Settings): TrainerPort {
  const trainer = new Trainer(
    {
      model: 'two-layer',
      hidden: s.hidden,
      activation: s.activation,
      loss: s.loss,
      lr: s.lr,
      reg: s.reg,
      batch: s.batch >= train.n ? 'full' : s.batch,
      optimizer: s.optimizer,
      init: 'he',
      seed: s.seed,
      iters: 1,
    },
    train,
  );
  return new TrainerAdapter(trainer, train, test, s);
}

class TrainerAdapter implements TrainerPort {
  readonly sizes: readonly [number, number, number];
  private readonly l1: DenseLayer;
  private readonly l2: DenseLayer;
  private readonly act: (z: number) => number;
  private readonly buffers: Record<'train' | 'test', { hidden: Float64Array; scores: Float64Array }>;

  constructor(
    private readonly trainer: Trainer,
    private readonly trainSet: Dataset,
    private readonly testSet: Dataset,
    private readonly settings: Settings,
  ) {
    // The layers are views of the graph's parameter buffers: bound once, read in place.
    [this.l1, this.l2] = trainer.layers();
    this.sizes = [this.l1.inputs, this.l1.outputs, this.l2.outputs];
    this.act = ACTIVATIONS[settings.activation];
    const [, h, k] = this.sizes;
    this.buffers = {
      train: { hidden: new Float64Array(trainSet.n * h), scores: new Float64Array(trainSet.n * k) },
      test: { hidden: new Float64Array(testSet.n * h), scores: new Float64Array(testSet.n * k) },
    };
  }

  get stepCount(): number {
    return this.trainer.iteration;
  }

  step(k: number): number {
    try {
      return this.trainer.step(k);
    } catch (e) {
      if (e instanceof SomaRuntimeError) return NaN;
      throw e;
    }
  }

  readWeights(w1: Float64Array, b1: Float64Array, w2: Float64Array, b2: Float64Array): void {
    w1.set(this.l1.weights);
    b1.set(this.l1.bias);
    w2.set(this.l2.weights);
    b2.set(this.l2.bias);
  }

  writeWeights(w1: Float64Array, b1: Float64Array, w2: Float64Array, b2: Float64Array): void {
    // The layers are the graph's parameter buffers: writing them in place is what training does.
    this.l1.weights.set(w1);
    this.l1.bias.set(b1);
    this.l2.weights.set(w2);
    this.l2.bias.set(b2);
  }

  forward(x: Float64Array, n: number, hidden: Float64Array, scores: Float64Array): void {
    const [d, h, k] = this.sizes;
    const W1 = this.l1.weights, B1 = this.l1.bias, W2 = this.l2.weights, B2 = this.l2.bias;
    const f = this.act;
    for (let i = 0; i < n; i++) {
      const hr = i * h;
      for (let j = 0; j < h; j++) {
        let z = B1[j];
        for (let q = 0; q < d; q++) z += x[i * d + q] * W1[q * h + j];
        hidden[hr + j] = f(z);
      }
      const sr = i * k;
      for (let c = 0; c < k; c++) {
        let z = B2[c];
        for (let j = 0; j < h; j++) z += hidden[hr + j] * W2[j * k + c];
        scores[sr + c] = z;
      }
    }
  }

  score(split: 'train' | 'test'): SplitScore {
    const ds = split === 'train' ? this.trainSet : this.testSet;
    const buf = this.buffers[split];
    const k = this.sizes[2];
    if (ds.n === 0) return { loss: NaN, accuracy: NaN };
    this.forward(ds.x, ds.n, buf.hidden, buf.scores);
    const s = buf.scores;
    let loss = 0;
    let correct = 0;
    for (let i = 0; i < ds.n; i++) {
      const r = i * k;
      const y = ds.y[i];
      let best = 0;
      for (let c = 1; c < k; c++) if (s[r + c] > s[r + best]) best = c;
      if (best === y) correct++;
      if (this.settings.loss === 'softmax') {
        // log sum_j e^{s_j} - s_y, shifted by max s for stability.
        const m = s[r + best];
        let sum = 0;
        for (let c = 0; c < k; c++) sum += Math.exp(s[r + c] - m);
        loss += m + Math.log(sum) - s[r + y];
      } else {
        for (let c = 0; c < k; c++) if (c !== y) loss += Math.max(0, s[r + c] - s[r + y] + 1);
      }
    }
    let w2sum = 0;
    for (const w of [this.l1.weights, this.l2.weights]) for (let i = 0; i < w.length; i++) w2sum += w[i] * w[i];
    return { loss: loss / ds.n + 0.5 * this.settings.reg * w2sum, accuracy: correct / ds.n };
  }

  network() {
    return this.trainer.network();
  }
}
