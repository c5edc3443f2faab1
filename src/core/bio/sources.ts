/**
 * Spike sources: populations whose "soma" ignores its input and fires by a rule, so they connect
 * to other populations through ordinary projections (Brian2's PoissonGroup and SpikeGeneratorGroup).
 */
import { checkNumber, ParameterError } from '../errors';
import { Rng } from '../random';
import type { SomaDeclaration } from './declaration';
import { fillFrom, type FiredBuffer, type SomaModel } from './soma';

/** Independent Poisson spike trains: each neuron fires in a step with probability rate dt / 1000. */
export class PoissonSource implements SomaModel {
  readonly model = 'poisson';
  readonly spiking = true;
  readonly inputUnit = 'none (ignored)';
  /** Rate per neuron, Hz; length size (may be changed between steps). */
  readonly rateHz: Float64Array;
  readonly v: Float64Array;
  readonly state: Readonly<Record<string, Float64Array>>;

  /** @param rateHz rate in Hz, scalar or per neuron, each >= 0 */
  constructor(readonly size: number, rateHz: number | ArrayLike<number>, private readonly rng: Rng) {
    this.rateHz = new Float64Array(size);
    fillFrom(this.rateHz, rateHz, 'rate_hz');
    for (let i = 0; i < size; i++) if (this.rateHz[i] < 0) throw new ParameterError('rate_hz', this.rateHz[i], 'a rate >= 0 Hz');
    this.v = new Float64Array(size);
    this.state = { rate_hz: this.rateHz };
  }

  get output(): Float64Array {
    return this.v;
  }

  checkDt(dtMs: number): void {
    checkNumber('dt_ms', dtMs, { min: 0, minExclusive: true });
  }

  step(dtMs: number, _tMs: number, _input: Float64Array, fired: FiredBuffer): number {
    const p = dtMs / 1000;
    let count = 0;
    for (let i = 0; i < this.size; i++) {
      if (this.rng.random() < this.rateHz[i] * p) {
        fired.indices[count] = i;
        fired.offsetsMs[count++] = 0;
      }
    }
    return count;
  }

  reset(): void {}
}

/** Fires given neurons at given times (ms): spike k is neuron indices[k] at timesMs[k]. */
export class SpikeTimesSource implements SomaModel {
  readonly model = 'spike-times';
  readonly spiking = true;
  readonly inputUnit = 'none (ignored)';
  readonly v: Float64Array;
  readonly state: Readonly<Record<string, Float64Array>>;
  private readonly order: Int32Array;
  private next = 0;

  constructor(readonly size: number, readonly indices: ArrayLike<number>, readonly timesMs: ArrayLike<number>) {
    if (indices.length !== timesMs.length) throw new ParameterError('times_ms', `array of length ${timesMs.length}`, `the length of indices (${indices.length})`);
    for (let k = 0; k < indices.length; k++) {
      checkNumber(`indices[${k}]`, indices[k], { min: 0, max: size - 1, integer: true });
      checkNumber(`times_ms[${k}]`, timesMs[k], { min: 0 });
    }
    this.order = Int32Array.from({ length: indices.length }, (_, k) => k).sort((x, y) => timesMs[x] - timesMs[y]);
    this.v = new Float64Array(size);
    this.state = {};
  }

  get output(): Float64Array {
    return this.v;
  }

  checkDt(dtMs: number): void {
    checkNumber('dt_ms', dtMs, { min: 0, minExclusive: true });
  }

  /**
   * Emits the spikes of step n = round(t / dt): those with floor(time / dt + 1e-6) = n (the small
   * tolerance puts 0.3 ms in step 3 at dt 0.1 despite rounding); a neuron listed twice in one step
   * fires once; spikes before the present step are skipped.
   */
  step(dtMs: number, tMs: number, _input: Float64Array, fired: FiredBuffer): number {
    let count = 0;
    const n = Math.round(tMs / dtMs);
    const order = this.order;
    while (this.next < order.length) {
      const k = order[this.next];
      const t = this.timesMs[k];
      const stepOfSpike = Math.floor(t / dtMs + 1e-6);
      if (stepOfSpike > n) break;
      this.next++;
      if (stepOfSpike < n) continue;
      const i = this.indices[k];
      let seen = false;
      for (let j = 0; j < count; j++) if (fired.indices[j] === i) seen = true;
      if (seen) continue;
      fired.indices[count] = i;
      fired.offsetsMs[count++] = Math.min(Math.max(0, t - tMs), dtMs);
    }
    return count;
  }

  reset(): void {
    this.next = 0;
  }
}

/** The Poisson source's declaration (registry.ts). `create` takes a seeded Rng (default seed 0). */
export const POISSON_DECLARATION: SomaDeclaration = {
  name: 'poisson',
  title: 'Poisson spike source',
  summary: 'fires in each step with probability rate dt / 1000, independently; ignores its input',
  spiking: true,
  inputUnit: 'none (ignored)',
  single: false,
  params: [{ key: 'rate_hz', field: 'rateHz', unit: 'Hz', default: 10, min: 0, description: 'firing rate (per neuron in code)' }],
  state: [{ variable: 'rate_hz', unit: 'Hz', initial: 'rate_hz' }],
  presets: [],
  dtMs: 0.1,
  durationMs: 1000,
  defaultInput: 0,
  create: (size, v, rng) => new PoissonSource(size, v.rate_hz as number, rng ?? new Rng(0)),
  read: (soma) => ({ rate_hz: (soma as PoissonSource).rateHz[0] ?? 0 }),
  rateHz: (_x, v) => v.rate_hz as number,
  equations: (soma) => ({ kind: 'poisson', rateHz: (soma as PoissonSource).rateHz }),
  spikeOffsets: false,
  pynn: { cell: 'SpikeSourcePoisson', params: {}, caveats: "the simulator's own random numbers: the same statistics, not the same spikes" },
  brian2Notes: {
    always: () => ["Poisson sources: Brian2's PoissonGroup fires with the same probability rate*dt per step, but from Brian2's own random numbers (SEED): the same statistics, not the same spikes."],
  },
};

/** The spike-list source's declaration (registry.ts): its spikes are data, not parameters. */
export const SPIKE_TIMES_DECLARATION: SomaDeclaration = {
  name: 'spike-times',
  title: 'spike-list source',
  summary: 'fires the listed neurons at the listed times (on the step floor(t/dt)); ignores its input',
  spiking: true,
  inputUnit: 'none (ignored)',
  single: false,
  params: [],
  state: [],
  presets: [],
  dtMs: 0.1,
  durationMs: 1000,
  defaultInput: 0,
  create: (size) => new SpikeTimesSource(size, [], []),
  read: () => ({}),
  rateHz: null,
  equations: (soma) => {
    const s = soma as SpikeTimesSource;
    return { kind: 'spike-list', indices: s.indices, timesMs: s.timesMs };
  },
  spikeOffsets: false,
  pynn: { cell: 'SpikeSourceArray', params: {}, caveats: 'spike_times per neuron, from the list' },
};
