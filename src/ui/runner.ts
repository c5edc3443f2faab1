/**
 * The page's one frame loop. Each animation frame: k lab steps when playing (k = speed: k
 * training steps and k ms of biology; the frame's duration is never the simulation's dt), then
 * the views' update, both timed together as the frame's JavaScript time, then the WebGL render.
 * Paused frames let the lab catch up (`lab.idle()`: the spiking grid evaluates the current
 * weights). The lab's region grid gets a time budget per frame (FRAME_BUDGET_MS playing,
 * IDLE_BUDGET_MS paused), so it refreshes as fast as the frame allows.
 * A test can stop the loop and call `advance` itself for deterministic frames.
 */
import { Ticker } from 'pixi.js';
import type { Lab } from '../core/lab/lab';
import type { LabSnapshot } from '../core/lab/snapshot';
import type { Stage } from '../view/stage';

/**
 * JavaScript time the lab may spend per playing frame, ms (training, biology, then region-grid
 * steps until this is used up; at least 8 grid steps). With the views' update this keeps the
 * default scene near the issue's aim of 4 ms per frame.
 */
export const FRAME_BUDGET_MS = 2.5;
/** Paused, nothing else runs: the grid may take this long per frame to catch up, ms. */
export const IDLE_BUDGET_MS = 8;

export interface RunnerHooks {
  /** After every frame (counters, overlay). */
  onFrame(s: LabSnapshot): void;
  /** Play state changed (button text). */
  onPlayState(playing: boolean): void;
  /** Training diverged: the runner has paused. */
  onDiverged(): void;
}

export class Runner {
  playing = false;
  /** Training steps and ms of biology per frame. */
  speed = 1;
  /** JavaScript time of the last frame (lab + view update), ms, and its running mean. */
  lastFrameMs = 0;
  meanFrameMs = 0;
  /** Frames advanced so far. */
  frames = 0;
  private readonly ticker = new Ticker();
  private readonly tick = (): void => this.advance(this.playing ? this.speed : 0);

  constructor(
    private readonly lab: Lab,
    private stage: Stage,
    private readonly hooks: RunnerHooks,
  ) {
    this.ticker.autoStart = false;
    lab.budget = { now: () => performance.now(), frameMs: FRAME_BUDGET_MS, idleMs: IDLE_BUDGET_MS };
  }

  /** Starts the animation loop. */
  start(): void {
    this.ticker.add(this.tick);
    this.ticker.start();
  }

  /** Stops the animation loop (tests advance frames by hand afterwards). */
  stop(): void {
    this.ticker.remove(this.tick);
    this.ticker.stop();
  }

  /** One frame: k lab steps (0 = just redraw), view update, timing, then the render unless `render` is false. */
  advance(k: number, render = true): void {
    const t0 = performance.now();
    let s = this.lab.snapshot;
    if (k > 0) s = this.lab.frame(k);
    else this.lab.idle();
    this.stage.update(s);
    const ms = performance.now() - t0;
    s.frameMs = ms;
    if (k > 0) {
      this.lastFrameMs = ms;
      this.meanFrameMs = this.frames === 0 ? ms : 0.95 * this.meanFrameMs + 0.05 * ms;
      this.frames++;
    }
    if (render) this.stage.render();
    this.hooks.onFrame(s);
    if (s.diverged && this.playing) {
      this.setPlaying(false);
      this.hooks.onDiverged();
    }
  }

  /** One training step and 1 ms of biology; pauses. */
  step(): void {
    this.setPlaying(false);
    const t0 = performance.now();
    const s = this.lab.step();
    this.stage.update(s);
    this.stage.updateSlow(s);
    this.lastFrameMs = performance.now() - t0;
    s.frameMs = this.lastFrameMs;
    this.stage.render();
    this.hooks.onFrame(s);
    if (s.diverged) this.hooks.onDiverged();
  }

  setPlaying(on: boolean): void {
    if (on && this.lab.snapshot.diverged) {
      this.hooks.onDiverged();
      return;
    }
    if (on === this.playing) return;
    this.playing = on;
    // Paused: the probe network takes the current weights now (the grid follows in idle frames).
    if (!on) this.lab.catchUpProbe();
    this.hooks.onPlayState(on);
  }

  toggle(): void {
    this.setPlaying(!this.playing);
  }

  /** The stage after a rebuild. */
  setStage(stage: Stage): void {
    this.stage = stage;
  }

  destroy(): void {
    this.stop();
    this.ticker.destroy();
  }
}
