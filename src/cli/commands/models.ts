/**
 * `soma models`: every soma model of the registry (src/core/bio/registry.ts) with its parameters,
 * units, defaults and allowed ranges, state, presets and rate twin, read from the declarations.
 */
import { describeParam, resolveValues } from '../../core/bio/declaration';
import { SOMA_MODELS } from '../../core/bio/registry';
import { ParameterError } from '../../core/errors';
import { stringOption } from '../args';
import type { Command } from '../command';

export const modelsCommand: Command = {
  name: 'models',
  summary: 'the soma models: parameters with units, defaults and allowed ranges, state, presets, rate twin',
  examples: ['npx soma models', 'npx soma models --model hh --format json'],
  options: {
    model: { kind: 'string', value: Object.keys(SOMA_MODELS).join('|'), help: 'only this model (default: all)' },
  },
  run(options) {
    const only = stringOption(options, 'model');
    if (only !== undefined && !(only in SOMA_MODELS)) throw new ParameterError('--model', only, `one of ${Object.keys(SOMA_MODELS).join(', ')}`);
    const decls = Object.values(SOMA_MODELS).filter((d) => only === undefined || d.name === only);
    const models = decls.map((d) => {
      const defaults = resolveValues(d, {});
      return {
        name: d.name,
        cli_name: d.single ? (d.cliName ?? d.name) : null,
        title: d.title,
        summary: d.summary,
        spiking: d.spiking,
        input_unit: d.inputUnit,
        dt_ms: d.dtMs,
        duration_ms: d.durationMs,
        rate_twin: d.rateHz ? 'closed form' : 'measured',
        pynn_cell: d.pynn?.cell ?? null,
        presets: d.presets.map((p) => p.name),
        state: d.state.map((s) => ({ variable: s.variable, unit: s.unit, initial: s.initial })),
        params: d.params.map((p) => ({ name: p.key, unit: p.unit, default: defaults[p.key], allowed: describeParam(p), description: p.description })),
      };
    });
    return {
      json: { models },
      tables: [
        {
          title: 'soma models (src/core/bio/registry.ts)',
          columns: ['model', 'cli', 'title', 'input_unit', 'spiking', 'rate_twin', 'pynn_cell', 'presets'],
          rows: models.map((m) => [m.name, m.cli_name, m.title, m.input_unit, String(m.spiking), m.rate_twin, m.pynn_cell, m.presets.join(' ')]),
        },
        {
          title: 'parameters',
          columns: ['model', 'parameter', 'unit', 'default', 'allowed', 'description'],
          rows: models.flatMap((m) => m.params.map((p) => [m.name, p.name, p.unit, p.default, p.allowed, p.description])),
        },
      ],
    };
  },
};
