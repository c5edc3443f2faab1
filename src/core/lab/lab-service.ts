/**
 * The lab as a message service: what the page's Web Worker exposes (lab-worker.ts, through
 * comlink) and what the page's `LabClient` calls. Every call that changes the lab answers with a
 * `LabReply`: the snapshot (copied by the message channel's structured clone), the lab's status
 * lines and, when the page watches a unit, that unit as a neuron of three parts. Bad input comes
 * back as a `Refusal` (the ParameterError's parameter, value and allowed words) rather than a
 * thrown error, so the page rebuilds the same ParameterError and keeps its last good state.
 * DOM-free and transport-free: Node tests call it directly or over a MessageChannel.
 */
import { ParameterError } from '../errors';
import type { NetworkFile } from '../export/network-file';
import { Lab, type TrainerFactory } from './lab';
import type { InspectedPair } from './inspect';
import type { NeuronParts } from '../neuron-parts';
import { pageBrian2Script, pagePynnScript, type PageBrian2Options } from './export';
import { pageGradientCheck, type PageGradientCheck } from './gradient-check';
import type { Dataset } from '../data/index';
import type { Settings } from './settings';
import type { LabSnapshot } from './snapshot';
import type { EdgeRef } from './weight-edit';

/** The lab's status lines and flags, sent with every snapshot. */
export interface LabStatus {
  /** The settings in force (after a network file, its hidden units, activation and loss). */
  settings: Settings;
  /** Why the spiking side is not running, or ''. */
  spikingNote: string;
  /** Whether a spiking network runs. */
  spikingActive: boolean;
  /** Why the f-I panel could not use the soma parameters, or ''. */
  somaNote: string;
  /** Why the soma panel's run stopped, or ''. */
  somaFailure: string;
  /** Paused: whether idle frames still have something to catch up (the spiking grid). */
  busy: boolean;
}

/** What a call that changes the lab answers. */
export interface LabReply {
  snapshot: LabSnapshot;
  status: LabStatus;
  /** The watched unit (see `watch`) read after the call, or null when none is watched. */
  inspected: InspectedPair | null;
  /** Time the lab spent on the call in the worker, ms (training, biology, grid). */
  labMs: number;
}

/** A ParameterError as data (it crosses the message channel; the client throws it again). */
export interface Refusal {
  refused: { parameter: string; value: unknown; allowed: string };
}

/** Whether a service answer is a refusal. */
export function isRefusal(x: unknown): x is Refusal {
  return typeof x === 'object' && x !== null && 'refused' in x;
}

/** The page's time budgets for the region grid, ms (playing frame, paused frame). */
export interface ServiceBudget {
  frameMs: number;
  idleMs: number;
}

/** A value the structured clone can carry: the value itself when it is plain data, else its text. */
/**
 * The pair as plain data: the spiking axon's `spikes$` (a live stream on the worker's network)
 * does not cross a message channel; the page reads the counts and rate beside it.
 */
export function plainPair(p: InspectedPair): InspectedPair {
  const plain = (n: NeuronParts | null): NeuronParts | null => {
    if (!n || !('spikes$' in n.axon)) return n;
    const { spikes$: _stream, ...axon } = n.axon;
    return { ...n, axon };
  };
  return { ...p, bio: plain(p.bio), ann: plain(p.ann)! };
}

/**
 * The snapshot as the message carries it. A typed array that is a view on a larger buffer (the
 * trainer's weights are read in place from its WebAssembly memory) would be cloned with its
 * whole buffer, megabytes per frame: such views are copied out to arrays of their own length.
 */
export function messageSnapshot(s: LabSnapshot): LabSnapshot {
  const out = { ...s } as unknown as Record<string, unknown>;
  for (const [key, v] of Object.entries(out)) {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView) && v.byteLength !== v.buffer.byteLength) out[key] = (v as Float64Array).slice();
  }
  return out as unknown as LabSnapshot;
}

function cloneable(v: unknown): unknown {
  try {
    structuredClone(v);
    return v;
  } catch {
    return String(v);
  }
}

export class LabService {
  private lab: Lab | null = null;
  private watched: { layer: 1 | 2; index: number } | null = null;
  private busy = false;

  /** @param makeTrainer the adapter over the backprop core (engines.ts) */
  constructor(private readonly makeTrainer: TrainerFactory) {}

  private get l(): Lab {
    if (!this.lab) throw new Error('the lab service was not started: call start(settings) first');
    return this.lab;
  }

  /** Answers a call that ran `fn`: its snapshot, status and watched unit, or the ParameterError it threw. */
  private reply(fn: (lab: Lab) => void): LabReply | Refusal {
    const t0 = performance.now();
    try {
      fn(this.l);
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      return { refused: { parameter: e.parameter, value: cloneable(e.value), allowed: e.allowed } };
    }
    const labMs = performance.now() - t0;
    const lab = this.l;
    let inspected: InspectedPair | null = null;
    if (this.watched) {
      const [, h, k] = lab.snapshot.sizes;
      const w = this.watched;
      if (w.index < (w.layer === 1 ? h : k)) inspected = plainPair(lab.inspect(w.layer, w.index));
    }
    return {
      snapshot: messageSnapshot(lab.snapshot),
      status: {
        settings: lab.current,
        spikingNote: lab.spikingNote,
        spikingActive: lab.spikingActive,
        somaNote: lab.somaNote,
        somaFailure: lab.somaFailure,
        busy: this.busy,
      },
      inspected,
      labMs,
    };
  }

