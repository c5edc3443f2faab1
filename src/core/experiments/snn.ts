/**
 * The batched simulation of a converted network: every layer is one population holding all B
 * inputs at once (state B x n in typed arrays, row b = input b), and every step scatters the
 * spikes of layer l into layer l+1 through its dense weight matrix. Evaluating 300 inputs is one
 * simulation of 300 independent copies, not 300 simulations.
 *
 * One phase order per step, written once in `step()`: for each layer in order, deliver the input
 * of this step (constant current, Poisson input spikes, or the spikes the previous layer emitted
 * in this same step: conversion uses no synaptic delay), integrate, threshold and reset, then
 * count and scatter the spikes onward.
 */
import { LifSoma } from '../bio/lif';
import { LIF_DEFAULTS } from '../bio/rate';
import { firedBuffer, type FiredBuffer } from '../bio/soma';
import { ParameterError } from '../errors';
import { Rng } from '../random';
import type { ConvertedNetwork, SpikingLayer } from './convert';

/** Per-layer simulation state, B x n row-major. Read it; do not write it. */
export interface LayerState {
  /** Membrane potentials in threshold units (0 = rest/reset, 1 = threshold). */
  v: Float64Array;
  /** 1 where the neuron fired in the last step, else 0. */
  fired: Uint8Array;
  /** Spikes since the last reset. */
  counts: Int32Array;
}

/** A converted network simulating a batch of inputs together. */
export class BatchedSnn {
  /** Number of inputs simulated together. */
  readonly batch: number;
  /** Per layer: membrane potentials, spikes of the last step, spike counts (all B x n). */
  readonly state: LayerState[];
  /** Steps simulated since the last reset. */
  steps = 0;

  private readonly layers: SpikingLayer[];
  private readonly dtMs: number;
  /** Per layer: input accumulated for this step from spikes (B x n). */
  private readonly inbox: Float64Array[];
  /**
   * Per `lif` layer: the spiking core's LIF soma holding all B x n neurons (mV, exact
   * integration and threshold crossing), its drive buffer (mV) and fired buffer; null otherwise.
   */
  private readonly lif: ({ soma: LifSoma; drive: Float64Array; fired: FiredBuffer } | null)[];
  /** Current encoding: x W_1 + b_1 per step, B x n_1. */
  private readonly constantInput: Float64Array | null;
  /** Poisson encoding: firing threshold on a uint32 draw (p * 2^32) and sign per input, B x D. */
  private readonly poissonThreshold: Float64Array | null;
  private readonly poissonSign: Int8Array | null;
  private readonly rng: Rng;
  private readonly inputScale: number;
  /** Scratch: flat indices of the neurons that fired in a layer this step (size of the largest layer). */
  private readonly firedList: Int32Array;

  /**
   * @param net the converted network
   * @param x inputs, B x D row-major (D = net.nInput)
   * @param batch B
   * @param seed seed of the Poisson input (unused with current encoding)
   */
  constructor(net: ConvertedNetwork, x: ArrayLike<number>, batch: number, seed = 0) {
    const d = net.nInput;
    if (!Number.isInteger(batch) || batch < 1) throw new ParameterError('batch', batch, 'an integer >= 1');
    this.batch = batch;
    this.layers = net.layers;
    this.dtMs = net.options.dtMs;
    this.rng = new Rng(seed);
    this.state = net.layers.map((l) => ({ v: new Float64Array(batch * l.nOut), fired: new Uint8Array(batch * l.nOut), counts: new Int32Array(batch * l.nOut) }));
    this.inbox = net.layers.map((l) => new Float64Array(batch * l.nOut));
    this.firedList = new Int32Array(batch * Math.max(...net.layers.map((l) => l.nOut)));
    this.lif = net.layers.map((l) => {
      if (l.soma.kind !== 'lif') return null;
      const size = batch * l.nOut;
      const soma = new LifSoma(size, { ...LIF_DEFAULTS, tauMs: l.soma.tauMs, refractoryMs: l.soma.refractoryMs });
      soma.checkDt(this.dtMs);
      return { soma, drive: new Float64Array(size), fired: firedBuffer(size) };
    });
    const first = net.layers[0];
    this.inputScale = net.inputScale;
    if (net.options.encoding === 'current') {
      this.constantInput = new Float64Array(batch * first.nOut);
      this.poissonThreshold = null;
      this.poissonSign = null;
    } else {
      this.constantInput = null;
      this.poissonThreshold = new Float64Array(batch * d);
      this.poissonSign = new Int8Array(batch * d);
    }
    this.setInputs(x);
  }

  /**
   * Replaces the inputs (B x D, same B), keeping the state: call reset() to start over.
   * Constant current: z_1 = x W_1 + b_1 is computed once here and added every step.
   * Poisson: input i fires with p = min(1, |x_i| / lambda_0) per step, kept as a uint32 threshold.
   */
  setInputs(x: ArrayLike<number>): void {
    const first = this.layers[0];
    const d = first.nIn, batch = this.batch;
    if (x.length !== batch * d) throw new ParameterError('x', x.length, `B x D = ${batch} x ${d} values`);
    for (let k = 0; k < x.length; k++) if (!Number.isFinite(x[k])) throw new ParameterError(`x[${k}]`, x[k], 'a finite number');
    if (this.constantInput) {
      const h = first.nOut, w = first.weights, z = this.constantInput;
      for (let b = 0; b < batch; b++) {
        const row = b * h;
        for (let j = 0; j < h; j++) z[row + j] = first.bias[j];
        for (let i = 0; i < d; i++) {
          const xi = x[b * d + i];
          if (xi === 0) continue;
          const wRow = i * h;
          for (let j = 0; j < h; j++) z[row + j] += xi * w[wRow + j];
        }
      }
    } else {
      for (let k = 0; k < batch * d; k++) {
        const p = Math.min(1, Math.abs(x[k]) / this.inputScale);
        this.poissonThreshold![k] = p * 4294967296;
        this.poissonSign![k] = x[k] > 0 ? 1 : x[k] < 0 ? -1 : 0;
      }
    }
  }

