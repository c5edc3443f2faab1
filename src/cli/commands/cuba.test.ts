import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cvIsi } from '../../core/bio/cuba';
import { runCli } from '../cli.test';

describe('soma cuba', () => {
  it('prints exactly the documented JSON fields', async () => {
    const r = await runCli(['cuba', '--neurons', '500', '--duration', '200', '--seed', '3', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['neurons', 'synapses', 'duration_ms', 'dt_ms', 'spikes', 'rate_hz', 'cv_isi', 'build_ms', 'run_ms', 'build_cpu_ms', 'run_cpu_ms']);
    // CPU time (what Brian2's loop time is): a number, and no more than a 2-core machine can spend in the wall time
    expect(j.run_cpu_ms).toBeGreaterThan(0);
    expect(j.run_cpu_ms).toBeLessThan(2 * j.run_ms + 20);
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

  it('--p sets the connection probability: the default is the same run bit for bit, p = 0.005 gives N^2 p synapses', async () => {
    const args = ['cuba', '--neurons', '500', '--duration', '100', '--seed', '2', '--format', 'json'];
    const plain = JSON.parse((await runCli(args)).stdout);
    const p02 = JSON.parse((await runCli([...args, '--p', '0.02'])).stdout);
    const untimed = { build_ms: 0, run_ms: 0, build_cpu_ms: 0, run_cpu_ms: 0 };
    expect({ ...p02, ...untimed }).toEqual({ ...plain, ...untimed });
    const sparse = JSON.parse((await runCli(['cuba', '--neurons', '2000', '--duration', '10', '--p', '0.005', '--format', 'json'])).stdout);
    // 2000^2 x 0.005 = 20,000 pairs expected, within 4 binomial standard deviations
    expect(Math.abs(sparse.synapses - 20000)).toBeLessThan(4 * Math.sqrt(20000 * 0.995));
    const bad = await runCli(['cuba', '--p', '1.5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^soma: --p = 1.5 is not allowed/);
  });

  it('--spikes writes every spike (neuron,t_ms, in time order) that the count, rate and ISI CV were taken from', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'soma-cuba-'));
    try {
      const file = path.join(dir, 'spikes.csv');
      const r = await runCli(['cuba', '--neurons', '500', '--duration', '300', '--seed', '4', '--format', 'json', '--spikes', file]);
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout);
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      expect(lines[0]).toBe('neuron,t_ms');
      const rows = lines.slice(1).map((l) => l.split(',').map(Number));
      expect(rows.length).toBe(j.spikes);
      const trains: number[][] = Array.from({ length: 500 }, () => []);
      let last = -Infinity;
      for (const [i, t] of rows) {
        expect(t).toBeGreaterThanOrEqual(last);
        last = t;
        trains[i].push(t);
      }
      expect(cvIsi(trains.map((t) => Float64Array.from(t)))).toBe(j.cv_isi);
      const missing = await runCli(['cuba', '--neurons', '50', '--spikes', path.join(dir, 'no', 'such', 'x.csv')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^soma: --spikes = .* is not allowed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
