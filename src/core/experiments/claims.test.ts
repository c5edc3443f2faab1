/**
 * The README's conversion claims, each under its conditions, on a fast subset of the sweep
 * (scripts/claims/run.ts runs 5 seeds of spiral, moons, iris and digits with the full training;
 * its output is scripts/claims/claims.json). Here: spiral, 3 seeds, a faster training, 150
 * fresh held-out points per class.
 */
import { describe, expect, it } from 'vitest';
import { LifSoma } from '../bio/lif';
import { SpikeMonitor } from '../bio/monitors';
import { Network } from '../bio/network';
import { LIF_DEFAULTS, lifRate } from '../bio/rate';
import { ConstantStimulus } from '../bio/stimulus';
import { CLAIM_METHODS, runClaims, summariseClaims, tInterval, wilson, type ClaimRun } from './claims';

describe('interval arithmetic', () => {
  it('Wilson: the published example (Newcombe 1998: 81 of 263 -> 0.2553, 0.3662) and the edges', () => {
    const [lo, hi] = wilson(81, 263);
    expect(lo).toBeCloseTo(0.2553, 4);
    expect(hi).toBeCloseTo(0.3662, 4);
    expect(wilson(0, 10)[0]).toBe(0);
    expect(wilson(10, 10)[1]).toBe(1);
    expect(wilson(10, 10)[0]).toBeCloseTo(0.7225, 4);
  });
  it('t-interval: mean and half-width t_{0.975, n-1} s / sqrt(n)', () => {
    const r = tInterval([1, 2, 3, 4, 5]);
    expect(r.mean).toBe(3);
    expect(r.half).toBeCloseTo((2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 12);
    expect(tInterval([7]).half).toBeNaN();
  });
});

describe('conversion claims over seeds (spiral, 3 seeds, fast training, 300 fresh held-out points each)', () => {
  const ids = ['if-max', 'lif-zero', 'lif', 'soft-lif'];
  const methods = CLAIM_METHODS.filter((m) => ids.includes(m.id));
  let runs: ClaimRun[] = [];
  const at = (method: string, tMs: number) => runs.filter((r) => r.method === method).map((r) => 100 * (r.annAcc - r.curve.find((c) => c.tMs === tMs)!.acc));

  it('runs', async () => {
    for (const seed of [0, 1, 2]) {
      // ReLU: 50 hidden, Adam; soft-LIF: the claims' recipe (50 hidden, Adam, 1500 iterations)
      const relu = await runClaims({ dataset: 'spiral', seed, tMs: [200, 500], methods: methods.filter((m) => m.activation === 'relu'), heldOutPerClass: 100, train: { hidden: 50, optimizer: 'adam', lr: 0.02, iters: 1500 } });
      const soft = await runClaims({ dataset: 'spiral', seed, tMs: [200, 500], methods: methods.filter((m) => m.activation === 'soft-lif'), heldOutPerClass: 100 });
      runs.push(...relu, ...soft);
    }
    expect(runs).toHaveLength(12);
    for (const r of runs) {
      expect(r.nTest).toBe(300);
      expect(r.annAcc).toBeGreaterThan(0.9);
    }
  }, 300_000);

  it('IF with max normalisation and current input: within 1 point of the ANN at T = 200 ms on every seed', () => {
    for (const g of at('if-max', 200)) expect(g).toBeLessThanOrEqual(1);
  });

  it('leaky, reset by subtraction with the mean leak compensated (the default): within 2 points at T = 500 ms on every seed', () => {
    for (const g of at('lif', 500)) expect(g).toBeLessThanOrEqual(2);
  });

  it('leaky with reset to zero and no compensation (before): further from the ANN on average than the default', () => {
    const before = tInterval(at('lif-zero', 500)).mean, after = tInterval(at('lif', 500)).mean;
    expect(before).toBeGreaterThan(after + 1);
  });

  it('soft-LIF trained, run as LIF: within 2 points at T = 500 ms on every seed', () => {
    for (const g of at('soft-lif', 500)) expect(g).toBeLessThanOrEqual(2);
  });

  it('summary rows: pooled counts, Wilson intervals around the pooled accuracy, the claim row at the claim T', () => {
    const rows = summariseClaims(runs, methods);
    const row = rows.find((r) => r.method === 'if-max' && r.tMs === 200)!;
    expect(row.seeds).toBe(3);
    const correct = runs.filter((r) => r.method === 'if-max').reduce((s, r) => s + Math.round(r.curve[0].acc * r.nTest), 0);
    expect(row.snnAcc).toBeCloseTo(correct / 900, 12);
    expect(row.snnAccCi[0]).toBeLessThan(row.snnAcc);
    expect(row.snnAccCi[1]).toBeGreaterThan(row.snnAcc);
    expect(row.claim).toEqual({ points: 1, withinSeeds: 3 });
    expect(rows.find((r) => r.method === 'if-max' && r.tMs === 500)!.claim).toBeNull();
  });
});

describe('LIF "exact at any dt" holds while the inter-spike interval is longer than dt', () => {
  /** Mean ISI (ms) of one LIF neuron under a constant drive D (mV) for 1 s. */
  function meanIsi(driveMv: number, dtMs: number, refractoryMs: number): { isi: number; count: number } {
    const net = new Network(dtMs);
    const pop = net.addPopulation('lif', new LifSoma(1, { ...LIF_DEFAULTS, refractoryMs }));
    net.addStimulus(pop, new ConstantStimulus(driveMv));
    const mon = net.addMonitor(new SpikeMonitor(pop));
    net.run(1000);
    const t = Array.from(mon.timesMs);
    return { isi: (t[t.length - 1] - t[1]) / (t.length - 2), count: t.length };
  }

  it('ISI > dt: the closed-form interval to 1e-9 ms at dt 0.1, 1 and 5 ms', () => {
    for (const dt of [0.1, 1, 5]) {
      for (const drive of [16, 20, 40, 100]) {
        const exact = 1000 / lifRate(drive, LIF_DEFAULTS);
        if (exact <= dt) continue;
        expect(meanIsi(drive, dt, LIF_DEFAULTS.refractoryMs).isi, `dt ${dt}, D ${drive}`).toBeCloseTo(exact, 9);
      }
    }
  });

  it('ISI < dt: at most one spike per step, so the rate stops at 1/dt (t_ref 0, D = 400 mV: ISI 0.77 ms)', () => {
    const p = { ...LIF_DEFAULTS, refractoryMs: 0 };
    const exact = 1000 / lifRate(400, p);
    expect(exact).toBeLessThan(1);
    expect(meanIsi(400, 0.1, 0).isi).toBeCloseTo(exact, 9);
    const coarse = meanIsi(400, 1, 0);
    expect(coarse.count).toBeLessThanOrEqual(1000);
    expect(coarse.isi).toBeGreaterThan(exact + 0.2);
  });
});
