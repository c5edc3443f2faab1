/**
 * The LIF population's free-integration pass as a small WebAssembly kernel (128-bit SIMD, two
 * neurons per instruction), assembled here from its opcodes: no toolchain, no binary file, a few
 * hundred bytes compiled synchronously (allowed on a browser's main thread, as in Node).
 *
 * For every neuron i (in pairs; an odd last neuron is left to the caller):
 *     x = (((V e + c) + b base) + a0 G0) + a1 G1        (exactly the JavaScript order of operations)
 *     V <- x
 *     if x >= V_th or V >= V_th or refractoryLeft != 0:  pending[m] = i, pendingV[m] = V, m += 1
 * and returns m. IEEE double arithmetic without fused multiply-add, so the result is bit for bit
 * that of the same expression in JavaScript (tested). The caller (lif.ts) settles the m listed
 * neurons (refractory clamp, spikes) in JavaScript.
 *
 * All arrays live in one WebAssembly.Memory per population (see `LifKernelMemory`); JavaScript
 * sees them as Float64Array views. The memory never grows, so the views stay valid.
 */
import { BLOCK, BR, BR_IF, END, F64, F64_STORE, I32, I32_ADD, I32_GE_U, IF, LOOP, V128, VOID, get, i32c, name, section, set, simd, uleb, vec, wasmApi, type WasmApi } from '../wasm-asm';

/** The kernel's signature: byte offsets into the memory, then the step's constants. */
export type LifKernelStep = (
  n: number, vAt: number, baseAt: number, g0At: number, g1At: number, refAt: number, pendingAt: number, pendingVAt: number,
  decay: number, c: number, b: number, a0: number, a1: number, vThresh: number,
) => number;

// opcodes of this kernel only; the shared ones come from wasm-asm.ts
const v128load = (offset = 0) => simd(0x00, 3, ...uleb(offset));
const v128store = (offset = 0) => simd(0x0b, 3, ...uleb(offset));
const f64x2splat = () => simd(0x14);
const f64x2extract = (lane: number) => simd(0x21, lane);
const f64x2ge = () => simd(0x4c);
const f64x2ne = () => simd(0x48);
const v128or = () => simd(0x50);
const i64x2bitmask = () => simd(0xc4);
const f64x2add = () => simd(0xf0);
const f64x2mul = () => simd(0xf2);
const I32_AND = 0x71, I32_SHL = 0x74, I32_STORE = 0x36;

/** The module's bytes (exported for the test that checks they validate). */
export function lifKernelBytes(): Uint8Array {
  // params: 0 n, 1 vAt, 2 baseAt, 3 g0At, 4 g1At, 5 refAt, 6 pendingAt, 7 pendingVAt (i32);
  //         8 decay, 9 c, 10 b, 11 a0, 12 a1, 13 vThresh (f64)
  const [N, PV, PB, PG0, PG1, PR, PP, PPV, DECAY, C, B, A0, A1, TH] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
  // locals: 14 i, 15 m, 16 off, 17 mask, 18 nPairs (i32); 19 vi0, 20 vi1, 21 x, 22-28 splats D C B A0 A1 TH ZERO (v128)
  const [I, M, OFF, MASK, N2, VI0, VI1, X, SD, SC, SB, SA0, SA1, STH, SZ] = [14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28];
  const splat = (from: number, to: number) => [...get(from), ...f64x2splat(), ...set(to)];
  const at = (base: number) => [...get(base), ...get(OFF), I32_ADD];
  // the pair of neurons at byte offset OFF + o: V <- x, leaves the 2-bit mask of flagged lanes
  const pair = (o: number, vi: number) => [
    ...at(PV), ...v128load(o), ...set(vi),
    // x = (((V e + c) + b base) + a0 G0) + a1 G1
    ...get(vi), ...get(SD), ...f64x2mul(), ...get(SC), ...f64x2add(),
    ...get(SB), ...at(PB), ...v128load(o), ...f64x2mul(), ...f64x2add(),
    ...get(SA0), ...at(PG0), ...v128load(o), ...f64x2mul(), ...f64x2add(),
    ...get(SA1), ...at(PG1), ...v128load(o), ...f64x2mul(), ...f64x2add(),
    ...set(X),
    ...at(PV), ...get(X), ...v128store(o),
    // flagged lanes: x >= V_th, V >= V_th, refractoryLeft != 0
    ...get(X), ...get(STH), ...f64x2ge(),
    ...get(vi), ...get(STH), ...f64x2ge(), ...v128or(),
    ...at(PR), ...v128load(o), ...get(SZ), ...f64x2ne(), ...v128or(),
    ...i64x2bitmask(),
  ];
  // neuron i + k (k = 0..3, lane k % 2 of vi0 or vi1) when bit k of MASK is set:
  // pending[m] = i + k; pendingV[m] = its V; m += 1
  const push = (k: number) => [
    ...get(MASK), ...i32c(1 << k), I32_AND, IF, VOID,
    ...get(PP), ...get(M), ...i32c(2), I32_SHL, I32_ADD, ...get(I), ...i32c(k), I32_ADD, I32_STORE, 2, 0,
    ...get(PPV), ...get(M), ...i32c(3), I32_SHL, I32_ADD, ...get(k < 2 ? VI0 : VI1), ...f64x2extract(k % 2), F64_STORE, 3, 0,
    ...get(M), ...i32c(1), I32_ADD, ...set(M),
    END,
  ];
  const body = [
    ...vec([[5, I32], [10, V128]]), // locals (see above)
    ...splat(DECAY, SD), ...splat(C, SC), ...splat(B, SB), ...splat(A0, SA0), ...splat(A1, SA1), ...splat(TH, STH),
    0x44, 0, 0, 0, 0, 0, 0, 0, 0, ...f64x2splat(), ...set(SZ), // f64.const 0
    ...get(N), ...i32c(-2), I32_AND, ...set(N2), // whole pairs
    ...get(N), ...i32c(-4), I32_AND, ...set(N), // whole quads
    // four neurons per iteration (two pairs, the second at memarg offset 16), one test of both masks
    BLOCK, VOID, LOOP, VOID,
    ...get(I), ...get(N), I32_GE_U, BR_IF, 1,
    ...get(I), ...i32c(3), I32_SHL, ...set(OFF),
    ...pair(0, VI0), ...pair(16, VI1), ...i32c(2), I32_SHL, 0x72 /* i32.or */, ...set(MASK),
    ...get(MASK), IF, VOID, ...push(0), ...push(1), ...push(2), ...push(3), END,
    ...get(I), ...i32c(4), I32_ADD, ...set(I),
    BR, 0,
    END, END,
    // a last pair
    ...get(I), ...get(N2), 0x49 /* i32.lt_u */, IF, VOID,
    ...get(I), ...i32c(3), I32_SHL, ...set(OFF),
    ...pair(0, VI0), ...set(MASK),
    ...get(MASK), IF, VOID, ...push(0), ...push(1), END,
    END,
    ...get(M),
    END,
  ];
  const params = [I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec(params.map((p) => [p])), ...vec([[I32]])]])), // type (params) -> i32
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])), // import memory, min 1 page
    ...section(3, vec([[0]])), // one function of type 0
    ...section(7, vec([[...name('step'), 0x00, 0]])), // export it as "step"
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ];
  return Uint8Array.from(bytes);
}

