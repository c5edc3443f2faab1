import { describe, expect, it } from 'vitest';
import { forwardInto, type DenseLayer } from '../ann/forward';
import { makeTrainerPort } from '../lab/engines';
import { Lab } from '../lab/lab';
import { defaultSettings, type Settings } from '../lab/settings';
import { SNN_GRID, type LabSnapshot } from '../lab/snapshot';
import { UNIT_MAP_GRID, UNIT_MAP_MAX_UNITS, annUnitMaps, mapCorrelations, pearson, planeGrid, rateMaps, unitMajor } from './unit-maps';

/** The snapshot's weights as the forward pass's layers (copies). */
function layersOf(s: LabSnapshot): DenseLayer[] {
  const [d, h, k] = s.sizes;
  return [
    { inputs: d, outputs: h, weights: s.w1.slice(), bias: s.b1.slice() },
    { inputs: h, outputs: k, weights: s.w2.slice(), bias: s.b2.slice() },
  ];
}

/** A lab trained `frames` x 10 steps, then paused until both planes show the current weights. */
function trainedLab(patch: Partial<Settings>, frames = 100): Lab {
  const lab = new Lab({ ...defaultSettings(), ...patch }, makeTrainerPort);
  for (let i = 0; i < frames; i++) lab.frame(10);
  for (let i = 0; i < 200 && lab.idle(); i++);
  return lab;
}

describe('unit maps: the pieces', () => {
  it('the grid is the spiking plane\'s 16 x 16 cell centres, row 0 at the top', () => {
    expect(UNIT_MAP_GRID).toBe(SNN_GRID);
    const g = planeGrid(4);
    // cell (row 0, col 0) = (-0.75, 0.75); (row 3, col 2) = (0.25, -0.75)
    expect([g[0], g[1]]).toEqual([-0.75, 0.75]);
    expect([g[2 * 14], g[2 * 14 + 1]]).toEqual([0.25, -0.75]);
    expect(() => planeGrid(0)).toThrow(/grid = 0/);
  });

  it('pearson: +1 and -1 for exact lines, NaN for a constant map, and a worked example', () => {
    const a = [1, 2, 3, 4];
    expect(pearson(a, 0, [3, 5, 7, 9], 0, 4)).toBeCloseTo(1, 15);
    expect(pearson(a, 0, [0, -1, -2, -3], 0, 4)).toBeCloseTo(-1, 15);
    expect(pearson(a, 0, [2, 2, 2, 2], 0, 4)).toBeNaN();
    // x = 1..5, y = 2 4 5 4 5: sxy = 6, sxx = 10, syy = 6, r = 6 / sqrt(60)
    expect(pearson([0, 1, 2, 3, 4, 5], 1, [2, 4, 5, 4, 5], 0, 5)).toBeCloseTo(6 / Math.sqrt(60), 14);
  });

  it('rates are count / T in Hz, unit-major; the transpose copies values exactly', () => {
    const counts = Int32Array.from([1, 2, 3, 4, 5, 6]); // 3 cells x 2 units
    const maps = new Float64Array(6);
    rateMaps(counts, 3, 2, 200, maps);
    expect(Array.from(maps)).toEqual([5, 15, 25, 10, 20, 30]);
    unitMajor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], 3, 2, maps);
    expect(Array.from(maps)).toEqual([0.1, 0.3, 0.5, 0.2, 0.4, 0.6]);
    expect(() => rateMaps(counts, 3, 2, 0, maps)).toThrow(/t_ms = 0/);
    const r = new Float64Array(2);
    mapCorrelations([1, 2, 3, 1, 1, 1], [2, 4, 6, 0, 1, 2], 3, 2, r);
    expect(r[0]).toBeCloseTo(1, 15);
    expect(r[1]).toBeNaN();
  });
});

describe('unit maps in the lab', () => {
  it('the ANN thumbnails equal forwardInto\'s hidden activation at each grid point, bit for bit, as training moves the weights', () => {
    const lab = new Lab({ ...defaultSettings(), hidden: 6 }, makeTrainerPort);
    const x = planeGrid(UNIT_MAP_GRID);
    const cells = UNIT_MAP_GRID * UNIT_MAP_GRID;
    let changed = 0;
    let before = lab.snapshot.unitMapsAnn.slice();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 10; i++) lab.frame(5);
      lab.step(); // recomputes the ANN plane with the current weights
      const s = lab.snapshot;
      expect(s.annRegionsStep).toBe(s.trainStep);
      // oracle: the one forward pass, run here on the snapshot's weights, hidden layer 0
      const hidden = new Float64Array(cells * 6);
      forwardInto(layersOf(s), 'relu', x, cells, [hidden, new Float64Array(cells * s.sizes[2])]);
      for (let j = 0; j < 6; j++) for (let c = 0; c < cells; c++) expect(s.unitMapsAnn[j * cells + c]).toBe(hidden[c * 6 + j]);
      expect(Array.from(annUnitMaps(layersOf(s), 'relu', 0, x, cells))).toEqual(Array.from(s.unitMapsAnn));
      if (s.unitMapsAnn.some((v, i) => v !== before[i])) changed++;
      before = s.unitMapsAnn.slice();
    }
    expect(changed).toBe(3);
    expect(() => annUnitMaps(layersOf(lab.snapshot), 'relu', 1, x, cells)).toThrow(/layer = 1/);
  });

  it('each spiking twin\'s rate map correlates with its ANN unit on a trained network (IF: r > 0.98; LIF: r > 0.9)', () => {
    // Measured (README): spiral, 1,000 steps, seeds 1-3: IF r >= 0.993, LIF (tau_m 20 ms) r >= 0.958.
    for (const [patch, bound] of [[{}, 0.98], [{ neuron: 'lif' }, 0.9]] as const) {
      const lab = trainedLab(patch);
      const s = lab.snapshot;
      expect(s.snnRegionsStep).toBe(s.trainStep);
      const cells = UNIT_MAP_GRID * UNIT_MAP_GRID, h = s.sizes[1];
      const ann = annUnitMaps(layersOf(s), 'relu', 0, planeGrid(UNIT_MAP_GRID), cells);
      let active = 0;
      for (let j = 0; j < h; j++) {
        // The lab's r is the correlation with the ANN of the same weights (recomputed here).
        const r = pearson(ann, j * cells, s.unitMapsSnn, j * cells, cells);
        if (Number.isNaN(s.unitMapsR[j])) {
          // a unit silent on the whole plane: constant maps on both sides
          expect(Math.max(...ann.subarray(j * cells, (j + 1) * cells))).toBe(0);
          continue;
        }
        active++;
        expect(s.unitMapsR[j]).toBe(r);
        expect(r, `unit ${j}`).toBeGreaterThan(bound);
      }
      expect(active).toBeGreaterThanOrEqual(h - 2);
      // rates are Hz: at most one spike per 1 ms step
      expect(Math.max(...s.unitMapsSnn)).toBeLessThanOrEqual(1000);
      expect(Math.max(...s.unitMapsSnn)).toBeGreaterThan(50);
    }
  });

  it('networks above UNIT_MAP_MAX_UNITS carry no maps (the page shows a note)', () => {
    const lab = new Lab({ ...defaultSettings(), hidden: UNIT_MAP_MAX_UNITS + 1 }, makeTrainerPort);
    lab.frame(5);
    expect(lab.snapshot.unitMapsAnn.length).toBe(0);
    expect(lab.snapshot.unitMapsSnn.length).toBe(0);
  });
});
