/**
 * What Soma's WebAssembly kernels share at run time: the engine's WebAssembly API (typed here,
 * since core code is type-checked without the DOM library) and base64 decoding of the bytes that
 * `npm run wasm` (scripts/wasm/build.ts) assembles from each kernel's `.wat` text into a
 * `<name>.wasm.ts` module beside it. The page and Node never need the assembler itself.
 */

/** The part of the WebAssembly API the kernels use. */
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

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The bytes of standard base64 text (RFC 4648, with `=` padding), decoded by hand: `atob` is not
 * in every engine's core library and Node's Buffer is not in the browser.
 */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 6) / 8));
  let bits = 0, acc = 0, k = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = ALPHABET.indexOf(clean[i]);
    if (v < 0) throw new Error(`fromBase64: character ${JSON.stringify(clean[i])} at ${i} is not base64`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
