/**
 * A population: N neurons of one soma model, their dendrites and axons, state in typed arrays.
 * Spikes leave as ONE emission per step that has spikes on `spikes$` (the indices that fired),
 * which projections, monitors of the page and single-neuron views subscribe to.
 */
import { Observable, Subject } from 'rxjs';
import { checkNumber, SomaRuntimeError } from '../errors';
import { Axon, type AxonMode } from './axon';
import { Dendrite } from './dendrite';
import { Neuron, type NetworkView } from './neuron';
import { firedBuffer, type FiredBuffer, type SomaModel } from './soma';

/**
 * The spikes of one population in one step. The object and its arrays are REUSED from step to
 * step (no allocation in the loop): read them inside the subscriber, copy what you keep.
 */
export interface SpikeBatch {
  /** Step index n. */
  step: number;
  /** Start of the step, ms (n dt). */
  tMs: number;
  /** Number of neurons that fired. */
  count: number;
  /** Neuron indices that fired: entries [0, count). */
  indices: Int32Array;
  /** Spike time of each, ms after tMs: entries [0, count). */
  offsetsMs: Float64Array;
}

/**
 * State values summed per step, amortised, by the non-finite check: a population with more state
 * values (neurons x variables) is checked every ceil(values / FINITE_CHECK_BUDGET) steps, so the
 * check costs about 32 adds per step whatever the size (a full pass every step, ~0.7 ns a value,
 * would add ~5 ns per neuron to a LIF step that costs ~1-2 ns per neuron in the SIMD kernel).
 * Up to 32 values (8 HH neurons, 16 LIF) it runs after every step.
 */
export const FINITE_CHECK_BUDGET = 32;

/** The first non-finite state value of `soma` (neuron index, variable name, value), or null. */
export function findNonFinite(soma: SomaModel): { neuron: number; variable: string; value: number } | null {
  for (let i = 0; i < soma.size; i++) {
    for (const [variable, values] of Object.entries(soma.state)) {
      if (!Number.isFinite(values[i])) return { neuron: i, variable, value: values[i] };
    }
  }
  return null;
}

/**
 * Throws SomaRuntimeError (one line: model, population, neuron, variable, value, time) if any state
 * value of `soma` is not finite. `tMs`: the time of the state, ms; `every`: how often it is checked.
 */
export function checkFiniteState(soma: SomaModel, population: string, tMs: number, every = 1): void {
  const bad = findNonFinite(soma);
  if (bad === null) return;
  const t = Number(tMs.toPrecision(12));
  const when = every === 1 ? `at t = ${t} ms` : `by t = ${t} ms (checked every ${every} steps)`;
  throw new SomaRuntimeError(`${soma.model} population "${population}": neuron ${bad.neuron} has ${bad.variable} = ${bad.value} ${when}; the run stopped (a smaller dt or input may help)`);
}

/** N neurons of one soma model with their dendrites and axons; spikes on `spikes$`. */
export class Population {
  readonly dendrite: Dendrite;
  readonly axon: Axon;
  /** Who fired in the last step (the first `firedCount` entries). */
  readonly fired: FiredBuffer;
  firedCount = 0;
  private readonly subject = new Subject<SpikeBatch>();
  /** State arrays, summed for the non-finite check. */
  private readonly stateArrays: Float64Array[];
  /** The state is checked after every `checkEvery`-th step. */
  readonly checkEvery: number;
  private readonly batch: SpikeBatch;
  /** One emission per step that has spikes. */
  readonly spikes$: Observable<SpikeBatch> = this.subject.asObservable();

  constructor(readonly name: string, readonly soma: SomaModel, axon: AxonMode = soma.spiking ? { kind: 'spikes' } : { kind: 'relu' }) {
    checkNumber('neurons', soma.size, { min: 0, integer: true });
    this.dendrite = new Dendrite(soma.size, soma);
    this.axon = new Axon(soma.size, axon, soma);
    this.fired = firedBuffer(soma.size);
    this.batch = { step: 0, tMs: 0, count: 0, indices: this.fired.indices, offsetsMs: this.fired.offsetsMs };
    this.stateArrays = Object.values(soma.state);
    this.checkEvery = Math.max(1, Math.ceil((soma.size * this.stateArrays.length) / FINITE_CHECK_BUDGET));
  }

  get size(): number {
    return this.soma.size;
  }

  /**
   * A handle on neuron i: its dendrite, soma and axon (for teaching and views, not hot loops).
   * Given the network it belongs to, the dendrite lists the synapses of its projections onto i.
   */
  neuron(i: number, network: NetworkView | null = null): Neuron {
    checkNumber('neuron', i, { min: 0, max: this.size - 1, integer: true });
    return new Neuron(this, i, network);
  }

  /**
   * Integrate + threshold/reset phase for this population (called by the network). Then, every
   * `checkEvery` steps, the state is summed (NaN and infinities propagate through the sum); a
   * non-finite sum is scanned for the neuron and variable and stops the run (SomaRuntimeError).
   */
  integrate(step: number, tMs: number, dtMs: number): void {
    const d = this.dendrite;
    if (this.soma.stepFused && d.fusable) {
      d.beginStep();
      this.firedCount = this.soma.stepFused(dtMs, d.bias, d.channels, this.fired);
      d.endStep();
      d.lastStepFused = true;
    } else {
      d.collect(tMs, dtMs);
      d.lastStepFused = false;
      this.firedCount = this.soma.step(dtMs, tMs, d.input, this.fired);
    }
    if ((step + 1) % this.checkEvery === 0 && !Number.isFinite(this.stateSum())) {
      checkFiniteState(this.soma, this.name, tMs + dtMs, this.checkEvery);
    }
  }

  /** Sum of every state value (one pass, four partial sums; non-finite if any value is). */
  private stateSum(): number {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let k = 0; k < this.stateArrays.length; k++) {
      const a = this.stateArrays[k];
      const n = a.length - (a.length & 3);
      let i = 0;
      for (; i < n; i += 4) {
        s0 += a[i];
        s1 += a[i + 1];
        s2 += a[i + 2];
        s3 += a[i + 3];
      }
      for (; i < a.length; i++) s0 += a[i];
    }
    return s0 + s1 + s2 + s3;
  }

  /** Emit phase: one emission if anyone fired, then the axon's estimate (called by the network). */
  emit(step: number, tMs: number, dtMs: number): void {
    const count = this.firedCount;
    if (count > 0) {
      const b = this.batch;
      b.step = step;
      b.tMs = tMs;
      b.count = count;
      this.subject.next(b);
    }
    this.axon.update(step, dtMs, this.fired.indices, count);
  }

  reset(): void {
    this.soma.reset();
    this.dendrite.reset();
    this.axon.reset();
    this.firedCount = 0;
  }

  /** Completes the spike stream (subscribers are released). */
  dispose(): void {
    this.subject.complete();
  }
}
