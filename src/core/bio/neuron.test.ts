import { describe, expect, it } from 'vitest';
import { buildNetworkGraph, initNetwork } from '../ann/network';
import { denseUnitParts } from '../ann/neuron-parts';
import { IntegrateSoma } from '../experiments/engine';
import { Rng } from '../random';
import { LifSoma } from './lif';
import { Network } from './network';
import { RateSoma } from './rate-soma';
import { SpikeTimesSource } from './sources';
import { ConstantStimulus } from './stimulus';

describe('the artificial unit as NeuronParts, from the real layers', () => {
  // Both branches of the affine gate: H <= 8 (one sum per unit) and H > 8 (row-wise, zeros skipped).
  for (const hidden of [5, 12]) {
    it(`dendrite sum = the graph's z1 and scores, axon = its h (bit for bit, H = ${hidden})`, () => {
      const n = 6, d = 3, k = 4;
      const net = buildNetworkGraph({ model: 'two-layer', d, hidden, classes: k, activation: 'relu', loss: 'softmax', reg: 0, batch: n });
      const rng = new Rng(11);
      initNetwork(net, 'he', rng);
      const [W1, b1, W2, b2] = net.params;
      for (const b of [b1, b2]) for (let i = 0; i < b.value.length; i++) b.value[i] = rng.normal() * 0.3;
      for (let i = 0; i < net.x.value.length; i++) net.x.value[i] = i % 5 === 0 ? 0 : rng.normal();
      net.graph.forward(net.loss);
      const z1 = net.hiddenPre!.value, h = net.hidden!.value, scores = net.scores.value;
      const l1 = { inputs: d, outputs: hidden, weights: W1.value, bias: b1.value };
      const l2 = { inputs: hidden, outputs: k, weights: W2.value, bias: b2.value };
      let active = 0;
      for (let r = 0; r < n; r++) {
        const x = net.x.value.subarray(r * d, (r + 1) * d);
        const hRow = h.subarray(r * hidden, (r + 1) * hidden);
        for (let j = 0; j < hidden; j++) {
          const u = denseUnitParts(l1, x, j, 'relu');
          expect(u.dendrite.sum).toBe(z1[r * hidden + j]);
          expect(u.soma.value).toBe(u.dendrite.sum); // identity soma
          expect(u.axon.kind).toBe('relu');
          expect(u.axon.value).toBe(h[r * hidden + j]);
          expect(u.axon.value).toBe(Math.max(0, u.dendrite.sum));
          // each input's contribution is its weight times its value
          u.dendrite.inputs.forEach((inp, q) => {
            expect(inp.weight).toBe(W1.value[q * hidden + j]);
            expect(inp.value).toBe(x[q]);
            expect(inp.contribution).toBe(x[q] * W1.value[q * hidden + j]);
          });
          if (u.axon.value > 0) active++;
        }
        for (let c = 0; c < k; c++) {
          const o = denseUnitParts(l2, hRow, c, 'identity');
          expect(o.dendrite.sum).toBe(scores[r * k + c]);
          expect(o.axon.value).toBe(scores[r * k + c]);
        }
      }
      expect(active).toBeGreaterThan(0); // both sides of the kink were seen
      expect(active).toBeLessThan(n * hidden);
    });
  }

  it('refuses a unit outside the layer and an input of the wrong length', () => {
    const l = { inputs: 2, outputs: 3, weights: new Float64Array(6), bias: new Float64Array(3) };
    expect(() => denseUnitParts(l, [1, 2], 3, 'relu')).toThrow(/unit = 3/);
    expect(() => denseUnitParts(l, [1], 0, 'relu')).toThrow(/x = "1 values" is not allowed: expected 2/);
  });
});

