/**
 * The lab: the DOM-free controller behind the page. It holds the trainer (artificial side) and
 * the converted spiking network (biological side), advances them k steps per animation frame
 * (k training steps and k ms of biology; never frame time as dt) and writes one snapshot per
 * frame for the views. It adds no model logic: training is the backprop core's, conversion and
 * spiking simulation the bridge's (src/core/experiments), data the data module's.
 *
 * The lab composes parts with one job each, which share the settings, data, trainer and
 * snapshot through `LabState`:
 * - `TrainingLoop` (training-loop.ts): k training steps per frame, the weights into the snapshot;
 * - `ScoreHistory` (score-history.ts): the full-batch loss and accuracy curves;
 * - `Conversion` (conversion.ts): the current weights as a spiking network, or why not;
 * - `ProbeRunner` (probe-runner.ts): the probe network, its counting window of T ms and its
 *   spike subscriptions, stepped 1 ms per step of biology on the spiking core's engine with a
 *   real synaptic delay;
 * - `RegionEvaluator` (region-evaluator.ts): the ANN plane and the spiking decision regions,
 *   a batch of 256 grid cells evaluated over a few frames within the page's time budget;
 * - `SomaPanel` (soma-panel.ts): the f-I curve and the single-neuron trace;
 * - network-import.ts and page-data.ts: network files in and out, the page's data.
 * Every spiking result carries the training step of the weights it ran (probeStep,
 * lastCountsStep, snnRegionsStep), so the page can say how far it trails the ANN; `idle()`
 * (paused) lets the grid catch up until both planes show the same weights.
 */
import { ParameterError } from '../errors';
import { Rng } from '../random';
import { splitDataset, type Dataset } from '../data/index';
import type { ConvertedNetwork } from '../experiments/convert';
import type { NetworkFile } from '../export/network-file';
import type { TrainerPort } from './ports';
import type { Settings } from './settings';
import { allocateSnapshot, type LabSnapshot } from './snapshot';
import { inspectUnit, type InspectedPair } from './inspect';
import { LabState, type RegionBudget } from './lab-state';
import { Conversion } from './conversion';
import { ProbeRunner } from './probe-runner';
import { RegionEvaluator } from './region-evaluator';
import { ScoreHistory } from './score-history';
import { SOMA_SETTINGS, SomaPanel } from './soma-panel';
import { TrainingLoop } from './training-loop';
import { importWeights, pageNetworkFile } from './network-import';
import { buildDataset, dataSnapshot, placeholderRow } from './page-data';
import { checkEdge, checkWeight, type EdgeRef } from './weight-edit';

export { BIO_DT_MS } from './conversion';
export { SOMA_SETTINGS } from './soma-panel';
export { buildDataset } from './page-data';
export type { RegionBudget } from './lab-state';

/** Builds a trainer for a split dataset under the given settings (the adapter over the backprop core). */
export type TrainerFactory = (train: Dataset, test: Dataset, settings: Settings) => TrainerPort;

/** Settings that change the data or the network's shape: changing one rebuilds the lab. */
export const STRUCTURAL_SETTINGS = ['dataset', 'points', 'noise', 'testFraction', 'pts', 'hidden', 'activation', 'loss', 'optimizer', 'seed', 'lr', 'reg', 'batch'] as const;

/**
 * Milliseconds of the probe's biology per paused frame while its counts catch up with the
 * weights on show: a window of T = 200 ms completes in 4 frames, and the spikes still flow.
 */
export const CATCH_UP_BIO_MS = 50;

export class Lab {
  private readonly state: LabState;
  private readonly conversion: Conversion;
  private readonly probe: ProbeRunner;
  private readonly regions: RegionEvaluator;
  private readonly history: ScoreHistory;
  private readonly training: TrainingLoop;
  private readonly soma: SomaPanel;

  /**
   * @param settings the page's settings (checked: they come from the settings table)
   * @param makeTrainer the adapter that builds a trainer over the backprop core
   */
  constructor(
    settings: Settings,
    private readonly makeTrainer: TrainerFactory,
  ) {
    const state = new LabState({ ...settings }, allocateSnapshot([2, 1, 2], 1));
    this.state = state;
    this.conversion = new Conversion(state);
    this.probe = new ProbeRunner(state, this.conversion);
    this.regions = new RegionEvaluator(state, this.conversion, this.probe);
    this.history = new ScoreHistory(state);
    this.training = new TrainingLoop(state, this.history, this.regions);
    this.soma = new SomaPanel(state);
    this.reset();
  }

