/**
 * Small hand-made networks and their ReLU forward pass, written out as the oracle the spiking
 * networks are checked against (used by the tests of this folder; no dependency on the ANN core).
 */
import type { NetworkFile } from '../export/network-file';
import { Rng } from '../random';

/** A random two-layer network D -> H -> K as a network file (weights ~ N(0, 1), N(0, 1/H)). */
export function randomNetwork(d: number, h: number, k: number, seed: number, activation: NetworkFile['activation'] = 'relu'): NetworkFile {
  const rng = new Rng(seed);
  const mat = (r: number, c: number, s: number) => Array.from({ length: r }, () => Array.from({ length: c }, () => s * rng.normal()));
  return {
    format: 'soma-network', version: 1, model: 'two-layer', activation, loss: 'softmax',
    layers: [
      { weights: mat(d, h, 1), bias: Array.from({ length: h }, () => 0.2 * rng.normal()) },
      { weights: mat(h, k, 1 / Math.sqrt(h)), bias: Array.from({ length: k }, () => 0.1 * rng.normal()) },
    ],
  };
}

/** The ReLU forward pass, written out as the oracle the spiking network is compared with. */
export function forwardRelu(net: NetworkFile, x: Float64Array, n: number): { hidden: Float64Array; scores: Float64Array } {
  const [l1, l2] = net.layers;
  const d = l1.weights.length, h = l1.bias.length, k = l2.bias.length;
  const hidden = new Float64Array(n * h), scores = new Float64Array(n * k);
  for (let b = 0; b < n; b++) {
    for (let j = 0; j < h; j++) {
      let u = l1.bias[j];
      for (let i = 0; i < d; i++) u += x[b * d + i] * l1.weights[i][j];
      hidden[b * h + j] = Math.max(0, u);
    }
    for (let c = 0; c < k; c++) {
      let u = l2.bias[c];
      for (let j = 0; j < h; j++) u += hidden[b * h + j] * l2.weights[j][c];
      scores[b * k + c] = u;
    }
  }
  return { hidden, scores };
}

/** n x D inputs uniform in [-1, 1). */
export function uniformInputs(n: number, d: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n * d }, () => rng.uniform(-1, 1));
}

