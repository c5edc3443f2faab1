/**
 * The probe's spiking side: the probe network (probe.ts) of the converted current weights, one
 * counting window of T ms at a time, stepped 1 ms per step of biology. It owns the network, its
 * window and its subscriptions to the populations' `spikes$` streams, and tears them down with
 * the window. At each window's start it converts the latest weights (only if they changed since
 * the last conversion, or when new conversion options force it), so the spike counts shown next
 * to the activations are counts over the last complete window, with the training step of the
 * weights that made them (`probeStep`, `lastCountsStep`).
 */
import type { Subscription } from 'rxjs';
import type { SpikeBatch } from '../bio/population';
import type { ConvertedNetwork } from '../experiments/convert';
import { BIO_DT_MS, type Conversion } from './conversion';
import type { LabState } from './lab-state';
import { ProbeNetwork } from './probe';
import { countsCurrent, SCATTER_CAPACITY, SPIKE_CAPACITY, TRACE_MS } from './snapshot';

export class ProbeRunner {
  /** The conversion the probe's window runs (null: no spiking twin, or a refused conversion). */
  converted: ConvertedNetwork | null = null;
  /** weightsVersion of that conversion (-1: none yet). */
  convertedAt = -1;
  /** The probe network of the window running (null when no spiking network runs). */
  probeSnn: ProbeNetwork | null = null;
  /** The subscriptions to the probe network's spike streams (one per population). */
  private probeSubscriptions: Subscription[] = [];
  /** Hidden activations of the probe under the weights the current window simulates (H). */
  private windowActivation = new Float64Array(0);

  constructor(
    private readonly lab: LabState,
    private readonly conversion: Conversion,
  ) {}

  private get snapshot() {
    return this.lab.snapshot;
  }
  private get settings() {
    return this.lab.settings;
  }
  private get seed() {
    return this.lab.seed;
  }

  /** Buffers for the network's shape (after a reset); the next window converts again. */
  resize(): void {
    this.windowActivation = new Float64Array(this.snapshot.sizes[1]);
    this.convertedAt = -1;
  }

  /**
   * Play stopped: if the probe's window runs older weights than the ANN's, start a new window
   * with the current ones (the partial counts of the old weights are dropped; the last complete
   * window stays on show with its step), so the paused spiking network is the ANN on show.
   */
  catchUpProbe(): void {
    if (this.convertedAt !== this.snapshot.weightsVersion) this.restartWindow();
  }

  /**
   * Starts a new counting window for the probe with the latest weights (converted again only
   * when they changed since the last conversion, or when `force`d by new conversion options).
   * `follows`: the window simply follows the last one (closeWindow); any other start is
   * something new (probe, options, delay), so `probeVersion` counts up, as it does for new weights.
   */
  restartWindow(force = false, follows = false): void {
    const s = this.snapshot;
    s.windowStartMs = s.bioTimeMs;
    s.windowMs = this.settings.tMs;
    s.windowCounts.fill(0);
    if (!follows) s.probeVersion++;
    if (force || this.convertedAt !== s.weightsVersion) {
      if (follows) s.probeVersion++;
      this.converted = this.conversion.convert();
      this.convertedAt = s.weightsVersion;
      s.probeStep = s.trainStep;
      const layers = this.converted ? this.converted.layers : [];
      for (let l = 0; l < 2; l++) {
        const soma = layers[l]?.soma;
        s.leaky[l] = soma && (soma.kind === 'lif' || (soma.kind === 'integrate' && soma.decay < 1)) ? 1 : 0;
      }
    }
    const [d, h] = s.sizes;
    for (let j = 0; j < h; j++) this.windowActivation[j] = s.activation[d + j];
    // What each input carries: Poisson input i fires with probability |x_i| / lambda_0 per step.
    const poisson = this.converted?.options.encoding === 'poisson';
    s.inputEncoding = poisson ? 'poisson' : 'current';
    for (let i = 0; i < d; i++) s.inputRateHz[i] = poisson ? (Math.abs(s.probe[i]) / this.converted!.inputScale) * (1000 / this.converted!.options.dtMs) : 0;
    this.disposeProbe();
    if (!this.converted) return;
    const probe = new ProbeNetwork(this.converted, s.probe, this.settings.delayMs, this.seed + Math.round(s.bioTimeMs));
    this.probeSnn = probe;
    // Each population's spikes reach the snapshot through its stream; neuron numbering of the
    // snapshot: inputs 0..D-1, hidden D.., outputs D+H.. . The engine's time starts at 0 with
    // each window, so a batch's time is offset by the window start.
    const t0 = s.bioTimeMs;
    const pops = probe.input ? [probe.input, ...probe.layers] : probe.layers;
    const offsets = probe.input ? [0, d, d + h] : [d, d + h];
    pops.forEach((pop, p) => {
      const off = offsets[p];
      this.probeSubscriptions.push(pop.spikes$.subscribe((b) => this.recordSpikes(b, off, t0)));
    });
  }

