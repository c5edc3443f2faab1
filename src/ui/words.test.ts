/**
 * Every source of words the page shows, checked for Korean: each English entry has a Korean one
 * with the same placeholders, written in Hangul unless it is only proper names, abbreviations,
 * units or formulas (ALLOWED_LATIN); every option of every menu has a name in both languages; a
 * refusal names the control by its label (never the URL key) and never doubles a word.
 */
import { describe, expect, it } from 'vitest';
import { ExpressionError, parseExpression } from '../core/ann/expression';
import { PointsCsvError, parsePagePoints } from '../core/lab/page-data';
import { SETTINGS, SETTING_KEYS, type SettingField } from '../core/lab/settings';
import { GATE_RULES } from '../core/lessons/circuits';
import { TOUR_STEPS } from '../core/lessons/tour';
import { EXPORT_TEXT } from './export-text';
import { ACCESS_TEXT } from './access-text';
import { INSPECTOR_TEXTS, TEXTS } from './i18n';
import { TEACH_TEXT } from './lesson-text';
import { STATUS_TEXT } from './status';
import { CHOICE_NAMES, EXPRESSION_WORDS, WORDS, choiceName, csvRefusal, expressionRefusal, settingRefusal, urlProblems, word } from './words';

type Pair = { en: string; ko: string };

/** Latin words a Korean text may keep: names, abbreviations, units, function and variable names. */
const ALLOWED_LATIN = new Set([
  'Soma', 'ReLU', 'LIF', 'IF', 'HH', 'ANN', 'SNN', 'JSON', 'CSV', 'Brian2', 'JS', 'SGD', 'Adam', 'SVM', 'XOR', 'English', 'Izhikevich',
  'Hodgkin', 'Huxley', 'WebGL', 'Content', 'Security', 'Policy', 'Kingma', 'Ba', 'Diehl', 'Rueckauer', 'p99', 'ms', 'Hz', 'mV', 'uA', 'cm2', 'mS',
  'tanh', 'exp', 'log', 'relu', 'sigmoid', 'max', 'min', 'lambda', 'softmax', 'svm', 'lr', 'mu', 'sgd', 'momentum', 'adam', 'lif', 'soft', 'rate',
  'L2', 'W1', 'W2', 'b1', 'b2', 'dL', 'dW', 'dV', 'dt', 'du', 'tau_m', 't_ref', 'V_rest', 'V_th', 'g_Na', 'g_K', 'g_L', 'I_Na', 'I_K', 'I_L',
  'JavaScript', 'dx', 'ab', 'L_i', 's_y', 's_j', 'sum', 'sum_j', 'sum_', 'MathML', 'PageDown', 'PageUp', 'Escape', 'Enter', 'RS', 'IB', 'CH', 'FS', 'TC', 'RZ', 'LTS', 'NaN',
  'PyNN', 'NEST', 'NEURON', 'SpiNNaker', 'MPI', 'PNG', 'SVG', 'Shift',
]);

/**
 * The Latin words of a Korean text that are not in ALLOWED_LATIN (single letters and x0-style
 * names pass); code is not prose: formulas ($...$), commands in backticks, file names, a
 * script's command line, and quoted CSV row names are left out.
 */