  /** Back to rest: potentials, counts, refractory times and the step counter to 0. */
  reset(): void {
    for (const s of this.state) {
      s.v.fill(0);
      s.fired.fill(0);
      s.counts.fill(0);
    }
    for (const l of this.lif) l?.soma.reset();
    for (const i of this.inbox) i.fill(0);
    this.steps = 0;
  }

  /** Advances every input by one time step (dtMs). */
  step(): void {
    const B = this.batch;
    if (this.poissonThreshold) this.deliverPoisson();
    for (let l = 0; l < this.layers.length; l++) {
      const layer = this.layers[l];
      const n = layer.nOut;
      const st = this.state[l];
      const inbox = this.inbox[l];
      // Layer 0 under current encoding reads the precomputed x W + b; every other input is
      // inbox (spikes of this step) + bias.
      const constant = l === 0 ? this.constantInput : null;
      const bias = layer.bias;
      const next = l + 1 < this.layers.length ? this.layers[l + 1] : null;
      const nextInbox = next ? this.inbox[l + 1] : null;
      const soma = layer.soma;
      if (soma.kind === 'integrate') {
        let z: Float64Array;
        if (constant) z = constant;
        else {
          // z = spikes delivered this step + bias current, built in place in the inbox.
          for (let b = 0; b < B; b++) {
            const row = b * n;
            for (let j = 0; j < n; j++) inbox[row + j] += bias[j];
          }
          z = inbox;
        }
        const count = integrateLayer(st.v, st.fired, st.counts, z, z === inbox, B * n, soma.threshold, soma.decay, soma.reset === 'subtract', this.firedList);
        if (next) scatterAll(next, this.firedList, count, n, nextInbox!);
      } else {
        // LIF (tau dV/dt = -(V - V_rest) + D): the spiking core's soma steps all B x n neurons;
        // J in threshold units is the drive D = theta J in mV.
        const lif = this.lif[l]!;
        const { vRestMv, vThreshMv } = lif.soma.params;
        const theta = vThreshMv - vRestMv;
        const drive = lif.drive;
        for (let b = 0; b < B; b++) {
          const row = b * n;
          for (let j = 0; j < n; j++) {
            const k = row + j;
            drive[k] = theta * (constant ? constant[k] : inbox[k] + bias[j]);
            inbox[k] = 0;
          }
        }
        const count = lif.soma.step(this.dtMs, this.steps * this.dtMs, drive, lif.fired);
        st.fired.fill(0);
        const indices = lif.fired.indices, vMv = lif.soma.v;
        for (let c = 0; c < count; c++) {
          const k = indices[c];
          st.fired[k] = 1;
          st.counts[k]++;
        }
        if (next) scatterAll(next, indices, count, n, nextInbox!);
        for (let k = 0; k < B * n; k++) st.v[k] = (vMv[k] - vRestMv) / theta;
      }
    }
    this.steps++;
  }

  /** Poisson input: input i of row b fires with probability p = |x| / lambda_0 this step. */
  private deliverPoisson(): void {
    const first = this.layers[0];
    const d = first.nIn, h = first.nOut, w = first.weights, inbox = this.inbox[0];
    const pThresh = this.poissonThreshold!, sign = this.poissonSign!, rng = this.rng;
    for (let b = 0; b < this.batch; b++) {
      const row = b * h;
      for (let i = 0; i < d; i++) {
        const k = b * d + i;
        if (sign[k] === 0 || rng.nextUint32() >= pThresh[k]) continue;
        const s = sign[k], wRow = i * h;
        for (let j = 0; j < h; j++) inbox[row + j] += s * w[wRow + j];
      }
    }
  }
}

/**
 * Integrate, threshold and reset for a whole layer (B x n neurons, flat): V <- decay V + z; on
 * V >= theta a spike and V <- V - theta (subtract) or 0. Writes fired flags and counts, lists the
 * fired neurons in `firedList` and returns how many. Clears z when it is the inbox.
 */
function integrateLayer(
  v: Float64Array, fired: Uint8Array, counts: Int32Array, z: Float64Array, clearZ: boolean,
  total: number, theta: number, decay: number, subtract: boolean, firedList: Int32Array,
): number {
  let count = 0;
  for (let k = 0; k < total; k++) {
    // decay = 1 (IF) adds without a multiply, keeping sums of exactly representable z exact.
    let vk = decay === 1 ? v[k] + z[k] : decay * v[k] + z[k];
    if (vk >= theta) {
      vk = subtract ? vk - theta : 0;
      fired[k] = 1;
      counts[k]++;
      firedList[count++] = k;
    } else fired[k] = 0;
    v[k] = vk;
  }
  if (clearZ) z.fill(0);
  return count;
}

/** Delivers the listed spikes (flat indices k = b n + j) through the next layer's weights. */
function scatterAll(layer: SpikingLayer, list: Int32Array, count: number, n: number, inbox: Float64Array): void {
  const m = layer.nOut, w = layer.weights;
  for (let c = 0; c < count; c++) {
    const k = list[c];
    const b = (k / n) | 0;
    const wRow = (k - b * n) * m, row = b * m;
    for (let j = 0; j < m; j++) inbox[row + j] += w[wRow + j];
  }
}
