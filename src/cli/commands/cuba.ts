/** `soma cuba`: the Brette et al. (2007) CUBA network as in Brian2's example; rate, CV, timings. */
import { CUBA, runCuba } from '../../core/bio/cuba';
import { numberOption, seedOption } from '../args';
import type { Command } from '../command';
import { LIMITS_HELP, checkRunLength, checkSynapses } from '../limits';

export const cubaCommand: Command = {
  name: 'cuba',
  summary: 'CUBA network (Brette et al. 2007, Brian2 example): spikes, rate, ISI CV, build and run times',
  examples: ['npm run soma -- cuba', 'npm run soma -- cuba --neurons 4000 --duration 1000 --dt 0.1 --seed 1 --format json'],
  options: {
    neurons: { kind: 'string', value: 'N', default: '4000', help: 'neurons (80% excitatory)' },
    duration: { kind: 'string', value: 'MS', default: '1000', help: 'simulated time, ms' },
    dt: { kind: 'string', value: 'MS', default: '0.1', help: `time step, ms; ${LIMITS_HELP}` },
    seed: { kind: 'string', value: 'N', default: '1', help: 'seed of the initial potentials and the connectivity' },
  },
  run(options) {
    const neurons = numberOption(options, 'neurons', 4000, { min: 0, max: 1_000_000, integer: true });
    const durationMs = numberOption(options, 'duration', 1000, { min: 0, minExclusive: true, max: 1e7 });
    const dtMs = numberOption(options, 'dt', 0.1, { min: 0, minExclusive: true });
    checkSynapses('--neurons', neurons, neurons * neurons * CUBA.p);
    checkRunLength(durationMs, dtMs, neurons);
    const r = runCuba({ neurons, durationMs, dtMs, seed: seedOption(options, 1) });
    return {
      json: r,
      tables: [{ title: 'CUBA (Brette et al. 2007)', columns: Object.keys(r), rows: [Object.values(r).map((v) => (v === null ? null : Number((v as number).toPrecision(6))))] }],
    };
  },
};
