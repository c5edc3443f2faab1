/**
 * Fixed-probability connectivity (Brian2's connect(p=...)) sampled in one pass straight into CSR,
 * in WebAssembly (fixed-probability.wat): the same generator, draws and double arithmetic as
 * `buildSynapses`' JavaScript loop (connectivity.ts), so the synapses are the same bit for bit
 * (tested), without the intermediate (pre, post) pair lists, and without the interpreter's warm-up:
 * a cold process spent 20-35 ms of CPU sampling CUBA's 205,000 E->E synapses in JavaScript.
 * The logarithm is the engine's own Math.log, imported into the module.
 */
import { wasmApi, type WasmApi } from '../wasm';
import type { Rng } from '../random';
import { fixedProbabilityWasm } from './fixed-probability.wasm';

/** Bytes 0..39 hold the sampler's state (generator, row, count, resume flag, j); rowPtr from here. */
const ROW_AT = 64;
const PAGE = 65536;

let compiled: { api: WasmApi; module: object } | null | undefined;

function samplerModule(): { api: WasmApi; module: object } | null {
  if (compiled === undefined) {
    const api = wasmApi();
    compiled = api && api.validate(fixedProbabilityWasm) ? { api, module: new api.Module(fixedProbabilityWasm) } : null;
  }
  return compiled;
}

/** The module's bytes (assembled from fixed-probability.wat). */
export function fixedProbabilityBytes(): Uint8Array {
  return fixedProbabilityWasm;
}

type Sample = (nPre: number, nPost: number, noSelf: number, logq: number, rowAt: number, colAt: number, capacity: number) => number;

/**
 * The CSR rows (rowPtr, nPre + 1 entries) and columns (col) of fixed-probability connectivity
 * between nPre and nPost neurons, drawing from `rng` (advanced exactly as buildSynapses advances
 * it); `noSelf` refuses i = j. Null where WebAssembly is missing or p is 0 or 1 (the caller's
 * JavaScript path takes those). `firstCapacity`: the synapses room is made for at first (default the
 * JavaScript loop's guess, 1.1 times the expected count; doubled whenever it is reached).
 */
export function sampleFixedProbabilityCsr(nPre: number, nPost: number, p: number, rng: Rng, noSelf: boolean, firstCapacity?: number): { rowPtr: Int32Array; col: Int32Array } | null {
  if (!(p > 0 && p < 1) || nPre === 0) return null;
  const m = samplerModule();
  if (!m) return null;
  const colAt = ROW_AT + 16 * Math.ceil(((nPre + 1) * 4) / 16);
  let capacity = firstCapacity ?? Math.max(16, Math.ceil(nPre * nPost * p * 1.1 + 64));
  const pagesFor = (cap: number) => Math.ceil((colAt + 4 * cap) / PAGE);
  const memory = new m.api.Memory({ initial: pagesFor(capacity) }) as { buffer: ArrayBuffer; grow(pages: number): number };
  const sample = new m.api.Instance(m.module, { env: { memory, log: Math.log } }).exports.sample as Sample;
  const header = new Int32Array(memory.buffer, 0, 8);
  rng.saveState(header);
  new Float64Array(memory.buffer, 32, 1)[0] = -1; // j before the first row
  let k = sample(nPre, nPost, noSelf ? 1 : 0, Math.log1p(-p), ROW_AT, colAt, capacity);
  while (k < 0) {
    const more = pagesFor(capacity * 2) - pagesFor(capacity);
    memory.grow(more);
    capacity = Math.floor((memory.buffer.byteLength - colAt) / 4);
    k = sample(nPre, nPost, noSelf ? 1 : 0, Math.log1p(-p), ROW_AT, colAt, capacity);
  }
  rng.restoreState(new Int32Array(memory.buffer, 0, 4));
  return { rowPtr: new Int32Array(memory.buffer, ROW_AT, nPre + 1).slice(), col: new Int32Array(memory.buffer, colAt, k).slice() };
}
