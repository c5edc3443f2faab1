/**
 * What the first second of a cold `soma cuba` costs, phase by phase, in fresh processes (the probe
 * cuba-first-second.probe.ts, bundled with esbuild as the CLI is): Node's own start (node -e 0),
 * loading the CUBA code, the first build and run against a second build and run in the same
 * process (the warm figures), and the run in 100 ms slices (how many steps the JIT needs). The
 * same probe under V8 flags that change how code is compiled at first:
 *   --no-liftoff          WebAssembly straight to the optimising compiler (TurboFan), no baseline tier
 *   --always-sparkplug    JavaScript straight to the baseline compiler, skipping the interpreter
 *   --no-opt              JavaScript never optimised (what the loop costs before TurboFan)
 * Rounds interleave the variants; medians with the spread.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Benchmark } from './benchmark';
import { median, round, spread, timeProcess } from './cuba-shared';

const ROUNDS = 5;
const VARIANTS: Record<string, string[]> = { default: [], no_liftoff: ['--no-liftoff'], always_sparkplug: ['--always-sparkplug'], no_liftoff_always_sparkplug: ['--no-liftoff', '--always-sparkplug'], no_opt: ['--no-opt'] };
const here = path.dirname(fileURLToPath(import.meta.url));

interface Probe { load: number; build: number; run: number; slices: number[]; build2: number; run2: number; cpu_load: number; cpu_build: number; cpu_run: number; cpu_build2: number; cpu_run2: number; spikes: number }

export const cubaFirstSecondBenchmark: Benchmark = {
  name: 'cuba-first-second',
  summary: 'CUBA 4000 neurons in a fresh process, phase by phase: Node start, module load, first build and run against warm, JIT and WebAssembly tiers',
  async run() {
    const dir = mkdtempSync(path.join(tmpdir(), 'soma-first-second-'));
    try {
      const probe = path.join(dir, 'probe.mjs');
      await build({ entryPoints: [path.join(here, 'cuba-first-second.probe.ts')], outfile: probe, bundle: true, format: 'esm', platform: 'node', target: 'node20', minify: true, logLevel: 'warning' });
      const nodeAlone: number[] = [];
      const runs: Record<string, Probe[]> = {};
      for (let r = 0; r < ROUNDS; r++) {
        nodeAlone.push(timeProcess(process.execPath, ['-e', '0']).ms);
        const names = Object.keys(VARIANTS);
        if (r % 2) names.reverse();
        for (const name of names) {
          const p = spawnSync(process.execPath, [...VARIANTS[name], probe, String(r + 1)], { encoding: 'utf8' });
          if (p.status !== 0) throw new Error(`cuba-first-second: ${name}: ${p.stderr.trim().split('\n').pop()}`);
          (runs[name] ??= []).push(JSON.parse(p.stdout) as Probe);
        }
      }
      for (const [name, list] of Object.entries(runs)) {
        const ref = runs.default.map((x) => x.spikes);
        if (list.some((x, i) => x.spikes !== ref[i])) throw new Error(`cuba-first-second: ${name} fired other spikes than the default`);
      }
      const phases = (list: Probe[]) => ({
        load_ms: spread(list.map((x) => x.load)), build_ms: spread(list.map((x) => x.build)), run_ms: spread(list.map((x) => x.run)),
        warm_build_ms: spread(list.map((x) => x.build2)), warm_run_ms: spread(list.map((x) => x.run2)),
        run_slices_100ms_median: list[0].slices.map((_, k) => round(median(list.map((x) => x.slices[k])))),
        cpu_ms: { load: round(median(list.map((x) => x.cpu_load))), build: round(median(list.map((x) => x.cpu_build))), run: round(median(list.map((x) => x.cpu_run))), warm_build: round(median(list.map((x) => x.cpu_build2))), warm_run: round(median(list.map((x) => x.cpu_run2))) },
      });
      const d = runs.default;
      return {
        rounds: ROUNDS,
        units: 'ms; {median, q1, q3, min, max} over rounds',
        node_alone_ms: spread(nodeAlone),
        variants: Object.fromEntries(Object.entries(runs).map(([name, list]) => [name, phases(list)])),
        first_over_warm: { build: round(median(d.map((x) => x.build)) / median(d.map((x) => x.build2)), 2), run: round(median(d.map((x) => x.run)) / median(d.map((x) => x.run2)), 2) },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
