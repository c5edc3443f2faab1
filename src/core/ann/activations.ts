/**
 * Hidden activations of the artificial network, each a function a(z) with its derivative, where
 * z is the dimensionless pre-activation (the dendrite's weighted sum).
 *
 * The two biological rate twins are normalised so that they train at the course's learning rate
 * like ReLU (same kink position, same value at z = 1):
 *   drive D = theta (1 + z) in mV, theta = V_th - V_rest = 15 mV, so z = 0 is the firing threshold;
 *   a(z) = rate(D) / rate(2 theta), rate(2 theta) = 63.05 Hz for the LIF defaults
 * (tau_m 20 ms, t_ref 2 ms), so a(0) = 0 and a(1) = 1 as for ReLU. This is the amplitude
 * 1/63.04 Hunsberger & Eliasmith (2015) use for the same reason. Soft-LIF smooths the threshold
 * with sigma = 0.05 theta = 0.75 mV of softplus smoothing.
 */
import { LIF_DEFAULTS, lifRate, lifRateDerivative, relu, softLifRate, softLifRateDerivative } from '../bio/rate';
import { ParameterError } from '../errors';
import type { HiddenActivation, NetworkActivation, SomaFiSpec } from '../export/network-file';
import { somaFiActivation } from './soma-fi-activation';

/** Threshold distance theta = V_th - V_rest in mV (15 mV for the LIF defaults). */
export const LIF_THETA_MV = LIF_DEFAULTS.vThreshMv - LIF_DEFAULTS.vRestMv;
/** Soft-LIF smoothing sigma in mV. */
export const SOFT_LIF_SIGMA_MV = 0.05 * LIF_THETA_MV;
/** Rate at drive 2 theta (Hz): the normaliser, so that a(1) = 1. */
export const LIF_RATE_SCALE_HZ = lifRate(2 * LIF_THETA_MV);
const SOFT_LIF_SCALE_HZ = softLifRate(2 * LIF_THETA_MV, SOFT_LIF_SIGMA_MV);

/** Normalised LIF rate: lifRate(theta (1 + z)) / rate(2 theta); 0 for z <= 0. */
export function lifRateActivation(z: number): number {
  return lifRate(LIF_THETA_MV * (1 + z)) / LIF_RATE_SCALE_HZ;
}
/** d lifRateActivation / dz (infinite slope at z = 0+, like the LIF rate at threshold). */
export function lifRateActivationDerivative(z: number): number {
  return (lifRateDerivative(LIF_THETA_MV * (1 + z)) * LIF_THETA_MV) / LIF_RATE_SCALE_HZ;
}
/** Normalised soft-LIF rate: softLifRate(theta (1 + z)) / softLifRate(2 theta); smooth, > 0 everywhere. */
export function softLifActivation(z: number): number {
  return softLifRate(LIF_THETA_MV * (1 + z), SOFT_LIF_SIGMA_MV) / SOFT_LIF_SCALE_HZ;
}
/** d softLifActivation / dz. */
export function softLifActivationDerivative(z: number): number {
  return (softLifRateDerivative(LIF_THETA_MV * (1 + z), SOFT_LIF_SIGMA_MV) * LIF_THETA_MV) / SOFT_LIF_SCALE_HZ;
}

/** A hidden activation a = f(z) with its local gradient da/dz, given z and a (a is f(z)). */
export interface Activation {
  f(z: number): number;
  df(z: number, a: number): number;
}

/**
 * Every hidden activation, defined once: the graph's unary gates (graph.ts), the forward pass
 * (forward.ts) and through it the lab, the conversion, the region grids and the CLI read this
 * table. ReLU is the rate twin of the spiking core (bio/rate.ts).
 */
export const ACTIVATIONS: Readonly<Record<HiddenActivation, Activation>> = {
  relu: { f: relu, df: (z) => (z > 0 ? 1 : 0) },
  sigmoid: { f: (z) => 1 / (1 + Math.exp(-z)), df: (_z, a) => a * (1 - a) }, // sigma' = (1 - sigma) sigma
  tanh: { f: Math.tanh, df: (_z, a) => 1 - a * a },
  'lif-rate': { f: lifRateActivation, df: (z) => lifRateActivationDerivative(z) },
  'soft-lif': { f: softLifActivation, df: (z) => softLifActivationDerivative(z) },
};

/** A hidden activation by name, or given as a function (a soma model's f-I curve). */
export type ActivationRef = HiddenActivation | Activation;

/**
 * The activation a network file or training run names: a table entry, or for `soma-fi` the soma
 * model's fitted f-I curve (`somaFi`, required then).
 * @throws ParameterError for `soma-fi` without its soma model
 */
export function activationOf(name: NetworkActivation, somaFi?: SomaFiSpec | null): ActivationRef {
  if (name !== 'soma-fi') return name;
  if (!somaFi) throw new ParameterError('somaFi', somaFi ?? null, 'the soma model and its fitted f-I curve (the soma-fi activation needs them)');
  return somaFiActivation(somaFi);
}
