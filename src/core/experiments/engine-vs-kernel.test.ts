import { describe, expect, it } from 'vitest';
import { convertNetwork, type ConversionOptions } from './convert';
import { ConvertedEngine } from './engine';
import { BatchedSnn } from './snn';
import { forwardRelu, randomNetwork, uniformInputs } from './test-networks';

// Temporary: the engine with zero delay against the batched kernel it replaces, bit for bit.
describe('ConvertedEngine (delay 0) equals BatchedSnn', () => {
  const x = uniformInputs(200, 3, 22);
  // [name, network, options, V bit for bit on every layer (counts always)]
  const cases: [string, ReturnType<typeof randomNetwork>, Partial<ConversionOptions>, boolean][] = [
    ['IF current', randomNetwork(3, 20, 3, 21), {}, true],
    ['IF current p99.9', randomNetwork(3, 20, 3, 21), { norm: 'p99.9' }, true],
    ['IF poisson', randomNetwork(3, 20, 3, 21), { encoding: 'poisson' }, true],
    ['leaky current', randomNetwork(3, 20, 3, 21), { neuron: 'lif' }, true],
    ['leaky poisson', randomNetwork(3, 20, 3, 21), { neuron: 'lif', encoding: 'poisson' }, true],
    ['soft-lif current', randomNetwork(3, 20, 3, 21, 'soft-lif'), { neuron: 'lif' }, true],
    ['soft-lif poisson', randomNetwork(3, 20, 3, 21, 'soft-lif'), { neuron: 'lif', encoding: 'poisson' }, false],
  ];
  for (const [name, file, opts, bitwise] of cases) {
    it(name, () => {
      const f = forwardRelu(file, x, 200);
      const net = convertNetwork(file, { n: 200, x, hidden: f.hidden, scores: f.scores }, opts, file.activation === 'relu' ? undefined : { gain: 1, offset: 1, amplitudePerHz: 1 / 63, tauMs: 20, refractoryMs: 2 });
      const B = 120;
      const xb = x.subarray(0, B * 3);
      const kernel = new BatchedSnn(net, xb, B, 7);
      const engine = new ConvertedEngine(net, xb, B, { seed: 7 });
      for (let s = 0; s < 300; s++) {
        kernel.step();
        engine.step();
      }
      for (let l = 0; l < 2; l++) {
        expect(Array.from(engine.counts[l]), `counts ${l}`).toEqual(Array.from(kernel.state[l].counts));
        // LIF fed by spikes: the kernel sums theta (spikes + b), the engine theta b + sum theta w.
        if (bitwise || l === 1) expect(Array.from(engine.potentials(l)), `v ${l}`).toEqual(Array.from(kernel.state[l].v));
      }
      engine.dispose();
    });
  }
});
