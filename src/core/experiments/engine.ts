/**
 * The converted network on the spiking core's own engine (bio/network.ts): one Population per
 * layer holding all B inputs (B x n neurons), a `DenseProjection` (the Projection extension
 * point) carrying each layer's spikes to the next as delta synapses, biases and the constant
 * input current as dendrite biases, Poisson input as a PoissonSource population. Spikes are the
 * engine's batched RxJS streams (`population.spikes$`).
 *
 * It runs the same arithmetic as the tight kernel in snn.ts, with one difference the engine
 * imposes: a spike acts on the next layer one step later (delays >= 1 step, as Brian2), where
 * the kernel delivers within the step. Hidden-layer spike counts under current input are the
 * same bit for bit (the test checks it); the output layer lags by one step per layer.
 * The bench measures both paths side by side (bench/convert.bench.ts).
 */
import { LifSoma } from '../bio/lif';
import { Network } from '../bio/network';
import type { Population } from '../bio/population';
import { Projection } from '../bio/projection';
import { LIF_DEFAULTS } from '../bio/rate';
import { PoissonSource } from '../bio/sources';
import { IntegrateSoma } from '../bio/integrate';
import type { SomaModel } from '../bio/soma';
import { ParameterError } from '../errors';
import { Rng } from '../random';
import type { ConvertedNetwork } from './convert';

/** The conversion's integrate-and-fire soma lives in bio/integrate.ts with its declaration (re-exported here). */
export { IntegrateSoma };

/**
 * A dense layer as a projection between two batched populations: presynaptic neuron
 * p = b nIn + i (input b, unit i) adds scale sign_p W[i, :] to row b of the target (b nOut ...).
 * Block-diagonal over the batch: inputs never mix.
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
    super(`${pre.name}->${post.name}`, pre, post, { type: 'delta' }, [delayMs]);
    if (weights.length !== nIn * nOut) throw new ParameterError('weights', weights.length, `nIn x nOut = ${nIn * nOut}`);
  }

  get synapseCount(): number {
    return (this.pre.size / this.nIn) * this.nIn * this.nOut;
  }

  protected scatter(pre: number, _delayGroup: number, target: Float64Array): void {
    const b = (pre / this.nIn) | 0;
    const i = pre - b * this.nIn;
    const s = this.sign ? this.sign[pre] * this.scale : this.scale;
    if (s === 0) return;
    const w = this.weights, n = this.nOut, wRow = i * n, row = b * n;
    for (let j = 0; j < n; j++) target[row + j] += s * w[wRow + j];
  }
}

/** The engine network of a converted network for a batch of inputs. */
export interface EngineNetwork {
  network: Network;
  /** One population per layer (hidden..., output), each B x n_l neurons. */
  layers: Population[];
  /** The Poisson input population (B x D), or null under current encoding. */
  input: Population | null;
}

/**
 * Builds the converted network on the spiking core's engine for inputs x (B x D).
 * @param seed seed of the Poisson input
 */
export function buildEngineNetwork(net: ConvertedNetwork, x: ArrayLike<number>, batch: number, seed = 0): EngineNetwork {
  const d = net.nInput, dt = net.options.dtMs;
  if (!Number.isInteger(batch) || batch < 1) throw new ParameterError('batch', batch, 'an integer >= 1');
  if (x.length !== batch * d) throw new ParameterError('x', x.length, `B x D = ${batch} x ${d} values`);
  const network = new Network(dt);
  const layers: Population[] = [];
  // Per layer: factor from threshold units (J or z) to the soma's input unit, and for delta
  // synapses from a step's drive to the voltage jump it causes.
  const inputUnit: number[] = [], jumpPerDrive: number[] = [];
  net.layers.forEach((layer, l) => {
    const size = batch * layer.nOut;
    let soma: SomaModel;
    if (layer.soma.kind === 'integrate') {
      soma = new IntegrateSoma(size, layer.soma.threshold, layer.soma.reset, layer.soma.decay);
      inputUnit.push(1);
      jumpPerDrive.push(1);
    } else {
      const lif = new LifSoma(size, { ...LIF_DEFAULTS, tauMs: layer.soma.tauMs, refractoryMs: layer.soma.refractoryMs });
      const theta = lif.params.vThreshMv - lif.params.vRestMv;
      soma = lif;
      inputUnit.push(theta);
      // A drive D held for one step moves V by D (1 - e^(-dt/tau)): the jump that stands for it.
      jumpPerDrive.push(theta * -Math.expm1(-dt / layer.soma.tauMs));
    }
    const pop = network.addPopulation(`layer${l}`, soma);
    for (let b = 0; b < batch; b++) for (let j = 0; j < layer.nOut; j++) pop.dendrite.bias[b * layer.nOut + j] = inputUnit[l] * layer.bias[j];
    layers.push(pop);
  });
  const first = net.layers[0];
  let input: Population | null = null;
  if (net.options.encoding === 'current') {
    // Constant current: the first layer's bias becomes x W_1 + b_1 per input.
    const h = first.nOut, bias = layers[0].dendrite.bias;
    for (let b = 0; b < batch; b++) {
      for (let i = 0; i < d; i++) {
        const xi = x[b * d + i];
        if (xi === 0) continue;
        for (let j = 0; j < h; j++) bias[b * h + j] += inputUnit[0] * xi * first.weights[i * h + j];
      }
    }
  } else {
    const ratesHz = Float64Array.from(x, (v) => (Math.min(1, Math.abs(v) / net.inputScale) * 1000) / dt);
    const sign = Int8Array.from(x, (v) => Math.sign(v));
    input = network.addPopulation('input', new PoissonSource(batch * d, ratesHz, new Rng(seed)));
    network.addProjection(new DenseProjection(input, layers[0], first.weights, d, first.nOut, jumpPerDrive[0], sign, dt));
  }
  for (let l = 1; l < net.layers.length; l++) {
    const layer = net.layers[l];
    network.addProjection(new DenseProjection(layers[l - 1], layers[l], layer.weights, layer.nIn, layer.nOut, jumpPerDrive[l], null, dt));
  }
  return { network, layers, input };
}
