/**
 * The handle the page exposes on `window.soma` for the browser tests and the benchmarks: the app,
 * the lab's client, the runner and the stage, and a way to advance frames by hand.
 */
import type { LabClient } from '../core/lab/lab-client';
import type { Stage } from '../view/stage';
import type { App } from './app';
import type { Runner } from './runner';

/** What tests and the benchmark reach through `window.soma`. */
export interface SomaHandle {
  app: App;
  /** The lab's client: `lab.snapshot` is the latest snapshot received from the worker; commands are async. */
  lab: LabClient;
  runner: Runner;
  stage: Stage;
  /** Advances `n` frames by hand, each k = speed steps in the worker, each drawn (the loop is stopped first). */
  advance(n: number, k?: number): Promise<void>;
  rendererNames(): string[];
}

/** The handle of a started app. */
export function somaHandle(app: App): SomaHandle {
  return {
    app,
    lab: app.lab,
    runner: app.runner,
    stage: app.stage,
    advance: async (n: number, k = app.runner.speed) => {
      app.runner.stop();
      for (let i = 0; i < n; i++) await app.runner.advance(k);
    },
    rendererNames: () => app.stage.rendererNames(),
  };
}
