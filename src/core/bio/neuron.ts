/**
 * Neuron = Dendrite + Soma + Axon: a handle on one neuron of a population, for teaching and
 * views (the engine itself works on whole populations). The artificial neuron has the same
 * three parts: a weighted-sum dendrite, an identity soma and a ReLU axon.
 */
import { EMPTY, filter, map, type Observable } from 'rxjs';
import { checkNumber, ParameterError } from '../errors';
import { relu } from './rate';
import type { Population } from './population';

/** The shape both worlds share. */
export interface NeuronParts {
  readonly dendrite: { readonly input: number };
  readonly soma: { readonly model: string; readonly v: number };
  readonly axon: { readonly value: number; readonly spikes$: Observable<number> };
}

/** Neuron i of a population: live views on its entries of the population's typed arrays. */
export class Neuron implements NeuronParts {
  readonly dendrite: NeuronDendrite;
  readonly soma: NeuronSoma;
  readonly axon: NeuronAxon;
  constructor(readonly population: Population, readonly index: number) {
    this.dendrite = new NeuronDendrite(population, index);
    this.soma = new NeuronSoma(population, index);
    this.axon = new NeuronAxon(population, index);
  }
}

/** Neuron i's dendrite: its input and bias (soma input unit). */
export class NeuronDendrite {
  constructor(private readonly p: Population, private readonly i: number) {}
  /** The summed input of the last step (soma input unit). */
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
  /** The axon's output: a rate estimate (Hz) or the ReLU value; NaN in `spikes` mode. */
  get value(): number {
    const v = this.p.axon.value;
    return v.length ? v[this.i] : NaN;
  }
}

/** An artificial neuron: weighted-sum dendrite, identity soma, ReLU axon. */
export class ArtificialNeuron implements NeuronParts {
  readonly weights: Float64Array;
  bias: number;
  private sum = 0;
  readonly dendrite: { readonly input: number };
  readonly soma: { readonly model: string; readonly v: number };
  readonly axon: { readonly value: number; readonly spikes$: Observable<number> };

  constructor(weights: ArrayLike<number>, bias = 0) {
    this.weights = Float64Array.from(weights, (w, k) => checkNumber(`weights[${k}]`, w));
    this.bias = checkNumber('bias', bias);
    const self = this;
    this.dendrite = { get input() { return self.sum; } };
    this.soma = { model: 'identity', get v() { return self.sum; } };
    this.axon = { get value() { return relu(self.sum); }, spikes$: EMPTY };
  }

  /** Dendrite: s = w . x + b; soma: identity; axon: relu(s). Returns the axon's value. */
  forward(x: ArrayLike<number>): number {
    if (x.length !== this.weights.length) throw new ParameterError('x', `array of length ${x.length}`, `an array of length ${this.weights.length}`);
    let s = this.bias;
    for (let k = 0; k < x.length; k++) s += this.weights[k] * x[k];
    this.sum = s;
    return relu(s);
  }
}
