/**
 * Conversion of deeper networks: one spiking population per hidden layer, each normalised by its
 * own data-based scale (Diehl et al. 2015 `max`, Rueckauer et al. 2017 `p99.9`), and a deep net
 * trained on the spiral keeping its accuracy when it runs on spikes.
 */
import { describe, expect, it } from 'vitest';
import { train } from '../ann/train';
import { makeDataset, splitDataset } from '../data/index';
import type { NetworkFile } from '../export/network-file';
import { Rng } from '../random';
import { convertNetwork, normalisationScale } from './convert';
import { ConvertedEngine } from './engine';
import { evaluateConverted } from './evaluate';
import { uniformInputs } from './test-networks';

/** A random ReLU network with hidden layers `hidden`, written out by hand (no dependency on the ANN core). */
function randomDeep(d: number, hidden: number[], k: number, seed: number): NetworkFile {
  const rng = new Rng(seed);
  const widths = [d, ...hidden, k];
  const layers = widths.slice(1).map((out, l) => ({
    weights: Array.from({ length: widths[l] }, () => Array.from({ length: out }, () => rng.normal() / Math.sqrt(widths[l]))),
    bias: Array.from({ length: out }, () => 0.2 * rng.normal()),
  }));
  return { format: 'soma-network', version: 2, model: 'deep', activation: 'relu', loss: 'softmax', hidden, layers };
}

/** ReLU forward pass, layer by layer, written out: every layer's output (the last one linear). */
function forwardByHand(net: NetworkFile, x: Float64Array, n: number): Float64Array[] {
  const outs: Float64Array[] = [];
  let input = x, width = net.layers[0].weights.length;
  net.layers.forEach((layer, l) => {
    const m = layer.bias.length, out = new Float64Array(n * m);
    for (let b = 0; b < n; b++) for (let j = 0; j < m; j++) {
      let u = layer.bias[j];
      for (let i = 0; i < width; i++) u += input[b * width + i] * layer.weights[i][j];
      out[b * m + j] = l < net.layers.length - 1 ? Math.max(0, u) : u;
    }
    outs.push(out);
    input = out;
    width = m;
  });
  return outs;
}

describe('conversion of deeper networks', () => {
  const net = randomDeep(3, [8, 6, 5], 2, 4);
  const x = uniformInputs(60, 3, 5);
  const acts = forwardByHand(net, x, 60);

  for (const norm of ['max', 'p99.9'] as const) {
    it(`${norm}: each layer l its own lambda_l from its own activations; weights lambda_(l-1) / lambda_l, biases 1 / lambda_l`, () => {
      // only x, the last hidden layer and the scores given: the other layers' activations are computed from x
      const c = convertNetwork(net, { n: 60, x, hidden: acts[2], scores: acts[3] }, { norm });
      const lambda = acts.map((a) => normalisationScale(a, norm));
      expect(c.scales).toEqual(lambda);
      expect(c.layers.map((l) => [l.nIn, l.nOut])).toEqual([[3, 8], [8, 6], [6, 5], [5, 2]]);
      for (let l = 1; l < 4; l++) {
        expect(c.layers[l].weights[2 * c.layers[l].nOut + 1]).toBeCloseTo((net.layers[l].weights[2][1] * lambda[l - 1]) / lambda[l], 14);
        expect(c.layers[l].bias[1]).toBeCloseTo(net.layers[l].bias[1] / lambda[l], 14);
      }
    });
  }

  it('one population per layer; charge is conserved through every layer: count + V = T b + sum_i count_(l-1),i w_ij (IF, no floor, zero delay), and the first layer fires at its ReLU rate', () => {
    const c = convertNetwork(net, { n: 60, x, hidden: acts[2], scores: acts[3] });
    const engine = new ConvertedEngine(c, x, 60);
    expect(engine.layers.map((p) => p.size)).toEqual([60 * 8, 60 * 6, 60 * 5, 60 * 2]);
    const T = 200;
    engine.runSteps(T);
    // layer 0 under current input: |count - T min(1, a / lambda)| <= 1
    for (let i = 0; i < acts[0].length; i++) expect(Math.abs(engine.counts[0][i] - T * Math.min(1, acts[0][i] / c.scales[0]!))).toBeLessThanOrEqual(1);
    // every deeper layer: the exact integral of the spikes it received (threshold 1, reset by subtraction)
    for (let l = 1; l < 4; l++) {
      const { nIn, nOut, weights, bias } = c.layers[l], V = engine.potentials(l);
      for (let b = 0; b < 60; b++) for (let j = 0; j < nOut; j++) {
        let q = T * bias[j];
        for (let i = 0; i < nIn; i++) q += engine.counts[l - 1][b * nIn + i] * weights[i * nOut + j];
        expect(engine.counts[l][b * nOut + j] + V[b * nOut + j]).toBeCloseTo(q, 9);
      }
    }
    engine.dispose();
  });

  it('spiral, hidden 32,16 (Adam 0.01, 1000 iterations, seed 0): the spiking network within 2 points of the ANN at T = 100 ms (measured: equal from 50 ms)', () => {
    const data = makeDataset('spiral', { seed: 0 });
    const { train: trainSet, test } = splitDataset(data, 0.2, new Rng(0).fork());
    const r = train({ model: 'deep', hidden: 32, hiddenLayers: [32, 16], optimizer: 'adam', lr: 0.01, iters: 1000, seed: 0 }, { train: trainSet, test });
    const f = (set: typeof trainSet) => {
      const outs = forwardByHand(r.network, set.x, set.n);
      return { hidden: outs[outs.length - 2], scores: outs[outs.length - 1] };
    };
    const fTrain = f(trainSet), fTest = f(test);
    const c = convertNetwork(r.network, { n: trainSet.n, x: trainSet.x, ...fTrain });
    const ev = evaluateConverted(c, { n: test.n, x: test.x, y: test.y, ...fTest }, { tMs: [20, 50, 100] });
    expect(ev.annAcc).toBeGreaterThanOrEqual(0.95);
    const at100 = ev.curve.find((p) => p.tMs === 100)!;
    expect(ev.annAcc - at100.acc).toBeLessThanOrEqual(0.02);
    // the rate-vs-activation check runs on the last hidden layer (16 units)
    expect(ev.hidden!.r).toBeGreaterThan(0.95);
  });
});
