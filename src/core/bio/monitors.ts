/**
 * Monitors observe a population in the network's last phase; models never know of them.
 * Recording grows typed arrays by doubling (amortised, no per-spike allocation).
 */
import { checkNumber, ParameterError } from '../errors';
import type { Population } from './population';

/** Something the network calls in its monitor phase, once per step. */
export interface Monitor {
  record(step: number, tMs: number, dtMs: number): void;
  reset(): void;
}

/** Records every spike of a population: neuron index and time (ms, with the in-step offset). */
export class SpikeMonitor implements Monitor {
  private idx = new Int32Array(1024);
  private t = new Float64Array(1024);
  /** Number of spikes recorded. */
  count = 0;

  constructor(readonly population: Population) {}

  record(_step: number, tMs: number): void {
    const n = this.population.firedCount;
    if (n === 0) return;
    if (this.count + n > this.idx.length) {
      const cap = Math.max(this.idx.length * 2, this.count + n);
      const i2 = new Int32Array(cap); i2.set(this.idx); this.idx = i2;
      const t2 = new Float64Array(cap); t2.set(this.t); this.t = t2;
    }
    const { indices, offsetsMs } = this.population.fired;
    for (let k = 0; k < n; k++) {
      this.idx[this.count] = indices[k];
      this.t[this.count++] = tMs + offsetsMs[k];
    }
  }

  /** Neuron index of each spike, in order of time; length count. */
  get indices(): Int32Array {
    return this.idx.subarray(0, this.count);
  }

  /** Time of each spike, ms; length count. */
  get timesMs(): Float64Array {
    return this.t.subarray(0, this.count);
  }

  /** Spike times of each neuron (ms), one array per neuron. */
  spikeTrains(): Float64Array[] {
    const size = this.population.size;
    const per = new Int32Array(size);
    for (let k = 0; k < this.count; k++) per[this.idx[k]]++;
    const trains = Array.from({ length: size }, (_, i) => new Float64Array(per[i]));
    per.fill(0);
    for (let k = 0; k < this.count; k++) {
      const i = this.idx[k];
      trains[i][per[i]++] = this.t[k];
    }
    return trains;
  }

  reset(): void {
    this.count = 0;
  }
}

/** Records chosen state variables of chosen neurons every `everySteps` steps. */
export class StateMonitor implements Monitor {
  private readonly source: Float64Array;
  private buf: Float64Array;
  private tBuf: Float64Array;
  /** Number of samples recorded. */
  samples = 0;
  readonly neurons: Int32Array;

  /**
   * @param variable a name from `population.soma.state` (e.g. `v`, `u`, `m`)
   * @param neurons which neurons (indices)
   * @param everySteps record every k-th step (k >= 1)
   */
  constructor(readonly population: Population, readonly variable: string, neurons: ArrayLike<number>, readonly everySteps = 1) {
    const src = population.soma.state[variable];
    if (!src) throw new ParameterError('variable', variable, `one of ${Object.keys(population.soma.state).join(', ')}`);
    this.source = src;
    this.neurons = Int32Array.from(neurons, (i, k) => checkNumber(`neurons[${k}]`, i, { min: 0, max: population.size - 1, integer: true }));
    checkNumber('every_steps', everySteps, { min: 1, integer: true });
    this.buf = new Float64Array(64 * Math.max(1, this.neurons.length));
    this.tBuf = new Float64Array(64);
  }

  /** Records the state at the end of the step (time t + dt). */
  record(step: number, tMs: number, dtMs: number): void {
    if ((step + 1) % this.everySteps !== 0) return;
    const m = this.neurons.length;
    if ((this.samples + 1) * m > this.buf.length || this.samples + 1 > this.tBuf.length) {
      const b = new Float64Array(this.buf.length * 2); b.set(this.buf); this.buf = b;
      const t = new Float64Array(this.tBuf.length * 2); t.set(this.tBuf); this.tBuf = t;
    }
    this.tBuf[this.samples] = tMs + dtMs;
    const base = this.samples * m;
    for (let k = 0; k < m; k++) this.buf[base + k] = this.source[this.neurons[k]];
    this.samples++;
  }

  /** Sample times, ms; length samples. */
  get timesMs(): Float64Array {
    return this.tBuf.subarray(0, this.samples);
  }

  /** The trace of the k-th monitored neuron; length samples. */
  trace(k: number): Float64Array {
    const m = this.neurons.length;
    return Float64Array.from({ length: this.samples }, (_, s) => this.buf[s * m + k]);
  }

  reset(): void {
    this.samples = 0;
  }
}

/** Counts the spikes of a population per step; the population rate in Hz per bin. */
export class PopulationRateMonitor implements Monitor {
  private counts = new Int32Array(1024);
  steps = 0;
  private dtMs = 0;

  constructor(readonly population: Population) {}

  record(_step: number, _tMs: number, dtMs: number): void {
    if (this.steps === this.counts.length) {
      const c = new Int32Array(this.counts.length * 2); c.set(this.counts); this.counts = c;
    }
    this.dtMs = dtMs;
    this.counts[this.steps++] = this.population.firedCount;
  }

  /** Spikes per step; length steps. */
  get spikesPerStep(): Int32Array {
    return this.counts.subarray(0, this.steps);
  }

  /** Population rate in Hz, averaged over bins of `binMs` (whole steps): spikes / (N * bin). */
  rateHz(binMs: number = this.dtMs): Float64Array {
    checkNumber('bin_ms', binMs, { min: 0, minExclusive: true });
    const per = Math.max(1, Math.round(binMs / this.dtMs));
    const out = new Float64Array(Math.ceil(this.steps / per));
    for (let s = 0; s < this.steps; s++) out[Math.floor(s / per)] += this.counts[s];
    const norm = 1000 / (this.population.size * per * this.dtMs);
    for (let b = 0; b < out.length; b++) out[b] *= norm;
    return out;
  }

  reset(): void {
    this.steps = 0;
  }
}
