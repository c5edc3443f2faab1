import { describe, expect, it } from 'vitest';
import { cvIsi, runCuba } from './cuba';
import reference from './reference/cuba_brian2.json';

describe('CUBA (Brette et al. 2007) against Brian2 2.5', () => {
  it('mean rate and ISI CV within 10% of Brian2 (means over seeds; different random draws)', () => {
    const runs = [1, 2, 3].map((seed) => runCuba({ neurons: 4000, durationMs: 1000, dtMs: 0.1, seed }));
    const rate = runs.reduce((s, r) => s + r.rate_hz, 0) / runs.length;
    const cv = runs.reduce((s, r) => s + (r.cv_isi ?? NaN), 0) / runs.length;
    expect(Math.abs(rate / reference.rate_hz_mean - 1)).toBeLessThan(0.1);
    expect(Math.abs(cv / reference.cv_isi_mean - 1)).toBeLessThan(0.1);
    // the graph is Brian2's: p = 0.02 of 4000 x 4000 pairs
    for (const r of runs) expect(Math.abs(r.synapses - 320000)).toBeLessThan(4 * Math.sqrt(320000 * 0.98));
  });

  it('CV of ISIs: 0 for a regular train, 1 for exponential intervals (large sample)', () => {
    expect(cvIsi([Float64Array.from([0, 10, 20, 30])])).toBe(0);
    let t = 0, x = 12345;
    const train = new Float64Array(100000);
    for (let k = 0; k < train.length; k++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      t += -Math.log((x + 0.5) / 2147483648);
      train[k] = t;
    }
    expect(cvIsi([train])!).toBeCloseTo(1, 1);
    expect(cvIsi([Float64Array.from([1, 2])])).toBeNull();
  });
});
