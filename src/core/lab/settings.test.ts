import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { checkParam } from '../bio/declaration';
import { SINGLE_MODELS, SOMA_MODELS } from '../bio/registry';
import { PAGE_SOMA_MODELS, SETTINGS, SETTING_KEYS, checkSetting, defaultSettings, parseSettingsQuery, settingsToQuery, somaParamNote, type NumberField, type SettingField } from './settings';

describe('settings table and URL state', () => {
  it('an empty query gives the defaults and no problems', () => {
    const { settings, problems } = parseSettingsQuery('');
    expect(problems).toEqual([]);
    expect(settings).toEqual(defaultSettings());
  });

  it('round-trips every changed setting through the query', () => {
    const s = defaultSettings();
    s.dataset = 'moons';
    s.hidden = 17;
    s.lr = 0.003;
    s.activation = 'soft-lif';
    s.soma = 'izhikevich';
    s.tMs = 350;
    s.perf = true;
    s.lang = 'ko';
    s.pts = [
      { x: 0.5, y: -0.25, c: 1 },
      { x: -1, y: 1, c: 3 },
    ];
    const query = settingsToQuery(s);
    const back = parseSettingsQuery(query);
    expect(back.problems).toEqual([]);
    expect(back.settings).toEqual(s);
    // Defaults are left out: the link stays short.
    expect(query).not.toContain('seed=');
  });

  it('round-trips an Izhikevich preset with a parameter set back to its default value (found by fuzzing)', () => {
    // The link names the preset, so a, b, c, d left out come from the preset: b = 0.2 must be written.
    for (const query of ['izhPreset=RZ&izhB=0.2', 'izhPreset=IB&izhC=-65', 'izhPreset=FS&izhD=8']) {
      const first = parseSettingsQuery(query).settings;
      const back = parseSettingsQuery(settingsToQuery(first));
      expect(back.problems).toEqual([]);
      expect(back.settings).toEqual(first);
    }
    expect(settingsToQuery(parseSettingsQuery('izhPreset=FS').settings)).toBe('izhPreset=FS');
  });

  it('a broken field falls back to its default, names itself, and leaves the good ones alone', () => {
    const { settings, problems } = parseSettingsQuery('hidden=abc&lr=0.2&dataset=mnist&bogus=1&tMs=5&pts=0,0,9');
    expect(settings.hidden).toBe(SETTINGS.hidden.default);
    expect(settings.lr).toBe(0.2);
    expect(settings.dataset).toBe('spiral');
    expect(settings.tMs).toBe(200);
    expect(settings.pts).toEqual([]);
    expect(problems.map((p) => p.key).sort()).toEqual(['bogus', 'dataset', 'hidden', 'pts', 'tMs']);
    expect(problems.find((p) => p.key === 'hidden')!.allowed).toBe('an integer >= 1 and <= 1000');
    expect(problems.find((p) => p.key === 'dataset')!.allowed).toContain('one of spiral, xor');
  });

  it('integers refuse fractions, numbers refuse empty text and infinities', () => {
    expect(parseSettingsQuery('hidden=3.5').problems).toHaveLength(1);
    expect(parseSettingsQuery('lr=').problems).toHaveLength(1);
    expect(parseSettingsQuery('lr=Infinity').problems).toHaveLength(1);
    expect(parseSettingsQuery('lr=1e-3').settings.lr).toBe(0.001);
  });

  it('checkSetting throws ParameterError naming the control, the value and the range', () => {
    expect(checkSetting('hidden', '12')).toBe(12);
    expect(() => checkSetting('hidden', '0')).toThrow(ParameterError);
    expect(() => checkSetting('lr', 'fast')).toThrow('lr = "fast" is not allowed: expected a finite number >= 0.00001 and <= 10');
    expect(() => checkSetting('soma', 'squid')).toThrow(/one of lif, izhikevich, hh/);
  });

  it('every default is allowed by its own field', () => {
    for (const key of SETTING_KEYS) {
      const q = new URLSearchParams();
      const f = SETTINGS[key];
      if (f.kind === 'points') continue;
      q.set(key, f.kind === 'boolean' ? (f.default ? '1' : '0') : String(f.default));
      expect(parseSettingsQuery(q).problems, key).toEqual([]);
    }
  });
});

describe('settings query: names of built-in object properties', () => {
  it('are unknown settings, reported, never looked up on the prototype', () => {
    const { settings, problems } = parseSettingsQuery('constructor=1&toString=2&__proto__=3&hasOwnProperty=4&hidden=20');
    expect(problems.map((p) => p.key)).toEqual(['constructor', 'toString', '__proto__', 'hasOwnProperty']);
    expect(settings.hidden).toBe(20);
    expect(Object.getPrototypeOf(settings)).toBe(Object.prototype);
  });
});

describe('soma rows read the soma model declarations', () => {
  it('each linked row has the declared default and unit, and a page range inside the declared range', () => {
    const linked = SETTING_KEYS.filter((k) => { const f: SettingField = SETTINGS[k]; return f.kind === 'number' && f.soma?.key !== undefined; });
    expect(linked.sort()).toEqual(['hhGK', 'hhGL', 'hhGNa', 'izhA', 'izhB', 'izhC', 'izhD', 'refractoryMs', 'tauMs']);
    for (const key of linked) {
      const f = SETTINGS[key] as NumberField;
      const p = SOMA_MODELS[f.soma!.model].params.find((q) => q.key === f.soma!.key)!;
      expect(f.default, key).toBe(p.default);
      if (f.unit !== undefined) expect(f.unit.replace('²', '2'), key).toBe(p.unit);
      // the whole page range is accepted by the model's declared range
      expect(() => checkParam(p, f.min), key).not.toThrow();
      expect(() => checkParam(p, f.max), key).not.toThrow();
    }
    for (const m of PAGE_SOMA_MODELS) expect(SINGLE_MODELS[m], m).toBeDefined();
    expect(somaParamNote(SETTINGS.tauMs)).toBe('lif.tau_ms [ms]: > 0');
    expect(somaParamNote(SETTINGS.hhGNa)).toBe('hh.g_na [mS/cm2]: >= 0');
    expect(somaParamNote(SETTINGS.hidden)).toBe('');
  });
});
