/**
 * The two hot passes of the hidden-unit-major kernel (fused-soa.ts) in WebAssembly (128-bit SIMD,
 * two rows per instruction), written as text and assembled by `npm run wasm`:
 *   fused-soa.wat     the general passes: one binary for every shape the kernel takes (D <= 4
 *                     inputs, 2 <= K <= 8 classes); the shape and the arrays' addresses are arguments
 *   fused-soa-d2.wat  the same passes unrolled by hand for D <= 2 and K = 2, 3, 4 (the page's data
 *                     sets), about 0.6x the time of the general ones on the spiral
 * Each module is under 4 KB, compiled once and synchronously (allowed on a browser's main
 * thread), and instantiated per kernel with a memory sized for its shape and column length.
 */
import { wasmApi, type WasmApi } from '../wasm';
import { fusedSoaD2Wasm } from './fused-soa-d2.wasm';
import { fusedSoaWasm } from './fused-soa.wasm';

/**
 * Which passes take shape (D, K), and the input slots they have: the unrolled ones (D <= 2,
 * K <= 4) have two, an absent second input being a column and a weight row of zeros.
 */
export function soaWasmSlots(D: number, K: number): { unrolled: boolean; D: number } {
  const unrolled = D <= 2 && K <= 4;
  return { unrolled, D: unrolled ? 2 : D };
}

/** Byte offsets of the module's arrays for Dp input slots, H units, K classes and columns of `cap` rows (cap even). */
export function soaWasmLayout(Dp: number, H: number, K: number, cap: number) {
  const col = cap * 8;
  const w1 = (Dp + 2 * K) * col, b1 = w1 + Dp * H * 8, w2 = b1 + H * 8;
  const dw1 = w2 + H * K * 8, db1 = dw1 + Dp * H * 8, dw2 = db1 + H * 8, end = dw2 + H * K * 8;
  return { col, x: (k: number) => k * col, s: (c: number) => (Dp + c) * col, g: (c: number) => (Dp + K + c) * col, w1, b1, w2, dw1, db1, dw2, end };
}

/** The modules' bytes, general and unrolled (exported for the test that checks they validate). */
export function soaWasmBytes(): { general: Uint8Array; unrolled: Uint8Array } {
  return { general: fusedSoaWasm, unrolled: fusedSoaD2Wasm };
}

type Forward = (nBytes: number, col: number, D: number, H: number, K: number, xAt: number, sAt: number, w1At: number, b1At: number, w2At: number) => void;
type Backward = (nBytes: number, col: number, D: number, H: number, K: number, xAt: number, gAt: number, w1At: number, b1At: number, w2At: number, dw1At: number, db1At: number, dw2At: number) => void;

/** One instance: its passes and Float64Array views of its columns (D x, K s, K g, each `cap` long). */
export interface SoaWasmInstance {
  /** Copies W1 (D x H), b1 (H), W2 (H x K) into the module's memory: before forward. */
  setWeights(W1: Float64Array, b1: Float64Array, W2: Float64Array): void;
  /** Pass 1 over the first nBytes / 8 rows (nBytes a multiple of 16). */
  forward(nBytes: number): void;
  /** Pass 3 over the first nBytes / 8 rows. */
  backward(nBytes: number): void;
  /** Adds pass 3's dW1 (D x H), db1 (H), dW2 (H x K) to these arrays. */
  addGrads(dW1: Float64Array, db1: Float64Array, dW2: Float64Array): void;
  x: Float64Array[];
  s: Float64Array[];
  g: Float64Array[];
}

const compiled = new Map<Uint8Array, object | null>();

/** The compiled module, or null where this engine has no WebAssembly SIMD. */
function soaModule(api: WasmApi, bytes: Uint8Array): object | null {
  let module = compiled.get(bytes);
  if (module === undefined) {
    module = api.validate(bytes) ? new api.Module(bytes) : null;
    compiled.set(bytes, module);
  }
  return module;
}

/**
 * A fresh instance for shape (D, H, K) and columns of `cap` rows (cap even), or null when this
 * engine has no WebAssembly SIMD (the caller then runs the JavaScript passes).
 */
export function soaWasmInstance(D: number, H: number, K: number, cap: number): SoaWasmInstance | null {
  const api = wasmApi();
  const P = soaWasmSlots(D, K);
  const module = api ? soaModule(api, P.unrolled ? fusedSoaD2Wasm : fusedSoaWasm) : null;
  if (!api || !module) return null;
  const L = soaWasmLayout(P.D, H, K, cap);
  // a fresh memory is zero: an absent second input's column and weight row stay zero
  const memory = new api.Memory({ initial: Math.max(1, Math.ceil(L.end / 65536)) });
  const { exports } = new api.Instance(module, { env: { memory } });
  const fwd = (P.unrolled ? exports[`forward2x${K}`] : exports.forward) as Forward;
  const bwd = (P.unrolled ? exports[`backward2x${K}`] : exports.backward) as Backward;
  const f64 = (at: number, len: number) => new Float64Array(memory.buffer, at, len);
  const w1 = f64(L.w1, D * H), b1v = f64(L.b1, H), w2 = f64(L.w2, H * K);
  const dw1 = f64(L.dw1, D * H), db1v = f64(L.db1, H), dw2 = f64(L.dw2, H * K);
  return {
    setWeights(W1, b1, W2) {
      w1.set(W1);
      b1v.set(b1);
      w2.set(W2);
    },
    forward: (nBytes) => fwd(nBytes, L.col, P.D, H, K, L.x(0), L.s(0), L.w1, L.b1, L.w2),
    backward: (nBytes) => bwd(nBytes, L.col, P.D, H, K, L.x(0), L.g(0), L.w1, L.b1, L.w2, L.dw1, L.db1, L.dw2),
    addGrads(dW1, db1, dW2) {
      for (let q = 0; q < D * H; q++) dW1[q] += dw1[q];
      for (let q = 0; q < H; q++) db1[q] += db1v[q];
      for (let q = 0; q < H * K; q++) dW2[q] += dw2[q];
    },
    x: Array.from({ length: D }, (_, k) => f64(L.x(k), cap)),
    s: Array.from({ length: K }, (_, c) => f64(L.s(c), cap)),
    g: Array.from({ length: K }, (_, c) => f64(L.g(c), cap)),
  };
}
