/**
 * The ONE simulator of converted networks: the spiking core's engine (bio/network.ts) with a
 * batch dimension. Every layer is one Population of B x n neurons (row b = input b), a
 * `DenseProjection` (the Projection extension point) carries each layer's spikes to the next,
 * biases and the constant input current are dendrite biases, Poisson input is a source
 * population, and spikes travel as the engine's batched RxJS streams (`population.spikes$`, one
 * emission per population per step). Evaluating 300 inputs is one simulation of 300 independent
 * copies (the projections are block-diagonal over the batch), not 300 simulations.
 *
 * One definition of what a spike does, two delays. A spike of layer l - 1 is drive of the step
 * in which it arrives: it joins that step's input (delta synapses `toInput`, the dendrite's
 * `pulse`), z_l = sum s_{l-1} W_l + b_l, and the soma then takes V <- decay V + z_l (a LIF layer:
 * the drive held over the step). That is what the rate-code derivation assumes, and every
 * exporter writes the same (Brian2: an `I_pulse` term of I_in, cleared after the update). The
 * delay only says when it arrives:
 *   - 0 (default: `soma convert`, the evaluation, the page's region grid): zero-delay
 *     projections, delivered by the network within the step to the next layer (stepped after
 *     it), in the step the spikes happen;
 *   - d >= one step (the page's probe, the Brian2 exports): the engine's delay ring, Brian2's
 *     convention (a spike of step n acts from step n + d on).
 * Before this was one definition, the delayed mode added a spike to V before the leak
 * (V <- decay (V + w) + b): on leaky layers 1/decay more input per spike than the conversion.
 */
import type { Subscription } from 'rxjs';
import { LifSoma } from '../bio/lif';
import { Network } from '../bio/network';
import type { Population } from '../bio/population';
import { Projection } from '../bio/projection';
import { LIF_DEFAULTS } from '../bio/rate';
import { PoissonSource } from '../bio/sources';
import { IntegrateSoma } from '../bio/integrate';
import type { SynapseKind, SynapticChannel } from '../bio/dendrite';
import type { FiredBuffer, SomaModel } from '../bio/soma';
import { ParameterError, checkNumber } from '../errors';
import { Rng } from '../random';
import type { ConvertedNetwork } from './convert';
import { specModel } from './soma-fi';

/** The conversion's integrate-and-fire soma lives in bio/integrate.ts with its declaration (re-exported here). */
export { IntegrateSoma };

/**
 * `IntegrateSoma` with the dendrite's sum fused in (bio/soma.ts `stepFused`): the population
 * hands it bias + sum_k stepFactor_k G_k without filling the dendrite's input array first, so a
 * layer under constant input (the first layer, current encoding) reads its bias in place, as the
 * kernel it replaced read x W + b. The same map as `step` (V <- decay V + z, threshold, reset),
 * in one loop with everything hoisted; spike offsets stay 0 (the buffer starts zeroed and
 * nothing else writes it), so only the indices are stored. Same sums in the same order: same bits.
 */
class FusedIntegrateSoma extends IntegrateSoma {
  private scratch: Float64Array | null = null;

  stepFused(dtMs: number, base: Float64Array, channels: readonly SynapticChannel[], fired: FiredBuffer): number {
    if (channels.length > 0) {
      const z = (this.scratch ??= new Float64Array(this.size));
      z.set(base);
      for (const { g, stepFactor } of channels) for (let i = 0; i < this.size; i++) z[i] += stepFactor * g[i];
      return this.step(dtMs, 0, z, fired);
    }
    const v = this.v, n = this.size, theta = this.threshold, decay = this.decay, indices = fired.indices;
    const subtract = this.reset_ === 'subtract';
    let count = 0;
    if (decay === 1) {
      for (let i = 0; i < n; i++) {
        const vi = v[i] + base[i];
        if (vi >= theta) {
          v[i] = subtract ? vi - theta : 0;
          indices[count++] = i;
        } else v[i] = vi;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const vi = decay * v[i] + base[i];
        if (vi >= theta) {
          v[i] = subtract ? vi - theta : 0;
          indices[count++] = i;
        } else v[i] = vi;
      }
    }
    return count;
  }
}

