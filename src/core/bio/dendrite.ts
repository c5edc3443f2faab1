/**
 * The dendrite of a population: sums what arrives from synapses and stimuli into the soma's
 * input for the step (in the soma's input unit).
 *
 * Synapses are current-based, of two kinds:
 * - `delta`: a spike of weight w changes the membrane potential at once, V <- V + w (Brian2's
 *   `on_pre='v += w'`); for rate somas it is added to that step's input.
 *   With `toInput: true` the weight joins the input of the step it arrives in instead (a current
 *   held for one step, in the input unit: input = bias + ... + sum w), kept in `pulse`. The
 *   zero-delay projections of a converted network use it, where a spike is drive of the step
 *   (the rate code's z = sum s W + b); on an integrate-and-fire map V <- V + z it is the same
 *   jump, summed in the input's order instead of V's.
 * - `exponential` with tau_syn: a spike adds w to a synaptic current g (same unit as the input),
 *   which decays as dg/dt = -g / tau_syn (Brian2's CUBA: `dge/dt = -ge/taue`, `on_pre='ge += we'`).
 *   The step's input is factor * g(t_n), the factor given by the soma (exact for LIF); then g
 *   decays exactly, g(t_n+1) = g(t_n) e^(-dt/tau_syn).
 * All projections with the same tau_syn onto a population share one channel.
 *
 * Scaled channels (why: the decay would otherwise be a store per neuron per step, a large part of
 * a network's time). A channel stores G with g = s G for one scalar s per channel: the decay is
 * s <- s e^(-dt/tau_syn), and a spike adds w / s = w * gain to G. Projections that pass `gain` on
 * (`Projection.supportsGain`) allow it; if any projection onto the channel does not, the channel
 * keeps g itself (s = 1) and decays it per neuron. s is folded back into G before it underflows.
 */
import { checkNumber } from '../errors';
import { stepAverageFactor, type SomaModel } from './soma';
import type { Stimulus } from './stimulus';

/** How a synapse acts on its target: a voltage jump, or an exponentially decaying current. */
export type SynapseKind = { type: 'delta'; toInput?: boolean } | { type: 'exponential'; tauSynMs: number };

/** One synaptic current shared by the projections with the same tau_syn. */
export interface SynapticChannel {
  readonly tauSynMs: number;
  /** Stored values G per neuron; the current is g = scale * G (input unit); length size. */
  readonly g: Float64Array;
  /** s: g = s G (1 when not scaled). */
  scale: number;
  /** 1 / s: what a weight is multiplied by when added to G. */
  gain: number;
  /** Whether the channel is scaled (every projection onto it supports gain). */
  scaled: boolean;
  /** e^(-dt/tau_syn). */
  decay: number;
  /** Weight of g(t_n) in the step's input (from the soma). */
  factor: number;
  /** The factor to apply to the stored G in the present step (set by `beginStep`). */
  stepFactor: number;
}

/** Below this, s is folded into G (one pass), long before e^(-t/tau) underflows. */
const RESCALE_BELOW = 1e-100;

