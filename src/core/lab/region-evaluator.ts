/**
 * The two decision-region planes. The ANN plane: the class of every cell of a 64 x 64 grid under
 * the current weights (a forward pass). The spiking plane: the bridge's `ConvertedEngine` with a
 * batch of the 256 cell centres of a 16 x 16 grid and no delay (the readout after T ms only),
 * evaluated progressively: each evaluation converts the weights of the moment it starts and runs
 * T ms of them over a few frames (a fixed number of steps per frame, or as many as fit the time
 * budget the page sets), then the next starts with the newest weights. Each result carries the
 * training step of its weights (`snnRegionsStep`, `annRegionsStep`) and two agreements: with the
 * ANN of the same weights (`regionAgreement`) and with the ANN plane on show (`regionAgreementNow`).
 * The same two passes give each hidden unit's map over the plane (unit-maps.ts), at no extra
 * simulation: the ANN's hidden activations at the 256 cell centres, and the grid engine's hidden
 * spike counts at the readout as rates, with their correlation per unit.
 */
import { ConvertedEngine } from '../experiments/engine';
import { spikeReadout } from '../experiments/stats';
import { mapCorrelations, planeGrid, rateMaps, unitMajor } from '../experiments/unit-maps';
import { BIO_DT_MS, type Conversion } from './conversion';
import type { LabState } from './lab-state';
import type { ProbeRunner } from './probe-runner';
import { ANN_GRID, SNN_GRID } from './snapshot';

/** Batch steps of the region-grid spiking network per frame without a time budget (tests, Node). */
const REGION_STEPS_PER_FRAME = 40;
/** With a time budget: at least this many grid steps per frame, and the clock read every this many. */
const REGION_MIN_STEPS = 8;

export class RegionEvaluator {
  private regionSnn: ConvertedEngine | null = null;
  private regionStep = 0;
  /** weightsVersion of the weights the grid runs or last ran (-1: none). */
  private regionAt = -1;
  /** Training step of the weights of the grid evaluation in progress. */
  private regionTrainStep = 0;
  /** ANN class at each SNN grid cell centre for the weights on show in the ANN plane (SNN_GRID^2). */
  private readonly annAtSnnGrid = new Uint8Array(SNN_GRID * SNN_GRID);
  /** Cell centres of the spiking grid (SNN_GRID^2 x 2) and of the ANN grid (ANN_GRID^2 x 2), row 0 at the top. */
  private readonly regionX = planeGrid(SNN_GRID);
  private readonly annGridX = new Float64Array(ANN_GRID * ANN_GRID * 2);
  private annGridHidden = new Float64Array(0);
  private regionScores = new Float64Array(0);
  private regionHidden = new Float64Array(0);
  private gridScoresBuf = new Float64Array(0);
  /** The ANN's unit maps of the weights the grid runs (H x SNN_GRID^2, when the snapshot has maps). */
  private regionMaps = new Float64Array(0);

  /**
   * @param probe the probe's window: the grid reuses its conversion when the weights are the same
   */
  constructor(
    private readonly lab: LabState,
    private readonly conversion: Conversion,
    private readonly probe: ProbeRunner,
  ) {
    for (let r = 0; r < ANN_GRID; r++) {
      for (let c = 0; c < ANN_GRID; c++) {
        const k = r * ANN_GRID + c;
        this.annGridX[2 * k] = -1 + (2 * (c + 0.5)) / ANN_GRID;
        this.annGridX[2 * k + 1] = 1 - (2 * (r + 0.5)) / ANN_GRID;
      }
    }
  }

  private get snapshot() {
    return this.lab.snapshot;
  }
  private get settings() {
    return this.lab.settings;
  }
  private get trainer() {
    return this.lab.trainer;
  }
  private get seed() {
    return this.lab.seed;
  }
  private get budget() {
    return this.lab.budget;
  }
  private get converted() {
    return this.probe.converted;
  }
  private get convertedAt() {
    return this.probe.convertedAt;
  }

