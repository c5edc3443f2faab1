import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { convertNetwork, normalisationScale, type TrainingActivations } from './convert';
import { evaluateConverted } from './evaluate';
import { argmaxRow } from './stats';
import { forwardRelu, randomNetwork, uniformInputs } from './test-networks';

describe('normalisationScale', () => {
  it('is the largest activation (max) or the 99.9th percentile of the positive ones (p99.9)', () => {
    const acts = Float64Array.from({ length: 2001 }, (_, i) => (i % 2 ? -i : i / 1000)); // 1001 positives 0..2, plus zero
    expect(normalisationScale(acts, 'max')).toBe(2);
    // positives 0.002, 0.004, ..., 2 (1000 values): position 999 * 0.999 = 998.001 -> 1.998 + 0.001 * 0.002
    expect(normalisationScale(acts, 'p99.9')).toBeCloseTo(1.998002, 12);
    expect(normalisationScale(new Float64Array(5), 'max')).toBe(1);
  });
});

describe('convertNetwork', () => {
  const net = randomNetwork(3, 8, 2, 1);
  const x = uniformInputs(50, 3, 2);
  const f = forwardRelu(net, x, 50);
  const train: TrainingActivations = { n: 50, x, hidden: f.hidden, scores: f.scores };

  it('scales layer l by lambda_(l-1) / lambda_l and biases by 1 / lambda_l', () => {
    const c = convertNetwork(net, train);
    const l1 = normalisationScale(f.hidden, 'max'), l2 = normalisationScale(f.scores, 'max');
    expect(c.scales).toEqual([l1, l2]);
    expect(c.layers[0].weights[1 * 8 + 5]).toBeCloseTo(net.layers[0].weights[1][5] / l1, 15);
    expect(c.layers[1].weights[7 * 2 + 1]).toBeCloseTo((net.layers[1].weights[7][1] * l1) / l2, 15);
    expect(c.layers[1].bias[0]).toBeCloseTo(net.layers[1].bias[0] / l2, 15);
    expect(c.layers[0].soma).toEqual({ kind: 'integrate', threshold: 1, reset: 'subtract', decay: 1 });
    // No training input asks a hidden neuron for more than one spike per step.
    const max = Math.max(...f.hidden.map((a) => a / l1));
    expect(max).toBeCloseTo(1, 12);
  });

  it('refuses what a spiking network cannot stand for, naming the field', () => {
    expect(() => convertNetwork({ ...net, activation: 'tanh' }, train)).toThrow(/network\.activation = "tanh"/);
    expect(() => convertNetwork({ ...net, activation: 'soft-lif' }, train)).toThrow(/neuron = "if".*lif/);
    expect(() => convertNetwork(net, train, { neuron: 'izh' as never })).toThrow(/neuron = "izh"/);
    expect(() => convertNetwork(net, train, { norm: 'p99' as never })).toThrow(ParameterError);
    expect(() => convertNetwork(net, { ...train, hidden: new Float64Array(3) })).toThrow(/train\.hidden/);
  });
});

describe('a linear classifier converts to one layer of IF output neurons', () => {
  it('reads out the argmax of the integrated scores', () => {
    const two = randomNetwork(3, 4, 3, 31);
    const linear = { ...two, model: 'linear' as const, layers: [{ weights: two.layers[0].weights.map((r) => r.slice(0, 3)), bias: two.layers[0].bias.slice(0, 3) }] };
    const x = uniformInputs(100, 3, 32);
    const scores = new Float64Array(300);
    for (let b = 0; b < 100; b++) for (let k = 0; k < 3; k++) {
      let u = linear.layers[0].bias[k];
      for (let i = 0; i < 3; i++) u += x[b * 3 + i] * linear.layers[0].weights[i][k];
      scores[b * 3 + k] = u;
    }
    const y = Int32Array.from({ length: 100 }, (_, b) => argmaxRow(scores, b, 3));
    const c = convertNetwork(linear, { n: 100, x, hidden: null, scores });
    expect(c.layers).toHaveLength(1);
    const ev = evaluateConverted(c, { n: 100, x, y, hidden: null, scores }, { tMs: [1000] });
    expect(ev.hidden).toBeNull();
    // count + V is exactly the integrated score (no floor), so only near-ties can differ.
    expect(ev.curve[0].acc).toBeGreaterThan(0.97);
  });
});