function untranslated(ko: string): string[] {
  const noMath = ko
    .replace(/\$[^$]*\$/g, ' ').replace(/`[^`]*`/g, ' ').replace(/\{\w+\}/g, ' ')
    .replace(/[\w-]+\.(?:json|py|csv)\b/g, ' ').replace(/python3|\(--target [^)]*\)|--simulator [\w|]+/g, ' ').replace(/"[a-z]+"/g, ' ');
  return (noMath.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []).filter((w) => w.length > 1 && !ALLOWED_LATIN.has(w) && !/^[A-Za-z]_?\d+$/.test(w));
}

/** Every bilingual table of the page, flattened to name -> pair. */
function sources(): Record<string, Pair> {
  const out: Record<string, Pair> = {};
  const add = (prefix: string, table: Record<string, Pair>): void => {
    for (const [k, v] of Object.entries(table)) out[`${prefix}.${k}`] = v;
  };
  for (const k of Object.keys(TEXTS.en.settings) as (keyof typeof TEXTS.en.settings)[]) {
    out[`settings.${k}.label`] = { en: TEXTS.en.settings[k].label, ko: TEXTS.ko.settings[k].label };
    out[`settings.${k}.tip`] = { en: TEXTS.en.settings[k].tip, ko: TEXTS.ko.settings[k].tip };
  }
  for (const k of Object.keys(TEXTS.en.groups) as (keyof typeof TEXTS.en.groups)[]) out[`groups.${k}`] = { en: TEXTS.en.groups[k], ko: TEXTS.ko.groups[k] };
  for (const k of Object.keys(TEXTS.en.ui) as (keyof typeof TEXTS.en.ui)[]) out[`ui.${k}`] = { en: TEXTS.en.ui[k], ko: TEXTS.ko.ui[k] };
  for (const k of Object.keys(INSPECTOR_TEXTS.en) as (keyof typeof INSPECTOR_TEXTS.en)[]) out[`inspector.${k}`] = { en: INSPECTOR_TEXTS.en[k], ko: INSPECTOR_TEXTS.ko[k] };
  add('words', WORDS);
  add('expression', EXPRESSION_WORDS);
  add('teach', TEACH_TEXT);
  add('export', EXPORT_TEXT);
  add('access', ACCESS_TEXT);
  add('status', STATUS_TEXT);
  add('gate', GATE_RULES as Record<string, Pair>);
  for (const [key, names] of Object.entries(CHOICE_NAMES)) add(`choice.${key}`, names as Record<string, Pair>);
  TOUR_STEPS.forEach((s, i) => {
    out[`tour.${i + 1}.title`] = s.title;
    out[`tour.${i + 1}.text`] = s.text;
  });
  return out;
}

describe('Korean everywhere the page has words', () => {
  const all = sources();

  it('every English entry has a Korean one with the same placeholders', () => {
    expect(Object.keys(all).length).toBeGreaterThan(300);
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [k, p] of Object.entries(all)) {
      expect(typeof p.ko, k).toBe('string');
      expect(holes(p.ko), k).toEqual(holes(p.en));
    }
  });

  it('each Korean entry is Korean: no English word left outside names, units and formulas', () => {
    const leftovers = Object.entries(all).flatMap(([k, p]) => untranslated(p.ko).map((w) => `${k}: ${w}`));
    expect(leftovers).toEqual([]);
  });

  it('a Korean entry equal to its English one holds only names, abbreviations and formulas', () => {
    const same = Object.entries(all).filter(([, p]) => p.ko === p.en && /[A-Za-z]{2,}/.test(p.en));
    for (const [k, p] of same) expect(untranslated(p.en), k).toEqual([]);
  });

  it('the check itself finds English: a made-up entry fails it', () => {
    expect(untranslated('학습률: expected a finite number')).toEqual(['expected', 'finite', 'number']);
  });

  it('every option of every menu has a name in both languages (Izhikevich\'s presets are names)', () => {
    for (const key of SETTING_KEYS) {
      const f: SettingField = SETTINGS[key];
      if (f.kind !== 'choice' || key === 'izhPreset') continue;
      for (const c of f.choices) {
        expect(CHOICE_NAMES[key]?.[c], `${key}=${c}`).toBeDefined();
        expect(untranslated(choiceName('ko', key, c)), `${key}=${c}`).toEqual([]);
      }
    }
  });
});

describe('refusals in the reader\'s words', () => {
  const doubled = /(?:^|\s)(\S+)\s+\1(?=\s|$)/u;

  it('a refused value names the control by its label, never the URL key, in either language, without doubled words', () => {
    for (const key of SETTING_KEYS) {
      for (const lang of ['en', 'ko'] as const) {
        const m = settingRefusal(lang, key, 'zzz');
        const label = TEXTS[lang].settings[key].label;
        expect(m.startsWith(`${label}: "zzz"`), m).toBe(true);
        // (a key that is an ordinary word of its label, "neuron", "seed", may appear as that word)
        if (!label.toLowerCase().includes(key.toLowerCase())) expect(m.toLowerCase().includes(key.toLowerCase()), `${lang} ${key}: ${m}`).toBe(false);
        expect(m, m).not.toMatch(doubled);
        expect(m).not.toMatch(/expected/);
        if (lang === 'ko') expect(untranslated(m.replace('zzz', '')), m).toEqual([]);
      }
    }
    expect(settingRefusal('en', 'testFraction', '2')).toBe('Test share: "2" is not allowed; allowed: a number from 0.05 to 0.5');
    expect(settingRefusal('ko', 'tMs', 'x')).toBe('창 T (ms): "x"은(는) 쓸 수 없습니다. 허용: 10 이상 2000 이하의 정수'.replace(' (ms)', ''));
  });

  it('a refused weight in the edge editor names the weight with its units, the value and the range, in both languages', () => {
    const msg = (lang: 'en' | 'ko') => word(lang, 'notAllowed', { label: word(lang, 'edgeTitle', { edge: 'W1[0][2] (x[0] → h[2])' }), value: '"abc"', allowed: word(lang, 'numberRange', { min: -50, max: 50 }) });
    expect(msg('en')).toBe('Weight W1[0][2] (x[0] → h[2]): "abc" is not allowed; allowed: a number from -50 to 50');
    expect(msg('ko')).toBe('가중치 W1[0][2] (x[0] → h[2]): "abc"은(는) 쓸 수 없습니다. 허용: -50 이상 50 이하의 수');
    expect(untranslated(msg('ko').replace('abc', ''))).toEqual([]);
    expect(msg('en')).not.toMatch(doubled);
  });

  it('the link\'s unusable settings, by label', () => {
    expect(urlProblems('ko', [{ key: 'hidden', raw: 'abc', allowed: 'an integer >= 1 and <= 1000' }])).toBe('은닉 유닛 ("abc": 1 이상 1000 이하의 정수)');
  });

  it('every formula error reads in both languages with its details filled', () => {
    const bad = ['(x+y', 'x+#', '', 'foo(x)', 'max(x)', 'exp x', 'x y', '(x+y)*'];
    const reasons = new Set<string>();
    for (const text of bad) {
      let e: unknown;
      try { parseExpression(text); } catch (err) { e = err; }
      expect(e, text).toBeInstanceOf(ExpressionError);
      const x = e as ExpressionError;
      reasons.add(x.reason);
      for (const lang of ['en', 'ko'] as const) {
        const m = expressionRefusal(lang, x);
        expect(m, `${text}: ${m}`).not.toMatch(/\{\w+\}/);
        expect(m).not.toMatch(doubled);
        if (lang === 'ko') expect(untranslated(m), m).toEqual([]);
      }
    }
    expect([...reasons].sort()).toEqual(['arity', 'call', 'empty', 'expected', 'operand', 'trailing', 'unexpected', 'unknownFunction']);
    expect(expressionRefusal('ko', (() => { try { parseExpression('(x+y'); } catch (e) { return e as ExpressionError; } throw new Error('parsed'); })()))
      .toBe('여기에 ")"이(가) 필요합니다 (찾은 것: 식의 끝)');
  });

  it('pasted points: each refusal by line, in both languages', () => {
    const cases: [string, string, string][] = [
      ['0.1,0.2,0\n0.3,oops,1', 'line 2: "oops" is not a number', '2번째 줄: "oops"은(는) 수가 아닙니다'],
      ['0.1,0.2', 'line 1: "0.1,0.2" needs three fields x,y,class', '1번째 줄: "0.1,0.2"에는 x,y,클래스 세 값이 필요합니다'],
      ['x,y,c\n1.5,0,0', 'line 2: the point (1.5, 0) lies outside the plane [-1, 1] × [-1, 1]', '2번째 줄: 점 (1.5, 0)이(가) 평면 [-1, 1] × [-1, 1] 밖에 있습니다'],
      ['0,0,1.5', 'line 1: class 1.5 is not one of 0 to 3', '1번째 줄: 클래스 1.5은(는) 0부터 3까지의 정수가 아닙니다'],
      ['\n\n', 'no points: paste lines x,y,class', '점이 없습니다: x,y,클래스 줄을 붙여 넣으세요'],
    ];
    for (const [text, en, ko] of cases) {
      let e: unknown;
      try { parsePagePoints(text); } catch (err) { e = err; }
      expect(e, text).toBeInstanceOf(PointsCsvError);
      expect(csvRefusal('en', e as PointsCsvError)).toBe(en);
      expect(csvRefusal('ko', e as PointsCsvError)).toBe(ko);
    }
  });
});

describe('pasted points are taken as typed', () => {
  it('values kept exactly (no rescaling), a header skipped, the plane\'s edge included', () => {
    expect(parsePagePoints('x,y,class\n0.5, -0.25, 0\n-1,1,3\n')).toEqual([{ x: 0.5, y: -0.25, c: 0 }, { x: -1, y: 1, c: 3 }]);
  });
  it('more than the page holds is refused', () => {
    expect(() => parsePagePoints(Array.from({ length: 401 }, () => '0,0,0').join('\n'))).toThrow(/at most 400 points/);
  });
});
