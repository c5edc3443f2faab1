/**
 * The lab: the DOM-free controller behind the page. It holds the trainer (artificial side) and
 * the converted spiking network (biological side), advances them k steps per animation frame
 * (k training steps and k ms of biology; never frame time as dt) and writes one snapshot per
 * frame for the views. It adds no model logic: training is the backprop core's, conversion and
 * spiking simulation the bridge's (src/core/experiments), data the data module's.
 *
 * The spiking side runs the ANN's current weights: at the start of every counting window of T
 * ms it converts the latest weights (convertNetwork; LIF-rate and soft-LIF networks with the LIF
 * soma they were trained for), then simulates the probe input one step (1 ms) at a time on the
 * spiking core's engine with a real synaptic delay (probe.ts), so the spike counts shown next to
 * the activations are counts over the last complete window. Spikes reach the lab through the
 * populations' `spikes$` streams. The same engine with a batch of 256 and no delay (the bridge's
 * ConvertedEngine: the readout after T ms only) evaluates the whole grid of the input plane progressively, for the
 * spiking decision regions: each evaluation converts the weights of the moment it starts and
 * runs T ms of them over a few frames (a fixed number of steps per frame, or as many as fit a
 * time budget the page sets), then the next starts with the newest weights. Every spiking
 * result carries the training step of the weights it ran (probeStep, lastCountsStep,
 * snnRegionsStep), so the page can say how far it trails the ANN; `idle()` (paused) lets the
 * grid catch up until both planes show the same weights.
 */
import { ParameterError } from '../errors';
import { Rng } from '../random';
import { makeDataset, splitDataset, type Dataset } from '../data/index';
import { convertNetwork, type ConvertedNetwork } from '../experiments/convert';
import { ConvertedEngine } from '../experiments/engine';
import { lifActivationModel } from '../experiments/conversion-experiment';
import { spikeReadout } from '../experiments/stats';
import type { SpikeBatch } from '../bio/population';
import type { NetworkFile } from '../export/network-file';
import type { Subscription } from 'rxjs';
import { ProbeNetwork, withLifSomas } from './probe';
import type { TrainerPort } from './ports';
import { SETTINGS, type Settings } from './settings';
import {
  ANN_GRID,
  HISTORY_CAPACITY,
  SCATTER_CAPACITY,
  SNN_GRID,
  SPIKE_CAPACITY,
  TRACE_MS,
  allocateSnapshot,
  type LabSnapshot,
} from './snapshot';
import { neuronTrace, resolveSoma, somaFiCurve } from './fi';
import { inspectUnit, type InspectedPair } from './inspect';

/** Builds a trainer for a split dataset under the given settings (the adapter over the backprop core). */
export type TrainerFactory = (train: Dataset, test: Dataset, settings: Settings) => TrainerPort;

/** Frames between full-batch train/test evaluations (loss curves) and ANN region refreshes. */
const SCORE_EVERY_FRAMES = 6;
/** Batch steps of the region-grid spiking network per frame without a time budget (tests, Node). */
const REGION_STEPS_PER_FRAME = 40;
/** With a time budget: at least this many grid steps per frame, and the clock read every this many. */
const REGION_MIN_STEPS = 8;

/**
 * A time budget for the lab's frame, set by the page: the region grid steps until `now()` (ms)
 * passes the frame's start plus `frameMs` (playing) or `idleMs` (paused, where nothing else runs).
 * Without one the grid takes a fixed number of steps, so Node runs stay bit-for-bit reproducible.
 */
export interface RegionBudget {
  now(): number;
  frameMs: number;
  idleMs: number;
}
/** Time step of the converted network, ms (at most one spike per ms per neuron). */
export const BIO_DT_MS = 1;

/** Settings of the f-I panel's soma model and its single-neuron trace: changing one recomputes them. */
export const SOMA_SETTINGS = ['soma', 'tauMs', 'refractoryMs', 'izhA', 'izhB', 'izhC', 'izhD', 'hhGNa', 'hhGK', 'hhGL', 'current'] as const;

/** Settings that change the data or the network's shape: changing one rebuilds the lab. */
export const STRUCTURAL_SETTINGS = ['dataset', 'points', 'noise', 'testFraction', 'pts', 'hidden', 'activation', 'loss', 'optimizer', 'seed', 'lr', 'reg', 'batch'] as const;

/**
 * Turns settings into the page's dataset: every set is scaled into the input plane [-1, 1]^2
 * (divided by the largest |feature|), iris is projected to its two petal features (length,
 * width), and `custom` takes the user's points.
 */