let compiled: object | null | undefined;

/** The WebAssembly API when present and the kernel validates there (SIMD), else null. */
function kernelModule(): { api: WasmApi; module: object } | null {
  const api = wasmApi();
  if (!api) return null;
  if (compiled === undefined) {
    const bytes = lifKernelBytes();
    compiled = api.validate(bytes) ? new api.Module(bytes) : null;
  }
  return compiled ? { api, module: compiled } : null;
}

/** Whether this engine runs the kernel (WebAssembly with SIMD). */
export function lifKernelAvailable(): boolean {
  return kernelModule() !== null;
}

/**
 * One population's kernel memory: v, refractoryLeft, the pending lists and a pool of input
 * arrays (the dendrite's input, bias and up to two synaptic channels) that the dendrite takes
 * with `takeInput`, all views on one WebAssembly.Memory. Byte offsets of a view: `byteOffset`.
 */
export class LifKernelMemory {
  /** Number of input arrays in the pool (input, bias, two channels). */
  static readonly POOL = 4;
  readonly step: LifKernelStep;
  readonly buffer: ArrayBuffer;
  readonly v: Float64Array;
  readonly refractoryLeftMs: Float64Array;
  /** Always zero: the G of an absent channel. */
  readonly zeros: Float64Array;
  readonly pending: Int32Array;
  readonly pendingV: Float64Array;
  private readonly pool: Float64Array[] = [];

  private constructor(api: WasmApi, module: object, size: number) {
    // arrays of `stride` doubles, 16-byte aligned (stride even): v, ref, zeros, pendingV, pool..., then pending (int32)
    const stride = size + (size % 2) + 2;
    const doubles = stride * (4 + LifKernelMemory.POOL);
    const bytes = doubles * 8 + stride * 4;
    const memory = new api.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
    this.buffer = memory.buffer;
    const view = (k: number) => new Float64Array(this.buffer, k * stride * 8, size);
    this.v = view(0);
    this.refractoryLeftMs = view(1);
    this.zeros = view(2);
    this.pendingV = new Float64Array(this.buffer, 3 * stride * 8, size + 1);
    for (let k = 0; k < LifKernelMemory.POOL; k++) this.pool.push(view(4 + k));
    this.pending = new Int32Array(this.buffer, doubles * 8, size + 1);
    const instance = new api.Instance(module, { env: { memory } });
    this.step = instance.exports.step as LifKernelStep;
  }

  /** A kernel memory for `size` neurons, or null when WebAssembly SIMD is not available. */
  static create(size: number): LifKernelMemory | null {
    const k = kernelModule();
    return k ? new LifKernelMemory(k.api, k.module, size) : null;
  }

  /** The next unused input array of the pool (zeros), or null when all are taken. */
  takeInput(): Float64Array | null {
    return this.pool.shift() ?? null;
  }

  /** Whether `a` is a view on this memory (the kernel can read it). */
  owns(a: Float64Array): boolean {
    return a.buffer === this.buffer;
  }
}
