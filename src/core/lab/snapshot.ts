/**
 * The per-frame snapshot the lab hands to the views. Allocated once per network shape and
 * overwritten in place every frame, so the render loop allocates nothing. Views read it and
 * never write it.
 *
 * Neuron numbering of the spiking side (and of the ANN nodes): layer 0 = the D inputs, layer 1 =
 * the H hidden neurons, layer 2 = the K outputs; neuron index = offset of its layer + index within.
 */
import { UNIT_MAP_GRID, UNIT_MAP_MAX_UNITS } from '../experiments/unit-maps';

/** Layer sizes [D inputs, H hidden, K outputs]. */
export type LayerSizes = readonly [number, number, number];

/** Milliseconds of membrane potential kept per neuron for the traces (1 sample per ms). */
export const TRACE_MS = 200;
/** Spike events kept for the raster and the axon dots. */
export const SPIKE_CAPACITY = 8192;
/** Loss/accuracy history points kept (halved by decimation when full). */
export const HISTORY_CAPACITY = 1024;
/** (activation, rate) pairs kept for the scatter. */
export const SCATTER_CAPACITY = 1024;
/** Resolution of the decision-region grids (cells per side) over [-1, 1]^2. */
export const ANN_GRID = 64;
export const SNN_GRID = 16;

export interface LabSnapshot {
  sizes: LayerSizes;
  /** Offsets of layers 0, 1, 2 and the total neuron count N = D + H + K. */
  offsets: readonly [number, number, number, number];

  // --- the artificial side ---
  /** W1, D x H row-major (row i = input i), and b1 (H): the course's X W + b. */
  w1: Float64Array;
  b1: Float64Array;
  /** W2, H x K, and b2 (K). */
  w2: Float64Array;
  b2: Float64Array;
  /** Change of W1 / W2 over the last frame's training steps (-lr * gradient for plain SGD). */
  dw1: Float64Array;
  dw2: Float64Array;
  /** Bumped whenever the weights change (views redraw weight-dependent geometry only then). */
  weightsVersion: number;
  /** Largest |w| of each layer (for edge thickness). */
  maxAbsW: Float64Array;
  /** ANN values for the probe input, per node (N): inputs, hidden activations, output scores. */
  activation: Float64Array;
  /** The probe: a point of the input plane fed to both networks, in input units [-1, 1]^2. */
  probe: Float64Array;
  /** Training steps done. */
  trainStep: number;
  /** The hidden activation's name (relu, lif-rate, soft-lif, sigmoid, tanh), for labels. */
  activationName: string;
  /** Latest training-batch loss. */
  batchLoss: number;
  /** Loss/accuracy history: step, train loss, test loss, train accuracy, test accuracy (length historyLength). */
  historyStep: Float64Array;
  historyTrainLoss: Float64Array;
  historyTestLoss: Float64Array;
  historyTrainAcc: Float64Array;
  historyTestAcc: Float64Array;
  historyLength: number;
  /** ANN class per grid cell (ANN_GRID^2, row 0 = top = y = +1) and its version (bumped on change). */
  annRegions: Uint8Array;
  annRegionsVersion: number;
  /** Training step of the weights the ANN regions were computed with. */
  annRegionsStep: number;
  /** Spiking network class per grid cell (SNN_GRID^2; 255 = not yet evaluated). */
  snnRegions: Uint8Array;
  snnRegionsVersion: number;
  /** Training step of the weights the spiking regions on show were converted from (-1: none yet). */
  snnRegionsStep: number;
  /**
   * The grid evaluation in progress: training step of the weights it runs (-1: idle, the regions
   * are up to date or there is no spiking twin) and the fraction of its T ms simulated, in [0, 1].
   */
  snnGridStep: number;
  snnGridProgress: number;
  /**
   * Agreement of the spiking regions with the ANN of the same weights (step snnRegionsStep), over
   * the SNN_GRID^2 cell centres, in [0, 1] (NaN: not evaluated yet). This is the conversion's
   * error, free of training lag.
   */
  regionAgreement: number;
  /**
   * Agreement of the spiking regions with the ANN regions on show (step annRegionsStep) at the
   * same cell centres, in [0, 1]: equal to regionAgreement once both run the same weights; lower
   * while training moves the ANN ahead of the last spiking readout.
   */
  regionAgreementNow: number;
  /**
   * Each unit of the first hidden layer over the input plane (experiments/unit-maps.ts): maps of
   * UNIT_MAP_GRID^2 cells (the spiking grid's cell centres), unit-major, H maps; empty arrays
   * when H > UNIT_MAP_MAX_UNITS. `unitMapsAnn`: the ANN activation under the weights of
   * annRegionsStep; `unitMapsSnn`: the spiking twin's rate, Hz, from the region grid's readout
   * (weights of snnRegionsStep; 0 before one); `unitMapsR`: per unit, the Pearson r of its
   * spiking map with the ANN map of the same weights (NaN: a map without variation, or no readout).
   */
  unitMapsAnn: Float64Array;
  unitMapsSnn: Float64Array;
  unitMapsR: Float64Array;
  /** Data points for the plane: x (n x 2), labels, which are test points; version bumps when data changes. */
  dataX: Float64Array;
  dataY: Int32Array;
  dataIsTest: Uint8Array;
  dataCount: number;
  classes: number;
  dataVersion: number;

