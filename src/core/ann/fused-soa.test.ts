import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { fusedRowKernel, fusedTwoLayerSoftmax } from './fused';
import { soaKernel, soaFits } from './fused-soa';
import { soaWasmBytes, soaWasmInstance } from './fused-wasm';
import { buildNetworkGraph } from './network';
import { Trainer } from './train';
import { makeDataset } from '../data/index';

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

// unrolled passes (D <= 2, K <= 4: 2x3, 1x2 with a zero input slot, 2x4, 2x2) and the general ones (3x5, 4x8, 2x5)
const SHAPES: [number, number, number, number][] = [[2, 100, 3, 300], [1, 7, 2, 5], [2, 6, 4, 9], [2, 5, 2, 8], [3, 13, 5, 31], [4, 9, 8, 2], [2, 11, 5, 7]];

describe('the hidden-unit-major kernel (fused-soa.ts, fused-wasm.ts)', () => {
  it('one general module for every shape and one unrolled for D <= 2, K <= 4: each under 4 KB, valid, running in Node (WebAssembly SIMD)', () => {
    const api = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly; // core is checked without the DOM lib
    for (const bytes of Object.values(soaWasmBytes())) {
      expect(bytes.length).toBeLessThan(4096); // synchronous compilation is allowed on a browser's main thread
      expect(api.validate(bytes)).toBe(true);
    }
    expect(soaWasmInstance(2, 100, 3, 300)).not.toBeNull();
    expect(soaWasmInstance(4, 9, 8, 2)).not.toBeNull();
  });

  for (const [D, H, K, n] of SHAPES) {
    it(`D=${D} H=${H} K=${K} n=${n}: WebAssembly bit for bit JavaScript; both the graph's gates and the row kernel to 1e-13`, () => {
      expect(soaFits(D, K)).toBe(true);
      const p = problem(D, H, K, n, D * 100 + K);
      const wasm = run(soaKernel(D, H, K, 'wasm'), p, D, H, K, n);
      const js = run(soaKernel(D, H, K, 'js'), p, D, H, K, n);
      wasm.forEach((a, k) => a.forEach((v, i) => expect(Object.is(v, js[k][i]), `array ${k} entry ${i}`).toBe(true)));
      // oracles: the graph's affine -> relu -> affine -> softmax cross-entropy gates (reg 0), the row-by-row kernel
      const net = buildNetworkGraph({ model: 'two-layer', d: D, hidden: H, classes: K, activation: 'relu', loss: 'softmax', reg: 0, batch: n });
      net.x.value.set(p.X); net.labels.set(p.y);
      [p.W1, p.b1, p.W2, p.b2].forEach((v, k) => net.params[k].value.set(v));
      net.graph.forward(net.loss);
      net.graph.backward(net.loss);
      const row = run(fusedRowKernel(D, H, K), p, D, H, K, n);
      let active = 0;
      for (const oracle of [[net.loss.value, ...net.params.map((q) => q.grad)], row]) {
        wasm.forEach((a, k) => a.forEach((v, i) => {
          expect(Math.abs(v - oracle[k][i])).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(oracle[k][i])));
          if (k === 2 && v !== 0) active++;
        }));
      }
      expect(active).toBeGreaterThan(0); // some hidden unit carried gradient
    });
  }

  it('a unit active on no row has zero gradients, one active on all rows the full ones', () => {
    const D = 2, H = 2, K = 3, n = 5;
    const p = problem(D, H, K, n, 9);
    p.b1.set([-1e3, 1e3]); // unit 0 never fires, unit 1 always
    for (const engine of ['wasm', 'js'] as const) {
      const [, dW1, db1] = run(soaKernel(D, H, K, engine), p, D, H, K, n);
      expect([dW1[0], dW1[H], db1[0]]).toEqual([0, 0, 0]);
      expect(db1[1]).not.toBe(0);
    }
  });

  it('grows its columns for a larger batch and still agrees (the kernel is shared per shape)', () => {
    const wasm = soaKernel(2, 10, 3, 'wasm'), js = soaKernel(2, 10, 3, 'js');
    for (const n of [4, 51, 7, 50]) {
      const p = problem(2, 10, 3, n, n);
      const a = run(wasm, p, 2, 10, 3, n), b = run(js, p, 2, 10, 3, n);
      a.forEach((arr, k) => arr.forEach((v, i) => expect(v).toBe(b[k][i])));
    }
  });

  it("a Trainer on the spiral: the same weights bit for bit with kernel 'wasm' and 'js', 1e-12 with the gates", () => {
    const ds = makeDataset('spiral', { seed: 0 });
    const [wasm, js, gates] = [new Trainer({}, ds, { kernel: 'wasm' }), new Trainer({}, ds, { kernel: 'js' }), new Trainer({}, ds, { fused: false })];
    for (const t of [wasm, js, gates]) t.step(200);
    wasm.net.params.forEach((p, k) => p.value.forEach((v, i) => {
      expect(v).toBe(js.net.params[k].value[i]);
      expect(Math.abs(v - gates.net.params[k].value[i])).toBeLessThan(1e-12);
    }));
    expect(wasm.loss).toBe(js.loss);
  });

  it('is what fusedTwoLayerSoftmax picks for few inputs and classes, not for images', () => {
    expect(soaFits(2, 3)).toBe(true);
    expect(soaFits(196, 10)).toBe(false);
    expect(soaFits(2, 9)).toBe(false);
    expect(fusedTwoLayerSoftmax(2, 100, 3).name).toBe('fusedSoa');
    expect(fusedTwoLayerSoftmax(196, 32, 10).name).not.toBe('fusedSoa');
  });
});
