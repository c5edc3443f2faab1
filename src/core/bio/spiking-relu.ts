/**
 * Spiking ReLU (nengo's SpikingRectifiedLinear): integrate-and-fire without leak, reset by
 * subtraction. With x the input in Hz and v in units of the threshold (1):
 *     v <- max(0, v + x dt / 1000);  if v >= 1: spike, v <- v - 1.
 * Subtracting (rather than resetting to 0) keeps the remainder, so over any time T the number of
 * spikes is floor(v0 + relu(x) T / 1000): the rate is exactly relu(x), the twin of `relu` in
 * rate.ts. The floor at 0 makes a negative input silence the neuron without building up a debt.
 * At most one spike per step, so rates saturate at 1000/dt Hz.
 */
import { checkNumber } from '../errors';
import type { SomaDeclaration } from './declaration';
import { relu } from './rate';
import { type FiredBuffer, type SomaModel } from './soma';

/** A population of spiking ReLUs (input in Hz; v in units of the threshold). */
export class SpikingReluSoma implements SomaModel {
  readonly model = 'spiking-relu';
  readonly spiking = true;
  readonly inputUnit = 'Hz (the ReLU input)';
  /** Accumulated phase in units of the threshold, in [0, 1); length size. */
  readonly v: Float64Array;
  readonly state: Readonly<Record<string, Float64Array>>;

  /** @param v0 initial phase in [0, 1) (default 0). */
  constructor(readonly size: number, readonly v0 = 0) {
    checkNumber('v0', v0, { min: 0, max: 1, maxExclusive: true });
    this.v = new Float64Array(size).fill(v0);
    this.state = { v: this.v };
  }

  get output(): Float64Array {
    return this.v;
  }

  checkDt(dtMs: number): void {
    checkNumber('dt_ms', dtMs, { min: 0, minExclusive: true });
  }

  step(dtMs: number, _tMs: number, input: Float64Array, fired: FiredBuffer): number {
    const v = this.v;
    const scale = dtMs / 1000;
    let count = 0;
    for (let i = 0; i < this.size; i++) {
      const dv = input[i] * scale;
      const vOld = v[i];
      let vi = vOld + dv;
      if (vi < 0) vi = 0;
      if (vi >= 1) {
        fired.indices[count] = i;
        // The phase reached 1 at the fraction (1 - v_old) / dv of the step; a phase already at
        // or above 1 when the step began (a delta synapse jumped it there) fires at its start.
        fired.offsetsMs[count++] = vOld >= 1 ? 0 : Math.min(dtMs, (dtMs * (1 - vOld)) / dv);
        vi -= 1;
      }
      v[i] = vi;
    }
    return count;
  }

  reset(): void {
    this.v.fill(this.v0);
  }
}

/** The spiking ReLU's declaration (registry.ts); the CLI calls it `relu`. */
export const SPIKING_RELU_DECLARATION: SomaDeclaration = {
  name: 'spiking-relu',
  cliName: 'relu',
  title: 'spiking ReLU',
  summary: 'v <- max(0, v + x dt/1000); v >= 1: spike, v <- v - 1 (rate exactly relu(x), up to 1000/dt Hz)',
  spiking: true,
  inputUnit: 'Hz (ReLU input)',
  single: true,
  params: [{ key: 'v0', field: 'v0', unit: '1', default: 0, min: 0, max: 1, maxExclusive: true, description: 'initial phase, in units of the threshold' }],
  state: [{ variable: 'v', unit: '1', initial: 'v0' }],
  presets: [],
  dtMs: 0.1,
  durationMs: 1000,
  defaultInput: 50,
  create: (size, v) => new SpikingReluSoma(size, v.v0 as number),
  read: (soma) => ({ v0: (soma as SpikingReluSoma).v0 }),
  rateHz: (x) => relu(x),
  equations: (_soma, dtMs) => ({
    kind: 'neuron',
    title: 'spiking ReLU (IF without leak, floor at 0, reset by subtraction)',
    time: 'discrete',
    variables: [{ name: 'v', unit: '1', rhs: null, state: 'v', note: 'phase in units of the threshold' }],
    constants: [{ name: 'dt_step', value: dtMs / 1000, unit: 's' }],
    update: ['v = clip(v + I_in*dt_step, 0, inf)  # no leak, floor at 0'],
    threshold: 'v >= 1',
    reset: 'v = v - 1',
    refractory: null,
    integration: 'map',
    input: { unit: 'Hz', exponential: 'step-factor', delta: { variable: 'v', unit: '1', buffered: true } },
  }),
  spikeOffsets: true,
  pynn: null,
  brian2Notes: {
    always: () => ["Discrete-time somas (spiking ReLU): Brian2 runs Soma's update statement by statement (run_regularly); only the order in which its code generation sums terms may differ (rounding at 1e-16), which can move a spike by one step when v lands on the threshold to within rounding."],
  },
};