  // --- the spiking side ---
  /** Biological time simulated, ms. */
  bioTimeMs: number;
  /** Membrane potential of every neuron now, mV (N). */
  v: Float64Array;
  /** Potential range of the soma model for colouring: [rest, threshold] in mV. */
  vRange: Float64Array;
  /** 1 for neurons that spiked during the last frame (N). */
  spikedThisFrame: Uint8Array;
  /** Spike counts in the current window (N), and of the last complete window (N). */
  windowCounts: Int32Array;
  lastCounts: Int32Array;
  /** Start of the current counting window, ms; the window length T, ms. */
  windowStartMs: number;
  windowMs: number;
  /**
   * Training step of the weights the probe network runs in the current window (converted at its
   * start), and of the weights of the last complete window (lastCounts and the newest scatter
   * points; -1: no window completed yet).
   */
  probeStep: number;
  lastCountsStep: number;
  /**
   * What the probe's window runs: counted up whenever a window starts on anything new (weights,
   * probe point, conversion options, delay), kept when a window simply follows the last one; and
   * the value of that count for the last complete window (-1: none yet). The spike counts belong
   * to the activations on show only when the two are equal and lastCountsStep = trainStep
   * (`countsCurrent`).
   */
  probeVersion: number;
  lastCountsVersion: number;
  /** How the probe network's inputs receive x: 'current' (a constant current) or 'poisson' (spikes). */
  inputEncoding: string;
  /** Rate of each Poisson input, Hz (|x| / lambda_0 spikes per step; D); 0 under current encoding. */
  inputRateHz: Float64Array;
  /** All spikes so far (the counter the page shows). */
  totalSpikes: number;
  /** Spike ring: time (ms) and neuron index; `spikeHead` = number written so far (index mod capacity). */
  spikeTimeMs: Float64Array;
  spikeNeuron: Int32Array;
  spikeHead: number;
  /** Membrane trace ring, N x TRACE_MS (neuron-major), one sample per ms; `traceHead` = samples written. */
  trace: Float32Array;
  traceHead: number;
  /**
   * Per converted layer (0 = hidden, 1 = output): 1 if its neurons leak (LIF or a leaky
   * integrator), 0 for integrate-and-fire without leak (a negative drive then sinks V without
   * bound: the conversion sets no floor).
   */
  leaky: Uint8Array;
  /** Synaptic delay of the probe network, ms: a spike of step n acts at step n + delay / dt, and its dot takes exactly this long to travel down the axon. */
  delayMs: number;
  /** (ANN activation, spike rate Hz) pairs of hidden neurons from completed windows; ring. */
  scatterActivation: Float64Array;
  scatterRate: Float64Array;
  scatterHead: number;
  /** f-I curve of the soma model: drive (model units), rate (Hz) and the ReLU fitted over it. */
  fiDrive: Float64Array;
  fiRate: Float64Array;
  fiRelu: Float64Array;
  fiVersion: number;
  /** The f-I panel's soma model: its name and the unit of its input current. */
  somaModel: string;
  somaUnit: string;
  /**
   * One neuron of that model under the chosen constant current: time (ms) and membrane potential
   * (mV), NEURON_SAMPLES samples; its spike times (ms; the first `neuronSpikeCount`, at most
   * NEURON_SPIKE_CAPACITY); bumped with fiVersion.
   */
  neuronT: Float64Array;
  neuronV: Float64Array;
  neuronSpikes: Float64Array;
  neuronSpikeCount: number;

  // --- the run ---
  /** JavaScript time of the last frame's simulation and view update, ms (written by the page). */
  frameMs: number;
  /** Set when training produced a non-finite loss; the lab stops stepping until reset. */
  diverged: boolean;
}

/** Number of f-I samples. */
export const FI_POINTS = 61;
/** Samples of the single-neuron trace: 200 ms every 0.1 ms (fi.ts NEURON_TRACE_MS / NEURON_SAMPLE_MS). */
export const NEURON_SAMPLES = 2000;
/** Spike times of the single-neuron trace kept. */
export const NEURON_SPIKE_CAPACITY = 512;

