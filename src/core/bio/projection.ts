/**
 * Projections: bundles of synapses from one population to another.
 *
 * Extension point: `Projection` is an abstract base class. It subscribes ONCE to the presynaptic
 * `spikes$` (one emission per step with spikes), keeps the fired indices of the last
 * max-delay steps in a ring buffer, and in the deliver phase of step n hands every presynaptic
 * neuron that fired at step n - d (for each of its delays d, in steps) to `scatter`, which adds
 * that neuron's weights into the target array of the postsynaptic dendrite. A new kind of
 * connectivity (e.g. a dense weight matrix) subclasses it and implements `scatter` and
 * `synapseCount`; nothing else changes. `SparseProjection` (CSR) is the built-in one.
 *
 * Delays are >= one step, so a spike emitted at step n acts at the earliest on the integration
 * of step n + 1: the same as Brian2's default zero delay, whose `on_pre` runs after the
 * thresholds of step n and is first seen by the update of step n + 1.
 */
import type { Subscription } from 'rxjs';
import { checkNumber, ParameterError } from '../errors';
import { buildSynapses, sortedToCsr, toCsr, type Connectivity, type Csr, type SynapseList } from './connectivity';
import type { SynapseKind, SynapticChannel } from './dendrite';
import type { Population } from './population';
import { sampleFixedProbabilityCsr } from './fixed-probability';
import { SpikeRing } from './spike-ring';

const EMPTY = new Int32Array(0);

/** A bundle of synapses from `pre` to `post` (the extension point: see above). */
export abstract class Projection {
  /** The distinct delays of this projection, in steps (>= 1, or the single 0 of an immediate one); set by `bind`. */
  protected delaySteps: Int32Array = new Int32Array(0);
  /** The postsynaptic array `scatter` adds into (a dendrite current, the delta-jump or its `toInput` buffer). */
  protected target: Float64Array = new Float64Array(0);
  /**
   * Whether `scatter` multiplies its weights by `gain` (see the scaled channels of dendrite.ts).
   * Subclasses that do may set this true; the default keeps the target channel unscaled.
   */
  readonly supportsGain: boolean = false;
  /**
   * What the projection is, for readers that handle some kinds specially (the Brian2 exporter
   * reads `sparse` from its CSR; any other kind through `scatter`).
   */
  readonly kind: string = 'scatter';
  private channel: SynapticChannel | null = null;
  private ring: SpikeRing | null = null;
  private subscription: Subscription | null = null;

  /** True when the only delay is 0: delivered within the step of the spike (see above). */
  readonly immediate: boolean;

  /**
   * @param delaysMs the distinct delays used (ms), each >= dt, or exactly [0] (immediate);
   *   `scatter` is called with the position of the delay in this list.
   */
  constructor(readonly name: string, readonly pre: Population, readonly post: Population, readonly synapse: SynapseKind, readonly delaysMs: readonly number[]) {
    if (delaysMs.length === 0) throw new ParameterError('delay_ms', '[]', 'at least one delay');
    this.immediate = delaysMs.length === 1 && delaysMs[0] === 0;
  }

  /** Number of synapses (for reports). */
  abstract get synapseCount(): number;

  /**
   * Adds the effect of one spike of presynaptic neuron `pre`, for the synapses of the delay with
   * position `delayGroup` in `delaysMs`, into `target` (length post.size): target[j] += w. A
   * projection with `supportsGain` adds w * gain instead. Hot: no allocation.
   */
  protected abstract scatter(pre: number, delayGroup: number, target: Float64Array, gain: number): void;

  /**
   * Scatters `count` spikes, the presynaptic indices list[base .. base + count), in that order.
   * The default calls `scatter` once per spike; a subclass may override it with one loop (the
   * dense projection does) as long as it adds the same values in the same order.
   */
  protected scatterMany(list: Int32Array, base: number, count: number, delayGroup: number, target: Float64Array, gain: number): void {
    for (let k = 0; k < count; k++) this.scatter(list[base + k], delayGroup, target, gain);
  }

