/**
 * Where the page's long main-thread tasks go (`npm run bench -- --only page-trace`): the built
 * page plays each scene of the responsiveness benchmark while Chromium records a trace through the
 * DevTools protocol (playwright's CDP session, categories devtools.timeline, blink, cc, gpu) for
 * TRACE_MS. Reported per scene: each thread's busy time per second (renderer main thread, GPU
 * process, lab worker, compositor), the tasks over 50 ms on the renderer's main thread, and inside
 * them the self time of each trace event by name, largest first, with the part spent waiting in
 * WebGL read-backs (`GLES2::ReadPixels`, the synchronous copy of a software-rendered canvas at the
 * frame's commit). With SOMA_BENCH_BASELINE the baseline build is traced too, right after.
 */
import type { Browser } from 'playwright-core';
import { launchChromium, openPage } from '../e2e/harness';
import type { Benchmark } from './benchmark';
import { servedBuilds, type ServedBuild } from './page-builds';

const TRACE_MS = 5000;
const WARMUP_MS = 2500;
const CATEGORIES = 'devtools.timeline,disabled-by-default-devtools.timeline,blink,cc,gpu,toplevel';

interface TraceEvent { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; args?: { name?: string } }

/** Self time (ms) by event name of the complete events inside [t0, t1) on one thread. */
function selfTimes(events: TraceEvent[], t0: number, t1: number, out: Map<string, number>): void {
  const inside = events.filter((e) => e.ts >= t0 && e.ts < t1).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const stack: TraceEvent[] = [];
  for (const e of inside) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur! <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) out.set(parent.name, (out.get(parent.name) ?? 0) - e.dur! / 1000);
    out.set(e.name, (out.get(e.name) ?? 0) + e.dur! / 1000);
    stack.push(e);
  }
}

async function trace(browser: Browser, build: ServedBuild, query: string): Promise<Record<string, unknown>> {
  const { page } = await openPage(browser, build.url + query, { width: 1280, height: 900 });
  try {
    const cdp = await page.context().newCDPSession(page);
    await page.evaluate(() => (document.getElementById('play') as HTMLButtonElement).click());
    await page.waitForTimeout(WARMUP_MS);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e: { value: object[] }) => events.push(...(e.value as TraceEvent[])));
    const complete = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
    await page.waitForTimeout(TRACE_MS);
    await cdp.send('Tracing.end');
    await complete;
    const threads = new Map<string, string>();
    for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
    const byThread = new Map<string, TraceEvent[]>();
    for (const e of events) {
      if (e.ph !== 'X' || e.dur === undefined) continue;
      const key = `${e.pid}:${e.tid}`;
      if (!byThread.has(key)) byThread.set(key, []);
      byThread.get(key)!.push(e);
    }
    // Busy time: the thread's top-level tasks (each task is traced twice, as RunTask and ThreadControllerImpl::RunTask).
    const busy: Record<string, number> = {};
    for (const [key, evs] of byThread) {
      const name = threads.get(key) ?? key;
      const ms = evs.filter((e) => e.name === 'ThreadControllerImpl::RunTask').reduce((a, e) => a + e.dur! / 1000, 0);
      if (ms > 0) busy[name] = Math.round((busy[name] ?? 0) + ms / (TRACE_MS / 1000));
    }
    const mainKey = [...threads].find(([, n]) => n === 'CrRendererMain')?.[0];
    const main = mainKey ? byThread.get(mainKey) ?? [] : [];
    const long = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.dur! > 50_000);
    const self = new Map<string, number>();
    for (const t of long) selfTimes(main.filter((e) => e !== t && e.name !== 'RunTask'), t.ts, t.ts + t.dur!, self);
    const longMs = long.reduce((a, e) => a + e.dur! / 1000, 0);
    const readback = main.filter((e) => e.name === 'GLES2::ReadPixels' && long.some((t) => e.ts >= t.ts && e.ts < t.ts + t.dur!)).reduce((a, e) => a + e.dur! / 1000, 0);
    return {
      busy_ms_per_s_by_thread: busy,
      long_tasks: long.length,
      long_tasks_ms: Math.round(longMs),
      longest_task_ms: Math.round(Math.max(0, ...long.map((e) => e.dur! / 1000))),
      webgl_readback_share_of_long_tasks: longMs > 0 ? +(readback / longMs).toFixed(2) : null,
      self_ms_in_long_tasks: Object.fromEntries([...self].filter(([, v]) => v >= 1).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => [k, Math.round(v)])),
    };
  } finally {
    await page.context().close();
  }
}

export const pageTraceBenchmark: Benchmark = {
  name: 'page-trace',
  summary: 'where long main-thread tasks go: a Chromium trace of the built page playing (default scene; 1,000 hidden at speed 100), busy time per thread and self time inside tasks over 50 ms',
  onlyWhenNamed: true,
  async run() {
    const { builds, close } = await servedBuilds();
    const browser = await launchChromium();
    try {
      const out: Record<string, unknown> = {};
      for (const [name, query] of [['default_scene', ''], ['hidden_1000_speed_100', '?hidden=1000&speed=100']]) {
        const per: Record<string, unknown> = {};
        for (const b of builds) per[b.name] = await trace(browser, b, query);
        out[name] = builds.length === 1 ? per.current : per;
      }
      return out;
    } finally {
      await browser.close();
      await close();
    }
  },
};
