/**
 * Hodgkin-Huxley squid-axon soma with the parameters of NEURON's hh.mod at 6.3 C (q10 factor 1):
 *     C_m dV/dt = I - g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L)
 *     dx/dt = alpha_x(V) (1 - x) - beta_x(V) x,   x in {m, h, n}
 * with (V in mV, rates in 1/ms)
 *     alpha_m = 0.1 vtrap(-(V+40), 10)     beta_m = 4 exp(-(V+65)/18)
 *     alpha_h = 0.07 exp(-(V+65)/20)       beta_h = 1 / (exp(-(V+35)/10) + 1)
 *     alpha_n = 0.01 vtrap(-(V+55), 10)    beta_n = 0.125 exp(-(V+65)/80)
 * and vtrap(x, y) = x / (exp(x/y) - 1), whose 0/0 point x = 0 takes its limit y: computed as
 * y * z / expm1(z) with z = x/y, and 1 at z = 0.
 * Units: conductances mS/cm2, voltages mV, C_m uF/cm2, current I in uA/cm2, t in ms.
 * A spike is an upward crossing of 0 mV, its time interpolated linearly within the step.
 *
 * Integrators: classic RK4 (the default) and exponential Euler (gates: x_inf + (x - x_inf)
 * e^(-dt/tau_x); V likewise with the conductances held over the step). Stability limits were
 * measured over 500 ms at 0..100 uA/cm2: RK4 is stable at dt = 0.08 ms and diverges during the
 * first spike at 0.1 ms; exponential Euler never diverges but loses spikes beyond 0.1 ms (2 of
 * 58 at 50 uA/cm2 and 0.2 ms, most of them at 0.3 ms). The limits below keep a margin.
 *
 * Hyperpolarisation makes the system stiff: beta_m = 4 e^(-(V+65)/18) is 3500/ms at -187 mV
 * (I = -40 uA/cm2), far beyond RK4's stability limit dt * rate < 2.78 (plain RK4 at dt 0.01 ms
 * fired a false spike there and then went NaN). The RK4 method therefore takes any step in which
 * dt * rate exceeds HH_RK4_STIFFNESS as an exponential midpoint step (second order, stable at
 * any stiffness); where it does not, the step is plain RK4, so results at 0..100 uA/cm2 are
 * unchanged bit for bit. Checked against scipy's Radau (reference/hh_stiff.json).
 */
import { checkChoice, checkNumber, ParameterError } from '../errors';
import type { SomaDeclaration } from './declaration';
import { type FiredBuffer, type SomaModel } from './soma';

/** HH integrators: classic RK4 (default) or exponential Euler. */
export const HH_METHODS = ['rk4', 'exponential-euler'] as const;
/** One of HH_METHODS. */
export type HhMethod = (typeof HH_METHODS)[number];

/** Largest dt (ms) accepted per method. */
export const HH_MAX_DT_MS: Record<HhMethod, number> = { rk4: 0.05, 'exponential-euler': 0.1 };

/**
 * The constant currents (uA/cm2) for which the RK4 method is checked against a stiff solver (scipy
 * Radau: hyperpolarising steps and pulses to -100, depolarising steps to 200; see
 * scripts/scipy/hh_stiff.py) and Brian2 (0..20). The CLI refuses currents outside it for HH.
 */
export const HH_CURRENT_RANGE_UA_CM2 = { min: -100, max: 200 } as const;

/** Checks a constant HH current (uA/cm2) against HH_CURRENT_RANGE_UA_CM2; returns it. */
export function checkHhCurrent(parameter: string, current: number): number {
  const { min, max } = HH_CURRENT_RANGE_UA_CM2;
  if (!(current >= min && current <= max)) {
    throw new ParameterError(parameter, current, `a current from ${min} to ${max} uA/cm2 for Hodgkin-Huxley (the range checked against a stiff solver)`);
  }
  return current;
}

/** HH parameters: conductances mS/cm2, reversal potentials mV, C_m uF/cm2. */
export interface HhParams {
  gNa: number;
  gK: number;
  gL: number;
  eNa: number;
  eK: number;
  eL: number;
  cM: number;
  method: HhMethod;
}