  /** Binds to the network's time step: checks delays, subscribes to the presynaptic spikes. */
  bind(dtMs: number): void {
    if (this.subscription) throw new ParameterError('projection', this.name, 'a projection added to one network only');
    this.delaySteps = this.immediate ? Int32Array.of(0) : Int32Array.from(this.delaysMs, (d) => delayToSteps(d, dtMs));
    this.channel = this.post.dendrite.channel(this.synapse, this.supportsGain);
    this.target = this.channel?.g ?? (this.synapse.type === 'delta' && this.synapse.toInput ? this.post.dendrite.pulse : this.post.dendrite.jump);
    const ring = new SpikeRing(Math.max(...this.delaySteps) + 1, this.pre.size);
    this.ring = ring;
    this.subscription = this.pre.spikes$.subscribe((b) => ring.push(b.step, b.indices, b.count));
  }

  /**
   * Deliver phase of step n: scatters the spikes emitted d steps ago, for each delay d (for an
   * immediate projection, the spikes its source emitted in step n: called after that emission).
   */
  deliver(step: number): void {
    const ring = this.ring!;
    const data = ring.indices;
    const target = this.target;
    const gain = this.channel === null ? 1 : this.channel.gain;
    for (let g = 0; g < this.delaySteps.length; g++) {
      const from = step - this.delaySteps[g];
      const count = ring.countAt(from);
      if (count === 0) continue;
      this.scatterMany(data, ring.offsetAt(from), count, g, target, gain);
    }
  }

  /** Forgets spikes in flight. */
  reset(): void {
    this.ring?.clear();
  }

  /** Unsubscribes from the presynaptic stream. */
  dispose(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  /**
   * The synapses onto postsynaptic neuron `post` and what each delivered in the deliver phase of
   * `step` (at most max-delay steps ago): presynaptic index, delay (ms), weight (target input
   * unit: `scatter` read with gain 1) and the number of spikes delivered. For views and teaching
   * (allocates; O(pre.size x row length)), never in the step loop.
   */
  synapsesOnto(post: number, step: number): { pre: number; delayMs: number; weight: number; delivered: number }[] {
    checkNumber('post', post, { min: 0, max: this.post.size - 1, integer: true });
    const out: { pre: number; delayMs: number; weight: number; delivered: number }[] = [];
    const ring = this.ring;
    const scratch = new Float64Array(this.post.size);
    for (let g = 0; g < this.delaysMs.length; g++) {
      const from = ring && g < this.delaySteps.length ? step - this.delaySteps[g] : -1;
      const count = ring ? ring.countAt(from) : 0;
      const base = count > 0 ? ring!.offsetAt(from) : 0;
      for (let p = 0; p < this.pre.size; p++) {
        scratch[post] = 0;
        this.scatter(p, g, scratch, 1);
        const weight = scratch[post];
        if (weight === 0) continue;
        let delivered = 0;
        for (let k = 0; k < count; k++) if (ring!.indices[base + k] === p) delivered++;
        out.push({ pre: p, delayMs: this.delaysMs[g], weight, delivered });
      }
    }
    return out;
  }
}

/** Converts a delay in ms to whole steps (rounded), refusing delays shorter than one step. */
export function delayToSteps(delayMs: number, dtMs: number): number {
  checkNumber('delay_ms', delayMs);
  const steps = Math.round(delayMs / dtMs);
  if (!(delayMs >= dtMs * (1 - 1e-9)) || steps < 1) throw new ParameterError('delay_ms', delayMs, `a delay >= dt = ${dtMs} ms`);
  return steps;
}

/** Options of `SparseProjection` (and `Network.connect`). */
export interface ConnectOptions {
  connectivity: Connectivity;
  /** Weight in the target's input unit (mV of drive for LIF); overridden by per-synapse list weights. */
  weight?: number;
  /** `excitatory` (+|w|) or `inhibitory` (-|w|); when absent the weight keeps its own sign. */
  sign?: 'excitatory' | 'inhibitory';
  /** Delay in ms (>= dt); default one step. Overridden by per-synapse list delays. */
  delayMs?: number;
  /** Default exponential with tau_syn 5 ms. */
  synapse?: SynapseKind;
  name?: string;
}

/** A projection in CSR form, one CSR per distinct delay. */
export class SparseProjection extends Projection {
  override readonly supportsGain = true;
  override readonly kind = 'sparse';
  /** One CSR per delay group (parallel to `delaysMs`). */
  readonly csr: Csr[];
  private readonly count: number;
  private readonly rowPtrs: Int32Array[];
  private readonly cols: Int32Array[];
  private readonly weights: Float64Array[];
  /** Whether every synapse has the weight `uniformWeight` (one delay, no list weights). */
  private readonly uniform: boolean;
  private readonly uniformWeight: number;

