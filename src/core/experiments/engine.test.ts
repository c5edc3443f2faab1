import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpikeMonitor } from '../bio/monitors';
import { LIF_DEFAULTS, lifRate } from '../bio/rate';
import { CONVERSION_DEFAULTS, convertNetwork, type ConvertedNetwork, type SomaSpec } from './convert';
import { Network } from '../bio/network';
import { ConvertedEngine, DenseProjection, IntegrateSoma } from './engine';
import { argmaxRow, spikeReadout } from './stats';
import { forwardRelu, randomNetwork, uniformInputs } from './test-networks';

/** A one-layer network of B independent neurons: input b is z_b, weight 1, so z = z_b per step. */
function singleNeuron(soma: SomaSpec, dtMs = 1): ConvertedNetwork {
  return {
    nInput: 1,
    layers: [{ nIn: 1, nOut: 1, weights: Float64Array.of(1), bias: Float64Array.of(0), soma, spikeValue: 1 }],
    options: { ...CONVERSION_DEFAULTS, dtMs },
    inputScale: 1,
    scales: [1],
  };
}

function countsAfter(net: ConvertedNetwork, z: number[], steps: number): number[] {
  const sim = new ConvertedEngine(net, Float64Array.from(z), z.length);
  sim.runSteps(steps);
  sim.dispose();
  return Array.from(sim.counts[0]);
}

const IF: SomaSpec = { kind: 'integrate', threshold: 1, reset: 'subtract', decay: 1 };

describe('integrate-and-fire arithmetic on the engine (exact, not a tolerance)', () => {
  // z = k / 2^10 is exactly representable and every partial sum is too, so the engine's
  // arithmetic must reproduce the integer answers exactly.
  const N = 4096;
  it('reset by subtraction fires at exactly z: floor(N z) spikes in N steps', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1024 }), { minLength: 1, maxLength: 40 }), (ks) => {
        const z = ks.map((k) => k / 1024);
        const counts = countsAfter(singleNeuron(IF), z, N);
        expect(counts).toEqual(z.map((zi) => Math.floor(N * zi)));
        // N is a multiple of 1024: the rate is z itself.
        expect(counts.map((c) => c / N)).toEqual(z);
      }),
      { numRuns: 30 },
    );
  });

  it('reset to zero fires at 1/ceil(1/z): floor(N / ceil(1/z)) spikes in N steps', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1024 }), { minLength: 1, maxLength: 40 }), (ks) => {
        const z = ks.map((k) => k / 1024);
        const counts = countsAfter(singleNeuron({ ...IF, reset: 'zero' }), z, N);
        expect(counts).toEqual(z.map((zi) => Math.floor(N / Math.ceil(1 / zi))));
      }),
      { numRuns: 30 },
    );
  });

  it('z = 0.375: subtraction keeps the remainder (0.375 per step), reset to zero loses it (1/3)', () => {
    expect(countsAfter(singleNeuron(IF), [0.375], 800)).toEqual([300]);
    expect(countsAfter(singleNeuron({ ...IF, reset: 'zero' }), [0.375], 801)).toEqual([267]);
  });
});

describe('LIF layers on the engine (the core LifSoma, B x n neurons)', () => {
  // Oracle: the closed-form LIF rate of rate.ts. From rest, the first spike comes after the climb
  // time Tc = tau ln(J / (J - 1)), then one every P = t_ref + Tc, so N(T) = floor((T - Tc) / P) + 1.
  const { tauMs, refractoryMs } = LIF_DEFAULTS;
  const theta = LIF_DEFAULTS.vThreshMv - LIF_DEFAULTS.vRestMv;
  for (const dtMs of [1, 0.1]) {
    it(`fires at the closed-form LIF rate on a ${dtMs} ms grid`, () => {
      const J = [0.5, 1.05, 1.3, 2, 4, 9];
      const T = 2000;
      const counts = countsAfter(singleNeuron({ kind: 'lif', tauMs, refractoryMs }, dtMs), J, Math.round(T / dtMs));
      J.forEach((j, i) => {
        const expected = j <= 1 ? 0 : Math.floor((T - tauMs * Math.log(j / (j - 1))) * (lifRate(j * theta) / 1000)) + 1;
        expect(counts[i]).toBe(expected);
      });
    });
  }
});

