/**
 * The ONE forward pass of a stack of dense layers outside the training kernels, and the losses,
 * each written once:
 *
 *   a_0 = X (n x D);  a_l = f(a_{l-1} W_l + b_l) for every layer but the last;  scores = a_{L-1} W_L + b_L
 *
 * with f from the activation table (activations.ts). `forwardInto` writes into buffers the
 * caller binds once (nothing is allocated per call), so the lab's per-frame passes, the
 * conversion's activations, the region grids and the CLI all run this code. The graph's gates
 * (graph.ts: for teaching and gradient checks) and the fused training kernels (fused*.ts) stay
 * as they are; tests hold them equal to it (forward.test.ts).
 *
 * Losses per row (the graph's loss gates call these too):
 *   softmax cross-entropy: -log p_y = log sum_j e^(s_j - m) - (s_y - m), m = max_j s_j;
 *   multiclass SVM (Weston-Watkins): sum_{j != y} max(0, s_j - s_y + delta);
 *   L2 penalty: 0.5 reg sum W^2 (the course's form).
 */
import { ParameterError } from '../errors';
import { ACTIVATIONS, type ActivationRef } from './activations';

/** One dense layer as flat arrays: weights inputs x outputs, row-major; bias of length outputs. */
export interface DenseLayer { inputs: number; outputs: number; weights: Float64Array; bias: Float64Array }

/** The data losses (the course's two). */
export type DataLossKind = 'softmax' | 'svm';

/**
 * Runs n rows of x (n x D, row-major) through the layers: outs[l] receives layer l's output for
 * rows [0, n) (n x outputs_l; the activation applied to every layer but the last, whose output is
 * the scores). Each outs[l] must hold at least n x outputs_l numbers; nothing else is written and
 * nothing is allocated. Sums run bias first, then the inputs in order (zero inputs skipped:
 * ReLU outputs, blank pixels), as the graph's affine gate.
 */
export function forwardInto(layers: readonly DenseLayer[], activation: ActivationRef, x: Float64Array, n: number, outs: readonly Float64Array[]): void {
  if (layers.length === 0) throw new ParameterError('layers', 0, 'at least one dense layer');
  const d = layers[0].inputs;
  if (!Number.isInteger(n) || n < 0 || x.length < n * d) throw new ParameterError('x', x.length, `at least ${n} x ${d} = ${n * d} numbers`);
  if (outs.length !== layers.length) throw new ParameterError('outs', outs.length, `one buffer per layer (${layers.length})`);
  // a name from the table, or an activation given as a function (a soma model's f-I curve)
  const act = typeof activation === 'string' ? ACTIVATIONS[activation] : activation;
  if (!act) throw new ParameterError('activation', activation, Object.keys(ACTIVATIONS).join(', '));
  let input = x;
  for (let l = 0; l < layers.length; l++) {
    const { inputs: D, outputs: H, weights: W, bias: B } = layers[l];
    const out = outs[l];
    if (l > 0 && D !== layers[l - 1].outputs) throw new ParameterError(`layers[${l}].inputs`, D, `the outputs of layer ${l - 1} (${layers[l - 1].outputs})`);
    if (out.length < n * H) throw new ParameterError(`outs[${l}]`, out.length, `at least ${n} x ${H} = ${n * H} numbers`);
    for (let i = 0; i < n; i++) {
      const o = i * H, xo = i * D;
      for (let j = 0; j < H; j++) out[o + j] = B[j];
      for (let k = 0; k < D; k++) {
        const v = input[xo + k];
        if (v === 0) continue;
        const w = k * H;
        for (let j = 0; j < H; j++) out[o + j] += v * W[w + j];
      }
    }
    if (l < layers.length - 1) {
      const m = n * H;
      if (activation === 'relu') {
        for (let i = 0; i < m; i++) if (!(out[i] > 0)) out[i] = 0;
      } else {
        const f = act.f;
        for (let i = 0; i < m; i++) out[i] = f(out[i]);
      }
    }
    input = out;
  }
}

/**
 * -log softmax(s)_y of the row s[o .. o + k), computed without the log of a tiny probability;
 * writes the row's probabilities into p[o .. o + k) when p is given.
 */
export function softmaxRowLoss(s: ArrayLike<number>, o: number, k: number, y: number, p: Float64Array | null): number {
  let m = s[o];
  for (let j = 1; j < k; j++) if (s[o + j] > m) m = s[o + j];
  let z = 0;
  for (let j = 0; j < k; j++) {
    const e = Math.exp(s[o + j] - m);
    if (p) p[o + j] = e;
    z += e;
  }
  if (p) {
    const inv = 1 / z;
    for (let j = 0; j < k; j++) p[o + j] *= inv;
  }
  return Math.log(z) - (s[o + y] - m);
}

/** Multiclass SVM loss of the row s[o .. o + k): sum_{j != y} max(0, s_j - s_y + delta). */
export function svmRowLoss(s: ArrayLike<number>, o: number, k: number, y: number, delta: number): number {
  const sy = s[o + y];
  let loss = 0;
  for (let j = 0; j < k; j++) {
    if (j === y) continue;
    const margin = s[o + j] - sy + delta;
    if (margin > 0) loss += margin;
  }
  return loss;
}

/** Mean data loss over n rows of scores (n x k) with labels y (delta 1 for the SVM). */
export function dataLoss(kind: DataLossKind, scores: ArrayLike<number>, y: ArrayLike<number>, n: number, k: number): number {
  let loss = 0;
  if (kind === 'softmax') for (let i = 0; i < n; i++) loss += softmaxRowLoss(scores, i * k, k, y[i], null);
  else for (let i = 0; i < n; i++) loss += svmRowLoss(scores, i * k, k, y[i], 1);
  return loss / n;
}

/** The L2 penalty 0.5 reg sum W^2 of one weight matrix. */
export function l2Penalty(w: ArrayLike<number>, reg: number): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i] * w[i];
  return 0.5 * reg * s;
}