  /** The snapshot the views read; replaced (reallocated) only when the network's shape changes. */
  get snapshot(): LabSnapshot {
    return this.state.snapshot;
  }

  /** The data as split: the training set trains, the test set only scores. */
  get train(): Dataset {
    return this.state.train;
  }
  get test(): Dataset {
    return this.state.test;
  }

  /** The page's time budget for the grid (null: fixed steps per frame). */
  get budget(): RegionBudget | null {
    return this.state.budget;
  }
  set budget(b: RegionBudget | null) {
    this.state.budget = b;
  }

  /** True when there are no training points (custom data, all cleared): training waits for points. */
  get noData(): boolean {
    return this.state.noData;
  }

  /** Why the spiking side is not running (e.g. an activation with no spiking twin), or ''. */
  get spikingNote(): string {
    return this.conversion.spikingNote;
  }

  /** Why the f-I panel could not use the soma parameters, or ''. */
  get somaNote(): string {
    return this.soma.somaNote;
  }

  /** Why the soma panel's run stopped (a non-finite state, one line), or ''. */
  get somaFailure(): string {
    return this.soma.somaFailure;
  }

  /** Whether a spiking network runs (false for an activation without a spiking twin, or a refused conversion). */
  get spikingActive(): boolean {
    return this.probe.converted !== null;
  }

  /** The settings in force. */
  get current(): Settings {
    return this.state.settings;
  }

  private get settings(): Settings {
    return this.state.settings;
  }
  private get trainer(): TrainerPort {
    return this.state.trainer;
  }

  /**
   * Applies new settings. Changes of data, shape or training options rebuild (a fresh run from
   * the seed); changes of the spiking side restart its window; the rest takes effect at once.
   */
  configure(next: Settings): void {
    const prev = this.settings;
    this.state.settings = { ...next };
    const structural = STRUCTURAL_SETTINGS.some((k) => JSON.stringify(prev[k]) !== JSON.stringify(next[k]));
    if (structural) {
      this.reset();
      return;
    }
    const lifChanged = next.neuron === 'lif' && (prev.tauMs !== next.tauMs || prev.refractoryMs !== next.refractoryMs);
    if (prev.neuron !== next.neuron || prev.norm !== next.norm || prev.encoding !== next.encoding || prev.tMs !== next.tMs || lifChanged) {
      this.probe.restartWindow(true);
      this.regions.restartRegions();
    } else if (prev.delayMs !== next.delayMs) {
      this.snapshot.delayMs = next.delayMs;
      this.probe.restartWindow();
    }
    if (SOMA_SETTINGS.some((k) => prev[k] !== next[k])) this.soma.computeFi();
  }

  /** Fresh data, fresh weights, fresh spiking state, all from the seed. */
  reset(): void {
    const state = this.state;
    const s = this.settings;
    state.seed = s.seed;
    const ds = buildDataset(s);
    const split = splitDataset(ds, s.dataset === 'custom' && ds.n < 10 ? 0 : s.testFraction, new Rng(s.seed + 1));
    state.train = split.train;
    state.test = split.test;
    // No points: the trainer holds the seed's initial weights over a row it never trains on (noData).
    state.trainer = this.makeTrainer(state.noData ? placeholderRow() : state.train, state.test, s);
    const [d, h, k] = this.trainer.sizes;
    state.snapshot = dataSnapshot([d, h, k], ds, state.train, state.test, state.snapshot, s);
    this.training.resize();
    this.conversion.resize();
    this.probe.resize();
    this.regions.resize();
    this.training.readWeights(false);
    this.history.recordScores();
    this.regions.computeAnnRegions();
    this.probe.restartWindow();
    this.regions.restartRegions();
    this.soma.computeFi();
  }

  /**
   * The current network as a network file (what `soma train --save` writes), with the page's
   * data settings under `dataset.page`, so the points it was trained on can be made again.
   */
  networkFile(): NetworkFile {
    return pageNetworkFile(this.trainer.network(), this.settings);
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
    return this.conversion.convert();
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
    const w = importWeights(file, this.snapshot.sizes, source);
    this.state.settings = { ...this.settings, hidden: w.hidden, activation: file.activation as Settings["activation"], loss: file.loss };
    this.reset();
    this.trainer.writeWeights(w.w1, w.b1, w.w2, w.b2);
    // The reset drew the seed's initial weights: the curves and both planes start again from the file's.
    const s = this.snapshot;
    s.historyLength = 0;
    this.training.readWeights(false);
    this.history.recordScores();
    this.regions.computeAnnRegions();
    this.probe.restartWindow(true);
    this.regions.restartRegions();
    return this.settings;
  }

