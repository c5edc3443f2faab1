import { describe, expect, it } from 'vitest';
import { SOMA_MODELS } from '../../core/bio/registry';
import { runCli } from '../cli.test';

describe('soma models', () => {
  it('lists every model of the registry with every declared parameter, its unit, default and range', async () => {
    const r = await runCli(['models', '--format', 'json']);
    expect(r.code).toBe(0);
    const { models } = JSON.parse(r.stdout) as { models: { name: string; params: { name: string; unit: string; default: unknown; allowed: string }[] }[] };
    expect(models.map((m) => m.name)).toEqual(Object.keys(SOMA_MODELS));
    for (const m of models) {
      const d = SOMA_MODELS[m.name];
      expect(m.params.map((p) => p.name)).toEqual(d.params.map((p) => p.key));
      for (const [k, p] of m.params.entries()) {
        expect(p.unit).toBe(d.params[k].unit);
        if (typeof d.params[k].default !== 'function') expect(p.default).toBe(d.params[k].default);
      }
    }
    // the printed ranges are the ones resolveModel enforces
    const lif = models.find((m) => m.name === 'lif')!.params;
    expect(lif.find((p) => p.name === 'tau_ms')!.allowed).toBe('> 0');
    expect(lif.find((p) => p.name === 'refractory_ms')!.allowed).toBe('>= 0');
    expect((await runCli(['neuron', '--param', 'tau_ms=0'])).stderr).toMatch(/tau_ms = 0 is not allowed: expected a finite number > 0/);
    expect((await runCli(['neuron', '--param', 'refractory_ms=0'])).code).toBe(0);
    const izh = models.find((m) => m.name === 'izhikevich')!.params;
    expect(izh.find((p) => p.name === 'u0')!.default).toBe(0.2 * -65); // derived: b v0
    expect(izh.find((p) => p.name === 'scheme')!.allowed).toBe('one of published, euler, figure1, figure1-accommodation');
  });

  it('prints one table row per parameter, and refuses an unknown model naming the choices', async () => {
    const r = await runCli(['models', '--model', 'hh', '--format', 'csv']);
    expect(r.code).toBe(0);
    for (const p of SOMA_MODELS.hh.params) expect(r.stdout).toMatch(new RegExp(`^hh,${p.key},`, 'm'));
    expect(r.stdout).not.toMatch(/^lif,/m);
    const bad = await runCli(['models', '--model', 'adex']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--model = "adex" is not allowed: expected one of lif, izhikevich, hh/);
  });
});
