/**
 * ANN -> SNN conversion: from a trained network file (scores = X W + b, weights in x out) to the
 * spiking network that stands for it.
 *
 * Rate code. A spiking neuron of layer l firing r spikes per time step stands for the ANN
 * activation a = r * lambda_l, where lambda_l is the layer's normalisation scale:
 *   - data-based (`max`, Diehl et al. 2015): the largest activation of the layer on the training
 *     data, so that no training input asks a neuron for more than one spike per step;
 *   - robust (`p99.9`, Rueckauer et al. 2017): the 99.9th percentile of the layer's positive
 *     activations, which ignores a few outliers and uses the rate range better.
 * With threshold 1 and reset by subtraction, an integrate-and-fire neuron driven by z per step
 * fires at exactly min(max(z, 0), 1) per step in the long run, so layer l gets
 *     z_l(t) = sum_i s_{l-1,i}(t) lambda_{l-1} W_l[i, :] / lambda_l + b_l / lambda_l,
 * whose time average is (a_{l-1} W_l + b_l) / lambda_l: its own ReLU activation over lambda_l.
 * Biases are constant currents (b_l / lambda_l per step). The first layer takes the input as a
 * constant current x W_1 / lambda_1 (the default), or as Poisson spikes: input i fires with
 * probability |x_i| / lambda_0 per step (lambda_0 = max |x| on the training data) and each spike
 * carries sign(x_i) lambda_0 W_1[i, :] / lambda_1, the same mean.
 *
 * Leaky neurons (`neuron: 'lif'`, V <- e^(-dt/tau) V + z): the leak takes charge the rate code
 * counts on, so a leaky neuron fires below z. By default it resets by subtraction (Rueckauer et
 * al. 2017: no charge above the threshold is thrown away) and gets the mean leak back as a bias
 * (see `convertNetwork`), which brings it within the IF conversion's accuracy (README: measured
 * over 5 seeds per data set); `reset: 'zero', leak: 'none'` is the map used before.
 *
 * Networks trained with the LIF-rate or soft-LIF activation (Hunsberger & Eliasmith 2015) are
 * not normalised: their hidden neurons are LIF somas driven by the ANN's own drive, and each
 * spike stands for the activation of one spike per step (see `lifActivation`).
 */
import { ParameterError, checkChoice, checkNumber } from '../errors';
import type { NetworkFile, SomaFiSpec } from '../export/network-file';
import { LIF_DEFAULTS, lifRate } from '../bio/rate';
import { forwardNetwork } from '../ann/network';
import { percentile } from './stats';

export const SPIKING_NEURONS = ['if', 'lif'] as const;
/** `if`: integrate-and-fire, reset by subtraction. `lif`: leaky integrate-and-fire, reset to rest. */
export type SpikingNeuron = (typeof SPIKING_NEURONS)[number];

export const NORMALISATIONS = ['max', 'p99.9'] as const;
/** Weight normalisation: `max` data-based (Diehl 2015), `p99.9` robust (Rueckauer 2017). */
export type Normalisation = (typeof NORMALISATIONS)[number];

export const LEAKY_RESETS = ['subtract', 'zero'] as const;
/** Reset of the leaky neuron: subtract the threshold (Rueckauer 2017; default) or back to 0. */
export type LeakyReset = (typeof LEAKY_RESETS)[number];

export const LEAK_COMPENSATIONS = ['mean', 'none'] as const;
/**
 * Leak compensation of the leaky neuron: `mean` adds back, as a bias, the charge the leak takes
 * on average from a neuron that fires with reset by subtraction ((1 - decay) / 2 per step); `none`.
 */
export type LeakCompensation = (typeof LEAK_COMPENSATIONS)[number];

export const TAIL_CORRECTIONS = ['mean', 'none'] as const;
/**
 * For soft-LIF-trained networks: `mean` adds to the output bias the mean activation the soft-LIF
 * has and its spiking LIF lacks (below and near threshold), measured on the training data; `none`.
 */
export type TailCorrection = (typeof TAIL_CORRECTIONS)[number];

export const INPUT_ENCODINGS = ['current', 'poisson'] as const;
/** How the first layer receives the input: a constant current, or seeded Poisson spikes. */
export type InputEncoding = (typeof INPUT_ENCODINGS)[number];