/** What a spike of a converted network does, whatever its delay: drive of the step it arrives in. */
export const CONVERTED_SYNAPSE = { type: 'delta', toInput: true } as const satisfies SynapseKind;

/**
 * A dense layer as a projection between two batched populations: presynaptic neuron
 * p = b nIn + i (input b, unit i) adds scale sign_p W[i, :] to row b of the target (b nOut ...).
 * Block-diagonal over the batch: inputs never mix. Delta synapses `toInput` (a spike is drive
 * of the step it arrives in), with delay 0 (immediate) or >= one step.
 */
export class DenseProjection extends Projection {
  constructor(
    pre: Population, post: Population,
    /** nIn x nOut, row-major. */
    private readonly weights: Float64Array,
    private readonly nIn: number,
    private readonly nOut: number,
    /** Multiplies every weight (units of the target's input). */
    private readonly scale: number,
    /** Per presynaptic neuron, +1 / -1 / 0 (Poisson input carries the sign of x), or null. */
    private readonly sign: Int8Array | null,
    delayMs: number,
  ) {
    super(`${pre.name}->${post.name}`, pre, post, CONVERTED_SYNAPSE, [delayMs]);
    if (weights.length !== nIn * nOut) throw new ParameterError('weights', weights.length, `nIn x nOut = ${nIn * nOut}`);
  }

  get synapseCount(): number {
    return (this.pre.size / this.nIn) * this.nIn * this.nOut;
  }

  protected scatter(pre: number, _delayGroup: number, target: Float64Array): void {
    const b = (pre / this.nIn) | 0;
    const s = this.sign ? this.sign[pre] * this.scale : this.scale;
    if (s === 0) return;
    const w = this.weights, n = this.nOut, wRow = (pre - b * this.nIn) * n, row = b * n;
    for (let j = 0; j < n; j++) target[row + j] += s * w[wRow + j];
  }

  /** All spikes of a step in one loop: row b of the target += s W[i, :] per spike, in spike order. */
  protected override scatterMany(list: Int32Array, base: number, count: number, _delayGroup: number, target: Float64Array): void {
    const nIn = this.nIn, n = this.nOut, w = this.weights, sign = this.sign, scale = this.scale;
    for (let c = 0; c < count; c++) {
      const pre = list[base + c];
      const b = (pre / nIn) | 0;
      const s = sign ? sign[pre] * scale : scale;
      if (s === 0) continue;
      const wRow = (pre - b * nIn) * n, row = b * n;
      for (let j = 0; j < n; j++) target[row + j] += s * w[wRow + j];
    }
  }
}

/**
 * The Poisson input of a converted network: neuron k (input b, feature i) fires in a step with
 * p = min(1, |x_k| / lambda_0), drawn as one uint32 against p 2^32 per non-zero input, in index
 * order (a zero input draws nothing). The same probability as `PoissonSource` with rate
 * p / dt (so the Brian2 export writes it as a PoissonGroup); the draws are the conversion's own,
 * so a seed gives the spikes it always gave. The draws use the probabilities fixed at
 * construction: `rateHz` is there for readers (the exporter), writing it changes nothing.
 */
export class ConversionPoissonSource extends PoissonSource {
  /** p 2^32 per neuron, 0 for a zero input (no draw). */
  private readonly threshold: Float64Array;

  constructor(x: ArrayLike<number>, inputScale: number, dtMs: number, private readonly draws: Rng) {
    super(x.length, Float64Array.from(x, (v) => (Math.min(1, Math.abs(v) / inputScale) * 1000) / dtMs), draws);
    this.threshold = Float64Array.from(x, (v) => Math.min(1, Math.abs(v) / inputScale) * 4294967296);
    for (let k = 0; k < x.length; k++) if (x[k] === 0) this.threshold[k] = -1;
  }

