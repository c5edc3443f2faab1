import { describe, expect, it } from 'vitest';
import { SpikeMonitor } from '../bio/monitors';
import { convertNetwork } from './convert';
import { buildEngineNetwork } from './engine';
import { BatchedSnn } from './snn';
import { argmaxRow, spikeReadout } from './stats';
import { forwardRelu, randomNetwork, uniformInputs } from './test-networks';

describe('converted network on the spiking core engine', () => {
  const net = randomNetwork(3, 20, 3, 21);
  const x = uniformInputs(200, 3, 22);
  const f = forwardRelu(net, x, 200);
  const converted = convertNetwork(net, { n: 200, x, hidden: f.hidden, scores: f.scores });

  it('hidden spike counts equal the kernel bit for bit; the output agrees with the ANN', () => {
    const B = 80, steps = 300;
    const xb = x.subarray(0, B * 3);
    const kernel = new BatchedSnn(converted, xb, B);
    const engine = buildEngineNetwork(converted, xb, B);
    const hiddenMon = engine.network.addMonitor(new SpikeMonitor(engine.layers[0]));
    const outMon = engine.network.addMonitor(new SpikeMonitor(engine.layers[1]));
    for (let s = 0; s < steps; s++) kernel.step();
    engine.network.runSteps(steps);
    const hiddenCounts = new Int32Array(B * 20);
    for (const i of hiddenMon.indices) hiddenCounts[i]++;
    expect(Array.from(hiddenCounts)).toEqual(Array.from(kernel.state[0].counts));
    // Output: integrate-and-fire without a floor keeps the whole integral, count + V = sum of
    // its input. On the engine a hidden spike of step n arrives at step n + 1, so after N steps
    // the output has seen N biases and the hidden spikes of steps 0..N-2.
    const early = new Int32Array(B * 20);
    const times = hiddenMon.timesMs;
    hiddenMon.indices.forEach((i, k) => {
      if (times[k] < steps - 1) early[i]++;
    });
    const out = converted.layers[1];
    const outCounts = new Int32Array(B * 3);
    for (const i of outMon.indices) outCounts[i]++;
    let agree = 0;
    for (let b = 0; b < B; b++) {
      for (let k = 0; k < 3; k++) {
        let integral = steps * out.bias[k];
        for (let j = 0; j < 20; j++) integral += early[b * 20 + j] * out.weights[j * 3 + k];
        expect(outCounts[b * 3 + k] + engine.layers[1].soma.v[b * 3 + k]).toBeCloseTo(integral, 9);
      }
      if (spikeReadout(outCounts, engine.layers[1].soma.v, b, 3) === argmaxRow(f.scores, b, 3)) agree++;
    }
    expect(agree / B).toBeGreaterThan(0.95);
    engine.network.dispose();
  });

  it('LIF layers and Poisson input run on the engine too (rates follow the kernel)', () => {
    const lifNet = convertNetwork(randomNetwork(3, 20, 3, 21, 'soft-lif'), { n: 200, x, hidden: f.hidden, scores: f.scores }, { neuron: 'lif', encoding: 'poisson' }, { gain: 1, offset: 1, amplitudePerHz: 1 / 63, tauMs: 20, refractoryMs: 2 });
    const B = 40, steps = 500;
    const xb = x.subarray(0, B * 3);
    const kernel = new BatchedSnn(lifNet, xb, B, 5);
    const engine = buildEngineNetwork(lifNet, xb, B, 5);
    const mon = engine.network.addMonitor(new SpikeMonitor(engine.layers[0]));
    for (let s = 0; s < steps; s++) kernel.step();
    engine.network.runSteps(steps);
    let kernelTotal = 0;
    for (const c of kernel.state[0].counts) kernelTotal += c;
    // Different random streams and a one-step input delay: totals agree within a few percent.
    expect(mon.indices.length).toBeGreaterThan(0.9 * kernelTotal);
    expect(mon.indices.length).toBeLessThan(1.1 * kernelTotal);
    engine.network.dispose();
  });
});
