/**
 * Custom data points of the page: a clicked point or a pasted CSV (x,y,class per line) as the
 * settings' `pts`, coordinates rounded to 3 decimals, a CSV rescaled into [-1, 1]^2 when larger.
 */
import { parseCsvDataset } from '../core/data/index';
import { ParameterError } from '../core/errors';
import { MAX_CUSTOM_CLASSES, MAX_CUSTOM_POINTS, type Settings } from '../core/lab/settings';

/** A coordinate as the URL keeps it: 3 decimals. */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * The points of a pasted CSV: two features and a class 0..3 per line, divided by the largest
 * |coordinate| when that exceeds 1. Throws ParameterError (`csv`) for another number of features,
 * too many classes or too many lines.
 */
export function csvPoints(text: string): Settings['pts'] {
  const ds = parseCsvDataset(text);
  if (ds.d !== 2) throw new ParameterError('csv', `${ds.d} features`, 'exactly 2 features per line: x,y,class');
  if (ds.classes > MAX_CUSTOM_CLASSES) throw new ParameterError('csv', `${ds.classes} classes`, `at most ${MAX_CUSTOM_CLASSES} classes`);
  if (ds.n > MAX_CUSTOM_POINTS) throw new ParameterError('csv', `${ds.n} lines`, `at most ${MAX_CUSTOM_POINTS} points`);
  let m = 1;
  for (let i = 0; i < ds.x.length; i++) m = Math.max(m, Math.abs(ds.x[i]));
  return Array.from({ length: ds.n }, (_, i) => ({ x: round3(ds.x[2 * i] / m), y: round3(ds.x[2 * i + 1] / m), c: ds.y[i] }));
}
