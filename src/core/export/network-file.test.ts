import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { parseNetworkFile, type NetworkFile } from './network-file';

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
