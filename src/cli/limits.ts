/**
 * How much work one command may be asked for. Checked before anything runs, so a typo such as
 * `--dt 1e-9` is refused at once (one line, status 2) instead of running for hours or running
 * out of memory. Stated in each command's --help.
 */
import { ParameterError } from '../core/errors';

export const LIMITS = {
  /** Time steps of one run: 10^7 (one neuron: about a minute at worst). */
  steps: 10_000_000,
  /** Neurons x steps of one network run: 2 x 10^10 (CUBA, 4,000 neurons for 1 s at 0.1 ms, is 4 x 10^7). */
  neuronSteps: 2e10,
  /** Synapses held in memory: 10^8 (about 0.4 GB of indices; CUBA at p = 0.02 up to 70,710 neurons). */
  synapses: 1e8,
  /** Rows of a generated data set (points x classes): 10^7 (160 MB of 2-D points). */
  rows: 1e7,
  /** Numbers one pass of a data set holds through the network, rows x (inputs + hidden + classes): 5 x 10^7 (400 MB). */
  batchNumbers: 5e7,
  /** Multiply-adds of a whole-network gradient check, two forward passes per weight: 10^10 (about a minute). */
  gradcheckMultiplyAdds: 1e10,
} as const;

/** The limits as --help states them. */
export const LIMITS_HELP = `at most ${LIMITS.steps.toExponential(0)} steps (duration / dt), ${LIMITS.neuronSteps.toExponential(0)} neuron-steps, ${LIMITS.synapses.toExponential(0)} synapses`;

/**
 * Checks a run of `durationMs` at `dtMs` for `neurons` neurons: at least one step, at most
 * LIMITS.steps steps and LIMITS.neuronSteps neuron-steps. Returns the number of steps.
 */
export function checkRunLength(durationMs: number, dtMs: number, neurons = 1): number {
  if (dtMs > durationMs) throw new ParameterError('--dt', dtMs, `at most --duration (${durationMs} ms): a run of at least one step`);
  const steps = Math.round(durationMs / dtMs);
  if (steps > LIMITS.steps) throw new ParameterError('--dt', dtMs, `at least ${(durationMs / LIMITS.steps).toPrecision(3)} ms for --duration ${durationMs} ms (at most ${LIMITS.steps.toExponential(0)} steps)`);
  if (steps * neurons > LIMITS.neuronSteps) {
    throw new ParameterError('--duration', durationMs, `at most ${((LIMITS.neuronSteps / neurons) * dtMs).toPrecision(3)} ms for ${neurons} neurons at dt ${dtMs} ms (at most ${LIMITS.neuronSteps.toExponential(0)} neuron-steps)`);
  }
  return steps;
}

/** Checks that `synapses` expected synapses fit in memory (LIMITS.synapses). */
export function checkSynapses(parameter: string, value: number, synapses: number): void {
  if (synapses > LIMITS.synapses) throw new ParameterError(parameter, value, `a network of at most ${LIMITS.synapses.toExponential(0)} synapses (this one would have ${synapses.toExponential(2)})`);
}

/**
 * Checks that `rows` rows fit through layers of `widths` units (inputs, hidden, classes) at once
 * within LIMITS.batchNumbers; `parameter`/`value` name the option to change.
 */
export function checkBatchNumbers(parameter: string, value: unknown, rows: number, widths: readonly number[]): void {
  const numbers = rows * widths.reduce((a, b) => a + b, 0);
  if (numbers > LIMITS.batchNumbers) {
    throw new ParameterError(parameter, value, `a batch of at most ${LIMITS.batchNumbers.toExponential(0)} numbers through the network (${rows} rows x ${widths.join(' + ')} units is ${numbers.toExponential(2)}): fewer hidden units or points`);
  }
}

/**
 * Checks a gradient check's work: two forward passes of `rows` rows through layers of `widths`
 * units for each of the network's weights and biases, within LIMITS.gradcheckMultiplyAdds.
 */
export function checkGradcheckWork(parameter: string, value: unknown, rows: number, widths: readonly number[]): void {
  let entries = 0, perRow = 0;
  for (let l = 1; l < widths.length; l++) {
    entries += (widths[l - 1] + 1) * widths[l];
    perRow += widths[l - 1] * widths[l];
  }
  const work = 2 * entries * rows * perRow;
  if (work > LIMITS.gradcheckMultiplyAdds) {
    throw new ParameterError(parameter, value, `a gradient check of at most ${LIMITS.gradcheckMultiplyAdds.toExponential(0)} multiply-adds (${entries} weights x 2 passes over ${rows} rows is ${work.toExponential(2)}): fewer hidden units or points`);
  }
}
