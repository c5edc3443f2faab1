/**
 * The two hot passes of the hidden-unit-major kernel (fused-soa.ts) as a small WebAssembly module
 * (128-bit SIMD, two rows per instruction), assembled here from its opcodes per shape (D, H, K,
 * column length): no toolchain, no binary file, under 4 KB, compiled synchronously.
 *
 * Memory (f64, every column `cap` long, cap even, so each pair of rows is 16-byte aligned):
 *   x_0..x_{D-1} | s_0..s_{K-1} | g_0..g_{K-1} | W1 (D x H) | b1 (H) | W2 (H x K) | dW1 | db1 | dW2
 * forward(nBytes), for j = 0..H-1 and each pair of rows:
 *     z = ((b1_j + x_0 W1[0, j]) + x_1 W1[1, j]) + ...;  m = z > 0;  h = z AND m   (relu: z or +0)
 *     s_c += h W2[j, c]
 * backward(nBytes), for j = 0..H-1, two lanes of accumulators (even rows, odd rows):
 *     dh = (g_0 W2[j, 0] + g_1 W2[j, 1] + ...) AND m
 *     u_c += h g_c;  db += dh;  a_k += x_k dh
 *   then dW2[j, c] = u_c lane 0 + lane 1, db1[j] = ..., dW1[k, j] = ...
 * IEEE double arithmetic without fused multiply-add, in the order of the JavaScript kernel with
 * two lanes, so both give bit-identical results (tested): where a unit is inactive the masked
 * terms are +0 or -0, which leave every sum as it is. An odd n is padded with a row whose
 * x and g are 0, so it adds only zeros to lane 1.
 */
import { BLOCK, BR, BR_IF, END, F64_STORE, I32, I32_ADD, I32_GE_U, LOOP, V128, VOID, get, i32c, name, section, set, simd, uleb, vec, wasmApi } from '../wasm-asm';

// opcodes of this kernel only; the shared ones come from wasm-asm.ts
const f64load = (offset: number) => [0x2b, 3, ...uleb(offset)];
const f64store = (offset: number) => [F64_STORE, 3, ...uleb(offset)];
const v128load = (offset: number) => simd(0x00, 4, ...uleb(offset));
const v128store = (offset: number) => simd(0x0b, 4, ...uleb(offset));
const splat = () => simd(0x14);
const lane = (k: number) => simd(0x21, k);
const gt = () => simd(0x4a);
const and = () => simd(0x4e);
const add = () => simd(0xf0);
const mul = () => simd(0xf2);
const I32_LT_U = 0x49, F64_ADD = 0xa0;

/** Byte offsets of the module's arrays for shape (D, H, K) and columns of `cap` rows (cap even). */
export function soaWasmLayout(D: number, H: number, K: number, cap: number) {
  const col = cap * 8;
  const w1 = (D + 2 * K) * col, b1 = w1 + D * H * 8, w2 = b1 + H * 8;
  const dw1 = w2 + H * K * 8, db1 = dw1 + D * H * 8, dw2 = db1 + H * 8, end = dw2 + H * K * 8;
  return { col, x: (k: number) => k * col, s: (c: number) => (D + c) * col, g: (c: number) => (D + K + c) * col, w1, b1, w2, dw1, db1, dw2, end };
}