/**
 * The soma of one converted layer, in threshold units (threshold at 1, rest and reset at 0).
 *  - `integrate`: V <- decay V + z; on V >= threshold a spike, then V <- V - threshold
 *    (`subtract`) or V <- 0 (`zero`). decay = 1 is integrate-and-fire; decay = exp(-dt/tau)
 *    the leaky neuron of the conversion literature, driven by charge per step (its leak
 *    compensation, if any, is in the layer's bias).
 *  - `model`: any soma model of the registry (LIF in mV, Izhikevich, Hodgkin-Huxley, the spiking
 *    ReLU) in its own units, for networks trained through its f-I curve (`soma-fi`): the layer's
 *    weights and bias are currents in the model's input unit (I = I_0 + c u), not threshold units.
 *  - `lif`: the LIF membrane tau dV/dt = -V + J with drive J = z (constant within a step), reset
 *    to rest, refractory period: the spiking core's LifSoma (bio/lif.ts), which integrates
 *    exactly and starts the refractory period at the exact threshold crossing inside the step,
 *    so a constant drive fires at the closed-form LIF rate, not a rate rounded to the time grid.
 */
export type SomaSpec =
  | { kind: 'integrate'; threshold: number; reset: 'subtract' | 'zero'; decay: number }
  | { kind: 'lif'; tauMs: number; refractoryMs: number }
  | { kind: 'model'; somaFi: SomaFiSpec };

/** One layer of the converted network, bound for simulation. */
export interface SpikingLayer {
  /** Number of inputs (source neurons, or input features for the first layer). */
  nIn: number;
  /** Number of neurons. */
  nOut: number;
  /**
   * nIn x nOut, row-major: what one spike of source i adds to z of neuron j in the step it
   * arrives (for the first layer with current encoding: per unit of input i, per step).
   */
  weights: Float64Array;
  /** nOut: constant input per step (the bias current), threshold units. */
  bias: Float64Array;
  soma: SomaSpec;
  /** The ANN activation that one spike per step stands for (lambda_l, or the LIF amplitude). */
  spikeValue: number;
}

/** Conversion options. */
export interface ConversionOptions {
  /** Spiking neuron of the hidden and output layers (default `if`). */
  neuron?: SpikingNeuron;
  /** Weight normalisation (default `max`); ignored by LIF-trained hidden layers. */
  norm?: Normalisation;
  /** Input encoding (default `current`). */
  encoding?: InputEncoding;
  /** Time step in ms (default 1: at most one spike per ms, 1000 Hz). */
  dtMs?: number;
  /** Membrane time constant of `lif` neurons in ms (default 20). */
  tauMs?: number;
  /** Reset of `lif` neurons (default `subtract`; IF always subtracts). */
  reset?: LeakyReset;
  /** Leak compensation of `lif` neurons (default `mean` with reset by subtraction, `none` with reset to zero). */
  leak?: LeakCompensation;
  /** Tail correction of LIF-trained networks (default `mean`; nothing to correct for `lif-rate`). */
  tail?: TailCorrection;
}

export const CONVERSION_DEFAULTS = { neuron: 'if', norm: 'max', encoding: 'current', dtMs: 1, tauMs: LIF_DEFAULTS.tauMs, reset: 'subtract', leak: 'mean', tail: 'mean' } as const satisfies Required<ConversionOptions>;

/** The spiking network that stands for a trained ANN. */
export interface ConvertedNetwork {
  /** Input features (D). */
  nInput: number;
  layers: SpikingLayer[];
  /** Options as applied (defaults filled in). */
  options: Required<ConversionOptions>;
  /** lambda_0: max |x| on the training data; a Poisson input fires at |x| / lambda_0 per step. */
  inputScale: number;
  /** Per layer: the normalisation scale lambda_l (null for an LIF-trained layer, not normalised). */
  scales: (number | null)[];
}

/**
 * How an ANN trained with a LIF-type activation maps its pre-activation u to a LIF soma: drive
 * J = gain u + offset in threshold units (J = 1 is the threshold), activation = amplitudePerHz
 * times the firing rate in Hz.
 */
