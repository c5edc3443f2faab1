/**
 * Pieces of Python that every part of the Brian2 export writes: numbers that read back as the
 * same double, quoted strings, identifiers, units, and the arrays a script stores (brian2.ts).
 */
import { ParameterError } from '../errors';
import type { NeutralUnit } from '../bio/declaration';
import type { ExportArray } from './brian2-npz';

/** A unit as the script declares it in equations and writes it after a number. */
export interface Unit {
  /** In equations: `volt`, `1`, `amp/meter**2`, `Hz`. */
  decl: string;
  /** After a value: `*mV`, ``, `*uA/cm**2`, `*Hz`. */
  lit: string;
}

/** Brian2's spelling of each unit of the neutral equations (bio/declaration.ts). */
export const BRIAN2_UNITS: Record<NeutralUnit, Unit> = {
  mV: { decl: 'volt', lit: '*mV' },
  ms: { decl: 'second', lit: '*ms' },
  s: { decl: 'second', lit: '*second' },
  Hz: { decl: 'Hz', lit: '*Hz' },
  '1': { decl: '1', lit: '' },
  'uA/cm2': { decl: 'amp/meter**2', lit: '*uA/cm**2' },
  'mS/cm2': { decl: 'siemens/meter**2', lit: '*msiemens/cm**2' },
  'uF/cm2': { decl: 'farad/meter**2', lit: '*uF/cm**2' },
};

/** Formats a finite number so that Python reads back the same double (shortest round trip). */
export function pyNumber(x: number): string {
  if (!Number.isFinite(x)) throw new ParameterError('value', x, 'a finite number');
  return Object.is(x, -0) ? '-0.0' : String(x);
}

/** A single-quoted Python string literal. */
export function pyString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
}

/** Characters that could end a line, a comment or a string early, or reorder what a reader sees. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Text from Soma (a title, a population's name) made safe inside a Python comment or docstring:
 * backslashes doubled (a docstring would read `\N` as an escape), `"""` turned into `'''`, and
 * line breaks, control and bidirectional characters written as visible `\uXXXX`, so no name can
 * end the comment or the docstring and start code.
 */
export function pyText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"""/g, "'''").replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A Brian2-safe identifier from a Soma name (letters, digits, _; starts with a letter), unique in `used`. */
export function identifier(name: string, used: Set<string>): string {
  let id = name.replace(/->/g, '_to_').replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(id)) id = `p${id}`;
  let out = id, k = 2;
  while (used.has(out)) out = `${id}_${k++}`;
  used.add(out);
  return out;
}

/** True when every entry equals the first (and there is one). */
export function uniform(a: ArrayLike<number>): boolean {
  for (let i = 1; i < a.length; i++) if (a[i] !== a[0]) return false;
  return a.length > 0;
}

/** The arrays a script reads, by name. */
export class ScriptBuilder {
  readonly arrays = new Map<string, ExportArray>();

  /** The Python expression of per-neuron (or per-synapse) values: a scalar when all equal, else a stored array. */
  values(name: string, a: ArrayLike<number>, unit: Unit): string {
    if (uniform(a)) return `${pyNumber(a[0])}${unit.lit}`;
    // an Int32Array (indices) is stored as int32, anything else as float64
    const asInt = (a as Int32Array)[Symbol.toStringTag] === 'Int32Array';
    return `${this.array(name, asInt ? (a as Int32Array) : Float64Array.from(a))}${unit.lit}`;
  }

  /** Stores an array and returns the expression that reads it. */
  array(name: string, a: ExportArray): string {
    if (this.arrays.has(name)) throw new ParameterError('array', name, 'a name used once');
    for (let k = 0; k < a.length; k++) if (!Number.isFinite(a[k])) throw new ParameterError(name, a[k], 'finite values');
    this.arrays.set(name, a);
    return `_array(${pyString(name)})`;
  }
}
