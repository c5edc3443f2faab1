import { describe, expect, it } from 'vitest';
import { loadDataset, makeDataset, splitDataset } from '../data/index';
import { ParameterError, SomaRuntimeError } from '../errors';
import { parseNetworkFile } from '../export/network-file';
import { Rng } from '../random';
import { gradientCheck } from './gradcheck';
import { buildNetworkGraph, forwardNetwork } from './network';
import { TRAIN_DEFAULTS, Trainer, train } from './train';

describe('the whole 2-layer network passes the gradient check', () => {
  for (const loss of ['softmax', 'svm'] as const) {
    for (const activation of ['relu', 'tanh', 'soft-lif'] as const) {
      it(`${activation} hidden layer, ${loss} loss, L2 (relative error <= 1e-7 away from kinks)`, () => {
        // the course's set-up for checking a network: a few random rows, unit-scale random weights
        const rng = new Rng(1);
        const net = buildNetworkGraph({ model: 'two-layer', d: 4, hidden: 10, classes: 3, activation, loss, reg: 0.1, batch: 5 });
        for (const p of net.params) for (let i = 0; i < p.value.length; i++) p.value[i] = rng.normal();
        for (let i = 0; i < net.x.value.length; i++) net.x.value[i] = rng.normal();
        net.labels.set([0, 1, 2, 2, 1]);
        const r = gradientCheck(net.graph, net.loss);
        expect(Object.keys(r.params)).toEqual(['W1', 'b1', 'W2', 'b2']);
        expect(r.maxRelError).toBeLessThan(1e-7);
        const checked = Object.values(r.params).reduce((s, p) => s + p.checked, 0);
        expect(checked).toBeGreaterThan(70); // most of the 83 entries are away from kinks
      });
    }
  }
  it('finds a wrong gradient (the check can fail)', () => {
    const rng = new Rng(2);
    const net = buildNetworkGraph({ model: 'linear', d: 3, hidden: 1, classes: 3, activation: 'relu', loss: 'softmax', reg: 0, batch: 4 });
    for (const p of net.params) for (let i = 0; i < p.value.length; i++) p.value[i] = rng.normal();
    for (let i = 0; i < net.x.value.length; i++) net.x.value[i] = rng.normal();
    net.labels.set([0, 1, 2, 1]);
    const l2 = net.graph.l2(net.params[0], 0.5);
    const broken = net.graph.add(net.loss, l2);
    // corrupt: the L2 node's strength changes between backward and the differences
    const ok = gradientCheck(net.graph, broken);
    expect(ok.maxRelError).toBeLessThan(1e-7);
    const origBackward = net.graph.backward.bind(net.graph);
    net.graph.backward = (o, s) => { origBackward(o, s); net.params[0].grad[0] *= 1.01; };
    expect(gradientCheck(net.graph, broken).params.W.maxRelError).toBeGreaterThan(1e-3);
  });
});

describe("the course's spiral case study", () => {
  it('fused hot path and graph gates give the same weights', () => {
    const ds = makeDataset('spiral', { seed: 0 });
    const a = new Trainer({}, ds, { fused: false }), b = new Trainer({}, ds);
    a.step(150);
    b.step(150);
    expect(b.loss).toBeCloseTo(a.loss, 12);
    a.net.params.forEach((p, k) => p.value.forEach((v, i) => expect(b.net.params[k].value[i]).toBeCloseTo(v, 12)));
  });

  for (const seed of [0, 1, 2, 3, 4]) {
    it(`seed ${seed}: linear softmax 45-55% training accuracy; 2-layer >= 97%, final loss near 0.25`, () => {
      const ds = makeDataset('spiral', { seed });
      const linear = train({ model: 'linear', iters: 200, seed }, { train: ds });
      expect(linear.trainAcc).toBeGreaterThanOrEqual(0.45);
      expect(linear.trainAcc).toBeLessThanOrEqual(0.55);
      const net = train({ ...TRAIN_DEFAULTS, seed }, { train: ds });
      expect(net.trainAcc).toBeGreaterThanOrEqual(0.97);
      expect(net.finalLoss).toBeGreaterThan(0.2);
      expect(net.finalLoss).toBeLessThan(0.3);
      expect(net.lossCurve.at(-1)).toEqual([9999, net.finalLoss]);
      expect(net.lossCurve[0][1]).toBeCloseTo(Math.log(3), 2); // 0.01 randn weights: uniform scores
    });
  }
});

