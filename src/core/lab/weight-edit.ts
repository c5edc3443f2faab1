/**
 * One weight of the ANN set by hand (the page's edge editor): which edge, how it is named, which
 * values are allowed. An edge is written per weight layer, so it extends to any number of hidden
 * layers: weight layer l (0 = W1, inputs -> first hidden layer; the last = the output layer's
 * weights) connects unit `from` of layer l to unit `to` of layer l + 1, and its weight is
 * W_{l+1}[from][to] of the course's s = ... h W + b (row-major: weights[from * outputs + to]).
 * Units are named as the inspector names them, counted from 0: inputs x[0], x[1], ..., hidden
 * h[0], h[1], ... (h1[0], h2[0], ... by layer when there are several hidden layers), scores s[0], ...
 */
import { ParameterError } from '../errors';

/** Largest |w| the editor takes: well above what training reaches here, small enough to stay a lesson. */
export const WEIGHT_LIMIT = 50;

/** An edge of the ANN: weight layer `layer`, from unit `from` of layer `layer` to unit `to` of layer `layer` + 1. */
export interface EdgeRef {
  layer: number;
  from: number;
  to: number;
}

/**
 * The name of unit `index` of neuron layer `layer` (0 = inputs, last = scores) in a network of
 * layer sizes `sizes` (D, hidden..., K), as the inspector writes it.
 */
export function unitName(sizes: readonly number[], layer: number, index: number): string {
  const last = sizes.length - 1;
  if (layer === 0) return `x[${index}]`;
  if (layer === last) return `s[${index}]`;
  return last === 2 ? `h[${index}]` : `h${layer}[${index}]`;
}

/** The edge in the course's notation: `W1[0][2] (x[0] → h[2])`. */
export function edgeName(sizes: readonly number[], e: EdgeRef): string {
  return `W${e.layer + 1}[${e.from}][${e.to}] (${unitName(sizes, e.layer, e.from)} → ${unitName(sizes, e.layer + 1, e.to)})`;
}

/** Throws ParameterError unless `e` is an edge of a network of layer sizes `sizes`. */
export function checkEdge(sizes: readonly number[], e: EdgeRef): void {
  const layers = sizes.length - 1;
  if (!Number.isInteger(e.layer) || e.layer < 0 || e.layer >= layers) throw new ParameterError('edge.layer', e.layer, `a weight layer 0 to ${layers - 1}`);
  const nIn = sizes[e.layer], nOut = sizes[e.layer + 1];
  if (!Number.isInteger(e.from) || e.from < 0 || e.from >= nIn) throw new ParameterError('edge.from', e.from, `a unit 0 to ${nIn - 1} of layer ${e.layer}`);
  if (!Number.isInteger(e.to) || e.to < 0 || e.to >= nOut) throw new ParameterError('edge.to', e.to, `a unit 0 to ${nOut - 1} of layer ${e.layer + 1}`);
}

/**
 * Returns `value` when it is an allowed weight for edge `e` (a finite number from -WEIGHT_LIMIT
 * to WEIGHT_LIMIT); else throws a ParameterError naming the weight, the value and the range.
 */
export function checkWeight(sizes: readonly number[], e: EdgeRef, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > WEIGHT_LIMIT) {
    throw new ParameterError(edgeName(sizes, e), value, `a number from ${-WEIGHT_LIMIT} to ${WEIGHT_LIMIT}`);
  }
  return value;
}
