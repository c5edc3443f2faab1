import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { Rng } from '../random';
import { checkParam, resolveValues, type ParamValues } from './declaration';
import { NEURON_MODELS, resolveModel } from './models';
import { lifRate, relu } from './rate';
import { SOMA_MODELS, SINGLE_MODELS, declarationOf } from './registry';

/** The declared defaults of a model (derived ones computed). */
const defaults = (name: string): ParamValues => resolveValues(SOMA_MODELS[name], {});

describe('soma model registry', () => {
  it('every declaration builds its instances from its defaults, finds them again by their model, and reads back the values', () => {
    for (const [name, d] of Object.entries(SOMA_MODELS)) {
      expect(d.name).toBe(name);
      const values = defaults(name);
      const soma = d.create(3, values, new Rng(1));
      expect(soma.size).toBe(3);
      expect(soma.spiking).toBe(d.spiking);
      expect(declarationOf(soma)).toBe(d);
      expect(d.instanceModels ?? [d.name]).toContain(soma.model);
      // the declared state variables are the instance's state arrays
      expect(Object.keys(soma.state).sort()).toEqual(d.state.map((s) => s.variable).sort());
      // read() gives back what built it, for every parameter it can read
      const read = d.read(soma);
      for (const [k, v] of Object.entries(read)) expect(v, `${name}.${k}`).toEqual(values[k]);
      expect(new Set(d.params.map((p) => p.key)).size).toBe(d.params.length);
    }
  });

  it('the single-neuron models are the CLI names of the models marked single', () => {
    expect([...NEURON_MODELS]).toEqual(['lif', 'izhikevich', 'hh', 'relu']);
    expect(SINGLE_MODELS.relu).toBe(SOMA_MODELS['spiking-relu']);
  });

  it('declared ranges and choices refuse values outside them, naming parameter, value and the range', () => {
    for (const d of Object.values(SOMA_MODELS)) {
      for (const p of d.params) {
        const bad = p.choices ? 'nope' : p.min !== undefined ? p.min - 1 : p.max !== undefined ? p.max + 1 : Number.NaN;
        try {
          checkParam(p, bad);
          throw new Error(`${d.name}.${p.key} accepted ${bad}`);
        } catch (e) {
          expect(e, `${d.name}.${p.key}`).toBeInstanceOf(ParameterError);
          expect((e as ParameterError).parameter).toBe(p.key);
        }
        if (p.minExclusive) expect(() => checkParam(p, p.min)).toThrow(ParameterError);
        expect(checkParam(p, typeof p.default === 'function' ? 0 : p.default)).toBe(typeof p.default === 'function' ? 0 : p.default);
      }
    }
    expect(() => resolveModel('lif', undefined, { tau_ms: '-1' })).toThrow(/tau_ms = -1 is not allowed: expected a finite number > 0/);
    expect(() => resolveModel('hh', undefined, { method: 'euler' })).toThrow(/--param method = "euler" .*rk4, exponential-euler/);
    expect(() => resolveModel('relu', undefined, { v0: '1' })).toThrow(/v0 = 1 .*< 1/);
  });

  it('rate twins: the closed forms of rate.ts at the declared defaults; measured (null) for the others', () => {
    for (const x of [-5, 0, 14, 15.5, 30, 80]) {
      expect(SOMA_MODELS.lif.rateHz!(x, defaults('lif'))).toBe(lifRate(x));
      expect(SOMA_MODELS['spiking-relu'].rateHz!(x, defaults('spiking-relu'))).toBe(relu(x));
      expect(SOMA_MODELS.rate.rateHz!(x, { ...defaults('rate'), rate_function: 'lif-rate' })).toBe(lifRate(x));
    }
    // the rate somas' twin is their own output, for every function
    for (const f of ['identity', 'relu', 'lif-rate', 'soft-lif']) {
      const values = { ...defaults('rate'), rate_function: f, sigma_mv: 2 };
      const soma = SOMA_MODELS.rate.create(3, values);
      const input = Float64Array.from([-3, 16, 40]);
      soma.step(0.1, 0, input, { indices: new Int32Array(3), offsetsMs: new Float64Array(3) });
      for (let i = 0; i < 3; i++) expect(soma.output[i], `${f} at ${input[i]}`).toBe(SOMA_MODELS.rate.rateHz!(input[i], values));
    }
    expect(SOMA_MODELS.izhikevich.rateHz).toBeNull();
    expect(SOMA_MODELS.hh.rateHz).toBeNull();
  });

  it('presets: a 2004 preset sets its parameters, v0 and u0 = b v0, its dt and duration', () => {
    const m = resolveModel('izhikevich', 'class_1', {});
    expect(m.params).toMatchObject({ k1: 4.1, k0: 108 });
    expect(m.params.u0).toBe((m.params.b as number) * (m.params.v0 as number));
    expect(m.dtMs).toBe(0.25);
    expect(m.stimuli().length).toBeGreaterThan(0);
    expect(resolveModel('izhikevich', 'FS', { d: '3' }).params).toMatchObject({ a: 0.1, d: 3 });
  });
});

describe('PyNN hints name real standard cells and parameters', () => {
  // the oracle is PyNN itself (Debian's python3-pynn), when installed
  const py = spawnSync('/usr/bin/python3', ['-c', 'import pyNN.standardmodels.cells'], { encoding: 'utf8' });
  it.skipIf(py.status !== 0)('every hint\'s cell is a PyNN standard cell with those parameters, and each `from` is a declared parameter', () => {
    const script = 'import json, warnings; warnings.filterwarnings("ignore"); import pyNN.standardmodels.cells as c; ' +
      'print(json.dumps({n: sorted(getattr(c, n).default_parameters) for n in dir(c) if hasattr(getattr(c, n), "default_parameters")}))';
    const r = spawnSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const cells = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, string[]>;
    for (const d of Object.values(SOMA_MODELS)) {
      if (!d.pynn) continue;
      expect(Object.keys(cells), d.name).toContain(d.pynn.cell);
      for (const [name, src] of Object.entries(d.pynn.params)) {
        expect(cells[d.pynn.cell], `${d.name}: ${name}`).toContain(name);
        if ('from' in src) expect(d.params.map((p) => p.key), `${d.name}: ${name}`).toContain(src.from);
      }
    }
  });
});
