/**
 * The numbers the ANN scene writes beside each node, paired honestly. A hidden or output node
 * shows its activation under the weights on show and, after the slash, the spike count of its
 * spiking twin over the last complete window of T ms. The two belong together only when that
 * window ran the same weights, probe point and conversion (`countsCurrent`); otherwise the count
 * is stale: the label is drawn grey and one line under the scene says the training step of the
 * weights it ran (`staleLine`; a step per label would run labels into each other), until the
 * spiking side catches up (after Pause it does so by itself: Lab.idle). An input node shows what
 * it carries under the chosen encoding: the value x (current input) or x with its Poisson rate
 * |x| / lambda_0 per step in Hz.
 */
import { countsCurrent, type LabSnapshot } from '../core/lab/snapshot';

/** One node's label: its text and whether its spike count is stale. */
export interface PairedLabel {
  text: string;
  stale: boolean;
}

/** The label of node `i` (inputs 0..D-1, hidden D.., outputs D+H..) for snapshot `s`. */
export function pairedLabel(s: LabSnapshot, i: number): PairedLabel {
  const d = s.sizes[0];
  const a = s.activation[i].toFixed(2);
  if (i < d) {
    // Current input: the value x itself drives the first layer; Poisson: spikes at rate |x| / lambda_0 per ms.
    const text = s.inputEncoding === 'poisson' ? `${a} · ${s.inputRateHz[i].toFixed(0)} Hz` : a;
    return { text, stale: false };
  }
  if (s.lastCountsStep < 0) return { text: `${a} / …`, stale: true }; // no window completed yet
  if (countsCurrent(s)) return { text: `${a} / ${s.lastCounts[i]}`, stale: false };
  return { text: `${a} / ${s.lastCounts[i]}`, stale: true };
}

/**
 * The line under the scene while the counts are stale: `staleWords` and the step of the weights
 * the counts ran ('grey counts: weights of step 180'); '' while every pair holds.
 */
export function staleLine(s: LabSnapshot, staleWords: string): string {
  if (s.lastCountsStep < 0 || countsCurrent(s)) return '';
  return `${staleWords} ${s.lastCountsStep}`;
}

/** Tint of a label (times its light fill): as drawn when the pair holds, grey when the count is stale. */
export const LABEL_INK = 0xffffff;
export const LABEL_STALE = 0x8a929e;
