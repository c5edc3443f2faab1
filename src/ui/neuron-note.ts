/**
 * The hover line of the selected neuron and the perf meter's line, in the reader's words. The
 * hover line says the same as the node's label (src/view/paired-numbers.ts): a hidden or output
 * neuron's rate (count x 1000 / T, Hz) and activation, with the training step of the weights the
 * count ran when that is not the weights on show; an input's value x, or its Poisson rate.
 */
import { countsCurrent, layerOf, type LabSnapshot } from '../core/lab/snapshot';
import type { texts } from './i18n';

type UiWords = ReturnType<typeof texts>['ui'];

/** The line under the membrane plot for neuron `i` (inputs 0..D-1, hidden D.., outputs D+H..). */
export function neuronNote(s: LabSnapshot, i: number, u: UiWords): string {
  const layer = layerOf(s, i);
  const name = `${[u.inputName, u.hiddenName, u.outputName][layer]} ${i - s.offsets[layer]}`;
  const a = s.activation[i];
  if (layer === 0) {
    const carried = s.inputEncoding === 'poisson' ? `${u.poissonRate} ${s.inputRateHz[i].toFixed(0)}` : `${u.inputValue} ${a.toFixed(3)}`;
    return `${name} · ${carried}`;
  }
  const rate = s.lastCountsStep < 0 ? '…' : ((s.lastCounts[i] * 1000) / s.windowMs).toFixed(0);
  const stale = s.lastCountsStep >= 0 && !countsCurrent(s) ? ` (${u.countsFrom} ${s.lastCountsStep})` : '';
  return `${name} · ${u.rate} ${rate}${stale} · ${u.activation} ${a.toFixed(3)}`;
}

/** The perf meter (?perf=1): the page's JavaScript time per frame and the worker's, last (mean), ms. */
export function perfLine(u: UiWords, frameMs: number, meanFrameMs: number, labMs: number, meanLabMs: number): string {
  return `${u.frameMs} ${frameMs.toFixed(2)} (${meanFrameMs.toFixed(2)}) · ${u.worker} ${labMs.toFixed(2)} (${meanLabMs.toFixed(2)})`;
}
