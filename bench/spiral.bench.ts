/**
 * The course's spiral case study, 10,000 full-batch iterations of the 2-layer network (100 hidden
 * ReLU, softmax, step 1, reg 1e-3), side by side in one run:
 *   soma        Trainer.step with the fused hot path (WebAssembly SIMD passes, fused-wasm.ts)
 *   soma-js     the same kernel with its passes in JavaScript (the fallback without SIMD)
 *   soma-train  train(), what `soma train` runs: the fused path, plus one iteration in 50 through
 *               the graph's gates for the loss curve, and the accuracies at the end
 *   soma-graph  the same through the graph's gates only (one gate at a time)
 *   numpy       the course's own numpy code (scripts/numpy/spiral_course.py) on the same points,
 *               when /usr/bin/python3 (or $SOMA_PYTHON) has numpy; BLAS pinned to one thread
 *               (OMP_NUM_THREADS = OPENBLAS_NUM_THREADS = MKL_NUM_THREADS = 1), as Soma runs on one
 *   cold        whole processes, start to exit: a fresh `soma train` (the built CLI, the course's
 *               settings, 10,000 iterations) against a fresh `python3 spiral_course.py` (numpy's
 *               import, reading the points, training); iterations per second of the whole process
 * Rounds alternate between engines so that a busy machine slows all of them alike; the ratio is
 * the median of the per-round ratios, in wall time and in CPU time of the training loop (each
 * process's user + system time, all threads; other jobs' load inflates it much less).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TRAIN_DEFAULTS, Trainer, train } from '../src/core/ann/index';
import { makeDataset } from '../src/core/data/index';
import type { Benchmark } from './benchmark';
import { buildCli, SOMA_BIN, spread, timeProcess } from './cuba-shared';

/** One BLAS thread for numpy: Soma's kernel is single-threaded, and so is the comparison. */
const BLAS_ONE_THREAD = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

const ITERS = 10_000;
const ROUNDS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** CPU time of this process, ms (user + system, all threads). */
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

function runSoma(fused: boolean, iters: number, kernel: 'wasm' | 'js' = 'wasm'): { itersPerS: number; cpuItersPerS: number; finalLoss: number; trainAcc: number } {
  const ds = makeDataset('spiral', { seed: 0 });
  const trainer = new Trainer({ seed: 0, iters }, ds, { fused, kernel });
  const c0 = cpuMs();
  const t0 = performance.now();
  trainer.step(iters);
  const ms = performance.now() - t0;
  const cpu = cpuMs() - c0;
  return { itersPerS: (iters * 1000) / ms, cpuItersPerS: (iters * 1000) / cpu, finalLoss: trainer.loss, trainAcc: trainer.accuracy() };
}

function runNumpy(dataFile: string): { itersPerS: number; cpuItersPerS: number; finalLoss: number; trainAcc: number; engine: string; processMs: number; processCpuMs: number | null } | { error: string } {
  const python = process.env.SOMA_PYTHON ?? '/usr/bin/python3';
  const script = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'scripts', 'numpy', 'spiral_course.py');
  let run: ReturnType<typeof timeProcess>;
  try {
    run = timeProcess(python, [script, '--data', dataFile, '--iters', String(ITERS)], undefined, { ...process.env, ...BLAS_ONE_THREAD });
  } catch (e) {
    return { error: (e as Error).message.slice(0, 200) };
  }
  const out = JSON.parse(run.stdout) as { iters_per_s: number; cpu_iters_per_s: number; final_loss: number; train_acc: number; engine: string };
  return { itersPerS: out.iters_per_s, cpuItersPerS: out.cpu_iters_per_s, finalLoss: out.final_loss, trainAcc: out.train_acc, engine: out.engine, processMs: run.ms, processCpuMs: run.cpuMs };
}

/** A fresh `soma train` process with the course's settings, start to exit. */
function runSomaProcess(): { processMs: number; processCpuMs: number | null; finalLoss: number; trainAcc: number } {
  const args = ['train', '--dataset', 'spiral', '--model', 'two-layer', '--hidden', '100', '--lr', '1', '--reg', '1e-3', '--iters', String(ITERS), '--test-fraction', '0', '--seed', '0', '--format', 'json'];
  const { ms, cpuMs, stdout } = timeProcess(process.execPath, [SOMA_BIN, ...args]);
  const j = JSON.parse(stdout) as { final_loss: number; train_acc: number };
  return { processMs: ms, processCpuMs: cpuMs, finalLoss: j.final_loss, trainAcc: j.train_acc };
}

