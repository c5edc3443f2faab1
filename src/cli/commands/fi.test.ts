import { describe, expect, it } from 'vitest';
import { lifRate, relu } from '../../core/bio/rate';
import { runCli } from '../cli.test';

describe('soma fi', () => {
  it('LIF: the rate from the mean ISI matches the closed form (JSON fields as documented)', async () => {
    const r = await runCli(['fi', '--model', 'lif', '--currents', '10:40:5', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['model', 'params', 'points']);
    expect(j.points.map((p: { current: number }) => p.current)).toEqual([10, 15, 20, 25, 30, 35, 40]);
    for (const p of j.points) {
      expect(Object.keys(p)).toEqual(['current', 'rate_hz', 'closed_form_hz']);
      expect(p.closed_form_hz).toBeCloseTo(lifRate(p.current), 12);
      expect(Math.abs(p.rate_hz - p.closed_form_hz)).toBeLessThanOrEqual(0.005 * p.closed_form_hz + 1e-9);
    }
  });

  it('spiking ReLU: rate = relu(input); models without a closed form give null', async () => {
    const relus = JSON.parse((await runCli(['fi', '--model', 'relu', '--currents=-10,0,20,55.5,100', '--duration', '2000', '--format', 'json'])).stdout);
    for (const p of relus.points) {
      expect(p.closed_form_hz).toBe(relu(p.current));
      expect(Math.abs(p.rate_hz - relu(p.current))).toBeLessThanOrEqual(0.01 * relu(p.current));
    }
    const hh = JSON.parse((await runCli(['fi', '--model', 'hh', '--currents', '0,10', '--duration', '200', '--format', 'json'])).stdout);
    expect(hh.points[0]).toEqual({ current: 0, rate_hz: 0, closed_form_hz: null });
    expect(hh.points[1].rate_hz).toBeGreaterThan(50);
  });

  it('refuses a missing or malformed --currents', async () => {
    for (const args of [[], ['--currents', '1,x'], ['--currents', '5:1:1'], ['--currents', '1:2'], ['--model', 'hh', '--currents', '0,250']]) {
      const r = await runCli(['fi', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--currents/);
    }
  });
});