describe('other data and models', () => {
  it('iris: >= 95% test accuracy', () => {
    const { train: tr, test } = splitDataset(makeDataset('iris', { seed: 0 }), 0.3, new Rng(0));
    const r = train({ hidden: 16, iters: 2000 }, { train: tr, test });
    expect(r.testAcc).toBeGreaterThanOrEqual(0.95);
    expect(r.confusion.flat().reduce((a, b) => a + b, 0)).toBe(test.n);
  });

  it('digits 14x14, 32 hidden units: >= 92% on held-out digits', async () => {
    const ds = await loadDataset('digits', { seed: 0, size: 14 });
    const { train: tr, test } = splitDataset(ds, 0.2, new Rng(0));
    const r = train({ hidden: 32, batch: 200, optimizer: 'adam', lr: 0.005, iters: 1500, init: 'he', reg: 1e-4 }, { train: tr, test });
    expect(r.testAcc).toBeGreaterThanOrEqual(0.92);
    expect(r.network.layers[0].weights.length).toBe(196);
  });

  it('the rate twins train at the same learning rate as ReLU', () => {
    const ds = makeDataset('spiral', { seed: 0 });
    const r = train({ activation: 'lif-rate', iters: 1500 }, { train: ds });
    expect(r.trainAcc).toBeGreaterThanOrEqual(0.9);
  });

  it('SVM loss, momentum and Adam train the spiral too', () => {
    const ds = makeDataset('spiral', { seed: 0 });
    expect(train({ loss: 'svm', iters: 1500 }, { train: ds }).trainAcc).toBeGreaterThan(0.9);
    expect(train({ optimizer: 'momentum', lr: 0.1, iters: 1000 }, { train: ds }).trainAcc).toBeGreaterThan(0.9);
    expect(train({ optimizer: 'adam', lr: 0.01, iters: 1000, batch: 64 }, { train: ds }).trainAcc).toBeGreaterThan(0.9);
  });
});

describe('the network file', () => {
  it('is a valid NetworkFile whose forward pass gives the trainer predictions', () => {
    const ds = makeDataset('moons', { seed: 0 });
    const t = new Trainer({ iters: 500 }, ds);
    t.step(500);
    const file = parseNetworkFile(JSON.parse(JSON.stringify(t.network())));
    const { hidden, scores } = forwardNetwork(file, ds.x, ds.n);
    expect(hidden!.length).toBe(ds.n * 100);
    const direct = t.forward(ds.x, ds.n).scores;
    scores.forEach((v, i) => expect(v).toBeCloseTo(direct[i], 12));
    // the graph's own scores node after the last iteration agrees with the plain forward pass (before the update)
    expect(t.net.scores.value.length).toBe(ds.n * 2);
    expect(() => forwardNetwork(file, ds.x, ds.n + 1)).toThrow(ParameterError);
  });
});

describe('bad input', () => {
  it('refuses non-finite learning rates and unknown choices', () => {
    const ds = makeDataset('xor', { seed: 0 });
    expect(() => new Trainer({ lr: NaN }, ds)).toThrow(/lr = NaN is not allowed/);
    expect(() => new Trainer({ lr: Infinity }, ds)).toThrow(ParameterError);
    expect(() => new Trainer({ optimizer: 'rmsprop' as never }, ds)).toThrow(/optimizer = "rmsprop"/);
    expect(() => new Trainer({ batch: 0 }, ds)).toThrow(/batch/);
  });
  it('stops a diverging run naming the iteration and suggesting a smaller learning rate', () => {
    const ds = makeDataset('spiral', { seed: 0 });
    expect(() => train({ lr: 1e6, iters: 200 }, { train: ds })).toThrow(SomaRuntimeError);
    expect(() => train({ lr: 1e6, iters: 200 }, { train: ds })).toThrow(/diverged at iteration \d+: the loss is (NaN|Infinity); try a smaller learning rate than 1000000/);
  });
});
