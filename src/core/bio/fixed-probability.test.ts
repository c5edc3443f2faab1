import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { buildSynapses, sortedToCsr } from './connectivity';
import { fixedProbabilityBytes, sampleFixedProbabilityCsr } from './fixed-probability';

/** The oracle: the JavaScript loop it replaces (buildSynapses, then CSR by counting). */
function javascriptCsr(nPre: number, nPost: number, p: number, seed: number, noSelf: boolean) {
  const rng = new Rng(seed);
  const list = buildSynapses({ kind: 'fixed-probability', p, rng, allowSelf: !noSelf }, nPre, nPost, true);
  const csr = sortedToCsr(nPre, list.pre, list.post, 1)!;
  return { rowPtr: csr.rowPtr, col: csr.col, next: rng.nextUint32() };
}

/** Index of the first difference of two integer arrays (-1: equal, lengths included); cheaper than toEqual on 200,000 entries. */
function firstDifference(a: Int32Array, b: Int32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('fixed-probability connectivity in WebAssembly', () => {
  it('is a small module that validates', () => {
    expect(fixedProbabilityBytes().length).toBeLessThan(4096);
  });

  it.each([
    [3200, 3200, 0.02, 1, false],
    [3200, 800, 0.02, 7, false],
    [800, 3200, 0.02, 2 ** 32 - 1, false],
    [500, 500, 0.3, 3, true],
    [1000, 17, 0.9, 4, true],
    [40, 100_000, 1e-4, 5, false],
    [2000, 2000, 1e-7, 6, false],
    [1, 1, 0.5, 8, true],
  ])('%i x %i at p %f (seed %i, no self %s): the same CSR as the JavaScript loop, bit for bit, and the generator left in the same state', (nPre, nPost, p, seed, noSelf) => {
    const want = javascriptCsr(nPre, nPost, p, seed, noSelf);
    const rng = new Rng(seed);
    const got = sampleFixedProbabilityCsr(nPre, nPost, p, rng, noSelf)!;
    expect(got).not.toBeNull();
    expect(firstDifference(got.rowPtr, want.rowPtr)).toBe(-1);
    expect(firstDifference(got.col, want.col)).toBe(-1);
    expect(rng.nextUint32()).toBe(want.next);
  });

  it('grows its memory when the first guess of the count is too small, resuming mid-row with the same draws', () => {
    const want = javascriptCsr(300, 300, 0.1, 11, false);
    const rng = new Rng(11);
    const got = sampleFixedProbabilityCsr(300, 300, 0.1, rng, false, 5)!;
    expect(got.col.length).toBe(want.col.length);
    expect(firstDifference(got.col, want.col)).toBe(-1);
    expect(firstDifference(got.rowPtr, want.rowPtr)).toBe(-1);
    expect(rng.nextUint32()).toBe(want.next);
  });

  it('leaves p = 0, p = 1 and empty populations to the JavaScript path', () => {
    const rng = new Rng(1);
    expect(sampleFixedProbabilityCsr(10, 10, 0, rng, false)).toBeNull();
    expect(sampleFixedProbabilityCsr(10, 10, 1, rng, false)).toBeNull();
    expect(sampleFixedProbabilityCsr(0, 10, 0.5, rng, false)).toBeNull();
    expect(rng.nextUint32()).toBe(new Rng(1).nextUint32());
  });
});
