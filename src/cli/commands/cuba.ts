/** `soma cuba`: the Brette et al. (2007) CUBA network as in Brian2's example; rate, CV, timings. */
import { writeFileSync } from 'node:fs';
import { CUBA, runCuba } from '../../core/bio/cuba';
import type { SpikeMonitor } from '../../core/bio/monitors';
import { SomaRuntimeError } from '../../core/errors';
import { numberOption, seedOption, stringOption } from '../args';
import type { Command } from '../command';
import { checkOutputPath } from '../files';
import { LIMITS_HELP, checkRunLength, checkSynapses } from '../limits';

/**
 * The spikes as CSV, one line per spike in order of time: `neuron,t_ms`, neurons numbered as
 * in Brian2's example (excitatory 0 .. 0.8 N - 1, then inhibitory).
 */
function spikesCsv(monitors: readonly SpikeMonitor[]): string {
  const [exc, inh] = monitors;
  const neuron = new Int32Array(exc.count + inh.count);
  const t = new Float64Array(neuron.length);
  neuron.set(exc.indices);
  t.set(exc.timesMs);
  for (let k = 0; k < inh.count; k++) neuron[exc.count + k] = inh.indices[k] + exc.population.size;
  t.set(inh.timesMs, exc.count);
  // a spike's time is its step's time plus its offset within the step: sort (stably) by time
  const order = Array.from(neuron.keys()).sort((a, b) => t[a] - t[b] || a - b);
  return ['neuron,t_ms', ...order.map((k) => `${neuron[k]},${t[k]}`)].join('\n') + '\n';
}

/** This process's CPU time, ms: user + system, all threads (V8's compiler and GC threads included). */
function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export const cubaCommand: Command = {
  name: 'cuba',
  summary: 'CUBA network (Brette et al. 2007, Brian2 example): spikes, rate, ISI CV, build and run times (wall and CPU)',
  examples: [
    'npx soma cuba',
    'npx soma cuba --neurons 4000 --duration 1000 --dt 0.1 --seed 1 --format json',
    'npx soma cuba --neurons 16000 --p 0.005 --spikes spikes.csv   (in-degree 80, as at 4000 neurons)',
  ],
  options: {
    neurons: { kind: 'string', value: 'N', default: '4000', help: 'neurons (80% excitatory)' },
    duration: { kind: 'string', value: 'MS', default: '1000', help: 'simulated time, ms' },
    dt: { kind: 'string', value: 'MS', default: '0.1', help: `time step, ms; ${LIMITS_HELP}` },
    seed: { kind: 'string', value: 'N', default: '1', help: 'seed of the initial potentials and the connectivity' },
    p: { kind: 'string', value: 'P', default: String(CUBA.p), help: 'connection probability of each pair, 0..1 (80 inputs per neuron at 4000 neurons)' },
    spikes: { kind: 'string', value: 'FILE', help: 'also write every spike as CSV (neuron,t_ms; written after the run, not timed)' },
  },
  run(options) {
    const neurons = numberOption(options, 'neurons', 4000, { min: 0, max: 1_000_000, integer: true });
    const durationMs = numberOption(options, 'duration', 1000, { min: 0, minExclusive: true, max: 1e7 });
    const dtMs = numberOption(options, 'dt', 0.1, { min: 0, minExclusive: true });
    const p = numberOption(options, 'p', CUBA.p, { min: 0, max: 1 });
    const spikesFile = stringOption(options, 'spikes');
    if (spikesFile !== undefined) checkOutputPath('--spikes', spikesFile);
    checkSynapses('--neurons', neurons, neurons * neurons * p);
    checkRunLength(durationMs, dtMs, neurons);
    const r = runCuba({ neurons, durationMs, dtMs, seed: seedOption(options, 1), connectionProbability: p, cpuClockMs: processCpuMs }, spikesFile === undefined ? undefined : (monitors) => {
      try {
        writeFileSync(spikesFile, spikesCsv(monitors));
      } catch (e) {
        throw new SomaRuntimeError(`cuba: could not write --spikes ${spikesFile} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    });
    return {
      json: r,
      tables: [{ title: 'CUBA (Brette et al. 2007)', columns: Object.keys(r), rows: [Object.values(r).map((v) => (v === null ? null : Number((v as number).toPrecision(6))))] }],
    };
  },
};
