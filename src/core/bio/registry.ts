/**
 * The soma models, each declared once in its own file (declaration.ts: parameters, state,
 * presets, rate twin, neutral equations). Adding a model is its file plus one line here; the
 * CLI's model table, `resolveModel`, the page's soma panel and the Brian2 exporter read this.
 */
import { ParameterError } from '../errors';
import type { SomaDeclaration } from './declaration';
import { HH_DECLARATION } from './hh';
import { INTEGRATE_DECLARATION } from './integrate';
import { IZHIKEVICH_DECLARATION } from './izhikevich';
import { LIF_DECLARATION } from './lif';
import { RATE_DECLARATION } from './rate-soma';
import type { SomaModel } from './soma';
import { POISSON_DECLARATION, SPIKE_TIMES_DECLARATION } from './sources';
import { SPIKING_RELU_DECLARATION } from './spiking-relu';

/** Every soma model by its declaration name (one line per model). */
export const SOMA_MODELS: Readonly<Record<string, SomaDeclaration>> = {
  lif: LIF_DECLARATION,
  izhikevich: IZHIKEVICH_DECLARATION,
  hh: HH_DECLARATION,
  'spiking-relu': SPIKING_RELU_DECLARATION,
  integrate: INTEGRATE_DECLARATION,
  rate: RATE_DECLARATION,
  poisson: POISSON_DECLARATION,
  'spike-times': SPIKE_TIMES_DECLARATION,
};

/** Declarations by the `model` of their instances (`if-subtract` -> integrate, `lif-rate` -> rate). */
const BY_INSTANCE = new Map<string, SomaDeclaration>(
  Object.values(SOMA_MODELS).flatMap((d) => (d.instanceModels ?? [d.name]).map((m) => [m, d] as const)),
);

/** Every instance model name the registry knows, for messages. */
export const INSTANCE_MODELS: readonly string[] = [...BY_INSTANCE.keys()];

/** The declaration of a soma instance, looked up by its `model`; ParameterError naming `parameter` when none. */
export function declarationOf(soma: SomaModel, parameter = 'soma'): SomaDeclaration {
  const d = BY_INSTANCE.get(soma.model);
  if (!d) throw new ParameterError(parameter, soma.model, `a soma model of the registry: one of ${INSTANCE_MODELS.join(', ')}`);
  return d;
}

/** The single-neuron models by their CLI name (`relu` = spiking-relu), in registry order. */
export const SINGLE_MODELS: Readonly<Record<string, SomaDeclaration>> = Object.fromEntries(
  Object.values(SOMA_MODELS).filter((d) => d.single).map((d) => [d.cliName ?? d.name, d]),
);
