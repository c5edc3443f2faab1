/**
 * The conversion's integrate-and-fire soma (models `if-subtract`, `if-zero`, `leaky-subtract`,
 * `leaky-zero`), a map per step in threshold units, and its declaration. Moved here unchanged
 * from experiments/engine.ts, which re-exports it.
 */
import type { SomaDeclaration } from './declaration';
import type { FiredBuffer, SomaModel } from './soma';

/**
 * The integrate-and-fire soma of conversion, in threshold units: V <- decay V + z, a spike when
 * V >= threshold, then V <- V - threshold (`subtract`) or 0 (`zero`). Unlike the core's
 * SpikingReluSoma, V has no floor at 0: a layer fed by spikes through mixed-sign weights must
 * remember negative input, or alternating +w/-w input would fire although its mean is 0.
 */
export class IntegrateSoma implements SomaModel {
  readonly model: string;
  readonly spiking = true;
  readonly inputUnit = 'threshold units per step';
  readonly v: Float64Array;
  readonly state: Readonly<Record<string, Float64Array>>;

  constructor(readonly size: number, readonly threshold = 1, readonly reset_: 'subtract' | 'zero' = 'subtract', readonly decay = 1) {
    this.model = decay === 1 ? `if-${reset_}` : `leaky-${reset_}`;
    this.v = new Float64Array(size);
    this.state = { v: this.v };
  }

  get output(): Float64Array {
    return this.v;
  }

  checkDt(): void {}

  step(_dtMs: number, _tMs: number, input: Float64Array, fired: FiredBuffer): number {
    const v = this.v, theta = this.threshold, decay = this.decay, subtract = this.reset_ === 'subtract';
    let count = 0;
    for (let i = 0; i < this.size; i++) {
      let vi = decay === 1 ? v[i] + input[i] : decay * v[i] + input[i];
      if (vi >= theta) {
        vi = subtract ? vi - theta : 0;
        fired.indices[count] = i;
        fired.offsetsMs[count++] = 0;
      }
      v[i] = vi;
    }
    return count;
  }

  reset(): void {
    this.v.fill(0);
  }
}

/** Integrate-and-fire reset rules. */
const INTEGRATE_RESETS = ['subtract', 'zero'] as const;

/** The conversion soma's declaration (registry.ts): one model, four instance names. */
export const INTEGRATE_DECLARATION: SomaDeclaration = {
  name: 'integrate',
  instanceModels: ['if-subtract', 'if-zero', 'leaky-subtract', 'leaky-zero'],
  title: 'integrate-and-fire map (conversion)',
  summary: 'V <- decay V + z per step; V >= threshold: spike, V <- V - threshold (subtract) or 0 (zero); no floor',
  spiking: true,
  inputUnit: 'threshold units per step',
  single: false,
  params: [
    { key: 'threshold', field: 'threshold', unit: '1', default: 1, description: 'threshold, in the units of the input' },
    { key: 'reset', field: 'reset_', unit: '', default: 'subtract', choices: INTEGRATE_RESETS, description: 'reset by subtracting the threshold, or to zero' },
    { key: 'decay', field: 'decay', unit: '1', default: 1, min: 0, max: 1, description: 'factor on V per step (1: no leak)' },
  ],
  state: [{ variable: 'v', unit: '1', initial: '0' }],
  presets: [],
  dtMs: 1,
  durationMs: 100,
  defaultInput: 1,
  create: (size, v) => new IntegrateSoma(size, v.threshold as number, v.reset as 'subtract' | 'zero', v.decay as number),
  read: (soma) => {
    const s = soma as IntegrateSoma;
    return { threshold: s.threshold, reset: s.reset_, decay: s.decay };
  },
  rateHz: null,
  equations: (soma) => {
    const s = soma as IntegrateSoma;
    return {
      kind: 'neuron',
      title: `integrate-and-fire (${s.model}; a map per step, threshold units)`,
      time: 'discrete',
      variables: [{ name: 'v', unit: '1', rhs: null, state: 'v', note: 'membrane potential in threshold units' }],
      constants: [{ name: 'theta', value: s.threshold, unit: '1' }, ...(s.decay !== 1 ? [{ name: 'decay_m', value: s.decay, unit: '1' as const }] : [])],
      update: [s.decay === 1 ? 'v = v + I_in  # integrate-and-fire: input per step, no leak' : 'v = decay_m*v + I_in  # leaky: V <- decay V + z'],
      threshold: 'v >= theta',
      reset: s.reset_ === 'subtract' ? 'v = v - theta' : 'v = 0',
      refractory: null,
      integration: 'map',
      input: { unit: '1', exponential: 'step-factor', delta: { variable: 'v', unit: '1', buffered: true } },
    };
  },
  spikeOffsets: false,
  pynn: {
    // V <- decay V + z is the exact step of a LIF membrane tau dV/dt = -V + R I with I held over
    // the step and decay = e^(-dt/tau): tau = -dt/ln(decay), and R I (1 - decay) = z. Threshold
    // units are taken as mV (rest and reset 0), cm = 1 nF so R = tau MOhm.
    cell: 'IF_curr_delta',
    synapses: ['delta'],
    params: {},
    derive: (v, dtMs) => {
      const decay = v.decay as number;
      // decay 1 (no leak): the closest leaky cell, tau = 1e9 ms (a leak of 1e-9 dt per step); decay 0: tau = dt/50 (e^-50 left)
      const tau = decay === 0 ? dtMs / 50 : decay < 1 ? -dtMs / Math.log(decay) : 1e9;
      const r = tau; // MOhm, with cm = 1 nF
      return {
        params: { tau_m: tau, cm: 1, v_rest: 0, v_reset: 0, v_thresh: v.threshold as number, tau_refrac: 0 },
        currentPerInput: 1 / (r * -Math.expm1(-dtMs / tau)),
        // a pulse z joins V <- decay V + z; PyNN's jump w arrives before the next step's decay: w = z / decay
        pulseJump: Math.exp(dtMs / tau),
      };
    },
    initial: { v: 'v' },
    inexact: (v) => {
      if (v.reset === 'subtract') return 'reset by subtraction (V <- V - threshold): standard cells reset to a fixed V_reset; closest: IF_curr_delta resetting to 0';
      if (v.decay === 1) return 'non-leaky integrate-and-fire: standard cells leak; closest: IF_curr_delta with tau_m = 1e9 ms';
      if (v.decay === 0) return 'decay 0 (no memory between steps): closest IF_curr_delta with tau_m = dt/50';
      return null;
    },
    caveats: 'the threshold is v > v_thresh (Soma: >=), which differs only when V lands on the threshold exactly',
  },
  brian2Notes: {
    always: (soma) => [`Discrete-time somas (${soma.model}): Brian2 runs Soma's update statement by statement (run_regularly); only the order in which its code generation sums terms may differ (rounding at 1e-16), which can move a spike by one step when v lands on the threshold to within rounding.`],
  },
};