export interface LifActivationModel {
  gain: number;
  offset: number;
  amplitudePerHz: number;
  tauMs: number;
  refractoryMs: number;
}

/**
 * Training-data activations of the ANN, from which the normalisation scales come.
 * `hidden` is n x H of the last hidden layer (null for a linear model), `scores` n x K, `x` n x D,
 * all row-major; `hiddenLayers`, every hidden layer's (n x H_l), may be left out: a network of
 * more than one hidden layer then has them computed from x (forwardNetwork).
 */
export interface TrainingActivations {
  n: number;
  x: Float64Array;
  hidden: Float64Array | null;
  hiddenLayers?: Float64Array[];
  scores: Float64Array;
}

/**
 * The normalisation scale of one layer: the largest activation (`max`) or the 99.9th percentile
 * of the positive activations (`p99.9`). Activations are ReLU'd first (an output neuron stands
 * for max(0, score)). Returns 1 when the layer is never active (nothing to scale).
 * @param activations n x units, any order
 */
export function normalisationScale(activations: ArrayLike<number>, norm: Normalisation): number {
  let max = 0, positives = 0;
  for (let i = 0; i < activations.length; i++) {
    const a = activations[i];
    if (a > 0) {
      positives++;
      if (a > max) max = a;
    }
  }
  if (positives === 0) return 1;
  if (norm === 'max') return max;
  const pos = new Float64Array(positives);
  let j = 0;
  for (let i = 0; i < activations.length; i++) if (activations[i] > 0) pos[j++] = activations[i];
  return percentile(pos, 99.9);
}

/** Checks conversion options, naming the bad one, and fills in defaults. */
export function resolveConversionOptions(options: ConversionOptions = {}): Required<ConversionOptions> {
  const reset = checkChoice('reset', options.reset ?? CONVERSION_DEFAULTS.reset, LEAKY_RESETS);
  return {
    neuron: checkChoice('neuron', options.neuron ?? CONVERSION_DEFAULTS.neuron, SPIKING_NEURONS),
    norm: checkChoice('norm', options.norm ?? CONVERSION_DEFAULTS.norm, NORMALISATIONS),
    encoding: checkChoice('encoding', options.encoding ?? CONVERSION_DEFAULTS.encoding, INPUT_ENCODINGS),
    dtMs: checkNumber('dt_ms', options.dtMs ?? CONVERSION_DEFAULTS.dtMs, { min: 0, minExclusive: true, max: 10 }),
    tauMs: checkNumber('tau_ms', options.tauMs ?? CONVERSION_DEFAULTS.tauMs, { min: 0, minExclusive: true }),
    reset,
    // the mean compensation is derived for reset by subtraction; reset to zero keeps the old map
    leak: checkChoice('leak', options.leak ?? (reset === 'subtract' ? CONVERSION_DEFAULTS.leak : 'none'), LEAK_COMPENSATIONS),
    tail: checkChoice('tail', options.tail ?? CONVERSION_DEFAULTS.tail, TAIL_CORRECTIONS),
  };
}

/** Flattens a layer's nested weights (in x out) into a row-major Float64Array, times `scale`. */
function flatWeights(w: number[][], scale: number): Float64Array {
  const nIn = w.length, nOut = w[0].length;
  const out = new Float64Array(nIn * nOut);
  for (let i = 0; i < nIn; i++) for (let j = 0; j < nOut; j++) out[i * nOut + j] = w[i][j] * scale;
  return out;
}

/**
 * Builds the spiking network for a trained network file.
 * @param net a validated network file (parseNetworkFile)
 * @param train the ANN's activations on its training data (for the normalisation scales)
 * @param options conversion options (defaults: IF, max norm, current encoding, dt 1 ms)
 * @param lifModel for networks with a `lif-rate` / `soft-lif` hidden activation: the LIF soma it
 *   stands for (required for those, unused otherwise; see lif-model.ts)
 */
