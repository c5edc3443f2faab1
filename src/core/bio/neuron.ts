/**
 * Neuron = Dendrite + Soma + Axon: a handle on one neuron of a population, for teaching and
 * views (the engine itself works on whole populations). Its three parts read the population's
 * live state and give the shape both worlds share (`NeuronParts`, core/neuron-parts.ts); the
 * artificial unit gives the same shape from its real layer (ann/neuron-parts.ts).
 *
 * What the dendrite lists (after step n of the network):
 * - each synapse onto the neuron (of the network's projections, when the handle was given the
 *   network): weight w, the spikes s it delivered at step n, and w s;
 * - the bias, the stimuli and each exponential synaptic current's share of the step's input
 *   (factor g(t_n), which holds the contributions of its synapses);
 * and the sum, which is the input the soma integrated at step n: bias + stimuli + sum_k factor_k
 * g_k + the delta synapses' w s (their voltage jump, added to V before the integration). For a
 * soma without leak (integrate-and-fire) that is exactly V_after - V_before below threshold; for
 * a leaky one (LIF) the jumps are mV of V while the rest is a drive held over the step.
 */
import { filter, map, type Observable } from 'rxjs';
import { checkNumber, ParameterError } from '../errors';
import { dendriteSum, type AxonParts, type DendriteInput, type DendriteParts, type DendriteTerm, type NeuronParts, type SomaParts } from '../neuron-parts';
import type { Population } from './population';
import type { Projection } from './projection';
import type { SomaModel } from './soma';

export type { NeuronParts } from '../neuron-parts';

/** What the handle needs of a network: its projections and the index of its next step. */
export interface NetworkView {
  readonly projections: readonly Projection[];
  readonly stepIndex: number;
}

/** Unit of the state a soma model shows as `v`, by model name (the models' own documentation). */
const V_UNITS: Record<string, string> = {
  lif: 'mV',
  izhikevich: 'mV',
  hh: 'mV',
  'spiking-relu': 'threshold units',
  'if-subtract': 'threshold units',
  'if-zero': 'threshold units',
  'leaky-subtract': 'threshold units',
  'leaky-zero': 'threshold units',
  identity: 'input unit',
  relu: 'input unit',
  'lif-rate': 'Hz',
  'soft-lif': 'Hz',
};

/** The unit of a soma's `v` (a model may declare `vUnit` itself; otherwise the table above). */
export function somaUnit(soma: SomaModel): string {
  return (soma as { vUnit?: string }).vUnit ?? V_UNITS[soma.model] ?? (soma.spiking ? 'model units' : 'output unit');
}

/** Neuron i of a population: live views on its entries of the population's typed arrays. */
export class Neuron implements NeuronParts {
  private readonly d: NeuronDendrite;
  private readonly s: NeuronSoma;
  private readonly a: NeuronAxon;

  /**
   * @param network the network the population belongs to: its projections onto this population
   *   are listed synapse by synapse (without it the dendrite shows its sums only)
   */
  constructor(readonly population: Population, readonly index: number, network: NetworkView | null = null) {
    this.d = new NeuronDendrite(population, index, network);
    this.s = new NeuronSoma(population, index);
    this.a = new NeuronAxon(population, index);
  }

  get dendrite(): NeuronDendrite {
    return this.d;
  }

  get soma(): NeuronSoma {
    return this.s;
  }

  get axon(): NeuronAxon {
    return this.a;
  }

  /** The three parts as plain data, read now (allocates: for views, not hot loops). */
  parts(): NeuronParts {
    const { model, stateName, value } = this.s;
    const soma: SomaParts = { model, stateName, value, unit: this.s.unit };
    const a = this.a;
    const axon: AxonParts = { kind: a.kind, value: a.value, unit: a.unit, activation: a.activation, spikes$: a.spikes$ };
    return { dendrite: this.d.read(), soma, axon };
  }
}

/** Neuron i's dendrite: its inputs, bias, the other terms of its input, and their sum. */
export class NeuronDendrite implements DendriteParts {
  constructor(private readonly p: Population, private readonly i: number, private readonly network: NetworkView | null) {}

  /** The summed input of the last step without delta-synapse jumps (soma input unit): `inputOf(i)`. */
  get input(): number {
    return this.p.dendrite.inputOf(this.i);
  }

  /** Constant bias current (soma input unit). */
  get bias(): number {
    return this.p.dendrite.bias[this.i];
  }
  set bias(x: number) {
    this.p.dendrite.bias[this.i] = checkNumber('bias', x);
  }

  get unit(): string {
    return this.p.soma.inputUnit;
  }

