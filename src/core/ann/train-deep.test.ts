/**
 * Deeper stacks (2 and 3 hidden layers) in the trainer: they run through the graph's gates (the
 * fused kernels serve the one-hidden-layer net only), write a version-2 network file whose
 * forward pass gives the trainer's predictions, and learn the spiral.
 */
import { describe, expect, it } from 'vitest';
import { makeDataset, splitDataset } from '../data/index';
import { ParameterError } from '../errors';
import { parseNetworkFile } from '../export/network-file';
import { Rng } from '../random';
import { argmaxRows, forwardNetwork, parseHiddenList } from './network';
import { Trainer, train } from './train';

describe('deep networks in the trainer', () => {
  const spiral = makeDataset('spiral', { seed: 0 });
  const { train: trainSet, test } = splitDataset(spiral, 0.2, new Rng(0).fork());

  it('spiral, hidden 32,16 (Adam 0.01, he, 1000 iterations): >= 95% held-out accuracy (measured 98.3%); the linear classifier stays near chance', () => {
    const r = train({ model: 'deep', hidden: 32, hiddenLayers: [32, 16], optimizer: 'adam', lr: 0.01, init: 'he', iters: 1000, seed: 0 }, { train: trainSet, test });
    expect(r.testAcc).toBeGreaterThanOrEqual(0.95);
    expect(r.network.hidden).toEqual([32, 16]);
    expect(r.network.layers.map((l) => l.bias.length)).toEqual([32, 16, 3]);
    const linear = train({ model: 'linear', optimizer: 'adam', lr: 0.01, iters: 300, seed: 0 }, { train: trainSet, test });
    expect(linear.testAcc!).toBeLessThan(0.7); // straight cuts cannot separate three arms
    expect(linear.network.hidden).toEqual([]);
  });

  it('3 hidden layers: the file reads back (version 2) and its forward pass gives the trainer\'s predictions and loss', () => {
    const t = new Trainer({ model: 'deep', hidden: 8, hiddenLayers: [8, 6, 5], activation: 'tanh', init: 'he', lr: 0.1, iters: 10, seed: 2 }, trainSet);
    t.step(20);
    expect(t.net.params.map((p) => p.name)).toEqual(['W1', 'b1', 'W2', 'b2', 'W3', 'b3', 'W4', 'b4']);
    const file = parseNetworkFile(JSON.parse(JSON.stringify(t.network())));
    expect(file.version).toBe(2);
    expect(file.model).toBe('deep');
    const f = forwardNetwork(file, trainSet.x, trainSet.n);
    expect(Array.from(argmaxRows(f.scores, trainSet.n, 3))).toEqual(Array.from(t.predict(trainSet.x, trainSet.n)));
    expect(f.hiddenLayers.map((h) => h.length / trainSet.n)).toEqual([8, 6, 5]);
    // the graph's last forward (iteration 20's weights, before its update) against the file after the update: one more forward
    t.net.graph.forward(t.net.loss);
    for (let i = 0; i < f.scores.length; i++) expect(t.net.scores.value[i]).toBeCloseTo(f.scores[i], 12);
  });

  it('refuses bad lists, naming hidden, the list and what is allowed', () => {
    expect(() => new Trainer({ model: 'deep', hidden: 8, hiddenLayers: [8] }, trainSet)).toThrow(/hidden = "8".*2 to 16 hidden layers/);
    expect(() => new Trainer({ model: 'deep', hidden: 8 }, trainSet)).toThrow(ParameterError);
    expect(() => new Trainer({ model: 'two-layer', hidden: 8, hiddenLayers: [8, 4] }, trainSet)).toThrow(/one hidden layer for a two-layer model/);
    expect(() => new Trainer({ model: 'deep', hidden: 8, hiddenLayers: [8, 0] }, trainSet)).toThrow(/integers 1 to 100000/);
    for (const text of ['', '32,,16', '-1', '1.5', '32;16', 'a', '0,4', '100001', Array(17).fill(2).join(',')]) {
      expect(() => parseHiddenList('--hidden', text)).toThrow(/--hidden = .*expected 0 \(no hidden layer: a linear classifier\) or a comma-separated list/);
    }
    expect(parseHiddenList('--hidden', '0')).toEqual([]);
    expect(parseHiddenList('--hidden', ' 32, 16 ')).toEqual([32, 16]);
  });
});
