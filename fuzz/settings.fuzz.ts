/**
 * Fuzz target: the page's URL state, `parseSettingsQuery` (src/core/lab/settings.ts).
 *
 * Property: it never throws (a bad field falls back to its default and is reported); every
 * setting it returns passes `checkSetting` and reads back to itself; `settingsToQuery`
 * round-trips (custom points to the 3 decimals the URL keeps); and a field given once is
 * accepted exactly when `checkSetting` (the controls' check) accepts it, with the same value.
 */
import fc from 'fast-check';
import {
  SETTINGS, SETTING_KEYS, checkSetting, formatSetting, parseSettingsQuery, settingsToQuery,
  type CustomPoint, type SettingField, type SettingKey, type Settings,
} from '../src/core/lab/settings';
import { BUILTIN_NAMES, nastyToken, randomText } from './arbitraries';
import { ensure, type FuzzTarget, valueOrTypedError } from './target';

/** A valid-looking text for one field: in range, at the bounds, or just outside them. */
function validValue(f: SettingField): fc.Arbitrary<string> {
  switch (f.kind) {
    case 'number': {
      const inside = f.integer ? fc.integer({ min: f.min, max: f.max }) : fc.double({ min: f.min, max: f.max, noNaN: true });
      const edges = fc.constantFrom(f.default, f.min, f.max, f.min - 1, f.max + 1, f.max * 10, f.min + 0.5, -0);
      return fc.oneof({ weight: 4, arbitrary: inside }, { weight: 1, arbitrary: edges }).map(String);
    }
    case 'choice':
      return fc.constantFrom(...f.choices, f.choices[0].toUpperCase(), ` ${f.choices[0]}`);
    case 'boolean':
      return fc.constantFrom('1', '0', 'true', 'false', 'yes', '');
    case 'text':
      return fc.oneof(fc.constantFrom(f.default, 'x=1,y=2', '(x+y)*z', 'a=1e308', 'x=--1'), fc.string({ maxLength: f.maxLength + 5 }), fc.string({ minLength: f.maxLength - 2, maxLength: f.maxLength + 2 }));
    case 'points': {
      const coord = fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), fc.constantFrom(-1, 1, 1.0001, -0));
      const point = fc.tuple(coord, coord, fc.integer({ min: -1, max: 4 })).map((p) => p.join(','));
      return fc.array(point, { maxLength: 405 }).map((ps) => ps.join(';'));
    }
  }
}

const keyArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...SETTING_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom(...BUILTIN_NAMES) },
  { weight: 1, arbitrary: randomText },
);

/** A pair for a key drawn from `keys`: a valid-looking value mostly, an awkward one sometimes. */
const pairFor = (keys: fc.Arbitrary<string>): fc.Arbitrary<[string, string]> => keys.chain((key) => {
  const value = Object.hasOwn(SETTINGS, key)
    ? fc.oneof({ weight: 4, arbitrary: validValue(SETTINGS[key as SettingKey]) }, { weight: 1, arbitrary: nastyToken }, { weight: 1, arbitrary: randomText })
    : fc.oneof(nastyToken, randomText);
  return fc.tuple(fc.constant(key), value);
});
const pairArb = pairFor(keyArb);

/** Settings that act on one another sit in one group (an Izhikevich preset and its a, b, c, d): pairs from one group. */
const GROUPS = [...new Set(SETTING_KEYS.map((k) => SETTINGS[k].group))];
const groupPairs: fc.Arbitrary<[string, string][]> = fc.constantFrom(...GROUPS).chain((g) => fc.array(pairFor(fc.constantFrom(...SETTING_KEYS.filter((k) => SETTINGS[k].group === g))), { maxLength: 6 }));

