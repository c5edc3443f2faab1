/**
 * Rate somas: no spikes, the output is a function of the present input, the twins of the
 * spiking somas (rate.ts): identity (the artificial neuron's soma), ReLU, LIF rate and soft-LIF.
 * Output in the function's unit (Hz for the LIF rates).
 */
import { checkChoice, checkNumber } from '../errors';
import { LIF_DEFAULTS, lifRate, relu, softLifRate, type LifRateParams } from './rate';
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
  private readonly fn: (x: number) => number;

  /**
   * @param fn which rate function
   * @param lif LIF parameters for `lif-rate` and `soft-lif`
   * @param sigmaMv smoothing of `soft-lif` (mV)
   */
  constructor(readonly size: number, readonly rateFunction: RateFunction = 'identity', lif: Partial<LifRateParams> = {}, sigmaMv = 1) {
    checkChoice('rate_function', rateFunction, RATE_FUNCTIONS);
    const p = rateFunction === 'lif-rate' || rateFunction === 'soft-lif' ? checkLifParams({ ...LIF_DEFAULTS, ...lif }) : LIF_DEFAULTS;
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
