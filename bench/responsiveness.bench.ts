/**
 * How the built page answers while it plays a heavy scene (the "lab off the main thread" aim:
 * with 1,000 hidden units at speed 100, a click answered within 100 ms and a frame painted at
 * least every 100 ms). In headless Chromium with the page's own frame loop running:
 * - click to the next painted frame: real mouse clicks on the ANN plane (moving the probe),
 *   read from the browser's Event Timing entries (`duration` runs from the click's hardware
 *   timestamp to the next paint after its handlers, in 8 ms steps), the worst of pointerdown,
 *   pointerup and click per interaction;
 * - gaps between painted frames: the largest interval between consecutive animation frames;
 * - the longest main-thread task (Long Tasks API, tasks over 50 ms);
 * - the main thread's JavaScript per drawn frame (the views' update with the plots' painting,
 *   the page's own meter) and the worker's time per lab frame, as running means, and how many lab
 *   frames were drawn (the lab runs in a Web Worker: its frames may be fewer than painted ones).
 * Software WebGL and a shared machine make the figures noisy: compare scenes within one run.
 */
import type { Page } from 'playwright-core';
import { ensureBuilt, launchChromium, openPage, startPreview } from '../e2e/harness';
import type { Benchmark } from './benchmark';

/** Playing time before the first click, and between clicks, ms. */
const WARMUP_MS = 3000;
const CLICK_GAP_MS = 1500;
/** Clicks measured per scene. */
const CLICKS = 6;

async function measure(page: Page): Promise<Record<string, unknown>> {
  const box = await page.evaluate(() => {
    const r = document.querySelector('canvas[aria-label^="ANN decision regions"]')!.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  });
  // Plain JavaScript, so no helper the TS loader injects reaches the page (evaluated through the
  // DevTools protocol: the page's Content-Security-Policy refuses inline script tags).
  await page.evaluate(
    `(() => {
      window.__resp = { frames: [], tasks: [], events: [] };
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__resp.tasks.push(e.duration); }).observe({ type: 'longtask' });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__resp.events.push({ name: e.name, start: e.startTime, duration: e.duration });
      }).observe({ type: 'event', durationThreshold: 16 });
      window.__respTick = (t) => { window.__resp.frames.push(t); requestAnimationFrame(window.__respTick); };
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
  const r = await page.evaluate(() => {
    const w = window as unknown as { __resp: { frames: number[]; tasks: number[]; events: { name: string; start: number; duration: number }[] } };
    (document.getElementById('play') as HTMLButtonElement).click();
    const runner = window.soma!.runner;
    return {
      ...w.__resp, playing: w.__resp.frames.length, neurons: window.soma!.lab.snapshot.offsets[3], trainStep: window.soma!.lab.snapshot.trainStep,
      mainMs: runner.meanFrameMs, labMs: runner.meanLabMs, labFrames: runner.frames,
    };
  });
  // Each click: the worst Event Timing entry of its pointer events (those starting after the click was sent).
  const clicks = clickStarts.map((t0, i) => {
    const t1 = i + 1 < clickStarts.length ? clickStarts[i + 1] : Infinity;
    const mine = r.events.filter((e) => ['pointerdown', 'pointerup', 'click', 'mousedown', 'mouseup'].includes(e.name) && e.start >= t0 && e.start < t1);
    return mine.length ? Math.max(...mine.map((e) => e.duration)) : NaN;
  });
  let gap = 0;
  for (let i = 1; i < r.frames.length; i++) gap = Math.max(gap, r.frames[i] - r.frames[i - 1]);
  // A click whose next paint came after the run stopped measuring has no entry (null below).
  const painted = clicks.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return {
    neurons: r.neurons,
    training_steps_done: r.trainStep,
    click_to_paint_ms: clicks.map((x) => (Number.isFinite(x) ? Math.round(x) : null)),
    click_to_paint_ms_median: painted.length ? painted[Math.floor(painted.length / 2)] : null,
    click_to_paint_ms_max: painted.length ? painted[painted.length - 1] : null,
    clicks_not_painted_while_measured: clicks.length - painted.length,
    painted_frames: r.frames.length,
    max_gap_between_frames_ms: Math.round(gap),
    long_tasks: r.tasks.length,
    longest_task_ms: Math.round(Math.max(0, ...r.tasks)),
    main_thread_js_ms_per_frame_mean: typeof r.mainMs === 'number' ? +r.mainMs.toFixed(2) : null,
    worker_lab_ms_per_frame_mean: typeof r.labMs === 'number' ? +r.labMs.toFixed(2) : null,
    lab_frames_drawn: r.labFrames,
  };
}

export const responsivenessBenchmark: Benchmark = {
  name: 'responsiveness',
  summary: 'built page playing in headless Chromium: click to next painted frame, largest gap between frames, longest main-thread task (default scene; 1,000 hidden units at speed 100)',
  async run() {
    await ensureBuilt();
    const { server, url } = await startPreview();
    const browser = await launchChromium();
    try {
      const scenes: Record<string, string> = { default_scene: '', hidden_1000_speed_100: '?hidden=1000&speed=100' };
      const out: Record<string, unknown> = {};
      for (const [name, query] of Object.entries(scenes)) {
        const { page } = await openPage(browser, url + query, { width: 1280, height: 900 });
        out[name] = await measure(page);
        await page.context().close();
      }
      return out;
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
