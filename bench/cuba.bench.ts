/**
 * CUBA (Brette et al. 2007; 4000 LIF neurons, p 0.02, 1 s at dt 0.1 ms), Soma against Brian2 2.5
 * like for like, when /usr/bin/python3 (or $SOMA_PYTHON) imports brian2. Each round, in turn
 * (the order alternates between rounds, so a busy machine slows both alike):
 *   cold, whole process   a fresh `soma cuba` process (the built CLI, dist-cli/soma.mjs: Node's
 *                         start, module loading, build, run, exit) against a fresh run of Brian2's
 *                         compiled standalone binary (start to exit); twice: writing nothing
 *                         (Soma prints its summary; the binary with its array writes removed) and
 *                         writing the results (Soma's --spikes CSV; the binary as Brian2 builds it,
 *                         writing every array to results/)
 *   loop against loop     Soma's run phase in CPU time (run_cpu_ms of the cold process; and warm)
 *                         against Brian2's own loop time (results/last_run_info.txt), which is CPU
 *                         time too (std::clock()); the wall-time run phase is reported beside it;
 *                         Brian2's Cython runtime: the 2nd-4th run() in one process (code
 *                         generation only in the 1st; wall time on both sides)
 *   warm, in process      runCuba in this process, after a first round that warms the JIT
 * The work is checked: every run of both sides fires within 1-50 Hz; the medians of Soma's and
 * the binary's rate and ISI CV agree within 10% (the oracle test's tolerance); the warm run of a
 * seed fires exactly the spikes of the cold process with that seed. Ratios: per round, Soma / Brian2,
 * then median and range over rounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CUBA, runCuba } from '../src/core/bio/cuba';
import type { Benchmark } from './benchmark';
import {
  binaryProcess, binarySpikes, brian2Script, buildCli, checkRate, checkSame, fileSize, median, processCpuMs, round, somaProcess, spread, standaloneBinaries,
} from './cuba-shared';

const ROUNDS = 9;
const NEURONS = 4000;

export const cubaBenchmark: Benchmark = {
  name: 'cuba',
  summary: 'CUBA 4000 neurons, 1 s: Soma against Brian2 C++ standalone, whole process and loop, cold and warm; Cython loop; same work checked',
  run() {
    buildCli();
    const bins = standaloneBinaries(NEURONS, CUBA.p);
    if ('error' in bins) return { neurons: NEURONS, brian2: `unavailable: ${bins.error}` };
    const dir = mkdtempSync(path.join(tmpdir(), 'soma-cuba-bench-'));
    const rows = {
      somaCpu: [] as number[], binaryCpu: [] as number[], ratioCpu: [] as number[],
      somaCold: [] as number[], somaColdWrite: [] as number[], binary: [] as number[], binaryWrite: [] as number[],
      somaBuild: [] as number[], somaRun: [] as number[], somaBuildCpu: [] as number[], somaRunCpu: [] as number[], brianLoop: [] as number[],
      warmBuild: [] as number[], warmRun: [] as number[], warmRunCpu: [] as number[], ratioLoopWall: [] as number[],
      ratioCold: [] as number[], ratioColdWrite: [] as number[], ratioLoop: [] as number[], ratioWarmLoop: [] as number[], ratioWarmTotal: [] as number[],
      somaRate: [] as number[], somaCv: [] as number[], brianRate: [] as number[], brianCv: [] as number[], brianSpikes: [] as number[], somaSpikes: [] as number[],
    };
    let first: { build_ms: number; run_ms: number } | null = null;
    let bytes = { soma: 0, brian2: 0 };
    try {
      for (let r = 0; r < ROUNDS; r++) {
        const seed = r + 1;
        const spikesFile = path.join(dir, `spikes-${seed}.csv`);
        const soma = () => somaProcess(NEURONS, CUBA.p, seed);
        const somaWrite = () => somaProcess(NEURONS, CUBA.p, seed, spikesFile);
        // alternate who goes first
        let s: ReturnType<typeof soma>, b: ReturnType<typeof binaryProcess>, sw: ReturnType<typeof soma>, bw: ReturnType<typeof binaryProcess>;
        if (r % 2) { s = soma(); b = binaryProcess(bins.nowrite); bw = binaryProcess(bins.written); sw = somaWrite(); }
        else { b = binaryProcess(bins.nowrite); s = soma(); sw = somaWrite(); bw = binaryProcess(bins.written); }
        const brian = binarySpikes(bins.written, NEURONS, 1);
        bytes = { soma: fileSize(spikesFile), brian2: brian.results_bytes };
        const warm = runCuba({ neurons: NEURONS, durationMs: 1000, dtMs: 0.1, seed, cpuClockMs: processCpuMs });
        if (r === 0) first = warm;
        for (const [who, rate] of [['Soma (seed ' + seed + ')', s.result.rate_hz], ['Brian2 standalone', brian.rate_hz], ['Soma warm', warm.rate_hz]] as const) checkRate(who, rate);
        if (warm.spikes !== s.result.spikes || sw.result.spikes !== s.result.spikes) throw new Error(`cuba bench: seed ${seed} fired ${s.result.spikes} spikes in the built CLI, ${sw.result.spikes} with --spikes and ${warm.spikes} in process: not the same work`);
        if (s.cpuMs !== null && b.cpuMs !== null) { rows.somaCpu.push(s.cpuMs); rows.binaryCpu.push(b.cpuMs); rows.ratioCpu.push(s.cpuMs / b.cpuMs); }
        rows.somaCold.push(s.ms); rows.somaColdWrite.push(sw.ms); rows.binary.push(b.ms); rows.binaryWrite.push(bw.ms);
        rows.somaBuild.push(s.result.build_ms); rows.somaRun.push(s.result.run_ms); rows.brianLoop.push(b.loopMs, bw.loopMs);
        rows.somaBuildCpu.push(s.result.build_cpu_ms); rows.somaRunCpu.push(s.result.run_cpu_ms);
        rows.ratioCold.push(s.ms / b.ms); rows.ratioColdWrite.push(sw.ms / bw.ms);
        rows.ratioLoop.push(s.result.run_cpu_ms / b.loopMs); rows.ratioLoopWall.push(s.result.run_ms / b.loopMs);
        rows.somaRate.push(s.result.rate_hz); rows.somaCv.push(s.result.cv_isi ?? NaN); rows.somaSpikes.push(s.result.spikes);
        rows.brianRate.push(brian.rate_hz); rows.brianCv.push(brian.cv_isi ?? NaN); rows.brianSpikes.push(brian.spikes);
        if (r > 0) {
          rows.warmBuild.push(warm.build_ms); rows.warmRun.push(warm.run_ms); rows.warmRunCpu.push(warm.run_cpu_ms!);
          rows.ratioWarmLoop.push(warm.run_cpu_ms! / b.loopMs); rows.ratioWarmTotal.push((warm.build_ms + warm.run_ms) / b.ms);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    checkSame('the median rate', median(rows.somaRate), median(rows.brianRate));
    checkSame('the median ISI CV', median(rows.somaCv), median(rows.brianCv));
    const cy = brian2Script(['--target', 'cython', '--neurons', String(NEURONS), '--runs', '4']);
    const cyRuns = 'cython_run_s' in cy ? (cy.cython_run_s as number[]).map((x) => x * 1000) : [];
    if ('cython_spikes' in cy) for (const n of cy.cython_spikes as number[]) checkRate('Brian2 Cython', n / NEURONS);
    const cyLoop = cyRuns.length > 1 ? median(cyRuns.slice(1)) : NaN;
    // against Cython's wall-time run(): Soma's wall-time run phase
    const somaRun = median(rows.somaRun), warmRun = median(rows.warmRun);
    return {
      neurons: NEURONS,
      p: CUBA.p,
      duration_ms: 1000,
      dt_ms: 0.1,
      rounds: ROUNDS,
      units: 'ms of wall clock (cpu: user + system CPU time of the process, all threads); spreads are {median, q1, q3, min, max} over rounds; ratios are Soma / Brian2 per round',
      cold_process: {
        soma_ms: spread(rows.somaCold), brian2_standalone_ms: spread(rows.binary), ratio: spread(rows.ratioCold, 2),
        cpu: { soma_ms: spread(rows.somaCpu), brian2_standalone_ms: spread(rows.binaryCpu), ratio: spread(rows.ratioCpu, 2) },
        writing: { soma_ms: spread(rows.somaColdWrite), brian2_standalone_ms: spread(rows.binaryWrite), ratio: spread(rows.ratioColdWrite, 2), soma_bytes: bytes.soma, brian2_bytes: bytes.brian2 },
        soma_build_ms: spread(rows.somaBuild), soma_run_ms: spread(rows.somaRun), soma_build_cpu_ms: spread(rows.somaBuildCpu), soma_run_cpu_ms: spread(rows.somaRunCpu),
      },
      loop: {
        clock: 'CPU time on both sides (Brian2: std::clock(); Soma: process.cpuUsage()); wall-time run phases beside',
        soma_cold_run_cpu_ms: spread(rows.somaRunCpu), soma_warm_run_cpu_ms: spread(rows.warmRunCpu), brian2_standalone_loop_ms: spread(rows.brianLoop),
        ratio_cold: spread(rows.ratioLoop, 2), ratio_warm: spread(rows.ratioWarmLoop, 2),
        soma_cold_run_wall_ms: spread(rows.somaRun), soma_warm_run_wall_ms: spread(rows.warmRun), ratio_cold_wall_to_brian2_cpu: spread(rows.ratioLoopWall, 2),
        brian2_cython_first_run_ms: cyRuns.length ? round(cyRuns[0]) : null, brian2_cython_loop_ms: cyRuns.length > 1 ? spread(cyRuns.slice(1)) : null,
        ratio_cold_to_cython: cyRuns.length > 1 ? round(somaRun / cyLoop, 2) : null, ratio_warm_to_cython: cyRuns.length > 1 ? round(warmRun / cyLoop, 2) : null,
      },
      warm: {
        soma_first_build_ms: first ? round(first.build_ms) : null, soma_first_run_ms: first ? round(first.run_ms) : null,
        soma_build_ms: spread(rows.warmBuild), soma_run_ms: spread(rows.warmRun), ratio_total_to_standalone_process: spread(rows.ratioWarmTotal, 2),
      },
      same_work: {
        soma_spikes: spread(rows.somaSpikes, 0), brian2_spikes: spread(rows.brianSpikes, 0),
        soma_rate_hz: spread(rows.somaRate, 3), brian2_rate_hz: spread(rows.brianRate, 3),
        soma_cv_isi: spread(rows.somaCv, 3), brian2_cv_isi: spread(rows.brianCv, 3),
        brian2_cython_spikes: 'cython_spikes' in cy ? cy.cython_spikes : null,
        checked: 'every run 1-50 Hz; median rate and ISI CV within 10%; warm and cold runs of a seed fire the same spikes',
      },
      brian2: bins.brian2,
    };
  },
};