  /** Buffers for the network's shape (after a reset); drops the evaluation in progress. */
  resize(): void {
    const [, h, k] = this.snapshot.sizes;
    this.annGridHidden = new Float64Array(ANN_GRID * ANN_GRID * h);
    this.gridScoresBuf = new Float64Array(ANN_GRID * ANN_GRID * k);
    this.regionHidden = new Float64Array(SNN_GRID * SNN_GRID * h);
    this.regionScores = new Float64Array(SNN_GRID * SNN_GRID * k);
    this.regionMaps = new Float64Array(this.snapshot.unitMapsAnn.length);
    this.regionAt = -1;
    this.regionSnn?.dispose();
    this.regionSnn = null;
  }

  /** Whether the grid still has weights to catch up with: an evaluation runs, or newer weights wait for one. */
  get busy(): boolean {
    return this.regionSnn !== null || (this.regionAt !== this.snapshot.weightsVersion && this.converted !== null);
  }

  /**
   * ANN class of every cell of the ANN grid, and at the SNN grid's cell centres (for the
   * agreement of the spiking regions with the ANN plane on show).
   */
  computeAnnRegions(): void {
    const s = this.snapshot;
    const k = s.sizes[2];
    const n = ANN_GRID * ANN_GRID;
    if (this.lab.noData) {
      // No points: a blank plane (255 = no class), not the regions of untrained weights.
      s.annRegions.fill(255);
      s.unitMapsAnn.fill(0);
      s.annRegionsVersion++;
      s.annRegionsStep = s.trainStep;
      return;
    }
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
    // The hidden units' maps of the weights on show: the same pass's hidden activations.
    if (s.unitMapsAnn.length) unitMajor(this.annGridHidden, cells, s.sizes[1], s.unitMapsAnn);
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
   * Starts a new grid evaluation with the current weights: its own conversion (the probe's
   * window may be running older ones) and the ANN scores of the same weights at the same cells,
   * the reference of the agreement. The last readout stays on show until this one completes.
   */
  restartRegions(): void {
    const s = this.snapshot;
    this.regionStep = 0;
    this.regionAt = s.weightsVersion;
    this.regionTrainStep = s.trainStep;
    // No spiking twin (sigmoid, tanh) or a refused conversion at the probe's window: the grid
    // waits for the probe's next conversion rather than trying (and failing) every frame.
    const net = !this.converted ? null : this.convertedAt === s.weightsVersion ? this.converted : this.conversion.convert();
    this.regionSnn?.dispose();
    this.regionSnn = net ? new ConvertedEngine(net, this.regionX, SNN_GRID * SNN_GRID, { seed: this.seed }) : null;
    if (this.regionSnn) {
      this.trainer.forward(this.regionX, SNN_GRID * SNN_GRID, this.regionHidden, this.regionScores);
      if (this.regionMaps.length) unitMajor(this.regionHidden, SNN_GRID * SNN_GRID, s.sizes[1], this.regionMaps);
    }
    s.snnGridStep = this.regionSnn ? s.trainStep : -1;
    s.snnGridProgress = 0;
  }

  /**
   * Advances the grid evaluation: until the clock passes `untilMs` (at least REGION_MIN_STEPS
   * steps), or REGION_STEPS_PER_FRAME steps when `untilMs` < 0 (no budget). At T ms it reads out
   * every cell; an idle grid starts again when the weights have changed since its last start.
   */
  regionSteps(untilMs: number): void {
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
    // Each hidden unit's rate over the plane (layer 0 of the engine: the first hidden layer), and
    // how it correlates with the ANN unit of the same weights.
    if (s.unitMapsSnn.length) {
      const h = s.sizes[1];
      rateMaps(snn.counts[0], cells, h, T * BIO_DT_MS, s.unitMapsSnn);
      mapCorrelations(this.regionMaps, s.unitMapsSnn, cells, h, s.unitMapsR);
    }
    s.snnRegionsStep = this.regionTrainStep;
    s.snnRegionsVersion++;
    s.snnGridStep = -1;
    snn.dispose();
    this.regionSnn = null;
    // The ANN plane (refreshed every few frames) is never left older than the spiking one beside it.
    if (s.annRegionsStep < s.snnRegionsStep) this.computeAnnRegions();
    else this.updateAgreementNow();
  }
}
