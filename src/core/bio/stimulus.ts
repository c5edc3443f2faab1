/**
 * Stimuli: currents injected into a population's dendrite, added to the synaptic input each step
 * (in the soma's input unit: mV of drive for LIF, uA/cm2 for HH, model units for Izhikevich).
 * The value used for a step is the one at the start of the step, t_n = n dt.
 *
 * Spike sources (Poisson, a list of spike times) are populations, not currents: see sources.ts.
 */
import { checkNumber, ParameterError } from '../errors';
import type { Rng } from '../random';

/** A current injected into some or all neurons of one population. */
export interface Stimulus {
  readonly kind: string;
  /** Neuron indices it drives, or null for every neuron of the population. */
  readonly targets: Int32Array | null;
  /** Adds the stimulus at time `tMs` (start of the step) into `input` (length = population size). */
  apply(tMs: number, dtMs: number, input: Float64Array): void;
  /** One line for tables and JSON, e.g. `step 14 from 10 ms`. */
  describe(): string;
}

/** A deterministic stimulus, the same for every target: I(t). */
export abstract class TimeFunctionStimulus implements Stimulus {
  abstract readonly kind: string;
  constructor(readonly targets: Int32Array | null = null) {}
  /** The current at time t (ms). */
  abstract valueAt(tMs: number): number;
  abstract describe(): string;
  apply(tMs: number, _dtMs: number, input: Float64Array): void {
    const x = this.valueAt(tMs);
    if (x === 0) return;
    const t = this.targets;
    if (t === null) for (let i = 0; i < input.length; i++) input[i] += x;
    else for (let k = 0; k < t.length; k++) input[t[k]] += x;
  }
}

/** I(t) = amplitude. */
export class ConstantStimulus extends TimeFunctionStimulus {
  readonly kind = 'constant';
  constructor(readonly amplitude: number, targets: Int32Array | null = null) {
    super(targets);
    checkNumber('amplitude', amplitude);
  }
  valueAt(): number {
    return this.amplitude;
  }
  describe(): string {
    return `constant ${this.amplitude}`;
  }
}

/** I(t) = amplitude for startMs <= t < stopMs, else 0 (a step when stopMs is Infinity, else a pulse). */
export class StepStimulus extends TimeFunctionStimulus {
  readonly kind = 'step';
  constructor(readonly amplitude: number, readonly startMs: number, readonly stopMs = Infinity, targets: Int32Array | null = null) {
    super(targets);
    checkNumber('amplitude', amplitude);
    checkNumber('start_ms', startMs, { min: 0 });
    if (!(stopMs > startMs)) throw new ParameterError('stop_ms', stopMs, `a time after start_ms = ${startMs}`);
  }
  valueAt(tMs: number): number {
    return tMs >= this.startMs && tMs < this.stopMs ? this.amplitude : 0;
  }
  describe(): string {
    return Number.isFinite(this.stopMs) ? `pulse ${this.amplitude} from ${this.startMs} to ${this.stopMs} ms` : `step ${this.amplitude} from ${this.startMs} ms`;
  }
}

/** I(t) = 0 before startMs, rising linearly from `from` to `to` until stopMs, then held at `to`. */
export class RampStimulus extends TimeFunctionStimulus {
  readonly kind = 'ramp';
  constructor(readonly from: number, readonly to: number, readonly startMs: number, readonly stopMs: number, targets: Int32Array | null = null) {
    super(targets);
    checkNumber('from', from);
    checkNumber('to', to);
    checkNumber('start_ms', startMs, { min: 0 });
    if (!(stopMs > startMs) || !Number.isFinite(stopMs)) throw new ParameterError('stop_ms', stopMs, `a finite time after start_ms = ${startMs}`);
  }
  valueAt(tMs: number): number {
    if (tMs < this.startMs) return 0;
    if (tMs >= this.stopMs) return this.to;
    return this.from + ((this.to - this.from) * (tMs - this.startMs)) / (this.stopMs - this.startMs);
  }
  describe(): string {
    return `ramp ${this.from} to ${this.to} from ${this.startMs} to ${this.stopMs} ms`;
  }
}

/** I(t) = offset + amplitude sin(2 pi f t / 1000 + phase), f in Hz, t in ms. */
export class SineStimulus extends TimeFunctionStimulus {
  readonly kind = 'sine';
  private readonly omega: number;
  constructor(readonly amplitude: number, readonly frequencyHz: number, readonly phaseRad = 0, readonly offset = 0, targets: Int32Array | null = null) {
    super(targets);
    checkNumber('amplitude', amplitude);
    checkNumber('frequency_hz', frequencyHz, { min: 0 });
    checkNumber('phase_rad', phaseRad);
    checkNumber('offset', offset);
    this.omega = (2 * Math.PI * frequencyHz) / 1000;
  }
  valueAt(tMs: number): number {
    return this.offset + this.amplitude * Math.sin(this.omega * tMs + this.phaseRad);
  }
  describe(): string {
    return `sine ${this.offset} + ${this.amplitude} sin(2 pi ${this.frequencyHz} Hz t)`;
  }
}

/**
 * Seeded Gaussian noise: each step, each target gets mean + sigma * N(0, 1), drawn independently
 * (held for the step). For white noise of intensity s per sqrt(ms), use sigma = s / sqrt(dt).
 */
export class NoiseStimulus implements Stimulus {
  readonly kind = 'noise';
  constructor(readonly mean: number, readonly sigma: number, private readonly rng: Rng, readonly targets: Int32Array | null = null) {
    checkNumber('mean', mean);
    checkNumber('sigma', sigma, { min: 0 });
  }
  apply(_tMs: number, _dtMs: number, input: Float64Array): void {
    const t = this.targets;
    const { mean, sigma, rng } = this;
    if (t === null) for (let i = 0; i < input.length; i++) input[i] += mean + sigma * rng.normal();
    else for (let k = 0; k < t.length; k++) input[t[k]] += mean + sigma * rng.normal();
  }
  describe(): string {
    return `noise mean ${this.mean} sigma ${this.sigma}`;
  }
}
