/**
 * CUBA (Brette et al. 2007; 4000 neurons, 1 s of biological time, dt 0.1 ms): Soma's network
 * construction and simulation, side by side in one run with Brian2 2.5 when /usr/bin/python3 (or
 * $SOMA_PYTHON) imports brian2:
 *   standalone  the C++ standalone binary (it builds the network and runs it), compiled first
 *               by scripts/brian2/cuba_bench.py (compilation not timed), run by this benchmark
 *   cython      Brian2's Cython runtime: connect and run (second call, when nothing compiles)
 * Rounds alternate Soma and the standalone binary so a busy machine slows both alike; each
 * ratio is soma (build + run) / standalone, and the ratio quoted is the median over rounds.
 * Soma's first round includes the JIT warm-up; it is reported separately.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runCuba } from '../src/core/bio/cuba';
import type { Benchmark } from './benchmark';

const ROUNDS = 5;
const NEURONS = 4000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function python(args: string[]): Record<string, unknown> | { error: string } {
  const py = process.env.SOMA_PYTHON ?? '/usr/bin/python3';
  const script = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'scripts', 'brian2', 'cuba_bench.py');
  const r = spawnSync(py, [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.error || r.status !== 0) return { error: (r.error?.message ?? r.stderr.trim().split('\n').pop() ?? 'failed').slice(0, 200) };
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

export const cubaBenchmark: Benchmark = {
  name: 'cuba',
  summary: 'CUBA 4000 neurons, 1 s, dt 0.1 ms: Soma build + run vs Brian2 C++ standalone (and Cython runtime)',
  run() {
    const built = python(['--neurons', String(NEURONS), '--target', 'standalone', '--build-only']);
    const binary = 'standalone_binary' in built ? String(built.standalone_binary) : null;
    const soma: { build_ms: number; run_ms: number; rate_hz: number; cv_isi: number | null }[] = [];
    const standaloneMs: number[] = [];
    const ratios: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const res = runCuba({ neurons: NEURONS, durationMs: 1000, dtMs: 0.1, seed: r + 1 });
      soma.push(res);
      if (binary) {
        const t0 = performance.now();
        const p = spawnSync(binary, [], { cwd: path.dirname(binary), stdio: 'ignore' });
        const ms = performance.now() - t0;
        if (p.status === 0) {
          standaloneMs.push(ms);
          if (r > 0) ratios.push((res.build_ms + res.run_ms) / ms);
        }
      }
    }
    const warm = soma.slice(1);
    let cython: Record<string, unknown> | { error: string } | null = null;
    if (binary) {
      python(['--neurons', String(NEURONS), '--target', 'cython']); // fills Brian2's code cache
      cython = python(['--neurons', String(NEURONS), '--target', 'cython']);
    }
    const somaTotal = median(warm.map((s) => s.build_ms + s.run_ms));
    return {
      neurons: NEURONS,
      duration_ms: 1000,
      dt_ms: 0.1,
      rounds: ROUNDS,
      soma_first_build_ms: round(soma[0].build_ms),
      soma_first_run_ms: round(soma[0].run_ms),
      soma_build_ms: round(median(warm.map((s) => s.build_ms))),
      soma_run_ms: round(median(warm.map((s) => s.run_ms))),
      soma_total_ms: round(somaTotal),
      soma_rate_hz: round(median(soma.map((s) => s.rate_hz)), 3),
      soma_cv_isi: round(median(soma.map((s) => s.cv_isi ?? NaN)), 3),
      soma_total_ms_per_round: soma.map((s) => round(s.build_ms + s.run_ms)),
      brian2_standalone_ms: standaloneMs.length ? round(median(standaloneMs)) : null,
      brian2_standalone_ms_per_round: standaloneMs.map((x) => round(x)),
      ratio_soma_to_standalone: ratios.length ? round(median(ratios), 2) : null,
      brian2_cython_build_ms: cython && 'cython_build_s' in cython ? round(Number(cython.cython_build_s) * 1000) : null,
      brian2_cython_run_ms: cython && 'cython_run_s' in cython ? round(Number(cython.cython_run_s) * 1000) : null,
      ratio_soma_to_cython: cython && 'cython_run_s' in cython ? round(somaTotal / (1000 * (Number(cython.cython_build_s) + Number(cython.cython_run_s))), 2) : null,
      brian2: binary ? (built as { brian2: string }).brian2 : ('error' in built ? `unavailable: ${built.error}` : 'unavailable'),
    };
  },
};
