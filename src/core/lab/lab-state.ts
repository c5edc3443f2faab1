/**
 * What the lab's parts share: the settings in force, the seed of the run, the data as split, the
 * trainer, the snapshot they all write and the page's time budget. The `Lab` owns it and
 * replaces the data, the trainer and the snapshot on every reset; the parts read it at each
 * call and never keep the snapshot, since a reset reallocates it.
 */
import type { Dataset } from '../data/index';
import type { TrainerPort } from './ports';
import type { Settings } from './settings';
import type { LabSnapshot } from './snapshot';

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

export class LabState {
  /** The data as split: the training set trains, the test set only scores. */
  train!: Dataset;
  test!: Dataset;
  /** The adapter over the backprop core, built anew on every reset. */
  trainer!: TrainerPort;
  /** Seed of the run (the settings' seed at the last reset): the spiking side's Poisson inputs derive from it. */
  seed = 1;
  /** The page's time budget for the grid (null: fixed steps per frame). */
  budget: RegionBudget | null = null;

  /**
   * No training points (custom data after "Clear points"): nothing trains, scores or converts,
   * both planes are blank and the page asks for points. The trainer then holds the seed's
   * initial weights over a placeholder row it never sees (page-data.ts, placeholderRow).
   */
  get noData(): boolean {
    return this.train.n === 0;
  }

  /**
   * @param settings the settings in force (the lab replaces the object, never edits it)
   * @param snapshot the snapshot the views read (replaced only when the network's shape changes)
   */
  constructor(
    public settings: Settings,
    public snapshot: LabSnapshot,
  ) {}
}
