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
import { checkParam, type SomaDeclaration } from './declaration';
import { LIF_DEFAULTS, lifRate, type LifRateParams } from './rate';
import type { SynapticChannel } from './dendrite';
import { LifKernelMemory } from './lif-kernel';
import { fillFrom, type FiredBuffer, type SomaModel } from './soma';

const NO_CHANNELS: readonly SynapticChannel[] = [];

/** LIF parameters (ms, mV). The same fields as the rate twin's `LifRateParams`. */
export type LifParams = LifRateParams;

/** Checks LIF parameters: tau > 0, t_ref >= 0, V_reset < V_th; returns a complete copy. */
export function checkLifParams(p: Partial<LifParams>): LifParams {
  const q = { ...LIF_DEFAULTS, ...p };
  // the declared ranges (tau_ms > 0, refractory_ms >= 0, potentials finite), then what ranges cannot say
  for (const d of LIF_DECLARATION.params) checkParam(d, q[d.field as keyof LifParams]);
  if (!(q.vResetMv < q.vThreshMv)) throw new ParameterError('v_reset_mv', q.vResetMv, `a value below v_thresh_mv = ${q.vThreshMv}`);
  return q;
}

/** Where the free-integration pass of a LIF population runs (see the constructor). */
export type LifKernelChoice = 'wasm' | 'js';

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
  /** The WebAssembly kernel's memory (state and input arrays live there), or null: JavaScript only. */
  private readonly kernel: LifKernelMemory | null;
  // kernel byte offsets: fixed ones, and those of the last inputs seen (see bindInputs)
  private readonly vAt: number = 0;
  private readonly refAt: number = 0;
  private readonly pendingAt: number = 0;
  private readonly pendingVAt: number = 0;
  private boundBase: Float64Array | null = null;
  private boundG0: Float64Array | null = null;
  private boundG1: Float64Array | null = null;
  private baseAt = -1;
  private g0At = -1;
  private g1At = -1;
  private cachedDt = NaN;
  private cachedDecay = 0;

  /**
   * @param size number of neurons
   * @param params LIF parameters (defaults: `LIF_DEFAULTS`)
   * @param v0Mv initial membrane potential, scalar or per neuron (default V_rest)
   * @param options.kernel `wasm` (default): the free-integration pass runs in the WebAssembly
   *   kernel of lif-kernel.ts where the engine has WebAssembly SIMD, else in JavaScript; `js`:
   *   always JavaScript. Both give the same spikes and voltages, bit for bit.
   */
  constructor(readonly size: number, params: Partial<LifParams> = {}, v0Mv?: number | ArrayLike<number>, options: { kernel?: LifKernelChoice } = {}) {
    this.params = checkLifParams(params);
    const choice = options.kernel ?? 'wasm';
    if (choice !== 'wasm' && choice !== 'js') throw new ParameterError('kernel', choice, 'wasm or js');
    this.kernel = choice === 'wasm' ? LifKernelMemory.create(size) : null;
    this.v = this.kernel?.v ?? new Float64Array(size);
    this.v0 = new Float64Array(size);
    this.refractoryLeftMs = this.kernel?.refractoryLeftMs ?? new Float64Array(size);
    this.zeros = this.kernel?.zeros ?? new Float64Array(size);
    if (this.kernel) {
      this.vAt = this.v.byteOffset;
      this.refAt = this.refractoryLeftMs.byteOffset;
      this.pendingAt = this.kernel.pending.byteOffset;
      this.pendingVAt = this.kernel.pendingV.byteOffset;
    }
    fillFrom(this.v0, v0Mv ?? this.params.vRestMv, 'v0_mv');
    this.v.set(this.v0);
    this.state = { v: this.v, refractory_left_ms: this.refractoryLeftMs };
  }

  get output(): Float64Array {
    return this.v;
  }

  /** Whether the free-integration pass runs in the WebAssembly kernel. */
  get usesKernel(): boolean {
    return this.kernel !== null;
  }

  /**
   * A zeroed array of `size` doubles that the kernel can read, for the dendrite's input, bias and
   * synaptic channels (a pool of four), or null (no kernel, or the pool is used up): the dendrite
   * then allocates its own and this population steps in JavaScript.
   */
  takeInputArray(): Float64Array | null {
    return this.kernel?.takeInput() ?? null;
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
    // V(t + dt) = V_inf + (V - V_inf) e,  V_inf = V_rest + D,  D = base + f0 G0 + f1 G1, so
    //   V(t + dt) = V e + c + b base + a0 G0 + a1 G1  with  b = 1 - e, c = b V_rest, a_k = b f_k
    // (the same expression, in the same order, in both paths: they agree bit for bit)
    const b = 1 - decay, c = b * vRestMv, a0 = b * f0, a1 = b * f1;
    const v = this.v;
    const refLeft = this.refractoryLeftMs;
    const n = v.length;
    const km = this.kernel;
    if (km !== null && (base !== this.boundBase || g0 !== this.boundG0 || g1 !== this.boundG1)) this.bindInputs(km, base, g0, g1);
    if (km !== null && this.baseAt >= 0) {
      // WebAssembly pass over the pairs, then the odd last neuron here; both list the neurons
      // that need more (refractory, at or above threshold) for `settle`
      let m = km.step(n, this.vAt, this.baseAt, this.g0At, this.g1At, this.refAt, this.pendingAt, this.pendingVAt, decay, c, b, a0, a1, vThreshMv);
      if (n % 2 === 1) {
        const i = n - 1, vi = v[i];
        const x = vi * decay + c + b * base[i] + a0 * g0[i] + a1 * g1[i];
        v[i] = x;
        if (x >= vThreshMv || vi >= vThreshMv || refLeft[i] !== 0) {
          km.pending[m] = i;
          km.pendingV[m++] = vi;
        }
      }
      return this.settle(km, m, dtMs, base, f0, g0, f1, g1, fired);
    }
    const indices = fired.indices;
    const offsets = fired.offsetsMs;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const r = refLeft[i];
      const vi = v[i];
      if (r === 0) {
        // common case: free integration over the whole step, no threshold crossing
        const x = vi * decay + c + b * base[i] + a0 * g0[i] + a1 * g1[i];
        if (x < vThreshMv && vi < vThreshMv) {
          v[i] = x;
          continue;
        }
        count = this.slowStep(i, 0, vi, x, base[i] + f0 * g0[i] + f1 * g1[i], dtMs, indices, offsets, count);
      } else if (r >= dtMs) {
        refLeft[i] = r - dtMs;
        v[i] = vResetMv;
      } else {
        count = this.slowStep(i, r, vi, NaN, base[i] + f0 * g0[i] + f1 * g1[i], dtMs, indices, offsets, count);
      }
    }
    return count;
  }

  /** Byte offsets of the step's inputs in the kernel memory (-1: not all there, JavaScript path). */
  private bindInputs(km: LifKernelMemory, base: Float64Array, g0: Float64Array, g1: Float64Array): void {
    this.boundBase = base;
    this.boundG0 = g0;
    this.boundG1 = g1;
    const ok = km.owns(base) && km.owns(g0) && km.owns(g1);
    this.baseAt = ok ? base.byteOffset : -1;
    this.g0At = g0.byteOffset;
    this.g1At = g1.byteOffset;
  }

  /**
   * After the kernel's pass (v holds the free end values), the m neurons it listed, in index
   * order: refractory (V clamped at V_reset), the end of a refractory period, spikes. Returns the
   * spike count.
   */
  private settle(km: LifKernelMemory, m: number, dtMs: number, base: Float64Array, f0: number, g0: Float64Array, f1: number, g1: Float64Array, fired: FiredBuffer): number {
    const v = this.v;
    const refLeft = this.refractoryLeftMs;
    const pending = km.pending, pendingV = km.pendingV;
    const vResetMv = this.params.vResetMv;
    const indices = fired.indices;
    const offsets = fired.offsetsMs;
    let count = 0;
    for (let k = 0; k < m; k++) {
      const i = pending[k];
      const r = refLeft[i];
      if (r >= dtMs) {
        refLeft[i] = r - dtMs;
        v[i] = vResetMv;
      } else {
        count = this.slowStep(i, r, pendingV[k], v[i], base[i] + f0 * g0[i] + f1 * g1[i], dtMs, indices, offsets, count);
      }
    }
    return count;
  }

  /**
   * The rare cases of a step, for neuron i with V = vStart at the step's start and vFree its value
   * after a free step (used when r = 0): the refractory period ends inside the step (r > 0:
   * integrate from V_reset for dt - r), or V reaches V_th (exact crossing time). Returns the new
   * spike count.
   */
  private slowStep(i: number, r: number, vStart: number, vFree: number, drive: number, dtMs: number, indices: Int32Array, offsets: Float64Array, count: number): number {
    const { tauMs, vRestMv, vResetMv, vThreshMv } = this.params;
    const start = r; // ms into the step where free integration starts
    const vi = r > 0 ? vResetMv : vStart;
    this.refractoryLeftMs[i] = 0;
    const vInf = vRestMv + drive;
    // already at threshold (a voltage jump or the initial value): fires at the segment start
    if (vi >= vThreshMv) return this.fire(i, start, dtMs, vInf, indices, offsets, count);
    const vEnd = start === 0 ? vFree : vInf + (vi - vInf) * Math.exp(-(dtMs - start) / tauMs);
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

const lifParams = (v: Record<string, unknown>): LifParams => ({
  tauMs: v.tau_ms as number, vRestMv: v.v_rest_mv as number, vResetMv: v.v_reset_mv as number, vThreshMv: v.v_thresh_mv as number, refractoryMs: v.refractory_ms as number,
});

/** The LIF model's declaration (registry.ts). */
export const LIF_DECLARATION: SomaDeclaration = {
  name: 'lif',
  title: 'leaky integrate-and-fire',
  summary: 'tau_m dV/dt = -(V - V_rest) + D; V >= V_th: spike, V <- V_reset for t_ref (exact integration, exact crossing time)',
  spiking: true,
  inputUnit: 'mV (drive R*I)',
  single: true,
  params: [
    { key: 'tau_ms', field: 'tauMs', unit: 'ms', default: LIF_DEFAULTS.tauMs, min: 0, minExclusive: true, description: 'membrane time constant tau_m' },
    { key: 'v_rest_mv', field: 'vRestMv', unit: 'mV', default: LIF_DEFAULTS.vRestMv, description: 'resting potential V_rest' },
    { key: 'v_reset_mv', field: 'vResetMv', unit: 'mV', default: LIF_DEFAULTS.vResetMv, description: 'reset potential V_reset (below V_th)' },
    { key: 'v_thresh_mv', field: 'vThreshMv', unit: 'mV', default: LIF_DEFAULTS.vThreshMv, description: 'threshold V_th' },
    { key: 'refractory_ms', field: 'refractoryMs', unit: 'ms', default: LIF_DEFAULTS.refractoryMs, min: 0, description: 'absolute refractory period t_ref (V held at V_reset)' },
  ],
  state: [
    { variable: 'v', unit: 'mV', initial: 'v_rest_mv' },
    { variable: 'refractory_left_ms', unit: 'ms', initial: '0' },
  ],
  presets: [],
  dtMs: 0.1,
  durationMs: 1000,
  defaultInput: 20,
  create: (size, v) => new LifSoma(size, lifParams(v)),
  read: (soma) => {
    const p = (soma as LifSoma).params;
    return { tau_ms: p.tauMs, v_rest_mv: p.vRestMv, v_reset_mv: p.vResetMv, v_thresh_mv: p.vThreshMv, refractory_ms: p.refractoryMs };
  },
  rateHz: (drive, v) => lifRate(drive, lifParams(v)),
  equations: (soma) => {
    const p = (soma as LifSoma).params;
    return {
      kind: 'neuron',
      title: 'LIF (exact integration)',
      time: 'continuous',
      variables: [{ name: 'v', unit: 'mV', rhs: '(-(v - v_rest) + I_in)/tau_m', unlessRefractory: true, state: 'v', note: 'drive R*I in mV' }],
      constants: [
        { name: 'tau_m', value: p.tauMs, unit: 'ms' }, { name: 'v_rest', value: p.vRestMv, unit: 'mV' },
        { name: 'v_thresh', value: p.vThreshMv, unit: 'mV' }, { name: 'v_reset', value: p.vResetMv, unit: 'mV' },
      ],
      threshold: 'v >= v_thresh',
      reset: 'v = v_reset',
      refractory: { ms: p.refractoryMs },
      integration: 'exact',
      input: { unit: 'mV', exponential: 'ode', delta: { variable: 'v', unit: 'mV', notWhileRefractory: true } },
      mustBeZero: [{ state: 'refractory_left_ms', what: 'LIF neurons that are not refractory at step 0 (reset() first)' }],
    };
  },
  spikeOffsets: true,
  pynn: {
    cell: 'IF_curr_exp',
    deltaCell: 'IF_curr_delta',
    synapses: ['exponential'],
    initial: { v: 'v' },
    // drive D = R I: with R = 1 MOhm, cm = tau_m / R (ms / MOhm = nF) and 1 nA of current is 1 mV of drive
    params: { tau_m: { from: 'tau_ms' }, cm: { from: 'tau_ms' }, v_rest: { from: 'v_rest_mv' }, v_reset: { from: 'v_reset_mv' }, v_thresh: { from: 'v_thresh_mv' }, tau_refrac: { from: 'refractory_ms' } },
    caveats: 'the threshold is tested at the end of each step (Soma: exact crossing time), so spike times differ by less than dt; PyNN on Brian2 adds delta input that arrives while refractory (Soma and NEST discard it)',
  },
  brian2Notes: {
    always: () => ["LIF: Brian2's `exact` method integrates the same linear equations exactly, but tests the threshold at the end of each step and counts the refractory period from that step, where Soma solves the crossing time inside the step and starts the refractory period there: spike times differ by less than dt, so a chaotic network agrees in its statistics, not spike by spike."],
    delta: ['LIF delta synapses: Brian2 applies the jump at the end of the step in which the spike arrives and Soma at the start of the next, before integrating; a jump above threshold fires in Soma at once, in Brian2 after that step.'],
  },
};
