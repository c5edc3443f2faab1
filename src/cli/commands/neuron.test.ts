import { describe, expect, it } from 'vitest';
import { lifRate } from '../../core/bio/rate';
import { runCli } from '../cli.test';

describe('soma neuron', () => {
  it('prints exactly the documented JSON fields; LIF spikes at the closed-form interval', async () => {
    const r = await runCli(['neuron', '--model', 'lif', '--current', '20', '--duration', '200', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['model', 'preset', 'params', 'dt_ms', 'duration_ms', 'current', 'spike_times_ms', 'n_spikes', 'rate_hz']);
    expect(j.params).toEqual({ tau_ms: 20, v_rest_mv: -65, v_reset_mv: -65, v_thresh_mv: -50, refractory_ms: 2 });
    const isi = 1000 / lifRate(20);
    expect(j.spike_times_ms[1] - j.spike_times_ms[0]).toBeCloseTo(isi, 5);
    expect(j.n_spikes).toBe(j.spike_times_ms.length);
    expect(j.rate_hz).toBe(j.n_spikes * 5);
  });

  it('runs izhikevich presets with --param overrides, hh and the spiking relu', async () => {
    const izh = JSON.parse((await runCli(['neuron', '--model', 'izhikevich', '--preset', 'FS', '--param', 'scheme=euler', '--current', '10', '--format', 'json'])).stdout);
    expect(izh.params).toMatchObject({ a: 0.1, b: 0.2, c: -65, d: 2, scheme: 'euler', v0: -65, u0: -13 });
    expect(izh.n_spikes).toBe(131); // Brian2 2.5, euler, FS at I = 10 (reference/izhikevich_brian2.json)
    const hh = JSON.parse((await runCli(['neuron', '--model', 'hh', '--current', '10', '--duration', '100', '--format', 'json'])).stdout);
    expect(hh.dt_ms).toBe(0.01);
    expect(hh.n_spikes).toBeGreaterThan(5);
    // the stiff reference (scipy Radau): no spike under -40 uA/cm2 (plain RK4 fired one, then went NaN)
    const hyper = JSON.parse((await runCli(['neuron', '--model', 'hh', '--current', '-40', '--duration', '60', '--format', 'json'])).stdout);
    expect(hyper.n_spikes).toBe(0);
    const relu = JSON.parse((await runCli(['neuron', '--model', 'relu', '--current', '37', '--duration', '1000', '--format', 'json'])).stdout);
    expect(relu.n_spikes).toBe(37);
    const pattern = JSON.parse((await runCli(['neuron', '--model', 'izhikevich', '--preset', 'phasic_spiking', '--format', 'json'])).stdout);
    expect(pattern.n_spikes).toBe(1);
    expect(pattern.current).toBe('0.5 for t > 20 ms');
  });

  it('prints a table by default and help', async () => {
    const r = await runCli(['neuron', '--model', 'lif', '--current', '30', '--duration', '100']);
    expect(r.stdout).toMatch(/lif: \d+ spikes in 100 ms/);
    expect(r.stdout).toMatch(/time_ms/);
    expect((await runCli(['neuron', '--help'])).stdout).toMatch(/--model lif\|izhikevich\|hh\|relu/);
  });

  it('refuses bad input with one line and status 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--model', 'adex'], /--model = "adex" is not allowed/],
      [['--model', 'izhikevich', '--preset', 'XX'], /--preset = "XX"/],
      [['--model', 'lif', '--preset', 'RS'], /--preset = "RS"/],
      [['--param', 'tau_ms'], /--param = "tau_ms" is not allowed: expected key=value/],
      [['--param', 'tau_ms=0'], /tau_ms = 0 is not allowed/],
      [['--param', 'tau=5'], /--param = "tau" is not allowed/],
      [['--param', 'tau_ms=abc'], /--param tau_ms = "abc"/],
      [['--dt', '0'], /--dt = 0 is not allowed/],
      [['--dt=-0.1'], /--dt = -0.1/],
      [['--model', 'hh', '--dt', '0.1'], /dt_ms = 0.1 .*<= 0.05 ms for Hodgkin-Huxley/],
      [['--model', 'izhikevich', '--param', 'scheme=rk2'], /scheme = "rk2"/],
      [['--current', 'NaN'], /--current/],
      [['--model', 'hh', '--current', '-150'], /--current = -150 is not allowed: expected a current from -100 to 200 uA\/cm2 for Hodgkin-Huxley/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['neuron', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });

  it('stops a run whose state stops being finite: one line naming model, neuron, variable and time, status 2', async () => {
    // no conductances: V = -65 - 100 t until e^(-(V+65)/20) in alpha_h overflows at 141.96 ms
    const r = await runCli(['neuron', '--model', 'hh', '--param', 'g_na=0', '--param', 'g_k=0', '--param', 'g_l=0', '--current', '-100', '--duration', '200']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^soma: hh population "neuron": neuron 0 has h = NaN at t = 141\.9\d* ms; the run stopped/);
  });
});
