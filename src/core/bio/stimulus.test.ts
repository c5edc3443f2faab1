import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { Rng } from '../random';
import { LifSoma } from './lif';
import { Network } from './network';
import { PoissonSource } from './sources';
import { ConstantStimulus, NoiseStimulus, RampStimulus, SineStimulus, StepStimulus } from './stimulus';

describe('stimuli', () => {
  it('evaluate their closed forms at the start of each step', () => {
    const step = new StepStimulus(2, 10, 20);
    expect([9.9, 10, 19.9, 20].map((t) => step.valueAt(t))).toEqual([0, 2, 2, 0]);
    const ramp = new RampStimulus(1, 5, 10, 30);
    expect([0, 10, 20, 30, 50].map((t) => ramp.valueAt(t))).toEqual([0, 1, 3, 5, 5]);
    const sine = new SineStimulus(2, 50, 0, 1); // 50 Hz: period 20 ms
    expect(sine.valueAt(5)).toBeCloseTo(3, 12);
    expect(sine.valueAt(15)).toBeCloseTo(-1, 12);
    const input = new Float64Array(3);
    new ConstantStimulus(1.5, Int32Array.from([0, 2])).apply(0, 0.1, input);
    expect(Array.from(input)).toEqual([1.5, 0, 1.5]);
  });

  it('seeded noise has the asked mean and sigma, and repeats with the seed', () => {
    const draw = (seed: number) => {
      const s = new NoiseStimulus(2, 3, new Rng(seed));
      const x = new Float64Array(20000);
      s.apply(0, 0.1, x);
      return x;
    };
    const x = draw(5);
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length);
    expect(Math.abs(mean - 2)).toBeLessThan((4 * 3) / Math.sqrt(x.length));
    expect(Math.abs(sd / 3 - 1)).toBeLessThan(0.03);
    expect(draw(5)).toEqual(x);
  });

  it('a Poisson source fires at its rate (binomial bounds)', () => {
    const net = new Network(0.1);
    const src = net.addPopulation('p', new PoissonSource(100, 20, new Rng(9)));
    let spikes = 0;
    src.spikes$.subscribe((b) => (spikes += b.count));
    net.run(5000);
    const n = 100 * 50000, p = 20 * 1e-4;
    expect(Math.abs(spikes - n * p)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)));
  });

  it('the snapshot is a live view of the last step', () => {
    const net = new Network(0.1);
    const lif = net.addPopulation('lif', new LifSoma(2));
    net.addStimulus(lif, new ConstantStimulus(100));
    let snap = net.snapshot();
    for (let k = 0; k < 50 && snap.populations[0].firedCount === 0; k++) {
      net.step();
      snap = net.snapshot();
    }
    expect(snap.populations[0].name).toBe('lif');
    expect(snap.populations[0].firedCount).toBe(2);
    expect(Array.from(snap.populations[0].fired.subarray(0, 2))).toEqual([0, 1]);
    expect(snap.populations[0].v).toBe(lif.soma.v);
    expect(snap.tMs).toBeCloseTo(snap.step * 0.1, 12);
  });

  it('refuse bad parameters', () => {
    expect(() => new StepStimulus(1, 5, 5)).toThrow(ParameterError);
    expect(() => new RampStimulus(0, 1, 10, 5)).toThrow(/stop_ms = 5/);
    expect(() => new NoiseStimulus(0, -1, new Rng(1))).toThrow(/sigma = -1/);
    expect(() => new SineStimulus(1, -3)).toThrow(/frequency_hz = -3/);
    expect(() => new PoissonSource(2, -1, new Rng(1))).toThrow(/rate_hz/);
  });
});