export function convertNetwork(
  net: NetworkFile,
  train: TrainingActivations,
  options: ConversionOptions = {},
  lifModel?: LifActivationModel,
): ConvertedNetwork {
  const fiTrained = net.model === 'two-layer' && net.activation === 'soma-fi';
  // a network trained through a soma model's f-I curve runs at the step that curve was measured with
  const o = resolveConversionOptions({ ...options, dtMs: options.dtMs ?? (fiTrained ? net.somaFi?.dtMs : undefined) });
  if (fiTrained && !net.somaFi) throw new ParameterError('network.somaFi', null, 'the soma model of the soma-fi activation');
  if (fiTrained && o.dtMs !== net.somaFi!.dtMs) throw new ParameterError('dt_ms', o.dtMs, `${net.somaFi!.dtMs} ms, the step the network's f-I curve was measured with`);
  const nInput = net.layers[0].weights.length;
  if (train.x.length !== train.n * nInput) throw new ParameterError('train.x', train.x.length, `n x D = ${train.n} x ${nInput} values`);
  const activation = net.model === 'linear' ? 'relu' : net.activation;
  if (activation === 'sigmoid' || activation === 'tanh') {
    throw new ParameterError('network.activation', activation, 'relu, lif-rate, soft-lif or soma-fi (a spiking rate cannot stand for sigmoid or tanh)');
  }
  const lifTrained = activation === 'lif-rate' || activation === 'soft-lif';
  if (lifTrained && o.neuron !== 'lif') {
    throw new ParameterError('neuron', o.neuron, `lif for a network trained with the ${activation} activation`);
  }
  if (lifTrained && !lifModel) throw new ParameterError('lifModel', undefined, `the LIF soma model of the ${activation} activation`);

  let inputScale = 0;
  for (let i = 0; i < train.x.length; i++) inputScale = Math.max(inputScale, Math.abs(train.x[i]));
  if (inputScale === 0) inputScale = 1;

  const decay = Math.exp(-o.dtMs / o.tauMs);
  const leaky: SomaSpec = o.neuron === 'if'
    ? { kind: 'integrate', threshold: 1, reset: 'subtract', decay: 1 }
    : { kind: 'integrate', threshold: 1, reset: o.reset, decay };
  // Leak compensation (o.leak = 'mean'): with reset by subtraction a neuron driven by z per step
  // keeps V between 0 and the threshold, near-uniformly, so the leak removes (1 - decay) <V> =
  // (1 - decay) / 2 per step on average and it fires at z - (1 - decay) / 2 instead of z. Adding
  // that back as a bias restores rate = z for the active neurons; a silent one (z <= 0) settles at
  // V = (z + c) / (1 - decay) <= 1/2 and stays silent.
  const compensation = o.neuron === 'lif' && o.leak === 'mean' ? (1 - decay) / 2 : 0;
  const layers: SpikingLayer[] = [];
  const scales: (number | null)[] = [];
  // Value of one spike per step of the previous layer; for the input it is lambda_0 under Poisson
  // encoding (a spike carries sign(x) lambda_0) and 1 under current encoding (x itself per step).
  let prevSpikeValue = o.encoding === 'poisson' ? inputScale : 1;
  // Per hidden unit of a LIF-trained layer: mean over the training inputs of (ANN activation -
  // what its spiking LIF stands for); added through the next layer's weights to its bias.
  let tail: Float64Array | null = null;
  // Layer-wise, data-based: each hidden layer l gets its own lambda_l from its own activations on
  // the training data (Diehl et al. 2015; Rueckauer et al. 2017), deep networks included.
  const hiddenCount = net.layers.length - 1;
  const hiddenActs: (Float64Array | null)[] = train.hiddenLayers && train.hiddenLayers.length === hiddenCount ? train.hiddenLayers
    : hiddenCount === 1 ? [train.hidden]
    : hiddenCount > 1 ? forwardNetwork(net, train.x, train.n).hiddenLayers : [];
  net.layers.forEach((layer, l) => {
    const isHidden = l < net.layers.length - 1;
    const nIn = layer.weights.length, nOut = layer.bias.length;
    if (isHidden && fiTrained) {
      // I = I_0 + c u, u = sum_i s_i prevValue W[i, :] + b, in the model's own input unit; a rate
      // of r Hz stands for the activation A r, so one spike per step for A 1000 / dt.
      const f = net.somaFi!;
      layers.push({
        nIn, nOut,
        weights: flatWeights(layer.weights, prevSpikeValue * f.currentScale),
        bias: Float64Array.from(layer.bias, (b) => b * f.currentScale + f.currentOffset),
        soma: { kind: 'model', somaFi: f },
        spikeValue: (f.amplitudePerHz * 1000) / o.dtMs,
      });
      scales.push(null);
      prevSpikeValue = (f.amplitudePerHz * 1000) / o.dtMs;
      return;
    }
    if (isHidden && lifTrained) {
      const m = lifModel!;
      // J = gain u + offset, with u = sum_i s_i prevValue W[i, :] + b.
      layers.push({
        nIn, nOut,
        weights: flatWeights(layer.weights, prevSpikeValue * m.gain),
        bias: Float64Array.from(layer.bias, (b) => b * m.gain + m.offset),
        soma: { kind: 'lif', tauMs: m.tauMs, refractoryMs: m.refractoryMs },
        spikeValue: (m.amplitudePerHz * 1000) / o.dtMs,
      });
      scales.push(null);
      prevSpikeValue = (m.amplitudePerHz * 1000) / o.dtMs;
      // (one hidden layer only: the correction is first order through the output layer's weights)
      if (o.tail === 'mean' && l === 0 && hiddenCount === 1 && train.hidden) tail = meanTail(layer, train, m, nInput);
      return;
    }
    const acts = isHidden ? hiddenActs[l] : train.scores;
    if (!acts || acts.length !== train.n * nOut) {
      throw new ParameterError(isHidden ? (hiddenCount > 1 ? `train.hiddenLayers[${l}]` : 'train.hidden') : 'train.scores', acts?.length ?? null, `n x ${nOut} = ${train.n * nOut} activations of layer ${l}`);
    }
    const lambda = normalisationScale(acts, o.norm);
    // the tail correction in ANN units: sum_j m_j W[j, k] (first order: it corrects each score's
    // mean over the training inputs, not its value for each input)
    const shift = new Float64Array(nOut);
    if (tail) for (let j = 0; j < nIn; j++) for (let k = 0; k < nOut; k++) shift[k] += tail[j] * layer.weights[j][k];
    tail = null;
    // The output layer of a LIF-trained network is linear in the ANN: its spiking twin is IF.
    const soma: SomaSpec = lifTrained || fiTrained ? { kind: 'integrate', threshold: 1, reset: 'subtract', decay: 1 } : leaky;
    layers.push({
      nIn, nOut,
      weights: flatWeights(layer.weights, prevSpikeValue / lambda),
      bias: Float64Array.from(layer.bias, (b, k) => (b + shift[k]) / lambda + (soma === leaky ? compensation : 0)),
      soma,
      spikeValue: lambda,
    });
    scales.push(lambda);
    prevSpikeValue = lambda;
  });
  return { nInput, layers, options: o, inputScale, scales };
}

