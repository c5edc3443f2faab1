/**
 * The LIF population's free-integration pass as a small WebAssembly kernel (128-bit SIMD, two
 * neurons per instruction), written as text in lif-kernel.wat and assembled by `npm run wasm`
 * into lif-kernel.wasm.ts: a few hundred bytes compiled synchronously (allowed on a browser's
 * main thread, as in Node).
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
import { wasmApi, type WasmApi } from '../wasm';
import { lifKernelWasm } from './lif-kernel.wasm';

/** The kernel's signature: byte offsets into the memory, then the step's constants. */
export type LifKernelStep = (
  n: number, vAt: number, baseAt: number, g0At: number, g1At: number, refAt: number, pendingAt: number, pendingVAt: number,
  decay: number, c: number, b: number, a0: number, a1: number, vThresh: number,
) => number;

/** The module's bytes (assembled from lif-kernel.wat; exported for the test that checks they validate). */
export function lifKernelBytes(): Uint8Array {
  return lifKernelWasm;
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
