/**
 * The soma (cell body) of a population: the model that integrates the dendrite's summed input and
 * decides who fires. One instance holds the state of a whole population in typed arrays (one
 * entry per neuron), is bound once, and is stepped many times in place, as in nengo's
 * `step(dt, J, output, state)`.
 *
 * Spiking somas report who fired in each step as indices into a caller-owned `Int32Array` plus,
 * for each, the spike's time offset from the start of the step (ms): LIF puts the exact threshold
 * crossing there, HH the interpolated 0 mV crossing, Izhikevich and the generators 0 (the time
 * of a spike is the start of the step in which it happened, Brian2's convention).
 */
import { ParameterError, checkNumber } from '../errors';
import type { SynapticChannel } from './dendrite';

/** The per-step output buffers of a soma: filled by `step`, read by the network's emit phase. */
export interface FiredBuffer {
  /** Indices of the neurons that fired in this step (first `count` entries valid); length = size. */
  readonly indices: Int32Array;
  /** Spike time of each fired neuron, ms after the start of the step, in [0, dt); length = size. */
  readonly offsetsMs: Float64Array;
}

/** A population's soma model. */
export interface SomaModel {
  /** Model name as the CLI and the page know it: `lif`, `izhikevich`, `hh`, `spiking-relu`, ... */
  readonly model: string;
  /** Number of neurons. */
  readonly size: number;
  /** True when the model emits spikes; false for rate models (their output is `output`). */
  readonly spiking: boolean;
  /** Unit of the input the dendrite delivers, e.g. `mV (drive R*I)` or `uA/cm2`. */
  readonly inputUnit: string;
  /** Membrane potential per neuron (mV, or the model's own unit); length = size. Rate somas: their output. */
  readonly v: Float64Array;
  /** Output value per neuron for rate somas (Hz or the activation), length = size; spiking somas: their `v`. */
  readonly output: Float64Array;
  /** Named state variables (each length = size), looked up once by monitors and views. */
  readonly state: Readonly<Record<string, Float64Array>>;
  /**
   * Advances every neuron by `dtMs` under the constant input `input` (length size, `inputUnit`),
   * applying threshold and reset; writes who fired into `fired` and returns how many did.
   * `tMs` is the time at the start of the step (used by generators only).
   */
  step(dtMs: number, tMs: number, input: Float64Array, fired: FiredBuffer): number;
  /** Throws ParameterError when this model cannot be stepped stably or accurately at `dtMs`. */
  checkDt(dtMs: number): void;
  /**
   * The weight with which an exponentially decaying input (value g at the start of the step,
   * g e^(-s/tauSyn) during it) enters the step's constant input, so that the step sees
   * factor * g. The default is the step average tauSyn/dt (1 - e^(-dt/tauSyn)); LIF returns the
   * factor that makes its exact integration exact for such inputs too.
   */
  exponentialInputFactor?(tauSynMs: number, dtMs: number): number;
  /**
   * Optional fused path (an optimisation, same result as collect-then-step): reads the input as
   * base + sum_k stepFactor_k G_k directly (the dendrite's `input` array is then not filled:
   * `Dendrite.inputOf(i)` reconstructs it). Used by the population, between the dendrite's
   * `beginStep` and `endStep`, when the dendrite has no stimuli and no delta synapses.
   */
  stepFused?(dtMs: number, base: Float64Array, channels: readonly SynapticChannel[], fired: FiredBuffer): number;
  /** Restores the initial state (initial values as configured). */
  reset(): void;
}

/** Step average of g e^(-s/tau) over [0, dt], divided by g. */
export function stepAverageFactor(tauSynMs: number, dtMs: number): number {
  return (tauSynMs / dtMs) * -Math.expm1(-dtMs / tauSynMs);
}

/** Validates a time step in ms: a finite number > 0. */
export function checkDt(dtMs: unknown, parameter = 'dt_ms'): number {
  return checkNumber(parameter, dtMs, { min: 0, minExclusive: true });
}

/** Validates a population size: an integer >= 0 (upper bound keeps typed arrays sane). */
export function checkSize(size: unknown, parameter = 'neurons'): number {
  return checkNumber(parameter, size, { min: 0, max: 10_000_000, integer: true });
}

/** Fills `target` from a scalar or a per-neuron array, checking the array's length. */
export function fillFrom(target: Float64Array, value: number | ArrayLike<number>, parameter: string): void {
  if (typeof value === 'number') {
    checkNumber(parameter, value);
    target.fill(value);
    return;
  }
  if (value.length !== target.length) throw new ParameterError(parameter, `array of length ${value.length}`, `a number or an array of length ${target.length}`);
  for (let i = 0; i < target.length; i++) target[i] = checkNumber(`${parameter}[${i}]`, value[i]);
}

/** Makes an empty fired buffer for `size` neurons. */
export function firedBuffer(size: number): FiredBuffer {
  return { indices: new Int32Array(size), offsetsMs: new Float64Array(size) };
}
