/** The registry of benchmarks: adding one is one file in bench/ and one line here. */
import type { Benchmark } from './benchmark';

export const BENCHMARKS: Benchmark[] = [];
