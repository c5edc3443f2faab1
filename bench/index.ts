/** The registry of benchmarks: adding one is one file in bench/ and one line here. */
import type { Benchmark } from './benchmark';
import { cubaBenchmark } from './cuba.bench';
import { cubaScalingBenchmark } from './cuba-scaling.bench';
import { cliStartBenchmark } from './cli-start.bench';
import { cubaFirstSecondBenchmark } from './cuba-first-second.bench';
import { convertBenchmark } from './convert.bench';
import { spiralBenchmark } from './spiral.bench';
import { pageBenchmark } from './page.bench';
import { responsivenessBenchmark } from './responsiveness.bench';
import { pageTraceBenchmark } from './page-trace.bench';
import { soakBenchmark } from './soak.bench';

export const BENCHMARKS: Benchmark[] = [
  cubaBenchmark,
  cubaScalingBenchmark,
  cliStartBenchmark,
  cubaFirstSecondBenchmark,
  convertBenchmark,
  spiralBenchmark,
  pageBenchmark,
  responsivenessBenchmark,
  pageTraceBenchmark,
  soakBenchmark,
];