/** NEURON hh.mod: gnabar 0.12, gkbar 0.036, gl 0.0003 S/cm2; ena 50, ek -77, el -54.3 mV; cm 1 uF/cm2. */
export const HH_DEFAULTS: HhParams = { gNa: 120, gK: 36, gL: 0.3, eNa: 50, eK: -77, eL: -54.3, cM: 1, method: 'rk4' };

/**
 * Largest dt * rate for which the RK4 method takes an RK4 step; above either bound the step is an
 * exponential midpoint step. `gates`: the fastest alpha_x + beta_x (1/ms) at the V of any RK4
 * stage (a large current moves V far within one step); `v`: sum g / C_m (1/ms) at the start. RK4 is stable for dt * rate < 2.78 on a decay. The gate bound 1
 * keeps it accurate (amplification 0.375 against e^-1 = 0.368); hyperpolarisation crosses it first
 * (beta_m = 100/ms at -123 mV, so below about -120 mV at dt 0.01 ms). Measured maxima over 500 ms
 * at 0..100 uA/cm2 with hh.mod's conductances: gates 0.085, 0.21, 0.43 and V 0.40, 1.00, 2.00 at
 * dt 0.01, 0.025, 0.05 ms: neither bound is reached there, so those results are plain RK4's, bit
 * for bit. The V bound catches large conductances (the page allows g_Na up to 500 mS/cm2).
 */
export const HH_RK4_STIFFNESS = { gates: 1, v: 2.5 } as const;

/** Checks HH parameters; returns a complete copy. */
export function checkHhParams(p: Partial<HhParams>): HhParams {
  const q = { ...HH_DEFAULTS, ...p };
  checkNumber('g_na', q.gNa, { min: 0 });
  checkNumber('g_k', q.gK, { min: 0 });
  checkNumber('g_l', q.gL, { min: 0 });
  checkNumber('e_na', q.eNa);
  checkNumber('e_k', q.eK);
  checkNumber('e_l', q.eL);
  checkNumber('c_m', q.cM, { min: 0, minExclusive: true });
  checkChoice('method', q.method, HH_METHODS);
  return q;
}

/** x / (exp(x/y) - 1) with the limit y at x = 0. */
export function vtrap(x: number, y: number): number {
  const z = x / y;
  return z === 0 ? y : (y * z) / Math.expm1(z);
}

/** Rate functions of hh.mod at 6.3 C: V in mV, rates in 1/ms. */
export const alphaM = (v: number): number => 0.1 * vtrap(-(v + 40), 10);
export const betaM = (v: number): number => 4 * Math.exp(-(v + 65) / 18);
export const alphaH = (v: number): number => 0.07 * Math.exp(-(v + 65) / 20);
export const betaH = (v: number): number => 1 / (Math.exp(-(v + 35) / 10) + 1);
export const alphaN = (v: number): number => 0.01 * vtrap(-(v + 55), 10);
export const betaN = (v: number): number => 0.125 * Math.exp(-(v + 65) / 80);

/** Steady-state gates at voltage v: x_inf = alpha / (alpha + beta). */
export function hhSteadyState(v: number): { m: number; h: number; n: number } {
  return { m: alphaM(v) / (alphaM(v) + betaM(v)), h: alphaH(v) / (alphaH(v) + betaH(v)), n: alphaN(v) / (alphaN(v) + betaN(v)) };
}

/** A population of HH compartments (one isopotential patch each). Input: uA/cm2. */
export class HhSoma implements SomaModel {
  readonly model = 'hh';
  readonly spiking = true;
  readonly inputUnit = 'uA/cm2';
  readonly params: HhParams;
  /** Membrane potential, mV; length size. */
  readonly v: Float64Array;
  readonly m: Float64Array;
  readonly h: Float64Array;
  readonly n: Float64Array;
  readonly state: Readonly<Record<string, Float64Array>>;

  /** @param v0Mv initial V (default -65 mV); m, h, n start at their steady state for it. */
  constructor(readonly size: number, params: Partial<HhParams> = {}, readonly v0Mv = -65) {
    this.params = checkHhParams(params);
    checkNumber('v0_mv', v0Mv);
    this.v = new Float64Array(size);
    this.m = new Float64Array(size);
    this.h = new Float64Array(size);
    this.n = new Float64Array(size);
    this.state = { v: this.v, m: this.m, h: this.h, n: this.n };
    this.reset();
  }

