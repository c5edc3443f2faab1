/**
 * Spikes as sound without a DOM: the spikes of one neuron read from the ring (against a plain
 * list of every spike written, and against the lab's own spike counter), and their clicks on
 * the audio clock (against the affine map of the file's comment, and the 200 clicks/s cap).
 */
import { describe, expect, it } from 'vitest';
import { makeTrainerPort } from './engines';
import { Lab } from './lab';
import { defaultSettings } from './settings';
import { MAX_CLICKS_PER_S, planClicks, spikesOf, type SpikeRing } from './spike-clicks';
import { Rng } from '../random';

/** A ring of capacity `cap` and the plain list of every spike pushed into it. */
function ringWith(cap: number, spikes: [number, number][]): { ring: SpikeRing; all: [number, number][] } {
  const ring: SpikeRing = { spikeTimeMs: new Float64Array(cap), spikeNeuron: new Int32Array(cap), spikeHead: 0 };
  for (const [t, n] of spikes) {
    ring.spikeTimeMs[ring.spikeHead % cap] = t;
    ring.spikeNeuron[ring.spikeHead % cap] = n;
    ring.spikeHead++;
  }
  return { ring, all: spikes };
}

describe('spikesOf: one neuron\'s spikes since the last look', () => {
  it('equals the plain list filtered, also after the ring wrapped; overwritten entries are counted as lost', () => {
    const rng = new Rng(7);
    const spikes: [number, number][] = [];
    for (let q = 0; q < 300; q++) spikes.push([q * 0.5, rng.int(5)]);
    const { ring, all } = ringWith(64, spikes);
    for (const from of [0, 200, 236, 250, 299, 300]) {
      for (let n = 0; n < 5; n++) {
        const kept = Math.max(from, 300 - 64);
        const expected = all.slice(kept).filter(([, m]) => m === n).map(([t]) => t);
        const got = spikesOf(ring, n, from);
        expect(got.times).toEqual(expected);
        expect(got.lost).toBe(Math.max(0, 300 - 64 - from));
      }
    }
  });

  it('a look from beyond the head (the ring was reset) plays nothing', () => {
    const { ring } = ringWith(16, [[1, 0], [2, 0]]);
    expect(spikesOf(ring, 0, 10)).toEqual({ times: [], lost: 0 });
  });

  it('over a running lab, the spikes read per frame for every neuron add up to the lab\'s spike counter, inside each frame\'s biology', () => {
    const lab = new Lab({ ...defaultSettings(), dataset: 'moons', tMs: 50 }, makeTrainerPort);
    const s = lab.snapshot;
    const n = s.offsets[3];
    let read = 0;
    const total0 = s.totalSpikes;
    for (let f = 0; f < 40; f++) {
      const from = s.spikeHead;
      const bio0 = s.bioTimeMs;
      lab.frame(4);
      for (let i = 0; i < n; i++) {
        const { times, lost } = spikesOf(s, i, from);
        expect(lost).toBe(0);
        for (const t of times) {
          expect(t).toBeGreaterThanOrEqual(bio0);
          expect(t).toBeLessThan(s.bioTimeMs);
        }
        read += times.length;
      }
    }
    expect(read).toBe(s.totalSpikes - total0);
    expect(read).toBeGreaterThan(50); // the check has spikes to count
  });
});

describe('planClicks: spike times on the audio clock', () => {
  it('without a cap the clicks are the spike times mapped affinely: intervals = ISIs x span / biology', () => {
    const times = [10.25, 11, 13.5, 17, 17.75];
    const p = planClicks(times, 10, 18, 2.0, 0.04, -Infinity, 0);
    expect(p.dropped).toBe(0);
    expect(p.at.length).toBe(times.length);
    times.forEach((t, q) => expect(p.at[q]).toBeCloseTo(2.0 + ((t - 10) / 8) * 0.04, 12));
    expect(p.lastAt).toBe(p.at[p.at.length - 1]);
  });

  it('a train too fast to hear is thinned to at most 200 clicks/s, the rest counted as dropped', () => {
    // 1000 Hz for 100 ms of biology played in 100 ms: 1 ms between spikes -> every 5th click kept.
    const times = Array.from({ length: 100 }, (_, q) => q);
    const p = planClicks(times, 0, 100, 0, 0.1, -Infinity);
    expect(p.at.length).toBe(20);
    expect(p.dropped).toBe(80);
    for (let q = 1; q < p.at.length; q++) expect(p.at[q] - p.at[q - 1]).toBeGreaterThanOrEqual(1 / MAX_CLICKS_PER_S - 1e-9);
    // A 100 Hz train at the same speed is below the cap: every spike clicks.
    const slow = planClicks(times.filter((t) => t % 10 === 0), 0, 100, 0, 0.1, -Infinity);
    expect(slow.dropped).toBe(0);
    expect(slow.at.length).toBe(10);
  });

  it('the gap is kept across frames (lastAt), and times outside the frame are clamped to it', () => {
    const a = planClicks([0], 0, 4, 1, 0.016, -Infinity);
    const b = planClicks([4.01], 4, 8, 1.016, 0.016, a.lastAt); // 16 ms after, but the first click was at 1.0
    expect(b.at.length).toBe(1);
    const c = planClicks([8], 8, 12, 1.0161, 0.016, b.lastAt); // 0.1 ms after the last click: dropped
    expect(c.dropped).toBe(1);
    expect(planClicks([-5, 50], 0, 10, 0, 1, -Infinity, 0).at).toEqual([0, 1]);
  });
});
