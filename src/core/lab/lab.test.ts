import { describe, expect, it } from 'vitest';
import { forwardNetwork } from '../ann/network';
import { LIF_DEFAULTS, lifRate } from '../bio/rate';
import { makeTrainerPort } from './engines';
import { Lab, buildDataset, type TrainerFactory } from './lab';
import type { TrainerPort } from './ports';
import { defaultSettings, type Settings } from './settings';
import { SNN_GRID } from './snapshot';

function settings(patch: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(), ...patch };
}

/** A port whose weights stay put: the spiking side then runs one fixed network. */
function frozen(pretrainSteps: number): TrainerFactory {
  return (train, test, s) => {
    const port = makeTrainerPort(train, test, s);
    const loss = port.step(pretrainSteps);
    return {
      sizes: port.sizes,
      get stepCount() {
        return port.stepCount;
      },
      step: () => loss,
      readWeights: (a, b, c, d) => port.readWeights(a, b, c, d),
      writeWeights: (a, b, c, d) => port.writeWeights(a, b, c, d),
      score: (split) => port.score(split),
      forward: (x, n, h, sc) => port.forward(x, n, h, sc),
      network: () => port.network(),
    } satisfies TrainerPort;
  };
}

describe('trainer adapter', () => {
  it('full-batch loss equals the graph loss the trainer reports (oracle: the computational graph)', () => {
    const s = settings({ dataset: 'moons', batch: 1000, optimizer: 'sgd', lr: 0.5, reg: 0.01 });
    const ds = buildDataset(s);
    const port = makeTrainerPort(ds, { ...ds, n: 0, x: new Float64Array(0), y: new Int32Array(0) }, s);
    for (let i = 0; i < 5; i++) {
      const mine = port.score('train').loss;
      const graph = port.step(1); // the loss of the weights before this step's update
      expect(Math.abs(mine - graph)).toBeLessThan(1e-12);
    }
  });

  it('forward into buffers equals forwardNetwork on the exported network', () => {
    const s = settings({ dataset: 'xor', hidden: 5 });
    const ds = buildDataset(s);
    const port = makeTrainerPort(ds, ds, s);
    port.step(20);
    const hidden = new Float64Array(ds.n * 5);
    const scores = new Float64Array(ds.n * 2);
    port.forward(ds.x, ds.n, hidden, scores);
    const ref = forwardNetwork(port.network(), ds.x, ds.n);
    for (let i = 0; i < scores.length; i++) expect(Math.abs(scores[i] - ref.scores[i])).toBeLessThan(1e-12);
    for (let i = 0; i < hidden.length; i++) expect(Math.abs(hidden[i] - ref.hidden![i])).toBeLessThan(1e-12);
  });
});

