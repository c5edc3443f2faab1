/**
 * The fuzz targets in `npm test`: a fixed seed (SOMA_FUZZ_SEED, default 20261201) and a modest
 * count (SOMA_FUZZ_RUNS per parser, default 300; a third of it per CLI command). `npm run fuzz`
 * runs the same targets with 10,000 inputs each (fuzz/run.ts).
 */
import { describe, expect, it } from 'vitest';
import { gradientStats } from './expression.fuzz';
import { fuzzSettings, runTarget } from './target';
import { TARGETS } from './targets';

const { runs, seed } = fuzzSettings(300);

describe('fuzz: a value or a typed error, within the time bound', () => {
  for (const target of TARGETS) {
    const n = Math.max(1, Math.round(runs * target.testShare));
    it(`${target.name} (${n} inputs, at most ${target.boundMs} ms each)`, async () => {
      const report = await runTarget(target, n, seed);
      expect(report.error ?? '', report.counterexample).toBe('');
      expect(report.runs).toBe(n);
    }, 600_000);
  }

  it('compares most gradients of the generated expressions (not a pass on nothing)', () => {
    const total = gradientStats.compared + gradientStats.skipped;
    expect(total).toBeGreaterThan(0);
    expect(gradientStats.compared / total).toBeGreaterThan(0.3);
  });
});
