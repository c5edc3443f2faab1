/**
 * The built page in headless Chromium (software WebGL), with the lab in its Web Worker: the main
 * thread's JavaScript per frame (the views' update, the plots painting inside it, measured by
 * the page itself; the WebGL render is reported apart because SwiftShader draws on the CPU) and
 * the worker's time per lab frame (training, biology, grid), for the default scene, a lif-rate
 * network (LIF somas) and a 1,000-neuron hidden layer run in real time (17 ms of biology per
 * 16.7 ms frame; weights frozen, then also training 17 steps per frame); the main thread's heap
 * growth per frame; compressed size of the JavaScript (the entry, the app chunk, the worker);
 * time to the first drawn frame. Main-thread JavaScript is the views' update (plots painting inside
 * it) and, apart and added, the scenes' WebGL render call of that frame (`renderFrame`: both scenes,
 * or one in turn where WebGL runs in software). With SOMA_BENCH_BASELINE (page-builds.ts) every
 * scene also runs on a second build, right after the current one, and the output adds current /
 * baseline ratios.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage } from '../e2e/harness';
import type { Benchmark } from './benchmark';
import { mean, quantile, round, ratios, servedBuilds, type ServedBuild } from './page-builds';

/** Frames measured per scene, after warm-up frames. */
const WARMUP = 30;
const FRAMES = 200;
/** Frames whose WebGL render is timed (software rendering is slow; it is not the JS budget). */
const RENDERS = 5;

async function frameTimes(page: Page, k: number): Promise<Record<string, number>> {
  // Plain JavaScript inside evaluate (no helper the TS loader injects). Each frame: the lab's k
  // steps in the worker, the views' update (timed by the runner: the plots paint inside it),
  // then the scenes' WebGL render call for that frame timed here (`renderFrame` where the scenes
  // take turns, `render` in builds before it).
  const r = (await page.evaluate(`(async () => {
      const { k, warmup, frames, renders } = ${JSON.stringify({ k, warmup: WARMUP, frames: FRAMES, renders: RENDERS })};
      const soma = window.soma;
      soma.runner.stop();
      await soma.runner.settle();
      const stage = soma.stage;
      const renderFrame = stage.renderFrame ? () => stage.renderFrame() : () => stage.render();
      const js = [], lab = [], call = [], render = [];
      const mem = performance.memory;
      for (let i = 0; i < warmup; i++) { await soma.runner.advance(k, false); renderFrame(); }
      const heap0 = mem ? mem.usedJSHeapSize : NaN;
      for (let i = 0; i < frames; i++) {
        await soma.runner.advance(k, false);
        js.push(soma.runner.lastFrameMs);
        lab.push(soma.runner.lastLabMs);
        const t0 = performance.now();
        renderFrame();
        call.push(performance.now() - t0);
      }
      const heap1 = mem ? mem.usedJSHeapSize : NaN;
      for (let i = 0; i < renders; i++) {
        const t0 = performance.now();
        stage.render();
        render.push(performance.now() - t0);
      }
      return { js, lab, call, render, heap0, heap1, neurons: soma.lab.snapshot.offsets[3] };
    })()`)) as { js: number[]; lab: number[]; call: number[]; render: number[]; heap0: number; heap1: number; neurons: number };
  const total = r.js.map((x, i) => x + r.call[i]);
  const f = (x: number | null, d = 3) => round(x, d) as number;
  return {
    main_thread_js_ms_mean: f(mean(r.js)),
    main_thread_js_ms_median: f(quantile(r.js, 0.5)),
    main_thread_js_ms_p95: f(quantile(r.js, 0.95)),
    render_call_ms_mean: f(mean(r.call)),
    render_call_ms_p95: f(quantile(r.call, 0.95)),
    main_thread_js_with_render_ms_mean: f(mean(total)),
    main_thread_js_with_render_ms_p95: f(quantile(total, 0.95)),
    worker_lab_ms_mean: f(mean(r.lab)),
    worker_lab_ms_p95: f(quantile(r.lab, 0.95)),
    render_ms_median_swiftshader: f(quantile(r.render, 0.5)),
    heap_growth_bytes_per_frame: Math.round((r.heap1 - r.heap0) / FRAMES),
    neurons: r.neurons,
    steps_per_frame: k,
  };
}

/** Compressed sizes of a build's JavaScript: all files, the entry, the app chunk, the worker. */
function jsSizes(dir: string): Record<string, number> {
  const assets = join(dir, 'assets');
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
  return { js_files: js.length, js_bytes: raw, js_gzip_bytes: gzip, js_brotli_bytes: brotli, entry_chunk_gzip_bytes: entryGzip, app_chunk_gzip_bytes: appGzip, worker_gzip_bytes: workerGzip };
}

/** The scenes: the default, a lif-rate network (LIF somas, default speed), and 1,000 hidden neurons in real time (17 ms of biology per 16.7 ms frame) with training frozen and on (17 steps per frame). */
const SCENES: [string, string, number][] = [
  ['default_scene', '', 4],
  ['lif_rate_scene', '?activation=lif-rate', 4],
  ['hidden_1000_real_time_biology_only', '?hidden=1000&train=0', 17],
  ['hidden_1000_real_time_with_training', '?hidden=1000', 17],
];

async function sceneOn(browser: Browser, build: ServedBuild, query: string, k: number): Promise<Record<string, number>> {
  const { page } = await openPage(browser, build.url + query, { width: 1280, height: 900 });
  try {
    return await frameTimes(page, k);
  } finally {
    await page.context().close();
  }
}

/** Time to the first drawn frame (the page's own `firstFrameMs`), median of 3 loads. */
async function firstFrame(browser: Browser, build: ServedBuild): Promise<number> {
  const first: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { page } = await openPage(browser, build.url, { width: 1280, height: 900 });
    first.push(await page.evaluate(() => window.soma!.app.firstFrameMs));
    await page.context().close();
  }
  return +(quantile(first, 0.5) as number).toFixed(1);
}

export const pageBenchmark: Benchmark = {
  name: 'page',
  summary: 'built page in headless Chromium: main-thread JS ms per frame (update, render call) and worker lab ms per frame (default scene; 1,000 hidden neurons in real time), compressed JS size, time to first frame; SOMA_BENCH_BASELINE=dir compares with another build',
  async run() {
    const { builds, close } = await servedBuilds();
    const browser = await launchChromium(['--enable-precise-memory-info']);
    try {
      const per = new Map<string, Record<string, unknown>>(builds.map((b) => [b.name, { ...jsSizes(b.dir) }]));
      for (const b of builds) per.get(b.name)!.first_frame_ms_median = await firstFrame(browser, b);
      {
        const { page } = await openPage(browser, builds[0].url, { width: 1280, height: 900 });
        per.get('current')!.renderer = await page.evaluate(() => window.soma!.rendererNames()[0]);
        await page.context().close();
      }
      // Scene by scene, the builds one after the other (so the load of the moment falls on both).
      for (const [name, query, k] of SCENES) for (const b of builds) per.get(b.name)![name] = await sceneOn(browser, b, query, k);
      const current = per.get('current')!;
      if (builds.length === 1) return current;
      const baseline = per.get('baseline')!;
      return { current, baseline, current_over_baseline: ratios(current, baseline), baseline_build: relative(process.cwd(), builds[1].dir) };
    } finally {
      await browser.close();
      await close();
    }
  },
};
