import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { checkNetworkFileSize, hiddenOf, MAX_JSON_DEPTH, MAX_NETWORK_NUMBERS, MAX_WEIGHT, parseNetworkFile, parseNetworkFileText, type NetworkFile } from './network-file';

const good: NetworkFile = {
  format: 'soma-network',
  version: 1,
  model: 'two-layer',
  activation: 'relu',
  loss: 'softmax',
  layers: [
    { weights: [[1, 2, 3], [4, 5, 6]], bias: [0, 0, 0] },
    { weights: [[1, 0], [0, 1], [1, 1]], bias: [0.5, -0.5] },
  ],
};

describe('network file', () => {
  it('accepts a well-formed two-layer network', () => {
    expect(parseNetworkFile(structuredClone(good))).toEqual(good);
  });

  it.each([
    [(n: any) => { n.layers[1].weights[2] = [1]; }, /network\.layers\[1\]\.weights\[2\].*has 1 columns but bias has 2/],
    [(n: any) => { n.layers[1].weights.pop(); }, /network\.layers\[1\]\.weights.*2 rows but layer 0 has 3 outputs/],
    [(n: any) => { n.version = 9; }, /network\.version = 9.*newer than this Soma reads/],
    [(n: any) => { delete n.loss; }, /network\.loss/],
    [(n: any) => { n.format = 'other'; }, /network\.format = "other"/],
    [(n: any) => { n.layers[0].bias[0] = 'x'; }, /network\.layers\[0\]\.bias\[0\]/],
  ])('names the bad field (%#)', (mutate, message) => {
    const n = structuredClone(good);
    mutate(n);
    expect(() => parseNetworkFile(n)).toThrow(ParameterError);
    expect(() => parseNetworkFile(n)).toThrow(message);
  });
});

describe('network file version 2: any number of hidden layers', () => {
  const deep: NetworkFile = {
    format: 'soma-network', version: 2, model: 'deep', activation: 'relu', loss: 'softmax', hidden: [3, 2],
    layers: [
      { weights: [[1, 2, 3], [4, 5, 6]], bias: [0, 0, 0] },
      { weights: [[1, 0], [0, 1], [1, 1]], bias: [0.5, -0.5] },
      { weights: [[1, -1], [-1, 1]], bias: [0, 0.1] },
    ],
  };
  it('reads a deep network and the version-1 files written before (hidden follows from the layers)', () => {
    expect(parseNetworkFile(structuredClone(deep))).toEqual(deep);
    expect(hiddenOf(parseNetworkFile(structuredClone(good)))).toEqual([3]);
    expect(hiddenOf(parseNetworkFile({ ...structuredClone(good), model: 'linear', layers: [good.layers[0]] }))).toEqual([]);
  });
  it.each([
    [(n: any) => { n.hidden = [3, 3]; }, /network\.hidden = \[3,3\].*the widths of the hidden layers, \[3, 2\]/],
    [(n: any) => { delete n.hidden; }, /network\.hidden.*the list of hidden-layer widths \(version 2\)/],
    [(n: any) => { n.version = 1; }, /network\.model = "deep".*version 1 file/],
    [(n: any) => { n.model = 'two-layer'; }, /network\.layers.*exactly 2 layers/],
    [(n: any) => { n.layers.splice(1, 1); n.hidden = [3]; }, /network\.layers.*at least 3 layers/],
    [(n: any) => { n.version = 3; }, /newer than this Soma reads \(2\)/],
  ])('names the bad field (%#)', (mutate, message) => {
    const n = structuredClone(deep);
    mutate(n);
    expect(() => parseNetworkFile(n)).toThrow(message);
  });
});

describe('network file limits', () => {
  it('refuses weights beyond +-MAX_WEIGHT (1e308 would make every score Infinity), naming the entry', () => {
    const bad = structuredClone(good);
    bad.layers[1].weights[2][1] = 1e308;
    expect(() => parseNetworkFile(bad)).toThrow(/network\.layers\[1\]\.weights\[2\]\[1\] = 1e\+308 is not allowed: expected a finite number within \+-1000000/);
    bad.layers[1].weights[2][1] = MAX_WEIGHT;
    expect(() => parseNetworkFile(bad)).not.toThrow();
  });
  it('refuses deep nesting and too many numbers before parsing, fast', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const t0 = performance.now();
    expect(() => parseNetworkFileText(deep)).toThrow(new RegExp(`nesting deeper than ${MAX_JSON_DEPTH}`));
    const many = `{"layers":[{"weights":[[${'1,'.repeat(MAX_NETWORK_NUMBERS)}1]]}]}`;
    expect(() => parseNetworkFileText(many)).toThrow(/at most 4000000 numbers/);
    expect(performance.now() - t0).toBeLessThan(5000);
    // numbers inside strings and the nesting of a real file do not count against it
    expect(parseNetworkFileText(JSON.stringify({ ...good, classes: ['[[[[1,2,3]]]]'] })).classes).toEqual(['[[[[1,2,3]]]]']);
  });
  it("speaks Soma's words, not zod's", () => {
    expect(() => parseNetworkFile({ ...good, activation: 'elu' })).toThrow(/network\.activation = "elu" is not allowed: expected one of relu, lif-rate, soft-lif, sigmoid, tanh, soma-fi$/);
    // soma-fi names its soma model and fitted f-I curve in the file
    expect(() => parseNetworkFile({ ...good, activation: 'soma-fi' })).toThrow(/network\.somaFi .*required with the soma-fi activation/);
    expect(() => parseNetworkFile(5)).toThrow(/network = 5 is not allowed: expected an object$/);
    expect(() => parseNetworkFile({ ...good, format: 'x' })).toThrow(/expected "soma-network"$/);
  });
});

describe('network file size', () => {
  it('is refused from its size alone beyond 64 MB', () => {
    expect(() => checkNetworkFileSize(64 * 1024 * 1024)).not.toThrow();
    expect(() => checkNetworkFileSize(64 * 1024 * 1024 + 1)).toThrow(/network file = "64\.0 MB" is not allowed: expected a network file of at most 64 MB/);
  });
});
