/**
 * What a soma model declares about itself, once: its parameters (units, defaults, allowed ranges
 * or choices), its state variables, presets, default time step and duration, how to build a
 * population from checked parameters (the update rule stays in the soma class), its rate twin,
 * and its equations in a simulator-neutral form. The CLI's model table, `resolveModel`, the
 * page's soma panel and the Brian2 exporter read declarations through the registry
 * (registry.ts); none of them lists the models itself.
 *
 * The neutral equations follow Brian2's model language (the field's lingua franca for
 * equations with units): `dx/dt = rhs` per state variable, with every quantity in the declared
 * unit; functions are limited to exp, exprel (x/(e^x - 1) inverted: (e^x - 1)/x), clip and int.
 * A Brian2 exporter maps the neutral units to Brian2's; a PyNN exporter reads the `pynn` hint
 * (the standard cell and its parameter translation) instead of the equations.
 */
import { ParameterError, checkChoice, checkNumber } from '../errors';
import type { Rng } from '../random';
import type { SomaModel } from './soma';
import type { Stimulus } from './stimulus';

/** Units of the neutral form: physical units as written, `1` for dimensionless. */
export type NeutralUnit = 'mV' | 'ms' | 's' | 'Hz' | '1' | 'uA/cm2' | 'mS/cm2' | 'uF/cm2';

/** A parameter value: a number, or one of the parameter's choices. */
export type ParamValue = number | string;
/** Parameter values by their CLI name (snake_case). */
export type ParamValues = Record<string, ParamValue>;

/** One declared parameter. */
export interface ParamDeclaration {
  /** The CLI's snake_case name, e.g. `tau_ms`. */
  key: string;
  /** The field of the soma class's parameter object, e.g. `tauMs` (the key itself where none). */
  field: string;
  /** Unit as printed (`ms`, `mV`, `mS/cm2`, `1` for dimensionless, `` for a choice). */
  unit: string;
  /** Default value; a function of the other values for derived defaults (Izhikevich u0 = b v0). */
  default: ParamValue | ((values: ParamValues) => number);
  /** Allowed range of a number (absent: any finite number). */
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** Allowed values of a choice parameter. */
  choices?: readonly string[];
  /** One line: what it is. */
  description: string;
}

/** One state variable of the population (a `SomaModel.state` entry). */
export interface StateDeclaration {
  /** Key in `SomaModel.state`. */
  variable: string;
  unit: string;
  /** Initial value, in words where it depends on the parameters (`v_rest`, `steady state at v0`). */
  initial: string;
}

/** A named preset: parameter values (CLI names) and, optionally, its own run setup. */
export interface PresetDeclaration {
  name: string;
  description: string;
  values: ParamValues;
  dtMs?: number;
  durationMs?: number;
  /** The preset's own time-varying stimulus (fresh objects each call). */
  stimuli?: () => Stimulus[];
}

/** A constant of the neutral equations: name, value, unit. */
export interface NeutralConstant {
  name: string;
  value: number;
  unit: NeutralUnit;
}

/** A variable of the neutral equations: `d<name>/dt = rhs`, or stepped by `update` when rhs is null. */
export interface NeutralVariable {
  name: string;
  unit: NeutralUnit;
  /**
   * Right-hand side of d<name>/dt, or null: changed only by `update`. Constants carry their
   * units, so the expression has the unit of the variable per time (`ms` is the millisecond).
   */
  rhs: string | null;
  /** The derivative is 0 while the neuron is refractory. */
  unlessRefractory?: boolean;
  /** Key of its initial values in `SomaModel.state`, or absent (starts at 0). */
  state?: string;
  note?: string;
}

/**
 * A spiking soma as equations (simulator-neutral): the input current `I_in` (the dendrite's
 * sum, in `input.unit`) enters the right-hand sides or update statements by that name.
 */