  /** The spiking network the probe's window runs (the conversion of the weights of probeStep), or null. */
  get converted(): ConvertedNetwork | null {
    return this.probe.converted;
  }

  /**
   * Sets one weight of the ANN by hand (the page's edge editor), checked first (weight-edit.ts:
   * a refusal names the weight, e.g. `W1[0][2] (x[0] → h[2])`, and changes nothing). The weight is
   * written into the trainer's own buffers, so training goes on from it; the snapshot, the probe's
   * activations, a point of the curves and the ANN plane follow at once, and the spiking twin
   * follows: the weights are converted again (the synapse becomes w lambda_{l-1} / lambda_l,
   * with the scales the conversion takes from the edited network) for a new probe window and a
   * new region grid, both started now.
   */
  setWeight(edge: EdgeRef, value: number): void {
    const s = this.snapshot;
    checkEdge(s.sizes, edge);
    const w = checkWeight(s.sizes, edge, value);
    const w1 = s.w1.slice(), b1 = s.b1.slice(), w2 = s.w2.slice(), b2 = s.b2.slice();
    this.trainer.readWeights(w1, b1, w2, b2);
    (edge.layer === 0 ? w1 : w2)[edge.from * s.sizes[edge.layer + 1] + edge.to] = w;
    this.trainer.writeWeights(w1, b1, w2, b2);
    this.training.readWeights(false);
    this.history.recordScores();
    this.regions.computeAnnRegions();
    this.probe.restartWindow(true);
    this.regions.restartRegions();
  }

  /** Moves the probe (a point of the input plane, in [-1, 1]^2) and feeds it to both networks. */
  setProbe(x: number, y: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new ParameterError('probe', [x, y], 'a point with finite coordinates');
    const s = this.snapshot;
    s.probe[0] = Math.max(-1, Math.min(1, x));
    s.probe[1] = Math.max(-1, Math.min(1, y));
    this.training.computeProbeActivation();
    this.probe.restartWindow();
  }

  /**
   * One frame: `k` training steps and `k` ms of biology (the speed control). Returns the
   * snapshot. After divergence nothing is stepped until reset.
   */
  frame(k: number): LabSnapshot {
    const s = this.snapshot;
    const budget = this.budget;
    const start = budget ? budget.now() : 0;
    s.spikedThisFrame.fill(0);
    if (s.diverged) return s;
    if (!this.training.frame(k)) return s;
    for (let t = 0; t < k; t++) this.probe.bioStep();
    this.regions.regionSteps(budget ? start + budget.frameMs : -1);
    return s;
  }

  /**
   * A paused frame: no training, no biology. What trails the weights catches up: the ANN regions
   * and the loss curve get the current step, and the spiking grid (within the idle budget, or a
   * fixed number of steps) converts and evaluates the current weights, so after a few paused
   * frames both planes show the same weights and the agreement number holds for what is on show.
   * The probe's biology runs on (CATCH_UP_BIO_MS per paused frame) until a whole counting window
   * of the current weights and probe is done, so the spike counts beside the activations come
   * from the same weights. Returns true while there is still something to catch up.
   */
  idle(): boolean {
    const s = this.snapshot;
    if (s.diverged) return false;
    const budget = this.budget;
    const start = budget ? budget.now() : 0;
    if (s.annRegionsStep !== s.trainStep) this.regions.computeAnnRegions();
    if (!this.history.current) this.history.recordScores();
    this.regions.regionSteps(budget ? start + budget.idleMs : -1);
    const counting = this.probe.catchUpCounts(CATCH_UP_BIO_MS);
    return this.regions.busy || counting;
  }

  /**
   * Play stopped: if the probe's window runs older weights than the ANN's, start a new window
   * with the current ones (the partial counts of the old weights are dropped; the last complete
   * window stays on show with its step), so the paused spiking network is the ANN on show.
   */
  catchUpProbe(): void {
    this.probe.catchUpProbe();
  }

  /** One training step and one millisecond of biology (the step button). */
  step(): LabSnapshot {
    const s = this.frame(1);
    if (!s.diverged) {
      this.history.recordScores();
      this.regions.computeAnnRegions();
    }
    return s;
  }

  /** Unit j of the hidden (1) or output (2) layer as a neuron of three parts on both sides (inspect.ts). */
  inspect(layer: 1 | 2, j: number): InspectedPair {
    return inspectUnit(this.snapshot, this.probe.probeSnn, this.probe.converted, this.settings.activation, layer, j);
  }
}
