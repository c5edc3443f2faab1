/**
 * Single-neuron experiments over the network engine: one neuron under a current (`runNeuron`),
 * and an f-I curve, one neuron per current in one population (`fiCurve`).
 */
import { checkNumber } from '../errors';
import { SpikeMonitor } from './monitors';
import { Network } from './network';
import type { ResolvedModel } from './models';
import { ConstantStimulus } from './stimulus';

/** The result of `runNeuron`: spike times in ms. */
export interface NeuronRun {
  spikeTimesMs: number[];
  nSpikes: number;
  /** Spikes per second of simulated time. */
  rateHz: number;
  /** What drove it: the constant current, or the preset stimulus described. */
  current: number | string;
}

/** Rounds a spike time for output (ns resolution hides float noise, keeps the interpolation). */
const roundMs = (t: number) => Math.round(t * 1e6) / 1e6;

/** Runs one neuron of `m` under a constant `current` (plus the preset's own stimulus) for `durationMs`. */
export function runNeuron(m: ResolvedModel, current: number, durationMs: number, dtMs: number): NeuronRun {
  checkNumber('current', current);
  checkNumber('duration_ms', durationMs, { min: 0, minExclusive: true, max: 1e7 });
  const net = new Network(dtMs);
  const pop = net.addPopulation('neuron', m.make(1));
  const stimuli = m.stimuli();
  for (const s of stimuli) net.addStimulus(pop, s);
  if (current !== 0 || stimuli.length === 0) net.addStimulus(pop, new ConstantStimulus(current));
  const mon = net.addMonitor(new SpikeMonitor(pop));
  net.run(durationMs);
  net.dispose();
  const spikeTimesMs = Array.from(mon.timesMs, roundMs);
  const described = stimuli.map((s) => s.describe()).concat(current !== 0 && stimuli.length ? [`constant ${current}`] : []);
  return {
    spikeTimesMs,
    nSpikes: spikeTimesMs.length,
    rateHz: (1000 * spikeTimesMs.length) / durationMs,
    current: stimuli.length ? described.join(' + ') : current,
  };
}

/** One point of an f-I curve (current in the model's unit, rates in Hz). */
export interface FiPoint {
  current: number;
  /** 1000 / mean ISI (Hz); 0 with fewer than two spikes. */
  rateHz: number;
  closedFormHz: number | null;
}

/** The f-I curve: the rate from the mean inter-spike interval at each constant current. */
export function fiCurve(m: ResolvedModel, currents: readonly number[], durationMs: number, dtMs: number): FiPoint[] {
  currents.forEach((c, k) => checkNumber(`currents[${k}]`, c));
  checkNumber('duration_ms', durationMs, { min: 0, minExclusive: true, max: 1e7 });
  const net = new Network(dtMs);
  const pop = net.addPopulation('fi', m.make(currents.length));
  pop.dendrite.bias.set(currents);
  const mon = net.addMonitor(new SpikeMonitor(pop));
  net.run(durationMs);
  net.dispose();
  const trains = mon.spikeTrains();
  return currents.map((current, i) => {
    const t = trains[i];
    const rateHz = t.length >= 2 ? (1000 * (t.length - 1)) / (t[t.length - 1] - t[0]) : 0;
    return { current, rateHz, closedFormHz: m.closedFormHz(current) };
  });
}
