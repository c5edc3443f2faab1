/** The registry of benchmarks: adding one is one file in bench/ and one line here. */
import type { Benchmark } from './benchmark';
import { convertBenchmark } from './convert.bench';
import { spiralBenchmark } from './spiral.bench';

export const BENCHMARKS: Benchmark[] = [
  convertBenchmark,
  spiralBenchmark,
];
