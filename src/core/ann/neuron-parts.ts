/**
 * An artificial unit as a neuron of three parts (core/neuron-parts.ts), read from a real dense
 * layer: Dendrite = the weighted sum z = b_j + sum_k x_k W[k, j] (each input's w x = its
 * contribution), Soma = identity (it passes z on), Axon = the activation f(z): ReLU for the
 * course's hidden layer, identity for the scores. The sum is evaluated in the order of the
 * network's own forward pass (the affine gate and the lab's adapter: b first, then k = 0..D-1),
 * so it equals their pre-activation to the last bit.
 */
import { checkNumber, ParameterError } from '../errors';
import { dendriteSum, type DendriteInput, type NeuronParts } from '../neuron-parts';
import { ACTIVATIONS } from './activations';
import { HIDDEN_ACTIVATIONS, type DenseLayer, type HiddenActivation } from './network';

/** What a unit's axon applies: a hidden activation, or `identity` (the output layer's scores). */
export type UnitActivation = HiddenActivation | 'identity';

/**
 * Unit j of a dense layer under input x, as NeuronParts.
 * @param layer the layer's weights (inputs x outputs, row-major) and bias (outputs)
 * @param x the layer's input (length layer.inputs)
 * @param j the unit, 0 <= j < layer.outputs
 * @param activation the axon's function (`relu` for the hidden layer, `identity` for scores)
 * @param sources names of the inputs (default `x[k]`)
 */
export function denseUnitParts(layer: DenseLayer, x: ArrayLike<number>, j: number, activation: UnitActivation, sources?: readonly string[]): NeuronParts {
  const { inputs: d, outputs: h, weights: W, bias: B } = layer;
  checkNumber('unit', j, { min: 0, max: h - 1, integer: true });
  if (x.length !== d) throw new ParameterError('x', `${x.length} values`, `${d}, one per input of the layer`);
  if (activation !== 'identity' && !HIDDEN_ACTIVATIONS.includes(activation)) throw new ParameterError('activation', activation, `identity or one of ${HIDDEN_ACTIVATIONS.join(', ')}`);
  const inputs: DendriteInput[] = [];
  for (let k = 0; k < d; k++) {
    const weight = W[k * h + j], value = x[k];
    inputs.push({ source: sources?.[k] ?? `x[${k}]`, weight, value, contribution: value * weight });
  }
  const z = dendriteSum(B[j], [], inputs);
  const f = activation === 'identity' ? (v: number) => v : ACTIVATIONS[activation].f;
  return {
    dendrite: { inputs, bias: B[j], terms: [], sum: z, unit: '1' },
    soma: { model: 'identity', stateName: 'z', value: z, unit: '1' },
    axon: { kind: activation === 'relu' ? 'relu' : 'activation', activation, value: f(z), unit: '1' },
  };
}