  override step(_dtMs: number, _tMs: number, _input: Float64Array, fired: FiredBuffer): number {
    const thr = this.threshold, rng = this.draws;
    let count = 0;
    for (let k = 0; k < this.size; k++) {
      if (thr[k] < 0 || rng.nextUint32() >= thr[k]) continue;
      fired.indices[count] = k;
      fired.offsetsMs[count++] = 0;
    }
    return count;
  }
}

/** Options of `ConvertedEngine`. */
export interface EngineOptions {
  /** Seed of the Poisson input (unused with current encoding); default 0. */
  seed?: number;
  /** Synaptic delay of every projection, ms: 0 (default, within the step) or >= dt. */
  delayMs?: number;
}

/** A converted network on the spiking core's engine, B inputs at once (see the file comment). */
export class ConvertedEngine {
  readonly network: Network;
  /** One population per layer (hidden..., output), each B x n_l neurons. */
  readonly layers: Population[];
  /** The Poisson input population (B x D), or null under current encoding. */
  readonly input: Population | null;
  /** Per layer: spikes per neuron since the last reset (B x n_l), counted from `spikes$`. */
  readonly counts: Int32Array[];
  /** Per layer: V in threshold units = (v - vOffset) / vScale (0 = rest/reset, 1 = threshold). */
  readonly vOffset: Float64Array;
  readonly vScale: Float64Array;
  readonly delayMs: number;
  private readonly vUnits: (Float64Array | null)[];
  private readonly subscriptions: Subscription[];

  /**
   * @param net the converted network (options.dtMs is the engine's time step)
   * @param x inputs, B x D row-major (D = net.nInput)
   * @param batch B
   */
  constructor(net: ConvertedNetwork, x: ArrayLike<number>, readonly batch: number, options: EngineOptions = {}) {
    const d = net.nInput, dt = net.options.dtMs;
    if (!Number.isInteger(batch) || batch < 1) throw new ParameterError('batch', batch, 'an integer >= 1');
    if (x.length !== batch * d) throw new ParameterError('x', x.length, `B x D = ${batch} x ${d} values`);
    for (let k = 0; k < x.length; k++) if (!Number.isFinite(x[k])) throw new ParameterError(`x[${k}]`, x[k], 'a finite number');
    const delayMs = options.delayMs ?? 0;
    if (delayMs !== 0) checkNumber('delay_ms', delayMs, { min: dt });
    this.delayMs = delayMs;
    const network = new Network(dt);
    this.network = network;
    const first = net.layers[0];
    // Sources first: the populations step in topological order (zero-delay delivery).
    this.input = net.options.encoding === 'current' ? null : network.addPopulation('input', new ConversionPoissonSource(x, net.inputScale, dt, new Rng(options.seed ?? 0)));
    const L = net.layers.length;
    this.vOffset = new Float64Array(L);
    this.vScale = new Float64Array(L).fill(1);
    // Per layer: factor from threshold units (z or J) to the soma's input unit; a spike of
    // weight w (threshold units) adds w times it to the input of the step it arrives in.
    const inputUnit: number[] = [];
    this.layers = net.layers.map((layer, l) => {
      const size = batch * layer.nOut;
      let soma: SomaModel;
      if (layer.soma.kind === 'integrate') {
        soma = new FusedIntegrateSoma(size, layer.soma.threshold, layer.soma.reset, layer.soma.decay);
        inputUnit.push(1);
      } else if (layer.soma.kind === 'model') {
        // a soma model in its own units (weights and bias are currents already): potentials in mV
        soma = specModel(layer.soma.somaFi).make(size);
        inputUnit.push(1);
      } else {
        const lif = new LifSoma(size, { ...LIF_DEFAULTS, tauMs: layer.soma.tauMs, refractoryMs: layer.soma.refractoryMs });
        const theta = lif.params.vThreshMv - lif.params.vRestMv;
        soma = lif;
        inputUnit.push(theta);
        this.vOffset[l] = lif.params.vRestMv;
        this.vScale[l] = theta;
      }
      const pop = network.addPopulation(`layer${l}`, soma);
      const bias = pop.dendrite.bias, n = layer.nOut;
      for (let b = 0; b < batch; b++) {
        const row = b * n;
        for (let j = 0; j < n; j++) bias[row + j] = layer.bias[j];
        // Constant current: the first layer's input is z = x W_1 + b_1 per input, every step.
        if (l === 0 && this.input === null) {
          for (let i = 0; i < d; i++) {
            const xi = x[b * d + i];
            if (xi === 0) continue;
            const wRow = i * n;
            for (let j = 0; j < n; j++) bias[row + j] += xi * first.weights[wRow + j];
          }
        }
        if (inputUnit[l] !== 1) for (let j = 0; j < n; j++) bias[row + j] *= inputUnit[l];
      }
      return pop;
    });
    if (this.input) {
      const sign = Int8Array.from(x, (v) => Math.sign(v));
      network.addProjection(new DenseProjection(this.input, this.layers[0], first.weights, d, first.nOut, inputUnit[0], sign, delayMs));
    }
    for (let l = 1; l < L; l++) {
      const layer = net.layers[l];
      network.addProjection(new DenseProjection(this.layers[l - 1], this.layers[l], layer.weights, layer.nIn, layer.nOut, inputUnit[l], null, delayMs));
    }
    this.counts = this.layers.map((p) => new Int32Array(p.size));
    this.subscriptions = this.layers.map((p, l) => {
      const counts = this.counts[l];
      return p.spikes$.subscribe((s) => {
        for (let c = 0; c < s.count; c++) counts[s.indices[c]]++;
      });
    });
    this.vUnits = this.layers.map((p, l) => (this.vScale[l] === 1 && this.vOffset[l] === 0 ? null : new Float64Array(p.size)));
  }

