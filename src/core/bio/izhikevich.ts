/**
 * Izhikevich (2003) soma:
 *     dv/dt = k2 v^2 + k1 v + k0 - u + I,     du/dt = a (b v - u),
 *     if v >= v_peak (30): v <- c, u <- u + d.
 * v in mV, t in ms, I in the model's own units (k2 = 0.04, k1 = 5, k0 = 140 in the paper; the
 * 2004 "class 1" preset uses k1 = 4.1, k0 = 108).
 *
 * Two integration schemes:
 * - `published` (the default, the scheme of the paper's own code, written for dt = 1 ms):
 *       v <- v + dt/2 f(v, u, I);  v <- v + dt/2 f(v, u, I);  u <- u + dt a (b v - u)   (new v)
 * - `euler`: plain forward Euler, both variables from the old state:
 *       v' = v + dt f(v, u, I),  u' = u + dt a (b v - u).
 * - `figure1` (the scheme of figure1.m, the code of Izhikevich 2004, Fig. 1): one Euler step of v,
 *   then u from the NEW v, and a spike when v is strictly above v_peak:
 *       v <- v + dt f(v, u, I);  u <- u + dt a (b v - u);  if v > v_peak: v <- c, u <- u + d.
 * - `figure1-accommodation`: as figure1 with panel (R)'s own recovery equation, u <- u + dt a b (v + 65).
 * A spike is v >= v_peak (figure1: v > v_peak) after the update; its time is the start of the step.
 *
 * The sums are evaluated in the order of Brian2's generated code, f = (k0 + ((I + k2 (v v)) + k1 v)) - u
 * and dt (a (b v - u)), so the two agree to the last bit: on regular firing, a rounding
 * difference that moves one threshold crossing across a step boundary shifts every later spike.
 */
import { checkNumber, ParameterError } from '../errors';
import { checkParam, type PresetDeclaration, type SomaDeclaration } from './declaration';
import { IZHIKEVICH_2004_PRESETS } from './izhikevich-2004';
import { type FiredBuffer, type SomaModel } from './soma';

/**
 * Integration schemes: `published` (the default, the 2003 paper's code), `euler`, and the scheme of
 * the 2004 paper's figure1.m (`figure1`, and `figure1-accommodation` for its panel R).
 */
export const IZHIKEVICH_SCHEMES = ['published', 'euler', 'figure1', 'figure1-accommodation'] as const;
/** One of IZHIKEVICH_SCHEMES. */
export type IzhikevichScheme = (typeof IZHIKEVICH_SCHEMES)[number];

/** Izhikevich parameters (the model's own units; v in mV, t in ms). */
export interface IzhikevichParams {
  a: number;
  b: number;
  c: number;
  d: number;
  /** Quadratic coefficients of dv/dt: k2 v^2 + k1 v + k0 (0.04, 5, 140). */
  k2: number;
  k1: number;
  k0: number;
  /** Spike cut-off, mV (30). */
  vPeakMv: number;
  scheme: IzhikevichScheme;
}

/** The seven presets of Izhikevich (2003), Fig. 2: a, b, c, d. */
export const IZHIKEVICH_2003_PRESETS = {
  RS: { a: 0.02, b: 0.2, c: -65, d: 8 }, // regular spiking
  IB: { a: 0.02, b: 0.2, c: -55, d: 4 }, // intrinsically bursting
  CH: { a: 0.02, b: 0.2, c: -50, d: 2 }, // chattering
  FS: { a: 0.1, b: 0.2, c: -65, d: 2 }, // fast spiking
  TC: { a: 0.02, b: 0.25, c: -65, d: 0.05 }, // thalamo-cortical
  RZ: { a: 0.1, b: 0.26, c: -65, d: 2 }, // resonator
  LTS: { a: 0.02, b: 0.25, c: -65, d: 2 }, // low-threshold spiking
} as const;
/** A name of IZHIKEVICH_2003_PRESETS. */
export type Izhikevich2003Preset = keyof typeof IZHIKEVICH_2003_PRESETS;

