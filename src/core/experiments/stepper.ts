/**
 * The converted network one input at a time, step by step, for the page: per layer the membrane
 * potentials, who fired in the last step and the spike counts so far, plus one spike stream per
 * layer. It is the batched simulation with a batch of one, so the page and the headless
 * evaluation run the same arithmetic.
 *
 * Streams follow the spiking core's convention and type (bio/population.ts `SpikeBatch`): one
 * emission per layer per step that has spikes, carrying the indices that fired, in an object and
 * arrays REUSED from step to step (read inside the subscriber, copy what you keep), so a view
 * written for the core's populations reads these too. The subjects are private; `spikes$` are
 * their observables; `dispose()` completes them, so every subscriber is released.
 * (The same network on the core's engine itself, with its own streams: engine.ts.)
 */
import { Observable, Subject } from 'rxjs';
import type { SpikeBatch } from '../bio/population';
import type { ConvertedNetwork } from './convert';
import { BatchedSnn, type LayerState } from './snn';
import { spikeReadout } from './stats';

/**
 * The spikes of one layer in one step: the core's SpikeBatch (step index n from 0, tMs = n dt
 * the start of the step, the first `count` entries of `indices`; offsets 0: conversion spikes
 * happen on the step grid) plus the layer index (0 = first hidden layer, last = output).
 */
export interface LayerSpikes extends SpikeBatch {
  layer: number;
}

/** A converted network driven by one input, stepped by the caller (e.g. k steps per frame). */
export class ConvertedNetworkStepper {
  /** Per layer (hidden..., output): v, fired (last step), counts, each of length n_l. */
  readonly layers: readonly LayerState[];
  /** Per layer: its spikes, one emission per step in which it has any. */
  readonly spikes$: readonly Observable<LayerSpikes>[];
  private readonly sim: BatchedSnn;
  private readonly subjects: Subject<LayerSpikes>[];
  private readonly batches: LayerSpikes[];
  private readonly dtMs: number;
  private readonly classes: number;

  /**
   * @param net the converted network
   * @param x one input, length D
   * @param seed seed of the Poisson input (unused with current encoding)
   */
  constructor(readonly net: ConvertedNetwork, x: ArrayLike<number>, seed = 0) {
    this.sim = new BatchedSnn(net, x, 1, seed);
    this.layers = this.sim.state;
    this.subjects = net.layers.map(() => new Subject<LayerSpikes>());
    this.spikes$ = this.subjects.map((s) => s.asObservable());
    this.batches = net.layers.map((l, layer) => ({ layer, step: 0, tMs: 0, count: 0, indices: new Int32Array(l.nOut), offsetsMs: new Float64Array(l.nOut) }));
    this.dtMs = net.options.dtMs;
    this.classes = net.layers[net.layers.length - 1].nOut;
  }

  /** Steps simulated since the last reset, and the simulated time, ms. */
  get steps(): number {
    return this.sim.steps;
  }
  get tMs(): number {
    return this.sim.steps * this.dtMs;
  }

  /** The class the output layer names now (most spikes; the membrane potential breaks ties). */
  get prediction(): number {
    const out = this.layers[this.layers.length - 1];
    return spikeReadout(out.counts, out.v, 0, this.classes);
  }

  /** Advances `k` steps, emitting each layer's spikes after each step. */
  step(k = 1): void {
    for (let s = 0; s < k; s++) {
      const n = this.sim.steps;
      this.sim.step();
      for (let l = 0; l < this.subjects.length; l++) {
        const subject = this.subjects[l];
        if (!subject.observed) continue;
        const fired = this.layers[l].fired, batch = this.batches[l], indices = batch.indices;
        let count = 0;
        for (let j = 0; j < fired.length; j++) if (fired[j]) indices[count++] = j;
        if (count === 0) continue;
        batch.step = n;
        batch.tMs = n * this.dtMs;
        batch.count = count;
        subject.next(batch);
      }
    }
  }

  /** A new input (length D); the state is kept unless `reset` (default true). */
  setInput(x: ArrayLike<number>, reset = true): void {
    this.sim.setInputs(x);
    if (reset) this.sim.reset();
  }

  /** Back to rest and time 0. */
  reset(): void {
    this.sim.reset();
  }

  /** Completes the spike streams. */
  dispose(): void {
    for (const s of this.subjects) s.complete();
  }
}
