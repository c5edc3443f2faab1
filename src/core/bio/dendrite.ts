/**
 * The dendrite of a population: sums what arrives from synapses and stimuli into the soma's
 * input for the step (in the soma's input unit).
 *
 * Synapses are current-based, of two kinds:
 * - `delta`: a spike of weight w changes the membrane potential at once, V <- V + w (Brian2's
 *   `on_pre='v += w'`); for rate somas it is added to that step's input.
 * - `exponential` with tau_syn: a spike adds w to a synaptic current g (same unit as the input),
 *   which decays as dg/dt = -g / tau_syn (Brian2's CUBA: `dge/dt = -ge/taue`, `on_pre='ge += we'`).
 *   The step's input is factor * g, the factor given by the soma (exact for LIF), then g decays
 *   exactly: g <- g e^(-dt/tau_syn).
 * All projections with the same tau_syn onto a population share one current array.
 */
import { checkNumber } from '../errors';
import { stepAverageFactor, type SomaModel } from './soma';
import type { Stimulus } from './stimulus';

/** How a synapse acts on its target: a voltage jump, or an exponentially decaying current. */
export type SynapseKind = { type: 'delta' } | { type: 'exponential'; tauSynMs: number };

/** One synaptic current shared by the projections with the same tau_syn. */
export interface SynapticChannel {
  readonly tauSynMs: number;
  /** The current per neuron (input unit); projections add weights here; length size. */
  readonly g: Float64Array;
  decay: number;
  factor: number;
}

export class Dendrite {
  /**
   * The summed input of the last step (soma input unit); length size. Not filled when the soma
   * took the fused path (`lastStepFused`): read `inputOf(i)` for one neuron.
   */
  readonly input: Float64Array;
  /** Whether the last step went through the soma's fused path. */
  lastStepFused = false;
  /** A constant current per neuron added every step (soma input unit); length size. Writable. */
  readonly bias: Float64Array;
  /** Delta-synapse input that arrived this step, applied before integration; length size. */
  readonly jump: Float64Array;
  readonly channels: SynapticChannel[] = [];
  readonly stimuli: Stimulus[] = [];
  private hasDelta = false;
  private boundDt = NaN;

  constructor(readonly size: number, private readonly soma: SomaModel) {
    this.input = new Float64Array(size);
    this.bias = new Float64Array(size);
    this.jump = new Float64Array(size);
  }

  /** The array a projection of this kind scatters into (created on first use). */
  target(kind: SynapseKind): Float64Array {
    if (kind.type === 'delta') {
      this.hasDelta = true;
      return this.jump;
    }
    const tau = checkNumber('tau_syn_ms', kind.tauSynMs, { min: 0, minExclusive: true });
    let ch = this.channels.find((c) => c.tauSynMs === tau);
    if (!ch) {
      ch = { tauSynMs: tau, g: new Float64Array(this.size), decay: 1, factor: 1 };
      this.channels.push(ch);
      if (!Number.isNaN(this.boundDt)) this.bindChannel(ch, this.boundDt);
    }
    return ch.g;
  }

  /** True when the soma may read bias and channels directly (no stimuli, no delta synapses). */
  get fusable(): boolean {
    return this.stimuli.length === 0 && !this.hasDelta;
  }

  /** Precomputes decays and input factors for the time step (called by the network). */
  bind(dtMs: number): void {
    this.boundDt = dtMs;
    for (const ch of this.channels) this.bindChannel(ch, dtMs);
  }

  private bindChannel(ch: SynapticChannel, dtMs: number): void {
    ch.decay = Math.exp(-dtMs / ch.tauSynMs);
    ch.factor = this.soma.exponentialInputFactor ? this.soma.exponentialInputFactor(ch.tauSynMs, dtMs) : stepAverageFactor(ch.tauSynMs, dtMs);
  }

  /**
   * Integrate phase, part one: input = bias + stimuli(t) + sum_k factor_k g_k; then g_k decays by
   * one step; delta input is applied to the soma's membrane (or input) and cleared.
   */
  collect(tMs: number, dtMs: number): void {
    const input = this.input;
    input.set(this.bias);
    for (let s = 0; s < this.stimuli.length; s++) this.stimuli[s].apply(tMs, dtMs, input);
    for (let c = 0; c < this.channels.length; c++) {
      const { g, decay, factor } = this.channels[c];
      for (let i = 0; i < this.size; i++) {
        const gi = g[i];
        input[i] += factor * gi;
        g[i] = gi * decay;
      }
    }
    if (this.hasDelta) {
      const jump = this.jump;
      const into = this.soma.spiking ? this.soma.v : input;
      for (let i = 0; i < this.size; i++) {
        into[i] += jump[i];
        jump[i] = 0;
      }
    }
  }

  /** The input neuron i received in the last step (reconstructed after a fused step: g has decayed since). */
  inputOf(i: number): number {
    if (!this.lastStepFused) return this.input[i];
    let x = this.bias[i];
    for (const ch of this.channels) x += (ch.factor * ch.g[i]) / ch.decay;
    return x;
  }

  /** Clears synaptic currents and pending input. */
  reset(): void {
    for (const ch of this.channels) ch.g.fill(0);
    this.jump.fill(0);
    this.input.fill(0);
  }
}