  get output(): Float64Array {
    return this.v;
  }

  checkDt(dtMs: number): void {
    const max = HH_MAX_DT_MS[this.params.method];
    checkNumber('dt_ms', dtMs, { min: 0, minExclusive: true });
    if (dtMs > max) throw new ParameterError('dt_ms', dtMs, `a value <= ${max} ms for Hodgkin-Huxley with ${this.params.method} (larger steps are unstable)`);
  }

  reset(): void {
    const s = hhSteadyState(this.v0Mv);
    this.v.fill(this.v0Mv);
    this.m.fill(s.m);
    this.h.fill(s.h);
    this.n.fill(s.n);
  }

  step(dtMs: number, _tMs: number, input: Float64Array, fired: FiredBuffer): number {
    const rk4 = this.params.method === 'rk4';
    let count = 0;
    for (let i = 0; i < this.size; i++) {
      const vOld = this.v[i];
      if (rk4) this.rk4(i, dtMs, input[i]);
      else this.exponentialEuler(i, dtMs, input[i]);
      const vNew = this.v[i];
      if (vOld < 0 && vNew >= 0) {
        fired.indices[count] = i;
        fired.offsetsMs[count++] = (dtMs * -vOld) / (vNew - vOld);
      }
    }
    return count;
  }

  /**
   * Classic fourth-order Runge-Kutta on (V, m, h, n) for one neuron; input held over the step.
   * When the step is stiff (dt (alpha_x + beta_x) > HH_RK4_STIFFNESS.gates for a gate at the V of
   * any stage, or dt sum g / C_m > HH_RK4_STIFFNESS.v at the start) it is taken by
   * `exponentialMidpoint` instead.
   */
  private rk4(i: number, dt: number, I: number): void {
    const { gNa, gK, gL, eNa, eK, eL, cM } = this.params;
    const v0 = this.v[i], m0 = this.m[i], h0 = this.h[i], n0 = this.n[i];
    const am = alphaM(v0), bm = betaM(v0), ah = alphaH(v0), bh = betaH(v0), an = alphaN(v0), bn = betaN(v0);
    const maxGates = HH_RK4_STIFFNESS.gates / dt;
    if (!(Math.max(am + bm, ah + bh, an + bn) <= maxGates && (dt * (gNa * m0 * m0 * m0 * h0 + gK * n0 * n0 * n0 * n0 + gL)) / cM <= HH_RK4_STIFFNESS.v)) {
      this.exponentialMidpoint(i, dt, I, am, bm, ah, bh, an, bn);
      return;
    }
    // derivative evaluations written out (no closures, no allocation); the rates at each stage's V
    // are checked too, as a large current can carry V into the stiff region within the step
    let v = v0, m = m0, h = h0, n = n0;
    let a1 = am, b1 = bm, a2 = ah, b2 = bh, a3 = an, b3 = bn;
    const kv1 = (I - gNa * m * m * m * h * (v - eNa) - gK * n * n * n * n * (v - eK) - gL * (v - eL)) / cM;
    const km1 = a1 * (1 - m) - b1 * m;
    const kh1 = a2 * (1 - h) - b2 * h;
    const kn1 = a3 * (1 - n) - b3 * n;
    v = v0 + 0.5 * dt * kv1; m = m0 + 0.5 * dt * km1; h = h0 + 0.5 * dt * kh1; n = n0 + 0.5 * dt * kn1;
    a1 = alphaM(v); b1 = betaM(v); a2 = alphaH(v); b2 = betaH(v); a3 = alphaN(v); b3 = betaN(v);
    let fastest = Math.max(a1 + b1, a2 + b2, a3 + b3);
    const kv2 = (I - gNa * m * m * m * h * (v - eNa) - gK * n * n * n * n * (v - eK) - gL * (v - eL)) / cM;
    const km2 = a1 * (1 - m) - b1 * m;
    const kh2 = a2 * (1 - h) - b2 * h;
    const kn2 = a3 * (1 - n) - b3 * n;
    v = v0 + 0.5 * dt * kv2; m = m0 + 0.5 * dt * km2; h = h0 + 0.5 * dt * kh2; n = n0 + 0.5 * dt * kn2;
    a1 = alphaM(v); b1 = betaM(v); a2 = alphaH(v); b2 = betaH(v); a3 = alphaN(v); b3 = betaN(v);
    fastest = Math.max(fastest, a1 + b1, a2 + b2, a3 + b3);
    const kv3 = (I - gNa * m * m * m * h * (v - eNa) - gK * n * n * n * n * (v - eK) - gL * (v - eL)) / cM;
    const km3 = a1 * (1 - m) - b1 * m;
    const kh3 = a2 * (1 - h) - b2 * h;
    const kn3 = a3 * (1 - n) - b3 * n;
    v = v0 + dt * kv3; m = m0 + dt * km3; h = h0 + dt * kh3; n = n0 + dt * kn3;
    a1 = alphaM(v); b1 = betaM(v); a2 = alphaH(v); b2 = betaH(v); a3 = alphaN(v); b3 = betaN(v);
    fastest = Math.max(fastest, a1 + b1, a2 + b2, a3 + b3);
    if (!(fastest <= maxGates)) {
      this.exponentialMidpoint(i, dt, I, am, bm, ah, bh, an, bn);
      return;
    }
    const kv4 = (I - gNa * m * m * m * h * (v - eNa) - gK * n * n * n * n * (v - eK) - gL * (v - eL)) / cM;
    const km4 = a1 * (1 - m) - b1 * m;
    const kh4 = a2 * (1 - h) - b2 * h;
    const kn4 = a3 * (1 - n) - b3 * n;
    const s = dt / 6;
    this.v[i] = v0 + s * (kv1 + 2 * kv2 + 2 * kv3 + kv4);
    this.m[i] = m0 + s * (km1 + 2 * km2 + 2 * km3 + km4);
    this.h[i] = h0 + s * (kh1 + 2 * kh2 + 2 * kh3 + kh4);
    this.n[i] = n0 + s * (kn1 + 2 * kn2 + 2 * kn3 + kn4);
  }

