/**
 * The page's one frame loop, with the lab in a Web Worker. Each animation frame, when no lab
 * call is in flight, the loop asks the worker for one frame: k lab steps when playing (k = speed:
 * k training steps and k ms of biology; the frame's duration is never the simulation's dt), or a
 * paused frame while the lab still has something to catch up (the spiking grid). When the
 * worker's snapshot arrives, the next animation frame draws it: the views' update (the plots
 * paint synchronously inside it) timed as the main thread's JavaScript per frame, then the
 * WebGL render. At most one call is in flight, so a slow lab (1,000 hidden units at speed 100)
 * lowers the lab's frame rate, never the page's: input and painting stay on time, and no
 * snapshot is skipped (each one's `spikedThisFrame` is drawn).
 * The worker times its region grid against a budget per frame (FRAME_BUDGET_MS playing,
 * IDLE_BUDGET_MS paused). A test can stop the loop and call `advance` itself for deterministic
 * frames.
 */
import { Ticker } from 'pixi.js';
import type { LabClient } from '../core/lab/lab-client';
import type { LabSnapshot } from '../core/lab/snapshot';
import type { Stage } from '../view/stage';

/**
 * Worker time the lab may spend on the region grid per playing frame, ms (training, biology,
 * then grid steps until this is used up; at least 8 grid steps). It no longer competes with the
 * views (they run on the main thread), so it is set for the worker's frame rate.
 */
export const FRAME_BUDGET_MS = 4;
/** Paused, nothing else runs: the grid may take this long per frame to catch up, ms. */
export const IDLE_BUDGET_MS = 8;
/** Paused with nothing new from the lab: animation frames per redraw. */
export const PAUSED_REDRAW_EVERY = 6;
/** Drawn frames kept in `Runner.frameLog`. */
export const FRAME_LOG = 1024;

export interface RunnerHooks {
  /** After every drawn frame (counters, overlay, inspector). */
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
  /** Main-thread JavaScript time of the last drawn frame (views' update with the plots' painting), ms, and its running mean. */
  lastFrameMs = 0;
  meanFrameMs = 0;
  /** Worker time of the last lab frame (training, biology, grid), ms, and its running mean. */
  lastLabMs = 0;
  meanLabMs = 0;
  /** Lab frames drawn so far while playing. */
  frames = 0;
  /** WebGL render call of the last drawn frame (Pixi building and sending the draw commands; the raster itself is the GPU's, or SwiftShader's), ms. */
  lastRenderMs = 0;
  /**
   * The last FRAME_LOG drawn frames of the lab (k > 0), for benchmarks: [update ms, render ms]
   * per frame in a ring; `frameLogCount` frames logged so far (the ring holds the last FRAME_LOG).
   */
  readonly frameLog = new Float64Array(2 * FRAME_LOG);
  frameLogCount = 0;
  private readonly ticker = new Ticker();
  /** A lab call is in flight (the loop asks for the next frame only after its answer). */
  private inFlight = false;
  /** A snapshot arrived that is not drawn yet. */
  private fresh = false;
  private freshK = 0;
  private running = false;
  /** Commands running with the loop's requests held (see `exclusive`). */
  private held = 0;
  private readonly tick = (): void => {
    if (!this.inFlight && this.held === 0) {
      const k = this.playing ? this.speed : 0;
      if (k > 0 || this.lab.busy) void this.request(k);
    }
    // Paused, nothing new arrives: the scenes still follow the pointer (hover selects) and let
    // flashes fade, at a sixth of the frame rate; a new snapshot is drawn at the next frame.
    this.ticks++;
    if (this.fresh) this.draw(this.freshK, true);
    else if (!this.playing && (this.ticks % PAUSED_REDRAW_EVERY === 0 || this.stage.selected !== this.drawnSelected)) this.draw(0, true);
  };
  private ticks = 0;
  /** The selected neuron when last drawn. */
  private drawnSelected = -1;

  constructor(
    private readonly lab: LabClient,
    private stage: Stage,
    private readonly hooks: RunnerHooks,
  ) {
    this.ticker.autoStart = false;
  }

  /** The worker's time budgets for the grid (set once the lab is connected). */
  static readonly budget = { frameMs: FRAME_BUDGET_MS, idleMs: IDLE_BUDGET_MS };

  private async request(k: number): Promise<void> {
    this.inFlight = true;
    try {
      await this.lab.frame(k);
      this.fresh = true;
      this.freshK = k;
    } finally {
      this.inFlight = false;
    }
  }

  /** Starts the animation loop. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.ticker.add(this.tick);
    this.ticker.start();
  }

  /** Stops the animation loop (tests advance frames by hand afterwards). */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.ticker.remove(this.tick);
    this.ticker.stop();
  }

  /**
   * Runs a lab command with the loop's frame requests held: the frame in flight is answered first
   * and none is sent until the command ends (an import that pauses training: no training step may
   * slip in between the file's weights and the pause).
   */
  async exclusive<T>(command: () => Promise<T>): Promise<T> {
    this.held++;
    try {
      await this.settle();
      return await command();
    } finally {
      this.held--;
    }
  }

  /** Waits for the lab call in flight, if any (so a hand-advanced frame follows it). */
  async settle(): Promise<void> {
    while (this.inFlight) await new Promise((r) => setTimeout(r, 1));
  }

  /**
   * Draws the latest snapshot: the views' update timed as the main thread's share of the frame
   * (uPlot paints inside it), then the scenes' render for this frame (`Stage.renderFrame`: both,
   * or in turns) unless `render` is false, timed apart.
   */
  draw(k: number, render = true): void {
    this.fresh = false;
    const s = this.lab.snapshot;
    this.drawnSelected = this.stage.selected;
    const t0 = performance.now();
    this.stage.update(s);
    const t1 = performance.now();
    const ms = t1 - t0;
    s.frameMs = ms;
    if (render) this.stage.renderFrame();
    const renderMs = render ? performance.now() - t1 : 0;
    if (k > 0) {
      this.lastFrameMs = ms;
      this.lastRenderMs = renderMs;
      this.meanFrameMs = this.frames === 0 ? ms : 0.95 * this.meanFrameMs + 0.05 * ms;
      this.lastLabMs = this.lab.labMs;
      this.meanLabMs = this.frames === 0 ? this.lab.labMs : 0.95 * this.meanLabMs + 0.05 * this.lab.labMs;
      this.frames++;
      const at = 2 * (this.frameLogCount % FRAME_LOG);
      this.frameLog[at] = ms;
      this.frameLog[at + 1] = renderMs;
      this.frameLogCount++;
    }
    this.hooks.onFrame(s);
    if (s.diverged && this.playing) {
      this.setPlaying(false);
      this.hooks.onDiverged();
    }
  }

  /** One frame by hand: k lab steps in the worker (0: a paused frame), then drawn (rendered unless `render` is false). */
  async advance(k: number, render = true): Promise<void> {
    await this.settle();
    await this.lab.frame(k);
    this.draw(k, render);
  }

  /** One training step and 1 ms of biology; pauses. */
  async step(): Promise<void> {
    this.setPlaying(false);
    await this.settle();
    const s = await this.lab.step();
    const t0 = performance.now();
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
    if (!on) void this.lab.catchUpProbe();
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
