/**
 * Evaluation of a converted network against its ANN, on a batch of inputs simulated together
 * (the engine with zero delay, engine.ts):
 * accuracy and agreement against simulated time T, each hidden and output neuron's firing rate
 * against the activation it stands for (Pearson r, scatter data), and the time to the first
 * correct decision.
 */
import { ParameterError, checkNumber } from '../errors';
import type { ConvertedNetwork } from './convert';
import { ConvertedEngine } from './engine';
import { argmaxRow, median, pearson, spikeReadout } from './stats';

/** What the ANN computes on the evaluation inputs; all row-major. */
export interface EvaluationData {
  /** Number of inputs B. */
  n: number;
  /** Inputs, B x D. */
  x: Float64Array;
  /** True classes, B. */
  y: Int32Array;
  /** ANN activations of the last hidden layer, B x H (null for a linear model). */
  hidden: Float64Array | null;
  /** ANN scores, B x K. */
  scores: Float64Array;
}

/** Progress of a long run: fraction done in [0, 1] and a short message. */
export type ProgressCallback = (fraction: number, message: string) => void;

export interface EvaluationOptions {
  /** Simulated times at which accuracy is read, ms (each > 0; the run lasts the largest). */
  tMs: number[];
  /** Seed of the Poisson input (unused with current encoding). */
  seed?: number;
  /** At most this many (rate, activation) pairs in each scatter (evenly thinned; default 2000). */
  maxScatter?: number;
  onProgress?: ProgressCallback;
}

/** One point of the accuracy curve. */
export interface AccuracyAtT {
  tMs: number;
  /** Fraction of inputs whose spike readout names the true class. */
  acc: number;
  /** Fraction of inputs where the spiking and the ANN prediction are the same class. */
  agreement: number;
}

/** A layer's firing rates against the activations they stand for, at the end of the run. */
export interface RateVsActivation {
  /** Pearson r over all (input, neuron) pairs of the layer. */
  r: number;
  /** Pearson r of each neuron over the inputs; null where undefined (a neuron silent or constant). */
  perNeuronR: (number | null)[];
  /** [rate in Hz, ANN activation] pairs (activation ReLU'd for the output layer), thinned. */
  scatter: [number, number][];
}

/** Time to the first correct decision, over the inputs that reach one. */
export interface DecisionTimes {
  /** Median time at which the readout first names the true class, once an output neuron has spiked, ms. */
  firstCorrectMs: number | null;
  /** Median time from which the readout stays correct until the end, ms (inputs correct at the end). */
  settledMs: number | null;
  /** Fraction of inputs that reach a correct decision at some step. */
  reached: number;
}

export interface SnnEvaluation {
  /** ANN accuracy on the same inputs. */
  annAcc: number;
  curve: AccuracyAtT[];
  /** Hidden layer (null for a linear model). */
  hidden: RateVsActivation | null;
  output: RateVsActivation;
  decision: DecisionTimes;
  /** Simulated time of the whole run, ms, and the number of inputs. */
  tMaxMs: number;
  n: number;
}

/** Checks a list of simulated times (ms), naming the bad one; returns them sorted, unique. */
export function checkTimes(tMs: readonly number[], parameter = 'T', dtMs = 1): number[] {
  if (!Array.isArray(tMs) || tMs.length === 0) throw new ParameterError(parameter, tMs, 'one or more times in ms, each > 0');
  for (const t of tMs) checkNumber(parameter, t, { min: 0, minExclusive: true, max: 1e6 });
  for (const t of tMs) {
    if (Math.abs(t / dtMs - Math.round(t / dtMs)) > 1e-9) throw new ParameterError(parameter, t, `a multiple of the time step ${dtMs} ms`);
  }
  return [...new Set(tMs)].sort((a, b) => a - b);
}

function rateVsActivation(counts: Int32Array, activations: Float64Array, n: number, units: number, seconds: number, relu: boolean, maxScatter: number): RateVsActivation {
  const total = n * units;
  const rates = new Float64Array(total), acts = new Float64Array(total);
  for (let k = 0; k < total; k++) {
    rates[k] = counts[k] / seconds;
    acts[k] = relu && activations[k] < 0 ? 0 : activations[k];
  }
  const perNeuronR: (number | null)[] = [];
  const ri = new Float64Array(n), ai = new Float64Array(n);
  for (let j = 0; j < units; j++) {
    for (let b = 0; b < n; b++) {
      ri[b] = rates[b * units + j];
      ai[b] = acts[b * units + j];
    }
    const r = pearson(ri, ai);
    perNeuronR.push(Number.isNaN(r) ? null : r);
  }
  const stride = Math.max(1, Math.ceil(total / maxScatter));
  const scatter: [number, number][] = [];
  for (let k = 0; k < total; k += stride) scatter.push([rates[k], acts[k]]);
  return { r: pearson(rates, acts), perNeuronR, scatter };
}

