/**
 * Small statistics the bridge experiments report: Pearson's r, percentiles, and the readout of a
 * spiking output layer. Plain functions over typed arrays; no allocation beyond the result.
 */

/** Anything indexable by number with a length: Float64Array, Int32Array, number[]. */
export type NumericArray = ArrayLike<number>;

/**
 * Pearson's correlation coefficient of paired samples x[i], y[i]:
 * r = sum (x - mx)(y - my) / sqrt(sum (x - mx)^2 sum (y - my)^2).
 * Two passes (means first) for numerical stability. Returns NaN when either side is constant
 * (r is undefined there) or when there are fewer than 2 pairs.
 */
export function pearson(x: NumericArray, y: NumericArray): number {
  const n = Math.min(x.length, y.length);
  if (n < 2) return NaN;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * The p-th percentile (0..100) with linear interpolation between order statistics, as numpy's
 * default: position (n - 1) p / 100 in the sorted data. Returns NaN for empty data.
 */
export function percentile(values: NumericArray, p: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const pos = ((n - 1) * p) / 100;
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * The class a spiking output layer names for input b: the neuron with the most spikes, ties
 * broken by the higher membrane potential, then by the lower index.
 * @param counts B x K spike counts, row-major
 * @param v B x K membrane potentials, row-major
 * @param b the input's row
 * @param k the number of classes
 */
export function spikeReadout(counts: NumericArray, v: NumericArray, b: number, k: number): number {
  const base = b * k;
  let best = 0, bestCount = counts[base], bestV = v[base];
  for (let j = 1; j < k; j++) {
    const c = counts[base + j], vj = v[base + j];
    if (c > bestCount || (c === bestCount && vj > bestV)) {
      best = j;
      bestCount = c;
      bestV = vj;
    }
  }
  return best;
}

/** The index of the largest of row b of a B x K row-major matrix (lowest index on ties). */
export function argmaxRow(m: NumericArray, b: number, k: number): number {
  const base = b * k;
  let best = 0;
  for (let j = 1; j < k; j++) if (m[base + j] > m[base + best]) best = j;
  return best;
}

/** The median of plain numbers (mean of the middle two for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