export function buildDataset(s: Settings): Dataset {
  let ds: Dataset;
  if (s.dataset === 'custom') {
    const pts = s.pts.length >= 1 ? s.pts : STARTER_POINTS;
    const n = pts.length;
    const x = new Float64Array(2 * n);
    const y = new Int32Array(n);
    let classes = 2;
    pts.forEach((p, i) => {
      x[2 * i] = p.x;
      x[2 * i + 1] = p.y;
      y[i] = p.c;
      classes = Math.max(classes, p.c + 1);
    });
    return { name: 'custom', x, y, n, d: 2, classes };
  }
  if (s.dataset === 'iris') {
    const full = makeDataset('iris', { seed: s.seed });
    const x = new Float64Array(full.n * 2);
    for (let i = 0; i < full.n; i++) {
      x[2 * i] = full.x[i * full.d + 2];
      x[2 * i + 1] = full.x[i * full.d + 3];
    }
    ds = { ...full, x, d: 2, name: 'iris (petal length, petal width)' };
  } else {
    const classes = s.dataset === 'spiral' || s.dataset === 'gaussians' ? 3 : 2;
    ds = makeDataset(s.dataset, { seed: s.seed, pointsPerClass: Math.max(1, Math.round(s.points / classes)), noise: s.noise, classes });
  }
  let m = 0;
  for (let i = 0; i < ds.x.length; i++) m = Math.max(m, Math.abs(ds.x[i]));
  if (m > 0) for (let i = 0; i < ds.x.length; i++) ds.x[i] = (0.95 * ds.x[i]) / m;
  return ds;
}

/** Two points of each of two classes: an empty custom dataset starts from these. */
const STARTER_POINTS = [
  { x: -0.5, y: 0.5, c: 0 },
  { x: -0.6, y: -0.4, c: 0 },
  { x: 0.5, y: -0.5, c: 1 },
  { x: 0.6, y: 0.4, c: 1 },
];

export class Lab {
  /** The snapshot the views read; replaced (reallocated) only when the network's shape changes. */
  snapshot: LabSnapshot;
  /** The data as split: the training set trains, the test set only scores. */
  train!: Dataset;
  test!: Dataset;
  /** Why the spiking side is not running (e.g. an activation with no spiking twin), or ''. */
  spikingNote = '';
  private trainer!: TrainerPort;
  private settings: Settings;
  private frames = 0;
  private converted: ConvertedNetwork | null = null;
  private probeSnn: ProbeNetwork | null = null;
  /** The lab's subscriptions to the probe network's spike streams (one per population). */
  private probeSubscriptions: Subscription[] = [];
  private regionSnn: ConvertedEngine | null = null;
  private regionStep = 0;
  /** weightsVersion of the probe's conversion, and of the weights the grid runs or last ran (-1: none). */
  private convertedAt = -1;
  private regionAt = -1;
  /** Training step of the weights of the grid evaluation in progress. */
  private regionTrainStep = 0;
  /** ANN class at each SNN grid cell centre for the weights on show in the ANN plane (SNN_GRID^2). */
  private readonly annAtSnnGrid = new Uint8Array(SNN_GRID * SNN_GRID);
  /** The page's time budget for the grid (null: fixed steps per frame). */
  budget: RegionBudget | null = null;
  private readonly regionX = new Float64Array(SNN_GRID * SNN_GRID * 2);
  private readonly annGridX = new Float64Array(ANN_GRID * ANN_GRID * 2);
  private annGridHidden = new Float64Array(0);
  private trainHidden = new Float64Array(0);
  private trainScores = new Float64Array(0);
  private probeHidden = new Float64Array(0);
  private probeScores = new Float64Array(0);
  /** Hidden activations of the probe under the weights the current window simulates (H). */
  private windowActivation = new Float64Array(0);
  private prevW1 = new Float64Array(0);
  private prevW2 = new Float64Array(0);
  private regionScores = new Float64Array(0);
  private regionHidden = new Float64Array(0);
  private gridScoresBuf = new Float64Array(0);
  private seed = 1;

