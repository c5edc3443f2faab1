/**
 * A soma model's f-I curve as a hidden activation (ann/soma-fi-activation.ts): measured by
 * simulation, checked, fitted by a monotone smooth function, and mapped onto the ANN's
 * pre-activations by a scale chosen from the data.
 *
 * Measurement. One neuron per current in one population (the spiking core's engine), constant
 * current I_k for T ms at step dt, the same T and dt as the spiking run, and the rate is the
 * spike count over the window, r_k = 1000 n_k / T Hz: exactly what a converted network's hidden
 * neuron is read by, so onset transients and adaptation (Izhikevich CH, RS) are in it, and a short
 * T quantises it to 1000 / T Hz.
 *
 * Fit. F(I) = sum_k w_k sigma((I - c_k) / s), w_k >= 0, centres on the measured currents, width
 * s = `smoothing` times their spacing, by non-negative least squares (Lawson and Hanson's active-set
 * method on the normal equations: exact, deterministic). Non-negative steps make F
 * increasing and smooth whatever the data; the width is the smoothing that makes a type II
 * neuron's jump at rheobase (Hodgkin-Huxley: 0 to about 50 Hz) differentiable. Its largest error
 * against the measured rates is reported (`maxErrorHz`).
 *
 * Refused (ParameterError naming the model): a model that never fires in the range, a curve whose
 * count falls by more than one spike as the current rises (not monotone within the range).
 */
import { fittedRateHz, type SomaFiFit } from '../ann/soma-fi-activation';
import { resolveModel, type ResolvedModel } from '../bio/models';
import { Network } from '../bio/network';
import { ParameterError, checkNumber } from '../errors';
import type { SomaFiSpec } from '../export/network-file';

/** Currents of the measured f-I curve by model (its input unit): from silence well into repetitive firing. */
export const SOMA_FI_RANGES: Record<string, [number, number]> = {
  lif: [0, 60],
  izhikevich: [0, 30],
  hh: [0, 40],
  relu: [-50, 500],
};

/** A soma model named as `soma convert --soma` takes it: `lif`, `izhikevich:RS`, `hh`, `relu`. */
export interface SomaChoice {
  /** The text as given. */
  label: string;
  model: ResolvedModel;
}

/**
 * Parses `model[:preset]` into a resolved model (the registry's declared parameters and presets).
 * @param params `key=value` overrides of the model's parameters
 * @throws ParameterError naming `--soma` for an unknown model or preset
 */
export function parseSomaChoice(text: string, params: Record<string, string> = {}): SomaChoice {
  const [name, preset, ...rest] = text.split(':');
  if (rest.length) throw new ParameterError('--soma', text, 'model or model:preset (lif, izhikevich:RS, hh, relu)');
  return { label: text, model: resolveModel(name, preset === undefined || preset === '' ? undefined : preset, params) };
}

/** A measured f-I curve. */
export interface MeasuredFi {
  currents: number[];
  /** Spike count over the window per current. */
  counts: number[];
  /** 1000 count / T, Hz. */
  ratesHz: number[];
  durationMs: number;
  dtMs: number;
}

/** Measures the f-I curve of `m` by simulation: count over `durationMs` at step `dtMs`, per current. */
export function measureFi(m: ResolvedModel, currents: readonly number[], durationMs: number, dtMs: number): MeasuredFi {
  checkNumber('fi_ms', durationMs, { min: 0, minExclusive: true, max: 1e5 });
  const net = new Network(dtMs);
  const pop = net.addPopulation('fi', m.make(currents.length));
  pop.dendrite.bias.set(currents);
  const counts = new Array<number>(currents.length).fill(0);
  const sub = pop.spikes$.subscribe((b) => { for (let c = 0; c < b.count; c++) counts[b.indices[c]]++; });
  net.run(durationMs);
  sub.unsubscribe();
  net.dispose();
  const T = net.stepIndex * dtMs;
  return { currents: [...currents], counts, ratesHz: counts.map((n) => (1000 * n) / T), durationMs: T, dtMs };
}

/**
 * Checks that a measured curve can carry a network: it fires somewhere in the range, and its count
 * never falls by more than one spike as the current rises.
 * @throws ParameterError naming the model and why
 */
export function checkFiUsable(label: string, unit: string, fi: MeasuredFi): void {
  const { currents, counts } = fi;
  const lo = currents[0], hi = currents[currents.length - 1];
  if (Math.max(...counts) === 0) {
    throw new ParameterError('--soma', label, `a model that fires for some current in ${lo}..${hi} ${unit} within ${fi.durationMs} ms (${label} stays silent there)`);
  }
  let peak = 0;
  for (let k = 1; k < counts.length; k++) {
    if (counts[k] > counts[peak]) peak = k;
    if (counts[peak] - counts[k] > 1) {
      throw new ParameterError('--soma', label, `a model whose f-I curve rises with the current in ${lo}..${hi} ${unit} (${label}: ${counts[peak]} spikes in ${fi.durationMs} ms at ${currents[peak]}, ${counts[k]} at ${currents[k]}: not monotone)`);
    }
  }
}