describe('evaluateConverted on a random ReLU network', () => {
  const net = randomNetwork(4, 30, 3, 7);
  const xTrain = uniformInputs(400, 4, 8), xTest = uniformInputs(200, 4, 9);
  const fTrain = forwardRelu(net, xTrain, 400), fTest = forwardRelu(net, xTest, 200);
  // Labels are the ANN's own answers, so the ANN is 100% right and accuracy = agreement.
  const y = Int32Array.from({ length: 200 }, (_, b) => (fTest.scores[3 * b] >= fTest.scores[3 * b + 1] ? (fTest.scores[3 * b] >= fTest.scores[3 * b + 2] ? 0 : 2) : fTest.scores[3 * b + 1] >= fTest.scores[3 * b + 2] ? 1 : 2));
  const data = { n: 200, x: xTest, y, hidden: fTest.hidden, scores: fTest.scores };
  const train = { n: 400, x: xTrain, hidden: fTrain.hidden, scores: fTrain.scores };

  it('IF with current input: hidden rates follow the ReLU activations and accuracy approaches the ANN', () => {
    const c = convertNetwork(net, train);
    const ev = evaluateConverted(c, data, { tMs: [10, 50, 200, 500], maxScatter: 1e9 });
    expect(ev.annAcc).toBe(1);
    expect(ev.hidden!.r).toBeGreaterThan(0.99);
    expect(ev.curve.map((c) => c.tMs)).toEqual([10, 50, 200, 500]);
    for (const c of ev.curve) expect(c.acc).toBe(c.agreement);
    expect(ev.curve[3].acc).toBeGreaterThan(0.97);
    expect(ev.curve[3].acc).toBeGreaterThanOrEqual(ev.curve[0].acc);
    // With a constant current z = a / lambda_1 per 1 ms step the count in 500 steps is within one
    // spike of 500 clamp(z, 0, 1): the rate is 1000 clamp(a / lambda_1, 0, 1) Hz within 2 Hz.
    expect(ev.hidden!.scatter).toHaveLength(200 * 30);
    for (const [rate, a] of ev.hidden!.scatter) {
      expect(Math.abs(rate - 1000 * Math.min(1, Math.max(0, a / c.scales[0]!)))).toBeLessThanOrEqual(2 + 1e-9);
    }
    expect(ev.decision.reached).toBeGreaterThan(0.97);
    expect(ev.decision.firstCorrectMs).toBeGreaterThan(0);
  });

  it('Poisson input is seeded: the same seed gives the same result, another seed a different one', () => {
    const c = convertNetwork(net, train, { encoding: 'poisson' });
    const a = evaluateConverted(c, data, { tMs: [100], seed: 3 });
    const b = evaluateConverted(c, data, { tMs: [100], seed: 3 });
    const other = evaluateConverted(c, data, { tMs: [100], seed: 4 });
    expect(a).toEqual(b);
    expect(other.hidden!.scatter).not.toEqual(a.hidden!.scatter);
    expect(a.hidden!.r).toBeGreaterThan(0.9);
  });

  it('refuses non-positive times, naming T', () => {
    const c = convertNetwork(net, train);
    expect(() => evaluateConverted(c, data, { tMs: [10, 0] })).toThrow(/^T = 0 is not allowed/);
    expect(() => evaluateConverted(c, data, { tMs: [-5] })).toThrow(/T = -5/);
    expect(() => evaluateConverted(c, data, { tMs: [] })).toThrow(ParameterError);
  });
});