  /**
   * Builds the lab from the settings (a fresh run from the seed). With a budget the region grid
   * is timed by the worker's clock (as on the page); without one it takes fixed steps, so runs
   * are reproducible bit for bit.
   */
  start(settings: Settings, budget: ServiceBudget | null = null): LabReply | Refusal {
    this.lab = new Lab(settings, this.makeTrainer);
    this.setBudget(budget);
    return this.reply(() => {});
  }

  /** Sets (or clears) the grid's time budget per frame. */
  setBudget(budget: ServiceBudget | null): void {
    this.l.budget = budget ? { now: () => performance.now(), frameMs: budget.frameMs, idleMs: budget.idleMs } : null;
  }

  /** One frame: k training steps and k ms of biology (k > 0), or a paused frame (k = 0) that lets the grid catch up. */
  frame(k: number): LabReply | Refusal {
    return this.reply((lab) => {
      if (k > 0) lab.frame(k);
      else this.busy = lab.idle();
    });
  }

  /** `n` frames of k steps each, answered once (tests and benchmarks advancing by hand). */
  frames(n: number, k: number): LabReply | Refusal {
    return this.reply((lab) => {
      for (let i = 0; i < n; i++) {
        if (k > 0) lab.frame(k);
        else this.busy = lab.idle();
      }
    });
  }

  /** One training step and 1 ms of biology (the step button). */
  step(): LabReply | Refusal {
    return this.reply((lab) => lab.step());
  }

  /** New settings (Lab.configure). */
  configure(settings: Settings): LabReply | Refusal {
    return this.reply((lab) => {
      lab.configure(settings);
      this.busy = true;
    });
  }

  /** Fresh data, weights and spiking state from the seed. */
  reset(): LabReply | Refusal {
    return this.reply((lab) => {
      lab.reset();
      this.busy = true;
    });
  }

  /** Moves the probe (Lab.setProbe). */
  setProbe(x: number, y: number): LabReply | Refusal {
    return this.reply((lab) => lab.setProbe(x, y));
  }

  /** Loads a parsed network file (Lab.loadNetwork); a file that does not fit is refused and changes nothing. */
  loadNetwork(file: NetworkFile, source = 'network'): LabReply | Refusal {
    return this.reply((lab) => {
      lab.loadNetwork(file, source);
      this.busy = true;
    });
  }

  /** Sets one weight of the ANN (Lab.setWeight); a refused edge or value changes nothing. */
  setWeight(edge: EdgeRef, value: number): LabReply | Refusal {
    return this.reply((lab) => {
      lab.setWeight(edge, value);
      this.busy = true;
    });
  }

  /** Play stopped: the probe takes the current weights (Lab.catchUpProbe). */
  catchUpProbe(): LabReply | Refusal {
    return this.reply((lab) => {
      lab.catchUpProbe();
      this.busy = true;
    });
  }

  /** Watches unit `index` of layer 1 or 2 (every reply then carries it), or stops watching (null). */
  watch(layer: 1 | 2, index: number | null): LabReply | Refusal {
    this.watched = index === null ? null : { layer, index };
    return this.reply(() => {});
  }

  /** Unit j of layer 1 or 2 as a neuron of three parts on both sides, now (Lab.inspect). */
  inspect(layer: 1 | 2, j: number): InspectedPair | Refusal {
    try {
      return plainPair(this.l.inspect(layer, j));
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      return { refused: { parameter: e.parameter, value: cloneable(e.value), allowed: e.allowed } };
    }
  }

  /** The current network as a network file (Lab.networkFile). */
  networkFile(): NetworkFile {
    return this.l.networkFile();
  }

  /** The Brian2 script of the page's spiking network (export.ts), without the engine network (it stays here). */
  brian2Script(o: PageBrian2Options): { script: string; units: number[]; batch: number } | Refusal {
    try {
      const exp = pageBrian2Script(this.l, o);
      return { script: exp.script, units: exp.units, batch: exp.batch };
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      return { refused: { parameter: e.parameter, value: cloneable(e.value), allowed: e.allowed } };
    }
  }

  /** The gradient check of the network as trained now (gradient-check.ts). */
  gradientCheck(h: number): PageGradientCheck | Refusal {
    try {
      return pageGradientCheck(this.l, h);
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      return { refused: { parameter: e.parameter, value: cloneable(e.value), allowed: e.allowed } };
    }
  }

  /** The data as split (copies): the training points train, the test points only score. */
  split(): { train: DataCopy; test: DataCopy } {
    const copy = (d: Dataset): DataCopy => ({ n: d.n, d: d.d, classes: d.classes, x: Float64Array.from(d.x), y: Int32Array.from(d.y) });
    return { train: copy(this.l.train), test: copy(this.l.test) };
  }

  /** The PyNN script of the same network (export.ts), with the standard cells it only approximates. */
  pynnScript(o: Omit<PageBrian2Options, 'target'>): { script: string; approximations: string[] } | Refusal {
    try {
      const exp = pagePynnScript(this.l, o);
      return { script: exp.script, approximations: exp.approximations };
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      return { refused: { parameter: e.parameter, value: cloneable(e.value), allowed: e.allowed } };
    }
  }
}

/** A data set as the worker sends it: points x (n x d, row-major) and classes y. */
export interface DataCopy {
  n: number;
  d: number;
  classes: number;
  x: Float64Array;
  y: Int32Array;
}
