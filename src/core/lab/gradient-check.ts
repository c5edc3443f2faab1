/**
 * The page's "check the network's gradients": the network as trained now, over its training
 * points, checked by the core's gradient check (the one `soma gradcheck --network` runs), on a
 * seeded sample of each parameter array when the whole would exceed a budget of work. It runs
 * where the lab runs (the page's worker), so a check never blocks the page.
 */
import { GRADCHECK_H_RANGE, type GradCheckResult } from '../ann/gradcheck';
import { checkNetworkGradients, entriesWithin } from '../ann/network-gradcheck';
import { checkNumber, ParameterError } from '../errors';
import type { Lab } from './lab';

/** Largest work of one check on the page, in multiply-adds (about a tenth of a second here). */
export const PAGE_GRADCHECK_BUDGET = 2e8;

/** One check of the page's network. */
export interface PageGradientCheck {
  result: GradCheckResult;
  /** Training step of the weights checked. */
  step: number;
  /** Training points the loss sums over. */
  rows: number;
  /** The centred difference's step. */
  h: number;
  /** Entries checked per array when sampled; null when every entry was compared. */
  sampled: number | null;
  /** Each parameter array's shape, `rows × columns`, in the result's order. */
  shapes: string[];
}

/**
 * Checks the lab's network now with step `h` and the lab's L2 strength.
 * @throws ParameterError (`h`) outside GRADCHECK_H_RANGE; (`points`) with no training points
 */
export function pageGradientCheck(lab: Lab, h: number): PageGradientCheck {
  checkNumber('h', h, GRADCHECK_H_RANGE);
  const file = lab.networkFile();
  const data = lab.train;
  if (data.n === 0) throw new ParameterError('points', 0, 'at least one training point (add points)');
  const widths = [...file.layers.map((l) => l.weights.length), file.layers[file.layers.length - 1].bias.length];
  const cap = entriesWithin(widths, data.n, PAGE_GRADCHECK_BUDGET);
  const result = checkNetworkGradients(file, data, lab.current.reg, h, Number.isFinite(cap) ? cap : undefined);
  return {
    result, step: lab.snapshot.trainStep, rows: data.n, h,
    sampled: Number.isFinite(cap) ? cap : null,
    shapes: file.layers.flatMap((l) => [`${l.weights.length} × ${l.bias.length}`, `1 × ${l.bias.length}`]),
  };
}