export interface NeutralNeuron {
  kind: 'neuron';
  /** One line for the exported group, e.g. `LIF (exact integration)`. */
  title: string;
  /** `continuous`: differential equations; `discrete`: a map applied once per step (`update`). */
  time: 'continuous' | 'discrete';
  variables: NeutralVariable[];
  /** Named expressions of the state (HH's rate functions). */
  subexpressions?: { name: string; expr: string; unit: NeutralUnit; note?: string }[];
  constants: NeutralConstant[];
  /** Statements applied in order once per step before the threshold (the scheme, or the map). */
  update?: string[];
  /** The spike condition, tested after the update. */
  threshold: string;
  /** Statements applied to a neuron that fired, or null. */
  reset: string | null;
  /** A fixed refractory period (ms) or a condition during which the neuron cannot fire again. */
  refractory: { ms: number } | { condition: string } | null;
  /** How the continuous variables are integrated between threshold tests. */
  integration: 'exact' | 'euler' | 'rk4' | 'exponential-euler' | 'map';
  input: {
    unit: NeutralUnit;
    /**
     * Exponential synaptic currents g e^(-t/tau): `ode` enter as dg/dt = -g/tau (integrated with
     * the soma, LIF's exact scheme); `step-factor` enter the step as factor * g and then decay by
     * e^(-dt/tau), as Soma's dendrite feeds them to somas that hold their input over the step.
     */
    exponential: 'ode' | 'step-factor';
    /**
     * Delta synapses: a jump of `variable` (in `unit`) when the spike arrives, discarded while
     * refractory if asked; `buffered`: kept in a `jump` variable that the next update adds first.
     */
    delta: { variable: string; unit: NeutralUnit; notWhileRefractory?: boolean; buffered?: boolean };
  };
  /** State variables that must be 0 at export (e.g. nobody refractory), with what that means. */
  mustBeZero?: { state: string; what: string }[];
}

/** A spike source: Poisson trains at per-neuron rates (Hz), or a list of (neuron, time) spikes. */
export type NeutralSource =
  | { kind: 'poisson'; rateHz: ArrayLike<number> }
  | { kind: 'spike-list'; indices: ArrayLike<number>; timesMs: ArrayLike<number> };

/** The standard PyNN cell a model maps to, and how its parameters translate (for a PyNN exporter). */
export interface PynnHint {
  /** Standard cell type, e.g. `IF_curr_exp`, `Izhikevich`, `HH_cond_exp`. */
  cell: string;
  /** The cell to use instead when the population receives delta synapses (e.g. `IF_curr_delta`). */
  deltaCell?: string;
  /** Synapse kinds `cell` takes (absent: none, a source); another kind arriving makes the export inexact. */
  synapses?: readonly ('exponential' | 'delta')[];
  /** PyNN parameter name -> our CLI parameter name, or a fixed value; `scale` multiplies ours. */
  params: Record<string, { from: string; scale?: number } | { value: number }>;
  /**
   * Parameters computed from several values or the time step (they replace `params`), and the
   * cell's current in nA per unit of the soma's input (bias and exponential weights) when not 1.
   */
  derive?: (values: ParamValues, dtMs: number) => { params: Record<string, number>; currentPerInput?: number; pulseJump?: number };
  /**
   * The jump of the cell's v (mV) that equals one unit of input joining a step's input (a delta
   * synapse with `toInput`, as in converted networks): PyNN adds a delta weight to v after the
   * step, so it decays once more before it acts (1 / decay for V <- decay V + z). Absent: such
   * synapses are refused.
   */
  pulseJump?: number;
  /** nA of the cell's current per unit of the soma's input (default 1; `derive` may override it). */
  currentPerInput?: number;
  /** PyNN state variable -> our state key (initial values), in PyNN's units (mV, mV/ms). */
  initial?: Record<string, string>;
  /** Why the standard cell is not the same model for these values, in one line; null: it is. */
  inexact?: (values: ParamValues) => string | null;
  /** What the standard cell does differently, in words (empty: nothing). */
  caveats: string;
}

