import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { Rng } from '../random';
import { DATASET_NAMES, loadDataset, makeDataset, parseCsvDataset, splitDataset, stratifiedSample } from './index';

describe('generated datasets', () => {
  it('spiral follows the course formula: r = linspace(0,1,N), t = linspace(4j,4(j+1),N) + 0.2 randn', () => {
    const ds = makeDataset('spiral', { seed: 0 });
    expect([ds.n, ds.d, ds.classes]).toEqual([300, 2, 3]);
    for (let j = 0; j < 3; j++) {
      // first point of each arm sits at the origin (r = 0); the last has radius exactly 1
      const first = 100 * j, last = 100 * j + 99;
      expect(Math.hypot(ds.x[2 * first], ds.x[2 * first + 1])).toBe(0);
      expect(Math.hypot(ds.x[2 * last], ds.x[2 * last + 1])).toBeCloseTo(1, 12);
      expect(ds.y[first]).toBe(j);
      // angle of point i is 4j + 4i/99 plus noise of sd 0.2: check the noise has that scale
      let ss = 0;
      for (let i = 1; i < 100; i++) {
        const k = 100 * j + i;
        const t = Math.atan2(ds.x[2 * k], ds.x[2 * k + 1]);
        const expected = 4 * j + (4 * i) / 99;
        const dt = Math.atan2(Math.sin(t - expected), Math.cos(t - expected));
        ss += dt * dt;
      }
      expect(Math.sqrt(ss / 99)).toBeGreaterThan(0.14);
      expect(Math.sqrt(ss / 99)).toBeLessThan(0.27);
    }
  });

  it('is seeded: same seed same points, other seed other points', () => {
    for (const name of ['spiral', 'xor', 'circle', 'gaussians', 'moons']) {
      const a = makeDataset(name, { seed: 3 }), b = makeDataset(name, { seed: 3 }), c = makeDataset(name, { seed: 4 });
      expect(a.x).toEqual(b.x);
      expect(a.x).not.toEqual(c.x);
      expect(Math.max(...a.y) + 1).toBe(a.classes);
    }
  });

  it('labels match the geometry of xor and circle', () => {
    const x = makeDataset('xor', { seed: 1, noise: 0 });
    for (let i = 0; i < x.n; i++) expect(x.y[i]).toBe(x.x[2 * i] * x.x[2 * i + 1] > 0 ? 0 : 1);
    const c = makeDataset('circle', { seed: 1, noise: 0 });
    for (let i = 0; i < c.n; i++) expect(c.y[i]).toBe(Math.hypot(c.x[2 * i], c.x[2 * i + 1]) < 0.6 ? 0 : 1);
  });

  it('refuses an unknown dataset and bad options', () => {
    expect(() => makeDataset('mnist-fashion', { seed: 0 })).toThrow(/dataset = "mnist-fashion" is not allowed: expected one of spiral/);
    expect(() => makeDataset('spiral', { seed: 0, pointsPerClass: 0 })).toThrow(ParameterError);
    expect(() => makeDataset('xor', { seed: 0, classes: 3 })).toThrow(ParameterError);
    expect(DATASET_NAMES).toContain('digits');
  });
});