  /**
   * @param settings the page's settings (checked: they come from the settings table)
   * @param makeTrainer the adapter that builds a trainer over the backprop core
   */
  constructor(
    settings: Settings,
    private readonly makeTrainer: TrainerFactory,
  ) {
    this.settings = { ...settings };
    this.snapshot = allocateSnapshot([2, 1, 2], 1);
    for (let r = 0; r < SNN_GRID; r++) {
      for (let c = 0; c < SNN_GRID; c++) {
        const k = r * SNN_GRID + c;
        this.regionX[2 * k] = -1 + (2 * (c + 0.5)) / SNN_GRID;
        this.regionX[2 * k + 1] = 1 - (2 * (r + 0.5)) / SNN_GRID;
      }
    }
    for (let r = 0; r < ANN_GRID; r++) {
      for (let c = 0; c < ANN_GRID; c++) {
        const k = r * ANN_GRID + c;
        this.annGridX[2 * k] = -1 + (2 * (c + 0.5)) / ANN_GRID;
        this.annGridX[2 * k + 1] = 1 - (2 * (r + 0.5)) / ANN_GRID;
      }
    }
    this.reset();
  }

  /** Whether a spiking network runs (false for an activation without a spiking twin, or a refused conversion). */
  get spikingActive(): boolean {
    return this.converted !== null;
  }

  /** The settings in force. */
  get current(): Settings {
    return this.settings;
  }

  /**
   * Applies new settings. Changes of data, shape or training options rebuild (a fresh run from
   * the seed); changes of the spiking side restart its window; the rest takes effect at once.
   */
  configure(next: Settings): void {
    const prev = this.settings;
    this.settings = { ...next };
    const structural = STRUCTURAL_SETTINGS.some((k) => JSON.stringify(prev[k]) !== JSON.stringify(next[k]));
    if (structural) {
      this.reset();
      return;
    }
    const lifChanged = next.neuron === 'lif' && (prev.tauMs !== next.tauMs || prev.refractoryMs !== next.refractoryMs);
    if (prev.neuron !== next.neuron || prev.norm !== next.norm || prev.encoding !== next.encoding || prev.tMs !== next.tMs || lifChanged) {
      this.restartWindow(true);
      this.restartRegions();
    } else if (prev.delayMs !== next.delayMs) {
      this.snapshot.delayMs = next.delayMs;
      this.restartWindow();
    }
    if (SOMA_SETTINGS.some((k) => prev[k] !== next[k])) this.computeFi();
  }

  /** Fresh data, fresh weights, fresh spiking state, all from the seed. */
  reset(): void {
    const s = this.settings;
    this.seed = s.seed;
    const ds = buildDataset(s);
    const split = splitDataset(ds, s.dataset === 'custom' && ds.n < 10 ? 0 : s.testFraction, new Rng(s.seed + 1));
    this.train = split.train;
    this.test = split.test;
    this.trainer = this.makeTrainer(this.train, this.test, s);
    const [d, h, k] = this.trainer.sizes;
    const snap = allocateSnapshot([d, h, k], ds.n);
    const old = this.snapshot;
    snap.probe[0] = old.probe[0] || 0.3;
    snap.probe[1] = old.probe[1] || 0.3;
    snap.classes = ds.classes;
    snap.dataCount = ds.n;
    snap.dataVersion = old.dataVersion + 1;
    snap.windowMs = s.tMs;
    snap.activationName = s.activation;
    // Converted neurons work in threshold units: rest/reset 0, threshold 1.
    snap.vRange[0] = 0;
    snap.vRange[1] = 1;
    snap.delayMs = s.delayMs;
    // Data for the plane: training points first, then test points.
    let i = 0;
    for (const [part, isTest] of [[this.train, 0], [this.test, 1]] as const) {
      for (let r = 0; r < part.n; r++, i++) {
        snap.dataX[2 * i] = part.x[r * part.d];
        snap.dataX[2 * i + 1] = part.x[r * part.d + 1];
        snap.dataY[i] = part.y[r];
        snap.dataIsTest[i] = isTest;
      }
    }
    snap.dataCount = i;
    this.snapshot = snap;
    this.prevW1 = new Float64Array(d * h);
    this.prevW2 = new Float64Array(h * k);
    this.trainHidden = new Float64Array(this.train.n * h);
    this.trainScores = new Float64Array(this.train.n * k);
    this.probeHidden = new Float64Array(h);
    this.probeScores = new Float64Array(k);
    this.windowActivation = new Float64Array(h);
    this.annGridHidden = new Float64Array(ANN_GRID * ANN_GRID * h);
    this.gridScoresBuf = new Float64Array(ANN_GRID * ANN_GRID * k);
    this.regionHidden = new Float64Array(SNN_GRID * SNN_GRID * h);
    this.regionScores = new Float64Array(SNN_GRID * SNN_GRID * k);
    this.frames = 0;
    this.convertedAt = -1;
    this.regionAt = -1;
    this.regionSnn?.dispose();
    this.regionSnn = null;
    this.readWeights(false);
    this.recordScores();
    this.computeAnnRegions();
    this.restartWindow();
    this.restartRegions();
    this.computeFi();
  }

