/**
 * The page's data: the dataset the settings describe, scaled into the input plane, and a fresh
 * snapshot for a network shape with the split data written into it for the plane.
 */
import { makeDataset, type Dataset } from '../data/index';
import { ParameterError } from '../errors';
import { MAX_CUSTOM_CLASSES, MAX_CUSTOM_POINTS, type Settings } from './settings';
import { allocateSnapshot, type LabSnapshot, type LayerSizes } from './snapshot';

/**
 * Turns settings into the page's dataset: every set is scaled into the input plane [-1, 1]^2
 * (divided by the largest |feature|), iris is projected to its two petal features (length,
 * width), and `custom` takes the user's points as they are (none: an empty dataset, n = 0).
 */
export function buildDataset(s: Settings): Dataset {
  let ds: Dataset;
  if (s.dataset === 'custom') {
    // No points is no data (after "Clear points"): the lab then waits for points (`noData`).
    const pts = s.pts;
    const n = pts.length;
    const x = new Float64Array(2 * n);
    const y = new Int32Array(n);
    let classes = 2;
    pts.forEach((p, i) => {
      x[2 * i] = p.x;
      x[2 * i + 1] = p.y;
      y[i] = p.c;
      classes = Math.max(classes, p.c + 1);
    });
    return { name: 'custom', x, y, n, d: 2, classes };
  }
  if (s.dataset === 'iris') {
    const full = makeDataset('iris', { seed: s.seed });
    const x = new Float64Array(full.n * 2);
    for (let i = 0; i < full.n; i++) {
      x[2 * i] = full.x[i * full.d + 2];
      x[2 * i + 1] = full.x[i * full.d + 3];
    }
    ds = { ...full, x, d: 2, name: 'iris (petal length, petal width)' };
  } else {
    const classes = s.dataset === 'spiral' || s.dataset === 'gaussians' ? 3 : 2;
    ds = makeDataset(s.dataset, { seed: s.seed, pointsPerClass: Math.max(1, Math.round(s.points / classes)), noise: s.noise, classes });
  }
  let m = 0;
  for (let i = 0; i < ds.x.length; i++) m = Math.max(m, Math.abs(ds.x[i]));
  if (m > 0) for (let i = 0; i < ds.x.length; i++) ds.x[i] = (0.95 * ds.x[i]) / m;
  return ds;
}

/**
 * The one row a trainer is built over when the page has no points: the trainer needs a row to
 * exist, and its initial weights depend only on the shape [2, H, 2] and the seed, so this row
 * decides nothing. It is never trained on or scored (TrainingLoop, ScoreHistory and the planes
 * check `noData` first), and it is not in the page's data.
 */
export function placeholderRow(): Dataset {
  return { name: 'no points', x: new Float64Array(2), y: new Int32Array(1), n: 1, d: 2, classes: 2 };
}

/**
 * A fresh snapshot for layer sizes [D, H, K] and the dataset `ds` as split into `train` and
 * `test` (training points first, then test points), keeping the old snapshot's probe and
 * counting on from its data version.
 */
export function dataSnapshot(sizes: LayerSizes, ds: Dataset, train: Dataset, test: Dataset, old: LabSnapshot, s: Settings): LabSnapshot {
  const snap = allocateSnapshot(sizes, ds.n);
  snap.probe[0] = old.probe[0] || 0.3;
  snap.probe[1] = old.probe[1] || 0.3;
  snap.classes = ds.classes;
  snap.dataCount = ds.n;
  snap.dataVersion = old.dataVersion + 1;
  snap.windowMs = s.tMs;
  snap.activationName = s.activation;
  // Converted neurons work in threshold units: rest/reset 0, threshold 1.
  snap.vRange[0] = 0;
  snap.vRange[1] = 1;
  snap.delayMs = s.delayMs;
  // Data for the plane: training points first, then test points.
  let i = 0;
  for (const [part, isTest] of [[train, 0], [test, 1]] as const) {
    for (let r = 0; r < part.n; r++, i++) {
      snap.dataX[2 * i] = part.x[r * part.d];
      snap.dataX[2 * i + 1] = part.x[r * part.d + 1];
      snap.dataY[i] = part.y[r];
      snap.dataIsTest[i] = isTest;
    }
  }
  snap.dataCount = i;
  return snap;
}

/** Why pasted points were refused; `detail` holds the words to quote (the field, the point, the class). */
export type PointsCsvReason = 'empty' | 'fields' | 'number' | 'outside' | 'class' | 'count';

/** A refusal of pasted points, naming the 1-based line (0 when it is about the whole text). */
export class PointsCsvError extends ParameterError {
  constructor(
    readonly reason: PointsCsvReason,
    readonly line: number,
    value: unknown,
    allowed: string,
    readonly detail: Readonly<Record<string, string | number>> = {},
  ) {
    super(line ? `csv line ${line}` : 'csv', value, allowed);
  }
}

/** One custom point of the page: x, y in the input plane [-1, 1], class c in 0..MAX_CUSTOM_CLASSES-1. */
export interface PagePoint {
  x: number;
  y: number;
  c: number;
}

/**
 * Reads pasted points for the page, one `x,y,class` per line (blank lines skipped, one header
 * line allowed when its first field is not a number). Points are taken as they are: a point
 * outside the plane [-1, 1]^2 or a class outside 0..MAX_CUSTOM_CLASSES-1 (or not a whole number)
 * is refused with its line, never rescaled or relabelled, so what the student sees is what they
 * typed. Throws PointsCsvError.
 */
export function parsePagePoints(text: string): PagePoint[] {
  const maxClass = MAX_CUSTOM_CLASSES - 1;
  const lines = text.split(/\r?\n/);
  const out: PagePoint[] = [];
  let headerSeen = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '') continue;
    const line = i + 1;
    const fields = raw.split(/\s*[,;\t]\s*/);
    const nums = fields.map((f) => (f.trim() === '' ? NaN : Number(f)));
    if (!headerSeen && out.length === 0 && !Number.isFinite(nums[0])) {
      headerSeen = true; // a header line such as x,y,class
      continue;
    }
    if (fields.length !== 3) throw new PointsCsvError('fields', line, raw, 'three fields x,y,class', { text: raw });
    for (let j = 0; j < 3; j++) {
      if (!Number.isFinite(nums[j])) throw new PointsCsvError('number', line, fields[j], 'a finite number', { text: fields[j] });
    }
    const [x, y, c] = nums;
    if (Math.abs(x) > 1 || Math.abs(y) > 1) {
      throw new PointsCsvError('outside', line, raw, 'a point with x and y in [-1, 1] (the input plane)', { x: fields[0], y: fields[1] });
    }
    if (!Number.isInteger(c) || c < 0 || c > maxClass) {
      throw new PointsCsvError('class', line, fields[2], `a class 0..${maxClass}`, { c: fields[2], max: maxClass });
    }
    out.push({ x, y, c });
  }
  if (out.length === 0) throw new PointsCsvError('empty', 0, text.slice(0, 40), 'at least one line x,y,class');
  if (out.length > MAX_CUSTOM_POINTS) throw new PointsCsvError('count', 0, `${out.length} points`, `at most ${MAX_CUSTOM_POINTS} points`, { n: out.length, max: MAX_CUSTOM_POINTS });
  return out;
}
