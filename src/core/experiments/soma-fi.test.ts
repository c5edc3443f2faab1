import { describe, expect, it } from 'vitest';
import { fiTable, fittedRateHz, somaFiActivation, tabulatedRateHz } from '../ann/soma-fi-activation';
import { buildNetworkGraph } from '../ann/network';
import { forwardInto } from '../ann/forward';
import { activationOf } from '../ann/activations';
import { lifRate, LIF_DEFAULTS } from '../bio/rate';
import { ParameterError } from '../errors';
import { Rng } from '../random';
import { convertNetwork } from './convert';
import { ConvertedEngine } from './engine';
import { fitMonotone, measureFi, parseSomaChoice, somaFiSpec, specModel } from './soma-fi';

describe('a soma model f-I curve as an activation', () => {
  // measured once: LIF (closed form known) over 200 ms at its own dt 0.1 ms
  const lif = parseSomaChoice('lif');
  const lifFi = somaFiSpec(lif, { durationMs: 200, dtMs: 0.1, dataScale: 2 });

  it('the measured LIF curve is the closed-form LIF rate to within one spike of the window (count over T)', () => {
    const { currents, counts, durationMs } = lifFi.measured;
    currents.forEach((I, k) => {
      // the first spike after t_ref-free onset: count = floor(T / ISI) up to one spike
      expect(Math.abs(counts[k] - (lifRate(I, LIF_DEFAULTS) * durationMs) / 1000)).toBeLessThanOrEqual(1);
    });
  });

  it('the fit is increasing and its stated largest error is its largest error at the measured currents', () => {
    const { fit, maxErrorHz } = fitMonotone(lifFi.measured.currents, lifFi.measured.ratesHz);
    let prev = -Infinity, err = 0;
    for (let I = -10; I <= 70; I += 0.01) { const r = fittedRateHz(fit, I); expect(r).toBeGreaterThanOrEqual(prev); prev = r; }
    lifFi.measured.currents.forEach((I, k) => { err = Math.max(err, Math.abs(fittedRateHz(fit, I) - lifFi.measured.ratesHz[k])); });
    expect(maxErrorHz).toBeCloseTo(err, 12);
    expect(maxErrorHz).toBeLessThan(1000 / 200 + 1); // within about one count's rate step (5 Hz) of the staircase
  });

  it('recovers a known non-negative sum of logistic steps (the fit\'s own family) to 1e-3 Hz', () => {
    const currents = Array.from({ length: 41 }, (_, k) => k * 0.5);
    const truth = { centres: currents.map((c) => c - 0.25), width: 0.5, weights: currents.map((_, k) => (k === 10 ? 40 : k > 10 ? 2 + (k % 3) : 0)) };
    const rates = currents.map((I) => fittedRateHz(truth, I));
    const { maxErrorHz } = fitMonotone(currents, rates, 1);
    expect(maxErrorHz).toBeLessThan(1e-3);
  });

  it('the table the activation reads is within 1e-6 of the fit and monotone; df matches centred differences of f', () => {
    const f = lifFi.spec.fit, t = fiTable(f);
    let prev = -Infinity;
    for (let I = -20; I <= 80; I += 0.01) {
      const v = tabulatedRateHz(t, I);
      expect(Math.abs(v - fittedRateHz(f, I))).toBeLessThan(1e-6 * Math.max(1, fittedRateHz(f, 60)));
      expect(v).toBeGreaterThanOrEqual(prev - 1e-12);
      prev = v;
    }
    const act = somaFiActivation(lifFi.spec);
    const rng = new Rng(3);
    for (let k = 0; k < 200; k++) {
      const u = rng.uniform(-1, 3), h = 1e-6;
      const fd = (act.f(u + h) - act.f(u - h)) / (2 * h);
      expect(Math.abs(act.df(u, act.f(u)) - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
    }
  });

  it('the data scale maps u = dataScale to the top of the range with ReLU\'s value there: a(2) = 2', () => {
    const act = somaFiActivation(lifFi.spec);
    expect(act.f(2)).toBeCloseTo(2, 6); // the table's interpolation error
    expect(lifFi.spec.currentOffset).toBeLessThan(lifFi.rheobase);
  });

  it('the graph gate and forwardInto give the same hidden activations, and the graph\'s gradient is the centred difference of its loss', () => {
    const spec = { model: 'two-layer' as const, d: 2, hidden: 5, classes: 3, activation: 'soma-fi' as const, somaFi: lifFi.spec, loss: 'softmax' as const, reg: 1e-3, batch: 4 };
    const net = buildNetworkGraph(spec);
    const rng = new Rng(1);
    for (const p of net.params) for (let i = 0; i < p.value.length; i++) p.value[i] = rng.normal();
    for (let i = 0; i < net.x.value.length; i++) net.x.value[i] = rng.normal();
    net.labels.set([0, 1, 2, 1]);
    net.graph.forward(net.loss);
    net.graph.backward(net.loss);
    const layers = [0, 2].map((l) => ({ inputs: net.params[l].rows, outputs: net.params[l].cols, weights: net.params[l].value, bias: net.params[l + 1].value }));
    const outs = [new Float64Array(4 * 5), new Float64Array(4 * 3)];
    forwardInto(layers, activationOf('soma-fi', lifFi.spec), net.x.value, 4, outs);
    outs[0].forEach((v, i) => expect(v).toBe(net.hidden!.value[i]));
    const W1 = net.params[0];
    for (let i = 0; i < W1.value.length; i++) {
      const keep = W1.value[i], h = 1e-5;
      W1.value[i] = keep + h; const up = net.graph.forward(net.loss).value[0];
      W1.value[i] = keep - h; const down = net.graph.forward(net.loss).value[0];
      W1.value[i] = keep;
      const fd = (up - down) / (2 * h);
      expect(Math.abs(W1.grad[i] - fd)).toBeLessThan(1e-6 + 1e-4 * Math.abs(fd));
    }
  });
});

describe('models the conversion cannot use are refused with one line naming the model', () => {
  it('never fires in the range', () => {
    const e = (() => { try { somaFiSpec(parseSomaChoice('lif'), { durationMs: 100, dtMs: 0.1, range: [0, 10] }); } catch (x) { return x; } })();
    expect(e).toBeInstanceOf(ParameterError);
    expect(String((e as Error).message)).toMatch(/lif stays silent/);
    expect(String((e as Error).message)).not.toMatch(/\n/);
  });
  it('not monotone: Izhikevich CH (chattering) over 100 ms, whose bursts make the count fall as the current rises', () => {
    expect(() => somaFiSpec(parseSomaChoice('izhikevich:CH'), { durationMs: 100, dtMs: 0.1 })).toThrow(/izhikevich:CH.*not monotone/);
  });
  it('an unknown model or preset', () => {
    expect(() => parseSomaChoice('izhikevich:XX')).toThrow(ParameterError);
    expect(() => parseSomaChoice('nest')).toThrow(ParameterError);
  });
});

describe('the converted network\'s hidden layer is the soma model under its current', () => {
  it('each hidden neuron fires the count the f-I measurement gives at its own current (Izhikevich RS, 100 ms)', () => {
    const rs = parseSomaChoice('izhikevich:RS');
    const fi = somaFiSpec(rs, { durationMs: 100, dtMs: 0.1, dataScale: 1 });
    const rng = new Rng(7);
    const D = 2, H = 6, K = 3, B = 5;
    const w = (r: number, c: number) => Array.from({ length: r }, () => Array.from({ length: c }, () => rng.normal()));
    const net = { format: 'soma-network' as const, version: 1, model: 'two-layer' as const, activation: 'soma-fi' as const, somaFi: fi.spec, loss: 'softmax' as const,
      layers: [{ weights: w(D, H), bias: Array.from({ length: H }, () => 0.3 * rng.normal()) }, { weights: w(H, K), bias: [0, 0, 0] }] };
    const x = Float64Array.from({ length: B * D }, () => rng.normal());
    const scores = new Float64Array(B * K).fill(1), hidden = new Float64Array(B * H).fill(1);
    const conv = convertNetwork(net, { n: B, x, hidden, scores });
    expect(conv.options.dtMs).toBe(0.1);
    const eng = new ConvertedEngine(conv, x, B);
    eng.runSteps(1000);
    // the current of each (input, unit): I = I_0 + c (x W1 + b1)
    const currents: number[] = [];
    for (let b = 0; b < B; b++) for (let j = 0; j < H; j++) {
      let u = net.layers[0].bias[j];
      for (let i = 0; i < D; i++) u += x[b * D + i] * net.layers[0].weights[i][j];
      currents.push(fi.spec.currentOffset + fi.spec.currentScale * u);
    }
    const alone = measureFi(specModel(fi.spec), currents, 100, 0.1);
    alone.counts.forEach((c, k) => expect(Math.abs(eng.counts[0][k] - c)).toBeLessThanOrEqual(1));
    expect(alone.counts.some((c) => c > 2)).toBe(true);
    eng.dispose();
  });
  it('a different step than the f-I curve was measured with is refused', () => {
    const fi = somaFiSpec(parseSomaChoice('lif'), { durationMs: 50, dtMs: 0.1 });
    const net = { format: 'soma-network' as const, version: 1, model: 'two-layer' as const, activation: 'soma-fi' as const, somaFi: fi.spec, loss: 'softmax' as const,
      layers: [{ weights: [[1]], bias: [0] }, { weights: [[1, -1]], bias: [0, 0] }] };
    expect(() => convertNetwork(net, { n: 1, x: new Float64Array(1), hidden: new Float64Array(1), scores: new Float64Array(2) }, { dtMs: 1 })).toThrow(/dt_ms.*0\.1 ms, the step/);
  });
});
