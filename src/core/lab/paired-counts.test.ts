/**
 * The numbers the page pairs (a unit's activation and its spiking twin's count) come from the
 * same weights, or say they do not: after Pause the probe's biology runs on by itself until a
 * whole window of the current weights and probe is counted. Oracle: a fresh probe network of
 * the current conversion, run for T ms on its own.
 */
import { describe, expect, it } from 'vitest';
import { makeTrainerPort } from './engines';
import { Lab } from './lab';
import { ProbeNetwork } from './probe';
import { defaultSettings, type Settings } from './settings';
import { countsCurrent } from './snapshot';

function settings(patch: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(), ...patch };
}

/** Spike counts per neuron (inputs, hidden, outputs) of a fresh probe network of `lab`'s current weights over T ms. */
function oracleCounts(lab: Lab): Int32Array {
  const s = lab.snapshot;
  const [d, h, k] = s.sizes;
  const net = lab.convertedNow()!;
  const probe = new ProbeNetwork(net, s.probe, s.delayMs);
  const counts = new Int32Array(d + h + k);
  const subs = [
    probe.layers[0].spikes$.subscribe((b) => {
      for (let q = 0; q < b.count; q++) counts[d + b.indices[q]]++;
    }),
    probe.layers[1].spikes$.subscribe((b) => {
      for (let q = 0; q < b.count; q++) counts[d + h + b.indices[q]]++;
    }),
  ];
  for (let t = 0; t < s.windowMs; t++) probe.step();
  subs.forEach((u) => u.unsubscribe());
  probe.dispose();
  return counts;
}

/** Idle frames until nothing is left to catch up (at most `max`); returns how many said "busy". */
function idleUntilCaughtUp(lab: Lab, max = 100): number {
  let frames = 0;
  while (frames < max && lab.idle()) frames++;
  return frames;
}

describe('paired numbers: activation and spike count from the same weights', () => {
  it('while training plays the counts trail the weights; after Pause they catch up by themselves to the counts of the current weights', () => {
    const lab = new Lab(settings({ dataset: 'moons', tMs: 200 }), makeTrainerPort);
    for (let f = 0; f < 60; f++) lab.frame(4);
    const s = lab.snapshot;
    // Playing: every window closes on weights that training has moved on from.
    expect(s.lastCountsStep).toBeGreaterThanOrEqual(0);
    expect(s.lastCountsStep).toBeLessThan(s.trainStep);
    expect(countsCurrent(s)).toBe(false);
    lab.catchUpProbe();
    const bioBefore = s.bioTimeMs;
    const frames = idleUntilCaughtUp(lab);
    expect(frames).toBeGreaterThan(0);
    expect(frames).toBeLessThan(100);
    expect(countsCurrent(s)).toBe(true);
    expect(s.lastCountsStep).toBe(s.trainStep);
    // The biology ran one whole window (T ms) and then stopped.
    expect(s.bioTimeMs - bioBefore).toBe(s.windowMs);
    const [d, h] = s.sizes;
    const want = oracleCounts(lab);
    expect(Array.from(s.lastCounts.subarray(d))).toEqual(Array.from(want.subarray(d)));
    // The counts are not all zero: the pairs say something (a trained network drives its hidden layer).
    expect(want.subarray(d, d + h).some((c) => c > 0)).toBe(true);
    // Nothing left to do: further idle frames run no biology.
    const t = s.bioTimeMs;
    expect(lab.idle()).toBe(false);
    expect(s.bioTimeMs).toBe(t);
  });

  it('a probe moved while paused makes the counts stale at once, and the next window of the new point replaces them', () => {
    const lab = new Lab(settings({ dataset: 'moons', tMs: 100, train: false }), makeTrainerPort);
    idleUntilCaughtUp(lab);
    const s = lab.snapshot;
    expect(countsCurrent(s)).toBe(true);
    lab.setProbe(-0.7, 0.4);
    expect(countsCurrent(s)).toBe(false); // same weights, other input: not a pair
    idleUntilCaughtUp(lab);
    expect(countsCurrent(s)).toBe(true);
    const d = s.sizes[0];
    expect(Array.from(s.lastCounts.subarray(d))).toEqual(Array.from(oracleCounts(lab).subarray(d)));
  });

  it('training off and playing: a window that follows the last on the same weights keeps the pair current', () => {
    const lab = new Lab(settings({ dataset: 'moons', tMs: 50, train: false }), makeTrainerPort);
    for (let f = 0; f < 30; f++) lab.frame(4); // 120 ms: two windows closed
    expect(lab.snapshot.lastCountsStep).toBe(0);
    expect(countsCurrent(lab.snapshot)).toBe(true);
  });

  it('Poisson input: the rate the input shows is the rate its spikes come at (|x| / lambda_0 per ms)', () => {
    const lab = new Lab(settings({ dataset: 'moons', tMs: 2000, encoding: 'poisson', train: false }), makeTrainerPort);
    lab.setProbe(0.8, -0.3);
    const s = lab.snapshot;
    expect(s.inputEncoding).toBe('poisson');
    const lambda0 = lab.convertedNow()!.inputScale;
    expect(s.inputRateHz[0]).toBeCloseTo((0.8 / lambda0) * 1000, 9);
    expect(s.inputRateHz[1]).toBeCloseTo((0.3 / lambda0) * 1000, 9);
    idleUntilCaughtUp(lab, 200);
    expect(countsCurrent(s)).toBe(true);
    // Counted spikes of each input over T = 2 s: a binomial count, within 5 standard deviations of rate x T.
    for (let i = 0; i < 2; i++) {
      const p = s.inputRateHz[i] / 1000;
      const mean = p * s.windowMs;
      const sd = Math.sqrt(s.windowMs * p * (1 - p));
      expect(Math.abs(s.lastCounts[i] - mean)).toBeLessThan(5 * sd);
    }
    // Under current encoding the inputs carry the value itself: no rate.
    lab.configure(settings({ dataset: 'moons', tMs: 2000, encoding: 'current', train: false }));
    expect(s.inputEncoding).toBe('current');
    expect(Array.from(s.inputRateHz)).toEqual([0, 0]);
  });
});