export const spiralBenchmark: Benchmark = {
  name: 'spiral',
  summary: "course's spiral case study, 10,000 full-batch iterations: Soma (fused WebAssembly / JavaScript, train(), graph-only) vs the course's numpy code",
  run() {
    buildCli();
    const ds = makeDataset('spiral', { seed: 0 });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'soma-spiral-'));
    const dataFile = path.join(dir, 'spiral.json');
    const x: number[][] = [];
    for (let i = 0; i < ds.n; i++) x.push([ds.x[2 * i], ds.x[2 * i + 1]]);
    writeFileSync(dataFile, JSON.stringify({ x, y: Array.from(ds.y) }));
    runSoma(true, 500); // warm up the JIT
    runSoma(true, 500, 'js');
    const soma: number[] = [], somaJs: number[] = [], trainFn: number[] = [], graph: number[] = [], numpy: number[] = [], ratios: number[] = [];
    const cpuRatios: number[] = [], somaCpu: number[] = [], numpyCpu: number[] = [];
    const coldSoma: number[] = [], coldNumpy: number[] = [], coldRatios: number[] = [], coldSomaCpu: number[] = [], coldNumpyCpu: number[] = [], coldCpuRatios: number[] = [];
    let coldLast: ReturnType<typeof runSomaProcess> | null = null;
    let somaLast = runSoma(true, 1), numpyLast: ReturnType<typeof runNumpy> = { error: 'not run' };
    try {
      for (let r = 0; r < ROUNDS; r++) {
        somaLast = runSoma(true, ITERS);
        soma.push(somaLast.itersPerS);
        somaJs.push(runSoma(true, ITERS, 'js').itersPerS);
        if (r === 0) {
          graph.push(runSoma(false, 2000).itersPerS);
          trainFn.push(train({ ...TRAIN_DEFAULTS, seed: 0, iters: ITERS }, { train: ds }).itersPerS);
        }
        coldLast = runSomaProcess();
        numpyLast = runNumpy(dataFile);
        if ('error' in numpyLast) break;
        numpy.push(numpyLast.itersPerS);
        ratios.push(somaLast.itersPerS / numpyLast.itersPerS);
        somaCpu.push(somaLast.cpuItersPerS);
        numpyCpu.push(numpyLast.cpuItersPerS);
        cpuRatios.push(somaLast.cpuItersPerS / numpyLast.cpuItersPerS);
        coldSoma.push(coldLast.processMs);
        coldNumpy.push(numpyLast.processMs);
        coldRatios.push(numpyLast.processMs / coldLast.processMs);
        if (coldLast.processCpuMs !== null && numpyLast.processCpuMs !== null) {
          coldSomaCpu.push(coldLast.processCpuMs);
          coldNumpyCpu.push(numpyLast.processCpuMs);
          coldCpuRatios.push(numpyLast.processCpuMs / coldLast.processCpuMs);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const round = (v: number) => Math.round(v);
    return {
      iters: ITERS,
      soma_iters_per_s: round(median(soma)),
      soma_js_kernel_iters_per_s: round(median(somaJs)),
      soma_train_fn_iters_per_s: round(median(trainFn)),
      soma_graph_only_iters_per_s: round(median(graph)),
      numpy_iters_per_s: numpy.length ? round(median(numpy)) : null,
      ratio_soma_over_numpy: ratios.length ? Number(median(ratios).toFixed(2)) : null,
      ratio_js_kernel_over_numpy: numpy.length ? Number((median(somaJs) / median(numpy)).toFixed(2)) : null,
      ratio_wasm_over_js_kernel: Number((median(soma) / median(somaJs)).toFixed(2)),
      ratio_fused_over_graph: Number((median(soma) / median(graph)).toFixed(2)),
      rounds: { soma: soma.map(round), soma_js: somaJs.map(round), numpy: numpy.map(round) },
      numpy_blas_threads: 1,
      cpu_time: {
        soma_iters_per_s: somaCpu.length ? round(median(somaCpu)) : null, numpy_iters_per_s: numpyCpu.length ? round(median(numpyCpu)) : null,
        ratio_soma_over_numpy: cpuRatios.length ? Number(median(cpuRatios).toFixed(2)) : null,
      },
      cold_process: {
        soma_train_ms: spread(coldSoma), numpy_script_ms: spread(coldNumpy),
        soma_iters_per_s: coldSoma.length ? round((ITERS * 1000) / median(coldSoma)) : null,
        numpy_iters_per_s: coldNumpy.length ? round((ITERS * 1000) / median(coldNumpy)) : null,
        ratio_soma_over_numpy: coldRatios.length ? Number(median(coldRatios).toFixed(2)) : null,
        cpu: { soma_train_ms: spread(coldSomaCpu), numpy_script_ms: spread(coldNumpyCpu), ratio_soma_over_numpy: coldCpuRatios.length ? Number(median(coldCpuRatios).toFixed(2)) : null },
        soma_final_loss: coldLast ? Number(coldLast.finalLoss.toFixed(4)) : null, soma_train_acc: coldLast?.trainAcc ?? null,
      },
      soma_final_loss: Number(somaLast.finalLoss.toFixed(4)),
      soma_train_acc: somaLast.trainAcc,
      numpy: 'error' in numpyLast ? numpyLast.error : { engine: numpyLast.engine, final_loss: Number(numpyLast.finalLoss.toFixed(4)), train_acc: numpyLast.trainAcc },
    };
  },
};
