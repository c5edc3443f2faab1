/**
 * Leaky integrate-and-fire soma:  tau_m dV/dt = -(V - V_rest) + D,  D = R*I (mV of drive).
 * Threshold V_th, reset V_reset, absolute refractory period t_ref (V clamped at V_reset).
 *
 * Integration is exact for an input held constant over the step:
 *     V(t + s) = V_inf + (V(t) - V_inf) e^(-s/tau_m),   V_inf = V_rest + D.
 * When V crosses V_th inside the step the crossing time is solved exactly,
 *     s* = tau_m ln((V_inf - V(t)) / (V_inf - V_th)),
 * and the refractory period starts there (not at the end of the step); when it ends inside a
 * step, the rest of the step is integrated from V_reset. So the inter-spike interval is exactly
 * t_ref + tau_m ln((D - (V_reset - V_rest)) / (D - theta)), the closed form of `lifRate`, at any dt.
 */
import { checkNumber, ParameterError } from '../errors';
import { LIF_DEFAULTS, type LifRateParams } from './rate';
import type { SynapticChannel } from './dendrite';
import { fillFrom, type FiredBuffer, type SomaModel } from './soma';

const NO_CHANNELS: readonly SynapticChannel[] = [];

/** LIF parameters (ms, mV). The same fields as the rate twin's `LifRateParams`. */
export type LifParams = LifRateParams;

/** Checks LIF parameters: tau > 0, t_ref >= 0, V_reset < V_th; returns a complete copy. */
export function checkLifParams(p: Partial<LifParams>): LifParams {
  const q = { ...LIF_DEFAULTS, ...p };
  checkNumber('tau_ms', q.tauMs, { min: 0, minExclusive: true });
  checkNumber('refractory_ms', q.refractoryMs, { min: 0 });
  checkNumber('v_rest_mv', q.vRestMv);
  checkNumber('v_reset_mv', q.vResetMv);
  checkNumber('v_thresh_mv', q.vThreshMv);
  if (!(q.vResetMv < q.vThreshMv)) throw new ParameterError('v_reset_mv', q.vResetMv, `a value below v_thresh_mv = ${q.vThreshMv}`);
  return q;
}

/** A population of LIF neurons. Input: drive R*I in mV, one value per neuron. */
export class LifSoma implements SomaModel {
  readonly model = 'lif';
  readonly spiking = true;
  readonly inputUnit = 'mV (drive R*I)';
  readonly params: LifParams;
  /** Membrane potential, mV; length size. */
  readonly v: Float64Array;
  /** Refractory time left, ms; length size. */
  readonly refractoryLeftMs: Float64Array;
  readonly state: Readonly<Record<string, Float64Array>>;
  private readonly v0: Float64Array;
  private readonly zeros: Float64Array;
  private cachedDt = NaN;
  private cachedDecay = 0;

  /**
   * @param size number of neurons
   * @param params LIF parameters (defaults: `LIF_DEFAULTS`)
   * @param v0Mv initial membrane potential, scalar or per neuron (default V_rest)
   */
  constructor(readonly size: number, params: Partial<LifParams> = {}, v0Mv?: number | ArrayLike<number>) {
    this.params = checkLifParams(params);
    this.v = new Float64Array(size);
    this.v0 = new Float64Array(size);
    this.refractoryLeftMs = new Float64Array(size);
    this.zeros = new Float64Array(size);
    fillFrom(this.v0, v0Mv ?? this.params.vRestMv, 'v0_mv');
    this.v.set(this.v0);
    this.state = { v: this.v, refractory_left_ms: this.refractoryLeftMs };
  }

  get output(): Float64Array {
    return this.v;
  }

  checkDt(dtMs: number): void {
    checkNumber('dt_ms', dtMs, { min: 0, minExclusive: true });
  }

  /**
   * Exact weight of an exponentially decaying drive g e^(-s/tau_s) over one step, expressed as the
   * constant drive with the same effect on V (exact integration of the linear system):
   *   dV = g tau_s/(tau_s - tau_m) (e^(-dt/tau_s) - e^(-dt/tau_m)),  constant D: dV = D (1 - e^(-dt/tau_m)).
   */
  exponentialInputFactor(tauSynMs: number, dtMs: number): number {
    const tm = this.params.tauMs;
    const em = Math.exp(-dtMs / tm);
    const denom = 1 - em;
    if (Math.abs(tauSynMs - tm) < 1e-9 * tm) return ((dtMs / tm) * em) / denom; // limit tau_s -> tau_m
    return ((tauSynMs / (tauSynMs - tm)) * (Math.exp(-dtMs / tauSynMs) - em)) / denom;
  }

