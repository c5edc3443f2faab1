/**
 * `soma neuron`: one neuron (LIF, Izhikevich, Hodgkin-Huxley or spiking ReLU) under a constant
 * current (or an Izhikevich 2004 preset's own stimulus); prints its spike times and rate.
 */
import { checkHhCurrent, HH_CURRENT_RANGE_UA_CM2 } from '../../core/bio/hh';
import { NEURON_MODELS, PRESETS, resolveModel } from '../../core/bio/models';
import { SINGLE_MODELS } from '../../core/bio/registry';
import { runNeuron } from '../../core/bio/single';
import { choiceOption, keyValueOption, numberOption, stringOption } from '../args';
import type { Command, OptionSpec, ParsedOptions } from '../command';
import { LIMITS_HELP, checkRunLength } from '../limits';

const singles = Object.entries(SINGLE_MODELS);
/** `lif: tau_ms v_rest_mv ...; izhikevich: a b ... scheme=published|euler ...`, from the declarations. */
const paramHelp = singles.filter(([, d]) => d.params.length).map(([k, d]) => `${k}: ${d.params.map((p) => (p.choices ? `${p.key}=${p.choices.join('|')}` : p.key)).join(' ')}`).join('; ');
/** `lif mV (drive R*I), ...` and `20, 10, ...`: the input unit and default input of each model. */
const currentHelp = `constant current: ${singles.map(([k, d]) => `${k} ${d.inputUnit}`).join(', ')} (default ${singles.map(([, d]) => d.defaultInput).join(', ')}; 0 with a 2004 preset)`;
const defaultsHelp = (field: 'dtMs' | 'durationMs') => singles.map(([k, d]) => `${k} ${d[field]}`).join(', ');

/** Options shared by `neuron` and `fi`. */
export const MODEL_OPTION_SPECS: Record<string, OptionSpec> = {
  model: { kind: 'string', value: NEURON_MODELS.join('|'), default: 'lif', help: 'soma model (relu = spiking ReLU: IF without leak, reset by subtraction)' },
  preset: { kind: 'string', value: 'NAME', help: `izhikevich only: ${PRESETS.izhikevich.join(', ')}` },
  param: {
    kind: 'string', value: 'key=value', multiple: true,
    help: `${paramHelp} (units, defaults and ranges: soma models)`,
  },
  duration: { kind: 'string', value: 'MS', help: `simulated time, ms (default ${defaultsHelp('durationMs')}; a 2004 preset its own)` },
  dt: { kind: 'string', value: 'MS', help: `time step, ms (default ${defaultsHelp('dtMs')}; a 2004 preset its own); ${LIMITS_HELP}` },
};

/** Reads model, preset and params from the command line (ParameterError on anything unknown). */
export function modelFromOptions(options: ParsedOptions) {
  const model = resolveModel(choiceOption(options, 'model', NEURON_MODELS, 'lif'), stringOption(options, 'preset'), keyValueOption(options, 'param'));
  const durationMs = numberOption(options, 'duration', model.durationMs, { min: 0, minExclusive: true, max: 1e7 });
  const dtMs = numberOption(options, 'dt', model.dtMs, { min: 0, minExclusive: true });
  checkRunLength(durationMs, dtMs);
  return { model, durationMs, dtMs };
}

export const neuronCommand: Command = {
  name: 'neuron',
  summary: `one neuron (${NEURON_MODELS.join(', ')}) under a current: spike times and rate`,
  examples: [
    'npx soma neuron --model lif --current 20 --duration 200',
    'npx soma neuron --model izhikevich --preset RS --current 10 --format json',
    'npx soma neuron --model izhikevich --preset class_1',
    'npx soma neuron --model hh --current 10 --duration 100 --dt 0.01 --param method=exponential-euler',
  ],
  options: {
    ...MODEL_OPTION_SPECS,
    current: { kind: 'string', value: 'X', help: `${currentHelp}; hh ${HH_CURRENT_RANGE_UA_CM2.min} to ${HH_CURRENT_RANGE_UA_CM2.max}` },
  },
  run(options) {
    const { model, durationMs, dtMs } = modelFromOptions(options);
    const is2004 = model.stimuli().length > 0;
    const fallback = is2004 ? 0 : model.declaration.defaultInput;
    const current = numberOption(options, 'current', fallback);
    if (model.model === 'hh') checkHhCurrent('--current', current);
    const r = runNeuron(model, current, durationMs, dtMs);
    const json = {
      model: model.model,
      preset: model.preset,
      params: model.params,
      dt_ms: dtMs,
      duration_ms: durationMs,
      current: r.current,
      spike_times_ms: r.spikeTimesMs,
      n_spikes: r.nSpikes,
      rate_hz: r.rateHz,
    };
    return {
      json,
      tables: [
        {
          title: `${model.model}${model.preset ? ` ${model.preset}` : ''}: ${r.nSpikes} spike${r.nSpikes === 1 ? '' : 's'} in ${durationMs} ms (${Number(r.rateHz.toPrecision(6))} Hz)`,
          columns: ['parameter', 'value'],
          rows: [...Object.entries(model.params), ['dt_ms', dtMs], ['duration_ms', durationMs], ['current', r.current]],
        },
        { title: 'spikes', columns: ['spike', 'time_ms'], rows: r.spikeTimesMs.map((t, k) => [k + 1, t]) },
      ],
    };
  },
};
