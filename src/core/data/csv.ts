/**
 * User data from CSV text: one example per line, `x1,x2,...,label`. An optional header line
 * (any field not a number) names the columns. Labels may be integers (used as class indices
 * 0..max) or names (classes numbered in order of first appearance). Blank lines and lines
 * starting with `#` are skipped. Every error names the line and column (1-based).
 */
import { ParameterError } from '../errors';
import type { Dataset } from './types';

/** Largest integer class label. */
export const MAX_CLASS_LABEL = 10_000;

/** Parses CSV text into a Dataset; throws ParameterError naming line and column of the first bad field. */
export function parseCsvDataset(text: string, name = 'csv'): Dataset {
  if (typeof text !== 'string') throw new ParameterError('csv', text, 'CSV text');
  const lines = text.split(/\r?\n/);
  const rows: { line: number; fields: string[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i].trim();
    if (s === '' || s.startsWith('#')) continue;
    rows.push({ line: i + 1, fields: s.split(',').map((f) => f.trim()) });
  }
  if (rows.length === 0) throw new ParameterError('csv', text.slice(0, 40), 'at least one line x1,x2,...,label');
  let header: string[] | undefined;
  const first = rows[0];
  if (first.fields.slice(0, -1).some((f) => f === '' || !Number.isFinite(Number(f))) && first.fields.length >= 2) {
    header = first.fields;
    rows.shift();
  }
  const width = header?.length ?? rows[0]?.fields.length ?? 0;
  if (width < 2) {
    const r = rows[0] ?? first;
    throw new ParameterError(`csv line ${r.line} column 2`, r.fields.join(','), 'at least one feature and a label: x1,x2,...,label');
  }
  if (rows.length === 0) throw new ParameterError(`csv line ${first.line + 1}`, '', 'at least one data line after the header');
  const d = width - 1;
  const n = rows.length;
  const x = new Float64Array(n * d);
  const rawLabels: string[] = [];
  rows.forEach(({ line, fields }, i) => {
    if (fields.length < width || fields[d] === '') {
      const col = Math.min(fields.length, d) + 1;
      throw new ParameterError(`csv line ${line} column ${col}`, fields.join(','), `${d} numbers and a label (${width} fields)`);
    }
    if (fields.length > width) {
      throw new ParameterError(`csv line ${line} column ${width + 1}`, fields[width], `${width} fields: ${d} numbers and a label`);
    }
    for (let j = 0; j < d; j++) {
      const f = fields[j];
      const v = f === '' ? NaN : Number(f);
      if (!Number.isFinite(v)) throw new ParameterError(`csv line ${line} column ${j + 1}`, f, 'a finite number');
      x[i * d + j] = v;
    }
    rawLabels.push(fields[d]);
  });
  const y = new Int32Array(n);
  let classNames: string[] | undefined;
  let classes: number;
  if (rawLabels.every((l) => /^\d+$/.test(l))) {
    // Compared as numbers before storing: an Int32Array would wrap 4294967296 to class 0.
    let max = 0;
    rawLabels.forEach((l, i) => {
      const label = Number(l);
      if (label > MAX_CLASS_LABEL) throw new ParameterError(`csv line ${rows[i].line} column ${width}`, l, `a class label 0..${MAX_CLASS_LABEL} or a class name`);
      y[i] = label;
      if (label > max) max = label;
    });
    classes = Math.max(2, max + 1);
  } else {
    const index = new Map<string, number>();
    rawLabels.forEach((l, i) => {
      let c = index.get(l);
      if (c === undefined) index.set(l, (c = index.size));
      y[i] = c;
    });
    classNames = [...index.keys()];
    classes = Math.max(2, classNames.length);
  }
  return { name, x, y, n, d, classes, ...(classNames ? { classNames } : {}) };
}
