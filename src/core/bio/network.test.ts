import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { Rng } from '../random';
import { LifSoma } from './lif';
import { PopulationRateMonitor, SpikeMonitor, StateMonitor } from './monitors';
import { Network } from './network';
import { denseUnitParts } from '../ann/neuron-parts';
import { relu } from './rate';
import { RateSoma } from './rate-soma';
import { PoissonSource, SpikeTimesSource } from './sources';
import { SpikingReluSoma } from './spiking-relu';
import { ConstantStimulus } from './stimulus';

describe('network streams', () => {
  it('delivers each spike exactly once, after its delay (per-synapse delays)', () => {
    const dt = 0.1;
    const net = new Network(dt);
    // 4 source neurons with known spike times; weights are powers of two so every arrival is identifiable
    const times = [0.0, 0.3, 0.3, 1.0, 2.5];
    const who = [0, 1, 2, 3, 0];
    const src = net.addPopulation('src', new SpikeTimesSource(4, who, times));
    const sink = net.addPopulation('sink', new RateSoma(2, 'identity'));
    const pre = [0, 1, 2, 3, 0, 3];
    const post = [0, 0, 1, 1, 1, 0];
    const delays = [0.1, 0.5, 0.2, 1.0, 0.3, 0.1];
    const weights = [1, 2, 4, 8, 16, 32];
    net.connect(src, sink, { connectivity: { kind: 'list', pre, post, weights, delaysMs: delays }, synapse: { type: 'delta' } });
    const steps = 60;
    const got = Array.from({ length: steps }, () => [0, 0]);
    for (let n = 0; n < steps; n++) {
      net.step();
      got[n] = [sink.dendrite.input[0], sink.dendrite.input[1]];
    }
    const expected = Array.from({ length: steps }, () => [0, 0]);
    times.forEach((t, s) => {
      const emitStep = Math.round(t / dt);
      pre.forEach((p, k) => {
        if (p === who[s]) expected[emitStep + Math.round(delays[k] / dt)][post[k]] += weights[k];
      });
    });
    expect(got).toEqual(expected);
  });

  it('emits one batch per step with spikes; a Neuron axon.spikes$ sees each of its spikes once', () => {
    const net = new Network(0.5);
    const src = net.addPopulation('src', new SpikeTimesSource(3, [0, 1, 2, 1, 1], [1, 1, 2, 4, 4.2]));
    const batches: number[][] = [];
    src.spikes$.subscribe((b) => batches.push([b.step, ...Array.from(b.indices.subarray(0, b.count))]));
    const n1: number[] = [];
    const sub = src.neuron(1).axon.spikes$.subscribe((t) => n1.push(t));
    net.run(10);
    sub.unsubscribe();
    expect(batches).toEqual([[2, 0, 1], [4, 2], [8, 1]]); // 4 and 4.2 fall in one step: fires once
    expect(n1).toEqual([1, 4]);
  });

  it('a neuron view emits its spikes in the steps they happen (TestScheduler, one frame per step)', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable }) => {
      const net = new Network(1);
      const src = net.addPopulation('src', new SpikeTimesSource(2, [1, 0, 1, 0], [0, 1, 3, 3]));
      const spikes1$ = src.neuron(1).axon.spikes$;
      expectObservable(spikes1$).toBe('x--y', { x: 0, y: 3 });
      expectObservable(src.neuron(0).axon.spikes$).toBe('-x-y', { x: 1, y: 3 });
      cold('abcde|').subscribe(() => net.step()); // the clock: one step per frame
    });
  });

  it('integrates an exponential synaptic current exactly (LIF, closed form of the linear system)', () => {
    const dt = 0.1, tau = 20, ts = 5, w = 3;
    const net = new Network(dt);
    const src = net.addPopulation('src', new SpikeTimesSource(1, [0], [0]));
    const lif = net.addPopulation('lif', new LifSoma(1, { tauMs: tau, vRestMv: -65, vResetMv: -70, vThreshMv: -40, refractoryMs: 2 }));
    net.connect(src, lif, { connectivity: { kind: 'one-to-one' }, weight: w, synapse: { type: 'exponential', tauSynMs: ts } });
    net.step(); // the spike is emitted in step 0 and acts from step 1 (t = dt) on
    for (let n = 1; n <= 400; n++) {
      net.step();
      const s = n * dt; // time since the current started
      const exact = -65 + ((w * ts) / (ts - tau)) * (Math.exp(-s / ts) - Math.exp(-s / tau));
      expect(lif.soma.v[0]).toBeCloseTo(exact, 10);
      // the dendrite's input of that step: factor * g(t_n), g = w e^(-(n-1) dt / tau_s)
      const factor = (lif.soma as LifSoma).exponentialInputFactor(ts, dt);
      expect(lif.neuron(0).dendrite.input).toBeCloseTo(factor * w * Math.exp(-((n - 1) * dt) / ts), 12);
    }
  });

  it('gives identical spike trains for one seed, different ones for another', () => {
    const run = (seed: number) => {
      const rng = new Rng(seed);
      const net = new Network(0.1);
      const inp = net.addPopulation('in', new PoissonSource(50, 40, rng.fork()));
      const lif = net.addPopulation('lif', new LifSoma(20));
      net.connect(inp, lif, { connectivity: { kind: 'fixed-probability', p: 0.3, rng: rng.fork() }, weight: 4, synapse: { type: 'exponential', tauSynMs: 5 } });
      const mon = net.addMonitor(new SpikeMonitor(lif));
      net.run(500);
      return [Array.from(mon.indices), Array.from(mon.timesMs)];
    };
    const a = run(7);
    expect(a[0].length).toBeGreaterThan(20);
    expect(run(7)).toEqual(a);
    expect(run(8)).not.toEqual(a);
  });

  it('samples fixed-probability connectivity at rate p (binomial bounds), without self-connections when asked', () => {
    const net = new Network(0.1);
    const pop = net.addPopulation('p', new LifSoma(1000));
    const proj = net.connect(pop, pop, { connectivity: { kind: 'fixed-probability', p: 0.02, rng: new Rng(3), allowSelf: false } });
    const n = 1000 * 999, mean = n * 0.02, sd = Math.sqrt(n * 0.02 * 0.98);
    expect(Math.abs(proj.synapseCount - mean)).toBeLessThan(4 * sd);
    const { rowPtr, col } = proj.csr[0];
    let self = 0;
    for (let i = 0; i < 1000; i++) for (let s = rowPtr[i]; s < rowPtr[i + 1]; s++) if (col[s] === i) self++;
    expect(self).toBe(0);
  });

  it('monitors: state every k steps, population rate, axon rate estimates', () => {
    const net = new Network(0.1);
    const relus = net.addPopulation('r', new SpikingReluSoma(3), { kind: 'rate-window', windowMs: 100 });
    const relus2 = net.addPopulation('r2', new SpikingReluSoma(3), { kind: 'rate-exponential', tauMs: 50 });
    net.addStimulus(relus, new ConstantStimulus(100));
    net.addStimulus(relus2, new ConstantStimulus(100));
    const state = net.addMonitor(new StateMonitor(relus, 'v', [0, 2], 10));
    const rate = net.addMonitor(new PopulationRateMonitor(relus));
    net.run(1000);
    expect(state.samples).toBe(1000);
    expect(state.timesMs[0]).toBeCloseTo(1, 12);
    expect(state.trace(1)[0]).toBeCloseTo(0.1, 12); // 100 Hz * 1 ms
    const r = rate.rateHz(100);
    expect(r.length).toBe(10);
    for (const x of r) expect(x).toBeCloseTo(100, 6);
    expect(relus.axon.value[0]).toBeCloseTo(100, 6);
    // exponential filter of a 100 Hz regular train swings around 100 Hz: between its min and max
    const lo = (1000 / 50) * Math.exp(-10 / 50) / (1 - Math.exp(-10 / 50));
    expect(relus2.axon.value[0]).toBeGreaterThanOrEqual(lo - 1e-9);
    expect(relus2.axon.value[0]).toBeLessThanOrEqual(lo * Math.exp(10 / 50) + 1e-9);
    expect(relus.neuron(1).axon.value).toBeCloseTo(100, 6);
  });

  it('an artificial neuron (weighted-sum dendrite, identity soma, ReLU axon) computes relu(w.x + b)', () => {
    const layer = { inputs: 3, outputs: 1, weights: Float64Array.of(0.5, -2, 1), bias: Float64Array.of(0.25) };
    const a = denseUnitParts(layer, [2, 1, 3], 0, 'relu');
    expect(a.axon.value).toBeCloseTo(relu(1 - 2 + 3 + 0.25), 15);
    expect(a.soma.value).toBeCloseTo(2.25, 15);
    const b = denseUnitParts(layer, [0, 1, 0], 0, 'relu');
    expect(b.axon.value).toBe(0);
    expect(b.dendrite.sum).toBe(-1.75);
    // a rate population with ReLU axon is the same composition inside the network
    const net = new Network(1);
    const pop = net.addPopulation('ann', new RateSoma(1, 'identity'));
    net.addStimulus(pop, new ConstantStimulus(-1.75));
    net.step();
    expect(pop.neuron(0).axon.value).toBe(0);
    expect(pop.neuron(0).soma.v).toBe(-1.75);
  });

  it('refuses bad input with ParameterError naming the parameter', () => {
    expect(() => new Network(0)).toThrow(/dt_ms = 0/);
    expect(() => new Network(-0.1)).toThrow(ParameterError);
    const net = new Network(0.1);
    const a = net.addPopulation('a', new LifSoma(2));
    expect(() => net.connect(a, a, { connectivity: { kind: 'all-to-all' }, delayMs: 0.05 })).toThrow(/delay_ms = 0.05 .*>= dt/);
    expect(() => net.connect(a, a, { connectivity: { kind: 'fixed-probability', p: 1.5, rng: new Rng(1) } })).toThrow(/p = 1.5/);
    expect(() => net.connect(a, a, { connectivity: { kind: 'all-to-all' }, synapse: { type: 'exponential', tauSynMs: 0 } })).toThrow(/tau_syn_ms = 0/);
    expect(() => new LifSoma(-3)).toThrow();
    expect(() => net.addPopulation('a', new LifSoma(1))).toThrow(/population = "a"/);
  });
});