  /** Steps simulated since the last reset. */
  get steps(): number {
    return this.network.stepIndex;
  }

  /** One time step of the engine (its one phase order). */
  step(): void {
    this.network.step();
  }

  /** `steps` time steps. */
  runSteps(steps: number): void {
    this.network.runSteps(steps);
  }

  /** Membrane potential of neuron k of layer l in threshold units (0 = rest/reset, 1 = threshold). */
  potential(l: number, k: number): number {
    return (this.layers[l].soma.v[k] - this.vOffset[l]) / this.vScale[l];
  }

  /**
   * Layer l's potentials in threshold units (B x n_l): the soma's own array for integrate-and-
   * fire layers, a copy mapped from mV for LIF layers (valid until the next call).
   */
  potentials(l: number): Float64Array {
    const v = this.layers[l].soma.v, out = this.vUnits[l];
    if (!out) return v;
    const off = this.vOffset[l], scale = this.vScale[l];
    for (let k = 0; k < v.length; k++) out[k] = (v[k] - off) / scale;
    return out;
  }

  /** Back to rest at step 0: potentials, counts, refractory times, spikes in flight (the Poisson draws go on). */
  reset(): void {
    this.network.reset();
    for (const c of this.counts) c.fill(0);
  }

  /** Drops the counters' subscriptions and completes every stream. */
  dispose(): void {
    for (const s of this.subscriptions) s.unsubscribe();
    this.network.dispose();
  }
}

/**
 * The engine network of a converted network for B inputs with a one-step delay: what the Brian2
 * export writes (`soma export --what network`, the page's export of 10 test points).
 * @param seed seed of the Poisson input
 */
export function buildEngineNetwork(net: ConvertedNetwork, x: ArrayLike<number>, batch: number, seed = 0): ConvertedEngine {
  return new ConvertedEngine(net, x, batch, { seed, delayMs: net.options.dtMs });
}