/**
 * The monotone smooth fit F of a measured curve (see the module comment).
 * @param smoothing width of each logistic step in units of the current spacing (default 1)
 */
export function fitMonotone(currents: readonly number[], ratesHz: readonly number[], smoothing = 1): { fit: SomaFiFit; maxErrorHz: number } {
  checkNumber('smoothing', smoothing, { min: 0.05, max: 20 });
  const n = currents.length;
  if (n < 3 || ratesHz.length !== n) throw new ParameterError('currents', n, 'at least 3 currents, one rate each');
  const spacing = (currents[n - 1] - currents[0]) / (n - 1);
  const width = smoothing * spacing;
  // centres half a spacing below each current: a step centred there rises between the current
  // before and this one, where a jump in the measured curve happened
  const centres = currents.map((c) => c - 0.5 * spacing);
  const K = centres.length;
  const A = new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) A[i * K + k] = 1 / (1 + Math.exp(-(currents[i] - centres[k]) / width));
  // normal equations G w = b, G = A^T A, b = A^T r; minimise 0.5 w^T G w - b^T w over w >= 0
  const G = new Float64Array(K * K), b = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < n; i++) b[k] += A[i * K + k] * ratesHz[i];
    for (let l = 0; l < K; l++) { let s = 0; for (let i = 0; i < n; i++) s += A[i * K + k] * A[i * K + l]; G[k * K + l] = s; }
  }
  const w = nnls(G, b, K);
  const fit: SomaFiFit = { centres, width, weights: Array.from(w) };
  let maxErrorHz = 0;
  for (let i = 0; i < n; i++) maxErrorHz = Math.max(maxErrorHz, Math.abs(fittedRateHz(fit, currents[i]) - ratesHz[i]));
  return { fit, maxErrorHz };
}

/**
 * min 0.5 w^T G w - b^T w subject to w >= 0 (G = A^T A, b = A^T r: least squares ||A w - r||^2):
 * Lawson and Hanson (1974), chapter 23, on the normal equations. The passive set grows by the
 * coordinate with the largest negative gradient; each unconstrained solve on it that leaves a
 * coordinate <= 0 is cut back to the feasible point on the way and that coordinate leaves.
 */
function nnls(G: Float64Array, b: Float64Array, K: number): Float64Array {
  const w = new Float64Array(K), passive = new Uint8Array(K);
  let maxDiag = 0;
  for (let k = 0; k < K; k++) maxDiag = Math.max(maxDiag, G[k * K + k]);
  const tol = 1e-10 * maxDiag;
  for (let outer = 0; outer < 3 * K; outer++) {
    let j = -1, best = tol;
    for (let k = 0; k < K; k++) {
      if (passive[k]) continue;
      let g = b[k];
      for (let l = 0; l < K; l++) g -= G[k * K + l] * w[l];
      if (g > best) { best = g; j = k; }
    }
    if (j < 0) break;
    passive[j] = 1;
    for (let inner = 0; inner < 3 * K; inner++) {
      const s = solvePassive(G, b, K, passive, 1e-12 * maxDiag);
      let alpha = 1;
      for (let k = 0; k < K; k++) if (passive[k] && s[k] <= 0) alpha = Math.min(alpha, w[k] / (w[k] - s[k]));
      for (let k = 0; k < K; k++) if (passive[k]) w[k] += alpha * (s[k] - w[k]);
      if (alpha === 1) break;
      for (let k = 0; k < K; k++) if (passive[k] && w[k] <= 1e-15) { passive[k] = 0; w[k] = 0; }
    }
  }
  return w;
}

/** Solves G_PP s_P = b_P (a ridge of `ridge` on the diagonal for near-collinear steps), s = 0 off P. */
function solvePassive(G: Float64Array, b: Float64Array, K: number, passive: Uint8Array, ridge: number): Float64Array {
  const idx: number[] = [];
  for (let k = 0; k < K; k++) if (passive[k]) idx.push(k);
  const m = idx.length, M = new Float64Array(m * (m + 1));
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < m; c++) M[r * (m + 1) + c] = G[idx[r] * K + idx[c]] + (r === c ? ridge : 0);
    M[r * (m + 1) + m] = b[idx[r]];
  }
  // Gaussian elimination with partial pivoting (G_PP is symmetric positive definite with the ridge)
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(M[r * (m + 1) + c]) > Math.abs(M[p * (m + 1) + c])) p = r;
    if (p !== c) for (let q = 0; q <= m; q++) { const t = M[c * (m + 1) + q]; M[c * (m + 1) + q] = M[p * (m + 1) + q]; M[p * (m + 1) + q] = t; }
    const piv = M[c * (m + 1) + c];
    for (let r = c + 1; r < m; r++) {
      const f = M[r * (m + 1) + c] / piv;
      if (f !== 0) for (let q = c; q <= m; q++) M[r * (m + 1) + q] -= f * M[c * (m + 1) + q];
    }
  }
  const s = new Float64Array(K);
  for (let r = m - 1; r >= 0; r--) {
    let v = M[r * (m + 1) + m];
    for (let q = r + 1; q < m; q++) v -= M[r * (m + 1) + q] * s[idx[q]];
    s[idx[r]] = v / M[r * (m + 1) + r];
  }
  return s;
}