/** Defaults: RS, the paper's quadratic, peak 30 mV, the published scheme. */
export const IZHIKEVICH_DEFAULTS: IzhikevichParams = { ...IZHIKEVICH_2003_PRESETS.RS, k2: 0.04, k1: 5, k0: 140, vPeakMv: 30, scheme: 'published' };

/** Checks Izhikevich parameters; returns a complete copy. */
export function checkIzhikevichParams(p: Partial<IzhikevichParams>): IzhikevichParams {
  const q = { ...IZHIKEVICH_DEFAULTS, ...p };
  // the declared ranges and choices of a, b, c, d, k2, k1, k0, scheme (v0, u0 are the constructor's)
  for (const d of IZHIKEVICH_DECLARATION.params) if (d.field in q) checkParam(d, q[d.field as keyof IzhikevichParams]);
  checkNumber('v_peak_mv', q.vPeakMv);
  if (!(q.c < q.vPeakMv)) throw new ParameterError('c', q.c, `a reset below v_peak = ${q.vPeakMv}`);
  return q;
}

/** A population of Izhikevich neurons. Input: I in the model's units, one value per neuron. */
export class IzhikevichSoma implements SomaModel {
  readonly model = 'izhikevich';
  readonly spiking = true;
  readonly inputUnit = 'model units (Izhikevich I)';
  readonly params: IzhikevichParams;
  /** Membrane potential, mV; length size. */
  readonly v: Float64Array;
  /** Recovery variable; length size. */
  readonly u: Float64Array;
  readonly state: Readonly<Record<string, Float64Array>>;
  private readonly v0: number;
  private readonly u0: number;

  /**
   * @param v0Mv initial v (default -65)
   * @param u0 initial u (default b * v0)
   */
  constructor(readonly size: number, params: Partial<IzhikevichParams> = {}, v0Mv = -65, u0?: number) {
    this.params = checkIzhikevichParams(params);
    this.v0 = checkNumber('v0_mv', v0Mv);
    this.u0 = u0 === undefined ? this.params.b * this.v0 : checkNumber('u0', u0);
    this.v = new Float64Array(size).fill(this.v0);
    this.u = new Float64Array(size).fill(this.u0);
    this.state = { v: this.v, u: this.u };
  }

  get output(): Float64Array {
    return this.v;
  }

  checkDt(dtMs: number): void {
    // the quadratic term blows up past the peak for large dt; the published code used 1 ms (two halves)
    checkNumber('dt_ms', dtMs, { min: 0, minExclusive: true, max: 1 });
  }

  step(dtMs: number, _tMs: number, input: Float64Array, fired: FiredBuffer): number {
    const { a, b, c, d, k2, k1, k0, vPeakMv } = this.params;
    const v = this.v;
    const u = this.u;
    const indices = fired.indices;
    const offsets = fired.offsetsMs;
    let count = 0;
    if (this.params.scheme === 'published') {
      const h = 0.5 * dtMs;
      for (let i = 0; i < this.size; i++) {
        let vi = v[i];
        const ui = u[i];
        const I = input[i];
        vi += h * (k0 + (I + k2 * (vi * vi) + k1 * vi) - ui);
        vi += h * (k0 + (I + k2 * (vi * vi) + k1 * vi) - ui);
        let un = ui + dtMs * (a * (b * vi - ui));
        if (vi >= vPeakMv) {
          indices[count] = i;
          offsets[count++] = 0;
          vi = c;
          un += d;
        }
        v[i] = vi;
        u[i] = un;
      }
    } else if (this.params.scheme === 'figure1' || this.params.scheme === 'figure1-accommodation') {
      // figure1.m, operation for operation: V = V + tau*(0.04*V^2+5*V+140-u+I); u = u + tau*a*(b*V-u)
      // (panel R: u = u + tau*a*(b*(V+65))); if V > 30, V = c and u = u + d
      const accommodation = this.params.scheme === 'figure1-accommodation';
      for (let i = 0; i < this.size; i++) {
        let vi = v[i];
        let ui = u[i];
        vi = vi + dtMs * (k2 * (vi * vi) + k1 * vi + k0 - ui + input[i]);
        ui = accommodation ? ui + dtMs * a * (b * (vi + 65)) : ui + dtMs * a * (b * vi - ui);
        if (vi > vPeakMv) {
          indices[count] = i;
          offsets[count++] = 0;
          vi = c;
          ui = ui + d;
        }
        v[i] = vi;
        u[i] = ui;
      }
    } else {
      for (let i = 0; i < this.size; i++) {
        const vi = v[i];
        const ui = u[i];
        let vn = dtMs * (k0 + (input[i] + k2 * (vi * vi) + k1 * vi) - ui) + vi;
        let un = dtMs * (a * (b * vi - ui)) + ui;
        if (vn >= vPeakMv) {
          indices[count] = i;
          offsets[count++] = 0;
          vn = c;
          un += d;
        }
        v[i] = vn;
        u[i] = un;
      }
    }
    return count;
  }

