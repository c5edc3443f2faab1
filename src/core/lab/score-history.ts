/**
 * The loss and accuracy curves: full-batch scores of the current weights on both splits,
 * appended to the snapshot's history, which is decimated (every other point kept) when full.
 */
import type { LabState } from './lab-state';
import { HISTORY_CAPACITY } from './snapshot';

export class ScoreHistory {
  constructor(private readonly lab: LabState) {}

  private get snapshot() {
    return this.lab.snapshot;
  }
  private get trainer() {
    return this.lab.trainer;
  }
  private get test() {
    return this.lab.test;
  }

  /** Full-batch loss and accuracy on both splits, appended to the history (decimated when full). */
  recordScores(): void {
    if (this.lab.noData) return; // no points: no curve (a loss over zero rows is 0/0)
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

  /** Whether the newest point of the curves is of the current training step. */
  get current(): boolean {
    const s = this.snapshot;
    return s.historyLength > 0 && s.historyStep[s.historyLength - 1] === s.trainStep;
  }
}
