/**
 * `soma neuron`: one neuron (LIF, Izhikevich, Hodgkin-Huxley or spiking ReLU) under a constant
 * current (or an Izhikevich 2004 preset's own stimulus); prints its spike times and rate.
 */
import { checkHhCurrent, HH_CURRENT_RANGE_UA_CM2 } from '../../core/bio/hh';
import { NEURON_MODELS, PRESETS, resolveModel } from '../../core/bio/models';
import { runNeuron } from '../../core/bio/single';
import { choiceOption, keyValueOption, numberOption, stringOption } from '../args';
import type { Command, OptionSpec, ParsedOptions } from '../command';

/** Options shared by `neuron` and `fi`. */
export const MODEL_OPTION_SPECS: Record<string, OptionSpec> = {
  model: { kind: 'string', value: NEURON_MODELS.join('|'), default: 'lif', help: 'soma model (relu = spiking ReLU: IF without leak, reset by subtraction)' },
  preset: { kind: 'string', value: 'NAME', help: `izhikevich only: ${PRESETS.izhikevich.join(', ')}` },
  param: {
    kind: 'string', value: 'key=value', multiple: true,
    help: 'lif: tau_ms v_rest_mv v_reset_mv v_thresh_mv refractory_ms; izhikevich: a b c d scheme=published|euler|figure1|figure1-accommodation v0 u0 k2 k1 k0; hh: g_na g_k g_l e_na e_k e_l c_m method=rk4|exponential-euler',
  },
  duration: { kind: 'string', value: 'MS', help: 'simulated time, ms (default 1000; hh 500; a 2004 preset its own)' },
  dt: { kind: 'string', value: 'MS', help: 'time step, ms (default 0.1; hh 0.01; a 2004 preset its own)' },
};

/** Reads model, preset and params from the command line (ParameterError on anything unknown). */
export function modelFromOptions(options: ParsedOptions) {
  const model = resolveModel(choiceOption(options, 'model', NEURON_MODELS, 'lif'), stringOption(options, 'preset'), keyValueOption(options, 'param'));
  const durationMs = numberOption(options, 'duration', model.durationMs, { min: 0, minExclusive: true, max: 1e7 });
  const dtMs = numberOption(options, 'dt', model.dtMs, { min: 0, minExclusive: true });
  return { model, durationMs, dtMs };
}

export const neuronCommand: Command = {
  name: 'neuron',
  summary: 'one neuron (lif, izhikevich, hh, relu) under a current: spike times and rate',
  examples: [
    'npm run soma -- neuron --model lif --current 20 --duration 200',
    'npm run soma -- neuron --model izhikevich --preset RS --current 10 --format json',
    'npm run soma -- neuron --model izhikevich --preset class_1',
    'npm run soma -- neuron --model hh --current 10 --duration 100 --dt 0.01 --param method=exponential-euler',
  ],
  options: {
    ...MODEL_OPTION_SPECS,
    current: { kind: 'string', value: 'X', help: `constant current: lif mV of drive R*I, izhikevich its units, hh uA/cm2 (${HH_CURRENT_RANGE_UA_CM2.min} to ${HH_CURRENT_RANGE_UA_CM2.max}), relu Hz (default 20, 10, 10, 50; 0 with a 2004 preset)` },
  },
  run(options) {
    const { model, durationMs, dtMs } = modelFromOptions(options);
    const is2004 = model.stimuli().length > 0;
    const fallback = is2004 ? 0 : { lif: 20, izhikevich: 10, hh: 10, relu: 50 }[model.model];
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