  /**
   * Every synapse onto this neuron from the network's projections, with the spikes it delivered
   * in the last step (the network's step index - 1). Allocates.
   */
  get inputs(): DendriteInput[] {
    const net = this.network;
    if (!net) return [];
    const step = net.stepIndex - 1;
    const out: DendriteInput[] = [];
    for (const proj of net.projections) {
      if (proj.post !== this.p) continue;
      const viaCurrent = proj.synapse.type === 'exponential';
      for (const syn of proj.synapsesOnto(this.i, step)) {
        out.push({ source: `${proj.pre.name}[${syn.pre}]`, weight: syn.weight, value: syn.delivered, contribution: syn.weight * syn.delivered, viaCurrent });
      }
    }
    return out;
  }

  /**
   * The other terms of the last step's input: each exponential synaptic current's share
   * (factor g(t_n)) and the stimuli (what the input holds beyond bias and currents).
   */
  get terms(): DendriteTerm[] {
    return this.termsWith(this.inputs);
  }

  /** The input the soma integrated in the last step (soma input unit): see the file's comment. */
  get sum(): number {
    return this.read().sum;
  }

  /** Inputs, bias, terms and sum, each read once (allocates). */
  read(): DendriteParts {
    const inputs = this.inputs, bias = this.bias;
    const terms = this.termsWith(inputs);
    return { inputs, bias, terms, sum: dendriteSum(bias, terms, inputs), unit: this.unit };
  }

  private termsWith(inputs: readonly DendriteInput[]): DendriteTerm[] {
    const d = this.p.dendrite, i = this.i;
    const out: DendriteTerm[] = [];
    let channels = 0;
    for (const ch of d.channels) {
      const value = ch.stepFactor * ch.g[i];
      channels += value;
      out.push({ name: `synaptic current (tau_syn ${ch.tauSynMs} ms)`, value });
    }
    if (d.stimuli.length > 0 && !d.lastStepFused) {
      // input = bias + stimuli + currents (+ delta input, for a rate soma): the stimuli are the rest.
      let delta = 0;
      if (!this.p.soma.spiking) for (const x of inputs) if (!x.viaCurrent) delta += x.contribution;
      out.push({ name: 'stimuli', value: d.input[i] - d.bias[i] - channels - delta });
    }
    return out;
  }
}

/** Neuron i's soma: model, membrane potential and state variables. */
export class NeuronSoma {
  constructor(private readonly p: Population, private readonly i: number) {}
  get model(): string {
    return this.p.soma.model;
  }
  /** Membrane potential (mV or the model's unit); a rate soma's output. */
  get v(): number {
    return this.p.soma.v[this.i];
  }
  /** The state shown: `v` for spiking somas, `output` for rate somas. */
  get stateName(): string {
    return this.p.soma.spiking ? 'v' : 'output';
  }
  get value(): number {
    return this.v;
  }
  get unit(): string {
    return somaUnit(this.p.soma);
  }
  /** A named state variable (`v`, `u`, `m`, ...). */
  state(name: string): number {
    const a = this.p.soma.state[name];
    if (!a) throw new ParameterError('variable', name, `one of ${Object.keys(this.p.soma.state).join(', ')}`);
    return a[this.i];
  }
}

/** Neuron i's axon: its spike times as a stream, and its output value. */
export class NeuronAxon {
  /** This neuron's spike times (ms): a view on the population's batched stream. */
  readonly spikes$: Observable<number>;
  constructor(private readonly p: Population, private readonly i: number) {
    this.spikes$ = p.spikes$.pipe(
      map((b) => {
        for (let k = 0; k < b.count; k++) if (b.indices[k] === i) return b.tMs + b.offsetsMs[k];
        return NaN;
      }),
      filter((t) => !Number.isNaN(t)),
    );
  }

  /** `spikes`, `rate` (rate-window or rate-exponential axons) or `relu` (a rate soma's ReLU axon). */
  get kind(): AxonParts['kind'] {
    const m = this.p.axon.mode.kind;
    return m === 'spikes' ? 'spikes' : m === 'relu' ? 'relu' : 'rate';
  }

  get activation(): string | undefined {
    return this.kind === 'relu' ? 'relu' : undefined;
  }

  /** Whether the neuron fired in the last step. */
  get firedNow(): boolean {
    const p = this.p;
    for (let k = 0; k < p.firedCount; k++) if (p.fired.indices[k] === this.i) return true;
    return false;
  }

  /**
   * The axon's output: a rate estimate (Hz) or the ReLU value; in `spikes` mode, the spikes of
   * the last step (0 or 1).
   */
  get value(): number {
    const v = this.p.axon.value;
    if (this.kind === 'spikes') return this.firedNow ? 1 : 0;
    return v[this.i];
  }

  get unit(): string {
    const k = this.kind;
    return k === 'spikes' ? 'spikes in the last step' : k === 'rate' ? 'Hz' : somaUnit(this.p.soma);
  }
}