  /**
   * The current network as a network file (what `soma train --save` writes), with the page's
   * data settings under `dataset.page`, so the points it was trained on can be made again.
   */
  networkFile(): NetworkFile {
    const file = this.trainer.network();
    const s = this.settings;
    const page: Record<string, unknown> = { dataset: s.dataset, seed: s.seed, points: s.points, noise: s.noise, testFraction: s.testFraction, scale: 'each set divided by its largest |feature|, times 0.95' };
    if (s.dataset === 'custom') page.pts = s.pts;
    return { ...file, dataset: { ...file.dataset, page } };
  }

  /** ANN scores (n x K) of n inputs x (n x D) under the current weights (allocates the hidden layer: not per frame). */
  forward(x: Float64Array, n: number, scores: Float64Array): void {
    this.trainer.forward(x, n, new Float64Array(n * this.snapshot.sizes[1]), scores);
  }

  /**
   * The spiking network of the current weights under the current conversion options (the
   * conversion the probe's next window makes), or null with `spikingNote` saying why.
   */
  convertedNow(): ConvertedNetwork | null {
    return this.convert();
  }

  /**
   * Loads a trained network (a parsed network file) into the lab: the settings take its hidden
   * units, activation and loss, the data stays, the weights are the file's, the step counter
   * starts at 0 and the spiking side converts them. Checked before anything changes, so a file
   * that does not fit leaves the lab as it was: a two-layer network, D inputs (the plane's 2)
   * and K outputs (the data's classes), at most the page's largest hidden layer. Throws
   * ParameterError naming the field (`network.layers[1].bias`, ...). Returns the settings now in
   * force. Training is not started (the caller pauses it).
   */
  loadNetwork(file: NetworkFile, source = 'network'): Settings {
    const [d, , k] = this.snapshot.sizes;
    if (file.model !== 'two-layer' || file.layers.length !== 2) throw new ParameterError(`${source}.model`, file.model, 'two-layer (the page runs a 2-layer network)');
    const [l1, l2] = file.layers;
    if (l1.weights.length !== d) throw new ParameterError(`${source}.layers[0].weights`, `${l1.weights.length} rows`, `${d} rows, one per input of the plane (x, y)`);
    if (l2.bias.length !== k) throw new ParameterError(`${source}.layers[1].bias`, `${l2.bias.length} values`, `${k}, one per class of the data on show`);
    const h = l1.bias.length;
    const hidden = SETTINGS.hidden;
    if (h < hidden.min || h > hidden.max) throw new ParameterError(`${source}.layers[0].bias`, `${h} hidden units`, `${hidden.min} to ${hidden.max} hidden units`);
    this.settings = { ...this.settings, hidden: h, activation: file.activation, loss: file.loss };
    this.reset();
    const w1 = new Float64Array(d * h), w2 = new Float64Array(h * k);
    for (let i = 0; i < d; i++) w1.set(l1.weights[i], i * h);
    for (let j = 0; j < h; j++) w2.set(l2.weights[j], j * k);
    this.trainer.writeWeights(w1, Float64Array.from(l1.bias), w2, Float64Array.from(l2.bias));
    // The reset drew the seed's initial weights: the curves and both planes start again from the file's.
    const s = this.snapshot;
    s.historyLength = 0;
    this.readWeights(false);
    this.recordScores();
    this.computeAnnRegions();
    this.restartWindow(true);
    this.restartRegions();
    return this.settings;
  }

  /** Moves the probe (a point of the input plane, in [-1, 1]^2) and feeds it to both networks. */
  setProbe(x: number, y: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new ParameterError('probe', [x, y], 'a point with finite coordinates');
    const s = this.snapshot;
    s.probe[0] = Math.max(-1, Math.min(1, x));
    s.probe[1] = Math.max(-1, Math.min(1, y));
    this.computeProbeActivation();
    this.restartWindow();
  }

