/**
 * A minimal WebAssembly assembler for Soma's hand-written SIMD kernels (the LIF step in
 * bio/lif-kernel.ts, the 2-layer network's passes in ann/fused-wasm.ts): LEB128 numbers, module
 * sections and the opcodes both kernels use. Each kernel adds the few opcodes of its own.
 * Assembling in TypeScript needs no toolchain and no binary file in the repository.
 */

/** The part of the WebAssembly API the kernels use (core code is type-checked without the DOM lib). */
export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number }) => { buffer: ArrayBuffer };
}

/** The engine's WebAssembly API, or undefined where there is none. */
export function wasmApi(): WasmApi | undefined {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
}

/** Unsigned LEB128. */
export const uleb = (x: number): number[] => {
  const out: number[] = [];
  do {
    let byte = x & 0x7f;
    x >>>= 7;
    if (x !== 0) byte |= 0x80;
    out.push(byte);
  } while (x !== 0);
  return out;
};

/** Signed LEB128. */
export const sleb = (x: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = x & 0x7f;
    x >>= 7;
    if ((x === 0 && (byte & 0x40) === 0) || (x === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
};

/** A vector: its length, then its items. */
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
/** A module section: id, byte size, body. */
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
/** A name (ASCII). */
export const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];

/** Value types. */
export const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;
/** local.get, local.set, i32.const. */
export const get = (k: number) => [0x20, ...uleb(k)];
export const set = (k: number) => [0x21, ...uleb(k)];
export const i32c = (x: number) => [0x41, ...sleb(x)];
/** A SIMD instruction (prefix 0xfd) with its immediates. */
export const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
/** Control flow and the integer opcodes both kernels use. */
export const BLOCK = 0x02, LOOP = 0x03, IF = 0x04, END = 0x0b, BR = 0x0c, BR_IF = 0x0d, VOID = 0x40;
export const I32_ADD = 0x6a, I32_GE_U = 0x4f, F64_STORE = 0x39;
