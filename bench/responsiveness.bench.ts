/**
 * How the built page answers while it plays a heavy scene (the "lab off the main thread" aim:
 * with 1,000 hidden units at speed 100, a click answered within 100 ms and a frame painted at
 * least every 100 ms; and the page aims: no main-thread task over 50 ms). In headless Chromium
 * with the page's own frame loop running:
 * - click to the next painted frame: real mouse clicks on the ANN plane (moving the probe),
 *   read from the browser's Event Timing entries (`duration` runs from the click's hardware
 *   timestamp to the next paint after its handlers, in 8 ms steps), the worst of pointerdown,
 *   pointerup and click per interaction;
 * - gaps between painted frames (intervals between consecutive animation frames): median, p95, max;
 * - main-thread tasks over 50 ms (Long Tasks API): how many per second, and the longest;
 * - the main thread's JavaScript per drawn lab frame, sampled each animation frame from the page's
 *   runner: the views' update with the plots' painting, and with the WebGL render call added
 *   (`lastRenderMs`; builds before it have only the update), mean and p95;
 * - the worker's time per lab frame, and how many lab frames were drawn (the lab runs in a Web
 *   Worker: its frames may be fewer than painted ones); the loss plot's and the planes' refreshes
 *   while playing (they must keep updating).
 * With SOMA_BENCH_BASELINE (page-builds.ts) the same scenes run on a second build in alternating
 * rounds and the output adds current / baseline ratios. Software WebGL and a shared machine make
 * the figures noisy: compare builds and scenes within one run.
 */
import { relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage } from '../e2e/harness';
import type { Benchmark } from './benchmark';
import { mean, quantile, ratios, round, servedBuilds, type ServedBuild } from './page-builds';

/** Playing time before the first click, and between clicks, ms. */
const WARMUP_MS = 3000;
const CLICK_GAP_MS = 1500;
/** Clicks measured per scene and round. */
const CLICKS = 6;
/** Rounds per scene and build (SOMA_BENCH_ROUNDS). */
const ROUNDS = Math.max(1, Number(process.env.SOMA_BENCH_ROUNDS ?? 2) | 0);

/** What one round of one scene gives (raw, pooled over rounds afterwards). */
interface Raw {
  clicks: number[];
  gaps: number[];
  tasks: number[];
  seconds: number;
  update: number[];
  total: number[];
  lab: number[];
  labFrames: number;
  lossRefreshes: number;
  planeRefreshes: number;
  neurons: number;
  trainStep: number;
  software: boolean | null;
}

async function measure(page: Page): Promise<Raw> {
  const box = await page.evaluate(() => {
    const r = document.querySelector('canvas[aria-label^="ANN decision regions"]')!.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  });
  // Plain JavaScript, so no helper the TS loader injects reaches the page (evaluated through the
  // DevTools protocol: the page's Content-Security-Policy refuses inline script tags). Each
  // animation frame samples the runner: a new lab frame drawn since the last sample adds its
  // update (and render) time; the history's length and the planes' step count the refreshes.
  await page.evaluate(
    `(() => {
      const runner = window.soma.runner;
      const stage = window.soma.stage;
      const R = window.__resp = { frames: [], tasks: [], events: [], update: [], total: [], lab: [], lossSeen: -1, loss: 0, planeSeen: -1, planes: 0, t0: performance.now() };
      let drawn = runner.frames;
      new PerformanceObserver((list) => { for (const e of list.getEntries()) R.tasks.push(e.duration); }).observe({ type: 'longtask' });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) R.events.push({ name: e.name, start: e.startTime, duration: e.duration });
      }).observe({ type: 'event', durationThreshold: 16 });
      window.__respTick = (t) => {
        R.frames.push(t);
        if (runner.frames !== drawn) {
          drawn = runner.frames;
          R.update.push(runner.lastFrameMs);
          R.total.push(runner.lastFrameMs + (typeof runner.lastRenderMs === 'number' ? runner.lastRenderMs : 0));
          R.lab.push(runner.lastLabMs);
        }
        const s = window.soma.lab.snapshot;
        if (s.historyLength !== R.lossSeen) { if (R.lossSeen >= 0) R.loss++; R.lossSeen = s.historyLength; }
        const p = stage.planesShown.annStep;
        if (p !== R.planeSeen) { if (R.planeSeen >= 0) R.planes++; R.planeSeen = p; }
        requestAnimationFrame(window.__respTick);
      };
      requestAnimationFrame(window.__respTick);
      document.getElementById('play').click();
    })()`,
  );
  await page.waitForTimeout(WARMUP_MS);
  const clickStarts: number[] = [];
  for (let i = 0; i < CLICKS; i++) {
    clickStarts.push(await page.evaluate(() => performance.now()));
    const f = (i + 1) / (CLICKS + 1);
    await page.mouse.click(box.x + box.width * f, box.y + box.height * (1 - f));
    await page.waitForTimeout(CLICK_GAP_MS);
  }
  const r = await page.evaluate(`(() => {
    const R = window.__resp;
    document.getElementById('play').click();
    const s = window.soma.lab.snapshot;
    const mode = window.soma.stage.mode;
    return { ...R, seconds: (performance.now() - R.t0) / 1000, neurons: s.offsets[3], trainStep: s.trainStep, labFrames: window.soma.runner.frames, software: mode ? mode.software : null };
  })()`) as { frames: number[]; tasks: number[]; events: { name: string; start: number; duration: number }[]; update: number[]; total: number[]; lab: number[]; loss: number; planes: number; seconds: number; neurons: number; trainStep: number; labFrames: number; software: boolean | null };
  // Each click: the worst Event Timing entry of its pointer events (those starting after the click was sent).
  const clicks = clickStarts.map((t0, i) => {
    const t1 = i + 1 < clickStarts.length ? clickStarts[i + 1] : Infinity;
    const mine = r.events.filter((e) => ['pointerdown', 'pointerup', 'click', 'mousedown', 'mouseup'].includes(e.name) && e.start >= t0 && e.start < t1);
    return mine.length ? Math.max(...mine.map((e) => e.duration)) : NaN;
  });
  const gaps: number[] = [];
  for (let i = 1; i < r.frames.length; i++) gaps.push(r.frames[i] - r.frames[i - 1]);
  return {
    clicks, gaps, tasks: r.tasks, seconds: r.seconds, update: r.update, total: r.total, lab: r.lab, labFrames: r.labFrames,
    lossRefreshes: r.loss, planeRefreshes: r.planes, neurons: r.neurons, trainStep: r.trainStep, software: r.software,
  };
}

