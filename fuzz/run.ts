/**
 * `npm run fuzz [-- --only NAME[,NAME]]`: every fuzz target on SOMA_FUZZ_RUNS inputs (default
 * 10,000; SOMA_FUZZ_SEED fixes the seed), one JSON line per target: runs, failures, seconds,
 * slowest input against its bound, and the shrunk counterexample of a failure. Exit status 1
 * when any target failed.
 */
import { parseArgs } from 'node:util';
import { fuzzSettings, runTarget } from './target';
import { TARGETS } from './targets';

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only?.split(',');
const { runs, seed } = fuzzSettings(10_000);
let failed = 0;
for (const target of TARGETS) {
  if (only && !only.includes(target.name)) continue;
  const report = await runTarget(target, runs, seed);
  failed += report.failures;
  process.stdout.write(JSON.stringify(report) + '\n');
}
process.exitCode = failed ? 1 : 0;