describe('lab', () => {
  it('playing trains: the training loss falls and accuracy rises; the spiking side spikes', () => {
    const lab = new Lab(settings({ dataset: 'circle' }), makeTrainerPort);
    for (let f = 0; f < 120; f++) lab.frame(4);
    const s = lab.snapshot;
    expect(s.trainStep).toBe(480);
    expect(s.historyTrainLoss[s.historyLength - 1]).toBeLessThan(0.5 * s.historyTrainLoss[0]);
    expect(s.historyTrainAcc[s.historyLength - 1]).toBeGreaterThan(0.9);
    expect(s.totalSpikes).toBeGreaterThan(0);
    expect(s.bioTimeMs).toBe(480);
    expect(s.diverged).toBe(false);
  });

  it('same seed, same run: history and spikes bit for bit', () => {
    const run = () => {
      const lab = new Lab(settings({ dataset: 'spiral', encoding: 'poisson' }), makeTrainerPort);
      for (let f = 0; f < 60; f++) lab.frame(5);
      return lab.snapshot;
    };
    const a = run();
    const b = run();
    expect(Array.from(a.historyTrainLoss.subarray(0, a.historyLength))).toEqual(Array.from(b.historyTrainLoss.subarray(0, b.historyLength)));
    expect(a.totalSpikes).toBe(b.totalSpikes);
    expect(Array.from(a.lastCounts)).toEqual(Array.from(b.lastCounts));
    expect(Array.from(a.snnRegions)).toEqual(Array.from(b.snnRegions));
  });

  it('spike counts over a window match the ReLU activations: |count - T min(1, a / lambda)| <= 1 (IF, current input)', () => {
    const s = settings({ dataset: 'gaussians', tMs: 200, neuron: 'if', encoding: 'current', norm: 'max' });
    const lab = new Lab(s, frozen(300));
    lab.setProbe(0.2, -0.1);
    for (let f = 0; f < 20; f++) lab.frame(10); // exactly one window of 200 ms
    const snap = lab.snapshot;
    const [d, h] = snap.sizes;
    // lambda (norm max): the largest hidden activation over the training data.
    const hidden = new Float64Array(lab.train.n * h);
    const scores = new Float64Array(lab.train.n * snap.sizes[2]);
    const port = frozen(300)(lab.train, lab.test, s);
    port.forward(lab.train.x, lab.train.n, hidden, scores);
    const lambda = Math.max(...hidden);
    let active = 0;
    for (let j = 0; j < h; j++) {
      const a = snap.activation[d + j];
      const expected = 200 * Math.min(1, a / lambda);
      if (expected > 1) active++;
      expect(Math.abs(snap.lastCounts[d + j] - expected), `hidden ${j}: a = ${a}`).toBeLessThanOrEqual(1);
    }
    expect(active).toBeGreaterThan(0);
    // The window's (activation, rate) pairs went to the scatter: rate = count / T.
    expect(snap.scatterHead).toBe(h);
    for (let j = 0; j < h; j++) expect(snap.scatterRate[j]).toBeCloseTo((snap.lastCounts[d + j] * 1000) / 200, 9);
  });

  it('the probe feeds both networks: ANN activations at the probe and a fresh spiking window', () => {
    const s = settings({ dataset: 'xor', hidden: 4 });
    const lab = new Lab(s, makeTrainerPort);
    for (let f = 0; f < 10; f++) lab.frame(3);
    lab.setProbe(-0.7, 0.4);
    const snap = lab.snapshot;
    expect(Array.from(snap.probe)).toEqual([-0.7, 0.4]);
    const ref = forwardNetwork(
      (lab as unknown as { trainer: TrainerPort }).trainer.network(),
      Float64Array.from([-0.7, 0.4]),
      1,
    );
    for (let j = 0; j < 4; j++) expect(snap.activation[2 + j]).toBeCloseTo(ref.hidden![j], 12);
    expect(snap.windowStartMs).toBe(snap.bioTimeMs);
    expect(Array.from(snap.windowCounts).every((c) => c === 0)).toBe(true);
  });

  it('train off: the weights stay frozen while the biology runs; the grid is evaluated once, then idles', () => {
    const lab = new Lab(settings({ dataset: 'moons', train: false, tMs: 50 }), makeTrainerPort);
    const w = Array.from(lab.snapshot.w1);
    const version = lab.snapshot.weightsVersion;
    for (let f = 0; f < 20; f++) lab.frame(5);
    const s = lab.snapshot;
    expect(s.trainStep).toBe(0);
    expect(Array.from(s.w1)).toEqual(w);
    expect(s.weightsVersion).toBe(version);
    expect(s.bioTimeMs).toBe(100);
    expect(s.snnRegionsVersion).toBe(1); // one readout of the one conversion
    expect(Array.from(s.snnRegions).every((c) => c < 255)).toBe(true);
  });

  it('divergence stops stepping and says so', () => {
    const nan: TrainerFactory = (train, test, s) => {
      const port = makeTrainerPort(train, test, s);
      return Object.assign(Object.create(Object.getPrototypeOf(port)), port, { step: () => NaN });
    };
    const lab = new Lab(settings(), nan);
    lab.frame(4);
    expect(lab.snapshot.diverged).toBe(true);
    const t = lab.snapshot.bioTimeMs;
    lab.frame(4);
    expect(lab.snapshot.bioTimeMs).toBe(t);
    lab.reset();
    expect(lab.snapshot.diverged).toBe(false);
  });

  it('a real divergence (lr * reg > 2: W <- (1 - lr reg) W grows) is caught as a non-finite loss', () => {
    const lab = new Lab(settings({ dataset: 'gaussians', optimizer: 'sgd', lr: 10, reg: 1, batch: 1000 }), makeTrainerPort);
    for (let f = 0; f < 200 && !lab.snapshot.diverged; f++) lab.frame(10);
    expect(lab.snapshot.diverged).toBe(true);
  });

  it('lif-rate network: hidden LIF neurons fire at the closed-form LIF rate of the drive J = 1 + u it was trained with', () => {
    const s = settings({ dataset: 'moons', activation: 'lif-rate', tMs: 200, lr: 0.5 });
    const lab = new Lab(s, frozen(200));
    expect(lab.spikingNote).toMatch(/lif-rate.*LIF/);
    lab.setProbe(0.4, -0.2);
    for (let f = 0; f < 20; f++) lab.frame(10); // exactly one window of 200 ms
    const snap = lab.snapshot;
    const [d, h] = snap.sizes;
    const theta = LIF_DEFAULTS.vThreshMv - LIF_DEFAULTS.vRestMv;
    let active = 0;
    for (let j = 0; j < h; j++) {
      let u = snap.b1[j];
      for (let i = 0; i < d; i++) u += snap.probe[i] * snap.w1[i * h + j];
      const expected = (200 * lifRate(theta * (1 + u))) / 1000;
      if (expected > 2) active++;
      expect(Math.abs(snap.lastCounts[d + j] - expected), `hidden ${j}: u = ${u}`).toBeLessThanOrEqual(1);
    }
    expect(active).toBeGreaterThan(0);
    expect(snap.totalSpikes).toBeGreaterThan(0);
    // Its spiking decision regions are evaluated too.
    for (let f = 0; f < 10; f++) lab.frame(1);
    expect(Array.from(snap.snnRegions).every((c) => c < 255)).toBe(true);
  });

  it('the synaptic delay setting reaches the snapshot (the dots travel it) and restarts the window', () => {
    const lab = new Lab(settings({ delayMs: 5 }), makeTrainerPort);
    expect(lab.snapshot.delayMs).toBe(5);
    for (let f = 0; f < 5; f++) lab.frame(3);
    lab.configure(settings({ delayMs: 9 }));
    expect(lab.snapshot.delayMs).toBe(9);
    expect(lab.snapshot.windowStartMs).toBe(lab.snapshot.bioTimeMs);
  });

  it('custom points become the dataset; sigmoid has no spiking twin and says why', () => {
    const pts = [
      { x: 0.1, y: 0.2, c: 0 },
      { x: -0.3, y: 0.5, c: 1 },
      { x: 0.7, y: -0.7, c: 2 },
    ];
    const ds = buildDataset(settings({ dataset: 'custom', pts }));
    expect(ds.n).toBe(3);
    expect(ds.classes).toBe(3);
    expect(Array.from(ds.x)).toEqual([0.1, 0.2, -0.3, 0.5, 0.7, -0.7]);
    const lab = new Lab(settings({ activation: 'sigmoid' }), makeTrainerPort);
    lab.frame(2);
    expect(lab.spikingNote).toMatch(/sigmoid/);
    expect(lab.snapshot.totalSpikes).toBe(0);
    // The grid stays idle too: no readout, nothing in progress, and the page is told there is no spiking network.
    for (let f = 0; f < 5; f++) lab.frame(2);
    expect(lab.snapshot.snnRegionsStep).toBe(-1);
    expect(lab.snapshot.snnGridStep).toBe(-1);
    expect(lab.spikingActive).toBe(false);
    expect(lab.idle()).toBe(false);
  });
});

