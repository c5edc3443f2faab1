/**
 * The network: populations, projections, stimuli and monitors on one fixed time step, and the
 * ONE place where the phase order of a step is written (`step`):
 *
 *   1. deliver    every projection with a delay >= one step scatters the spikes due now into its
 *                 target dendrites
 *   then for each population, in the order they were added:
 *   2. integrate  dendrite sums bias + stimuli + synaptic currents, soma steps
 *   3. threshold/reset  (inside the soma's step: who fired, reset, refractory)
 *   4. emit       one batch on spikes$ if any fired; axons update
 *   4b. deliver within the step: the population's zero-delay (`immediate`) projections scatter
 *                 these spikes into their targets, which are stepped later in this same step
 *   5. monitors   record
 *
 * With delays >= one step only (every biological network), the order of populations does not
 * matter: what a population emits in step n acts from step n + 1 on. A zero-delay projection is
 * allowed only onto a population added after its source (the populations are then in
 * topological order of the zero-delay graph), so its spikes reach the target in the same step:
 * the converted networks of experiments/engine.ts, where layer l + 1 hears layer l's spikes of
 * step n in step n, as the rate code assumes.
 */
import { checkNumber, ParameterError } from '../errors';
import type { AxonMode } from './axon';
import type { Monitor } from './monitors';
import { Population } from './population';
import { SparseProjection, type ConnectOptions, type Projection } from './projection';
import type { SomaModel } from './soma';
import type { Stimulus } from './stimulus';

/** What the page reads each frame: live views, valid until the next step (copy to keep). */
export interface NetworkSnapshot {
  step: number;
  tMs: number;
  populations: { name: string; v: Float64Array; fired: Int32Array; firedCount: number; axon: Float64Array }[];
}

/** Populations, projections, stimuli and monitors on one fixed time step (ms). */
export class Network {
  readonly populations: Population[] = [];
  readonly projections: Projection[] = [];
  readonly monitors: Monitor[] = [];
  /** The projections with delays >= one step (phase 1). */
  private readonly delayed: Projection[] = [];
  /** Per population (same order): its zero-delay projections (phase 4b). */
  private readonly immediateFrom: Projection[][] = [];
  /** Index of the next step to run. */
  stepIndex = 0;
  private readonly snap: NetworkSnapshot;

  /** @param dtMs the fixed time step, ms (> 0) */
  constructor(readonly dtMs: number) {
    checkNumber('dt_ms', dtMs, { min: 0, minExclusive: true });
    this.snap = { step: 0, tMs: 0, populations: [] };
  }

  /** Time at the start of the next step, ms. */
  get tMs(): number {
    return this.stepIndex * this.dtMs;
  }

  /** Adds a population of `soma` (checks that the soma accepts this dt). */
  addPopulation(name: string, soma: SomaModel, axon?: AxonMode): Population {
    if (this.populations.some((p) => p.name === name)) throw new ParameterError('population', name, 'a name not used yet in this network');
    soma.checkDt(this.dtMs);
    const p = new Population(name, soma, axon);
    p.dendrite.bind(this.dtMs);
    p.axon.bind(this.dtMs);
    this.populations.push(p);
    this.immediateFrom.push([]);
    this.snap.populations.push({ name, v: soma.v, fired: p.fired.indices, firedCount: 0, axon: p.axon.value });
    return p;
  }

  /** Connects two populations of this network with a CSR projection. */
  connect(pre: Population, post: Population, opts: ConnectOptions): SparseProjection {
    this.checkOwn(pre);
    this.checkOwn(post);
    return this.addProjection(new SparseProjection(pre, post, opts, this.dtMs));
  }

  /**
   * Adds any projection (the extension point: see projection.ts). A zero-delay projection must
   * go from a population to one added after it (stepped later in the same step).
   */
  addProjection<P extends Projection>(projection: P): P {
    this.checkOwn(projection.pre);
    this.checkOwn(projection.post);
    const from = this.populations.indexOf(projection.pre);
    if (projection.immediate && this.populations.indexOf(projection.post) <= from) {
      throw new ParameterError('delay_ms', 0, `a delay >= dt = ${this.dtMs} ms: ${projection.post.name} was not added after ${projection.pre.name}, so it cannot hear its spikes in the same step`);
    }
    projection.bind(this.dtMs);
    this.projections.push(projection);
    if (projection.immediate) this.immediateFrom[from].push(projection);
    else this.delayed.push(projection);
    return projection;
  }

  /** Injects a stimulus current into a population's dendrite. */
  addStimulus(population: Population, stimulus: Stimulus): Stimulus {
    this.checkOwn(population);
    population.dendrite.stimuli.push(stimulus);
    return stimulus;
  }

  addMonitor<M extends Monitor>(monitor: M): M {
    this.monitors.push(monitor);
    return monitor;
  }

  /** Advances the network by one step, in the phase order above. */
  step(): void {
    const n = this.stepIndex;
    const dt = this.dtMs;
    const t = n * dt;
    const pops = this.populations, delayed = this.delayed;
    for (let k = 0; k < delayed.length; k++) delayed[k].deliver(n); // 1. deliver (delays >= 1 step)
    for (let k = 0; k < pops.length; k++) {
      pops[k].integrate(n, t, dt); // 2.+3. integrate, threshold/reset
      pops[k].emit(n, t, dt); // 4. emit
      const now = this.immediateFrom[k];
      for (let q = 0; q < now.length; q++) now[q].deliver(n); // 4b. deliver within the step (delay 0)
    }
    for (let k = 0; k < this.monitors.length; k++) this.monitors[k].record(n, t, dt); // 5. monitors
    this.stepIndex = n + 1;
  }

  /** Runs `steps` steps (e.g. k per animation frame). */
  runSteps(steps: number): void {
    checkNumber('steps', steps, { min: 0, integer: true });
    for (let s = 0; s < steps; s++) this.step();
  }

  /** Runs for `durationMs` (rounded to whole steps). */
  run(durationMs: number): void {
    checkNumber('duration_ms', durationMs, { min: 0 });
    this.runSteps(Math.round(durationMs / this.dtMs));
  }

  /** The state of the last step for views: live arrays, no copies. */
  snapshot(): NetworkSnapshot {
    const s = this.snap;
    s.step = this.stepIndex;
    s.tMs = this.tMs;
    for (let k = 0; k < this.populations.length; k++) s.populations[k].firedCount = this.populations[k].firedCount;
    return s;
  }

  /** Back to t = 0: initial soma states, no synaptic current, no spikes in flight, monitors cleared. */
  reset(): void {
    this.stepIndex = 0;
    for (const p of this.populations) p.reset();
    for (const p of this.projections) p.reset();
    for (const m of this.monitors) m.reset();
  }

  /** Tears down every subscription this network made. */
  dispose(): void {
    for (const p of this.projections) p.dispose();
    for (const p of this.populations) p.dispose();
  }

  private checkOwn(p: Population): void {
    if (!this.populations.includes(p)) throw new ParameterError('population', p.name, 'a population of this network');
  }
}
