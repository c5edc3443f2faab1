/**
 * Soak: does anything grow without bound over a long run?
 *
 * - The page: the built page plays for SOMA_SOAK_MINUTES minutes (default 10) in headless
 *   Chromium, at the default settings and with 1,000 hidden units: frames stepped by hand as fast
 *   as they run (`soma.advance`: training, biology, views and the software WebGL render of each
 *   frame), so every run does the same frames in the same order.
 *   Each minute the JavaScript heap is measured after a full garbage collection (Chrome DevTools
 *   Protocol: HeapProfiler.collectGarbage, then Runtime.getHeapUsage).
 * - The engine: CUBA (4,000 neurons, dt 0.1 ms) runs SOMA_SOAK_CUBA_S seconds of biological time
 *   (default 600) in this process, its spike monitors read and cleared every second of biology;
 *   the heap after a full collection (and the ArrayBuffer memory beside it) is sampled ten times.
 *
 * Pass: the heap after GC grows by less than 2 MB from the end of the first minute (page) or the
 * first sample (engine) to the end; the first minute fills caches, traces and JIT code once.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Page } from 'playwright-core';
import { buildCuba } from '../src/core/bio/cuba';
import { ensureBuilt, launchChromium, openPage, startPreview } from '../e2e/harness';
import type { Benchmark } from './benchmark';

/** Largest growth of the heap after GC that passes, MB. */
export const SOAK_GROWTH_LIMIT_MB = 2;

const MB = 1024 * 1024;
const round = (x: number, digits = 3) => +x.toFixed(digits);

/** A positive number from the environment, or `fallback`. */
function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  const x = Number(raw);
  if (!(x > 0) || !Number.isFinite(x)) throw new Error(`${name} = ${JSON.stringify(raw)} is not allowed: expected a number > 0`);
  return x;
}

/** Growth of a series of heap samples (MB): from sample `from` to the last, and from the first. */
function growth(samplesMb: number[], from: number): { growth_mb: number; growth_from_start_mb: number; pass: boolean } {
  const base = samplesMb[Math.min(from, samplesMb.length - 1)];
  const g = samplesMb[samplesMb.length - 1] - base;
  return { growth_mb: round(g), growth_from_start_mb: round(samplesMb[samplesMb.length - 1] - samplesMb[0]), pass: g < SOAK_GROWTH_LIMIT_MB };
}

/** Plays one page for `minutes`, sampling the heap after GC at the start and after each minute. */
async function soakPage(page: Page, minutes: number): Promise<Record<string, unknown>> {
  const cdp = await page.context().newCDPSession(page);
  const heapAfterGc = async (): Promise<number> => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / MB;
  };
  const frames = () => page.evaluate(() => window.soma!.runner.frames);
  // Playing, with the frames stepped by hand (soma.advance: the loop stopped, k = speed steps per
  // frame, each frame updated and rendered) as fast as they run, five frames per call.
  await page.evaluate(() => { window.soma!.runner.setPlaying(true); window.soma!.runner.stop(); });
  const heap = [await heapAfterGc()];
  const framesAt = [await frames()];
  const t0 = Date.now();
  for (let m = 1; m <= Math.ceil(minutes); m++) {
    const due = t0 + Math.min(m, minutes) * 60_000;
    while (Date.now() < due) await page.evaluate(() => window.soma!.advance(5));
    framesAt.push(await frames());
    heap.push(await heapAfterGc());
  }
  const state = await page.evaluate(() => ({ playing: window.soma!.runner.playing, diverged: window.soma!.lab.snapshot.diverged, neurons: window.soma!.lab.snapshot.offsets[3] }));
  await cdp.detach();
  const run = framesAt[framesAt.length - 1] - framesAt[0];
  return {
    minutes, neurons: state.neurons, frames_run: run, frames_per_s: round(run / (minutes * 60), 1), frames_at_samples: framesAt,
    heap_after_gc_mb: heap.map((h) => round(h)), ...growth(heap, heap.length > 2 ? 1 : 0), still_playing: state.playing, diverged: state.diverged,
  };
}

/** The heap after a full collection (MB), and the ArrayBuffer memory beside it (WebAssembly and typed arrays). */
function nodeHeap(gc: () => void): { heap: number; buffers: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / MB, buffers: m.arrayBuffers / MB };
}

/** CUBA for `seconds` of biological time, the heap after GC sampled ten times. */
function soakCuba(seconds: number): Record<string, unknown> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const neurons = 4000, dtMs = 0.1;
  const t0 = performance.now();
  const { network, monitors } = buildCuba({ neurons, durationMs: seconds * 1000, dtMs, seed: 1 });
  const heap: number[] = [], buffers: number[] = [], atS: number[] = [];
  const every = Math.max(1, Math.round(seconds / 10));
  let spikes = 0;
  for (let s = 1; s <= seconds; s++) {
    network.run(1000);
    for (const m of monitors) { spikes += m.count; m.reset(); }
    if (s % every === 0 || s === seconds) {
      const h = nodeHeap(gc);
      heap.push(h.heap); buffers.push(h.buffers); atS.push(s);
    }
  }
  network.dispose();
  const wall = (performance.now() - t0) / 1000;
  const g = growth(heap, 0);
  const buffersGrowth = buffers[buffers.length - 1] - buffers[0];
  return {
    neurons, dt_ms: dtMs, biological_s: seconds, wall_s: round(wall, 1), spikes, rate_hz: round(spikes / (neurons * seconds), 3),
    sampled_at_s: atS, heap_after_gc_mb: heap.map((h) => round(h)), array_buffers_mb: buffers.map((b) => round(b)),
    ...g, array_buffers_growth_mb: round(buffersGrowth), pass: g.pass && buffersGrowth < SOAK_GROWTH_LIMIT_MB,
  };
}

export const soakBenchmark: Benchmark = {
  name: 'soak',
  onlyWhenNamed: true,
  summary: 'heap after GC over SOMA_SOAK_MINUTES (default 10) minutes of play (default scene, 1,000 hidden units) and over SOMA_SOAK_CUBA_S (600) s of CUBA; growth under 2 MB',
  async run() {
    const minutes = envNumber('SOMA_SOAK_MINUTES', 10);
    const cubaSeconds = Math.round(envNumber('SOMA_SOAK_CUBA_S', 600));
    const cuba = soakCuba(cubaSeconds);
    await ensureBuilt();
    const { server, url } = await startPreview();
    const browser = await launchChromium();
    const scenes: Record<string, unknown> = {};
    try {
      for (const [name, query] of [['default_scene', ''], ['hidden_1000', '?hidden=1000']] as const) {
        const { page, errors } = await openPage(browser, `${url}${query}`, { width: 1280, height: 900 });
        scenes[name] = { ...(await soakPage(page, minutes)), page_errors: errors.pageErrors.length + errors.consoleErrors.length };
        await page.context().close();
      }
    } finally {
      await browser.close();
      await server.close();
    }
    const pass = cuba.pass === true && Object.values(scenes).every((s) => (s as { pass: boolean }).pass);
    return { growth_limit_mb: SOAK_GROWTH_LIMIT_MB, pass, ...scenes, cuba };
  },
};