  /**
   * One frame: `k` training steps and `k` ms of biology (the speed control). Returns the
   * snapshot. After divergence nothing is stepped until reset.
   */
  frame(k: number): LabSnapshot {
    const s = this.snapshot;
    const start = this.budget ? this.budget.now() : 0;
    s.spikedThisFrame.fill(0);
    if (s.diverged) return s;
    this.frames++;
    if (this.settings.train) {
      const loss = this.trainer.step(k);
      s.batchLoss = loss;
      s.trainStep = this.trainer.stepCount;
      if (!Number.isFinite(loss)) {
        s.diverged = true;
        return s;
      }
      this.readWeights(true);
      // The full-batch scores and the ANN grid on different frames, to spread the work.
      const phase = this.frames % SCORE_EVERY_FRAMES;
      if (phase === 0) this.recordScores();
      else if (phase === SCORE_EVERY_FRAMES >> 1) this.computeAnnRegions();
    }
    for (let t = 0; t < k; t++) this.bioStep();
    this.regionSteps(this.budget ? start + this.budget.frameMs : -1);
    return s;
  }

  /**
   * A paused frame: no training, no biology. What trails the weights catches up: the ANN regions
   * and the loss curve get the current step, and the spiking grid (within the idle budget, or a
   * fixed number of steps) converts and evaluates the current weights, so after a few paused
   * frames both planes show the same weights and the agreement number holds for what is on show.
   * Returns true while there is still something to catch up.
   */
  idle(): boolean {
    const s = this.snapshot;
    if (s.diverged) return false;
    const start = this.budget ? this.budget.now() : 0;
    if (s.annRegionsStep !== s.trainStep) this.computeAnnRegions();
    if (s.historyLength === 0 || s.historyStep[s.historyLength - 1] !== s.trainStep) this.recordScores();
    this.regionSteps(this.budget ? start + this.budget.idleMs : -1);
    return this.regionSnn !== null || (this.regionAt !== s.weightsVersion && this.converted !== null);
  }

  /**
   * Play stopped: if the probe's window runs older weights than the ANN's, start a new window
   * with the current ones (the partial counts of the old weights are dropped; the last complete
   * window stays on show with its step), so the paused spiking network is the ANN on show.
   */
  catchUpProbe(): void {
    if (this.convertedAt !== this.snapshot.weightsVersion) this.restartWindow();
  }

  /** One training step and one millisecond of biology (the step button). */
  step(): LabSnapshot {
    const s = this.frame(1);
    if (!s.diverged) {
      this.recordScores();
      this.computeAnnRegions();
    }
    return s;
  }

  /** Copies the trainer's weights into the snapshot; with `delta`, also the change since last time. */
  private readWeights(delta: boolean): void {
    const s = this.snapshot;
    this.prevW1.set(s.w1);
    this.prevW2.set(s.w2);
    this.trainer.readWeights(s.w1, s.b1, s.w2, s.b2);
    let m0 = 0;
    let m1 = 0;
    for (let i = 0; i < s.w1.length; i++) {
      s.dw1[i] = delta ? s.w1[i] - this.prevW1[i] : 0;
      const a = Math.abs(s.w1[i]);
      if (a > m0) m0 = a;
    }
    for (let i = 0; i < s.w2.length; i++) {
      s.dw2[i] = delta ? s.w2[i] - this.prevW2[i] : 0;
      const a = Math.abs(s.w2[i]);
      if (a > m1) m1 = a;
    }
    s.maxAbsW[0] = m0;
    s.maxAbsW[1] = m1;
    s.weightsVersion++;
    this.computeProbeActivation();
  }

  private computeProbeActivation(): void {
    const s = this.snapshot;
    const [d, h] = s.sizes;
    this.trainer.forward(s.probe, 1, this.probeHidden, this.probeScores);
    s.activation[0] = s.probe[0];
    s.activation[1] = s.probe[1];
    for (let j = 0; j < h; j++) s.activation[d + j] = this.probeHidden[j];
    for (let j = 0; j < this.probeScores.length; j++) s.activation[d + h + j] = this.probeScores[j];
  }

  /** Full-batch loss and accuracy on both splits, appended to the history (decimated when full). */
  private recordScores(): void {
    const s = this.snapshot;
    const tr = this.trainer.score('train');
    const te = this.test.n > 0 ? this.trainer.score('test') : { loss: NaN, accuracy: NaN };
    if (s.historyLength === HISTORY_CAPACITY) {
      // Keep every other point: the curve keeps its shape at half the resolution.
      const h = HISTORY_CAPACITY / 2;
      for (let i = 0; i < h; i++) {
        s.historyStep[i] = s.historyStep[2 * i];
        s.historyTrainLoss[i] = s.historyTrainLoss[2 * i];
        s.historyTestLoss[i] = s.historyTestLoss[2 * i];
        s.historyTrainAcc[i] = s.historyTrainAcc[2 * i];
        s.historyTestAcc[i] = s.historyTestAcc[2 * i];
      }
      s.historyLength = h;
    }
    const i = s.historyLength++;
    s.historyStep[i] = this.trainer.stepCount;
    s.historyTrainLoss[i] = tr.loss;
    s.historyTestLoss[i] = te.loss;
    s.historyTrainAcc[i] = tr.accuracy;
    s.historyTestAcc[i] = te.accuracy;
    if (!Number.isFinite(tr.loss)) s.diverged = true;
  }

