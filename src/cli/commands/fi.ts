/** `soma fi`: the f-I curve of a soma model, with the closed form where one exists (LIF, ReLU). */
import { checkHhCurrent } from '../../core/bio/hh';
import { fiCurve } from '../../core/bio/single';
import { ParameterError } from '../../core/errors';
import { fitReluToCurve } from '../../core/experiments/fi';
import { numberListOption } from '../args';
import type { Command } from '../command';
import { checkRunLength } from '../limits';
import { MODEL_OPTION_SPECS, modelFromOptions } from './neuron';

export const fiCommand: Command = {
  name: 'fi',
  summary: 'f-I curve: rate from the mean inter-spike interval at each current, and the closed form',
  examples: [
    'npx soma fi --model lif --currents 10:40:5',
    'npx soma fi --model izhikevich --preset FS --currents 0,5,10,20 --format json',
    'npx soma fi --model hh --currents 0:20:2 --duration 500 --format csv',
  ],
  options: {
    ...MODEL_OPTION_SPECS,
    currents: { kind: 'string', value: 'a,b,c|start:stop:step', help: 'currents, in the model unit (see neuron --help)' },
    'fit-relu': { kind: 'boolean', help: 'add the ReLU fitted to the curve by least squares (threshold, slope) and its error' },
  },
  run(options) {
    const currents = numberListOption(options, 'currents');
    if (currents === undefined) throw new ParameterError('--currents', undefined, 'a list a,b,c or a range start:stop:step');
    const { model, durationMs, dtMs } = modelFromOptions(options);
    checkRunLength(durationMs, dtMs, currents.length);
    if (model.model === 'hh') currents.forEach((c) => checkHhCurrent('--currents', c));
    const curve = fiCurve(model, currents, durationMs, dtMs);
    const points = curve.map((p) => ({ current: p.current, rate_hz: p.rateHz, closed_form_hz: p.closedFormHz }));
    if (options['fit-relu']) {
      // The bridge's least-squares ReLU (src/core/experiments/fi.ts): rate ~ slope * max(0, I - threshold).
      const { fit, fittedHz } = fitReluToCurve(curve);
      const fitted = points.map((p, i) => ({ ...p, fitted_relu_hz: fittedHz[i] }));
      const relu_fit = { threshold: fit.threshold, slope_hz_per_unit: fit.slope, rmse_hz: fit.rmseHz, relative_error: fit.relativeError };
      return {
        json: { model: model.model, params: model.params, points: fitted, relu_fit },
        tables: [
          {
            title: `f-I curve, ${model.model}${model.preset ? ` ${model.preset}` : ''}, ${durationMs} ms at dt ${dtMs} ms (${model.currentUnit}), with the fitted ReLU`,
            columns: ['current', 'rate_hz', 'closed_form_hz', 'fitted_relu_hz'],
            rows: fitted.map((p) => [p.current, p.rate_hz, p.closed_form_hz, p.fitted_relu_hz]),
          },
          {
            title: 'fitted ReLU: rate = slope * max(0, current - threshold), least squares',
            columns: ['threshold', 'slope_hz_per_unit', 'rmse_hz', 'relative_error'],
            rows: [[fit.threshold, fit.slope, fit.rmseHz, fit.relativeError]],
          },
        ],
      };
    }
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
