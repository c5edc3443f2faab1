/**
 * Generators shared by the fuzz targets: the awkward values a parser meets (built-in property
 * names, extreme and special numbers, empty and blank text, control and bidirectional
 * characters, lone surrogates, very long text, deep nesting), random text, and a mutator that
 * takes a valid-looking text and damages it a few times (insert, delete, duplicate, replace).
 */
import fc from 'fast-check';

/** Names that are properties of every object: a parser that looks keys up on `{}` trips on them. */
export const BUILTIN_NAMES = ['__proto__', 'constructor', 'toString', 'prototype', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'] as const;

/** Numbers as text that are extreme, special or spelled unusually. */
export const NASTY_NUMBERS = [
  'NaN', 'Infinity', '-Infinity', '1e308', '-1e308', '1.8e308', '1e-320', '5e-324', '-0', '0', '-1', '1e9', '1e21',
  '0x10', '0b11', '1_000', '1,5', '.5', '5.', '+3', '--3', '1e', 'e5', ' 7 ', '9007199254740993', '4294967296', '2147483648',
] as const;

/** Control, format and bidirectional characters (a right-to-left override turns a line around). */
export const NASTY_CHARS = [
  '\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\r\n', '\u000b', '\u001b', '\u007f', '\u0085', '\u00a0',
  '\u061c', '\u200b', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202e', '\u2066', '\u2069', '\ufeff',
  '\ud800', '\udfff', '\ud83d\ude00', '\u0301', '"', "'", '\\', '%', '%00', '%ZZ', '&', '=', ';', ',', '#', '/', '..',
] as const;

/** The awkward values, as one pool of short texts. */
export const NASTY_TOKENS: readonly string[] = [...BUILTIN_NAMES, ...NASTY_NUMBERS, ...NASTY_CHARS, '', ' ', 'null', 'undefined', 'true', '[]', '{}'];

/** One awkward token, or a long run of one (up to 5,000 characters). */
export const nastyToken: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...NASTY_TOKENS) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('9', 'a', '(', '-', ',', '\u202e', ' ', '['), fc.integer({ min: 100, max: 5000 })).map(([c, n]) => c.repeat(n)) },
);

/** Random text of several kinds: printable ASCII, any code unit (lone surrogates included), full Unicode. */
export const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom('0', '1', '9', '.', 'e', '-', '+', ',', ' ', '\n', 'x'), maxLength: 40 }),
);

/** One damage done to a text at a relative position in [0, 1). */
type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number }
  | { op: 'replace'; at: number; length: number; text: string };

const position = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const insertion = fc.oneof({ weight: 3, arbitrary: nastyToken }, { weight: 1, arbitrary: randomText });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: position, text: insertion }),
  fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('replace' as const), at: position, length: fc.integer({ min: 1, max: 6 }), text: insertion }),
);

/** Applies the mutations in order (positions relative to the text's current length). */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let s = text;
  for (const m of mutations) {
    const i = Math.floor(m.at * (s.length + 1));
    if (m.op === 'insert') s = s.slice(0, i) + m.text + s.slice(i);
    else if (m.op === 'delete') s = s.slice(0, i) + s.slice(i + m.length);
    else if (m.op === 'duplicate') s = s.slice(0, i + m.length) + s.slice(i, i + m.length) + s.slice(i + m.length);
    else s = s.slice(0, i) + m.text + s.slice(i + m.length);
  }
  return s;
}

/** A valid-looking text damaged 1 to 4 times. */
export function mutated(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([s, ms]) => mutate(s, ms));
}

/**
 * The inputs of a text parser: `valid` as it is (weight 2), damaged (weight 4), random text
 * (weight 1) and awkward tokens alone (weight 1).
 */
export function parserInput(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: valid },
    { weight: 4, arbitrary: mutated(valid) },
    { weight: 1, arbitrary: randomText },
    { weight: 1, arbitrary: nastyToken },
  );
}

/** A finite double spread over magnitudes (tiny, ordinary, huge), with -0. */
export const wideDouble: fc.Arbitrary<number> = fc.oneof(
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 5e-324, -5e-324, 1e-300, 1e300, -1e300, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53 + 2),
);

/** Text nested `depth` times in `open`/`close` around `inner`. */
export function nest(open: string, close: string, depth: number, inner = ''): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}