  /**
   * ANN class of every cell of the ANN grid, and at the SNN grid's cell centres (for the
   * agreement of the spiking regions with the ANN plane on show).
   */
  private computeAnnRegions(): void {
    const s = this.snapshot;
    const k = s.sizes[2];
    const n = ANN_GRID * ANN_GRID;
    this.trainer.forward(this.annGridX, n, this.annGridHidden, this.gridScoresBuf);
    for (let c = 0; c < n; c++) {
      let best = 0;
      for (let j = 1; j < k; j++) if (this.gridScoresBuf[c * k + j] > this.gridScoresBuf[c * k + best]) best = j;
      s.annRegions[c] = best;
    }
    s.annRegionsVersion++;
    s.annRegionsStep = s.trainStep;
    // The SNN grid's centres under the same weights (256 inputs: a small forward pass, in place).
    const cells = SNN_GRID * SNN_GRID;
    this.trainer.forward(this.regionX, cells, this.annGridHidden, this.gridScoresBuf);
    for (let c = 0; c < cells; c++) {
      let best = 0;
      for (let j = 1; j < k; j++) if (this.gridScoresBuf[c * k + j] > this.gridScoresBuf[c * k + best]) best = j;
      this.annAtSnnGrid[c] = best;
    }
    this.updateAgreementNow();
  }

  /** Fraction of SNN grid cells where the spiking class equals the ANN plane's class (NaN before a readout). */
  private updateAgreementNow(): void {
    const s = this.snapshot;
    if (s.snnRegionsStep < 0) {
      s.regionAgreementNow = NaN;
      return;
    }
    const cells = SNN_GRID * SNN_GRID;
    let agree = 0;
    for (let c = 0; c < cells; c++) if (s.snnRegions[c] === this.annAtSnnGrid[c]) agree++;
    s.regionAgreementNow = agree / cells;
  }

  /**
   * Converts the current weights (on a window boundary). ReLU networks: IF neurons, or LIF with
   * the settings' tau_m and t_ref. LIF-rate / soft-LIF networks (trained for spikes): hidden LIF
   * somas with the activation's own parameters, IF outputs. Returns null, with a note, for
   * sigmoid and tanh, which have no spiking twin.
   */
  private convert(): ConvertedNetwork | null {
    const s = this.settings;
    const act = s.activation;
    if (act === 'sigmoid' || act === 'tanh') {
      this.spikingNote = `activation ${act}: no spiking twin (a firing rate is never negative and has no sigmoid shape); the spiking side runs relu (integrate-and-fire) and lif-rate / soft-lif (LIF) networks`;
      return null;
    }
    this.trainer.forward(this.train.x, this.train.n, this.trainHidden, this.trainScores);
    const data = { n: this.train.n, x: this.train.x, hidden: this.trainHidden, scores: this.trainScores };
    try {
      if (act === 'lif-rate' || act === 'soft-lif') {
        const model = lifActivationModel(act);
        this.spikingNote = `${act} network, trained for spikes: hidden LIF somas with the activation's tau_m = ${model.tauMs} ms, t_ref = ${model.refractoryMs} ms; integrate-and-fire outputs`;
        return convertNetwork(this.trainer.network(), data, { neuron: 'lif', norm: s.norm, encoding: s.encoding, dtMs: BIO_DT_MS }, model);
      }
      this.spikingNote = '';
      const net = convertNetwork(this.trainer.network(), data, { neuron: s.neuron, norm: s.norm, encoding: s.encoding, dtMs: BIO_DT_MS, tauMs: s.tauMs });
      return s.neuron === 'lif' ? withLifSomas(net, s.refractoryMs) : net;
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      this.spikingNote = e.message;
      return null;
    }
  }

