/**
 * What the page's neuron inspector shows: one unit of the hidden (or output) layer as a neuron of
 * three parts on both sides, read from the running models (no model logic here).
 * - Spiking: `population.neuron(j, network)` of the probe network's layer (its dendrite's synapses
 *   with the spikes each delivered in the last 1 ms step, bias, sum; its soma's potential; its
 *   axon's spikes over the last complete counting window, and the rate).
 * - Artificial: `denseUnitParts` of the trainer's current layer for the probe input (w.x + b,
 *   identity soma, the activation as axon).
 * Under current encoding the probe folds x W_1 + b_1 into the hidden dendrite's constant bias;
 * the inspector splits it back into one input current per feature (the probe's own products, so
 * the parts sum to the engine's bias exactly) and leaves it whole if they ever do not.
 */
import { denseUnitParts, type UnitActivation } from '../ann/neuron-parts';
import type { ConvertedNetwork } from '../experiments/convert';
import { dendriteSum, type DendriteInput, type NeuronParts } from '../neuron-parts';
import { checkNumber } from '../errors';
import type { ProbeNetwork } from './probe';
import type { LabSnapshot } from './snapshot';

/** The two neurons of one unit, and which weights each runs. */
export interface InspectedPair {
  /** 1: hidden, 2: output. */
  layer: 1 | 2;
  /** Unit index within the layer. */
  index: number;
  /** The spiking neuron (null: no spiking twin runs, see `Lab.spikingNote`). */
  bio: NeuronParts | null;
  /** The artificial unit under the probe input. */
  ann: NeuronParts;
  /** Training step of the weights each side runs (the spiking side converts at each window's start). */
  bioStep: number;
  annStep: number;
  /** Biological time of the state shown, ms. */
  bioTimeMs: number;
}

/** Names the inspector gives the sources: x[i] for inputs, h[j] for hidden units. */
function sourceName(population: string, index: number): string {
  return population === 'input' ? `x[${index}]` : population === 'layer0' ? `h[${index}]` : `${population}[${index}]`;
}

/**
 * Unit `j` of layer `layer` (1 hidden, 2 output) on both sides.
 * @param probe the probe network of the window running (null when no spiking twin runs)
 * @param converted the conversion the probe runs (for the input currents' weights)
 * @param activation the hidden layer's activation
 */
export function inspectUnit(s: LabSnapshot, probe: ProbeNetwork | null, converted: ConvertedNetwork | null, activation: UnitActivation, layer: 1 | 2, j: number): InspectedPair {
  const [d, h, k] = s.sizes;
  checkNumber('layer', layer, { min: 1, max: 2, integer: true });
  checkNumber('unit', j, { min: 0, max: (layer === 1 ? h : k) - 1, integer: true });
  const hidden = s.activation.subarray(d, d + h);
  const ann = layer === 1
    ? denseUnitParts({ inputs: d, outputs: h, weights: s.w1, bias: s.b1 }, s.probe, j, activation)
    : denseUnitParts({ inputs: h, outputs: k, weights: s.w2, bias: s.b2 }, hidden, j, 'identity', Array.from({ length: h }, (_, q) => `h[${q}]`));
  return { layer, index: j, bio: probe ? bioParts(s, probe, converted, layer, j) : null, ann, bioStep: s.probeStep, annStep: s.trainStep, bioTimeMs: s.bioTimeMs };
}

function bioParts(s: LabSnapshot, probe: ProbeNetwork, converted: ConvertedNetwork | null, layer: 1 | 2, j: number): NeuronParts {
  const pop = probe.layers[layer - 1];
  const base = pop.neuron(j, probe.network).parts();
  let inputs: DendriteInput[] = base.dendrite.inputs.map((x) => {
    const [, name, idx] = /^(.*)\[(\d+)\]$/.exec(x.source) ?? [];
    return name === undefined ? x : { ...x, source: sourceName(name, Number(idx)) };
  });
  let bias = base.dendrite.bias;
  if (layer === 1 && probe.input === null && converted) {
    // Current encoding: bias_j = u b_j + sum_i u x_i W[i, j] (u: threshold units -> the soma's input unit).
    const first = converted.layers[0], u = probe.vScale[0], n = first.nOut;
    const b = u * first.bias[j];
    const currents: DendriteInput[] = [];
    let total = b;
    for (let i = 0; i < first.nIn; i++) {
      const contribution = u * s.probe[i] * first.weights[i * n + j];
      total += contribution;
      currents.push({ source: `x[${i}]`, weight: u * first.weights[i * n + j], value: s.probe[i], contribution });
    }
    if (Math.abs(total - bias) <= 1e-9 * (1 + Math.abs(bias))) {
      inputs = [...currents, ...inputs];
      bias = b;
    }
  }
  const dendrite = { ...base.dendrite, inputs, bias, sum: dendriteSum(bias, base.dendrite.terms, inputs) };
  // The axon: spikes over the last complete window (or the window so far, before the first ends).
  const n = s.offsets[layer] + j;
  const complete = s.lastCountsStep >= 0;
  const count = complete ? s.lastCounts[n] : s.windowCounts[n];
  const windowMs = complete ? s.windowMs : s.bioTimeMs - s.windowStartMs;
  const axon = { ...base.axon, value: count, unit: 'spikes', windowMs, rateHz: windowMs > 0 ? (count * 1000) / windowMs : 0 };
  return { dendrite, soma: base.soma, axon };
}
