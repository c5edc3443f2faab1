/**
 * "Clear points" clears them all: custom data with zero rows is a state of its own (no starter
 * points come back). Nothing trains, scores or converts, both planes are blank, no number turns
 * NaN, and the first point added trains again.
 */
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { makeTrainerPort } from './engines';
import { pageGradientCheck } from './gradient-check';
import { Lab, buildDataset } from './lab';
import { defaultSettings, type Settings } from './settings';

function custom(pts: Settings['pts'], patch: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(), dataset: 'custom', pts, ...patch };
}

describe('custom data with no points', () => {
  it('is an empty dataset, not the starter points', () => {
    const ds = buildDataset(custom([]));
    expect(ds.n).toBe(0);
    expect(ds.x.length).toBe(0);
    expect(ds.y.length).toBe(0);
  });

  it('the lab waits: no training step, no curve, blank planes, no spiking network, every number finite', () => {
    const lab = new Lab(custom([]), makeTrainerPort);
    expect(lab.noData).toBe(true);
    for (let f = 0; f < 20; f++) lab.frame(4);
    lab.step();
    const s = lab.snapshot;
    expect(s.diverged).toBe(false);
    expect(s.trainStep).toBe(0);
    expect(s.historyLength).toBe(0);
    expect(s.dataCount).toBe(0);
    expect(lab.train.n + lab.test.n).toBe(0);
    expect(s.annRegions.every((c) => c === 255)).toBe(true);
    expect(s.snnRegions.every((c) => c === 255)).toBe(true);
    expect(lab.spikingActive).toBe(false);
    expect(s.totalSpikes).toBe(0);
    for (const a of [s.w1, s.b1, s.w2, s.b2, s.activation, s.v, s.maxAbsW]) expect(Array.from(a).every(Number.isFinite)).toBe(true);
    // Paused frames have nothing to catch up.
    expect(lab.idle()).toBe(false);
    expect(s.annRegions.every((c) => c === 255)).toBe(true);
    // The gradient check refuses (naming the points) rather than averaging over zero rows.
    expect(() => pageGradientCheck(lab, 1e-5)).toThrow(ParameterError);
    expect(() => pageGradientCheck(lab, 1e-5)).toThrow(/^points = 0 is not allowed/);
  });

  it('the weights on show are the seed\'s initial weights (oracle: a trainer of the same shape and seed over real points)', () => {
    const s = custom([]);
    const lab = new Lab(s, makeTrainerPort);
    const real = buildDataset(custom([{ x: 0.5, y: 0.5, c: 0 }, { x: -0.5, y: -0.5, c: 1 }]));
    const port = makeTrainerPort(real, { ...real, n: 0, x: new Float64Array(0), y: new Int32Array(0) }, s);
    const [d, h, k] = port.sizes;
    const w1 = new Float64Array(d * h), b1 = new Float64Array(h), w2 = new Float64Array(h * k), b2 = new Float64Array(k);
    port.readWeights(w1, b1, w2, b2);
    expect(Array.from(lab.snapshot.w1)).toEqual(Array.from(w1));
    expect(Array.from(lab.snapshot.w2)).toEqual(Array.from(w2));
  });

  it('the first points added train again, and clearing them empties the data again', () => {
    const lab = new Lab(custom([]), makeTrainerPort);
    const pts = [{ x: 0.5, y: 0.5, c: 0 }, { x: -0.5, y: -0.5, c: 1 }];
    lab.configure(custom(pts));
    expect(lab.noData).toBe(false);
    for (let f = 0; f < 5; f++) lab.frame(4);
    expect(lab.snapshot.trainStep).toBe(20);
    expect(lab.snapshot.dataCount).toBe(2);
    expect(lab.snapshot.historyLength).toBeGreaterThan(0);
    expect(lab.spikingActive).toBe(true);
    lab.configure(custom([]));
    expect(lab.noData).toBe(true);
    expect(lab.snapshot.dataCount).toBe(0);
    expect(lab.snapshot.historyLength).toBe(0);
    expect(lab.spikingActive).toBe(false);
  });
});
