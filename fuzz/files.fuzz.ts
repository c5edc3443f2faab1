/**
 * Fuzz targets: the two files a user hands Soma, CSV data (`parseCsvDataset`, src/core/data/csv.ts)
 * and trained-network JSON (`parseNetworkFileText`, src/core/export/network-file.ts).
 *
 * CSV: a file generated valid parses to exactly the numbers and classes written; any file that
 * parses has x.length = n * d, finite x and labels in [0, classes).
 * Network: a file generated valid parses; any file that parses gives finite scores of the right
 * shape through `forwardNetwork` for inputs in [-1, 1] (and, for the closed-form activations,
 * the scores of an independent matrix product).
 */
import fc from 'fast-check';
import { forwardNetwork } from '../src/core/ann/network';
import { parseCsvDataset } from '../src/core/data/csv';
import { HIDDEN_ACTIVATIONS, MAX_WEIGHT, parseNetworkFileText } from '../src/core/export/network-file';
import { BUILTIN_NAMES, nest, parserInput, wideDouble } from './arbitraries';
import { ensure, type FuzzTarget, valueOrTypedError } from './target';

// ---- CSV -------------------------------------------------------------------------------------

interface CsvCase { text: string; expect: { x: number[]; labels: string[]; d: number } | null }

const label = fc.oneof(fc.integer({ min: 0, max: 12 }).map(String), fc.constantFrom('a', 'b', 'setosa', 'class 2', ...BUILTIN_NAMES));

/** A valid CSV: optional header, comments and blank lines, LF or CRLF, n rows of d numbers and a label. */
const validCsv: fc.Arbitrary<CsvCase> = fc
  .record({
    d: fc.integer({ min: 1, max: 4 }),
    n: fc.integer({ min: 1, max: 8 }),
    header: fc.boolean(),
    crlf: fc.boolean(),
    comment: fc.boolean(),
    numericLabels: fc.boolean(),
  })
  .chain(({ d, n, header, crlf, comment, numericLabels }) =>
    fc.tuple(
      fc.array(fc.array(wideDouble, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
      fc.array(numericLabels ? fc.integer({ min: 0, max: 12 }).map(String) : label, { minLength: n, maxLength: n }),
    ).map(([rows, labels]) => {
      const lines = rows.map((r, i) => `${r.map(String).join(',')},${labels[i]}`);
      if (header) lines.unshift([...Array.from({ length: d }, (_, j) => `x${j + 1}`), 'label'].join(','));
      if (comment) lines.splice(1, 0, '# a comment', '');
      return { text: lines.join(crlf ? '\r\n' : '\n'), expect: { x: rows.flat().map((v) => Number(String(v))), labels, d } };
    }),
  );

const csvArb: fc.Arbitrary<CsvCase> = fc.oneof(
  { weight: 1, arbitrary: validCsv },
  { weight: 3, arbitrary: parserInput(validCsv.map((c) => c.text)).map((text) => ({ text, expect: null })) },
);

export const csvTarget: FuzzTarget<CsvCase> = {
  name: 'csv',
  boundMs: 5000,
  testShare: 1,
  arbitrary: csvArb,
  check({ text, expect }) {
    const r = valueOrTypedError('parseCsvDataset', () => parseCsvDataset(text));
    if (expect) ensure(r !== null, () => `a valid CSV was refused: ${JSON.stringify(text.slice(0, 200))}`);
    if (!r) return;
    const ds = r.value;
    ensure(ds.n >= 1 && ds.d >= 1 && ds.x.length === ds.n * ds.d && ds.y.length === ds.n, `shape n ${ds.n}, d ${ds.d}, x ${ds.x.length}, y ${ds.y.length}`);
    ensure(ds.x.every(Number.isFinite), 'a feature is not finite');
    ensure(Number.isInteger(ds.classes) && ds.classes >= 2, `classes = ${ds.classes}`);
    ensure(ds.y.every((c) => c >= 0 && c < ds.classes), `a label outside [0, ${ds.classes})`);
    if (ds.classNames) ensure(new Set(ds.classNames).size === ds.classNames.length && ds.classNames.length <= ds.classes, 'class names repeat or outnumber the classes');
    if (!expect) return;
    ensure(ds.d === expect.d && ds.n === expect.labels.length, `read ${ds.n} x ${ds.d}, wrote ${expect.labels.length} x ${expect.d}`);
    ensure(expect.x.every((v, i) => Object.is(v, ds.x[i])), 'a feature does not read back as written');
    const named = ds.classNames ?? null;
    expect.labels.forEach((l, i) => {
      const got = named ? named[ds.y[i]] : String(ds.y[i]);
      ensure(got === l, () => `row ${i + 1}: label ${JSON.stringify(l)} read as ${JSON.stringify(got)}`);
    });
  },
};

// ---- network files --------------------------------------------------------------------------

interface NetCase { text: string; valid: boolean }

const weight = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: -MAX_WEIGHT, max: MAX_WEIGHT, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 5e-324, MAX_WEIGHT, -MAX_WEIGHT, 1e-300) },
);

