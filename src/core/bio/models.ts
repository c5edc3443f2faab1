/**
 * The single-neuron models by name, as the CLI and the page select them: a generic reading of
 * the declarations (declaration.ts, registry.ts). Parameter names, defaults, ranges, presets,
 * default dt and duration and the rate twin all come from the model's declaration; adding a
 * model is its declaration and one registry line, nothing here.
 */
import { ParameterError, checkChoice } from '../errors';
import { resolveValues, type ParamValues, type SomaDeclaration } from './declaration';
import { SINGLE_MODELS } from './registry';
import type { SomaModel } from './soma';
import type { Stimulus } from './stimulus';

/**
 * Single-neuron model names (CLI names; relu = the spiking ReLU). The union is spelled out because
 * other modules key tables by it (experiments/fi.ts); registry.test.ts checks it against the registry.
 */
export type NeuronModelName = 'lif' | 'izhikevich' | 'hh' | 'relu';
/** The single-neuron models of the registry, by CLI name, in registry order. */
export const NEURON_MODELS = Object.keys(SINGLE_MODELS) as readonly NeuronModelName[];

/** A configured single-neuron model: resolved parameters (CLI names) and a soma factory. */
export interface ResolvedModel {
  model: NeuronModelName;
  preset: string | null;
  /** Every parameter with its value, under the CLI's names. */
  params: Record<string, number | string>;
  /** Builds `size` neurons with these parameters. */
  make(size: number): SomaModel;
  /** Default time step (ms) and duration (ms). */
  dtMs: number;
  durationMs: number;
  /** The preset's own time-varying stimulus (2004 presets), else none. */
  stimuli(): Stimulus[];
  /** Closed-form rate (Hz) at a constant current, or null where none exists. */
  closedFormHz(current: number): number | null;
  /** Unit of the current. */
  currentUnit: string;
  /** The model's declaration. */
  declaration: SomaDeclaration;
}

/** Presets by model (CLI names). */
export const PRESETS: Record<NeuronModelName, readonly string[]> = Object.fromEntries(
  Object.entries(SINGLE_MODELS).map(([k, d]) => [k, d.presets.map((p) => p.name)]),
) as unknown as Record<NeuronModelName, readonly string[]>;

/**
 * Resolves a model name, an optional preset and `key=value` parameters (strings, as typed) into
 * checked parameters: the typed values over the preset's over the declared defaults, each checked
 * against its declared range or choices, then the whole set by the model's own constructor.
 * Throws ParameterError for an unknown model, preset or key, or a bad value.
 */
export function resolveModel(modelName: string, preset: string | undefined, raw: Record<string, string>): ResolvedModel {
  const model = checkChoice('--model', modelName, NEURON_MODELS);
  const decl = SINGLE_MODELS[model];
  const names = PRESETS[model];
  if (preset !== undefined && !names.includes(preset)) {
    throw new ParameterError('--preset', preset, names.length ? `one of ${names.join(', ')}` : `no preset (model ${model} has none)`);
  }
  const p = decl.presets.find((q) => q.name === preset);
  const values: ParamValues = resolveValues(decl, raw, p);
  decl.create(0, values); // validates what the declared ranges cannot (V_reset < V_th, c < v_peak)
  const rate = decl.rateHz;
  return {
    model, preset: preset ?? null, params: values, declaration: decl,
    dtMs: p?.dtMs ?? decl.dtMs, durationMs: p?.durationMs ?? decl.durationMs, currentUnit: decl.inputUnit,
    make: (n) => decl.create(n, values),
    stimuli: () => p?.stimuli?.() ?? [],
    closedFormHz: (i) => (rate ? rate(i, values) : null),
  };
}