/** A query: pairs, percent-encoded or raw (raw `&`, `=`, `%` and `+` in values damage it further). */
const queryArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.oneof(fc.array(pairArb, { maxLength: 8 }), groupPairs), fc.boolean(), fc.boolean()).map(([pairs, encode, question]) => (question ? '?' : '') + pairs.map(([k, v]) => (encode ? new URLSearchParams([[k, v]]).toString() : `${k}=${v}`)).join('&')) },
  { weight: 1, arbitrary: randomText },
  { weight: 1, arbitrary: nastyToken },
);

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Equal numbers, NaN equal to itself; -0 and 0 are one value (the URL writes both as 0). */
function sameNumber(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** Two values of a setting are the same. */
function same(key: SettingKey, a: unknown, b: unknown): boolean {
  if (SETTINGS[key].kind === 'points') {
    const pa = a as CustomPoint[], pb = b as CustomPoint[];
    return pa.length === pb.length && pa.every((p, i) => sameNumber(p.x, pb[i].x) && sameNumber(p.y, pb[i].y) && sameNumber(p.c, pb[i].c));
  }
  return typeof a === 'number' && typeof b === 'number' ? sameNumber(a, b) : a === b;
}

/** The settings as the URL keeps them: custom points at 3 decimals. */
function asWritten(s: Settings): Settings {
  return { ...s, pts: s.pts.map((p) => ({ x: round3(p.x), y: round3(p.y), c: p.c })) };
}

export const settingsTarget: FuzzTarget<string> = {
  name: 'settings-query',
  boundMs: 5000,
  testShare: 1,
  arbitrary: queryArb,
  check(query) {
    const { settings, problems } = parseSettingsQuery(query); // any exception fails the property
    for (const p of problems) ensure(typeof p.key === 'string' && typeof p.raw === 'string' && p.allowed.length > 0, `problem without words: ${JSON.stringify(p)}`);
    const written = asWritten(settings);
    for (const key of SETTING_KEYS) {
      const text = formatSetting(key, settings[key]);
      const back = valueOrTypedError(`checkSetting(${key})`, () => checkSetting(key, text));
      ensure(back !== null, () => `${key} = ${JSON.stringify(settings[key])} was accepted from the URL but checkSetting refuses ${JSON.stringify(text)}`);
      ensure(same(key, back.value, written[key]), () => `${key}: ${JSON.stringify(text)} reads back as ${JSON.stringify(back.value)}, not ${JSON.stringify(written[key])}`);
    }
    const again = parseSettingsQuery(settingsToQuery(settings));
    ensure(again.problems.length === 0, () => `settingsToQuery wrote a query with problems: ${JSON.stringify(again.problems)}`);
    for (const key of SETTING_KEYS) ensure(same(key, again.settings[key], written[key]), () => `${key} does not round-trip: ${JSON.stringify(settings[key])} -> ${JSON.stringify(again.settings[key])}`);
    // One reader, two doors: a field given once is accepted by the URL exactly when the control accepts it.
    const params = new URLSearchParams(query);
    const counts = new Map<string, number>();
    for (const [k] of params) counts.set(k, (counts.get(k) ?? 0) + 1);
    for (const [k, n] of counts) {
      if (n !== 1 || !Object.hasOwn(SETTINGS, k)) continue;
      const key = k as SettingKey;
      if (key.startsWith('izh') && key !== 'izhPreset' && params.has('izhPreset')) continue; // the preset fills these
      const raw = params.get(key)!;
      const refused = problems.some((p) => p.key === key);
      const control = valueOrTypedError(`checkSetting(${key})`, () => checkSetting(key, raw));
      if (SETTINGS[key].kind === 'boolean') continue; // a control sends a boolean, not text: its check is lenient
      ensure(refused === (control === null), () => `${key} = ${JSON.stringify(raw)}: the URL ${refused ? 'refuses' : 'accepts'} it, the control ${control === null ? 'refuses' : 'accepts'} it`);
      if (control) ensure(same(key, control.value, settings[key]), () => `${key} = ${JSON.stringify(raw)}: the URL reads ${JSON.stringify(settings[key])}, the control ${JSON.stringify(control.value)}`);
    }
  },
};
