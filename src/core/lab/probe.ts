/**
 * The page's probe network: the converted network for ONE input on the spiking core's engine
 * (bio/network.ts), with a real synaptic delay. It is the bridge's one simulator
 * (experiments/engine.ts `ConvertedEngine`: one Population per layer, `DenseProjection` through
 * the Projection extension point, biases and the constant input current as dendrite biases,
 * Poisson input as a source population) with a batch of one and every projection carrying the
 * page's delay d (>= one step) instead of none. A spike of step n acts on the next layer at step
 * n + d / dt, so the axon dots travel exactly d ms. Spikes leave every population as the engine's
 * batched RxJS stream (`population.spikes$`, one emission per step with spikes).
 *
 * Also here: `withLifSomas`, which turns the conversion's leaky integrate-and-fire layers
 * (V <- e^(-dt/tau) V + z, reset to 0, no refractory period) into the spiking core's LIF soma
 * (exact integration, exact threshold crossing, refractory period t_ref) with the same charge per
 * step, so the page's "LIF" network neuron has both of its parameters, tau and t_ref, in ms.
 */
import { ParameterError, checkNumber } from '../errors';
import type { ConvertedNetwork } from '../experiments/convert';
import { ConvertedEngine } from '../experiments/engine';

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

/**
 * One input through the converted network on the engine, with synaptic delay `delayMs`: the
 * bridge's `ConvertedEngine` with a batch of one and every projection delayed (>= one step).
 * Neuron j of layer l is index j; `potential(l, j)` is in threshold units.
 */
export class ProbeNetwork extends ConvertedEngine {
  /**
   * @param net the converted network (options.dtMs is the engine's time step)
   * @param x the input, length D
   * @param delayMs the synaptic delay of every projection, ms (>= dt; rounded to whole steps)
   * @param seed seed of the Poisson input (unused with current encoding)
   */
  constructor(net: ConvertedNetwork, x: ArrayLike<number>, delayMs: number, seed = 0) {
    if (x.length !== net.nInput) throw new ParameterError('x', x.length, `D = ${net.nInput} values`);
    checkNumber('delay_ms', delayMs, { min: net.options.dtMs });
    super(net, x, 1, { delayMs, seed });
  }
}
