/**
 * The built page in headless Chromium (software WebGL), with the lab in its Web Worker: the main
 * thread's JavaScript per frame (the views' update, the plots painting inside it, measured by
 * the page itself; the WebGL render is reported apart because SwiftShader draws on the CPU) and
 * the worker's time per lab frame (training, biology, grid), for the default scene, a lif-rate
 * network (LIF somas) and a 1,000-neuron hidden layer run in real time (17 ms of biology per
 * 16.7 ms frame; weights frozen, then also training 17 steps per frame); the main thread's heap
 * growth per frame; compressed size of the JavaScript (the entry, the app chunk, the worker);
 * time to the first drawn frame.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { DIST, ensureBuilt, launchChromium, openPage, startPreview } from '../e2e/harness';
import type { Benchmark } from './benchmark';

/** Frames measured per scene, after warm-up frames. */
const WARMUP = 30;
const FRAMES = 200;
/** Frames whose WebGL render is timed (software rendering is slow; it is not the JS budget). */
const RENDERS = 5;

async function frameTimes(page: Page, k: number): Promise<Record<string, number>> {
  // Only plain statements inside evaluate (no named inner functions: the TS loader would inject helpers).
  const r = await page.evaluate(
    async ({ k, warmup, frames, renders }) => {
      const soma = window.soma!;
      soma.runner.stop();
      await soma.runner.settle();
      const js: number[] = [];
      const lab: number[] = [];
      const render: number[] = [];
      const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      for (let i = 0; i < warmup; i++) await soma.runner.advance(k, false);
      const heap0 = mem ? mem.usedJSHeapSize : NaN;
      for (let i = 0; i < frames; i++) {
        await soma.runner.advance(k, false);
        js.push(soma.runner.lastFrameMs);
        lab.push(soma.runner.lastLabMs);
      }
      const heap1 = mem ? mem.usedJSHeapSize : NaN;
      for (let i = 0; i < renders; i++) {
        const t0 = performance.now();
        soma.stage.render();
        render.push(performance.now() - t0);
      }
      return { js, lab, render, heap0, heap1, neurons: soma.lab.snapshot.offsets[3] };
    },
    { k, warmup: WARMUP, frames: FRAMES, renders: RENDERS },
  );
  const q = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(p * a.length))];
  const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  return {
    main_thread_js_ms_mean: +mean(r.js).toFixed(3),
    main_thread_js_ms_median: +q(r.js, 0.5).toFixed(3),
    main_thread_js_ms_p95: +q(r.js, 0.95).toFixed(3),
    worker_lab_ms_mean: +mean(r.lab).toFixed(3),
    worker_lab_ms_p95: +q(r.lab, 0.95).toFixed(3),
    render_ms_median_swiftshader: +q(r.render, 0.5).toFixed(3),
    heap_growth_bytes_per_frame: Math.round((r.heap1 - r.heap0) / FRAMES),
    neurons: r.neurons,
    steps_per_frame: k,
  };
}

export const pageBenchmark: Benchmark = {
  name: 'page',
  summary: 'built page in headless Chromium: main-thread JS ms per frame and worker lab ms per frame (default scene; 1,000 hidden neurons in real time), compressed JS size, time to first frame',
  async run() {
    await ensureBuilt();
    const assets = join(DIST, 'assets');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    let raw = 0, gzip = 0, brotli = 0, entryGzip = 0, appGzip = 0, workerGzip = 0;
    for (const f of js) {
      const bytes = readFileSync(join(assets, f));
      raw += bytes.length;
      const gz = gzipSync(bytes, { level: 9 }).length;
      gzip += gz;
      brotli += brotliCompressSync(bytes).length;
      if (f.startsWith('index-')) entryGzip += gz;
      if (f.startsWith('app-')) appGzip += gz;
      if (f.startsWith('lab-worker-')) workerGzip += gz;
    }
    const { server, url } = await startPreview();
    const browser = await launchChromium(['--enable-precise-memory-info']);
    try {
      const first: number[] = [];
      for (let i = 0; i < 3; i++) {
        const { page } = await openPage(browser, url, { width: 1280, height: 900 });
        first.push(await page.evaluate(() => window.soma!.app.firstFrameMs));
        await page.context().close();
      }
      first.sort((a, b) => a - b);
      const { page } = await openPage(browser, url, { width: 1280, height: 900 });
      const renderer = await page.evaluate(() => window.soma!.rendererNames()[0]);
      const defaultScene = await frameTimes(page, 4);
      await page.context().close();
      // A network trained for spikes (lif-rate): hidden LIF somas on the engine, default speed.
      const lif = await openPage(browser, `${url}?activation=lif-rate`, { width: 1280, height: 900 });
      const lifRateScene = await frameTimes(lif.page, 4);
      await lif.page.context().close();
      // 1 ms of biology per 1 ms of wall time at 60 frames/s: 17 steps per frame, with training
      // frozen (biology and views only) and with 17 training steps per frame on top.
      const bio = await openPage(browser, `${url}?hidden=1000&train=0`, { width: 1280, height: 900 });
      const realTime1000 = await frameTimes(bio.page, 17);
      await bio.page.context().close();
      const both = await openPage(browser, `${url}?hidden=1000`, { width: 1280, height: 900 });
      const realTime1000Training = await frameTimes(both.page, 17);
      await both.page.context().close();
      return {
        renderer,
        default_scene: defaultScene,
        lif_rate_scene: lifRateScene,
        hidden_1000_real_time_biology_only: realTime1000,
        hidden_1000_real_time_with_training: realTime1000Training,
        first_frame_ms_median: +first[1].toFixed(1),
        js_files: js.length,
        js_bytes: raw,
        js_gzip_bytes: gzip,
        js_brotli_bytes: brotli,
        entry_chunk_gzip_bytes: entryGzip,
        app_chunk_gzip_bytes: appGzip,
        worker_gzip_bytes: workerGzip,
      };
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