  reset(): void {
    this.v.fill(this.v0);
    this.u.fill(this.u0);
  }
}

/** The Izhikevich presets by CLI name: the 2003 ones (a, b, c, d), then the 2004 firing patterns (with v0, dt, duration, stimulus). */
const IZHIKEVICH_PRESETS: PresetDeclaration[] = [
  ...Object.entries(IZHIKEVICH_2003_PRESETS).map(([name, p]) => ({ name, description: `Izhikevich (2003) ${name}`, values: { ...p } })),
  ...Object.entries(IZHIKEVICH_2004_PRESETS).map(([name, p]) => ({
    name, description: p.description, values: { ...(p.params as Record<string, number | string>), v0: p.v0Mv, ...(p.u0 !== undefined ? { u0: p.u0 } : {}) }, dtMs: p.dtMs, durationMs: p.durationMs, stimuli: p.stimuli,
  })),
];

const D = IZHIKEVICH_DEFAULTS;

/** The Izhikevich model's declaration (registry.ts). */
export const IZHIKEVICH_DECLARATION: SomaDeclaration = {
  name: 'izhikevich',
  title: 'Izhikevich (2003)',
  summary: 'dv/dt = k2 v^2 + k1 v + k0 - u + I, du/dt = a (b v - u); v >= 30: v <- c, u <- u + d',
  spiking: true,
  inputUnit: 'model units', // I enters dv/dt directly: mV/ms
  single: true,
  params: [
    { key: 'a', field: 'a', unit: '1/ms', default: D.a, description: 'time scale of the recovery variable u' },
    { key: 'b', field: 'b', unit: '1/ms', default: D.b, description: 'sensitivity of u to v' },
    { key: 'c', field: 'c', unit: 'mV', default: D.c, description: 'reset of v after a spike (below v_peak = 30)' },
    { key: 'd', field: 'd', unit: 'mV/ms', default: D.d, description: 'increment of u after a spike' },
    { key: 'k2', field: 'k2', unit: '1/(mV ms)', default: D.k2, description: 'quadratic coefficient of dv/dt' },
    { key: 'k1', field: 'k1', unit: '1/ms', default: D.k1, description: 'linear coefficient of dv/dt' },
    { key: 'k0', field: 'k0', unit: 'mV/ms', default: D.k0, description: 'constant term of dv/dt' },
    { key: 'scheme', field: 'scheme', unit: '', default: D.scheme, choices: IZHIKEVICH_SCHEMES, description: "integration: the 2003 paper's two half steps of v (published), forward Euler (euler), or the 2004 figure1.m step (figure1, figure1-accommodation)" },
    { key: 'v0', field: 'v0Mv', unit: 'mV', default: -65, description: 'initial v' },
    { key: 'u0', field: 'u0', unit: 'mV/ms', default: (v) => (v.b as number) * (v.v0 as number), description: 'initial u (default b * v0)' },
  ],
  state: [
    { variable: 'v', unit: 'mV', initial: 'v0' },
    { variable: 'u', unit: 'mV/ms', initial: 'u0' },
  ],
  presets: IZHIKEVICH_PRESETS,
  dtMs: 0.1,
  durationMs: 1000,
  defaultInput: 10,
  create: (size, v) => new IzhikevichSoma(size, {
    a: v.a as number, b: v.b as number, c: v.c as number, d: v.d as number, k2: v.k2 as number, k1: v.k1 as number, k0: v.k0 as number, vPeakMv: 30, scheme: v.scheme as IzhikevichScheme,
  }, v.v0 as number, v.u0 as number),
  read: (soma) => {
    const s = soma as IzhikevichSoma, p = s.params;
    return { a: p.a, b: p.b, c: p.c, d: p.d, k2: p.k2, k1: p.k1, k0: p.k0, scheme: p.scheme, v0: s.v[0] ?? -65, u0: s.u[0] ?? p.b * -65 };
  },
  rateHz: null,
  equations: (soma, dtMs) => {
    const s = soma as IzhikevichSoma, p = s.params;
    const f = '(k0 + (I_in + k2*(v*v) + k1*v) - u)';
    const published = p.scheme === 'published';
    const figure1 = p.scheme === 'figure1' || p.scheme === 'figure1-accommodation';
    const stepped = published || figure1;
    // figure1.m (Izhikevich 2004): one Euler step of v, then u from the new v (panel R: du = a b (v + 65))
    const figure1Update = ['v = v + dt_ms*(k2*(v*v) + k1*v + k0 - u + I_in)', p.scheme === 'figure1' ? 'u = u + dt_ms*a*(b*v - u)' : 'u = u + dt_ms*a*(b*(v + 65))'];
    return {
      kind: 'neuron',
      title: `Izhikevich (${figure1 ? '2004' : '2003'}), scheme ${p.scheme}`,
      time: 'continuous',
      variables: stepped
        ? [{ name: 'v', unit: '1', rhs: null, state: 'v', note: `mV, the model's own units; stepped by the ${p.scheme} scheme below` }, { name: 'u', unit: '1', rhs: null, state: 'u' }]
        : [{ name: 'v', unit: '1', rhs: `${f}/ms`, state: 'v', note: "v in mV, the model's own units" }, { name: 'u', unit: '1', rhs: '(a*(b*v - u))/ms', state: 'u' }],
      constants: [
        ...(['a', 'b', 'c', 'd', 'k2', 'k1', 'k0'] as const).map((k) => ({ name: k, value: p[k], unit: '1' as const })),
        { name: 'v_peak', value: p.vPeakMv, unit: '1' },
        ...(stepped ? [{ name: 'h_ms', value: 0.5 * dtMs, unit: '1' as const }, { name: 'dt_ms', value: dtMs, unit: '1' as const }] : []),
      ],
      // the paper's scheme: two half steps of v, then u from the new v (the step above); figure1.m's: one step
      update: published ? [`v = v + h_ms*${f}`, `v = v + h_ms*${f}`, 'u = u + dt_ms*(a*(b*v - u))'] : figure1 ? figure1Update : undefined,
      threshold: figure1 ? 'v > v_peak' : 'v >= v_peak',
      reset: 'v = c; u = u + d',
      refractory: null,
      integration: 'euler',
      input: { unit: '1', exponential: 'step-factor', delta: { variable: 'v', unit: '1' } },
    };
  },
  spikeOffsets: false,
  pynn: {
    cell: 'Izhikevich',
    synapses: ['delta'],
    params: { a: { from: 'a' }, b: { from: 'b' }, c: { from: 'c' }, d: { from: 'd' } },
    initial: { v: 'v', u: 'u' },
    // PyNN's cell divides its current by 1 pF: 1 nA is 1000 mV/ms, so Soma's input (mV/ms) is 0.001 nA per unit
    currentPerInput: 0.001,
    // PyNN's cell: dv/dt = 0.04 v^2 + 5 v + 140 - u + I/pF, du/dt = a (b v - u), v >= 30: the 2003 model
    inexact: (v) => {
      if (v.k2 !== 0.04 || v.k1 !== 5 || v.k0 !== 140) return `k2, k1, k0 = ${v.k2}, ${v.k1}, ${v.k0}: PyNN's Izhikevich cell fixes them at 0.04, 5, 140`;
      if (v.scheme === 'figure1-accommodation') return "scheme figure1-accommodation (panel R's recovery equation): PyNN's cell has du/dt = a (b v - u)";
      return null;
    },
    caveats: "PyNN's cell fixes k2, k1, k0 at 0.04, 5, 140 and takes its current in nA; the published scheme is Soma's",
  },
};