  /**
   * Exponential midpoint (second order, stable at any stiffness), for the stiff steps of `rk4`:
   * a half step of exponential Euler from (V0, x0) gives (V', x'); then from (V0, x0) again
   *     x1 = x_inf(V') + (x0 - x_inf(V')) e^(-dt (alpha_x(V') + beta_x(V')))
   *     V1 = V_inf(x') + (V0 - V_inf(x')) e^(-dt g(x') / C_m),  V_inf = (I + sum g E) / sum g,
   * i.e. every variable relaxes exactly towards its target frozen at the midpoint. Each update is
   * a convex combination of the old value and a bounded target, so nothing can blow up.
   * Rates at V0 are passed in (already computed by `rk4`).
   */
  private exponentialMidpoint(i: number, dt: number, I: number, am: number, bm: number, ah: number, bh: number, an: number, bn: number): void {
    const { gNa, gK, gL, eNa, eK, eL, cM } = this.params;
    const v0 = this.v[i], m0 = this.m[i], h0 = this.h[i], n0 = this.n[i];
    const half = 0.5 * dt;
    const mH = relax(m0, am, bm, half), hH = relax(h0, ah, bh, half), nH = relax(n0, an, bn, half);
    const vH = relaxV(v0, I, gNa * m0 * m0 * m0 * h0, gK * n0 * n0 * n0 * n0, gL, eNa, eK, eL, cM, half);
    this.m[i] = relax(m0, alphaM(vH), betaM(vH), dt);
    this.h[i] = relax(h0, alphaH(vH), betaH(vH), dt);
    this.n[i] = relax(n0, alphaN(vH), betaN(vH), dt);
    this.v[i] = relaxV(v0, I, gNa * mH * mH * mH * hH, gK * nH * nH * nH * nH, gL, eNa, eK, eL, cM, dt);
  }