/** Everything a soma model declares. */
export interface SomaDeclaration {
  /** Registry key. */
  name: string;
  /** The name the CLI's `--model` uses where it differs (`relu` for spiking-relu). */
  cliName?: string;
  /** The `SomaModel.model` values of its instances (default: [name]). */
  instanceModels?: readonly string[];
  title: string;
  /** One line: the model and its update rule. */
  summary: string;
  spiking: boolean;
  /** Unit of the input the dendrite delivers. */
  inputUnit: string;
  /** Offered as a single-neuron model by `soma neuron`, `soma fi` and `resolveModel`. */
  single: boolean;
  params: readonly ParamDeclaration[];
  state: readonly StateDeclaration[];
  presets: readonly PresetDeclaration[];
  /** Default time step and duration of a single-neuron run, ms. */
  dtMs: number;
  durationMs: number;
  /** Constant input of a single-neuron run when none is given (`soma neuron --current`), input unit. */
  defaultInput: number;
  /**
   * Builds `size` neurons from checked, complete values (throws ParameterError on what the class
   * refuses, e.g. V_reset >= V_th); `rng` for models that draw (sources).
   */
  create(size: number, values: ParamValues, rng?: Rng): SomaModel;
  /** The parameter values of an instance (CLI names). */
  read(soma: SomaModel): ParamValues;
  /** Rate twin: the closed-form f-I curve (Hz at a constant input), or null: measured by simulation. */
  rateHz: ((input: number, values: ParamValues) => number) | null;
  /** Neutral equations of an instance at time step dt, a source, or null (rate somas: none). */
  equations(soma: SomaModel, dtMs: number): NeutralNeuron | NeutralSource | null;
  /** Soma's monitors place spikes inside the step (exact crossing, interpolation, phase). */
  spikeOffsets: boolean;
  pynn: PynnHint | null;
  /** Brian2-specific remarks for the exported script's docstring (`always`, and with delta synapses). */
  brian2Notes?: { always?: (soma: SomaModel) => string[]; delta?: string[] };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The allowed range of a declared parameter, in words (`> 0`, `one of rk4, euler`, `any`). */
export function describeParam(p: ParamDeclaration): string {
  if (p.choices) return `one of ${p.choices.join(', ')}`;
  const parts: string[] = [];
  if (p.min !== undefined) parts.push(`${p.minExclusive ? '>' : '>='} ${p.min}`);
  if (p.max !== undefined) parts.push(`${p.maxExclusive ? '<' : '<='} ${p.max}`);
  return parts.length ? parts.join(' and ') : 'any';
}

/**
 * Checks one value against its declaration: a choice among `choices`, or a finite number in the
 * declared range. ParameterError names the parameter, the value and what is allowed.
 */
export function checkParam(p: ParamDeclaration, value: unknown): ParamValue {
  if (p.choices) return checkChoice(p.key, value, p.choices);
  return checkNumber(p.key, value, { min: p.min, max: p.max, minExclusive: p.minExclusive, maxExclusive: p.maxExclusive });
}

/**
 * Complete, checked values of a declaration: `given` (strings as typed on the command line, or
 * values) over the preset's over the defaults, in declaration order. Unknown keys and values that
 * are not numbers throw ParameterError naming `--param KEY`; out-of-range values name the key.
 */
export function resolveValues(decl: SomaDeclaration, given: Record<string, string | number>, preset?: PresetDeclaration): ParamValues {
  const keys = decl.params.map((p) => p.key);
  for (const k of Object.keys(given)) {
    if (!keys.includes(k)) throw new ParameterError('--param', k, `a parameter of ${decl.cliName ?? decl.name}: one of ${keys.join(', ')}`);
  }
  const out: ParamValues = {};
  const derived: ParamDeclaration[] = [];
  for (const p of decl.params) {
    const raw = given[p.key];
    if (raw !== undefined) {
      if (p.choices) out[p.key] = checkChoice(`--param ${p.key}`, raw, p.choices);
      else if (typeof raw === 'string' && !NUMBER.test(raw.trim())) throw new ParameterError(`--param ${p.key}`, raw, 'a finite number');
      else out[p.key] = checkParam(p, Number(raw));
    } else if (preset && preset.values[p.key] !== undefined) out[p.key] = preset.values[p.key];
    else if (typeof p.default === 'function') derived.push(p);
    else out[p.key] = p.default;
  }
  for (const p of derived) out[p.key] = checkParam(p, (p.default as (v: ParamValues) => number)(out));
  // declaration order, derived ones in place
  return Object.fromEntries(keys.map((k) => [k, out[k]]));
}
