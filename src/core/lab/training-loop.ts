/**
 * The artificial side's part of a frame: k minibatch steps through `TrainerPort` (k = the speed;
 * never the frame's duration), the new weights and their change copied into the snapshot with the
 * probe's activations under them, and the full-batch curves and the ANN plane refreshed on
 * alternate frames of a cycle of SCORE_EVERY_FRAMES, to spread the work.
 */
import type { LabState } from './lab-state';
import type { RegionEvaluator } from './region-evaluator';
import type { ScoreHistory } from './score-history';

/** Frames between full-batch train/test evaluations (loss curves) and ANN region refreshes. */
const SCORE_EVERY_FRAMES = 6;

export class TrainingLoop {
  /** Frames stepped since the last reset (divergence stops the count). */
  private frames = 0;
  private prevW1 = new Float64Array(0);
  private prevW2 = new Float64Array(0);
  private probeHidden = new Float64Array(0);
  private probeScores = new Float64Array(0);

  constructor(
    private readonly lab: LabState,
    private readonly history: ScoreHistory,
    private readonly regions: RegionEvaluator,
  ) {}

  private get snapshot() {
    return this.lab.snapshot;
  }
  private get settings() {
    return this.lab.settings;
  }
  private get trainer() {
    return this.lab.trainer;
  }

  /** Buffers for the network's shape (after a reset); the frame count starts again. */
  resize(): void {
    const [d, h, k] = this.trainer.sizes;
    this.prevW1 = new Float64Array(d * h);
    this.prevW2 = new Float64Array(h * k);
    this.probeHidden = new Float64Array(h);
    this.probeScores = new Float64Array(k);
    this.frames = 0;
  }

  /**
   * The training part of one frame: `k` steps when training is on, then the weights, and every
   * few frames the curves or the ANN plane. Returns false when the loss diverged (the snapshot
   * says so and the frame stops there).
   */
  frame(k: number): boolean {
    const s = this.snapshot;
    this.frames++;
    // No points (noData): nothing to train on; the frame goes on (biology, idle grid) without a step.
    if (this.settings.train && !this.lab.noData) {
      const loss = this.trainer.step(k);
      s.batchLoss = loss;
      s.trainStep = this.trainer.stepCount;
      if (!Number.isFinite(loss)) {
        s.diverged = true;
        return false;
      }
      this.readWeights(true);
      // The full-batch scores and the ANN grid on different frames, to spread the work.
      const phase = this.frames % SCORE_EVERY_FRAMES;
      if (phase === 0) this.history.recordScores();
      else if (phase === SCORE_EVERY_FRAMES >> 1) this.regions.computeAnnRegions();
    }
    return true;
  }

  /** Copies the trainer's weights into the snapshot; with `delta`, also the change since last time. */
  readWeights(delta: boolean): void {
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

  /** The ANN's values for the probe input under the current weights, into `snapshot.activation`. */
  computeProbeActivation(): void {
    const s = this.snapshot;
    const [d, h] = s.sizes;
    this.trainer.forward(s.probe, 1, this.probeHidden, this.probeScores);
    s.activation[0] = s.probe[0];
    s.activation[1] = s.probe[1];
    for (let j = 0; j < h; j++) s.activation[d + j] = this.probeHidden[j];
    for (let j = 0; j < this.probeScores.length; j++) s.activation[d + h + j] = this.probeScores[j];
  }
}
