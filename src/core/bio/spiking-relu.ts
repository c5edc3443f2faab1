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
  constructor(readonly size: number, private readonly v0 = 0) {
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