  /**
   * Starts a new counting window for the probe with the latest weights (converted again only
   * when they changed since the last conversion, or when `force`d by new conversion options).
   */
  private restartWindow(force = false): void {
    const s = this.snapshot;
    s.windowStartMs = s.bioTimeMs;
    s.windowMs = this.settings.tMs;
    s.windowCounts.fill(0);
    if (force || this.convertedAt !== s.weightsVersion) {
      this.converted = this.convert();
      this.convertedAt = s.weightsVersion;
      s.probeStep = s.trainStep;
      const layers = this.converted ? this.converted.layers : [];
      for (let l = 0; l < 2; l++) {
        const soma = layers[l]?.soma;
        s.leaky[l] = soma && (soma.kind === 'lif' || (soma.kind === 'integrate' && soma.decay < 1)) ? 1 : 0;
      }
    }
    const [d, h] = s.sizes;
    for (let j = 0; j < h; j++) this.windowActivation[j] = s.activation[d + j];
    this.disposeProbe();
    if (!this.converted) return;
    const probe = new ProbeNetwork(this.converted, s.probe, this.settings.delayMs, this.seed + Math.round(s.bioTimeMs));
    this.probeSnn = probe;
    // Each population's spikes reach the snapshot through its stream; neuron numbering of the
    // snapshot: inputs 0..D-1, hidden D.., outputs D+H.. . The engine's time starts at 0 with
    // each window, so a batch's time is offset by the window start.
    const t0 = s.bioTimeMs;
    const pops = probe.input ? [probe.input, ...probe.layers] : probe.layers;
    const offsets = probe.input ? [0, d, d + h] : [d, d + h];
    pops.forEach((pop, p) => {
      const off = offsets[p];
      this.probeSubscriptions.push(pop.spikes$.subscribe((b) => this.recordSpikes(b, off, t0)));
    });
  }

  /** Copies one batch of spikes (reused by the engine) into the snapshot's window counts and spike ring. */
  private recordSpikes(b: SpikeBatch, offset: number, t0: number): void {
    const s = this.snapshot;
    const cap = SPIKE_CAPACITY;
    const t = t0 + b.tMs;
    for (let q = 0; q < b.count; q++) {
      const i = offset + b.indices[q];
      s.spikedThisFrame[i] = 1;
      s.windowCounts[i]++;
      s.totalSpikes++;
      const e = s.spikeHead % cap;
      // The step's start: the spike is delivered exactly delayMs later (the dot's travel time).
      s.spikeTimeMs[e] = t;
      s.spikeNeuron[e] = i;
      s.spikeHead++;
    }
  }

  private disposeProbe(): void {
    for (const sub of this.probeSubscriptions) sub.unsubscribe();
    this.probeSubscriptions.length = 0;
    this.probeSnn?.dispose();
    this.probeSnn = null;
  }

  /** 1 ms of biology for the probe: step, record spikes, potentials and the window. */
  private bioStep(): void {
    const s = this.snapshot;
    const [d, h, k] = s.sizes;
    const snn = this.probeSnn;
    const t = s.bioTimeMs;
    if (snn) {
      snn.step(); // spikes arrive in recordSpikes, through the populations' streams
      for (let j = 0; j < h; j++) s.v[d + j] = snn.potential(0, j);
      for (let j = 0; j < k; j++) s.v[d + h + j] = snn.potential(1, j);
    }
    // Input neurons: their "potential" is the input value relative to the largest input (0..1).
    const scale = this.converted ? this.converted.inputScale : 1;
    s.v[0] = Math.abs(s.probe[0]) / scale;
    s.v[1] = Math.abs(s.probe[1]) / scale;
    const n = d + h + k;
    const col = s.traceHead % TRACE_MS;
    for (let i = 0; i < n; i++) s.trace[i * TRACE_MS + col] = s.v[i];
    s.traceHead++;
    s.bioTimeMs = t + BIO_DT_MS;
    if (s.bioTimeMs - s.windowStartMs >= s.windowMs) this.closeWindow();
  }

  /** End of a window: counts become the shown counts; (activation, rate) pairs go to the scatter. */
  private closeWindow(): void {
    const s = this.snapshot;
    const [d, h, k] = s.sizes;
    s.lastCounts.set(s.windowCounts);
    s.lastCountsStep = s.probeStep;
    if (this.converted) {
      const perSecond = 1000 / s.windowMs;
      const lambdaH = this.converted.layers[0].spikeValue;
      for (let j = 0; j < h; j++) {
        const e = s.scatterHead % SCATTER_CAPACITY;
        // Rate in Hz against the activation in units of lambda (1 = one spike per ms = 1000 Hz).
        s.scatterActivation[e] = this.windowActivation[j] / lambdaH;
        s.scatterRate[e] = s.lastCounts[d + j] * perSecond;
        s.scatterHead++;
      }
    }
    void k;
    this.restartWindow();
  }