  /**
   * Exponential Euler: each gate relaxes exactly towards x_inf(V) with tau_x(V) = 1/(alpha + beta)
   * at the step's V; V relaxes towards V_inf = (I + sum g E) / sum g with tau = C_m / sum g,
   * conductances taken at the step's start.
   */
  private exponentialEuler(i: number, dt: number, I: number): void {
    const { gNa, gK, gL, eNa, eK, eL, cM } = this.params;
    const v = this.v[i], m = this.m[i], h = this.h[i], n = this.n[i];
    const gna = gNa * m * m * m * h;
    const gk = gK * n * n * n * n;
    const gSum = gna + gk + gL;
    if (gSum > 0) {
      const vInf = (I + gna * eNa + gk * eK + gL * eL) / gSum;
      this.v[i] = vInf + (v - vInf) * Math.exp((-dt * gSum) / cM);
    } else {
      this.v[i] = v + (dt * I) / cM;
    }
    let a = alphaM(v), b = betaM(v);
    this.m[i] = a / (a + b) + (m - a / (a + b)) * Math.exp(-dt * (a + b));
    a = alphaH(v); b = betaH(v);
    this.h[i] = a / (a + b) + (h - a / (a + b)) * Math.exp(-dt * (a + b));
    a = alphaN(v); b = betaN(v);
    this.n[i] = a / (a + b) + (n - a / (a + b)) * Math.exp(-dt * (a + b));
  }
}

/** Gate x relaxed over `dt` towards x_inf = alpha / (alpha + beta) with rate alpha + beta (frozen). */
function relax(x: number, alpha: number, beta: number, dt: number): number {
  const r = alpha + beta;
  const xInf = alpha / r;
  return xInf + (x - xInf) * Math.exp(-dt * r);
}

/** V relaxed over `dt` towards V_inf = (I + sum g E) / sum g with tau = C_m / sum g (conductances frozen). */
function relaxV(v: number, I: number, gna: number, gk: number, gL: number, eNa: number, eK: number, eL: number, cM: number, dt: number): number {
  const gSum = gna + gk + gL;
  if (!(gSum > 0)) return v + (dt * I) / cM;
  const vInf = (I + gna * eNa + gk * eK + gL * eL) / gSum;
  return vInf + (v - vInf) * Math.exp((-dt * gSum) / cM);
}

