import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.test';

describe('soma convert --soma', () => {
  it('JSON: per model the ReLU ANN, the ANN through its f-I curve and its spiking network at each T, with the current map and fit error', async () => {
    const r = await runCli(['convert', '--dataset', 'iris', '--soma', 'izhikevich:FS', '--hidden', '8', '--iters', '200', '--T', '50,100', '--format', 'json']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout).models[0];
    expect(m.soma).toBe('izhikevich:FS');
    expect(m.snn.map((c: { t_ms: number }) => c.t_ms)).toEqual([50, 100]);
    expect(m.fi_ms).toBe(100);
    expect(m.dt_ms).toBe(0.1);
    expect(m.max_fit_error_hz).toBeGreaterThan(0);
    // I_0 + c x data scale is the top of the model's range (30 model units)
    expect(m.current_offset + m.current_scale * m.data_scale).toBeCloseTo(30, 9);
  }, 120_000);
  it('a model whose f-I curve is not monotone is refused before training, in one line naming it, status 2', async () => {
    const r = await runCli(['convert', '--dataset', 'iris', '--soma', 'izhikevich:CH', '--T', '100']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/izhikevich:CH.*not monotone/);
  }, 60_000);
  it('conversion options that do not apply to a soma-model hidden layer are refused', async () => {
    const r = await runCli(['convert', '--dataset', 'iris', '--soma', 'lif', '--neuron', 'lif']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--neuron/);
  });
});
