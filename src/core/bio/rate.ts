/**
 * Rate models: the closed-form firing rates that are the twins of the spiking somas, and the
 * activations the artificial network borrows from biology.
 *
 * LIF (tau_m dV/dt = -(V - V_rest) + R I, threshold V_th, reset V_reset, refractory t_ref):
 * under a constant drive D = R I (mV) above the threshold distance theta = V_th - V_rest, the
 * membrane climbs from V_reset to V_th in
 *     T = tau_m ln((D - (V_reset - V_rest)) / (D - theta)),
 * so the rate is r = 1 / (t_ref + T), and r = 0 for D <= theta.
 *
 * Soft-LIF (Hunsberger & Eliasmith 2015) smooths the kink at threshold: with V_reset = V_rest,
 * r = 1 / (t_ref + tau_m ln(1 + theta / rho(D - theta))), rho(x) = sigma ln(1 + e^(x / sigma)).
 * As sigma -> 0 it becomes the LIF rate; it is differentiable everywhere, so it trains by backprop.
 */

/** Parameters of the LIF soma as its rate twin sees them. Times in ms, voltages in mV. */
export interface LifRateParams {
  tauMs: number;
  refractoryMs: number;
  vRestMv: number;
  vResetMv: number;
  vThreshMv: number;
}

/** The LIF defaults Soma uses throughout (tau_m 20 ms, t_ref 2 ms, rest = reset = -65, threshold -50 mV). */
export const LIF_DEFAULTS: LifRateParams = { tauMs: 20, refractoryMs: 2, vRestMv: -65, vResetMv: -65, vThreshMv: -50 };

/** ReLU: max(0, x). */
export function relu(x: number): number {
  return x > 0 ? x : 0;
}

/** LIF firing rate in Hz for a constant drive R*I in mV (closed form; 0 at or below threshold). */
export function lifRate(driveMv: number, p: LifRateParams = LIF_DEFAULTS): number {
  const theta = p.vThreshMv - p.vRestMv;
  if (!(driveMv > theta)) return 0;
  const T = p.tauMs * Math.log((driveMv - (p.vResetMv - p.vRestMv)) / (driveMv - theta));
  return 1000 / (p.refractoryMs + T);
}

/** d(lifRate)/d(drive) in Hz per mV (0 below threshold; infinite slope at threshold itself). */
export function lifRateDerivative(driveMv: number, p: LifRateParams = LIF_DEFAULTS): number {
  const theta = p.vThreshMv - p.vRestMv;
  if (!(driveMv > theta)) return 0;
  const a = driveMv - (p.vResetMv - p.vRestMv);
  const b = driveMv - theta;
  const T = p.tauMs * Math.log(a / b);
  const dT = p.tauMs * (1 / a - 1 / b); // negative: more drive, shorter climb
  const denom = p.refractoryMs + T;
  return (-1000 * dT) / (denom * denom);
}

/** Softplus with smoothing sigma (mV): sigma ln(1 + e^(x/sigma)), computed without overflow. */
export function softplus(x: number, sigma: number): number {
  const z = x / sigma;
  return z > 30 ? x : sigma * Math.log1p(Math.exp(z));
}

/**
 * Soft-LIF rate in Hz (Hunsberger & Eliasmith 2015), reset to rest assumed:
 * r = 1 / (t_ref + tau_m ln(1 + theta / softplus(D - theta))).
 */
export function softLifRate(driveMv: number, sigmaMv: number, p: LifRateParams = LIF_DEFAULTS): number {
  const theta = p.vThreshMv - p.vRestMv;
  const s = softplus(driveMv - theta, sigmaMv);
  if (s <= 0) return 0;
  return 1000 / (p.refractoryMs + p.tauMs * Math.log1p(theta / s));
}

/** d(softLifRate)/d(drive) in Hz per mV; finite and positive everywhere. */
export function softLifRateDerivative(driveMv: number, sigmaMv: number, p: LifRateParams = LIF_DEFAULTS): number {
  const theta = p.vThreshMv - p.vRestMv;
  const x = driveMv - theta;
  const s = softplus(x, sigmaMv);
  if (s <= 0) return 0;
  const sigmoid = 1 / (1 + Math.exp(-x / sigmaMv)); // d softplus / dx
  const T = p.tauMs * Math.log1p(theta / s);
  // dT/ds = tau * d/ds ln(1 + theta/s) = -tau * theta / (s (s + theta))
  const dTds = (-p.tauMs * theta) / (s * (s + theta));
  const denom = p.refractoryMs + T;
  return (-1000 * dTds * sigmoid) / (denom * denom);
}