  constructor(pre: Population, post: Population, opts: ConnectOptions, dtMs: number) {
    const rule = opts.connectivity;
    // fixed probability: sampled straight into CSR (WebAssembly, the same synapses as buildSynapses)
    const sampled = rule.kind === 'fixed-probability'
      ? sampleFixedProbabilityCsr(pre.size, post.size, checkNumber('p', rule.p, { min: 0, max: 1 }), rule.rng, pre === post && rule.allowSelf === false)
      : null;
    const list: SynapseList = sampled ? { pre: EMPTY, post: EMPTY, weights: null, delaysMs: null } : buildSynapses(rule, pre.size, post.size, pre === post);
    const w0 = checkNumber('weight', opts.weight ?? 1);
    const sign = opts.sign === undefined ? 0 : opts.sign === 'excitatory' ? 1 : opts.sign === 'inhibitory' ? -1 : NaN;
    if (Number.isNaN(sign)) throw new ParameterError('sign', opts.sign, 'excitatory or inhibitory');
    const signed = (w: number) => (sign === 0 ? w : sign * Math.abs(w));
    const delay0 = opts.delayMs ?? dtMs;
    let groups: number[];
    let groupOf: Int32Array | null = null;
    if (list.delaysMs) {
      // group synapses by delay in steps: one CSR per distinct delay
      const steps = Int32Array.from(list.delaysMs, (d) => delayToSteps(d, dtMs));
      const distinct = [...new Set(steps)].sort((a, b) => a - b);
      groups = distinct.map((s) => s * dtMs);
      groupOf = Int32Array.from(steps, (s) => distinct.indexOf(s));
    } else {
      delayToSteps(delay0, dtMs);
      groups = [delay0];
    }
    super(opts.name ?? `${pre.name}->${post.name}`, pre, post, opts.synapse ?? { type: 'exponential', tauSynMs: 5 }, groups);
    const weightOf = list.weights ? (k: number) => signed(list.weights![k]) : () => signed(w0);
    // one delay and one weight (the generated rules): the list is already in row order
    const direct = sampled
      ? { rowPtr: sampled.rowPtr, col: sampled.col, weight: new Float64Array(sampled.col.length).fill(signed(w0)) }
      : !groupOf && !list.weights ? sortedToCsr(pre.size, list.pre, list.post, signed(w0)) : null;
    this.uniform = direct !== null;
    this.uniformWeight = signed(w0);
    this.csr = direct ? [direct] : groups.map((_, g) => toCsr(pre.size, list.pre, list.post, weightOf, groupOf ? (k) => groupOf![k] === g : undefined));
    this.count = sampled ? sampled.col.length : list.pre.length;
    this.rowPtrs = this.csr.map((c) => c.rowPtr);
    this.cols = this.csr.map((c) => c.col);
    this.weights = this.csr.map((c) => c.weight);
  }

  get synapseCount(): number {
    return this.count;
  }

  /** All spikes of a step in one loop (the rows looked up once, not per spike); the same adds in the same order as `scatter`. */
  protected override scatterMany(list: Int32Array, base: number, count: number, g: number, target: Float64Array, gain: number): void {
    const rowPtr = this.rowPtrs[g];
    const col = this.cols[g];
    if (this.uniform) {
      const wg = this.uniformWeight * gain;
      for (let k = base, last = base + count; k < last; k++) {
        const pre = list[k];
        for (let s = rowPtr[pre], end = rowPtr[pre + 1]; s < end; s++) target[col[s]] += wg;
      }
      return;
    }
    const w = this.weights[g];
    for (let k = base, last = base + count; k < last; k++) {
      const pre = list[k];
      for (let s = rowPtr[pre], end = rowPtr[pre + 1]; s < end; s++) target[col[s]] += w[s] * gain;
    }
  }

  protected scatter(pre: number, g: number, target: Float64Array, gain: number): void {
    const rowPtr = this.rowPtrs[g];
    const col = this.cols[g];
    if (this.uniform) {
      // one weight (CUBA's projections): no weight array read; w * gain is the same double
      const wg = this.uniformWeight * gain;
      for (let s = rowPtr[pre], end = rowPtr[pre + 1]; s < end; s++) target[col[s]] += wg;
      return;
    }
    const w = this.weights[g];
    for (let s = rowPtr[pre], end = rowPtr[pre + 1]; s < end; s++) target[col[s]] += w[s] * gain;
  }
}
