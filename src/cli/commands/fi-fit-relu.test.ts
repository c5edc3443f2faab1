import { describe, expect, it } from 'vitest';
import { fitRelu } from '../../core/experiments/relu-fit';
import { runCli } from '../cli.test';

describe('soma fi --fit-relu', () => {
  it('adds the least-squares ReLU of the curve and its error', async () => {
    const r = await runCli(['fi', '--model', 'lif', '--currents', '0:40:2', '--fit-relu', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['model', 'params', 'points', 'relu_fit']);
    expect(Object.keys(j.relu_fit)).toEqual(['threshold', 'slope_hz_per_unit', 'rmse_hz', 'relative_error']);
    const oracle = fitRelu(j.points.map((p: { current: number }) => p.current), j.points.map((p: { rate_hz: number }) => p.rate_hz));
    expect(j.relu_fit.threshold).toBe(oracle.threshold);
    expect(j.relu_fit.slope_hz_per_unit).toBe(oracle.slope);
    for (const p of j.points) expect(p.fitted_relu_hz).toBeCloseTo(oracle.slope * Math.max(0, p.current - oracle.threshold), 12);
    expect(j.relu_fit.relative_error).toBeGreaterThan(0.01);
  });

  it('spiking ReLU fits itself: threshold 0, slope 1 Hz per Hz', async () => {
    const j = JSON.parse((await runCli(['fi', '--model', 'relu', '--currents=-40:200:20', '--fit-relu', '--format', 'json'])).stdout);
    expect(j.relu_fit.threshold).toBeCloseTo(0, 6);
    expect(j.relu_fit.slope_hz_per_unit).toBeCloseTo(1, 3);
  });

  it('without the flag the output is unchanged; the table mode shows the fit', async () => {
    const plain = JSON.parse((await runCli(['fi', '--model', 'lif', '--currents', '10,20', '--format', 'json'])).stdout);
    expect(Object.keys(plain)).toEqual(['model', 'params', 'points']);
    const table = await runCli(['fi', '--model', 'izhikevich', '--currents', '0:20:2', '--fit-relu']);
    expect(table.stdout).toMatch(/fitted ReLU: rate = slope \* max\(0, current - threshold\)/);
  });
});
