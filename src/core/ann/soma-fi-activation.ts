/**
 * The hidden activation "through a soma model's f-I curve": the generalisation of soft-LIF
 * (Hunsberger & Eliasmith 2015) to any spiking model. The model's firing rate against a constant
 * input current, measured by simulation over the spiking run's window T and time step
 * (experiments/soma-fi.ts), is fitted by a monotone smooth function
 *
 *   F(I) = sum_k w_k sigma((I - c_k) / s),   w_k >= 0,   sigma(x) = 1 / (1 + e^-x)   [Hz]
 *
 * (a non-negative sum of logistic steps of width s centred on the measured currents c_k: increasing
 * and smooth by construction, 0 far below the range, able to follow a type II neuron's jump at
 * rheobase with a step of width s). The ANN's pre-activation u (dimensionless) is the current
 *
 *   I = I_0 + c u   (model units: mV of drive, Izhikevich units, uA/cm2, Hz),
 *
 * I_0 the onset of firing and c the input-to-current scale chosen from the data, and the activation
 * is a(u) = A F(I_0 + c u) with A the activation per Hz, so a spiking neuron's rate r (Hz) stands
 * for the activation A r. Derivative: da/du = A c sum_k w_k sigma'(x_k) / s, sigma' = sigma (1 - sigma).
 */
import type { Activation } from './activations';

/** The fitted f-I curve and the map from pre-activation to current (plain data: it is saved in network files). */
export interface SomaFiFit {
  /** Centres c_k of the logistic steps, in the model's input unit. */
  centres: number[];
  /** Width s of every step, in the model's input unit (> 0). */
  width: number;
  /** Heights w_k >= 0 of the steps, Hz. */
  weights: number[];
}

/** What `somaFiActivation` needs: the fit, the current map and the amplitude. */
export interface SomaFiMap {
  fit: SomaFiFit;
  /** I_0: current at u = 0, model units. */
  currentOffset: number;
  /** c: current per unit of pre-activation, model units. */
  currentScale: number;
  /** A: activation per Hz of rate. */
  amplitudePerHz: number;
}

/** sigma(x) = 1 / (1 + e^-x), without overflow for large |x|. */
function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** The fitted rate F(I), Hz. */
export function fittedRateHz(fit: SomaFiFit, current: number): number {
  const { centres, weights, width } = fit;
  let r = 0;
  for (let k = 0; k < centres.length; k++) if (weights[k] !== 0) r += weights[k] * logistic((current - centres[k]) / width);
  return r;
}

/** dF/dI, Hz per model unit of current. */
export function fittedRateSlope(fit: SomaFiFit, current: number): number {
  const { centres, weights, width } = fit;
  let d = 0;
  for (let k = 0; k < centres.length; k++) {
    if (weights[k] === 0) continue;
    const s = logistic((current - centres[k]) / width);
    d += weights[k] * s * (1 - s);
  }
  return d / width;
}

/** Nodes of the table the activation reads F from (per fit). */
export const SOMA_FI_TABLE_NODES = 2048;

/**
 * F tabulated for speed: a logistic sum costs one exponential per step per element, which made
 * training 40x slower than ReLU; the table costs one cubic. Nodes every h over
 * [min c_k - 12 s, max c_k + 12 s] (beyond it F is within e^-12 of 0 or of sum w_k, and is held
 * constant), values F(I_n) and slopes F'(I_n), the slopes limited as Fritsch and Carlson (1980)
 * prescribe so the piecewise cubic Hermite interpolant stays monotone. Its derivative is the exact
 * derivative of what is evaluated (the finite-difference test checks that).
 */
export interface FiTable {
  lo: number;
  h: number;
  values: Float64Array;
  slopes: Float64Array;
}

/** Builds the table of a fit (see FiTable). */
export function fiTable(fit: SomaFiFit, nodes = SOMA_FI_TABLE_NODES): FiTable {
  let cMin = Infinity, cMax = -Infinity;
  for (const c of fit.centres) { cMin = Math.min(cMin, c); cMax = Math.max(cMax, c); }
  const lo = cMin - 12 * fit.width, hi = cMax + 12 * fit.width;
  const h = (hi - lo) / (nodes - 1);
  const values = new Float64Array(nodes), slopes = new Float64Array(nodes);
  for (let n = 0; n < nodes; n++) {
    values[n] = fittedRateHz(fit, lo + n * h);
    slopes[n] = fittedRateSlope(fit, lo + n * h);
  }
  // Fritsch-Carlson: with secant d_n, slopes m_n, m_n+1 >= 0 and (m_n/d_n)^2 + (m_n+1/d_n)^2 <= 9
  for (let n = 0; n < nodes - 1; n++) {
    const d = (values[n + 1] - values[n]) / h;
    if (d <= 0) { slopes[n] = 0; slopes[n + 1] = 0; continue; }
    const a = slopes[n] / d, b = slopes[n + 1] / d, r = a * a + b * b;
    if (r > 9) { const t = 3 / Math.sqrt(r); slopes[n] = t * a * d; slopes[n + 1] = t * b * d; }
  }
  return { lo, h, values, slopes };
}

/** The tabulated F at current I (Hz) and dF/dI; written into `out` [F, F']. */
function tableAt(t: FiTable, current: number, out: Float64Array): void {
  const last = t.values.length - 1;
  const x = (current - t.lo) / t.h;
  if (!(x > 0)) { out[0] = t.values[0]; out[1] = 0; return; }
  if (x >= last) { out[0] = t.values[last]; out[1] = 0; return; }
  const k = Math.floor(x), s = x - k, s2 = s * s, s3 = s2 * s;
  const y0 = t.values[k], y1 = t.values[k + 1], m0 = t.slopes[k] * t.h, m1 = t.slopes[k + 1] * t.h;
  // cubic Hermite basis: h00 = 2s^3 - 3s^2 + 1, h10 = s^3 - 2s^2 + s, h01 = -2s^3 + 3s^2, h11 = s^3 - s^2
  out[0] = (2 * s3 - 3 * s2 + 1) * y0 + (s3 - 2 * s2 + s) * m0 + (-2 * s3 + 3 * s2) * y1 + (s3 - s2) * m1;
  out[1] = ((6 * s2 - 6 * s) * y0 + (3 * s2 - 4 * s + 1) * m0 + (-6 * s2 + 6 * s) * y1 + (3 * s2 - 2 * s) * m1) / t.h;
}

/** The tabulated F (Hz) at `current`: what the activation evaluates. */
export function tabulatedRateHz(t: FiTable, current: number): number {
  const out = new Float64Array(2);
  tableAt(t, current, out);
  return out[0];
}

/**
 * The activation a(u) = A F(I_0 + c u) with its derivative (see the module comment), F read from
 * the fit's table (FiTable). Bind once: the table is built here.
 */
export function somaFiActivation(map: SomaFiMap): Activation {
  const { currentOffset: i0, currentScale: c, amplitudePerHz: amp } = map;
  const table = fiTable(map.fit);
  const out = new Float64Array(2);
  return {
    f: (u) => { tableAt(table, i0 + c * u, out); return amp * out[0]; },
    df: (u) => { tableAt(table, i0 + c * u, out); return amp * c * out[1]; },
  };
}
