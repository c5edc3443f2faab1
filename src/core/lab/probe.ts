/**
 * The page's probe network: the converted network for ONE input on the spiking core's engine
 * (bio/network.ts), with a real synaptic delay. It is the bridge's engine network
 * (experiments/engine.ts: one Population per layer, `DenseProjection` through the Projection
 * extension point, biases and the constant input current as dendrite biases, Poisson input as a
 * PoissonSource population) with one change: every projection carries the page's delay d
 * (>= one step) instead of one step. A spike of step n acts on the next layer at step n + d / dt,
 * so the axon dots travel exactly d ms. Spikes leave every population as the engine's batched
 * RxJS stream (`population.spikes$`, one emission per step with spikes).
 *
 * Also here: `withLifSomas`, which turns the conversion's leaky integrate-and-fire layers
 * (V <- e^(-dt/tau) V + z, reset to 0, no refractory period) into the spiking core's LIF soma
 * (exact integration, exact threshold crossing, refractory period t_ref) with the same charge per
 * step, so the page's "LIF" network neuron has both of its parameters, tau and t_ref, in ms.
 */
import { LifSoma } from '../bio/lif';
import { Network } from '../bio/network';
import type { Population } from '../bio/population';
import { LIF_DEFAULTS } from '../bio/rate';
import type { SomaModel } from '../bio/soma';
import { PoissonSource } from '../bio/sources';
import { ParameterError, checkNumber } from '../errors';
import type { ConvertedNetwork } from '../experiments/convert';
import { DenseProjection, IntegrateSoma } from '../experiments/engine';
import { Rng } from '../random';

/**
 * The same network with every leaky integrate-and-fire layer (`integrate`, reset to 0, decay
 * e^(-dt/tau) < 1) replaced by a LIF soma. The LIF membrane, exactly integrated over a step with
 * the drive J held constant, moves as u <- decay u + (1 - decay) J (threshold units), so J =
 * z / (1 - decay) gives the leaky neuron's u <- decay u + z: weights and biases are divided by
 * (1 - decay). What changes is what a real LIF adds: the refractory period after each spike
 * (`refractoryMs`) and the exact crossing time inside the step. IF layers are returned as they are.
 * @param refractoryMs t_ref of the LIF somas, ms (>= 0)
 */
export function withLifSomas(net: ConvertedNetwork, refractoryMs: number): ConvertedNetwork {
  checkNumber('refractory_ms', refractoryMs, { min: 0 });
  const layers = net.layers.map((layer) => {
    const soma = layer.soma;
    if (soma.kind !== 'integrate' || soma.reset !== 'zero' || soma.decay >= 1) return layer;
    const tauMs = -net.options.dtMs / Math.log(soma.decay);
    const g = 1 / (1 - soma.decay);
    return {
      ...layer,
      weights: Float64Array.from(layer.weights, (w) => w * g),
      bias: Float64Array.from(layer.bias, (b) => b * g),
      soma: { kind: 'lif' as const, tauMs, refractoryMs },
    };
  });
  return { ...net, layers };
}

/** One input through the converted network on the engine, with synaptic delay `delayMs`. */
export class ProbeNetwork {
  readonly network: Network;
  /** One population per layer (hidden..., output); neuron j of layer l is index j. */
  readonly layers: Population[];
  /** The Poisson input population (D neurons), or null under current encoding. */
  readonly input: Population | null;
  /** Per layer: V in threshold units = (v - vOffset) / vScale (0 = rest/reset, 1 = threshold). */
  readonly vOffset: Float64Array;
  readonly vScale: Float64Array;

  /**
   * @param net the converted network (options.dtMs is the engine's time step)
   * @param x the input, length D
   * @param delayMs the synaptic delay of every projection, ms (>= dt; rounded to whole steps)
   * @param seed seed of the Poisson input (unused with current encoding)
   */
  constructor(net: ConvertedNetwork, x: ArrayLike<number>, readonly delayMs: number, seed = 0) {
    const d = net.nInput, dt = net.options.dtMs;
    if (x.length !== d) throw new ParameterError('x', x.length, `D = ${d} values`);
    checkNumber('delay_ms', delayMs, { min: dt });
    const network = new Network(dt);
    this.network = network;
    this.vOffset = new Float64Array(net.layers.length);
    this.vScale = new Float64Array(net.layers.length).fill(1);
    // Per layer: factor from threshold units (z or J) to the soma's input unit, and for delta
    // synapses from a step's drive to the voltage jump it causes.
    const inputUnit: number[] = [], jumpPerDrive: number[] = [];
    this.layers = net.layers.map((layer, l) => {
      let soma: SomaModel;
      if (layer.soma.kind === 'integrate') {
        soma = new IntegrateSoma(layer.nOut, layer.soma.threshold, layer.soma.reset, layer.soma.decay);
        inputUnit.push(1);
        jumpPerDrive.push(1);
      } else {
        const lif = new LifSoma(layer.nOut, { ...LIF_DEFAULTS, tauMs: layer.soma.tauMs, refractoryMs: layer.soma.refractoryMs });
        const theta = lif.params.vThreshMv - lif.params.vRestMv;
        soma = lif;
        inputUnit.push(theta);
        // A drive J held for one step moves V by theta J (1 - e^(-dt/tau)): the jump that stands for it.
        jumpPerDrive.push(theta * -Math.expm1(-dt / layer.soma.tauMs));
        this.vOffset[l] = lif.params.vRestMv;
        this.vScale[l] = theta;
      }
      const pop = network.addPopulation(`layer${l}`, soma);
      for (let j = 0; j < layer.nOut; j++) pop.dendrite.bias[j] = inputUnit[l] * layer.bias[j];
      return pop;
    });
    const first = net.layers[0];
    if (net.options.encoding === 'current') {
      // Constant current: the first layer's bias becomes x W_1 + b_1.
      const bias = this.layers[0].dendrite.bias;
      for (let i = 0; i < d; i++) for (let j = 0; j < first.nOut; j++) bias[j] += inputUnit[0] * x[i] * first.weights[i * first.nOut + j];
      this.input = null;
    } else {
      // Input i fires with p = |x_i| / lambda_0 per step; each spike carries sign(x_i).
      const ratesHz = Float64Array.from(x, (v) => (Math.min(1, Math.abs(v) / net.inputScale) * 1000) / dt);
      const sign = Int8Array.from(x, (v) => Math.sign(v));
      this.input = network.addPopulation('input', new PoissonSource(d, ratesHz, new Rng(seed)));
      network.addProjection(new DenseProjection(this.input, this.layers[0], first.weights, d, first.nOut, jumpPerDrive[0], sign, delayMs));
    }
    for (let l = 1; l < net.layers.length; l++) {
      const layer = net.layers[l];
      network.addProjection(new DenseProjection(this.layers[l - 1], this.layers[l], layer.weights, layer.nIn, layer.nOut, jumpPerDrive[l], null, delayMs));
    }
  }

  /** Membrane potential of neuron j of layer l in threshold units (0 = rest/reset, 1 = threshold). */
  potential(l: number, j: number): number {
    return (this.layers[l].soma.v[j] - this.vOffset[l]) / this.vScale[l];
  }

  /** One time step of the engine (its one phase order: deliver, integrate, threshold/reset, emit). */
  step(): void {
    this.network.step();
  }

  /** Completes every stream and drops the projections' subscriptions. */
  dispose(): void {
    this.network.dispose();
  }
}
