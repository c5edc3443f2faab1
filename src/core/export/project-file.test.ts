import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { defaultSettings, SETTING_KEYS, type Settings } from '../lab/settings';
import { MAX_JSON_DEPTH, MAX_NETWORK_NUMBERS, type NetworkFile } from './network-file';
import { parseProjectFile, parseProjectFileText, projectFile, projectFileText, PROJECT_FILE_VERSION } from './project-file';

/** A lesson: settings away from their defaults, own points, a tour step, and imported weights. */
function lesson(): { settings: Settings; network: NetworkFile; selectedNeuron: number } {
  const settings: Settings = {
    ...defaultSettings(), dataset: 'custom', hidden: 3, lr: 0.0125, optimizer: 'momentum', neuron: 'lif', tauMs: 37, soma: 'izhikevich',
    izhPreset: 'CH', izhA: 0.02, izhB: 0.2, izhC: -50, izhD: 2, lang: 'ko', tour: 7, presenter: true, expr: 'max(x,y)*z', seed: 2147483647,
    pts: [{ x: -0.5, y: 0.25, c: 0 }, { x: 0.125, y: -1, c: 1 }, { x: 1, y: 0.333, c: 2 }],
  };
  const network: NetworkFile = {
    format: 'soma-network', version: 1, model: 'two-layer', activation: 'relu', loss: 'softmax',
    // weights no link can carry: 17 significant digits, tiny and negative values
    layers: [
      { weights: [[0.1, -0.30000000000000004, 1e-300], [2.5, -7.123456789012345, 0]], bias: [0.01, -0.02, 0.03] },
      { weights: [[1, 2, 3], [4, 5, 6], [-1, -2, -3]], bias: [0.5, -0.5, 1e-9] },
    ],
  };
  return { settings, network, selectedNeuron: 4 };
}

describe('project file', () => {
  it('restores exactly what it saved: every setting, the weights bit for bit, the tour step and the selected neuron', () => {
    const state = lesson();
    const text = projectFileText(state, new Date('2026-12-01T00:00:00Z'));
    const back = parseProjectFileText(text);
    for (const k of SETTING_KEYS) expect(back.settings[k], k).toEqual(state.settings[k]);
    expect(back.network).toEqual(state.network);
    expect(back.network!.layers[0].weights[1][1]).toBe(-7.123456789012345);
    expect(back.selectedNeuron).toBe(4);
    expect(back.settings.tour).toBe(7);
    expect(JSON.parse(text).format).toBe('soma-project');
    expect(JSON.parse(text).savedAt).toBe('2026-12-01T00:00:00.000Z');
    // and a project without weights keeps none
    expect(parseProjectFile(projectFile({ ...state, network: null })).network).toBeNull();
  });

  it('a file naming only some settings takes the defaults for the rest', () => {
    const back = parseProjectFile({ format: 'soma-project', version: 1, settings: { hidden: '20' }, network: null, selectedNeuron: -1 });
    expect(back.settings).toEqual({ ...defaultSettings(), hidden: 20 });
  });

  it('refuses a file from a newer Soma naming project.version, before reading the rest', () => {
    const newer = { ...projectFile(lesson()), version: PROJECT_FILE_VERSION + 1, settings: 'a future shape' };
    expect(() => parseProjectFile(newer)).toThrow(ParameterError);
    expect(() => parseProjectFile(newer)).toThrow(/^project\.version = 2 is not allowed: .*newer Soma/);
  });

  it('refuses broken and wrong files naming the field', () => {
    const good = projectFile(lesson()) as unknown as Record<string, unknown>;
    const cases: [unknown, RegExp][] = [
      [{ ...good, format: 'soma-network' }, /^project\.format = "soma-network" is not allowed/],
      [{ ...good, settings: { ...(good.settings as object), hidden: '0' } }, /^project\.settings\.hidden = "0" is not allowed: expected an integer >= 1 and <= 1000/],
      [{ ...good, settings: { wat: '1' } }, /^project\.settings\.wat/],
      [{ ...good, settings: { pts: '0.5,2,0' } }, /^project\.settings\.pts/],
      [{ ...good, selectedNeuron: 1.5 }, /^project\.selectedNeuron = 1\.5/],
      [{ ...good, extra: true }, /^project\.extra = true is not allowed: expected a field of a project file/],
      [{ ...good, network: { ...lesson().network, layers: [{ weights: [[1e308]], bias: [0] }] } }, /^project\.network\.layers\[0\]\.weights\[0\]\[0\]/],
      [[], /^project = \[\]/],
    ];
    for (const [data, message] of cases) expect(() => parseProjectFile(data), String(message)).toThrow(message);
    expect(() => parseProjectFileText('{"format": "soma-project", ')).toThrow(/^project = .*a JSON project file/);
  });

  it('refuses hostile text by its shape before parsing it: nesting, numbers, size', () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect(() => parseProjectFileText(deep)).toThrow(/nesting deeper than 32/);
    const many = `[${'1,'.repeat(MAX_NETWORK_NUMBERS)}1]`;
    expect(() => parseProjectFileText(many)).toThrow(/more than 4000000 numbers/);
    expect(() => parseProjectFileText(' '.repeat(64 * 1024 * 1024 + 1))).toThrow(/at most 64 MB/);
    // a name cannot smuggle anything: strings are data (a __proto__ key sets no prototype)
    const proto = JSON.stringify({ ...projectFile(lesson()), settings: { __proto__: '1' } }).replace('"settings":{}', '"settings":{"__proto__":"1"}');
    expect(() => parseProjectFileText(proto)).toThrow(/^project\.settings\.__proto__/);
  });
});