describe('the spiking side says which weights it runs', () => {
  /** Centres of the SNN grid's cells, row 0 at the top (y = +1), as the lab lays them out. */
  function gridCentres(): Float64Array {
    const x = new Float64Array(SNN_GRID * SNN_GRID * 2);
    for (let r = 0; r < SNN_GRID; r++) {
      for (let c = 0; c < SNN_GRID; c++) {
        const k = r * SNN_GRID + c;
        x[2 * k] = -1 + (2 * (c + 0.5)) / SNN_GRID;
        x[2 * k + 1] = 1 - (2 * (r + 0.5)) / SNN_GRID;
      }
    }
    return x;
  }
  /** ANN class per grid cell of a network file (oracle: forwardNetwork, not the lab's buffers). */
  function annClasses(net: ReturnType<TrainerPort['network']>): Uint8Array {
    const x = gridCentres();
    const n = SNN_GRID * SNN_GRID;
    const { scores } = forwardNetwork(net, x, n);
    const k = scores.length / n;
    const out = new Uint8Array(n);
    for (let c = 0; c < n; c++) {
      let best = 0;
      for (let j = 1; j < k; j++) if (scores[c * k + j] > scores[c * k + best]) best = j;
      out[c] = best;
    }
    return out;
  }
  const agreement = (a: Uint8Array, b: Uint8Array): number => a.reduce((m, v, i) => m + (v === b[i] ? 1 : 0), 0) / a.length;

  it('while training, the regions carry the step of their weights and agree with the ANN of that step as the number says', () => {
    const s = settings({ dataset: 'spiral' });
    const lab = new Lab(s, makeTrainerPort);
    for (let f = 0; f < 40; f++) lab.frame(4);
    const snap = lab.snapshot;
    expect(snap.trainStep).toBe(160);
    // The readout on show ran older weights than the ANN's (training moved on while it ran).
    expect(snap.snnRegionsStep).toBeGreaterThan(0);
    expect(snap.snnRegionsStep).toBeLessThan(snap.trainStep);
    expect(snap.annRegionsStep).toBeLessThanOrEqual(snap.trainStep);
    // Oracle: a fresh trainer run to exactly that step (same seed, same batches).
    const port = makeTrainerPort(lab.train, lab.test, s);
    port.step(snap.snnRegionsStep);
    const then = annClasses(port.network());
    expect(snap.regionAgreement).toBe(agreement(snap.snnRegions, then));
    expect(snap.regionAgreement).toBeGreaterThan(0.85);
    // Against the ANN plane on show (its own step): the second number.
    const port2 = makeTrainerPort(lab.train, lab.test, s);
    port2.step(snap.annRegionsStep);
    expect(snap.regionAgreementNow).toBe(agreement(snap.snnRegions, annClasses(port2.network())));
    // The probe's window: converted at its start; with one training step per ms from step 0 and
    // windows of T = 200 ms, a window starting at t ms runs the weights of step t.
    expect(snap.probeStep).toBe(snap.windowStartMs);
  });

  it('paused, the spiking side catches up: both planes show the current weights and agree as the number says', () => {
    const lab = new Lab(settings({ dataset: 'spiral' }), makeTrainerPort);
    for (let f = 0; f < 40; f++) lab.frame(4);
    lab.catchUpProbe();
    let frames = 0;
    while (lab.idle()) frames++;
    const snap = lab.snapshot;
    expect(frames).toBeGreaterThan(0);
    expect(frames).toBeLessThanOrEqual(5); // T = 200 ms at 40 grid steps per idle frame
    expect(snap.snnRegionsStep).toBe(snap.trainStep);
    expect(snap.annRegionsStep).toBe(snap.trainStep);
    expect(snap.probeStep).toBe(snap.trainStep);
    expect(snap.historyStep[snap.historyLength - 1]).toBe(snap.trainStep);
    const now = annClasses((lab as unknown as { trainer: TrainerPort }).trainer.network());
    expect(snap.regionAgreement).toBe(agreement(snap.snnRegions, now));
    expect(snap.regionAgreementNow).toBe(snap.regionAgreement);
    // Nothing left to do: further idle frames change nothing.
    const version = snap.snnRegionsVersion;
    expect(lab.idle()).toBe(false);
    expect(snap.snnRegionsVersion).toBe(version);
  });

  it('a time budget sets the grid steps per frame: all of T when it fits, a minimum of 8 when the frame is spent', () => {
    let t = 0;
    const clock = { now: () => (t += 0.01), frameMs: 1e6, idleMs: 1e6 };
    const lab = new Lab(settings({ dataset: 'moons', tMs: 100 }), makeTrainerPort);
    lab.budget = clock;
    lab.frame(2);
    expect(lab.snapshot.snnRegionsStep).toBe(0); // the evaluation started at reset, with step 0's weights
    for (let f = 0; f < 3; f++) {
      lab.frame(2);
      // Started and finished within this frame: the regions run this frame's weights.
      expect(lab.snapshot.snnRegionsStep).toBe(lab.snapshot.trainStep);
    }
    const tight = new Lab(settings({ dataset: 'moons', tMs: 100 }), makeTrainerPort);
    tight.budget = { now: () => (t += 1), frameMs: 0, idleMs: 0 };
    tight.frame(2);
    expect(tight.snapshot.snnGridProgress).toBeCloseTo(8 / 100, 12);
    expect(tight.snapshot.snnGridStep).toBe(0);
  });
});

describe('soma panel', () => {
  it('a non-finite state is reported (somaFailure, one line) and the trace is blanked, not plotted', () => {
    // outside the page's ranges (I >= -20), to reach the overflow of hh.mod's rates: see fi.test.ts
    const lab = new Lab(settings({ soma: 'hh', hhGNa: 0, hhGK: 0, hhGL: 0, current: -100 }), makeTrainerPort);
    expect(lab.somaFailure).toMatch(/^hh population "single neuron": neuron 0 has h = NaN at t = [\d.]+ ms;/);
    expect(lab.somaNote).toBe(lab.somaFailure);
    expect(lab.snapshot.neuronV.every((v) => Number.isNaN(v))).toBe(true);
    lab.configure(settings({ soma: 'hh', current: 10 }));
    expect(lab.somaFailure).toBe('');
    expect(lab.snapshot.neuronSpikeCount).toBeGreaterThan(0);
  });
});
