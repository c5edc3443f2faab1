/**
 * The graph's matrix and loss gates (graph.ts builds them): affine X W + b, softmax
 * cross-entropy, multiclass SVM and the L2 penalty, each bound to its nodes' buffers once, and
 * the `Gate` contract every gate of the graph implements.
 */
import type { GraphNode } from './graph';
import { l2Penalty, softmaxRowLoss, svmRowLoss } from './forward';

/** A gate: computes its node's value from its inputs, and pushes its node's grad back into theirs. */
export interface Gate {
  forward(): void;
  backward(): void;
  /** For gates with kinks (relu, max, min, svm): a number that changes when an input crosses a kink. */
  kinks?(): number;
}

/** Adds `i`'s token to a kink signature when `flag` holds (golden-ratio hashing of the index). */
export function kinkToken(i: number, flag: boolean): number {
  return flag ? 1 + ((i * 0.6180339887498949) % 1) : 0;
}

/**
 * out = X W (+ b). Loop orders chosen for row-major buffers: forward and dW run i-k-j (the inner
 * loop walks a contiguous row of W / dW and skips the zero inputs a ReLU layer leaves); when the
 * output is narrow (a few classes) the forward uses dot products over k instead.
 */
export class AffineGate implements Gate {
  private readonly n: number;
  private readonly d: number;
  private readonly h: number;
  constructor(private readonly x: GraphNode, private readonly w: GraphNode, private readonly b: GraphNode | null, private readonly out: GraphNode) {
    this.n = x.rows; this.d = x.cols; this.h = w.cols;
  }

  forward(): void {
    const { n, d, h } = this;
    const X = this.x.value, W = this.w.value, O = this.out.value, B = this.b ? this.b.value : null;
    if (h <= 8) {
      for (let i = 0; i < n; i++) {
        const xo = i * d, oo = i * h;
        for (let j = 0; j < h; j++) {
          let s = B ? B[j] : 0;
          for (let k = 0; k < d; k++) s += X[xo + k] * W[k * h + j];
          O[oo + j] = s;
        }
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      const xo = i * d, oo = i * h;
      if (B) for (let j = 0; j < h; j++) O[oo + j] = B[j];
      else for (let j = 0; j < h; j++) O[oo + j] = 0;
      for (let k = 0; k < d; k++) {
        const xv = X[xo + k];
        if (xv === 0) continue;
        const wo = k * h;
        for (let j = 0; j < h; j++) O[oo + j] += xv * W[wo + j];
      }
    }
  }

  backward(): void {
    const { n, d, h } = this;
    const X = this.x.value, W = this.w.value, G = this.out.grad;
    if (this.b && this.b.requiresGrad) {
      const dB = this.b.grad;
      for (let i = 0; i < n; i++) for (let j = 0, o = i * h; j < h; j++) dB[j] += G[o + j];
    }
    if (this.w.requiresGrad) {
      // dW = X^T dOut
      const dW = this.w.grad;
      for (let i = 0; i < n; i++) {
        const xo = i * d, go = i * h;
        for (let k = 0; k < d; k++) {
          const xv = X[xo + k];
          if (xv === 0) continue;
          const wo = k * h;
          for (let j = 0; j < h; j++) dW[wo + j] += xv * G[go + j];
        }
      }
    }
    if (this.x.requiresGrad) {
      // dX = dOut W^T
      const dX = this.x.grad;
      for (let i = 0; i < n; i++) {
        const xo = i * d, go = i * h;
        for (let k = 0; k < d; k++) {
          const wo = k * h;
          let s = 0;
          for (let j = 0; j < h; j++) s += G[go + j] * W[wo + j];
          dX[xo + k] += s;
        }
      }
    }
  }
}

export class SoftmaxGate implements Gate {
  /** Class probabilities of the last forward, N x K. */
  readonly probs: Float64Array;
  constructor(private readonly s: GraphNode, private readonly labels: Int32Array, private readonly out: GraphNode) {
    this.probs = new Float64Array(s.rows * s.cols);
  }
  forward(): void {
    const n = this.s.rows, k = this.s.cols, S = this.s.value, P = this.probs, y = this.labels;
    let loss = 0;
    for (let i = 0; i < n; i++) loss += softmaxRowLoss(S, i * k, k, y[i], P);
    this.out.value[0] = loss / n;
  }
  backward(): void {
    if (!this.s.requiresGrad) return;
    const n = this.s.rows, k = this.s.cols, P = this.probs, y = this.labels, dS = this.s.grad;
    const g = this.out.grad[0] / n;
    for (let i = 0; i < n; i++) {
      const o = i * k;
      for (let j = 0; j < k; j++) dS[o + j] += g * P[o + j];
      dS[o + y[i]] -= g;
    }
  }
}

export class SvmGate implements Gate {
  constructor(private readonly s: GraphNode, private readonly labels: Int32Array, private readonly delta: number, private readonly out: GraphNode) {}
  kinks(): number {
    const n = this.s.rows, k = this.s.cols, S = this.s.value, y = this.labels;
    let h = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) h += kinkToken(i * k + j, j !== y[i] && S[i * k + j] - S[i * k + y[i]] + this.delta > 0);
    return h;
  }
  forward(): void {
    const n = this.s.rows, k = this.s.cols, S = this.s.value, y = this.labels, delta = this.delta;
    let loss = 0;
    for (let i = 0; i < n; i++) loss += svmRowLoss(S, i * k, k, y[i], delta);
    this.out.value[0] = loss / n;
  }
  backward(): void {
    if (!this.s.requiresGrad) return;
    const n = this.s.rows, k = this.s.cols, S = this.s.value, y = this.labels, delta = this.delta, dS = this.s.grad;
    const g = this.out.grad[0] / n;
    for (let i = 0; i < n; i++) {
      const o = i * k, yi = y[i], sy = S[o + yi];
      // each violated margin pushes its score up and the true class's score down
      for (let j = 0; j < k; j++) {
        if (j === yi) continue;
        if (S[o + j] - sy + delta > 0) { dS[o + j] += g; dS[o + yi] -= g; }
      }
    }
  }
}

export class L2Gate implements Gate {
  constructor(private readonly w: GraphNode, public strength: number, private readonly out: GraphNode) {}
  forward(): void {
    this.out.value[0] = l2Penalty(this.w.value, this.strength);
  }
  backward(): void {
    if (!this.w.requiresGrad) return;
    const W = this.w.value, dW = this.w.grad, g = this.out.grad[0] * this.strength;
    for (let i = 0; i < W.length; i++) dW[i] += g * W[i];
  }
}
