/**
 * The adapter between the lab and the backprop core: a `TrainerPort` over `Trainer`
 * (src/core/ann/train.ts). It binds the trainer's layer buffers once and reads them in place,
 * so the per-frame path allocates nothing; the forward pass and the loss for the curves are the
 * backprop core's one forward pass and losses (ann/forward.ts), evaluated into preallocated
 * buffers: h = f(X W1 + b1), s = h W2 + b2; the data loss (softmax or SVM) plus
 * 0.5 * reg * sum W^2 of each weight matrix (the graph's l2 gates).
 * A diverging step (SomaRuntimeError from the trainer) is reported as a NaN loss.
 */
import { dataLoss, forwardInto, l2Penalty, type DenseLayer } from '../ann/forward';
import { Trainer } from '../ann/train';
import type { Dataset } from '../data/types';
import { SomaRuntimeError } from '../errors';
import type { HiddenActivation } from '../export/network-file';
import type { SplitScore, TrainerPort } from './ports';
import type { Settings } from './settings';

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
  private readonly layers: readonly DenseLayer[];
  private readonly activation: HiddenActivation;
  /** The output buffers of `forward`, rebound per call without allocating: [hidden, scores]. */
  private readonly outs: Float64Array[] = [new Float64Array(0), new Float64Array(0)];
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
    this.layers = [this.l1, this.l2];
    this.activation = settings.activation;
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
    this.outs[0] = hidden;
    this.outs[1] = scores;
    forwardInto(this.layers, this.activation, x, n, this.outs);
  }

  score(split: 'train' | 'test'): SplitScore {
    const ds = split === 'train' ? this.trainSet : this.testSet;
    const buf = this.buffers[split];
    const k = this.sizes[2];
    if (ds.n === 0) return { loss: NaN, accuracy: NaN };
    this.forward(ds.x, ds.n, buf.hidden, buf.scores);
    const s = buf.scores;
    let correct = 0;
    for (let i = 0; i < ds.n; i++) {
      const r = i * k;
      let best = 0;
      for (let c = 1; c < k; c++) if (s[r + c] > s[r + best]) best = c;
      if (best === ds.y[i]) correct++;
    }
    // The graph's total: data loss + reg W1 + reg W2, added in that order.
    const reg = this.settings.reg;
    const loss = dataLoss(this.settings.loss, s, ds.y, ds.n, k) + l2Penalty(this.l1.weights, reg) + l2Penalty(this.l2.weights, reg);
    return { loss, accuracy: correct / ds.n };
  }

  network() {
    return this.trainer.network();
  }
}
