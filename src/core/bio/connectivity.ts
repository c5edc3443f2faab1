/**
 * Connectivity rules and the compressed sparse row (CSR) form of a projection: the targets of
 * presynaptic neuron i are col[rowPtr[i] .. rowPtr[i+1]), with their weights (and delays).
 */
import { checkNumber, ParameterError } from '../errors';
import type { Rng } from '../random';

/** Which pairs (pre i, post j) are connected; indices into the populations. */
export type Connectivity =
  | { kind: 'all-to-all'; allowSelf?: boolean }
  | { kind: 'one-to-one' }
  /** Each pair independently with probability p (seeded); Brian2's connect(p=...). */
  | { kind: 'fixed-probability'; p: number; rng: Rng; allowSelf?: boolean }
  /** Explicit synapses k: pre[k] -> post[k], with optional per-synapse weights and delays (ms). */
  | { kind: 'list'; pre: ArrayLike<number>; post: ArrayLike<number>; weights?: ArrayLike<number>; delaysMs?: ArrayLike<number> };

/** Synapses as pairs before compression; weights/delays null when uniform. */
export interface SynapseList {
  pre: Int32Array;
  post: Int32Array;
  weights: Float64Array | null;
  delaysMs: Float64Array | null;
}

/** A CSR matrix: rowPtr (nPre + 1), col (nnz) and weight (nnz). */
export interface Csr {
  rowPtr: Int32Array;
  col: Int32Array;
  weight: Float64Array;
}

/**
 * The synapses a rule makes between nPre and nPost neurons. `samePopulation` says whether
 * pre and post are one population (for `allowSelf`, default true as in Brian2).
 */
export function buildSynapses(rule: Connectivity, nPre: number, nPost: number, samePopulation: boolean): SynapseList {
  switch (rule.kind) {
    case 'all-to-all': {
      const noSelf = samePopulation && rule.allowSelf === false;
      const n = nPre * nPost - (noSelf ? Math.min(nPre, nPost) : 0);
      if (n > 200_000_000) throw new ParameterError('synapses', n, 'at most 200000000 synapses');
      const pre = new Int32Array(n), post = new Int32Array(n);
      let k = 0;
      for (let i = 0; i < nPre; i++) for (let j = 0; j < nPost; j++) if (!(noSelf && i === j)) { pre[k] = i; post[k++] = j; }
      return { pre, post, weights: null, delaysMs: null };
    }
    case 'one-to-one': {
      if (nPre !== nPost) throw new ParameterError('connectivity', 'one-to-one', `populations of equal size (got ${nPre} and ${nPost})`);
      const idx = Int32Array.from({ length: nPre }, (_, i) => i);
      return { pre: idx, post: idx.slice(), weights: null, delaysMs: null };
    }
    case 'fixed-probability': {
      const p = checkNumber('p', rule.p, { min: 0, max: 1 });
      const noSelf = samePopulation && rule.allowSelf === false;
      // geometric skipping: the gap to the next connected column is Geometric(p), so the cost is
      // O(synapses), not O(nPre nPost) Bernoulli draws
      let cap = Math.max(16, Math.ceil(nPre * nPost * p * 1.1 + 64));
      let pre = new Int32Array(cap), post = new Int32Array(cap);
      let k = 0;
      const logq = Math.log1p(-p);
      for (let i = 0; i < nPre && p > 0; i++) {
        let j = -1;
        for (;;) {
          j += p === 1 ? 1 : 1 + Math.floor(Math.log(1 - rule.rng.random()) / logq);
          if (j >= nPost) break;
          if (noSelf && i === j) continue;
          if (k === cap) {
            cap *= 2;
            const a = new Int32Array(cap); a.set(pre); pre = a;
            const b = new Int32Array(cap); b.set(post); post = b;
          }
          pre[k] = i;
          post[k++] = j;
        }
      }
      return { pre: pre.slice(0, k), post: post.slice(0, k), weights: null, delaysMs: null };
    }
    case 'list': {
      const n = rule.pre.length;
      if (rule.post.length !== n) throw new ParameterError('post', `array of length ${rule.post.length}`, `the length of pre (${n})`);
      if (rule.weights && rule.weights.length !== n) throw new ParameterError('weights', `array of length ${rule.weights.length}`, `the length of pre (${n})`);
      if (rule.delaysMs && rule.delaysMs.length !== n) throw new ParameterError('delays_ms', `array of length ${rule.delaysMs.length}`, `the length of pre (${n})`);
      const pre = new Int32Array(n), post = new Int32Array(n);
      for (let k = 0; k < n; k++) {
        pre[k] = checkNumber(`pre[${k}]`, rule.pre[k], { min: 0, max: nPre - 1, integer: true });
        post[k] = checkNumber(`post[${k}]`, rule.post[k], { min: 0, max: nPost - 1, integer: true });
      }
      const weights = rule.weights ? Float64Array.from(rule.weights, (w, k) => checkNumber(`weights[${k}]`, w)) : null;
      const delaysMs = rule.delaysMs ? Float64Array.from(rule.delaysMs, (d, k) => checkNumber(`delays_ms[${k}]`, d)) : null;
      return { pre, post, weights, delaysMs };
    }
    default:
      throw new ParameterError('connectivity', (rule as { kind: unknown }).kind, 'one of all-to-all, one-to-one, fixed-probability, list');
  }
}

/**
 * CSR of all synapses with one weight, when `pre` is already in row order (non-decreasing, as
 * the generated rules make it): rowPtr by counting, col = post itself (not copied), weight filled.
 * Null when `pre` is not sorted (use `toCsr`).
 */
export function sortedToCsr(nPre: number, pre: Int32Array, post: Int32Array, weight: number): Csr | null {
  const rowPtr = new Int32Array(nPre + 1);
  let last = 0;
  for (let k = 0; k < pre.length; k++) {
    const i = pre[k];
    if (i < last) return null;
    last = i;
    rowPtr[i + 1]++;
  }
  for (let i = 0; i < nPre; i++) rowPtr[i + 1] += rowPtr[i];
  return { rowPtr, col: post, weight: new Float64Array(pre.length).fill(weight) };
}

/** Compresses the synapses `select`ed (by position k) into CSR, rows by pre, stable in k. */
export function toCsr(nPre: number, pre: Int32Array, post: Int32Array, weight: (k: number) => number, select: (k: number) => boolean = () => true): Csr {
  const rowPtr = new Int32Array(nPre + 1);
  let nnz = 0;
  for (let k = 0; k < pre.length; k++) if (select(k)) { rowPtr[pre[k] + 1]++; nnz++; }
  for (let i = 0; i < nPre; i++) rowPtr[i + 1] += rowPtr[i];
  const fill = rowPtr.slice(0, nPre);
  const col = new Int32Array(nnz);
  const w = new Float64Array(nnz);
  for (let k = 0; k < pre.length; k++) {
    if (!select(k)) continue;
    const at = fill[pre[k]]++;
    col[at] = post[k];
    w[at] = weight(k);
  }
  return { rowPtr, col, weight: w };
}