/** Options of `somaFiSpec`. */
export interface SomaFiOptions {
  /** The window T and step dt of the spiking run, ms. */
  durationMs: number;
  dtMs: number;
  /** Lowest and highest current of the measured curve (default SOMA_FI_RANGES of the model). */
  range?: [number, number];
  /** Currents measured (default 81). */
  points?: number;
  /** Width of the fit's steps in current spacings (default 1). */
  smoothing?: number;
  /**
   * The data's scale: the pre-activation the top of the range stands for (a ReLU network's
   * 99.9th percentile of positive hidden pre-activations on the training data; default 1).
   */
  dataScale?: number;
  /** The curve measured already (`measureSomaFi` with the same options), so it is not measured twice. */
  measured?: MeasuredFi;
}

/** The currents of the measured curve: `points` (default 81) evenly over the range. */
function fiCurrents(m: ResolvedModel, options: SomaFiOptions): number[] {
  const [lo, hi] = options.range ?? SOMA_FI_RANGES[m.model];
  checkNumber('fi_range', hi, { min: lo, minExclusive: true });
  const points = checkNumber('fi_points', options.points ?? 81, { min: 5, max: 400, integer: true });
  return Array.from({ length: points }, (_, k) => Number((lo + ((hi - lo) * k) / (points - 1)).toPrecision(12)));
}

/**
 * Measures a model's f-I curve over the options' range, window and step, and checks it can carry a
 * network (before anything is trained on it).
 * @throws ParameterError naming the model (checkFiUsable)
 */
export function measureSomaFi(choice: SomaChoice, options: SomaFiOptions): MeasuredFi {
  const measured = measureFi(choice.model, fiCurrents(choice.model, options), options.durationMs, options.dtMs);
  checkFiUsable(choice.label, choice.model.currentUnit, measured);
  return measured;
}

/** Everything about one soma model as an activation: the spec saved in the network file and the measured curve. */
export interface SomaFiResult {
  spec: SomaFiSpec;
  measured: MeasuredFi;
  /** Onset: the first measured current that fires, model units. */
  rheobase: number;
  /** The fitted rate at the top of the range, Hz. */
  topRateHz: number;
}

/**
 * Measures, checks and fits a soma model's f-I curve and chooses the current map:
 * I = I_0 + c u with I_0 = midway between the last silent current and the first firing one (so
 * u = 0 is the onset, as z = 0 is ReLU's kink), c = (I_top - I_0) / dataScale (the data's largest
 * pre-activations reach the top of the range), and the amplitude A = dataScale / F(I_top), so
 * a(dataScale) = dataScale: the activation has ReLU's scale where the data lives.
 */
export function somaFiSpec(choice: SomaChoice, options: SomaFiOptions): SomaFiResult {
  const m = choice.model;
  const dataScale = checkNumber('data_scale', options.dataScale ?? 1, { min: 0, minExclusive: true });
  const measured = options.measured ?? measureSomaFi(choice, options);
  const currents = measured.currents, hi = currents[currents.length - 1];
  const { fit, maxErrorHz } = fitMonotone(currents, measured.ratesHz, options.smoothing ?? 1);
  const first = measured.counts.findIndex((c) => c > 0);
  const rheobase = currents[first];
  const i0 = first > 0 ? 0.5 * (currents[first - 1] + currents[first]) : currents[0];
  const topRateHz = fittedRateHz(fit, hi);
  const spec: SomaFiSpec = {
    model: m.model, preset: m.preset, params: { ...m.params },
    durationMs: measured.durationMs, dtMs: options.dtMs,
    currentOffset: i0, currentScale: (hi - i0) / dataScale, amplitudePerHz: dataScale / topRateHz,
    fit, maxErrorHz,
  };
  return { spec, measured, rheobase, topRateHz };
}

/** The resolved model a spec names (its saved parameters over the preset's). */
export function specModel(spec: SomaFiSpec): ResolvedModel {
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.params)) raw[k] = String(v);
  return resolveModel(spec.model, spec.preset ?? undefined, raw);
}