describe('iris', () => {
  it('has 150 rows of 4 standardised features and 3 species', () => {
    const ds = makeDataset('iris', { seed: 0 });
    expect([ds.n, ds.d, ds.classes]).toEqual([150, 4, 3]);
    expect(ds.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    const raw = makeDataset('iris', { seed: 0, raw: true });
    expect(Array.from(raw.x.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2]); // Fisher's first row
    let mean = 0;
    for (let i = 0; i < 150; i++) mean += ds.x[i * 4];
    expect(mean / 150).toBeCloseTo(0, 12);
  });
});

describe('CSV', () => {
  it('reads features, integer labels and an optional header', () => {
    const ds = parseCsvDataset('a,b,label\n1,2,0\n3.5,-4,1\n\n# comment\n0,0,2\n');
    expect([ds.n, ds.d, ds.classes]).toEqual([3, 2, 3]);
    expect(Array.from(ds.x)).toEqual([1, 2, 3.5, -4, 0, 0]);
    expect(Array.from(ds.y)).toEqual([0, 1, 2]);
  });
  it('numbers named labels in order of first appearance', () => {
    const ds = parseCsvDataset('1,cat\n2,dog\n3,cat\n');
    expect(ds.classNames).toEqual(['cat', 'dog']);
    expect(Array.from(ds.y)).toEqual([0, 1, 0]);
  });
  it('names line and column of a non-number or a missing label', () => {
    expect(() => parseCsvDataset('1,2,0\n1,x,1\n')).toThrow(/csv line 2 column 2 = "x" is not allowed: expected a finite number/);
    expect(() => parseCsvDataset('1,2,0\n\n3,4\n')).toThrow(/csv line 3 column 3/);
    expect(() => parseCsvDataset('1,2,0\n3,4,\n')).toThrow(/csv line 2 column 3/);
    expect(() => parseCsvDataset('')).toThrow(ParameterError);
  });
});

describe('splitDataset', () => {
  it('is stratified and seeded', () => {
    const ds = makeDataset('spiral', { seed: 0 });
    const { train, test } = splitDataset(ds, 0.2, new Rng(1));
    expect([train.n, test.n]).toEqual([240, 60]);
    for (let c = 0; c < 3; c++) expect(test.y.filter((v) => v === c).length).toBe(20);
    const again = splitDataset(ds, 0.2, new Rng(1));
    expect(again.test.x).toEqual(test.x);
    expect(() => splitDataset(ds, 1, new Rng(1))).toThrow(/testFraction/);
  });
});

describe('splitDataset of a large class (found by fuzzing: a class of 10^5+ rows overflowed the call stack)', () => {
  it('splits 400,000 rows of one class into every row once, 20% held out', () => {
    const n = 400_000;
    const ds = { name: 'big', x: Float64Array.from({ length: n }, (_, i) => i), y: new Int32Array(n), n, d: 1, classes: 2 };
    const { train, test } = splitDataset(ds, 0.2, new Rng(3));
    expect([train.n, test.n]).toEqual([n - 80_000, 80_000]);
    const seen = new Uint8Array(n);
    for (const part of [train, test]) for (const v of part.x) seen[v]++;
    expect(seen.every((c) => c === 1)).toBe(true);
  });
});

describe('loadDataset', () => {
  it('loads the generated sets asynchronously too', async () => {
    const ds = await loadDataset('moons', { seed: 0 });
    expect(ds.n).toBe(200);
  });
});

describe('CSV class labels beyond the 32-bit range', () => {
  it('are refused with the line, not wrapped into another class', () => {
    for (const label of ['4294967296', '4294967297', '10001', '99999999999999999999']) {
      expect(() => parseCsvDataset(`0,0,0\n1,1,${label}`)).toThrow(new RegExp(`csv line 2 column 3 = "${label}"`));
    }
    expect(parseCsvDataset('0,0,0\n1,1,10000').classes).toBe(10001);
  });
});

describe('stratifiedSample', () => {
  it('draws every class as evenly as its size allows, distinct rows in row order, the same for one seed', () => {
    const ds = makeDataset('spiral', { seed: 0 });
    const { test } = splitDataset(ds, 0.2, new Rng(0).fork());
    const rows = stratifiedSample(test, 10, new Rng(5));
    const perClass = [0, 0, 0];
    for (const r of rows) perClass[test.y[r]]++;
    expect(perClass.sort()).toEqual([3, 3, 4]);
    expect(new Set(rows).size).toBe(10);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(stratifiedSample(test, 10, new Rng(5))).toEqual(rows);
    expect(stratifiedSample(test, test.n, new Rng(1)).length).toBe(test.n);
    expect(() => stratifiedSample(test, test.n + 1, new Rng(1))).toThrow(/count/);
  });
});