function matrix(rows: number, cols: number): fc.Arbitrary<number[][]> {
  return fc.array(fc.array(weight, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
}

/**
 * A valid network file object: linear (D -> K), two-layer (D -> H -> K), version 1 or 2, or deep
 * (D -> H -> H2 [-> H] -> K, version 2 with its `hidden` list).
 */
const validNetwork = fc
  .record({
    model: fc.constantFrom('linear', 'two-layer', 'deep'),
    d: fc.integer({ min: 1, max: 4 }),
    h: fc.integer({ min: 1, max: 6 }),
    h2: fc.integer({ min: 1, max: 5 }),
    third: fc.boolean(),
    k: fc.integer({ min: 1, max: 4 }),
    activation: fc.constantFrom(...HIDDEN_ACTIVATIONS),
    loss: fc.constantFrom('softmax', 'svm'),
    extras: fc.boolean(),
  })
  .chain(({ model, d, h, h2, third, k, activation, loss, extras }) => {
    const sizes = model === 'linear' ? [d, k] : model === 'two-layer' ? [d, h, k] : [d, h, h2, ...(third ? [h] : []), k];
    const version = model === 'deep' || extras ? 2 : 1;
    const layers = fc.tuple(...sizes.slice(1).map((out, l) => fc.record({ weights: matrix(sizes[l], out), bias: fc.array(weight, { minLength: out, maxLength: out }) })));
    return layers.map((ls) => ({
      format: 'soma-network', version, model, activation, loss, ...(version === 2 ? { hidden: sizes.slice(1, -1) } : {}), layers: ls,
      ...(extras ? { classes: Array.from({ length: k }, (_, i) => BUILTIN_NAMES[i % BUILTIN_NAMES.length]), dataset: { name: 'spiral', seed: 3, testFraction: 0.2, toString: 1 }, training: { lr: 1 } } : {}),
    }));
  });

/** JSON texts that stand in for a number, or are slipped in beside one. */
const jsonToken = fc.constantFrom(
  '1e308', '-1e400', '1e999', 'NaN', 'null', '"1"', '[]', '{}', 'true', '-0', '1e6', '1000001', '1e-400', '[[[[1]]]]',
  '{"__proto__":{"seed":1}}', '{"constructor":{"prototype":{}}}', nest('[', ']', 40, '1'), nest('{"a":', '}', 40, '1'), '"\\u202e"', '"\\ud800"',
);

/** Replaces the n-th number of a JSON text with a token. */
const numberSwap = fc.tuple(validNetwork.map((o) => JSON.stringify(o)), fc.nat(), jsonToken).map(([text, n, token]) => {
  const numbers = [...text.matchAll(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g)];
  const m = numbers[n % numbers.length];
  return text.slice(0, m.index) + token + text.slice(m.index + m[0].length);
});

/** Adds or changes one top-level field. */
const fieldSwap = fc.tuple(validNetwork, fc.constantFrom('format', 'version', 'model', 'activation', 'loss', 'layers', 'classes', 'dataset', ...BUILTIN_NAMES), jsonToken).map(([o, key, token]) => {
  const text = JSON.stringify({ ...o, [key]: 0 });
  return text.replace(`"${key}":0`, `"${key}":${token}`);
});

const netArb: fc.Arbitrary<NetCase> = fc.oneof(
  { weight: 20, arbitrary: validNetwork.map((o) => ({ text: JSON.stringify(o), valid: true })) },
  { weight: 20, arbitrary: numberSwap.map((text) => ({ text, valid: false })) },
  { weight: 20, arbitrary: fieldSwap.map((text) => ({ text, valid: false })) },
  { weight: 30, arbitrary: parserInput(validNetwork.map((o) => JSON.stringify(o))).map((text) => ({ text, valid: false })) },
  { weight: 9, arbitrary: fc.constantFrom(nest('[', ']', 100000), '['.repeat(200000), nest('{"a":', '}', 10000, '1')).map((text) => ({ text, valid: false })) },
  // 8 MB of numbers, over MAX_NETWORK_NUMBERS: one input in a hundred (each takes a scan of 8 million characters).
  { weight: 1, arbitrary: fc.constant(`[${'1,'.repeat(4_100_000)}1]`).map((text) => ({ text, valid: false })) },
);

/**
 * Scores of x (n x D) through the layers as plain products (relu/sigmoid/tanh hidden units, linear
 * output), and beside each the same sums over magnitudes: |x| |W| + |b| through 1-Lipschitz
 * activations bounds what round-off can reach, whatever order the sums are taken in.
 */
function referenceScores(net: { activation: string; layers: { weights: number[][]; bias: number[] }[] }, x: number[][]): { value: number[]; magnitude: number[] } | null {
  const act: Record<string, (z: number) => number> = { relu: (z) => Math.max(0, z), sigmoid: (z) => 1 / (1 + Math.exp(-z)), tanh: Math.tanh };
  if (net.layers.length >= 2 && !act[net.activation]) return null;
  let a = x, m = x.map((row) => row.map(Math.abs));
  net.layers.forEach((layer, l) => {
    const last = l === net.layers.length - 1;
    const next = a.map((row) => layer.bias.map((b, j) => {
      let s = b;
      for (let i = 0; i < row.length; i++) s += row[i] * layer.weights[i][j];
      return last ? s : act[net.activation](s);
    }));
    m = m.map((row) => layer.bias.map((b, j) => {
      let s = Math.abs(b);
      for (let i = 0; i < row.length; i++) s += row[i] * Math.abs(layer.weights[i][j]);
      return last ? s : s + 1; // sigmoid is within 1 of its argument's magnitude
    }));
    a = next;
  });
  return { value: a.flat(), magnitude: m.flat() };
}

export const networkTarget: FuzzTarget<NetCase> = {
  name: 'network-file',
  boundMs: 5000,
  testShare: 1,
  arbitrary: netArb,
  check({ text, valid }) {
    const r = valueOrTypedError('parseNetworkFileText', () => parseNetworkFileText(text, 'network'));
    if (valid) ensure(r !== null, () => `a valid network file was refused: ${text.slice(0, 200)}`);
    if (!r) return;
    const net = r.value;
    const d = net.layers[0].weights.length, k = net.layers[net.layers.length - 1].bias.length;
    // Inputs in [-1, 1]: the corners and the centre, deterministic.
    const rows = [Array(d).fill(1), Array(d).fill(-1), Array(d).fill(0), Array.from({ length: d }, (_, i) => (i % 2 ? -1 : 1))];
    const out = valueOrTypedError('forwardNetwork', () => forwardNetwork(net, Float64Array.from(rows.flat()), rows.length));
    ensure(out !== null, 'forwardNetwork refused a network the parser accepted');
    const { scores } = out.value;
    ensure(scores.length === rows.length * k, `scores have ${scores.length} entries, not ${rows.length} x ${k}`);
    ensure(scores.every(Number.isFinite), () => `a score is not finite: ${Array.from(scores).join(', ')}`);
    const ref = referenceScores(net, rows);
    if (ref) {
      ref.value.forEach((v, i) => ensure(Math.abs(v - scores[i]) <= 1e-12 * ref.magnitude[i], () => `score ${i}: ${scores[i]}, a plain product gives ${v} (magnitude ${ref.magnitude[i]})`));
    }
  },
};