  /** Copies one batch of spikes (reused by the engine) into the snapshot's window counts and spike ring. */
  private recordSpikes(b: SpikeBatch, offset: number, t0: number): void {
    const s = this.snapshot;
    const cap = SPIKE_CAPACITY;
    const t = t0 + b.tMs;
    for (let q = 0; q < b.count; q++) {
      const i = offset + b.indices[q];
      s.spikedThisFrame[i] = 1;
      s.windowCounts[i]++;
      s.totalSpikes++;
      const e = s.spikeHead % cap;
      // The step's start: the spike is delivered exactly delayMs later (the dot's travel time).
      s.spikeTimeMs[e] = t;
      s.spikeNeuron[e] = i;
      s.spikeHead++;
    }
  }

  /**
   * Paused: the spiking side catches up by itself. Starts a window on the current weights if the
   * one running is older, then steps biology (at most `maxMs` ms per call, so the page keeps
   * drawing) until a whole window of the current weights and probe has been counted. Returns true
   * while the counts on show are not yet those of the activations on show.
   */
  catchUpCounts(maxMs: number): boolean {
    const s = this.snapshot;
    if (!this.converted || s.diverged) return false;
    this.catchUpProbe();
    for (let t = 0; t < maxMs && !countsCurrent(s); t++) this.bioStep();
    return !countsCurrent(s);
  }

  private disposeProbe(): void {
    for (const sub of this.probeSubscriptions) sub.unsubscribe();
    this.probeSubscriptions.length = 0;
    this.probeSnn?.dispose();
    this.probeSnn = null;
  }

  /** 1 ms of biology for the probe: step, record spikes, potentials and the window. */
  bioStep(): void {
    const s = this.snapshot;
    const [d, h, k] = s.sizes;
    const snn = this.probeSnn;
    const t = s.bioTimeMs;
    if (snn) {
      snn.step(); // spikes arrive in recordSpikes, through the populations' streams
      for (let j = 0; j < h; j++) s.v[d + j] = snn.potential(0, j);
      for (let j = 0; j < k; j++) s.v[d + h + j] = snn.potential(1, j);
    }
    // Input neurons: their "potential" is the input value relative to the largest input (0..1).
    const scale = this.converted ? this.converted.inputScale : 1;
    s.v[0] = Math.abs(s.probe[0]) / scale;
    s.v[1] = Math.abs(s.probe[1]) / scale;
    const n = d + h + k;
    const col = s.traceHead % TRACE_MS;
    for (let i = 0; i < n; i++) s.trace[i * TRACE_MS + col] = s.v[i];
    s.traceHead++;
    s.bioTimeMs = t + BIO_DT_MS;
    if (s.bioTimeMs - s.windowStartMs >= s.windowMs) this.closeWindow();
  }

  /** End of a window: counts become the shown counts; (activation, rate) pairs go to the scatter. */
  private closeWindow(): void {
    const s = this.snapshot;
    const [d, h, k] = s.sizes;
    s.lastCounts.set(s.windowCounts);
    s.lastCountsStep = s.probeStep;
    s.lastCountsVersion = s.probeVersion;
    if (this.converted) {
      const perSecond = 1000 / s.windowMs;
      const lambdaH = this.converted.layers[0].spikeValue;
      for (let j = 0; j < h; j++) {
        const e = s.scatterHead % SCATTER_CAPACITY;
        // Rate in Hz against the activation in units of lambda (1 = one spike per ms = 1000 Hz).
        s.scatterActivation[e] = this.windowActivation[j] / lambdaH;
        s.scatterRate[e] = s.lastCounts[d + j] * perSecond;
        s.scatterHead++;
      }
    }
    void k;
    this.restartWindow(false, true);
  }
}
