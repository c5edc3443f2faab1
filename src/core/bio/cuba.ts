/**
 * The CUBA network of Brette et al. (2007), benchmark 2, as in Brian2's example (examples/CUBA.py):
 * N LIF neurons (80% excitatory), tau_m 20 ms, V_t -50, V_r -60, E_l -49 mV, refractory 5 ms,
 *     dv/dt = (ge + gi - (v - E_l)) / tau_m,  dge/dt = -ge / 5 ms,  dgi/dt = -gi / 10 ms,
 * random connectivity p = 0.02, excitatory spikes ge += 1.62 mV, inhibitory gi += -9 mV,
 * V0 uniform in [V_r, V_t]. Brian2 uses one group with synapses 'i < 3200' / 'i >= 3200'; here
 * the same network is two populations (E, I) and four projections, which samples the same graph.
 * Brian2's zero delay is our one-step delay (see projection.ts).
 */
import { checkNumber } from '../errors';
import { Rng } from '../random';
import { LifSoma, type LifKernelChoice } from './lif';
import { SpikeMonitor } from './monitors';
import { Network } from './network';
import type { Population } from './population';

/** A CUBA run: size, time (ms) and the seed of V0 and the connectivity. */
export interface CubaOptions {
  /** Number of neurons (integer >= 0; 80% excitatory, rounded down). */
  neurons: number;
  durationMs: number;
  dtMs: number;
  seed: number;
  /**
   * Connection probability of every (pre, post) pair (default CUBA.p = 0.02, Brette et al. 2007).
   * The scaling benchmark keeps the in-degree at 80 (p = 80 / neurons) so that larger networks
   * keep the same activity.
   */
  connectionProbability?: number;
  /** Where the LIF populations integrate (lif.ts; default `wasm` where available). Same results either way. */
  kernel?: LifKernelChoice;
  /**
   * A CPU-time clock, ms (the CLI passes its process's user + system time, all threads). With it the
   * result also gives build and run in CPU time, which is what Brian2's standalone loop time is
   * (`std::clock()` in its network.cpp), so the two loops compare like for like on a busy machine.
   */
  cpuClockMs?: () => number;
}

/** The fields of `npm run soma -- cuba --format json`. */
export interface CubaResult {
  neurons: number;
  synapses: number;
  duration_ms: number;
  dt_ms: number;
  spikes: number;
  rate_hz: number;
  cv_isi: number | null;
  build_ms: number;
  run_ms: number;
  /** Build and run in CPU time (ms; null without `cpuClockMs`). */
  build_cpu_ms: number | null;
  run_cpu_ms: number | null;
}

/** The CUBA constants (ms, mV; p the connection probability), as in Brian2's example. */
export const CUBA = { tauMs: 20, tauExcMs: 5, tauInhMs: 10, vThreshMv: -50, vResetMv: -60, eLeakMv: -49, refractoryMs: 5, wExcMv: 1.62, wInhMv: -9, p: 0.02 } as const;

/** Builds the CUBA network (not run). */
export function buildCuba(opts: CubaOptions): { network: Network; exc: Population; inh: Population; monitors: SpikeMonitor[] } {
  const n = checkNumber('neurons', opts.neurons, { min: 0, max: 1_000_000, integer: true });
  checkNumber('dt_ms', opts.dtMs, { min: 0, minExclusive: true });
  checkNumber('seed', opts.seed, { integer: true });
  const p = checkNumber('connection_probability', opts.connectionProbability ?? CUBA.p, { min: 0, max: 1 });
  const rng = new Rng(opts.seed);
  const nExc = Math.floor(0.8 * n);
  const lif = { tauMs: CUBA.tauMs, vRestMv: CUBA.eLeakMv, vResetMv: CUBA.vResetMv, vThreshMv: CUBA.vThreshMv, refractoryMs: CUBA.refractoryMs };
  const v0 = rng.fork();
  // a plain loop (Float64Array.from with a callback runs its slow generic path in a cold process)
  const uniformV = (k: number) => {
    const v = new Float64Array(k);
    for (let i = 0; i < k; i++) v[i] = v0.uniform(CUBA.vResetMv, CUBA.vThreshMv);
    return v;
  };
  const network = new Network(opts.dtMs);
  const exc = network.addPopulation('E', new LifSoma(nExc, lif, uniformV(nExc), { kernel: opts.kernel }));
  const inh = network.addPopulation('I', new LifSoma(n - nExc, lif, uniformV(n - nExc), { kernel: opts.kernel }));
  const wiring = rng.fork();
  for (const pre of [exc, inh]) {
    for (const post of [exc, inh]) {
      const excitatory = pre === exc;
      network.connect(pre, post, {
        connectivity: { kind: 'fixed-probability', p, rng: wiring },
        weight: excitatory ? CUBA.wExcMv : CUBA.wInhMv,
        synapse: { type: 'exponential', tauSynMs: excitatory ? CUBA.tauExcMs : CUBA.tauInhMs },
      });
    }
  }
  const monitors = [network.addMonitor(new SpikeMonitor(exc)), network.addMonitor(new SpikeMonitor(inh))];
  return { network, exc, inh, monitors };
}

/**
 * Mean over neurons with at least 3 spikes of std(ISI) / mean(ISI) (population std); null if none.
 * The same definition as scripts/brian2/cuba_reference.py.
 */
export function cvIsi(trains: readonly Float64Array[]): number | null {
  let sum = 0, k = 0;
  for (const t of trains) {
    if (t.length < 3) continue;
    const m = t.length - 1;
    const mean = (t[m] - t[0]) / m;
    let ss = 0;
    for (let j = 1; j <= m; j++) ss += (t[j] - t[j - 1] - mean) ** 2;
    sum += Math.sqrt(ss / m) / mean;
    k++;
  }
  return k ? sum / k : null;
}

/**
 * Builds and runs CUBA, timing both phases (ms of wall clock). `onSpikes`, when given, receives
 * the spike monitors (E, then I) after the run, before the network is disposed (the CLI writes
 * the spikes to a file there; not timed).
 */
export function runCuba(opts: CubaOptions, onSpikes?: (monitors: readonly SpikeMonitor[]) => void): CubaResult {
  checkNumber('duration_ms', opts.durationMs, { min: 0, max: 1e7 });
  const cpu = opts.cpuClockMs;
  const c0 = cpu?.() ?? NaN, t0 = performance.now();
  const { network, monitors } = buildCuba(opts);
  const t1 = performance.now(), c1 = cpu?.() ?? NaN;
  network.run(opts.durationMs);
  const t2 = performance.now(), c2 = cpu?.() ?? NaN;
  const spikes = monitors[0].count + monitors[1].count;
  const synapses = network.projections.reduce((s, p) => s + p.synapseCount, 0);
  const cv = cvIsi([...monitors[0].spikeTrains(), ...monitors[1].spikeTrains()]);
  onSpikes?.(monitors);
  network.dispose();
  const seconds = (Math.round(opts.durationMs / opts.dtMs) * opts.dtMs) / 1000;
  return {
    neurons: opts.neurons,
    synapses,
    duration_ms: opts.durationMs,
    dt_ms: opts.dtMs,
    spikes,
    rate_hz: opts.neurons && seconds ? spikes / (opts.neurons * seconds) : 0,
    cv_isi: cv,
    build_ms: t1 - t0,
    run_ms: t2 - t1,
    build_cpu_ms: cpu ? c1 - c0 : null,
    run_cpu_ms: cpu ? c2 - c1 : null,
  };
}
