/**
 * Gradient check (course notes): compare the analytic gradient from backward() with the centered
 * difference (f(x + h) - f(x - h)) / 2h, h = 1e-5 in float64, by the relative error
 * |a - n| / max(|a|, |n|) (0 when both are 0). For a non-scalar output, f is the projection
 * sum(R * output) on a fixed random R, so any node of any graph can be checked. Differences
 * taken across a kink (a relu input, max/min choice or SVM margin changing sign between x - h and
 * x + h) are not gradients of anything: those entries are skipped and counted. Entries whose
 * analytic and numerical gradients are both below the round-off floor count as equal, and are
 * counted too ("floored"): a check whose every entry was skipped or floored compared nothing,
 * so it never reads as a pass (`verdict`).
 */
import { ParameterError, SomaRuntimeError, checkNumber } from '../errors';
import { Rng } from '../random';
import type { Graph, GraphNode } from './graph';

/** Result for one parameter. */
export interface ParamCheck {
  /** Largest relative error over the entries checked. */
  maxRelError: number;
  /** Entries compared. */
  checked: number;
  /** Entries skipped because x + h or x - h crossed a kink (relu, max, min, svm margin). */
  kinksSkipped: number;
  /** Entries counted as equal because both gradients were below the round-off floor. */
  floored: number;
  /** Entry with the largest error, and its analytic and numerical gradients. */
  worst: { index: number; analytic: number; numerical: number };
}

export interface GradCheckResult {
  maxRelError: number;
  params: Record<string, ParamCheck>;
  /** Totals over the parameters: entries compared, skipped at kinks, and floored. */
  checked: number;
  kinksSkipped: number;
  floored: number;
  /**
   * `pass`: every entry was compared (none skipped, none floored) and the largest error is below
   * `tolerance`; `partial`: the compared entries are below it but some were skipped or floored;
   * `fail`: an error above it, or no entry compared with a gradient above the floor.
   */
  verdict: 'pass' | 'partial' | 'fail';
}

/**
 * The steps h accepted: below 1e-10 the centred difference is round-off (f is known to about
 * 1e-16 |f|, so (f+ - f-)/2h carries an error of ~1e-6 |f|); above 1e-2 it is the curvature
 * (error ~h^2 f''' / 6) and any kink within h of an entry, not the gradient.
 */
export const GRADCHECK_H_RANGE = { min: 1e-10, max: 1e-2 } as const;

/** Largest relative error a check calls a pass (the course's "1e-7 is great, 1e-5 is fine with kinks"). */
export const GRADCHECK_TOLERANCE = 1e-5;

export interface GradCheckOptions {
  /** Step h (default 1e-5), within GRADCHECK_H_RANGE. */
  h?: number;
  /** Largest relative error that passes (default GRADCHECK_TOLERANCE). */
  tolerance?: number;
  /** Check at most this many entries per parameter, chosen at random (default all). */
  maxEntries?: number;
  /** Seed for the projection and the entry sample (default 0). */
  seed?: number;
}

/**
 * The course's relative error |a - n| / max(|a|, |n|); 0 when both are below `zeroBelow`
 * (a gradient that is zero up to round-off, e.g. a bias whose contributions cancel exactly).
 */
export function relativeError(a: number, n: number, zeroBelow = 1e-12): number {
  const m = Math.max(Math.abs(a), Math.abs(n));
  return m < zeroBelow ? 0 : Math.abs(a - n) / m;
}

/** Checks d(output)/d(param) for every param (default: every variable output depends on). */
export function gradientCheck(graph: Graph, output: GraphNode, params?: GraphNode[], options: GradCheckOptions = {}): GradCheckResult {
  const h = checkNumber('h', options.h ?? 1e-5, GRADCHECK_H_RANGE);
  const tolerance = checkNumber('tolerance', options.tolerance ?? GRADCHECK_TOLERANCE, { min: 0, max: 1 });
  const rng = new Rng(options.seed ?? 0);
  const order = graph.topologicalOrder(output);
  const list = params ?? order.filter((n) => n.op === 'variable');
  for (const p of list) if (!order.includes(p)) throw new ParameterError('param', p.name, `a node that ${output.name} depends on`);
  const scalar = output.value.length === 1;
  const seed = scalar ? undefined : Float64Array.from({ length: output.value.length }, () => rng.normal());
  const f = (): number => {
    graph.forward(output);
    if (scalar) return output.value[0];
    let s = 0;
    for (let i = 0; i < seed!.length; i++) s += seed![i] * output.value[i];
    return s;
  };
  f();
  const base = graph.kinkSignature(output);
  // round-off floor of a centered difference: f is known to about eps |f|, so (f+ - f-) / 2h
  // cannot resolve gradients below ~eps |f| / h; both that small counts as zero
  const zeroBelow = (10 * Number.EPSILON * Math.max(1, Math.abs(f()))) / h;
  graph.backward(output, seed);
  const analytic = new Map(list.map((p) => [p, Float64Array.from(p.grad)]));
  const result: GradCheckResult = { maxRelError: 0, params: {}, checked: 0, kinksSkipped: 0, floored: 0, verdict: 'fail' };
  for (const p of list) {
    let idx = Array.from({ length: p.value.length }, (_, i) => i);
    if (options.maxEntries !== undefined && idx.length > options.maxEntries) idx = rng.shuffle(idx).slice(0, options.maxEntries);
    const a = analytic.get(p)!;
    const check: ParamCheck = { maxRelError: 0, checked: 0, kinksSkipped: 0, floored: 0, worst: { index: -1, analytic: 0, numerical: 0 } };
    for (const i of idx) {
      const old = p.value[i];
      p.value[i] = old + h;
      const fp = f();
      const kp = graph.kinkSignature(output);
      p.value[i] = old - h;
      const fm = f();
      const km = graph.kinkSignature(output);
      p.value[i] = old;
      if (kp !== base || km !== base) {
        check.kinksSkipped++;
        continue;
      }
      const num = (fp - fm) / (2 * h);
      if (!Number.isFinite(num) || !Number.isFinite(a[i])) {
        throw new SomaRuntimeError(`gradient check: ${p.name}[${i}] is not finite (analytic ${a[i]}, numerical ${num}): the loss is not finite near this point`);
      }
      if (Math.max(Math.abs(a[i]), Math.abs(num)) < zeroBelow) check.floored++;
      const e = relativeError(a[i], num, zeroBelow);
      check.checked++;
      if (e > check.maxRelError || check.worst.index < 0) {
        check.maxRelError = Math.max(check.maxRelError, e);
        if (e >= check.maxRelError) check.worst = { index: i, analytic: a[i], numerical: num };
      }
    }
    let key = p.name, k = 2;
    while (key in result.params) key = `${p.name}#${k++}`;
    result.params[key] = check;
    result.maxRelError = Math.max(result.maxRelError, check.maxRelError);
    result.checked += check.checked;
    result.kinksSkipped += check.kinksSkipped;
    result.floored += check.floored;
  }
  const compared = result.checked - result.floored;
  result.verdict = result.maxRelError > tolerance || compared === 0 ? 'fail' : result.kinksSkipped + result.floored > 0 ? 'partial' : 'pass';
  f(); // leave the graph's values at the unperturbed point
  return result;
}
