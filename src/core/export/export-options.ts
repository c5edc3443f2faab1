/**
 * The options every script exporter (Brian2, PyNN) takes, checked in one place, so both refuse the
 * same bad input with the same words (ParameterError naming the option, the value and what is allowed).
 */
import type { Network } from '../bio/network';
import { ParameterError, checkChoice, checkNumber } from '../errors';

export const ARRAY_STORAGES = ['auto', 'inline', 'npz'] as const;
/** Where arrays go: base64 inside the script, a companion .npz, or inline up to a size. */
export type ArrayStorage = (typeof ARRAY_STORAGES)[number];

/** The options the exporters share (each exporter's options interface extends these). */
export interface CommonExportOptions {
  /** Simulated time, ms (> 0); rounded to whole steps as `Network.run` does. */
  durationMs: number;
  /** Array storage (default `auto`). */
  arrays?: ArrayStorage;
  /** `auto`: inline while all arrays together take at most this many bytes (default 1 MiB). */
  inlineLimitBytes?: number;
  /** File name of the companion .npz, looked up beside the script (default `network.npz`). */
  dataFile?: string;
  /** Print every spike's neuron and time as well as the counts (default true). */
  spikeTimes?: boolean;
  /** Seed of the simulator's own random numbers (Poisson sources), integer (default 0). */
  seed?: number;
}

/** The shared options, checked, with their defaults filled in. */
export interface CheckedExportOptions {
  /** The network's time step, ms. */
  dt: number;
  durationMs: number;
  /** round(durationMs / dt), >= 1. */
  steps: number;
  storage: ArrayStorage;
  inlineLimit: number;
  seed: number;
  dataFile: string;
  spikeTimes: boolean;
}

/**
 * Checks the shared options and that `network` can be exported (not yet run, not empty).
 * @param seedMax the largest seed the target simulator accepts (Brian2: 2^32 - 1; PyNN/NEST: 2^31 - 1)
 * @throws ParameterError naming the option
 */
export function checkExportOptions(network: Network, options: CommonExportOptions, seedMax: number): CheckedExportOptions {
  const dt = network.dtMs;
  const durationMs = checkNumber('duration_ms', options.durationMs, { min: 0, minExclusive: true });
  const steps = Math.round(durationMs / dt);
  if (steps < 1) throw new ParameterError('duration_ms', durationMs, `at least one step of dt = ${dt} ms`);
  const storage = checkChoice('arrays', options.arrays ?? 'auto', ARRAY_STORAGES);
  const inlineLimit = checkNumber('inline_limit_bytes', options.inlineLimitBytes ?? 1 << 20, { min: 0 });
  const seed = checkNumber('seed', options.seed ?? 0, { integer: true, min: 0, max: seedMax });
  const dataFile = options.dataFile ?? 'network.npz';
  if (!/^[A-Za-z0-9_.-]+\.npz$/.test(dataFile)) throw new ParameterError('data_file', dataFile, 'a file name ending in .npz (letters, digits, _ . -)');
  const spikeTimes = options.spikeTimes ?? true;
  if (network.stepIndex !== 0) {
    throw new ParameterError('network', `at step ${network.stepIndex}`, 'a network that has not run (export it before running, or after reset())');
  }
  if (network.populations.length === 0) throw new ParameterError('network', 'no populations', 'at least one population');
  return { dt, durationMs, steps, storage, inlineLimit, seed, dataFile, spikeTimes };
}
