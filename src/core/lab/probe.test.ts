import { describe, expect, it } from 'vitest';
import { LIF_DEFAULTS, lifRate } from '../bio/rate';
import { convertNetwork } from '../experiments/convert';
import { ConvertedEngine } from '../experiments/engine';
import { forwardRelu, randomNetwork, uniformInputs } from '../experiments/test-networks';
import { ProbeNetwork, withLifSomas } from './probe';

const D = 3, H = 12, K = 3;
const net = randomNetwork(D, H, K, 31);
const xs = uniformInputs(100, D, 32);
const f = forwardRelu(net, xs, 100);
const converted = convertNetwork(net, { n: 100, x: xs, hidden: f.hidden, scores: f.scores });
const x = xs.subarray(0, D);

/** Runs the probe for `steps`, collecting every hidden spike (step, index) from the population's stream. */
function run(delayMs: number, steps: number) {
  const probe = new ProbeNetwork(converted, x, delayMs);
  const hidden: [number, number][] = [];
  const out = new Int32Array(K);
  const subs = [
    probe.layers[0].spikes$.subscribe((b) => {
      for (let q = 0; q < b.count; q++) hidden.push([b.step, b.indices[q]]);
    }),
    probe.layers[1].spikes$.subscribe((b) => {
      for (let q = 0; q < b.count; q++) out[b.indices[q]]++;
    }),
  ];
  for (let s = 0; s < steps; s++) probe.step();
  return { probe, hidden, out, dispose: () => (subs.forEach((u) => u.unsubscribe()), probe.dispose()) };
}

describe('probe network on the spiking core engine, with a synaptic delay', () => {
  it('hidden spikes (read from spikes$) equal the zero-delay evaluation engine bit for bit, for any delay', () => {
    const steps = 300;
    const zeroDelay = new ConvertedEngine(converted, x, 1);
    zeroDelay.runSteps(steps);
    for (const delay of [1, 2, 7]) {
      const r = run(delay, steps);
      const counts = new Int32Array(H);
      for (const [, i] of r.hidden) counts[i]++;
      expect(Array.from(counts), `delay ${delay}`).toEqual(Array.from(zeroDelay.counts[0]));
      r.dispose();
    }
  });

  it('a hidden spike of step n acts on the output at step n + d: count + V = N b + the hidden spikes of steps <= N - 1 - d (d = 1, 3, 10 ms)', () => {
    const steps = 250;
    const out = converted.layers[1];
    for (const delay of [1, 3, 10]) {
      const r = run(delay, steps);
      for (let k = 0; k < K; k++) {
        // IF without a floor keeps the whole integral of its input: count + V = integral.
        let integral = steps * out.bias[k];
        for (const [step, i] of r.hidden) if (step <= steps - 1 - delay) integral += out.weights[i * K + k];
        expect(r.out[k] + r.probe.potential(1, k), `delay ${delay}, output ${k}`).toBeCloseTo(integral, 9);
      }
      // One step later the late spikes would count too: the delay is exactly d steps, not fewer.
      let lateOnly = 0;
      for (const [step] of r.hidden) if (step > steps - 1 - delay) lateOnly++;
      if (delay === 10) expect(lateOnly).toBeGreaterThan(0);
      r.dispose();
    }
  });

  it('refuses a delay shorter than one step', () => {
    expect(() => new ProbeNetwork(converted, x, 0.5)).toThrow(/delay_ms/);
  });

  it('withLifSomas: the LIF network neuron fires at the closed-form LIF rate of its drive, with its tau and t_ref', () => {
    const leaky = convertNetwork(net, { n: 100, x: xs, hidden: f.hidden, scores: f.scores }, { neuron: 'lif', tauMs: 10, reset: 'zero', leak: 'none' });
    const lif = withLifSomas(leaky, 5);
    const layer = lif.layers[0];
    expect(layer.soma).toEqual({ kind: 'lif', tauMs: expect.closeTo(10, 12), refractoryMs: 5 });
    // Same charge per step: (1 - e^(-dt/tau)) J = z.
    const decay = Math.exp(-1 / 10);
    for (let q = 0; q < layer.bias.length; q++) expect((1 - decay) * layer.bias[q]).toBeCloseTo(leaky.layers[0].bias[q], 12);
    const T = 1000;
    const probe = new ProbeNetwork(lif, x, 2);
    const counts = new Int32Array(H);
    const sub = probe.layers[0].spikes$.subscribe((b) => {
      for (let q = 0; q < b.count; q++) counts[b.indices[q]]++;
    });
    for (let s = 0; s < T; s++) probe.step();
    const theta = LIF_DEFAULTS.vThreshMv - LIF_DEFAULTS.vRestMv;
    let active = 0;
    for (let j = 0; j < H; j++) {
      let J = layer.bias[j];
      for (let i = 0; i < D; i++) J += x[i] * layer.weights[i * H + j];
      const expected = (lifRate(theta * J, { ...LIF_DEFAULTS, tauMs: 10, refractoryMs: 5 }) * T) / 1000;
      if (expected > 2) active++;
      expect(Math.abs(counts[j] - expected), `hidden ${j}`).toBeLessThanOrEqual(1);
      expect(counts[j]).toBeLessThanOrEqual(T / 5); // never faster than 1 / t_ref
    }
    expect(active).toBeGreaterThan(0);
    sub.unsubscribe();
    probe.dispose();
  });
});
