/**
 * Each hidden unit's output over the input plane, on both sides of the bridge: the ANN unit's
 * activation h_j(x) = f(x W_1 + b_1)_j (for a deeper layer l: f(a_{l-1} W_l + b_l)_j) at the
 * centre of every cell of a G x G grid over [-1, 1]^2, and its spiking twin's firing rate at the
 * same points, r_j(x) = count_j(x) / T (Hz). Under the rate code of the conversion (convert.ts)
 * r_j(x) dt ~ min(1, h_j(x) / lambda_l), so the two maps of a unit should look alike; their
 * Pearson correlation says how alike.
 *
 * Maps are unit-major: map j is maps[j * n .. (j + 1) * n), cell c = row * G + column, row 0 at
 * the top (y = +1), as the decision-region planes. DOM-free; nothing here allocates except
 * `annUnitMaps` and `planeGrid` (made once).
 */
import { ParameterError } from '../errors';
import type { HiddenActivation } from '../export/network-file';
import { forwardInto, type DenseLayer } from '../ann/forward';

/** Cells per side of a unit's map (the spiking decision-region grid's resolution). */
export const UNIT_MAP_GRID = 16;
/** Largest hidden layer whose maps the page computes and shows (beyond it, a note). */
export const UNIT_MAP_MAX_UNITS = 16;

/**
 * Cell centres of a g x g grid over [-1, 1]^2, (g^2 x 2) row-major: cell c = r g + col at
 * x = -1 + 2 (col + 1/2) / g, y = 1 - 2 (r + 1/2) / g (row 0 at the top).
 */
export function planeGrid(g: number): Float64Array {
  if (!Number.isInteger(g) || g < 1) throw new ParameterError('grid', g, 'a whole number of cells per side >= 1');
  const x = new Float64Array(g * g * 2);
  for (let r = 0; r < g; r++) {
    for (let c = 0; c < g; c++) {
      const k = r * g + c;
      x[2 * k] = -1 + (2 * (c + 0.5)) / g;
      x[2 * k + 1] = 1 - (2 * (r + 0.5)) / g;
    }
  }
  return x;
}

/**
 * Unit-major maps from row-major activations: maps[j n + c] = acts[c units + j] for n cells
 * and `units` units (a transpose; copies values exactly).
 */
export function unitMajor(acts: ArrayLike<number>, n: number, units: number, maps: Float64Array): void {
  if (acts.length < n * units || maps.length < n * units) throw new ParameterError('maps', maps.length, `at least ${n} x ${units} = ${n * units} numbers`);
  for (let c = 0; c < n; c++) {
    const o = c * units;
    for (let j = 0; j < units; j++) maps[j * n + c] = acts[o + j];
  }
}

/**
 * The ANN maps of hidden layer `layer` (0 = the first hidden layer) at n points x (n x D):
 * forwardInto's own activations, unit-major (units x n). Allocates the forward buffers (for
 * tests and the command line; the lab reuses its grid's forward pass instead).
 */
export function annUnitMaps(layers: readonly DenseLayer[], activation: HiddenActivation, layer: number, x: Float64Array, n: number): Float64Array {
  if (!Number.isInteger(layer) || layer < 0 || layer >= layers.length - 1) {
    throw new ParameterError('layer', layer, `a hidden layer, 0 to ${layers.length - 2}`);
  }
  const outs = layers.map((l) => new Float64Array(n * l.outputs));
  forwardInto(layers, activation, x, n, outs);
  const units = layers[layer].outputs;
  const maps = new Float64Array(units * n);
  unitMajor(outs[layer], n, units, maps);
  return maps;
}

/**
 * Firing-rate maps, Hz, unit-major (units x n), from spike counts over `tMs` ms (row-major
 * n x units, as a batched population counts: cell c's neuron j at c units + j):
 * rate = count / T.
 */
export function rateMaps(counts: ArrayLike<number>, n: number, units: number, tMs: number, maps: Float64Array): void {
  if (!(tMs > 0) || !Number.isFinite(tMs)) throw new ParameterError('t_ms', tMs, 'a finite duration > 0 ms');
  const perSpike = 1000 / tMs;
  if (counts.length < n * units || maps.length < n * units) throw new ParameterError('maps', maps.length, `at least ${n} x ${units} = ${n * units} numbers`);
  for (let c = 0; c < n; c++) {
    const o = c * units;
    for (let j = 0; j < units; j++) maps[j * n + c] = counts[o + j] * perSpike;
  }
}

/**
 * Pearson correlation of a[aOff .. aOff + len) and b[bOff .. bOff + len):
 * r = sum (a - mean a)(b - mean b) / sqrt(sum (a - mean a)^2 sum (b - mean b)^2);
 * NaN when either is constant (a unit silent over the whole plane has no shape to compare).
 */
export function pearson(a: ArrayLike<number>, aOff: number, b: ArrayLike<number>, bOff: number, len: number): number {
  let ma = 0, mb = 0;
  for (let i = 0; i < len; i++) {
    ma += a[aOff + i];
    mb += b[bOff + i];
  }
  ma /= len;
  mb /= len;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < len; i++) {
    const da = a[aOff + i] - ma, db = b[bOff + i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/** Per unit, the correlation of map j of `a` with map j of `b` (both units x n) into `out` (units). */
export function mapCorrelations(a: ArrayLike<number>, b: ArrayLike<number>, n: number, units: number, out: Float64Array): void {
  for (let j = 0; j < units; j++) out[j] = pearson(a, j * n, b, j * n, n);
}