/** The dendrites of one population: bias, stimuli and synaptic channels summed into `input`. */
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
  /** Delta input `toInput` that arrived this step, added to this step's input; length size. */
  readonly pulse: Float64Array;
  readonly channels: SynapticChannel[] = [];
  readonly stimuli: Stimulus[] = [];
  private hasDelta = false;
  private hasPulse = false;
  private boundDt = NaN;

  constructor(readonly size: number, private readonly soma: SomaModel) {
    this.input = this.array();
    this.bias = this.array();
    this.jump = new Float64Array(size);
    this.pulse = new Float64Array(size);
  }

  /** A zeroed array of size doubles, from the soma's kernel memory when it offers one (lif.ts). */
  private array(): Float64Array {
    return (this.soma as { takeInputArray?: () => Float64Array | null }).takeInputArray?.() ?? new Float64Array(this.size);
  }

  /**
   * The channel (or, for delta synapses, null: they use `jump`, or `pulse` with toInput) a projection of this kind adds
   * into, created on first use. `supportsGain`: whether the projection multiplies its weights
   * by the channel's `gain`; one that does not turns scaling off for the channel.
   */
  channel(kind: SynapseKind, supportsGain: boolean): SynapticChannel | null {
    if (kind.type === 'delta') {
      if (kind.toInput) this.hasPulse = true;
      else this.hasDelta = true;
      return null;
    }
    const tau = checkNumber('tau_syn_ms', kind.tauSynMs, { min: 0, minExclusive: true });
    let ch = this.channels.find((c) => c.tauSynMs === tau);
    if (!ch) {
      ch = { tauSynMs: tau, g: this.array(), scale: 1, gain: 1, scaled: true, decay: 1, factor: 1, stepFactor: 1 };
      this.channels.push(ch);
      if (!Number.isNaN(this.boundDt)) this.bindChannel(ch, this.boundDt);
    }
    if (!supportsGain && ch.scaled) {
      rescale(ch);
      ch.scaled = false;
    }
    return ch;
  }

  /** The array a projection of this kind adds weights into (G of the channel, `jump` or `pulse`). */
  target(kind: SynapseKind, supportsGain = false): Float64Array {
    return this.channel(kind, supportsGain)?.g ?? (kind.type === 'delta' && kind.toInput ? this.pulse : this.jump);
  }

  /** True when the soma may read bias and channels directly (no stimuli, no delta synapses). */
  get fusable(): boolean {
    return this.stimuli.length === 0 && !this.hasDelta && !this.hasPulse;
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
   * Sets each channel's `stepFactor` so that this step's synaptic input is sum_k stepFactor_k G_k:
   * factor * s for a scaled channel; for an unscaled one, G is decayed now (one pass) and the
   * factor is factor / decay, so the input still sees g(t_n).
   */
  beginStep(): void {
    for (let c = 0; c < this.channels.length; c++) {
      const ch = this.channels[c];
      if (ch.scaled) {
        ch.stepFactor = ch.factor * ch.scale;
      } else {
        const g = ch.g, d = ch.decay;
        for (let i = 0; i < this.size; i++) g[i] *= d;
        ch.stepFactor = ch.factor / d;
      }
    }
  }

  /** Ends the step for the scaled channels: s <- s e^(-dt/tau_syn), gain = 1/s. */
  endStep(): void {
    for (let c = 0; c < this.channels.length; c++) {
      const ch = this.channels[c];
      if (!ch.scaled) continue;
      ch.scale *= ch.decay;
      if (ch.scale < RESCALE_BELOW) rescale(ch);
      ch.gain = 1 / ch.scale;
    }
  }

  /**
   * Integrate phase, part one (generic path): input = bias + stimuli(t) + sum_k factor_k g_k(t_n)
   * + delta input `toInput`; other delta input is applied to the soma's membrane (or input); both
   * are cleared.
   */
  collect(tMs: number, dtMs: number): void {
    const input = this.input;
    input.set(this.bias);
    for (let s = 0; s < this.stimuli.length; s++) this.stimuli[s].apply(tMs, dtMs, input);
    this.beginStep();
    for (let c = 0; c < this.channels.length; c++) {
      const { g, stepFactor } = this.channels[c];
      for (let i = 0; i < this.size; i++) input[i] += stepFactor * g[i];
    }
    this.endStep();
    if (this.hasPulse) {
      const pulse = this.pulse;
      for (let i = 0; i < this.size; i++) {
        input[i] += pulse[i];
        pulse[i] = 0;
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

  /** The input neuron i received in the last step (reconstructed after a fused step). */
  inputOf(i: number): number {
    if (!this.lastStepFused) return this.input[i];
    let x = this.bias[i];
    for (const ch of this.channels) x += ch.stepFactor * ch.g[i];
    return x;
  }

  /** The synaptic current g of channel k at neuron i now (input unit). */
  synapticCurrent(k: number, i: number): number {
    const ch = this.channels[k];
    return ch.scale * ch.g[i];
  }

  /** Clears synaptic currents and pending input. */
  reset(): void {
    for (const ch of this.channels) {
      ch.g.fill(0);
      ch.scale = 1;
      ch.gain = 1;
    }
    this.jump.fill(0);
    this.pulse.fill(0);
    this.input.fill(0);
  }
}

/** Folds s into G: G <- s G, s = 1. */
function rescale(ch: SynapticChannel): void {
  if (ch.scale !== 1) for (let i = 0; i < ch.g.length; i++) ch.g[i] *= ch.scale;
  ch.scale = 1;
  ch.gain = 1;
}