/** The module's bytes for shape (D, H, K) and columns of `cap` rows (exported for the test that checks they validate). */
export function soaWasmBytes(D: number, H: number, K: number, cap: number): Uint8Array {
  const L = soaWasmLayout(D, H, K, cap);
  const ds = Array.from({ length: D }, (_, k) => k), ks = Array.from({ length: K }, (_, c) => c);
  // param 0 nBytes; i32 locals 1 j8 (8 j), 2 jK8 (8 j K), 3 off; v128 locals from 4
  const NB = 0, J8 = 1, JK8 = 2, OFF = 3;
  let next = 4;
  const ZERO = next++, BJ = next++, Z = next++, M = next++, H_ = next++, DH = next++, DB = next++;
  const W = ds.map(() => next++), V = ks.map(() => next++), U = ks.map(() => next++), A = ds.map(() => next++);
  const locals = vec([[3, I32], [next - 4, V128]]);

  // per hidden unit: b1_j, W1[k, j], W2[j, c] splatted into both lanes
  const unitWeights = [
    ...get(J8), ...f64load(L.b1), ...splat(), ...set(BJ),
    ...ds.flatMap((k) => [...get(J8), ...f64load(L.w1 + k * H * 8), ...splat(), ...set(W[k])]),
    ...ks.flatMap((c) => [...get(JK8), ...f64load(L.w2 + c * 8), ...splat(), ...set(V[c])]),
  ];
  // z = ((b1_j + x_0 w_0) + x_1 w_1) + ...; m = z > 0; h = z AND m
  const relu = [
    ...get(BJ),
    ...ds.flatMap((k) => [...get(OFF), ...v128load(L.x(k)), ...get(W[k]), ...mul(), ...add()]),
    ...set(Z),
    ...get(Z), ...get(ZERO), ...gt(), ...set(M),
    ...get(Z), ...get(M), ...and(), ...set(H_),
  ];
  // the loop over pairs of rows (off = 0, 16, ... < nBytes) inside the loop over hidden units
  const units = (before: number[], pair: number[], after: number[]) => [
    ...i32c(0), ...set(J8), ...i32c(0), ...set(JK8),
    LOOP, VOID,
    ...before,
    ...i32c(0), ...set(OFF),
    BLOCK, VOID, LOOP, VOID,
    ...get(OFF), ...get(NB), I32_GE_U, BR_IF, 1,
    ...pair,
    ...get(OFF), ...i32c(16), I32_ADD, ...set(OFF),
    BR, 0,
    END, END,
    ...after,
    ...get(JK8), ...i32c(K * 8), I32_ADD, ...set(JK8),
    ...get(J8), ...i32c(8), I32_ADD, ...set(J8),
    ...get(J8), ...i32c(H * 8), I32_LT_U, BR_IF, 0,
    END,
  ];
  const forward = [
    ...locals,
    ...units(unitWeights, [
      ...relu,
      // s_c = s_c + h W2[j, c]
      ...ks.flatMap((c) => [...get(OFF), ...get(OFF), ...v128load(L.s(c)), ...get(H_), ...get(V[c]), ...mul(), ...add(), ...v128store(L.s(c))]),
    ], []),
    END,
  ];
  const zeroAcc = [...get(ZERO), ...set(DB), ...[...U, ...A].flatMap((r) => [...get(ZERO), ...set(r)])];
  const sumLanes = (r: number) => [...get(r), ...lane(0), ...get(r), ...lane(1), F64_ADD];
  const backward = [
    ...locals,
    ...units([...unitWeights, ...zeroAcc], [
      ...relu,
      // dh = (((g_0 v_0) + g_1 v_1) + ...) AND m
      ...ks.flatMap((c) => [...get(OFF), ...v128load(L.g(c)), ...get(V[c]), ...mul(), ...(c > 0 ? add() : [])]),
      ...get(M), ...and(), ...set(DH),
      ...ks.flatMap((c) => [...get(U[c]), ...get(H_), ...get(OFF), ...v128load(L.g(c)), ...mul(), ...add(), ...set(U[c])]),
      ...get(DB), ...get(DH), ...add(), ...set(DB),
      ...ds.flatMap((k) => [...get(A[k]), ...get(OFF), ...v128load(L.x(k)), ...get(DH), ...mul(), ...add(), ...set(A[k])]),
    ], [
      ...ks.flatMap((c) => [...get(JK8), ...sumLanes(U[c]), ...f64store(L.dw2 + c * 8)]),
      ...get(J8), ...sumLanes(DB), ...f64store(L.db1),
      ...ds.flatMap((k) => [...get(J8), ...sumLanes(A[k]), ...f64store(L.dw1 + k * H * 8)]),
    ]),
    END,
  ];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[I32]]), ...vec([])]])), // type (i32) -> ()
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(Math.ceil(L.end / 65536))]])), // import memory
    ...section(3, vec([[0], [0]])), // two functions of type 0
    ...section(7, vec([[...name('forward'), 0x00, 0], [...name('backward'), 0x00, 1]])),
    ...section(10, vec([[...uleb(forward.length), ...forward], [...uleb(backward.length), ...backward]])),
  ];
  return Uint8Array.from(bytes);
}

/** One instance: its passes and Float64Array views of its columns, weights and outputs. */
export interface SoaWasmInstance {
  /** Pass 1 over the first nBytes / 8 rows (nBytes a multiple of 16). */
  forward(nBytes: number): void;
  /** Pass 3 over the first nBytes / 8 rows; writes dW1, db1, dW2 (not accumulated). */
  backward(nBytes: number): void;
  x: Float64Array[];
  s: Float64Array[];
  g: Float64Array[];
  /** W1 (D x H), b1 (H), W2 (H x K), one after the other: set before forward. */
  weights: Float64Array;
  /** dW1 (D x H), db1 (H), dW2 (H x K), one after the other: read after backward. */
  grads: Float64Array;
}

let simdChecked: boolean | undefined;

/**
 * A fresh instance for shape (D, H, K) and columns of `cap` rows (cap even), or null when this
 * engine has no WebAssembly SIMD (the caller then runs the JavaScript passes).
 */
export function soaWasmInstance(D: number, H: number, K: number, cap: number): SoaWasmInstance | null {
  const api = wasmApi();
  if (!api) return null;
  const bytes = soaWasmBytes(D, H, K, cap);
  if (simdChecked === undefined) simdChecked = api.validate(bytes);
  if (!simdChecked) return null;
  const L = soaWasmLayout(D, H, K, cap);
  const memory = new api.Memory({ initial: Math.ceil(L.end / 65536) });
  const { exports } = new api.Instance(new api.Module(bytes), { env: { memory } });
  const f64 = (at: number, len: number) => new Float64Array(memory.buffer, at, len);
  return {
    forward: exports.forward as (nBytes: number) => void,
    backward: exports.backward as (nBytes: number) => void,
    x: Array.from({ length: D }, (_, k) => f64(L.x(k), cap)),
    s: Array.from({ length: K }, (_, c) => f64(L.s(c), cap)),
    g: Array.from({ length: K }, (_, c) => f64(L.g(c), cap)),
    weights: f64(L.w1, D * H + H + H * K),
    grads: f64(L.dw1, D * H + H + H * K),
  };
}
