/**
 * How CUBA's cost grows with the network: 4,000, 16,000 and 64,000 neurons, 1 s at dt 0.1 ms, Soma
 * (a fresh `soma cuba` process of the built CLI) against Brian2's standalone binary (a fresh run, its
 * array writes removed; Brian2's loop time from results/last_run_info.txt), rounds interleaved.
 * The in-degree is fixed at 80 inputs per neuron (p = 80 / N: 0.02 at 4,000 as in Brette et al. 2007,
 * 0.005 at 16,000, 0.00125 at 64,000) so that every size is the same asynchronous irregular state
 * at about 5-6 Hz and the work per neuron is the same; with p fixed at 0.02 the synapses would grow
 * as N^2 (82 million at 64,000) and the network would explode. Checked: every Soma run fires within
 * 1-50 Hz, and one written run of the binary per size gives the median Soma rate within 10%.
 * Cost per neuron-second: run phase (loop) in microseconds of CPU time per neuron per second of biological time
 * (CPU time on both sides: Brian2 takes its loop time with std::clock()).
 * Runs only when named (`--only cuba-scaling`): the first run compiles two Brian2 projects (~1 min).
 */
import type { Benchmark } from './benchmark';
import { binaryProcess, binarySpikes, buildCli, checkRate, checkSame, median, round, somaProcess, spread, standaloneBinaries } from './cuba-shared';

const SIZES = [4000, 16000, 64000];
const IN_DEGREE = 80;
const ROUNDS = 5;

export const cubaScalingBenchmark: Benchmark = {
  name: 'cuba-scaling',
  summary: 'CUBA at 4k, 16k, 64k neurons (in-degree 80): Soma process and loop against the Brian2 binary; cost per neuron-second',
  onlyWhenNamed: true,
  run() {
    buildCli();
    const rows = [];
    for (const n of SIZES) {
      const p = IN_DEGREE / n;
      const bins = standaloneBinaries(n, p);
      if ('error' in bins) return { brian2: `unavailable: ${bins.error}` };
      const cpu = { soma: [] as number[], brian2: [] as number[] };
      const soma = { ms: [] as number[], run: [] as number[], runCpu: [] as number[], build: [] as number[], rate: [] as number[], synapses: 0 };
      const brian = { ms: [] as number[], loop: [] as number[] };
      const ratio = { process: [] as number[], loop: [] as number[] };
      for (let r = 0; r < ROUNDS; r++) {
        const go = () => somaProcess(n, p, r + 1);
        let s: ReturnType<typeof go>, b: ReturnType<typeof binaryProcess>;
        if (r % 2) { s = go(); b = binaryProcess(bins.nowrite); } else { b = binaryProcess(bins.nowrite); s = go(); }
        checkRate(`Soma, ${n} neurons`, s.result.rate_hz);
        soma.ms.push(s.ms); soma.run.push(s.result.run_ms); soma.runCpu.push(s.result.run_cpu_ms); soma.build.push(s.result.build_ms); soma.rate.push(s.result.rate_hz); soma.synapses = s.result.synapses;
        brian.ms.push(b.ms); brian.loop.push(b.loopMs);
        if (s.cpuMs !== null && b.cpuMs !== null) { cpu.soma.push(s.cpuMs); cpu.brian2.push(b.cpuMs); }
        // Brian2's loop time is CPU time (std::clock()): compared with Soma's run phase in CPU time
        ratio.process.push(s.ms / b.ms); ratio.loop.push(s.result.run_cpu_ms / b.loopMs);
      }
      binaryProcess(bins.written);
      const check = binarySpikes(bins.written, n, 1);
      checkRate(`Brian2, ${n} neurons`, check.rate_hz);
      checkSame(`the rate at ${n} neurons`, median(soma.rate), check.rate_hz);
      rows.push({
        neurons: n, p: round(p, 6), soma_synapses: soma.synapses,
        soma_process_ms: spread(soma.ms), brian2_process_ms: spread(brian.ms), ratio_process: spread(ratio.process, 2),
        soma_process_cpu_ms: spread(cpu.soma), brian2_process_cpu_ms: spread(cpu.brian2),
        soma_build_ms: spread(soma.build), soma_run_ms: spread(soma.run), soma_run_cpu_ms: spread(soma.runCpu), brian2_loop_ms: spread(brian.loop), ratio_loop: spread(ratio.loop, 2),
        soma_loop_us_per_neuron_second: round((median(soma.runCpu) * 1000) / n, 2), brian2_loop_us_per_neuron_second: round((median(brian.loop) * 1000) / n, 2),
        soma_rate_hz: round(median(soma.rate), 3), brian2_rate_hz: round(check.rate_hz, 3), brian2_cv_isi: check.cv_isi === null ? null : round(check.cv_isi, 3),
      });
    }
    const per = rows.map((r) => r.soma_loop_us_per_neuron_second);
    return {
      in_degree: IN_DEGREE, rounds: ROUNDS, duration_ms: 1000, dt_ms: 0.1,
      units: 'ms, {median, q1, q3, min, max} over rounds; ratios Soma / Brian2 per round; loops in CPU time on both sides (Brian2: std::clock()); loop cost in us of CPU per neuron per biological second',
      rows,
      soma_cost_per_neuron_second_64k_over_4k: round(per[per.length - 1] / per[0], 2),
      brian2_cost_per_neuron_second_64k_over_4k: round(rows[rows.length - 1].brian2_loop_us_per_neuron_second / rows[0].brian2_loop_us_per_neuron_second, 2),
    };
  },
};
