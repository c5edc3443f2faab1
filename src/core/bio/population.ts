/**
 * A population: N neurons of one soma model, their dendrites and axons, state in typed arrays.
 * Spikes leave as ONE emission per step that has spikes on `spikes$` (the indices that fired),
 * which projections, monitors of the page and single-neuron views subscribe to.
 */
import { Observable, Subject } from 'rxjs';
import { checkNumber } from '../errors';
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

/** N neurons of one soma model with their dendrites and axons; spikes on `spikes$`. */
export class Population {
  readonly dendrite: Dendrite;
  readonly axon: Axon;
  /** Who fired in the last step (the first `firedCount` entries). */
  readonly fired: FiredBuffer;
  firedCount = 0;
  private readonly subject = new Subject<SpikeBatch>();
  private readonly batch: SpikeBatch;
  /** One emission per step that has spikes. */
  readonly spikes$: Observable<SpikeBatch> = this.subject.asObservable();

  constructor(readonly name: string, readonly soma: SomaModel, axon: AxonMode = soma.spiking ? { kind: 'spikes' } : { kind: 'relu' }) {
    checkNumber('neurons', soma.size, { min: 0, integer: true });
    this.dendrite = new Dendrite(soma.size, soma);
    this.axon = new Axon(soma.size, axon, soma);
    this.fired = firedBuffer(soma.size);
    this.batch = { step: 0, tMs: 0, count: 0, indices: this.fired.indices, offsetsMs: this.fired.offsetsMs };
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

  /** Integrate + threshold/reset phase for this population (called by the network). */
  integrate(_step: number, tMs: number, dtMs: number): void {
    const d = this.dendrite;
    if (this.soma.stepFused && d.fusable) {
      d.beginStep();
      this.firedCount = this.soma.stepFused(dtMs, d.bias, d.channels, this.fired);
      d.endStep();
      d.lastStepFused = true;
      return;
    }
    d.collect(tMs, dtMs);
    d.lastStepFused = false;
    this.firedCount = this.soma.step(dtMs, tMs, d.input, this.fired);
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
