import { describe, expect, it } from 'vitest';
import { HIDDEN_ACTIVATIONS } from '../export/network-file';
import { Rng } from '../random';
import { ACTIVATIONS } from './activations';
import { dataLoss, forwardInto, l2Penalty, type DenseLayer } from './forward';
import { fusedRowKernel, fusedTwoLayerSoftmax } from './fused';
import { buildNetworkGraph, forwardLayers, initNetwork, type LossKind } from './network';

/** Largest |a - b| over the first n entries. */
function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** A two-layer graph D -> H -> K with random weights and biases, and n random rows with labels. */
function setup(d: number, h: number, k: number, n: number, activation: (typeof HIDDEN_ACTIVATIONS)[number], loss: LossKind, seed: number) {
  const rng = new Rng(seed);
  const net = buildNetworkGraph({ model: 'two-layer', d, hidden: h, classes: k, activation, loss, reg: 0.01, batch: n });
  initNetwork(net, 'he', rng);
  for (const p of net.params) if (p.name.startsWith('b')) for (let i = 0; i < p.value.length; i++) p.value[i] = 0.3 * rng.normal();
  for (let i = 0; i < net.x.value.length; i++) net.x.value[i] = i % 7 === 0 ? 0 : rng.uniform(-2, 2); // some zero inputs
  for (let i = 0; i < n; i++) net.labels[i] = rng.int(k);
  const [W1, b1, W2, b2] = net.params;
  const layers: DenseLayer[] = [
    { inputs: d, outputs: h, weights: W1.value, bias: b1.value },
    { inputs: h, outputs: k, weights: W2.value, bias: b2.value },
  ];
  return { net, layers, rng };
}

describe('forwardInto: the one forward pass of dense layers', () => {
  for (const activation of HIDDEN_ACTIVATIONS) {
    it(`${activation}: hidden and scores equal the gate graph's nodes to 1e-12, data loss + L2 equal its loss`, () => {
      for (const loss of ['softmax', 'svm'] as const) {
        const n = 37, d = 5, h = 23, k = 4;
        const { net, layers } = setup(d, h, k, n, activation, loss, 7);
        net.graph.forward();
        const hidden = new Float64Array(n * h + 5).fill(NaN), scores = new Float64Array(n * k + 3).fill(NaN);
        forwardInto(layers, activation, net.x.value, n, [hidden, scores]);
        expect(maxDiff(hidden, net.hidden!.value, n * h)).toBeLessThanOrEqual(1e-12);
        expect(maxDiff(scores, net.scores.value, n * k)).toBeLessThanOrEqual(1e-12);
        // rows past n are not written (the caller's bound buffers may be larger)
        expect(Number.isNaN(hidden[n * h])).toBe(true);
        expect(Number.isNaN(scores[n * k])).toBe(true);
        const total = dataLoss(loss, scores, net.labels, n, k) + l2Penalty(layers[0].weights, 0.01) + l2Penalty(layers[1].weights, 0.01);
        expect(Math.abs(dataLoss(loss, scores, net.labels, n, k) - net.dataLoss.value[0])).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(total - net.loss.value[0])).toBeLessThanOrEqual(1e-12);
      }
    });
  }

  it('each activation\'s derivative is its own: centred differences of f agree with df (away from kinks)', () => {
    for (const name of HIDDEN_ACTIVATIONS) {
      const { f, df } = ACTIVATIONS[name];
      for (const z of [-2.3, -0.4, 0.35, 1, 2.7]) {
        const eps = 1e-6;
        const numeric = (f(z + eps) - f(z - eps)) / (2 * eps);
        expect(Math.abs(df(z, f(z)) - numeric), `${name} at ${z}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(numeric)));
      }
    }
  });

  it('the mean softmax loss of its scores equals the fused training kernels\' loss (row kernel, hidden-unit-major in WebAssembly and JavaScript)', () => {
    for (const [d, h, k] of [[2, 40, 3], [12, 16, 5]] as const) {
      const n = 50;
      const { net, layers } = setup(d, h, k, n, 'relu', 'softmax', 11);
      const hidden = new Float64Array(n * h), scores = new Float64Array(n * k);
      forwardInto(layers, 'relu', net.x.value, n, [hidden, scores]);
      const ours = dataLoss('softmax', scores, net.labels, n, k);
      const kernels = [fusedRowKernel(d, h, k), fusedTwoLayerSoftmax(d, h, k, 'wasm'), fusedTwoLayerSoftmax(d, h, k, 'js')];
      for (const kernel of kernels) {
        const [W1, b1, W2, b2] = layers.flatMap((l) => [l.weights, l.bias]);
        const loss = kernel(net.x.value, net.labels, n, W1, b1, W2, b2,
          new Float64Array(d * h), new Float64Array(h), new Float64Array(h * k), new Float64Array(k),
          new Float64Array(h), new Float64Array(h), new Float64Array(k), new Float64Array(k));
        expect(Math.abs(loss - ours), `${kernel.name} ${d}x${h}x${k}`).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('forwardLayers (allocating) is forwardInto, bit for bit; a linear model has no hidden layer', () => {
    const n = 20;
    const { net, layers } = setup(3, 9, 3, n, 'tanh', 'softmax', 5);
    const hidden = new Float64Array(n * 9), scores = new Float64Array(n * 3);
    forwardInto(layers, 'tanh', net.x.value, n, [hidden, scores]);
    const f = forwardLayers(layers, 'tanh', net.x.value, n);
    expect(Array.from(f.hidden!)).toEqual(Array.from(hidden));
    expect(Array.from(f.scores)).toEqual(Array.from(scores));
    expect(forwardLayers([layers[1]], 'relu', hidden, n).hidden).toBeNull();
  });

  it('refuses buffers and inputs of the wrong size, naming them', () => {
    const { net, layers } = setup(3, 9, 3, 4, 'relu', 'softmax', 5);
    expect(() => forwardInto(layers, 'relu', net.x.value, 4, [new Float64Array(4 * 9)])).toThrow(/outs = 1 is not allowed/);
    expect(() => forwardInto(layers, 'relu', net.x.value, 4, [new Float64Array(8), new Float64Array(12)])).toThrow(/outs\[0\] = 8/);
    expect(() => forwardInto(layers, 'relu', net.x.value, 5, [new Float64Array(45), new Float64Array(15)])).toThrow(/x = 12/);
  });
});
