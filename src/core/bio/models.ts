/**
 * The single-neuron models by name, as the CLI and the page select them: parameter keys (the
 * CLI's snake_case names), presets, defaults, and how to build a population of one from
 * `key=value` strings. Adding a model is one entry here.
 */
import { ParameterError, checkChoice } from '../errors';
import { HhSoma, HH_DEFAULTS, HH_METHODS, type HhParams } from './hh';
import { IZHIKEVICH_2003_PRESETS, IZHIKEVICH_DEFAULTS, IZHIKEVICH_SCHEMES, IzhikevichSoma, type IzhikevichParams } from './izhikevich';
import { IZHIKEVICH_2004_PRESETS, type Izhikevich2004Preset } from './izhikevich-2004';
import { LifSoma } from './lif';
import { LIF_DEFAULTS, lifRate, relu } from './rate';
import type { SomaModel } from './soma';
import type { Stimulus } from './stimulus';
import { SpikingReluSoma } from './spiking-relu';

/** Single-neuron model names of the CLI and the page (relu = the spiking ReLU). */
export const NEURON_MODELS = ['lif', 'izhikevich', 'hh', 'relu'] as const;
/** One of NEURON_MODELS. */
export type NeuronModelName = (typeof NEURON_MODELS)[number];

/** A configured single-neuron model: resolved parameters (CLI names) and a soma factory. */
export interface ResolvedModel {
  model: NeuronModelName;
  preset: string | null;
  /** Every parameter with its value, under the CLI's names. */
  params: Record<string, number | string>;
  /** Builds `size` neurons with these parameters. */
  make(size: number): SomaModel;
  /** Default time step (ms) and duration (ms). */
  dtMs: number;
  durationMs: number;
  /** The preset's own time-varying stimulus (2004 presets), else none. */
  stimuli(): Stimulus[];
  /** Closed-form rate (Hz) at a constant current, or null where none exists. */
  closedFormHz(current: number): number | null;
  /** Unit of the current. */
  currentUnit: string;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function num(key: string, raw: string): number {
  if (!NUMBER.test(raw.trim())) throw new ParameterError(`--param ${key}`, raw, 'a finite number');
  return Number(raw);
}

function checkKeys(model: string, given: Record<string, string>, allowed: readonly string[]): void {
  for (const k of Object.keys(given)) if (!allowed.includes(k)) throw new ParameterError('--param', k, `a parameter of ${model}: one of ${allowed.join(', ')}`);
}

/** Presets by model. */
export const PRESETS: Record<NeuronModelName, readonly string[]> = {
  lif: [],
  izhikevich: [...Object.keys(IZHIKEVICH_2003_PRESETS), ...Object.keys(IZHIKEVICH_2004_PRESETS)],
  hh: [],
  relu: [],
};

/**
 * Resolves a model name, an optional preset and `key=value` parameters (strings, as typed) into
 * checked parameters. Throws ParameterError for an unknown model, preset or key, or a bad value.
 */
export function resolveModel(modelName: string, preset: string | undefined, raw: Record<string, string>): ResolvedModel {
  const model = checkChoice('--model', modelName, NEURON_MODELS);
  if (preset !== undefined && !PRESETS[model].includes(preset)) {
    throw new ParameterError('--preset', preset, PRESETS[model].length ? `one of ${PRESETS[model].join(', ')}` : `no preset (model ${model} has none)`);
  }
  switch (model) {
    case 'lif': {
      const keys = ['tau_ms', 'v_rest_mv', 'v_reset_mv', 'v_thresh_mv', 'refractory_ms'] as const;
      checkKeys(model, raw, keys);
      const g = (k: string, d: number) => (raw[k] !== undefined ? num(k, raw[k]) : d);
      const p = {
        tauMs: g('tau_ms', LIF_DEFAULTS.tauMs), vRestMv: g('v_rest_mv', LIF_DEFAULTS.vRestMv), vResetMv: g('v_reset_mv', LIF_DEFAULTS.vResetMv),
        vThreshMv: g('v_thresh_mv', LIF_DEFAULTS.vThreshMv), refractoryMs: g('refractory_ms', LIF_DEFAULTS.refractoryMs),
      };
      new LifSoma(0, p); // validates
      return {
        model, preset: null, dtMs: 0.1, durationMs: 1000, currentUnit: 'mV (drive R*I)',
        params: { tau_ms: p.tauMs, v_rest_mv: p.vRestMv, v_reset_mv: p.vResetMv, v_thresh_mv: p.vThreshMv, refractory_ms: p.refractoryMs },
        make: (n) => new LifSoma(n, p), stimuli: () => [], closedFormHz: (i) => lifRate(i, p),
      };
    }
    case 'izhikevich': {
      const keys = ['a', 'b', 'c', 'd', 'scheme', 'v0', 'u0', 'k2', 'k1', 'k0'] as const;
      checkKeys(model, raw, keys);
      const p2004: Izhikevich2004Preset | undefined = preset !== undefined && preset in IZHIKEVICH_2004_PRESETS ? IZHIKEVICH_2004_PRESETS[preset as keyof typeof IZHIKEVICH_2004_PRESETS] : undefined;
      const base: IzhikevichParams = {
        ...IZHIKEVICH_DEFAULTS,
        ...(preset !== undefined && preset in IZHIKEVICH_2003_PRESETS ? IZHIKEVICH_2003_PRESETS[preset as keyof typeof IZHIKEVICH_2003_PRESETS] : {}),
        ...(p2004?.params ?? {}),
      };
      const g = (k: keyof IzhikevichParams) => (raw[k] !== undefined ? num(k, raw[k]) : (base[k] as number));
      const scheme = raw.scheme !== undefined ? checkChoice('--param scheme', raw.scheme, IZHIKEVICH_SCHEMES) : base.scheme;
      const p: IzhikevichParams = { a: g('a'), b: g('b'), c: g('c'), d: g('d'), k2: g('k2'), k1: g('k1'), k0: g('k0'), vPeakMv: 30, scheme };
      const v0 = raw.v0 !== undefined ? num('v0', raw.v0) : (p2004?.v0Mv ?? -65);
      const u0 = raw.u0 !== undefined ? num('u0', raw.u0) : (p2004?.u0 ?? p.b * v0);
      new IzhikevichSoma(0, p, v0, u0); // validates
      return {
        model, preset: preset ?? null, dtMs: p2004?.dtMs ?? 0.1, durationMs: p2004?.durationMs ?? 1000, currentUnit: 'model units',
        params: { a: p.a, b: p.b, c: p.c, d: p.d, k2: p.k2, k1: p.k1, k0: p.k0, scheme: p.scheme, v0, u0 },
        make: (n) => new IzhikevichSoma(n, p, v0, u0), stimuli: () => p2004?.stimuli() ?? [], closedFormHz: () => null,
      };
    }
    case 'hh': {
      const names: Record<string, keyof HhParams> = { g_na: 'gNa', g_k: 'gK', g_l: 'gL', e_na: 'eNa', e_k: 'eK', e_l: 'eL', c_m: 'cM', method: 'method' };
      checkKeys(model, raw, Object.keys(names));
      const p: HhParams = { ...HH_DEFAULTS };
      for (const [k, field] of Object.entries(names)) {
        if (raw[k] === undefined) continue;
        if (field === 'method') p.method = checkChoice('--param method', raw[k], HH_METHODS);
        else (p[field] as number) = num(k, raw[k]);
      }
      new HhSoma(0, p); // validates
      return {
        model, preset: null, dtMs: 0.01, durationMs: 500, currentUnit: 'uA/cm2',
        params: { g_na: p.gNa, g_k: p.gK, g_l: p.gL, e_na: p.eNa, e_k: p.eK, e_l: p.eL, c_m: p.cM, method: p.method },
        make: (n) => new HhSoma(n, p), stimuli: () => [], closedFormHz: () => null,
      };
    }
    case 'relu': {
      checkKeys(model, raw, []);
      return {
        model, preset: null, dtMs: 0.1, durationMs: 1000, currentUnit: 'Hz (ReLU input)', params: {},
        make: (n) => new SpikingReluSoma(n), stimuli: () => [], closedFormHz: (i) => relu(i),
      };
    }
  }
}
