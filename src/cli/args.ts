/** Helpers that turn CLI option strings into checked values, raising ParameterError on bad input. */
import { ParameterError, checkChoice, checkNumber } from '../core/errors';
import { SEED_MAX } from '../core/random';
import { MODELS, modelOfHidden, parseHiddenList, type ModelKind } from '../core/ann/network';
import type { ParsedOptions } from './command';

/** A number option, e.g. `--dt 0.1`. Returns `fallback` when absent. */
export function numberOption(
  options: ParsedOptions,
  name: string,
  fallback: number,
  range: Parameters<typeof checkNumber>[2] = {},
): number {
  const raw = options[name];
  if (raw === undefined) return fallback;
  return checkNumber(`--${name}`, parseNumber(`--${name}`, raw), range);
}

/** `--seed`: an integer in [0, 2^32 - 1], so distinct seeds never alias. */
export function seedOption(options: ParsedOptions, fallback: number): number {
  return numberOption(options, 'seed', fallback, { integer: true, min: 0, max: SEED_MAX });
}

/** A string option restricted to `choices`. */
export function choiceOption<T extends string>(options: ParsedOptions, name: string, choices: readonly T[], fallback: T): T {
  const raw = options[name];
  if (raw === undefined) return fallback;
  return checkChoice(`--${name}`, raw, choices);
}

/** A plain string option. */
export function stringOption(options: ParsedOptions, name: string): string | undefined {
  const raw = options[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new ParameterError(`--${name}`, raw, 'a single value');
  return raw;
}

/** Parses a decimal number, naming the parameter when it is not one. */
export function parseNumber(parameter: string, raw: unknown): number {
  if (typeof raw !== 'string' || raw.trim() === '') throw new ParameterError(parameter, raw, 'a number');
  const x = Number(raw);
  if (!Number.isFinite(x)) throw new ParameterError(parameter, raw, 'a finite number');
  return x;
}

/** A list of numbers: `a,b,c` or a range `start:stop:step` (stop included when reached). */
export function numberListOption(options: ParsedOptions, name: string): number[] | undefined {
  const raw = stringOption(options, name);
  if (raw === undefined) return undefined;
  const parameter = `--${name}`;
  if (raw.includes(':')) {
    const parts = raw.split(':');
    if (parts.length !== 3) throw new ParameterError(parameter, raw, 'a list a,b,c or a range start:stop:step');
    const [start, stop, step] = parts.map((p) => parseNumber(parameter, p));
    if (step <= 0 || stop < start) throw new ParameterError(parameter, raw, 'a range start:stop:step with step > 0 and stop >= start');
    const n = Math.floor((stop - start) / step + 1e-9) + 1;
    if (n > 100_000) throw new ParameterError(parameter, raw, 'at most 100000 values');
    return Array.from({ length: n }, (_, i) => Number((start + i * step).toPrecision(12)));
  }
  return raw.split(',').map((p) => parseNumber(parameter, p));
}

/** `--param key=value` pairs (repeatable; each may also hold several pairs separated by commas). */
export function keyValueOption(options: ParsedOptions, name: string): Record<string, string> {
  const raw = options[name];
  if (raw === undefined) return {};
  const items = (Array.isArray(raw) ? raw : [String(raw)]).flatMap((s) => s.split(','));
  // No prototype: a key such as `__proto__` or `constructor` is an ordinary (unknown) key, refused
  // by the caller's list of known keys, never a property lookup.
  const out: Record<string, string> = Object.create(null);
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0 || eq === item.length - 1) throw new ParameterError(`--${name}`, item, 'key=value');
    const key = item.slice(0, eq).trim();
    if (Object.hasOwn(out, key)) throw new ParameterError(`--${name}`, item, `each key once (${key} is given twice)`);
    out[key] = item.slice(eq + 1).trim();
  }
  return out;
}

/** The shape of a network to train, as `--model` and `--hidden` give it. */
export interface NetworkShape {
  model: ModelKind;
  /** First hidden layer's units (the fallback for linear, where it is unused). */
  hidden: number;
  /** Every hidden layer's units ([] linear, [H] two-layer, [H1, ..., HL] deep). */
  hiddenLayers: number[];
}

/**
 * `--hidden` as a list (`32,16`; `0` = no hidden layer, the linear classifier) and `--model`:
 * the list decides the model (0 layers linear, 1 two-layer, more deep); a `--model` that names
 * another is refused. Without `--hidden`, `--model` (default two-layer) with `fallbackHidden` units.
 */
export function networkShapeOption(options: ParsedOptions, fallbackModel: ModelKind, fallbackHidden: number): NetworkShape {
  const modelRaw = options.model === undefined ? undefined : checkChoice('--model', options.model, MODELS);
  const hiddenRaw = stringOption(options, 'hidden');
  if (hiddenRaw === undefined) {
    const model = modelRaw ?? fallbackModel;
    if (model === 'deep') throw new ParameterError('--model', model, 'deep only with --hidden listing 2 or more layer widths (e.g. --hidden 32,16)');
    return { model, hidden: fallbackHidden, hiddenLayers: model === 'linear' ? [] : [fallbackHidden] };
  }
  const hiddenLayers = parseHiddenList('--hidden', hiddenRaw);
  const model = modelOfHidden(hiddenLayers);
  if (modelRaw !== undefined && modelRaw !== model) {
    throw new ParameterError('--model', modelRaw, `${model} with --hidden ${hiddenRaw} (${hiddenLayers.length} hidden layer${hiddenLayers.length === 1 ? '' : 's'}), or leave --model out`);
  }
  return { model, hidden: hiddenLayers[0] ?? fallbackHidden, hiddenLayers };
}
