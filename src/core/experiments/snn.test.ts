import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIF_DEFAULTS, lifRate } from '../bio/rate';
import type { ConvertedNetwork, SomaSpec } from './convert';
import { CONVERSION_DEFAULTS } from './convert';
import { BatchedSnn } from './snn';

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
  const sim = new BatchedSnn(net, Float64Array.from(z), z.length);
  for (let s = 0; s < steps; s++) sim.step();
  return Array.from(sim.state[0].counts);
}

describe('integrate-and-fire arithmetic (exact, not a tolerance)', () => {
  // z = k / 2^10 is exactly representable and every partial sum is too, so the engine's
  // arithmetic must reproduce the integer answers exactly.
  const N = 4096;
  it('reset by subtraction fires at exactly z: floor(N z) spikes in N steps', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1024 }), { minLength: 1, maxLength: 40 }), (ks) => {
        const z = ks.map((k) => k / 1024);
        const counts = countsAfter(singleNeuron({ kind: 'integrate', threshold: 1, reset: 'subtract', decay: 1 }), z, N);
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
        const counts = countsAfter(singleNeuron({ kind: 'integrate', threshold: 1, reset: 'zero', decay: 1 }), z, N);
        expect(counts).toEqual(z.map((zi) => Math.floor(N / Math.ceil(1 / zi))));
      }),
      { numRuns: 30 },
    );
  });

  it('z = 0.375: subtraction keeps the remainder (0.375 per step), reset to zero loses it (1/3)', () => {
    expect(countsAfter(singleNeuron({ kind: 'integrate', threshold: 1, reset: 'subtract', decay: 1 }), [0.375], 800)).toEqual([300]);
    expect(countsAfter(singleNeuron({ kind: 'integrate', threshold: 1, reset: 'zero', decay: 1 }), [0.375], 801)).toEqual([267]);
  });
});

describe('LIF soma with spike-time interpolation', () => {
  // Oracle: the closed-form LIF rate of rate.ts. From rest, the first spike comes after the climb
  // time Tc = tau ln(J / (J - 1)), then one every P = t_ref + Tc, so N(T) = floor((T - Tc) / P) + 1.
  const { tauMs, refractoryMs } = LIF_DEFAULTS;
  const theta = LIF_DEFAULTS.vThreshMv - LIF_DEFAULTS.vRestMv;
  for (const dtMs of [1, 0.1]) {
    it(`fires at the closed-form LIF rate on a ${dtMs} ms grid`, () => {
      const J = [0.5, 1.05, 1.3, 2, 4, 9];
      const T = 2000;
      const steps = Math.round(T / dtMs);
      const counts = countsAfter(singleNeuron({ kind: 'lif', tauMs, refractoryMs }, dtMs), J, steps);
      J.forEach((j, i) => {
        const expected = j <= 1 ? 0 : Math.floor((T - tauMs * Math.log(j / (j - 1))) * (lifRate(j * theta) / 1000)) + 1;
        expect(counts[i]).toBe(expected);
      });
    });
  }
});