/** Allocates a snapshot for the given layer sizes and data capacity (points). */
export function allocateSnapshot(sizes: LayerSizes, dataCapacity: number): LabSnapshot {
  const [d, h, k] = sizes;
  const n = d + h + k;
  return {
    sizes,
    offsets: [0, d, d + h, n],
    w1: new Float64Array(d * h),
    b1: new Float64Array(h),
    w2: new Float64Array(h * k),
    b2: new Float64Array(k),
    dw1: new Float64Array(d * h),
    dw2: new Float64Array(h * k),
    weightsVersion: 0,
    maxAbsW: new Float64Array(2),
    activation: new Float64Array(n),
    probe: new Float64Array(2),
    trainStep: 0,
    activationName: 'relu',
    batchLoss: NaN,
    historyStep: new Float64Array(HISTORY_CAPACITY),
    historyTrainLoss: new Float64Array(HISTORY_CAPACITY),
    historyTestLoss: new Float64Array(HISTORY_CAPACITY),
    historyTrainAcc: new Float64Array(HISTORY_CAPACITY),
    historyTestAcc: new Float64Array(HISTORY_CAPACITY),
    historyLength: 0,
    annRegions: new Uint8Array(ANN_GRID * ANN_GRID),
    annRegionsVersion: 0,
    annRegionsStep: 0,
    snnRegions: new Uint8Array(SNN_GRID * SNN_GRID).fill(255),
    snnRegionsVersion: 0,
    snnRegionsStep: -1,
    snnGridStep: -1,
    snnGridProgress: 0,
    regionAgreement: NaN,
    regionAgreementNow: NaN,
    unitMapsAnn: new Float64Array(h <= UNIT_MAP_MAX_UNITS ? h * UNIT_MAP_GRID * UNIT_MAP_GRID : 0),
    unitMapsSnn: new Float64Array(h <= UNIT_MAP_MAX_UNITS ? h * UNIT_MAP_GRID * UNIT_MAP_GRID : 0),
    unitMapsR: new Float64Array(h <= UNIT_MAP_MAX_UNITS ? h : 0).fill(NaN),
    dataX: new Float64Array(dataCapacity * 2),
    dataY: new Int32Array(dataCapacity),
    dataIsTest: new Uint8Array(dataCapacity),
    dataCount: 0,
    classes: k,
    dataVersion: 0,
    bioTimeMs: 0,
    v: new Float64Array(n),
    vRange: new Float64Array([-65, -50]),
    spikedThisFrame: new Uint8Array(n),
    windowCounts: new Int32Array(n),
    lastCounts: new Int32Array(n),
    windowStartMs: 0,
    windowMs: 200,
    probeStep: 0,
    lastCountsStep: -1,
    probeVersion: 0,
    lastCountsVersion: -1,
    inputEncoding: 'current',
    inputRateHz: new Float64Array(d),
    totalSpikes: 0,
    spikeTimeMs: new Float64Array(SPIKE_CAPACITY),
    spikeNeuron: new Int32Array(SPIKE_CAPACITY),
    spikeHead: 0,
    trace: new Float32Array(n * TRACE_MS),
    traceHead: 0,
    leaky: new Uint8Array(2),
    delayMs: 5,
    scatterActivation: new Float64Array(SCATTER_CAPACITY),
    scatterRate: new Float64Array(SCATTER_CAPACITY),
    scatterHead: 0,
    fiDrive: new Float64Array(FI_POINTS),
    fiRate: new Float64Array(FI_POINTS),
    fiRelu: new Float64Array(FI_POINTS),
    fiVersion: 0,
    somaModel: 'lif',
    somaUnit: '',
    neuronT: new Float64Array(NEURON_SAMPLES),
    neuronV: new Float64Array(NEURON_SAMPLES),
    neuronSpikes: new Float64Array(NEURON_SPIKE_CAPACITY),
    neuronSpikeCount: 0,
    frameMs: 0,
    diverged: false,
  };
}

/** Layer index (0, 1, 2) of neuron `i`. */
export function layerOf(s: LabSnapshot, i: number): number {
  return i < s.offsets[1] ? 0 : i < s.offsets[2] ? 1 : 2;
}

/**
 * Whether the spike counts on show (lastCounts) come from the weights, probe point and
 * conversion the activations on show were computed with: the last complete window ran the
 * current training step and nothing new has started since. Otherwise the page shows them as
 * stale, with lastCountsStep.
 */
export function countsCurrent(s: LabSnapshot): boolean {
  return s.lastCountsStep >= 0 && s.lastCountsStep === s.trainStep && s.lastCountsVersion === s.probeVersion;
}