/** The Hodgkin-Huxley model's declaration (registry.ts); the step code above is not read from it. */
export const HH_DECLARATION: SomaDeclaration = {
  name: 'hh',
  title: 'Hodgkin-Huxley (squid axon)',
  summary: 'C_m dV/dt = I - g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L), gates dx/dt = alpha_x (1 - x) - beta_x x; spike: upward crossing of 0 mV',
  spiking: true,
  inputUnit: 'uA/cm2',
  single: true,
  params: [
    { key: 'g_na', field: 'gNa', unit: 'mS/cm2', default: HH_DEFAULTS.gNa, min: 0, description: 'maximal sodium conductance' },
    { key: 'g_k', field: 'gK', unit: 'mS/cm2', default: HH_DEFAULTS.gK, min: 0, description: 'maximal potassium conductance' },
    { key: 'g_l', field: 'gL', unit: 'mS/cm2', default: HH_DEFAULTS.gL, min: 0, description: 'leak conductance' },
    { key: 'e_na', field: 'eNa', unit: 'mV', default: HH_DEFAULTS.eNa, description: 'sodium reversal potential' },
    { key: 'e_k', field: 'eK', unit: 'mV', default: HH_DEFAULTS.eK, description: 'potassium reversal potential' },
    { key: 'e_l', field: 'eL', unit: 'mV', default: HH_DEFAULTS.eL, description: 'leak reversal potential' },
    { key: 'c_m', field: 'cM', unit: 'uF/cm2', default: HH_DEFAULTS.cM, min: 0, minExclusive: true, description: 'membrane capacitance' },
    { key: 'method', field: 'method', unit: '', default: HH_DEFAULTS.method, choices: HH_METHODS, description: 'integrator (largest dt: rk4 0.05 ms, exponential-euler 0.1 ms)' },
  ],
  state: [
    { variable: 'v', unit: 'mV', initial: '-65' },
    { variable: 'm', unit: '1', initial: 'steady state at v0' },
    { variable: 'h', unit: '1', initial: 'steady state at v0' },
    { variable: 'n', unit: '1', initial: 'steady state at v0' },
  ],
  presets: [],
  dtMs: 0.01,
  durationMs: 500,
  defaultInput: 10,
  create: (size, v) => new HhSoma(size, {
    gNa: v.g_na as number, gK: v.g_k as number, gL: v.g_l as number, eNa: v.e_na as number, eK: v.e_k as number, eL: v.e_l as number, cM: v.c_m as number, method: v.method as HhMethod,
  }),
  read: (soma) => {
    const p = (soma as HhSoma).params;
    return { g_na: p.gNa, g_k: p.gK, g_l: p.gL, e_na: p.eNa, e_k: p.eK, e_l: p.eL, c_m: p.cM, method: p.method };
  },
  rateHz: null,
  equations: (soma) => {
    const p = (soma as HhSoma).params;
    return {
      kind: 'neuron',
      title: `Hodgkin-Huxley (${p.method})`,
      time: 'continuous',
      variables: [
        { name: 'v', unit: 'mV', rhs: '(I_in - g_na*m**3*h*(v - e_na) - g_k*n**4*(v - e_k) - g_l*(v - e_l))/c_m', state: 'v' },
        ...(['m', 'h', 'n'] as const).map((x) => ({ name: x, unit: '1' as const, rhs: `alpha${x}*(1 - ${x}) - beta${x}*${x}`, state: x })),
      ],
      subexpressions: [
        { name: 'alpham', expr: '(1/exprel(-(v/mV + 40)/10))/ms', unit: 'Hz', note: '0.1 vtrap(-(v+40), 10)' },
        { name: 'betam', expr: '4*exp(-(v/mV + 65)/18)/ms', unit: 'Hz' },
        { name: 'alphah', expr: '0.07*exp(-(v/mV + 65)/20)/ms', unit: 'Hz' },
        { name: 'betah', expr: '1/(exp(-(v/mV + 35)/10) + 1)/ms', unit: 'Hz' },
        { name: 'alphan', expr: '(0.1/exprel(-(v/mV + 55)/10))/ms', unit: 'Hz', note: '0.01 vtrap(-(v+55), 10)' },
        { name: 'betan', expr: '0.125*exp(-(v/mV + 65)/80)/ms', unit: 'Hz' },
      ],
      constants: [
        { name: 'g_na', value: p.gNa, unit: 'mS/cm2' }, { name: 'g_k', value: p.gK, unit: 'mS/cm2' }, { name: 'g_l', value: p.gL, unit: 'mS/cm2' },
        { name: 'e_na', value: p.eNa, unit: 'mV' }, { name: 'e_k', value: p.eK, unit: 'mV' }, { name: 'e_l', value: p.eL, unit: 'mV' }, { name: 'c_m', value: p.cM, unit: 'uF/cm2' },
      ],
      threshold: 'v > 0*mV',
      reset: null,
      refractory: { condition: 'v > 0*mV' },
      integration: p.method,
      input: { unit: 'uA/cm2', exponential: 'step-factor', delta: { variable: 'v', unit: 'mV' } },
    };
  },
  spikeOffsets: true,
  pynn: {
    cell: 'HH_cond_exp',
    synapses: [],
    initial: { v: 'v' },
    // 1 uA/cm2 on the patch of 1e-4 cm2 is 0.1 nA
    currentPerInput: 0.1,
    inexact: () => "Soma's Hodgkin-Huxley is the squid axon's (Hodgkin and Huxley 1952); PyNN's HH_cond_exp has Traub and Miles' rate functions: closest standard cell, another f-I curve",
    // per-area values on a patch of 1e-4 cm2: mS/cm2 -> uS and uF/cm2 -> nF both scale by 0.1
    params: {
      gbar_Na: { from: 'g_na', scale: 0.1 }, gbar_K: { from: 'g_k', scale: 0.1 }, g_leak: { from: 'g_l', scale: 0.1 }, cm: { from: 'c_m', scale: 0.1 },
      e_rev_Na: { from: 'e_na' }, e_rev_K: { from: 'e_k' }, e_rev_leak: { from: 'e_l' },
    },
    caveats: "PyNN's HH_cond_exp has Traub and Miles' rate functions (v_offset), not the squid axon's: same structure, other f-I curve",
  },
  brian2Notes: {
    always: () => ['Hodgkin-Huxley: a spike is an upward crossing of 0 mV in both (Brian2: threshold and refractoriness v > 0 mV); Soma interpolates its time inside the step.'],
  },
};
