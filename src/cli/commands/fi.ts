/** `soma fi`: the f-I curve of a soma model, with the closed form where one exists (LIF, ReLU). */
import { fiCurve } from '../../core/bio/single';
import { ParameterError } from '../../core/errors';
import { numberListOption } from '../args';
import type { Command } from '../command';
import { MODEL_OPTION_SPECS, modelFromOptions } from './neuron';

export const fiCommand: Command = {
  name: 'fi',
  summary: 'f-I curve: rate from the mean inter-spike interval at each current, and the closed form',
  examples: [
    'npm run soma -- fi --model lif --currents 10:40:5',
    'npm run soma -- fi --model izhikevich --preset FS --currents 0,5,10,20 --format json',
    'npm run soma -- fi --model hh --currents 0:20:2 --duration 500 --format csv',
  ],
  options: {
    ...MODEL_OPTION_SPECS,
    currents: { kind: 'string', value: 'a,b,c|start:stop:step', help: 'currents, in the model unit (see neuron --help)' },
  },
  run(options) {
    const currents = numberListOption(options, 'currents');
    if (currents === undefined) throw new ParameterError('--currents', undefined, 'a list a,b,c or a range start:stop:step');
    const { model, durationMs, dtMs } = modelFromOptions(options);
    const points = fiCurve(model, currents, durationMs, dtMs).map((p) => ({ current: p.current, rate_hz: p.rateHz, closed_form_hz: p.closedFormHz }));
    return {
      json: { model: model.model, params: model.params, points },
      tables: [
        {
          title: `f-I curve, ${model.model}${model.preset ? ` ${model.preset}` : ''}, ${durationMs} ms at dt ${dtMs} ms (${model.currentUnit})`,
          columns: ['current', 'rate_hz', 'closed_form_hz'],
          rows: points.map((p) => [p.current, p.rate_hz, p.closed_form_hz]),
        },
      ],
    };
  },
};
