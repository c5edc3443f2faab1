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

describe('leak compensation and the soft-LIF tail', () => {
  const net = randomNetwork(3, 8, 2, 1);
  const x = uniformInputs(50, 3, 2);
  const f = forwardRelu(net, x, 50);
  const train: TrainingActivations = { n: 50, x, hidden: f.hidden, scores: f.scores };

  it('leaky: reset by subtraction adds (1 - e^(-dt/tau)) / 2 to every bias; reset to zero is the old map, bias b / lambda', () => {
    const byDefault = convertNetwork(net, train, { neuron: 'lif', tauMs: 20 });
    const old = convertNetwork(net, train, { neuron: 'lif', tauMs: 20, reset: 'zero' });
    const c = -Math.expm1(-1 / 20) / 2;
    expect(byDefault.options).toMatchObject({ reset: 'subtract', leak: 'mean' });
    expect(old.options).toMatchObject({ reset: 'zero', leak: 'none' });
    for (let l = 0; l < 2; l++) {
      expect(byDefault.layers[l].soma).toEqual({ kind: 'integrate', threshold: 1, reset: 'subtract', decay: Math.exp(-1 / 20) });
      expect(old.layers[l].soma).toMatchObject({ reset: 'zero' });
      for (let j = 0; j < old.layers[l].bias.length; j++) expect(byDefault.layers[l].bias[j]).toBeCloseTo(old.layers[l].bias[j] + c, 15);
      expect(Array.from(byDefault.layers[l].weights)).toEqual(Array.from(old.layers[l].weights));
    }
    expect(() => convertNetwork(net, train, { neuron: 'lif', leak: 'full' as never })).toThrow(/^leak = "full"/);
  });

  it('a compensated leaky neuron fires at z per step for z >= 0.1 (measured: rate / z = 1.000), 0.91 z at 0.05, silent below (1 - d) / 2', async () => {
    const { ConvertedEngine } = await import('./engine');
    const d = Math.exp(-1 / 20), c = (1 - d) / 2;
    const one = { nInput: 1, inputScale: 1, scales: [1], options: { neuron: 'lif', norm: 'max', encoding: 'current', dtMs: 1, tauMs: 20, reset: 'subtract', leak: 'mean', tail: 'mean' } as const };
    const T = 2000;
    const rate = (z: number, comp: number) => {
      const e = new ConvertedEngine({ ...one, layers: [{ nIn: 1, nOut: 1, weights: new Float64Array(1), bias: Float64Array.of(z + comp), soma: { kind: 'integrate', threshold: 1, reset: 'subtract', decay: d }, spikeValue: 1 }] }, [0], 1);
      e.runSteps(T);
      return e.counts[0][0] / T;
    };
    for (const z of [0.1, 0.2, 0.4, 0.7, 0.9, 1]) {
      expect(Math.abs(rate(z, c) - z), `z ${z}`).toBeLessThanOrEqual(0.01 * z + 1 / T);
      if (z < 1) expect(rate(z, 0), `z ${z} uncompensated`).toBeLessThan(0.98 * z); // the leak's loss: 0.73 z at 0.1, 0.97 z at 0.9
    }
    expect(rate(0.05, c)).toBeGreaterThan(0.9 * 0.05);
    expect(rate(0.05, 0)).toBeLessThan(0.3 * 0.05);
    expect(rate(0.02, c)).toBe(0); // below (1 - d) / 2 = 0.0244: V settles below the threshold
  });

  it('soft-LIF: the output bias gains sum_j m_j W[j, k], m_j the mean of (activation - the LIF twin) on the training data; lif-rate: no tail', async () => {
    const { lifActivationModel } = await import('./conversion-experiment');
    const { softLifActivation, lifRateActivation, LIF_THETA_MV } = await import('../ann/activations');
    const { lifRate } = await import('../bio/rate');
    for (const activation of ['soft-lif', 'lif-rate'] as const) {
      const lifNet = randomNetwork(3, 8, 2, 4, activation);
      const act = activation === 'soft-lif' ? softLifActivation : lifRateActivation;
      const u = (b: number, j: number) => lifNet.layers[0].bias[j] + [0, 1, 2].reduce((s, i) => s + x[b * 3 + i] * lifNet.layers[0].weights[i][j], 0);
      const hidden = Float64Array.from({ length: 50 * 8 }, (_, k) => act(u(Math.floor(k / 8), k % 8)));
      const scores = Float64Array.from({ length: 100 }, (_, k) => {
        const b = Math.floor(k / 2), c = k % 2;
        return lifNet.layers[1].bias[c] + Array.from({ length: 8 }, (_, j) => hidden[b * 8 + j] * lifNet.layers[1].weights[j][c]).reduce((s, v) => s + v, 0);
      });
      const data: TrainingActivations = { n: 50, x, hidden, scores };
      const m = lifActivationModel(activation);
      const withTail = convertNetwork(lifNet, data, { neuron: 'lif' }, m);
      const without = convertNetwork(lifNet, data, { neuron: 'lif', tail: 'none' }, m);
      const lambda = withTail.scales[1]!;
      for (let c = 0; c < 2; c++) {
        let shift = 0;
        for (let j = 0; j < 8; j++) {
          let mj = 0;
          for (let b = 0; b < 50; b++) mj += (hidden[b * 8 + j] - m.amplitudePerHz * lifRate(LIF_THETA_MV * (1 + u(b, j)))) / 50;
          shift += mj * lifNet.layers[1].weights[j][c];
        }
        expect(withTail.layers[1].bias[c] - without.layers[1].bias[c], `${activation} class ${c}`).toBeCloseTo(shift / lambda, 12);
        if (activation === 'lif-rate') expect(Math.abs(shift)).toBeLessThan(1e-12);
        else expect(Math.abs(shift)).toBeGreaterThan(1e-3);
      }
    }
  });
});
