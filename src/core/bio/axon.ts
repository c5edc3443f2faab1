/**
 * The axon of a population: what it carries downstream.
 * - `spikes`: the spike events only (the population's `spikes$`).
 * - `rate-window`: spikes in the last `windowMs`, divided by the window (Hz).
 * - `rate-exponential`: an exponential filter of the spike train, r <- r e^(-dt/tau) and
 *   r <- r + 1000/tau at each spike (Hz; unbiased: a regular train of rate f averages f).
 * - `relu`: the ReLU of the soma's output, for a rate (artificial) neuron.
 * `value` holds the estimate per neuron (Hz, or the ReLU value); empty in `spikes` mode.
 */
import { checkNumber, ParameterError } from '../errors';
import { relu } from './rate';
import type { SomaModel } from './soma';
import { SpikeRing } from './spike-ring';

/** What an axon carries (see above); window and tau in ms. */
export type AxonMode =
  | { kind: 'spikes' }
  | { kind: 'rate-window'; windowMs: number }
  | { kind: 'rate-exponential'; tauMs: number }
  | { kind: 'relu' };

/** The axons of a population: their mode and per-neuron output value (length size). */
export class Axon {
  /** Per-neuron output: a rate in Hz or the ReLU value; length size (0 in `spikes` mode). */
  readonly value: Float64Array;
  private readonly counts: Int32Array;
  private ring: SpikeRing | null = null;
  private windowSteps = 0;
  private decay = 1;

  constructor(readonly size: number, readonly mode: AxonMode, private readonly soma: SomaModel) {
    this.value = new Float64Array(mode.kind === 'spikes' ? 0 : size);
    this.counts = new Int32Array(mode.kind === 'rate-window' ? size : 0);
    if (mode.kind === 'rate-window') checkNumber('window_ms', mode.windowMs, { min: 0, minExclusive: true });
    if (mode.kind === 'rate-exponential') checkNumber('tau_ms', mode.tauMs, { min: 0, minExclusive: true });
    if (mode.kind === 'relu' && soma.spiking) throw new ParameterError('axon', 'relu', 'a rate soma for a ReLU axon (spiking somas carry spikes or a rate estimate)');
    if (mode.kind !== 'relu' && !soma.spiking && mode.kind !== 'spikes') throw new ParameterError('axon', mode.kind, 'spikes or relu for a rate soma');
  }

  /** Precomputes for the time step (called by the network). */
  bind(dtMs: number): void {
    if (this.mode.kind === 'rate-window') {
      this.windowSteps = Math.max(1, Math.round(this.mode.windowMs / dtMs));
      this.ring = new SpikeRing(this.windowSteps, this.size);
    }
    if (this.mode.kind === 'rate-exponential') this.decay = Math.exp(-dtMs / this.mode.tauMs);
  }

  /** Emit phase: updates the estimate from the spikes of `step`. */
  update(step: number, dtMs: number, indices: Int32Array, count: number): void {
    const m = this.mode;
    const value = this.value;
    if (m.kind === 'spikes') return;
    if (m.kind === 'relu') {
      const out = this.soma.output;
      for (let i = 0; i < this.size; i++) value[i] = relu(out[i]);
    } else if (m.kind === 'rate-exponential') {
      const jumpHz = 1000 / m.tauMs;
      for (let i = 0; i < this.size; i++) value[i] *= this.decay;
      for (let k = 0; k < count; k++) value[indices[k]] += jumpHz;
    } else {
      const ring = this.ring!;
      const counts = this.counts;
      const old = step - this.windowSteps; // leaves the window now
      const nOld = ring.countAt(old);
      const base = ring.offsetAt(old);
      const data = ring.indices;
      const scale = 1000 / (this.windowSteps * dtMs);
      for (let k = 0; k < nOld; k++) {
        const i = data[base + k];
        value[i] = --counts[i] * scale;
      }
      for (let k = 0; k < count; k++) {
        const i = indices[k];
        value[i] = ++counts[i] * scale;
      }
      ring.push(step, indices, count);
    }
  }

  reset(): void {
    this.value.fill(0);
    this.counts.fill(0);
    this.ring?.clear();
  }
}
