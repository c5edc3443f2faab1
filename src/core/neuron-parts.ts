/**
 * The neuron of three parts, as both worlds show it: Dendrite (what arrives, weighted, and its
 * sum), Soma (the cell body: the model and its state) and Axon (what leaves: spikes, a rate, or
 * an activation such as ReLU). The biological handle (`population.neuron(i)`, bio/neuron.ts) and
 * the artificial one (`denseUnitParts`, ann/neuron-parts.ts) both give this shape, so a view can
 * put a spiking neuron and its ReLU twin side by side with one renderer. Plain data: DOM-free.
 */
import type { Observable } from 'rxjs';

/** One input of a dendrite: what arrived from one source in the last step (or forward pass). */
export interface DendriteInput {
  /** Where it comes from, e.g. `x[0]`, `layer0[3]`. */
  readonly source: string;
  /** The weight (the dendrite's unit per unit of `value`). */
  readonly weight: number;
  /**
   * What arrived: an input value (artificial neuron, or a constant input current), or the
   * number of spikes the synapse delivered in the last step (spiking neuron).
   */
  readonly value: number;
  /** weight x value, in the dendrite's unit. */
  readonly contribution: number;
  /**
   * True when the contribution was added to a decaying synaptic current (an exponential
   * synapse): it enters the sum through `currents`, not a second time on its own.
   */
  readonly viaCurrent?: boolean;
}

/** A term of the dendrite's sum that is not one listed input: a synaptic current, a stimulus. */
export interface DendriteTerm {
  /** e.g. `synaptic current (tau_syn 5 ms)`, `stimuli`. */
  readonly name: string;
  /** Its share of the last step's input, in the dendrite's unit. */
  readonly value: number;
}

/** The dendrite: the inputs, the bias and their sum. */
export interface DendriteParts {
  readonly inputs: readonly DendriteInput[];
  /** Constant bias (the dendrite's unit). */
  readonly bias: number;
  readonly terms: readonly DendriteTerm[];
  /**
   * bias + sum of `terms` + sum of the contributions of inputs not `viaCurrent`: the input the
   * soma integrated in the last step (the pre-activation w.x + b of an artificial neuron).
   */
  readonly sum: number;
  /** Unit of weight x value and of the sum (e.g. `mV`, `threshold units per step`, `1`). */
  readonly unit: string;
}

/** The soma (cell body): the model and the state it integrates. */
export interface SomaParts {
  /** Model name: `lif`, `if-subtract`, `izhikevich`, `identity`, ... */
  readonly model: string;
  /** The state variable shown: `v` (membrane potential) or `output` (a rate soma). */
  readonly stateName: string;
  readonly value: number;
  /** e.g. `mV`, `threshold units`, `Hz`, `1`. */
  readonly unit: string;
}

/** What an axon carries: spike events, a rate estimate, or an activation (ReLU or another). */
export type AxonKind = 'spikes' | 'rate' | 'relu' | 'activation';

/** The axon: what leaves the neuron. */
export interface AxonParts {
  readonly kind: AxonKind;
  /**
   * spikes: the spikes counted over `windowMs` (the last step when no window is known); rate: Hz;
   * relu / activation: the activation value.
   */
  readonly value: number;
  /** e.g. `spikes`, `Hz`, `1`. */
  readonly unit: string;
  /** The activation's name for `relu` / `activation` (`relu`, `sigmoid`, `identity`, ...). */
  readonly activation?: string;
  /** spikes: the window the count covers, ms. */
  readonly windowMs?: number;
  /** spikes: count x 1000 / windowMs, Hz. */
  readonly rateHz?: number;
  /** spikes: this neuron's spike times (ms) as a stream (a view on its population's batches). */
  readonly spikes$?: Observable<number>;
}

/** Neuron = Dendrite + Soma + Axon: the one shape of a spiking neuron and of an artificial unit. */
export interface NeuronParts {
  readonly dendrite: DendriteParts;
  readonly soma: SomaParts;
  readonly axon: AxonParts;
}

/** Sum of the dendrite's parts: bias + terms + the inputs that act directly (see DendriteParts.sum). */
export function dendriteSum(bias: number, terms: readonly DendriteTerm[], inputs: readonly DendriteInput[]): number {
  let s = bias;
  for (const t of terms) s += t.value;
  for (const x of inputs) if (!x.viaCurrent) s += x.contribution;
  return s;
}
