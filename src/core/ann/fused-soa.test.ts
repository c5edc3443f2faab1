import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { fusedRowKernel, fusedTwoLayerSoftmax } from './fused';
import { generateSoaKernel, soaFits } from './fused-soa';
import { buildNetworkGraph } from './network';

/** A random problem: n rows of D inputs, labels in 0..K-1, unit-scale weights (about half the units active). */
function problem(D: number, H: number, K: number, n: number, seed: number) {
  const rng = new Rng(seed);
  const fill = (len: number, scale: number) => Float64Array.from({ length: len }, () => scale * rng.normal());
  return {
    X: fill(n * D, 1), y: Int32Array.from({ length: n }, () => rng.int(K)),
    W1: fill(D * H, 1), b1: fill(H, 0.5), W2: fill(H * K, 1), b2: fill(K, 1),
  };
}

/** The kernel's loss and gradients [loss, dW1, db1, dW2, db2]. */
function run(kernel: ReturnType<typeof fusedRowKernel>, p: ReturnType<typeof problem>, D: number, H: number, K: number, n: number) {
  const dW1 = new Float64Array(D * H), db1 = new Float64Array(H), dW2 = new Float64Array(H * K), db2 = new Float64Array(K);
  const loss = kernel(p.X, p.y, n, p.W1, p.b1, p.W2, p.b2, dW1, db1, dW2, db2,
    new Float64Array(H), new Float64Array(H), new Float64Array(K), new Float64Array(K));
  return [Float64Array.of(loss), dW1, db1, dW2, db2];
}

const SHAPES: [number, number, number, number][] = [[2, 100, 3, 300], [1, 7, 2, 5], [3, 13, 5, 31], [4, 9, 8, 2]];

describe('the hidden-unit-major kernel (fused-soa.ts)', () => {
  for (const [D, H, K, n] of SHAPES) {
    it(`D=${D} H=${H} K=${K} n=${n}: bit for bit the row-by-row kernel, and the graph's gates to 1e-13`, () => {
      expect(soaFits(D, K)).toBe(true);
      const p = problem(D, H, K, n, D * 100 + K);
      const soa = run(generateSoaKernel(D, H, K), p, D, H, K, n);
      const row = run(fusedRowKernel(D, H, K), p, D, H, K, n);
      soa.forEach((a, k) => a.forEach((v, i) => expect(Object.is(v, row[k][i]), `array ${k} entry ${i}`).toBe(true)));
      // oracle: the graph's affine -> relu -> affine -> softmax cross-entropy gates (reg 0)
      const net = buildNetworkGraph({ model: 'two-layer', d: D, hidden: H, classes: K, activation: 'relu', loss: 'softmax', reg: 0, batch: n });
      net.x.value.set(p.X); net.labels.set(p.y);
      [p.W1, p.b1, p.W2, p.b2].forEach((v, k) => net.params[k].value.set(v));
      net.graph.forward(net.loss);
      net.graph.backward(net.loss);
      const gates = [net.loss.value, ...net.params.map((q) => q.grad)];
      let active = 0;
      soa.forEach((a, k) => a.forEach((v, i) => {
        expect(Math.abs(v - gates[k][i])).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(gates[k][i])));
        if (k === 2 && v !== 0) active++;
      }));
      expect(active).toBeGreaterThan(0); // some hidden unit carried gradient
    });
  }

  it('grows its columns for a larger batch and still agrees (the kernel is shared per shape)', () => {
    const kernel = generateSoaKernel(2, 10, 3);
    for (const n of [4, 50, 7]) {
      const p = problem(2, 10, 3, n, n);
      const soa = run(kernel, p, 2, 10, 3, n), row = run(fusedRowKernel(2, 10, 3), p, 2, 10, 3, n);
      soa.forEach((a, k) => a.forEach((v, i) => expect(v).toBe(row[k][i])));
    }
  });

  it('is what fusedTwoLayerSoftmax picks for few inputs and classes, not for images', () => {
    expect(soaFits(2, 3)).toBe(true);
    expect(soaFits(196, 10)).toBe(false);
    expect(soaFits(2, 9)).toBe(false);
    expect(fusedTwoLayerSoftmax(2, 100, 3).name).toBe('fusedSoa');
    expect(fusedTwoLayerSoftmax(196, 32, 10).name).not.toBe('fusedSoa');
  });
});
