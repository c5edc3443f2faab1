/**
 * The page's side of the lab in a Web Worker: a `LabClient` sends commands (frame, configure,
 * reset, setProbe, loadNetwork, ...) to the `LabService` in the worker as async calls and keeps
 * the latest snapshot it received, so views still read `client.snapshot` synchronously.
 *
 * The snapshot keeps its identity while the network's shape stays: each reply's arrays are
 * copied into the one held here (`TypedArray.set`, a memcpy), and a new object is adopted only
 * when a length changes (another hidden layer, more data points), as the lab itself reallocates
 * only then; the page's stage rebuilds on that identity change as before.
 * A refusal from the worker is thrown here as the same ParameterError (parameter, value, words),
 * after which the snapshot on show is still the last good one.
 * DOM-free: the transport is whatever implements the service's methods (a comlink `Remote` over a
 * Worker on the page, a MessageChannel or the service itself in Node tests).
 */
import { ParameterError } from '../errors';
import type { NetworkFile } from '../export/network-file';
import type { InspectedPair } from './inspect';
import type { PageBrian2Options } from './export';
import { isRefusal, type DataCopy, type LabReply, type LabStatus, type Refusal, type ServiceBudget } from './lab-service';
import type { PageGradientCheck } from './gradient-check';
import type { Settings } from './settings';
import type { LabSnapshot } from './snapshot';
import type { EdgeRef } from './weight-edit';

/** A value or a promise of it (comlink's Remote turns every method's result into a promise). */
type Later<T> = T | Promise<T>;

/** The service's methods as the client calls them (LabService itself, or a comlink Remote of it). */
export interface LabServicePort {
  start(settings: Settings, budget: ServiceBudget | null): Later<LabReply | Refusal>;
  setBudget(budget: ServiceBudget | null): Later<void>;
  frame(k: number): Later<LabReply | Refusal>;
  frames(n: number, k: number): Later<LabReply | Refusal>;
  step(): Later<LabReply | Refusal>;
  configure(settings: Settings): Later<LabReply | Refusal>;
  reset(): Later<LabReply | Refusal>;
  setProbe(x: number, y: number): Later<LabReply | Refusal>;
  loadNetwork(file: NetworkFile, source?: string): Later<LabReply | Refusal>;
  catchUpProbe(): Later<LabReply | Refusal>;
  setWeight(edge: EdgeRef, value: number): Later<LabReply | Refusal>;
  watch(layer: 1 | 2, index: number | null): Later<LabReply | Refusal>;
  inspect(layer: 1 | 2, j: number): Later<InspectedPair | Refusal>;
  networkFile(): Later<NetworkFile>;
  brian2Script(o: PageBrian2Options): Later<{ script: string; units: number[]; batch: number } | Refusal>;
  pynnScript(o: Omit<PageBrian2Options, 'target'>): Later<{ script: string; approximations: string[] } | Refusal>;
  gradientCheck(h: number): Later<PageGradientCheck | Refusal>;
  split(): Later<{ train: DataCopy; test: DataCopy }>;
}

/** Throws a refusal as the ParameterError it was; returns anything else. */
function unwrap<T>(x: T | Refusal): T {
  if (isRefusal(x)) throw new ParameterError(x.refused.parameter, x.refused.value, x.refused.allowed);
  return x;
}

