/**
 * What the lab needs from the artificial side, in one small interface. The adapter in
 * `engines.ts` implements it over the backprop core's Trainer; tests may implement it over
 * anything that trains. Array shapes follow the course: X is n x D row-major, W1 D x H, W2 H x K.
 */
import type { NetworkFile } from '../export/network-file';

/** Loss and accuracy of the current weights on one split. */
export interface SplitScore {
  loss: number;
  accuracy: number;
}

export interface TrainerPort {
  /** Layer sizes [D, H, K]. */
  readonly sizes: readonly [number, number, number];
  /** Runs `k` minibatch steps; returns the loss of the last batch (NaN or Infinity if it diverged). */
  step(k: number): number;
  /** Training steps done so far. */
  readonly stepCount: number;
  /** Copies the current weights into W1 (D x H), b1 (H), W2 (H x K), b2 (K). Allocates nothing. */
  readWeights(w1: Float64Array, b1: Float64Array, w2: Float64Array, b2: Float64Array): void;
  /**
   * Replaces the current weights by W1 (D x H), b1 (H), W2 (H x K), b2 (K), e.g. those of an
   * imported network file; training continues from them.
   */
  writeWeights(w1: Float64Array, b1: Float64Array, w2: Float64Array, b2: Float64Array): void;
  /** Full-batch loss (with regularisation) and accuracy on the training or the test split. */
  score(split: 'train' | 'test'): SplitScore;
  /**
   * Forward pass for n inputs x (n x D): hidden activations into `hidden` (n x H) and scores
   * into `scores` (n x K). Allocates nothing.
   */
  forward(x: Float64Array, n: number, hidden: Float64Array, scores: Float64Array): void;
  /** The current network as a network file (allocates: call on window boundaries, not per step). */
  network(): NetworkFile;
}