/** The figures of one scene on one build, pooled over its rounds. */
function summarise(runs: Raw[]): Record<string, unknown> {
  const all = <K extends keyof Raw>(k: K): number[] => runs.flatMap((r) => r[k] as number[]);
  const sum = (k: keyof Raw): number => runs.reduce((a, r) => a + (r[k] as number), 0);
  const clicks = all('clicks');
  const painted = clicks.filter((x) => Number.isFinite(x));
  const tasks = all('tasks');
  const seconds = sum('seconds');
  return {
    neurons: runs[0].neurons,
    software_webgl: runs[0].software,
    rounds: runs.length,
    training_steps_done_per_round: Math.round(sum('trainStep') / runs.length),
    click_to_paint_ms: clicks.map((x) => (Number.isFinite(x) ? Math.round(x) : null)),
    click_to_paint_ms_median: quantile(painted, 0.5),
    click_to_paint_ms_max: quantile(painted, 1),
    // A click whose next paint came after the run stopped measuring has no entry.
    clicks_not_painted_while_measured: clicks.length - painted.length,
    painted_frames_per_s: round(all('gaps').length / seconds, 1),
    frame_gap_ms_median: round(quantile(all('gaps'), 0.5), 1),
    frame_gap_ms_p95: round(quantile(all('gaps'), 0.95), 1),
    frame_gap_ms_max: round(quantile(all('gaps'), 1), 0),
    long_tasks_per_s: round(tasks.length / seconds, 2),
    longest_task_ms: round(quantile(tasks, 1) ?? 0, 0),
    main_thread_js_ms_per_frame_mean: round(mean(all('update')), 2),
    main_thread_js_ms_per_frame_p95: round(quantile(all('update'), 0.95), 2),
    main_thread_js_with_render_ms_per_frame_mean: round(mean(all('total')), 2),
    main_thread_js_with_render_ms_per_frame_p95: round(quantile(all('total'), 0.95), 2),
    worker_lab_ms_per_frame_mean: round(mean(all('lab')), 1),
    lab_frames_drawn_per_s: round(sum('labFrames') / seconds, 1),
    loss_plot_refreshes_per_s: round(sum('lossRefreshes') / seconds, 2),
    plane_refreshes_per_s: round(sum('planeRefreshes') / seconds, 2),
  };
}

async function round1(browser: Browser, build: ServedBuild, query: string): Promise<Raw> {
  const { page } = await openPage(browser, build.url + query, { width: 1280, height: 900 });
  try {
    return await measure(page);
  } finally {
    await page.context().close();
  }
}

export const responsivenessBenchmark: Benchmark = {
  name: 'responsiveness',
  summary: 'built page playing in headless Chromium: click to next painted frame, frame gaps, long tasks, main-thread JS per frame (default scene; 1,000 hidden units at speed 100); SOMA_BENCH_BASELINE=dir compares with another build',
  async run() {
    const { builds, close } = await servedBuilds();
    const browser = await launchChromium();
    try {
      const scenes: Record<string, string> = { default_scene: '', hidden_1000_speed_100: '?hidden=1000&speed=100' };
      const out: Record<string, unknown> = {};
      for (const [name, query] of Object.entries(scenes)) {
        const runs = new Map<string, Raw[]>(builds.map((b) => [b.name, []]));
        // Alternating rounds: current, baseline, current, baseline, ...
        for (let r = 0; r < ROUNDS; r++) for (const b of builds) runs.get(b.name)!.push(await round1(browser, b, query));
        const current = summarise(runs.get('current')!);
        if (builds.length === 1) out[name] = current;
        else {
          const baseline = summarise(runs.get('baseline')!);
          out[name] = { current, baseline, current_over_baseline: ratios(current, baseline) };
        }
      }
      if (builds.length > 1) out.baseline_build = relative(process.cwd(), builds[1].dir);
      return out;
    } finally {
      await browser.close();
      await close();
    }
  },
};