  /**
   * Starts a new grid evaluation with the current weights: its own conversion (the probe's
   * window may be running older ones) and the ANN scores of the same weights at the same cells,
   * the reference of the agreement. The last readout stays on show until this one completes.
   */
  private restartRegions(): void {
    const s = this.snapshot;
    this.regionStep = 0;
    this.regionAt = s.weightsVersion;
    this.regionTrainStep = s.trainStep;
    // No spiking twin (sigmoid, tanh) or a refused conversion at the probe's window: the grid
    // waits for the probe's next conversion rather than trying (and failing) every frame.
    const net = !this.converted ? null : this.convertedAt === s.weightsVersion ? this.converted : this.convert();
    this.regionSnn?.dispose();
    this.regionSnn = net ? new ConvertedEngine(net, this.regionX, SNN_GRID * SNN_GRID, { seed: this.seed }) : null;
    if (this.regionSnn) this.trainer.forward(this.regionX, SNN_GRID * SNN_GRID, this.regionHidden, this.regionScores);
    s.snnGridStep = this.regionSnn ? s.trainStep : -1;
    s.snnGridProgress = 0;
  }

  /**
   * Advances the grid evaluation: until the clock passes `untilMs` (at least REGION_MIN_STEPS
   * steps), or REGION_STEPS_PER_FRAME steps when `untilMs` < 0 (no budget). At T ms it reads out
   * every cell; an idle grid starts again when the weights have changed since its last start.
   */
  private regionSteps(untilMs: number): void {
    if (!this.regionSnn) {
      if (this.regionAt === this.snapshot.weightsVersion) return;
      this.restartRegions();
      if (!this.regionSnn) return; // no spiking twin (sigmoid, tanh) or a refused conversion
    }
    const snn = this.regionSnn;
    const s = this.snapshot;
    const k = s.sizes[2];
    const T = Math.round(this.settings.tMs / BIO_DT_MS);
    const clock = untilMs >= 0 ? this.budget : null;
    for (let i = 1; this.regionStep < T; i++) {
      snn.step();
      this.regionStep++;
      if (!clock) {
        if (i >= REGION_STEPS_PER_FRAME) break;
      } else if (i >= REGION_MIN_STEPS && i % REGION_MIN_STEPS === 0 && clock.now() >= untilMs) break;
    }
    s.snnGridProgress = this.regionStep / T;
    if (this.regionStep < T) return;
    const last = snn.layers.length - 1;
    const outCounts = snn.counts[last], outV = snn.potentials(last);
    const cells = SNN_GRID * SNN_GRID;
    let agree = 0;
    for (let c = 0; c < cells; c++) {
      const cls = spikeReadout(outCounts, outV, c, k);
      s.snnRegions[c] = cls;
      let best = 0;
      for (let j = 1; j < k; j++) if (this.regionScores[c * k + j] > this.regionScores[c * k + best]) best = j;
      if (best === cls) agree++;
    }
    s.regionAgreement = agree / cells;
    s.snnRegionsStep = this.regionTrainStep;
    s.snnRegionsVersion++;
    s.snnGridStep = -1;
    snn.dispose();
    this.regionSnn = null;
    // The ANN plane (refreshed every few frames) is never left older than the spiking one beside it.
    if (s.annRegionsStep < s.snnRegionsStep) this.computeAnnRegions();
    else this.updateAgreementNow();
  }

  /**
   * f-I curve of the chosen soma model with the ReLU fitted over it, and one neuron's membrane
   * trace under the chosen current. Parameters the model refuses leave the last curve and set
   * `somaNote`.
   */
  private computeFi(): void {
    const s = this.snapshot;
    try {
      const model = resolveSoma(this.settings);
      somaFiCurve(this.settings, s.fiDrive, s.fiRate, s.fiRelu);
      s.neuronSpikeCount = neuronTrace(this.settings, this.settings.current, s.neuronT, s.neuronV, s.neuronSpikes);
      s.somaModel = this.settings.soma;
      s.somaUnit = model.currentUnit;
      this.somaNote = '';
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      this.somaNote = e.message;
    }
    s.fiVersion++;
  }

  /** Why the f-I panel could not use the soma parameters, or ''. */
  somaNote = '';

  /** Unit j of the hidden (1) or output (2) layer as a neuron of three parts on both sides (inspect.ts). */
  inspect(layer: 1 | 2, j: number): InspectedPair {
    return inspectUnit(this.snapshot, this.probeSnn, this.converted, this.settings.activation, layer, j);
  }
}
