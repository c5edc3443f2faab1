/**
 * The Brian2 and PyNN exports of a converted network with two hidden layers (one group /
 * population per layer), run by the reference simulators and compared neuron by neuron with
 * Soma's own run of the same engine network.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SpikeMonitor } from '../bio/monitors';
import { ConvertedEngine } from '../experiments/engine';
import type { NetworkFile } from './network-file';
import { toBrian2Script } from './brian2';
import { convertedForExport } from './brian2-networks';
import { brian2Python, hasBrian2, runBrian2Export } from './brian2-run-node';
import { toPynnScript } from './pynn';
import { hasPynn, runPynnExport } from './pynn-run-node';

const BRIAN2 = hasBrian2();
const PYNN = hasPynn();
const STEPS = 150;
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (x, i) => Math.abs(x - b[i])));
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);

/** Spiral, hidden 16,12 ReLU (Adam 0.01, 600 iterations, seed 0). */
let deep: NetworkFile;
beforeAll(async () => {
  deep = (await convertedForExport({ dataset: 'spiral', train: { model: 'deep', hidden: 16, hiddenLayers: [16, 12], optimizer: 'adam', lr: 0.01, iters: 600 }, inputs: 1, seed: 0 })).file;
}, 180_000);

describe('exports of a converted deep network: one group per layer', () => {
  it('the engine network has input-less layers layer0, layer1, layer2 of B x 16, B x 12, B x 3 neurons, and the Brian2 script one NeuronGroup each', async () => {
    expect(deep.hidden).toEqual([16, 12]);
    const c = await convertedForExport({ dataset: 'spiral', network: deep, inputs: 4, seed: 0 });
    expect(c.populations.map((p) => [p.name, p.size])).toEqual([['layer0', 64], ['layer1', 48], ['layer2', 12]]);
    const exp = toBrian2Script(c.network, { durationMs: 10, spikeTimes: false });
    for (const name of ['layer0', 'layer1', 'layer2']) expect(exp.script).toMatch(new RegExp(`${name} = NeuronGroup\\(`));
  }, 120_000);
});

describe.skipIf(!BRIAN2)(`Brian2 runs the exported 2-hidden-layer network${BRIAN2 ? '' : ` [SKIPPED: no Brian2 for ${brian2Python()}]`}`, () => {
  for (const conversion of [{ neuron: 'if' }, { neuron: 'lif' }] as const) {
    it(`${JSON.stringify(conversion)}: every neuron of every layer within one spike of Soma's delayed engine`, async () => {
      const c = await convertedForExport({ dataset: 'spiral', network: deep, inputs: 10, seed: 0, conversion });
      const r = runBrian2Export(toBrian2Script(c.network, { durationMs: STEPS, spikeTimes: false }), 'numpy');
      const delayed = new ConvertedEngine(c.converted, c.x, 10, { seed: 0, delayMs: 1 });
      delayed.runSteps(STEPS);
      for (let l = 0; l < 3; l++) {
        const brian2 = r.populations[`layer${l}`].counts;
        expect(maxDiff(brian2, delayed.counts[l]), `layer ${l}`).toBeLessThanOrEqual(1);
        expect(sum(brian2), `layer ${l} spikes`).toBeGreaterThan(20);
      }
      delayed.dispose();
    }, 300_000);
  }
});

describe.skipIf(!PYNN)('PyNN (Brian2 backend) runs the exported 2-hidden-layer network', () => {
  it('leaky, reset to zero (IF_curr_delta): every neuron of every population within one spike of Soma', async () => {
    const c = await convertedForExport({ dataset: 'spiral', network: deep, inputs: 2, seed: 0, conversion: { neuron: 'lif', reset: 'zero', leak: 'none' } });
    const exp = toPynnScript(c.network, { durationMs: STEPS, spikeTimes: false });
    expect(exp.approximations).toEqual([]);
    expect(exp.populations).toHaveLength(3);
    const mons = c.populations.map((p) => c.network.addMonitor(new SpikeMonitor(p)));
    c.network.run(STEPS);
    const { result } = runPynnExport(exp);
    c.populations.forEach((p, k) => {
      const soma = new Array<number>(p.size).fill(0);
      for (const i of mons[k].indices) soma[i]++;
      const pynn = result.populations[exp.populations[k].pynnName].counts;
      expect(maxDiff(soma, pynn), p.name).toBeLessThanOrEqual(1);
      expect(sum(soma), `${p.name} spikes`).toBeGreaterThan(0);
    });
  }, 600_000);
});