  step(dtMs: number, _tMs: number, input: Float64Array, fired: FiredBuffer): number {
    return this.stepFused(dtMs, input, NO_CHANNELS, fired);
  }

  /**
   * The step with the dendrite's sum fused in (one pass over the population instead of two):
   * D_i = base_i + sum_k stepFactor_k G_k[i] (at most two channels; the dendrite prepares the
   * factors and decays the channels, see dendrite.ts). `step` is this with no channels.
   */
  stepFused(dtMs: number, base: Float64Array, channels: readonly SynapticChannel[], fired: FiredBuffer): number {
    const { tauMs, vRestMv, vResetMv, vThreshMv } = this.params;
    if (dtMs !== this.cachedDt) {
      this.cachedDt = dtMs;
      this.cachedDecay = Math.exp(-dtMs / tauMs);
    }
    if (channels.length > 2) throw new ParameterError('channels', channels.length, 'at most two synaptic time constants per LIF population');
    const nch = channels.length;
    // absent channels read a zero array with factor 0
    const g0 = nch > 0 ? channels[0].g : this.zeros, f0 = nch > 0 ? channels[0].stepFactor : 0;
    const g1 = nch > 1 ? channels[1].g : this.zeros, f1 = nch > 1 ? channels[1].stepFactor : 0;
    const decay = this.cachedDecay;
    const v = this.v;
    const refLeft = this.refractoryLeftMs;
    const indices = fired.indices;
    const offsets = fired.offsetsMs;
    const n = this.size;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const drive = base[i] + f0 * g0[i] + f1 * g1[i];
      const r = refLeft[i];
      const vi = v[i];
      if (r === 0) {
        // common case: free integration over the whole step, no threshold crossing
        const vInf = vRestMv + drive;
        const vEnd = vInf + (vi - vInf) * decay;
        if (vEnd < vThreshMv && vi < vThreshMv) {
          v[i] = vEnd;
          continue;
        }
      } else if (r >= dtMs) {
        refLeft[i] = r - dtMs;
        v[i] = vResetMv;
        continue;
      }
      count = this.slowStep(i, r, drive, dtMs, indices, offsets, count);
    }
    return count;
  }

  /**
   * The rare cases of a step: the refractory period ends inside it (r > 0: integrate from V_reset
   * for dt - r), or V reaches V_th (exact crossing time). Returns the new spike count.
   */
  private slowStep(i: number, r: number, drive: number, dtMs: number, indices: Int32Array, offsets: Float64Array, count: number): number {
    const { tauMs, vRestMv, vResetMv, vThreshMv } = this.params;
    const start = r; // ms into the step where free integration starts
    const vi = r > 0 ? vResetMv : this.v[i];
    this.refractoryLeftMs[i] = 0;
    const vInf = vRestMv + drive;
    // already at threshold (a voltage jump or the initial value): fires at the segment start
    if (vi >= vThreshMv) return this.fire(i, start, dtMs, vInf, indices, offsets, count);
    const vEnd = vInf + (vi - vInf) * (start === 0 ? this.cachedDecay : Math.exp(-(dtMs - start) / tauMs));
    if (vEnd < vThreshMv) {
      this.v[i] = vEnd;
      return count;
    }
    // exact crossing time of V_th: tau ln((V_inf - V)/(V_inf - V_th)); V_inf > V_th here
    const s = start + tauMs * Math.log((vInf - vi) / (vInf - vThreshMv));
    return this.fire(i, s < dtMs ? s : dtMs * (1 - 1e-12), dtMs, vInf, indices, offsets, count);
  }

  /** Spike at `s` ms into the step: reset, start the refractory period, integrate what is left. */
  private fire(i: number, s: number, dtMs: number, vInf: number, indices: Int32Array, offsets: Float64Array, k: number): number {
    const { tauMs, vResetMv, refractoryMs } = this.params;
    indices[k] = i;
    offsets[k] = s;
    const left = dtMs - s; // time left in this step after the spike
    if (refractoryMs >= left) {
      this.refractoryLeftMs[i] = refractoryMs - left;
      this.v[i] = vResetMv;
    } else {
      // refractory period ends inside this step: integrate the remainder from V_reset
      // (a second crossing within the same step is left to the next step: at most one spike per step)
      this.refractoryLeftMs[i] = 0;
      const rest = left - refractoryMs;
      this.v[i] = vInf + (vResetMv - vInf) * Math.exp(-rest / tauMs);
    }
    return k + 1;
  }

  reset(): void {
    this.v.set(this.v0);
    this.refractoryLeftMs.fill(0);
  }
}