/**
 * The mean tail of a LIF-trained hidden layer (the first layer, fed by x): per unit j, the mean
 * over the training inputs of a_j - amplitude lifRate(theta J_j), J = gain u + offset, u = x W + b.
 * The soft-LIF (Hunsberger & Eliasmith 2015) is LIF with the drive above threshold replaced by a
 * softplus: it is positive everywhere, with a tail that falls only as 1 / |u| below threshold
 * (0.23 of the maximum at the threshold itself, with sigma = theta / 20), where the spiking LIF is
 * silent. For `lif-rate` networks the twin is exact and the tail is 0.
 */
function meanTail(layer: NetworkFile['layers'][number], train: TrainingActivations, m: LifActivationModel, d: number): Float64Array {
  const h = layer.bias.length, hidden = train.hidden!;
  const p = { ...LIF_DEFAULTS, tauMs: m.tauMs, refractoryMs: m.refractoryMs };
  const theta = p.vThreshMv - p.vRestMv;
  const out = new Float64Array(h);
  for (let n = 0; n < train.n; n++) {
    for (let j = 0; j < h; j++) {
      let u = layer.bias[j];
      for (let i = 0; i < d; i++) u += train.x[n * d + i] * layer.weights[i][j];
      out[j] += hidden[n * h + j] - m.amplitudePerHz * lifRate(theta * (m.gain * u + m.offset), p);
    }
  }
  for (let j = 0; j < h; j++) out[j] /= train.n;
  return out;
}