describe('converted network on the engine: zero delay (evaluation) and delay d (probe, exports)', () => {
  const net = randomNetwork(3, 20, 3, 21);
  const x = uniformInputs(200, 3, 22);
  const f = forwardRelu(net, x, 200);
  const converted = convertNetwork(net, { n: 200, x, hidden: f.hidden, scores: f.scores });
  const B = 80, steps = 300;
  const xb = x.subarray(0, B * 3);
  const out = converted.layers[1];

  /** Runs for `steps`, with the hidden layer's spikes (step, flat index) from its stream. */
  function run(delayMs: number) {
    const e = new ConvertedEngine(converted, xb, B, { delayMs });
    const mon = e.network.addMonitor(new SpikeMonitor(e.layers[0]));
    e.runSteps(steps);
    return { e, idx: mon.indices, times: mon.timesMs };
  }

  it('IF without a floor keeps the whole integral: output count + V = N b + the hidden spikes of steps <= N - 1 - d, for d = 0 and 1 step', () => {
    for (const delay of [0, 1]) {
      const { e, idx, times } = run(delay);
      const heard = new Int32Array(B * 20);
      idx.forEach((i, k) => {
        if (times[k] <= steps - 1 - delay) heard[i]++;
      });
      let agree = 0;
      for (let b = 0; b < B; b++) {
        for (let k = 0; k < 3; k++) {
          let integral = steps * out.bias[k];
          for (let j = 0; j < 20; j++) integral += heard[b * 20 + j] * out.weights[j * 3 + k];
          expect(e.counts[1][b * 3 + k] + e.potentials(1)[b * 3 + k], `delay ${delay}, input ${b}, class ${k}`).toBeCloseTo(integral, 9);
        }
        if (spikeReadout(e.counts[1], e.potentials(1), b, 3) === argmaxRow(f.scores, b, 3)) agree++;
      }
      expect(agree / B).toBeGreaterThan(0.95);
      e.dispose();
    }
  });

  it('the hidden layer under a constant current is the same bit for bit whatever the delay; the counters equal the streams', () => {
    const zero = run(0), one = run(1), seven = run(7);
    expect(Array.from(one.e.counts[0])).toEqual(Array.from(zero.e.counts[0]));
    expect(Array.from(seven.e.counts[0])).toEqual(Array.from(zero.e.counts[0]));
    const streamed = new Int32Array(B * 20);
    for (const i of zero.idx) streamed[i]++;
    expect(Array.from(streamed)).toEqual(Array.from(zero.e.counts[0]));
    // IF under a constant current z = x W1 + b1 (threshold units) fires floor(N z) times for z in [0, 1].
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < 20; j++) {
        const z = converted.layers[0].bias[j] + [0, 1, 2].reduce((s, i) => s + xb[b * 3 + i] * converted.layers[0].weights[i * 20 + j], 0);
        const c = zero.e.counts[0][b * 20 + j];
        expect(Math.abs(c - steps * Math.min(1, Math.max(0, z)))).toBeLessThanOrEqual(1);
      }
    }
    for (const r of [zero, one, seven]) r.e.dispose();
  });

  it('a batch is independent copies: input b alone gives row b of the batch bit for bit, and a rerun gives the same bits', () => {
    const batch = new ConvertedEngine(converted, xb, B);
    batch.runSteps(100);
    for (const b of [0, 17, 79]) {
      const one = new ConvertedEngine(converted, xb.subarray(b * 3, b * 3 + 3), 1);
      one.runSteps(100);
      for (let l = 0; l < 2; l++) {
        const n = converted.layers[l].nOut;
        expect(Array.from(one.counts[l])).toEqual(Array.from(batch.counts[l].subarray(b * n, b * n + n)));
        expect(Array.from(one.potentials(l))).toEqual(Array.from(batch.potentials(l).subarray(b * n, b * n + n)));
      }
      one.dispose();
    }
    const again = new ConvertedEngine(converted, xb, B);
    again.runSteps(100);
    expect(Array.from(again.counts[1])).toEqual(Array.from(batch.counts[1]));
    // reset: back to step 0 and the same run again
    again.reset();
    expect(again.steps).toBe(0);
    expect(again.counts[0].every((c) => c === 0)).toBe(true);
    again.runSteps(100);
    expect(Array.from(again.counts[1])).toEqual(Array.from(batch.counts[1]));
    batch.dispose();
    again.dispose();
  });

  it('Poisson input: each input fires with p = |x| / lambda_0 per step (binomial bounds), the same seed gives the same spikes', () => {
    const poisson = convertNetwork(net, { n: 200, x, hidden: f.hidden, scores: f.scores }, { encoding: 'poisson' });
    const T = 1000;
    const spikesOf = (seed: number) => {
      const e = new ConvertedEngine(poisson, xb, B, { seed });
      const mon = e.network.addMonitor(new SpikeMonitor(e.input!));
      e.runSteps(T);
      const counts = new Int32Array(B * 3);
      for (const i of mon.indices) counts[i]++;
      e.dispose();
      return { counts, indices: Array.from(mon.indices) };
    };
    const a = spikesOf(3);
    for (let k = 0; k < B * 3; k++) {
      const p = Math.min(1, Math.abs(xb[k]) / poisson.inputScale);
      // 5 standard deviations of Binomial(T, p), plus one for rounding.
      expect(Math.abs(a.counts[k] - T * p), `input ${k}`).toBeLessThanOrEqual(5 * Math.sqrt(T * p * (1 - p)) + 1);
    }
    expect(spikesOf(3).indices).toEqual(a.indices);
    expect(spikesOf(4).indices).not.toEqual(a.indices);
  });

  it('refuses a zero-delay projection onto a population stepped before its source, and delays between 0 and one step', () => {
    expect(() => new ConvertedEngine(converted, xb, B, { delayMs: 0.5 })).toThrow(/delay_ms/);
    const e = new ConvertedEngine(converted, xb, B);
    expect(e.network.projections.every((p) => p.immediate)).toBe(true);
    e.dispose();
    const network = new Network(1);
    const later = network.addPopulation('later', new IntegrateSoma(3));
    const source = network.addPopulation('source', new IntegrateSoma(2));
    expect(() => network.addProjection(new DenseProjection(source, later, new Float64Array(6), 2, 3, 1, null, 0))).toThrow(/delay_ms = 0 is not allowed.*later was not added after source/);
    expect(network.addProjection(new DenseProjection(source, later, new Float64Array(6), 2, 3, 1, null, 1)).immediate).toBe(false);
  });
});
