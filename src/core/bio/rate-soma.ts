/**
 * Rate somas: no spikes, the output is a function of the present input, the twins of the
 * spiking somas (rate.ts): identity (the artificial neuron's soma), ReLU, LIF rate and soft-LIF.
 * Output in the function's unit (Hz for the LIF rates).
 */
import { checkChoice, checkNumber } from '../errors';
import { LIF_DEFAULTS, lifRate, relu, softLifRate, type LifRateParams } from './rate';
import type { SomaDeclaration } from './declaration';
import { checkLifParams } from './lif';
import { type FiredBuffer, type SomaModel } from './soma';

/** Rate functions a RateSoma can apply (identity: the artificial neuron's soma). */
export const RATE_FUNCTIONS = ['identity', 'relu', 'lif-rate', 'soft-lif'] as const;
/** One of RATE_FUNCTIONS. */
export type RateFunction = (typeof RATE_FUNCTIONS)[number];

/** A population of rate neurons: output = f(input), no spikes. */
export class RateSoma implements SomaModel {
  readonly spiking = false;
  readonly inputUnit: string;
  /** Output per neuron (the rate function of the input); length size. */
  readonly output: Float64Array;
  readonly state: Readonly<Record<string, Float64Array>>;
  /** LIF parameters of `lif-rate` and `soft-lif` (the defaults for the others). */
  readonly lif: LifRateParams;
  private readonly fn: (x: number) => number;

  /**
   * @param fn which rate function
   * @param lif LIF parameters for `lif-rate` and `soft-lif`
   * @param sigmaMv smoothing of `soft-lif` (mV)
   */
  constructor(readonly size: number, readonly rateFunction: RateFunction = 'identity', lif: Partial<LifRateParams> = {}, readonly sigmaMv = 1) {
    checkChoice('rate_function', rateFunction, RATE_FUNCTIONS);
    const p = rateFunction === 'lif-rate' || rateFunction === 'soft-lif' ? checkLifParams({ ...LIF_DEFAULTS, ...lif }) : LIF_DEFAULTS;
    this.lif = p;
    checkNumber('sigma_mv', sigmaMv, { min: 0, minExclusive: true });
    this.fn = rateFunction === 'identity' ? (x) => x : rateFunction === 'relu' ? relu : rateFunction === 'lif-rate' ? (x) => lifRate(x, p) : (x) => softLifRate(x, sigmaMv, p);
    this.inputUnit = rateFunction === 'identity' || rateFunction === 'relu' ? 'any (weighted sum)' : 'mV (drive R*I)';
    this.output = new Float64Array(size);
    this.state = { output: this.output };
  }

  get model(): string {
    return this.rateFunction;
  }

  /** Rate somas have no membrane: `v` is their output. */
  get v(): Float64Array {
    return this.output;
  }

  checkDt(dtMs: number): void {
    checkNumber('dt_ms', dtMs, { min: 0, minExclusive: true });
  }

  step(_dtMs: number, _tMs: number, input: Float64Array, _fired: FiredBuffer): number {
    for (let i = 0; i < this.size; i++) this.output[i] = this.fn(input[i]);
    return 0;
  }

  reset(): void {
    this.output.fill(0);
  }
}

const rateParams = (v: Record<string, unknown>): LifRateParams => ({
  tauMs: v.tau_ms as number, vRestMv: v.v_rest_mv as number, vResetMv: v.v_reset_mv as number, vThreshMv: v.v_thresh_mv as number, refractoryMs: v.refractory_ms as number,
});

/** The rate somas' declaration (registry.ts): one model, the function a parameter. */
export const RATE_DECLARATION: SomaDeclaration = {
  name: 'rate',
  instanceModels: RATE_FUNCTIONS,
  title: 'rate neuron',
  summary: 'output = f(input), no spikes: identity, relu, lif-rate (the LIF closed form) or soft-lif',
  spiking: false,
  inputUnit: 'any (identity, relu); mV (drive R*I) for the LIF rates',
  single: false,
  params: [
    { key: 'rate_function', field: 'rateFunction', unit: '', default: 'identity', choices: RATE_FUNCTIONS, description: 'the function of the input' },
    { key: 'tau_ms', field: 'tauMs', unit: 'ms', default: LIF_DEFAULTS.tauMs, min: 0, minExclusive: true, description: 'LIF rates: membrane time constant' },
    { key: 'v_rest_mv', field: 'vRestMv', unit: 'mV', default: LIF_DEFAULTS.vRestMv, description: 'LIF rates: resting potential' },
    { key: 'v_reset_mv', field: 'vResetMv', unit: 'mV', default: LIF_DEFAULTS.vResetMv, description: 'LIF rates: reset potential' },
    { key: 'v_thresh_mv', field: 'vThreshMv', unit: 'mV', default: LIF_DEFAULTS.vThreshMv, description: 'LIF rates: threshold' },
    { key: 'refractory_ms', field: 'refractoryMs', unit: 'ms', default: LIF_DEFAULTS.refractoryMs, min: 0, description: 'LIF rates: refractory period' },
    { key: 'sigma_mv', field: 'sigmaMv', unit: 'mV', default: 1, min: 0, minExclusive: true, description: 'soft-lif: smoothing of the threshold' },
  ],
  state: [{ variable: 'output', unit: 'the function\'s (Hz for the LIF rates)', initial: '0' }],
  presets: [],
  dtMs: 0.1,
  durationMs: 1000,
  defaultInput: 0,
  create: (size, v) => new RateSoma(size, v.rate_function as RateFunction, rateParams(v), v.sigma_mv as number),
  read: (soma) => {
    const s = soma as RateSoma, p = s.lif;
    return { rate_function: s.rateFunction, tau_ms: p.tauMs, v_rest_mv: p.vRestMv, v_reset_mv: p.vResetMv, v_thresh_mv: p.vThreshMv, refractory_ms: p.refractoryMs, sigma_mv: s.sigmaMv };
  },
  rateHz: (x, v) => {
    const f = v.rate_function as RateFunction;
    return f === 'identity' ? x : f === 'relu' ? relu(x) : f === 'lif-rate' ? lifRate(x, rateParams(v)) : softLifRate(x, v.sigma_mv as number, rateParams(v));
  },
  equations: () => null,
  spikeOffsets: false,
  pynn: null,
};
