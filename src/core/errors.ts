/**
 * One typed error for every bad input in Soma. It names the parameter, the value that was given
 * and what is allowed, so the CLI can print it on one line and the page can show it as a notice
 * beside the control, keeping the last good state.
 */
export class ParameterError extends Error {
  override readonly name = 'ParameterError';
  constructor(
    /** The parameter as the user knows it, e.g. `dt_ms` or `--hidden`. */
    readonly parameter: string,
    /** The offending value, as given. */
    readonly value: unknown,
    /** What is allowed, in words: "a finite number > 0", "one of lif, izhikevich, hh". */
    readonly allowed: string,
  ) {
    // The parameter and the words may quote the input too (a path, a character, a parser's
    // message): escaped as the value is, so the message stays one printable line.
    super(`${escapeUnprintable(parameter)} = ${formatValue(value)} is not allowed: expected ${escapeUnprintable(allowed)}`);
  }
}

/** A failure while running (not bad input): e.g. training diverged. Also printed on one line. */
export class SomaRuntimeError extends Error {
  override readonly name = 'SomaRuntimeError';
  constructor(message: string) {
    super(escapeUnprintable(message));
  }
}

/** Line breaks, other C0/C1 controls and the bidirectional marks, overrides and isolates. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text with every unprintable character (UNPRINTABLE) written as a \uXXXX escape. */
export function escapeUnprintable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Longest value an error message quotes; the rest is elided, so every message stays one short line. */
export const MAX_QUOTED_VALUE = 80;

/**
 * The value as an error quotes it: JSON (control characters escaped), then C1 controls and the
 * bidirectional overrides (a right-to-left override would turn the rest of the line around)
 * escaped too, shortened to MAX_QUOTED_VALUE characters.
 */
export function formatValue(value: unknown): string {
  let s: string;
  if (typeof value === 'number') return String(value);
  if (value === undefined) return '(nothing)';
  try {
    s = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    s = String(value);
  }
  s = escapeUnprintable(s);
  return s.length > MAX_QUOTED_VALUE ? `${s.slice(0, MAX_QUOTED_VALUE - 3)}...` : s;
}

/** Checks that `value` is a finite number within [min, max] (bounds optional, exclusive if asked). */
export function checkNumber(
  parameter: string,
  value: unknown,
  opts: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean; integer?: boolean } = {},
): number {
  const { min, max, minExclusive = false, maxExclusive = false, integer = false } = opts;
  const allowed = describeRange(opts);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ParameterError(parameter, value, allowed);
  if (integer && !Number.isInteger(value)) throw new ParameterError(parameter, value, allowed);
  if (min !== undefined && (minExclusive ? value <= min : value < min)) throw new ParameterError(parameter, value, allowed);
  if (max !== undefined && (maxExclusive ? value >= max : value > max)) throw new ParameterError(parameter, value, allowed);
  return value;
}

function describeRange(opts: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean; integer?: boolean }): string {
  const kind = opts.integer ? 'an integer' : 'a finite number';
  const parts: string[] = [];
  if (opts.min !== undefined) parts.push(`${opts.minExclusive ? '>' : '>='} ${opts.min}`);
  if (opts.max !== undefined) parts.push(`${opts.maxExclusive ? '<' : '<='} ${opts.max}`);
  return parts.length ? `${kind} ${parts.join(' and ')}` : kind;
}

/** Checks that `value` is one of `choices`. */
export function checkChoice<T extends string>(parameter: string, value: unknown, choices: readonly T[]): T {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  throw new ParameterError(parameter, value, `one of ${choices.join(', ')}`);
}
