import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.test';

describe('soma cuba', () => {
  it('prints exactly the documented JSON fields', async () => {
    const r = await runCli(['cuba', '--neurons', '500', '--duration', '200', '--seed', '3', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['neurons', 'synapses', 'duration_ms', 'dt_ms', 'spikes', 'rate_hz', 'cv_isi', 'build_ms', 'run_ms']);
    expect(j.neurons).toBe(500);
    // p = 0.02 of 500 x 500 pairs: within 4 binomial standard deviations
    expect(Math.abs(j.synapses - 5000)).toBeLessThan(4 * Math.sqrt(5000 * 0.98));
    expect(j.rate_hz).toBeCloseTo(j.spikes / (500 * 0.2), 9);
    const again = JSON.parse((await runCli(['cuba', '--neurons', '500', '--duration', '200', '--seed', '3', '--format', 'json'])).stdout);
    expect(again.spikes).toBe(j.spikes);
  });

  it('refuses a negative neuron count and dt <= 0', async () => {
    for (const [args, m] of [[['--neurons=-5'], /--neurons = -5/], [['--dt', '0'], /--dt = 0/], [['--neurons', '2.5'], /--neurons = 2.5/]] as const) {
      const r = await runCli(['cuba', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(m);
    }
  });
});
