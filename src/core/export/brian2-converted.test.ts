/**
 * The exported converted network is the one `soma convert` runs (issue 9): one definition of what
 * a spike does (drive of the step it arrives in, experiments/engine.ts `CONVERTED_SYNAPSE`), used
 * by the conversion (delay 0), the delayed engine (the page's probe, the exports) and the Brian2
 * script. Compared per neuron with the conversion itself, not only with the delayed engine.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ConvertedEngine } from '../experiments/engine';
import type { NetworkFile } from './network-file';
import { toBrian2Script } from './brian2';
import { convertedForExport } from './brian2-networks';
import { brian2Python, hasBrian2, runBrian2Export } from './brian2-run-node';

const BRIAN2 = hasBrian2();
const STEPS = 200;

/** The issue's network: spiral, 37 hidden ReLU units, backprop defaults, seed 0. */
let spiral37: NetworkFile;
beforeAll(async () => {
  spiral37 = (await convertedForExport({ dataset: 'spiral', train: { hidden: 37 }, inputs: 1, seed: 0 })).file;
}, 120_000);

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (x, i) => Math.abs(x - b[i])));

describe('one definition of a spike in a converted network, whatever the delay', () => {
  it('leaky (reset to zero): the delayed output layer is the map V <- decay V + (b + spikes that arrived), written out here', async () => {
    const c = await convertedForExport({ dataset: 'spiral', network: spiral37, inputs: 10, seed: 0, conversion: { neuron: 'lif', norm: 'p99.9', leak: 'none', reset: 'zero' } });
    const out = c.converted.layers[1], H = out.nIn, K = out.nOut, B = 10;
    const decay = out.soma.kind === 'integrate' ? out.soma.decay : NaN;
    expect(decay).toBeCloseTo(Math.exp(-1 / 20), 15);
    // the hidden layer under a constant current is the same in both modes; record its spikes per step
    const conv = new ConvertedEngine(c.converted, c.x, B);
    const hiddenSteps: number[][] = [];
    conv.layers[0].spikes$.subscribe((s) => hiddenSteps.push(Array.from(s.indices.subarray(0, s.count)).map((k) => k + 1e6 * s.step)));
    conv.runSteps(STEPS);
    const delayed = new ConvertedEngine(c.converted, c.x, B, { delayMs: 1 });
    delayed.runSteps(STEPS);
    expect(Array.from(delayed.counts[0])).toEqual(Array.from(conv.counts[0]));
    // oracle: a spike of step n is input of step n + 1 (z = b + sum w, in that order), then V <- decay V + z
    const bySteps = new Map<number, number[]>();
    for (const list of hiddenSteps) for (const code of list) {
      const step = Math.floor(code / 1e6), k = code - 1e6 * step;
      (bySteps.get(step) ?? bySteps.set(step, []).get(step)!).push(k);
    }
    const v = new Float64Array(B * K), counts = new Int32Array(B * K), pulse = new Float64Array(B * K);
    for (let n = 0; n < STEPS; n++) {
      for (let b = 0; b < B; b++) for (let j = 0; j < K; j++) {
        const i = b * K + j;
        const z = out.bias[j] + pulse[i];
        let vi = decay * v[i] + z;
        if (vi >= 1) { vi = 0; counts[i]++; }
        v[i] = vi;
      }
      pulse.fill(0);
      for (const k of bySteps.get(n) ?? []) {
        const b = Math.floor(k / H), h = k - b * H;
        for (let j = 0; j < K; j++) pulse[b * K + j] += out.weights[h * K + j];
      }
    }
    expect(Array.from(delayed.counts[1])).toEqual(Array.from(counts));
    expect(Array.from(delayed.potentials(1))).toEqual(Array.from(v));
    // against the conversion: the one-step delay only, every output neuron within one spike
    expect(maxDiff(delayed.counts[1], conv.counts[1])).toBeLessThanOrEqual(1);
    expect(sum(conv.counts[1])).toBeGreaterThan(100);
  });
});

describe.skipIf(!BRIAN2)(`Brian2 runs the exported converted network as \`soma convert\` runs it${BRIAN2 ? '' : ` [SKIPPED: no Brian2 for ${brian2Python()}]`}`, () => {
  // The issue's case: 37 hidden, p99.9, leaky with reset to zero. Measured (10 inputs, 200 ms):
  // before, Brian2 465 output spikes against the conversion's 478 (a neuron 4 apart); now 473 (at most 1).
  for (const conversion of [
    { neuron: 'lif', norm: 'p99.9', leak: 'none', reset: 'zero' },
    { neuron: 'lif' },
    { neuron: 'if', norm: 'p99.9' },
    // (Poisson input is left out: Brian2's PoissonGroup draws its own random numbers)
  ] as const) {
    it(`${JSON.stringify(conversion)}: every neuron within one spike of the conversion; equal to the delayed engine`, async () => {
      const c = await convertedForExport({ dataset: 'spiral', network: spiral37, inputs: 10, seed: 0, conversion });
      const exp = toBrian2Script(c.network, { durationMs: STEPS, spikeTimes: false });
      // the script runs the delayed engine's map: I_in = I_bias + I_pulse, cleared after the update
      expect(exp.script).toContain("on_pre='I_pulse_post += w'");
      const r = runBrian2Export(exp, 'numpy');
      const conv = new ConvertedEngine(c.converted, c.x, 10, { seed: 0 });
      conv.runSteps(STEPS);
      const delayed = new ConvertedEngine(c.converted, c.x, 10, { seed: 0, delayMs: 1 });
      delayed.runSteps(STEPS);
      for (let l = 0; l < 2; l++) {
        const brian2 = r.populations[`layer${l}`].counts;
        // the same map and the same delay: equal up to the order in which Brian2 sums one statement
        expect(maxDiff(brian2, delayed.counts[l]), `layer ${l} vs delayed engine`).toBeLessThanOrEqual(1);
        // the conversion hears a spike in its own step, Brian2 one step later (its smallest delay):
        // a neuron's count moves by at most one
        expect(maxDiff(brian2, conv.counts[l]), `layer ${l} vs conversion`).toBeLessThanOrEqual(1);
        expect(Math.abs(sum(brian2) - sum(conv.counts[l])), `layer ${l} total`).toBeLessThanOrEqual(Math.max(2, 0.02 * sum(conv.counts[l])));
        expect(sum(brian2)).toBeGreaterThan(50);
      }
    }, 120_000);
  }
});