function isTypedArray(x: unknown): x is Float64Array | Float32Array | Int32Array | Uint8Array {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

/**
 * Copies snapshot `from` into `into` in place when both have the same shape (every typed array
 * of the same length, the same layer sizes); returns false, copying nothing, when they differ.
 */
export function copySnapshotInto(into: LabSnapshot, from: LabSnapshot): boolean {
  const a = into as unknown as Record<string, unknown>;
  const b = from as unknown as Record<string, unknown>;
  if (into.sizes.some((x, i) => x !== from.sizes[i])) return false;
  for (const key of Object.keys(b)) {
    const x = a[key];
    const y = b[key];
    if (isTypedArray(y) && (!isTypedArray(x) || x.length !== y.length || x.constructor !== y.constructor)) return false;
  }
  for (const key of Object.keys(b)) {
    const y = b[key];
    if (key === 'sizes' || key === 'offsets') continue;
    if (isTypedArray(y)) (a[key] as typeof y).set(y as never);
    else a[key] = y;
  }
  return true;
}

export class LabClient {
  /** The latest snapshot received (the same object while the network's shape stays). */
  snapshot!: LabSnapshot;
  /** The lab's status with that snapshot. */
  status!: LabStatus;
  /** The watched unit with that snapshot (see `watch`), or null. */
  inspected: InspectedPair | null = null;
  /** Worker time of the last call, ms. */
  labMs = 0;
  /** Replies applied so far. */
  replies = 0;
  private watched: { layer: 1 | 2; index: number } | null = null;

  private constructor(private readonly port: LabServicePort) {}

  /** Starts the lab in the service with the settings and waits for its first snapshot. */
  static async connect(port: LabServicePort, settings: Settings, budget: ServiceBudget | null = null): Promise<LabClient> {
    const c = new LabClient(port);
    c.apply(await port.start(settings, budget));
    return c;
  }

  /** Takes a reply: the snapshot (in place when the shape stays), the status, the watched unit. */
  private apply(r: LabReply | Refusal): LabSnapshot {
    const reply = unwrap(r);
    if (!this.snapshot || !copySnapshotInto(this.snapshot, reply.snapshot)) this.snapshot = reply.snapshot;
    this.status = reply.status;
    this.inspected = reply.inspected;
    this.labMs = reply.labMs;
    this.replies++;
    return this.snapshot;
  }

  /** The settings in force. */
  get current(): Settings {
    return this.status.settings;
  }
  get spikingNote(): string {
    return this.status.spikingNote;
  }
  get spikingActive(): boolean {
    return this.status.spikingActive;
  }
  get somaNote(): string {
    return this.status.somaNote;
  }
  get somaFailure(): string {
    return this.status.somaFailure;
  }
  /** Paused: whether idle frames still have something to catch up. */
  get busy(): boolean {
    return this.status.busy;
  }

  /** One frame of k steps (k = 0: a paused frame). */
  async frame(k: number): Promise<LabSnapshot> {
    return this.apply(await this.port.frame(k));
  }
  /** `n` frames of k steps, one reply. */
  async frames(n: number, k: number): Promise<LabSnapshot> {
    return this.apply(await this.port.frames(n, k));
  }
  async step(): Promise<LabSnapshot> {
    return this.apply(await this.port.step());
  }
  async configure(settings: Settings): Promise<LabSnapshot> {
    return this.apply(await this.port.configure(settings));
  }
  async reset(): Promise<LabSnapshot> {
    return this.apply(await this.port.reset());
  }
  /** Moves the probe; throws ParameterError for a point that is not finite. */
  async setProbe(x: number, y: number): Promise<LabSnapshot> {
    return this.apply(await this.port.setProbe(x, y));
  }
  /** Loads a parsed network file; throws ParameterError naming the field when it does not fit (nothing changes). Returns the settings in force. */
  async loadNetwork(file: NetworkFile, source = 'network'): Promise<Settings> {
    this.apply(await this.port.loadNetwork(file, source));
    return this.current;
  }
  /** Sets one weight of the ANN in the worker (the spiking twin follows); throws ParameterError naming the weight for a bad value, and nothing changes. */
  async setWeight(edge: EdgeRef, value: number): Promise<LabSnapshot> {
    return this.apply(await this.port.setWeight(edge, value));
  }
  async catchUpProbe(): Promise<LabSnapshot> {
    return this.apply(await this.port.catchUpProbe());
  }
  async setBudget(budget: ServiceBudget | null): Promise<void> {
    await this.port.setBudget(budget);
  }

  /**
   * The unit on show in the inspector: the latest reply's pair when it is this unit; otherwise
   * asks the worker to watch it (the pair follows with the next reply, `onWatched` is called)
   * and returns null meanwhile.
   */
  watchedPair(layer: 1 | 2, index: number, onWatched: () => void): InspectedPair | null {
    const w = this.watched;
    if (w && w.layer === layer && w.index === index && this.inspected && this.inspected.layer === layer && this.inspected.index === index) return this.inspected;
    if (!w || w.layer !== layer || w.index !== index) {
      this.watched = { layer, index };
      void this.watch(layer, index).then(onWatched);
    }
    return null;
  }

  /** Watches a unit (every reply then carries it), or stops (null). */
  async watch(layer: 1 | 2, index: number | null): Promise<LabSnapshot> {
    this.watched = index === null ? null : { layer, index };
    return this.apply(await this.port.watch(layer, index));
  }

  /** Unit j of layer 1 or 2 as a neuron of three parts on both sides, read now in the worker. */
  async inspect(layer: 1 | 2, j: number): Promise<InspectedPair> {
    return unwrap(await this.port.inspect(layer, j));
  }
  async networkFile(): Promise<NetworkFile> {
    return await this.port.networkFile();
  }
  /** The Brian2 script of the page's spiking network; throws ParameterError when there is none. */
  async brian2Script(o: PageBrian2Options): Promise<{ script: string; units: number[]; batch: number }> {
    return unwrap(await this.port.brian2Script(o));
  }
  /** The gradient check of the network as trained now (in the worker); throws ParameterError for a bad h. */
  async gradientCheck(h: number): Promise<PageGradientCheck> {
    return unwrap(await this.port.gradientCheck(h));
  }
  /** Copies of the training and test points. */
  async split(): Promise<{ train: DataCopy; test: DataCopy }> {
    return await this.port.split();
  }
  /** The PyNN script of the same network and what it only approximates; throws ParameterError when there is none. */
  async pynnScript(o: Omit<PageBrian2Options, 'target'>): Promise<{ script: string; approximations: string[] }> {
    return unwrap(await this.port.pynnScript(o));
  }
}
