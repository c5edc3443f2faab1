import { describe, expect, it } from 'vitest';
import { convertNetwork } from './convert';
import { forwardRelu, randomNetwork, uniformInputs } from './test-networks';
import { evaluateConverted } from './evaluate';
import { ConvertedNetworkStepper, type LayerSpikes } from './stepper';

describe('ConvertedNetworkStepper', () => {
  const net = randomNetwork(3, 12, 4, 11);
  const x = uniformInputs(60, 3, 12);
  const f = forwardRelu(net, x, 60);
  const converted = convertNetwork(net, { n: 60, x, hidden: f.hidden, scores: f.scores });

  it('runs the same arithmetic as the batch: input b alone gives row b of the batch', () => {
    const b = 17;
    const stepper = new ConvertedNetworkStepper(converted, x.subarray(b * 3, b * 3 + 3));
    // Batches are reused from step to step (the core's convention): copy what is kept.
    const seen: { step: number; tMs: number; indices: number[] }[] = [];
    const sub = stepper.spikes$[0].subscribe((s: LayerSpikes) => seen.push({ step: s.step, tMs: s.tMs, indices: Array.from(s.indices.subarray(0, s.count)) }));
    stepper.step(100);
    sub.unsubscribe();
    const y = Int32Array.from({ length: 60 }, () => 0);
    // The batch readout of row b after 100 steps, through the evaluation.
    const batch = evaluateConverted(converted, { n: 60, x, y, hidden: f.hidden, scores: f.scores }, { tMs: [100], maxScatter: 1e9 });
    const hiddenRates = batch.hidden!.scatter.slice(b * 12, b * 12 + 12).map(([r]) => r);
    expect(Array.from(stepper.layers[0].counts, (c) => c * 10)).toEqual(hiddenRates); // 100 ms: rate = 10 x count
    // The stream carried exactly the spikes that were counted.
    const streamed = new Int32Array(12);
    for (const s of seen) for (const i of s.indices) streamed[i]++;
    expect(Array.from(streamed)).toEqual(Array.from(stepper.layers[0].counts));
    expect(seen.every((s, k) => (k === 0 || s.step > seen[k - 1].step) && s.tMs === s.step && s.step < 100)).toBe(true);
    expect(stepper.tMs).toBe(100);
  });

  it('resets, takes a new input, and completes its streams on dispose', () => {
    const stepper = new ConvertedNetworkStepper(converted, x.subarray(0, 3));
    stepper.step(50);
    stepper.setInput(x.subarray(3, 6));
    expect(stepper.steps).toBe(0);
    expect(Array.from(stepper.layers[0].counts).every((c) => c === 0)).toBe(true);
    let completed = 0;
    stepper.spikes$.forEach((s$) => s$.subscribe({ complete: () => completed++ }));
    stepper.dispose();
    expect(completed).toBe(2);
    expect(() => stepper.setInput([1, 2])).toThrow(/x = 2 is not allowed/);
  });
});
