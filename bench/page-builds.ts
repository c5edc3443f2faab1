/**
 * The builds a page benchmark measures side by side in one run: the current sources (built into
 * `dist/` when stale) and, when `SOMA_BENCH_BASELINE` names a folder holding another build of the
 * page (e.g. the commit before a change: `git worktree add /tmp/before <ref>` there, then
 * `npx vite build --outDir /tmp/soma-before` with this checkout's node_modules linked), that one
 * too, served by its own preview server. Scenes are then measured in alternating rounds (current,
 * baseline, current, ...), so a shared machine's load falls on both alike; ratios are current /
 * baseline.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PreviewServer } from 'vite';
import { DIST, ensureBuilt, startPreview } from '../e2e/harness';

/** One served build. */
export interface ServedBuild {
  /** `current` or `baseline`. */
  name: 'current' | 'baseline';
  dir: string;
  url: string;
}

/** Serves the current build and, when SOMA_BENCH_BASELINE is set, the baseline; `close` stops both. */
export async function servedBuilds(): Promise<{ builds: ServedBuild[]; close(): Promise<void> }> {
  await ensureBuilt();
  const baseline = process.env.SOMA_BENCH_BASELINE;
  if (baseline && !existsSync(join(baseline, 'index.html'))) {
    throw new Error(`SOMA_BENCH_BASELINE = ${JSON.stringify(baseline)} is not allowed: expected a folder with a built page (index.html)`);
  }
  const servers: PreviewServer[] = [];
  const builds: ServedBuild[] = [];
  for (const [name, dir] of [['current', DIST], ...(baseline ? [['baseline', baseline]] : [])] as ['current' | 'baseline', string][]) {
    const { server, url } = await startPreview(dir);
    servers.push(server);
    builds.push({ name, dir, url });
  }
  return {
    builds,
    async close() {
      for (const s of servers) await s.close();
    },
  };
}

/** The q-quantile of xs (nearest rank on the sorted copy), or null for none. */
export function quantile(xs: readonly number[], q: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** Mean of xs, or null for none. */
export function mean(xs: readonly number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** Rounds to `d` decimals, keeping null. */
export function round(x: number | null, d = 1): number | null {
  return x === null || !Number.isFinite(x) ? null : +x.toFixed(d);
}

/**
 * Current / baseline for every numeric field both results share (recursing into objects), to 2
 * decimals; null where the baseline is 0 or missing.
 */
export function ratios(current: Record<string, unknown>, baseline: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(current)) {
    const b = baseline[k];
    if (typeof v === 'number' && typeof b === 'number') out[k] = b !== 0 ? +(v / b).toFixed(2) : null;
    else if (v && b && typeof v === 'object' && typeof b === 'object' && !Array.isArray(v)) out[k] = ratios(v as Record<string, unknown>, b as Record<string, unknown>);
  }
  return out;
}