/**
 * Simulates the converted network on all inputs at once for max(T) and reads accuracy,
 * agreement with the ANN, rates against activations and decision times.
 */
export function evaluateConverted(net: ConvertedNetwork, data: EvaluationData, options: EvaluationOptions): SnnEvaluation {
  const dt = net.options.dtMs;
  const times = checkTimes(options.tMs, 'T', dt);
  const maxScatter = checkNumber('max_scatter', options.maxScatter ?? 2000, { min: 1, integer: true });
  const { n, y, scores } = data;
  const layers = net.layers;
  const K = layers[layers.length - 1].nOut;
  if (y.length !== n) throw new ParameterError('y', y.length, `${n} labels`);
  if (scores.length !== n * K) throw new ParameterError('scores', scores.length, `n x K = ${n} x ${K} values`);
  const annPred = new Int32Array(n);
  let annCorrect = 0;
  for (let b = 0; b < n; b++) {
    annPred[b] = argmaxRow(scores, b, K);
    if (annPred[b] === y[b]) annCorrect++;
  }

  const sim = new ConvertedEngine(net, data.x, n, { seed: options.seed ?? 0 });
  const last = layers.length - 1;
  const outCounts = sim.counts[last];
  const firstCorrect = new Int32Array(n).fill(-1);
  const lastWrong = new Int32Array(n).fill(0); // last step (1-based) with a wrong or undecided readout
  const anySpike = new Uint8Array(n);
  const curve: AccuracyAtT[] = [];
  const totalSteps = Math.round(times[times.length - 1] / dt);
  const progressEvery = Math.max(1, Math.floor(totalSteps / 20));
  let next = 0;
  for (let s = 1; s <= totalSteps; s++) {
    sim.step();
    const outV = sim.potentials(last);
    let correct = 0, agree = 0;
    for (let b = 0; b < n; b++) {
      if (!anySpike[b]) {
        for (let k = 0; k < K; k++) if (outCounts[b * K + k] > 0) anySpike[b] = 1;
      }
      const pred = spikeReadout(outCounts, outV, b, K);
      if (pred === y[b]) correct++;
      // A decision needs a spike: before the first output spike the readout is only the
      // membrane potentials' ordering, so it counts as undecided.
      if (anySpike[b] === 1 && pred === y[b]) {
        if (firstCorrect[b] < 0) firstCorrect[b] = s;
      } else lastWrong[b] = s;
      if (pred === annPred[b]) agree++;
    }
    if (Math.abs(s * dt - times[next]) < 1e-9) {
      curve.push({ tMs: times[next], acc: correct / n, agreement: agree / n });
      next++;
    }
    if (options.onProgress && (s % progressEvery === 0 || s === totalSteps)) options.onProgress(s / totalSteps, `simulated ${s * dt} of ${totalSteps * dt} ms`);
  }
  sim.dispose();
  const seconds = (totalSteps * dt) / 1000;
  const first: number[] = [], settled: number[] = [];
  for (let b = 0; b < n; b++) {
    if (firstCorrect[b] >= 0) first.push(firstCorrect[b] * dt);
    if (lastWrong[b] < totalSteps) settled.push((lastWrong[b] + 1) * dt);
  }
  return {
    annAcc: annCorrect / n,
    curve,
    // the last hidden layer (the only one of a two-layer net): data.hidden is that layer's activations
    hidden: layers.length > 1 && data.hidden ? rateVsActivation(sim.counts[layers.length - 2], data.hidden, n, layers[layers.length - 2].nOut, seconds, false, maxScatter) : null,
    output: rateVsActivation(outCounts, scores, n, K, seconds, true, maxScatter),
    decision: { firstCorrectMs: median(first), settledMs: median(settled), reached: first.length / n },
    tMaxMs: totalSteps * dt,
    n,
  };
}