describe('the biological neuron as NeuronParts (population.neuron(i, network))', () => {
  it('delta synapses: each listed synapse delivers w x spikes at its delay; the sum is what V integrated', () => {
    const net = new Network(1);
    // 3 presynaptic neurons with known spike times (ms = steps)
    const who = [0, 1, 2, 0, 1, 2, 2];
    const times = [0, 0, 3, 4, 6, 6, 9];
    const src = net.addPopulation('src', new SpikeTimesSource(3, who, times));
    const post = net.addPopulation('post', new IntegrateSoma(2, 1, 'subtract'));
    post.dendrite.bias[0] = 0.05;
    post.dendrite.bias[1] = -0.02;
    const pre = [0, 1, 2, 0, 2], to = [0, 0, 0, 1, 1];
    const weights = [0.25, -0.5, 0.75, 0.125, 1.5], delays = [1, 2, 1, 3, 2];
    net.connect(src, post, { connectivity: { kind: 'list', pre, post: to, weights, delaysMs: delays }, synapse: { type: 'delta' } });
    let spikes = 0, checkedArrivals = 0;
    for (let n = 0; n < 14; n++) {
      const before = [post.soma.v[0], post.soma.v[1]];
      net.step();
      for (let i = 0; i < 2; i++) {
        const parts = post.neuron(i, net).parts();
        // the synapses listed are exactly those onto i, with their weights and delays
        const mine = pre.map((p, s) => ({ p, s })).filter(({ s }) => to[s] === i);
        expect(parts.dendrite.inputs.map((x) => [x.source, x.weight])).toEqual(
          [...mine].sort((a, b) => delays[a.s] - delays[b.s] || a.p - b.p).map(({ p, s }) => [`src[${p}]`, weights[s]]),
        );
        // independent oracle: spikes of p emitted at step n - delay arrive now
        for (const x of parts.dendrite.inputs) {
          const p = Number(x.source.slice(4, -1));
          const s = mine.find((m) => m.p === p)!.s;
          const expected = who.filter((w, e) => w === p && times[e] === n - delays[s]).length;
          expect(x.value).toBe(expected);
          expect(x.contribution).toBe(weights[s] * expected);
          checkedArrivals += expected;
        }
        // V_after = V_before + jump + bias (minus the threshold after a spike): the dendrite's sum
        const fired = post.neuron(i).axon.firedNow;
        if (fired) spikes++;
        expect(parts.dendrite.sum).toBeCloseTo(post.soma.v[i] + (fired ? 1 : 0) - before[i], 12);
        expect(parts.dendrite.bias).toBe(post.dendrite.bias[i]);
        expect(parts.soma).toMatchObject({ model: 'if-subtract', stateName: 'v', value: post.soma.v[i], unit: 'threshold units' });
        expect(parts.axon).toMatchObject({ kind: 'spikes', value: fired ? 1 : 0 });
      }
    }
    expect(checkedArrivals).toBeGreaterThan(4);
    expect(spikes).toBeGreaterThan(0);
  });

  it('exponential synapses (LIF, fused path): the sum is the input of the step, factor g(t_n), in closed form', () => {
    const dt = 0.1, tau = 20, ts = 5, w = 3;
    const net = new Network(dt);
    const src = net.addPopulation('src', new SpikeTimesSource(1, [0], [0]));
    const lif = net.addPopulation('lif', new LifSoma(1, { tauMs: tau, vRestMv: -65, vResetMv: -70, vThreshMv: -40, refractoryMs: 2 }));
    net.connect(src, lif, { connectivity: { kind: 'one-to-one' }, weight: w, synapse: { type: 'exponential', tauSynMs: ts } });
    net.step();
    const factor = (lif.soma as LifSoma).exponentialInputFactor(ts, dt);
    for (let n = 1; n <= 50; n++) {
      net.step();
      const d = lif.neuron(0, net).parts().dendrite;
      expect(d.sum).toBeCloseTo(factor * w * Math.exp(-((n - 1) * dt) / ts), 12);
      expect(d.sum).toBe(lif.dendrite.inputOf(0));
      expect(d.unit).toBe('mV (drive R*I)');
      // the spike arrives (into the current) at step 1 only
      expect(d.inputs).toEqual([{ source: 'src[0]', weight: w, value: n === 1 ? 1 : 0, contribution: n === 1 ? w : 0, viaCurrent: true }]);
      expect(d.terms.map((t) => t.name)).toEqual(['synaptic current (tau_syn 5 ms)']);
    }
    expect(lif.neuron(0, net).soma.unit).toBe('mV');
  });

  it('a rate soma with a stimulus and delta input: the sum equals the identity soma output', () => {
    const net = new Network(1);
    const src = net.addPopulation('src', new SpikeTimesSource(2, [0, 1, 1], [0, 0, 2]));
    const pop = net.addPopulation('ann', new RateSoma(1, 'identity'));
    pop.dendrite.bias[0] = 0.5;
    net.addStimulus(pop, new ConstantStimulus(-1.75));
    net.connect(src, pop, { connectivity: { kind: 'all-to-all' }, weight: 2, sign: 'inhibitory', synapse: { type: 'delta' } });
    for (let n = 0; n < 5; n++) {
      net.step();
      const parts = pop.neuron(0, net).parts();
      expect(parts.dendrite.sum).toBeCloseTo(pop.soma.output[0], 14);
      expect(parts.dendrite.terms).toEqual([{ name: 'stimuli', value: -1.75 }]);
      expect(parts.axon.kind).toBe('relu');
      expect(parts.axon.value).toBe(Math.max(0, parts.dendrite.sum));
      expect(parts.soma.stateName).toBe('output');
    }
    expect(pop.soma.output[0]).toBe(0.5 - 1.75); // after the arrivals, bias + stimulus
  });

  it('without the network the dendrite lists no synapses and sums its own input', () => {
    const net = new Network(1);
    const pop = net.addPopulation('p', new RateSoma(1, 'identity'));
    net.addStimulus(pop, new ConstantStimulus(2));
    net.step();
    const parts = pop.neuron(0).parts();
    expect(parts.dendrite.inputs).toEqual([]);
    expect(parts.dendrite.sum).toBe(2);
  });
});
