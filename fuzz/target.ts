/**
 * What a fuzz target is and how one is run: an input generator, a property (throws on a
 * violation) and a time bound per input. The property every target shares: the code under test
 * returns a value or throws Soma's typed error (ParameterError, SomaRuntimeError) with a
 * one-line message, never another exception, and never takes longer than the bound.
 */
import fc from 'fast-check';
import { ParameterError, SomaRuntimeError } from '../src/core/errors';

export interface FuzzTarget<T = unknown> {
  name: string;
  /** Longest one input may take, ms (wall clock, on a shared 2-core machine). */
  boundMs: number;
  /** Runs of `npm test` relative to SOMA_FUZZ_RUNS (CLI targets run fewer there). */
  testShare: number;
  arbitrary: fc.Arbitrary<T>;
  /** Throws FuzzFailure (or any other exception) when the property does not hold for `input`. */
  check(input: T): void | Promise<void>;
  /** Counts kept by the target over a run (e.g. inputs accepted and refused), for the report. */
  stats?(): Record<string, number>;
  /** Called once before the first input (temporary files), and once after the last. */
  setup?(): void | Promise<void>;
  teardown?(): void | Promise<void>;
}

/** A property that does not hold: the message says which and why. */
export class FuzzFailure extends Error {
  override readonly name = 'FuzzFailure';
}

/** Throws FuzzFailure with `message` unless `condition` holds. */
export function ensure(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) throw new FuzzFailure(typeof message === 'string' ? message : message());
}

/**
 * Characters that must not reach one line of an error: line breaks, other C0/C1 controls and
 * the bidirectional marks and overrides (a right-to-left override reverses the rest of a line).
 */
export const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Checks that an error is one of Soma's typed errors with a one-line, printable message. */
export function ensureTypedError(e: unknown, what: string): asserts e is ParameterError | SomaRuntimeError {
  if (!(e instanceof ParameterError || e instanceof SomaRuntimeError)) {
    throw new FuzzFailure(`${what} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} instead of a value or a typed error`);
  }
  ensure(!UNPRINTABLE.test(e.message), () => `${what}: the error message has an unprintable character: ${JSON.stringify(e.message)}`);
}

/** Runs `fn`: its value, or null after checking that what it threw is a typed error. */
export function valueOrTypedError<R>(what: string, fn: () => R): { value: R } | null {
  try {
    return { value: fn() };
  } catch (e) {
    ensureTypedError(e, what);
    return null;
  }
}

/** Equal numbers: both NaN, equal, or within `rel` of the larger magnitude. */
export function close(a: number, b: number, rel = 1e-12): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));
}

/** Runs SOMA_FUZZ_RUNS (default `fallback`) and SOMA_FUZZ_SEED (default 20261201), read from the environment. */
export function fuzzSettings(fallback: number): { runs: number; seed: number } {
  const runs = Number(process.env.SOMA_FUZZ_RUNS ?? fallback);
  const seed = Number(process.env.SOMA_FUZZ_SEED ?? 20261201);
  if (!Number.isInteger(runs) || runs < 1) throw new ParameterError('SOMA_FUZZ_RUNS', process.env.SOMA_FUZZ_RUNS, 'an integer >= 1');
  if (!Number.isInteger(seed)) throw new ParameterError('SOMA_FUZZ_SEED', process.env.SOMA_FUZZ_SEED, 'an integer');
  return { runs, seed };
}

/** What one fuzz run of a target measured. */
export interface FuzzReport {
  target: string;
  runs: number;
  failures: number;
  seconds: number;
  /** Slowest input, ms, against the bound. */
  slowest_ms: number;
  bound_ms: number;
  seed: number;
  /** The target's own counts (including the inputs fast-check ran while shrinking a failure). */
  stats?: Record<string, number>;
  /** The shrunk counterexample and its error, when the property failed. */
  counterexample?: string;
  error?: string;
}

/**
 * Runs `target` on `runs` inputs from `seed`, timing each input. fast-check stops at the first
 * failure and shrinks it, so `failures` is 0 or 1.
 */
export async function runTarget<T>(target: FuzzTarget<T>, runs: number, seed: number): Promise<FuzzReport> {
  let slowest = 0;
  const property = fc.asyncProperty(target.arbitrary, async (input) => {
    const t0 = performance.now();
    await target.check(input);
    const ms = performance.now() - t0;
    slowest = Math.max(slowest, ms);
    ensure(ms <= target.boundMs, `took ${ms.toFixed(0)} ms, more than the bound of ${target.boundMs} ms`);
  });
  const t0 = performance.now();
  await target.setup?.();
  let details: fc.RunDetails<[T]>;
  try {
    details = await fc.check(property, { numRuns: runs, seed, endOnFailure: false });
  } finally {
    await target.teardown?.();
  }
  const seconds = (performance.now() - t0) / 1000;
  const report: FuzzReport = { target: target.name, runs: details.numRuns, failures: details.failed ? 1 : 0, seconds: +seconds.toFixed(2), slowest_ms: +slowest.toFixed(1), bound_ms: target.boundMs, seed };
  if (target.stats) report.stats = target.stats();
  if (details.failed) {
    const shown = fc.stringify(details.counterexample);
    report.counterexample = shown.length > 2000 ? `${shown.slice(0, 2000)}... (${shown.length} characters)` : shown;
    report.error = details.errorInstance instanceof Error ? `${details.errorInstance.name}: ${details.errorInstance.message}` : String(details.errorInstance);
  }
  return report;
}
