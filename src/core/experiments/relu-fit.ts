/**
 * A ReLU fitted to a firing-rate curve: r(I) ~ slope * max(0, I - threshold), by least squares.
 *
 * For a fixed threshold theta the best slope has a closed form, s = sum r h / sum h^2 with
 * h = max(0, I - theta), and the residual is SSE(theta) = sum r^2 - (sum r h)^2 / sum h^2. While
 * the set of points above theta does not change, setting dSSE/dtheta = 0 gives the x-intercept of
 * the ordinary straight-line fit through exactly those points,
 *     theta* = (R S2 - P S1) / (R S1 - m P),   R = sum r, P = sum r I, S1 = sum I, S2 = sum I^2,
 * (sums over the m points above theta). So the global optimum is among these intercepts, each
 * clamped to its interval between sorted inputs, and the interval ends: O(n^2), exact, no search
 * tolerance.
 */
import { ParameterError } from '../errors';

/** The fitted ReLU and how far the curve is from it. */
export interface ReluFit {
  /** Input at which the fitted ReLU starts to rise, in the input's unit. */
  threshold: number;
  /** Rate per unit of input above threshold (Hz per input unit). */
  slope: number;
  /** Root-mean-square error of the fit, Hz. */
  rmseHz: number;
  /** rmseHz divided by the largest rate of the curve (0 when the curve is flat at 0). */
  relativeError: number;
}

/**
 * Least-squares fit of r = slope * max(0, I - threshold) to the points (inputs[i], rates[i]).
 * @param inputs input values (any unit), length n >= 2
 * @param rates rates in Hz, length n
 */
export function fitRelu(inputs: ArrayLike<number>, rates: ArrayLike<number>): ReluFit {
  const n = inputs.length;
  if (n < 2) throw new ParameterError('inputs', n, 'at least 2 points to fit a ReLU');
  if (rates.length !== n) throw new ParameterError('rates', rates.length, `${n} values, one per input`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => inputs[a] - inputs[b]);
  const I = order.map((i) => inputs[i]);
  const r = order.map((i) => rates[i]);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(I[i])) throw new ParameterError(`inputs[${order[i]}]`, I[i], 'a finite number');
    if (!Number.isFinite(r[i])) throw new ParameterError(`rates[${order[i]}]`, r[i], 'a finite number');
  }
  let sumR2 = 0;
  for (const x of r) sumR2 += x * x;

  // SSE at a given theta, with the slope at its optimum (clamped at 0: a ReLU does not fall).
  const sse = (theta: number): { sse: number; slope: number } => {
    let srh = 0, shh = 0;
    for (let i = 0; i < n; i++) {
      const h = I[i] - theta;
      if (h > 0) {
        srh += r[i] * h;
        shh += h * h;
      }
    }
    const slope = shh > 0 && srh > 0 ? srh / shh : 0;
    return { sse: Math.max(0, slope > 0 ? sumR2 - (srh * srh) / shh : sumR2), slope };
  };

  const candidates: number[] = [...I];
  // Suffix sums over the m largest inputs (the points above a theta in interval k).
  let R = 0, P = 0, S1 = 0, S2 = 0;
  for (let k = n - 1; k >= 0; k--) {
    R += r[k];
    P += r[k] * I[k];
    S1 += I[k];
    S2 += I[k] * I[k];
    const m = n - k;
    const den = R * S1 - m * P;
    if (m < 2 || den === 0) continue;
    let theta = (R * S2 - P * S1) / den;
    // Points k..n-1 are above theta only for theta in [I[k-1], I[k]).
    const lo = k > 0 ? I[k - 1] : -Infinity;
    theta = Math.min(Math.max(theta, lo), I[k]);
    if (Number.isFinite(theta)) candidates.push(theta);
  }
  let best = { theta: I[0], sse: Infinity, slope: 0 };
  for (const theta of candidates) {
    const s = sse(theta);
    if (s.sse < best.sse) best = { theta, sse: s.sse, slope: s.slope };
  }
  const rmseHz = Math.sqrt(best.sse / n);
  const maxRate = Math.max(...r);
  return { threshold: best.theta, slope: best.slope, rmseHz, relativeError: maxRate > 0 ? rmseHz / maxRate : 0 };
}
