import { describe, expect, it } from 'vitest';
import { forwardNetwork } from '../ann/network';
import { SpikeMonitor } from '../bio/monitors';
import { ParameterError } from '../errors';
import { parseNetworkFile, parseNetworkFileText } from '../export/network-file';
import { hasBrian2, runBrian2Export } from '../export/brian2-run-node';
import { makeTrainerPort } from './engines';
import { pageBrian2Script, resultsCsv } from './export';
import { Lab } from './lab';
import { defaultSettings, type Settings } from './settings';
import { SCATTER_CAPACITY } from './snapshot';

function lab(patch: Partial<Settings> = {}): Lab {
  return new Lab({ ...defaultSettings(), ...patch }, makeTrainerPort);
}

function scores(l: Lab, x: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * l.snapshot.sizes[2]);
  l.forward(x, n, out);
  return out;
}

/** The metadata the script prints with its counts (a JSON text in the script). */
function metadataOf(script: string): Record<string, unknown> {
  const m = /^METADATA = json\.loads\('(.*)'\)$/m.exec(script);
  if (!m) throw new Error('no METADATA line');
  return JSON.parse(m[1]) as Record<string, unknown>;
}

/** Catches the ParameterError a call throws (fails the test if it throws none). */
function refusal(f: () => unknown): ParameterError {
  try {
    f();
  } catch (e) {
    if (e instanceof ParameterError) return e;
    throw e;
  }
  throw new Error('expected a ParameterError');
}

describe('network file export and import', () => {
  it('round trip through JSON text: the imported network gives the same scores bit for bit (and forwardNetwork of the file, the ANN core, agrees)', () => {
    const a = lab({ dataset: 'spiral', hidden: 12, activation: 'relu' });
    for (let i = 0; i < 30; i++) a.frame(4);
    const text = JSON.stringify(a.networkFile());
    const file = parseNetworkFileText(text);
    expect(file.layers[0].weights.length).toBe(2);
    expect(file.layers[0].bias.length).toBe(12);
    expect(file.dataset).toMatchObject({ page: { dataset: 'spiral', seed: a.current.seed } });
    // Another page state: other hidden size, activation and loss; the import takes the file's.
    const b = lab({ dataset: 'spiral', hidden: 5, activation: 'tanh', loss: 'svm' });
    const next = b.loadNetwork(file);
    expect(next).toMatchObject({ hidden: 12, activation: 'relu', loss: 'softmax' });
    expect(b.snapshot.sizes).toEqual([2, 12, 3]);
    const x = a.train.x, n = a.train.n;
    expect(Array.from(scores(b, x, n))).toEqual(Array.from(scores(a, x, n)));
    const ref = forwardNetwork(file, x, n).scores;
    for (let i = 0; i < ref.length; i++) expect(Math.abs(ref[i] - scores(b, x, n)[i])).toBeLessThan(1e-12);
    // The snapshot shows the file's weights, the step counter starts again, the spiking side converted them.
    expect(Array.from(b.snapshot.w1)).toEqual(Array.from(a.snapshot.w1));
    expect(Array.from(b.snapshot.b2)).toEqual(Array.from(a.snapshot.b2));
    expect(b.snapshot.trainStep).toBe(0);
    expect(b.snapshot.historyLength).toBe(1);
    expect(b.spikingActive).toBe(true);
    // Exported again, it is the same file (weights and shape).
    expect(b.networkFile().layers).toEqual(file.layers);
  });

  it('a file that does not fit is refused naming the field, and the lab keeps its state', () => {
    const a = lab({ dataset: 'moons', hidden: 6 });
    a.frame(3);
    const snap = a.snapshot;
    const w1 = Array.from(snap.w1);
    const good = a.networkFile();
    const threeInputs = parseNetworkFile({ ...good, layers: [{ weights: [...good.layers[0].weights, good.layers[0].weights[0]], bias: good.layers[0].bias }, good.layers[1]] });
    expect(refusal(() => a.loadNetwork(threeInputs)).parameter).toBe('network.layers[0].weights');
    const spiral = lab({ dataset: 'spiral', hidden: 6 }).networkFile(); // 3 classes, moons has 2
    expect(refusal(() => a.loadNetwork(spiral)).parameter).toBe('network.layers[1].bias');
    const linear = parseNetworkFile({ ...good, model: 'linear', hidden: [], layers: [{ weights: [[1, 0], [0, 1]], bias: [0, 0] }] });
    expect(refusal(() => a.loadNetwork(linear)).parameter).toBe('network.model');
    expect(a.snapshot).toBe(snap);
    expect(Array.from(a.snapshot.w1)).toEqual(w1);
    expect(a.current.hidden).toBe(6);
    // The file parser names the field of a broken or newer file (what the page's notice shows).
    expect(refusal(() => parseNetworkFileText('{not json')).parameter).toBe('network');
    expect(refusal(() => parseNetworkFile({ ...good, version: 99 })).parameter).toBe('network.version');
    expect(refusal(() => parseNetworkFile({ ...good, layers: [good.layers[0], { ...good.layers[1], bias: [0] }] })).parameter).toBe('network.layers[1].weights[0]');
  });
});

describe('Brian2 script of the page network', () => {
  it('probe: one input, groups of H and K neurons, the page delay; Soma\'s run of it gives the counts the page shows for the same window', () => {
    const l = lab({ dataset: 'moons', hidden: 7, train: false, tMs: 50, delayMs: 3 });
    const exp = pageBrian2Script(l, { inputs: 'probe' });
    expect(exp.script).toContain('from brian2 import');
    expect(exp.script).toContain('NeuronGroup(7,');
    expect(exp.script).toContain('NeuronGroup(2,');
    expect(exp.populations.map((p) => p.size)).toEqual([7, 2]);
    expect(exp.steps).toBe(50);
    expect(exp.data).toBeNull(); // arrays inline: one file
    expect(metadataOf(exp.script)).toMatchObject({ what: 'page probe', delay_ms: 3, t_ms: 50, units: [7, 2] });
    // Oracle: the page's own first window of T = 50 ms (training off, so the same weights).
    const mons = [0, 1].map((k) => exp.network.addMonitor(new SpikeMonitor(exp.network.populations[k])));
    exp.network.run(exp.durationMs);
    for (let f = 0; f < 50; f++) l.frame(1);
    expect(l.snapshot.lastCountsStep).toBe(0);
    const hidden = Array.from(l.snapshot.lastCounts.subarray(2, 9));
    const counts = new Array<number>(7).fill(0);
    for (const i of mons[0].indices) counts[i]++;
    expect(counts).toEqual(hidden);
    expect(hidden.reduce((p, c) => p + c, 0)).toBeGreaterThan(0);
  });

  it('data: a batch of B test points, groups of B*H and B*K neurons, labels and ANN classes in the metadata', () => {
    const l = lab({ dataset: 'spiral', hidden: 8 });
    l.frame(10);
    const exp = pageBrian2Script(l, { inputs: 'data', batch: 5 });
    expect(exp.populations.map((p) => p.size)).toEqual([40, 15]);
    expect(exp.script).toContain('NeuronGroup(40,');
    expect(exp.script).toContain('NeuronGroup(15,');
    const meta = metadataOf(exp.script) as { rows: number[]; labels: number[]; ann_classes: number[]; x: number[] };
    expect(meta.rows).toEqual([0, 1, 2, 3, 4].map((b) => Math.floor((b * l.test.n) / 5)));
    expect(meta.labels).toEqual(meta.rows.map((r) => l.test.y[r]));
    expect(new Set(meta.labels).size).toBeGreaterThan(1);
    expect(meta.x.slice(2, 4)).toEqual([l.test.x[2 * meta.rows[1]], l.test.x[2 * meta.rows[1] + 1]]);
    // The ANN's classes of those points (oracle: forwardNetwork of the exported file).
    const f = forwardNetwork(l.networkFile(), Float64Array.from(meta.x), 5).scores;
    expect(meta.ann_classes).toEqual([0, 1, 2, 3, 4].map((b) => [0, 1, 2].reduce((best, j) => (f[b * 3 + j] > f[b * 3 + best] ? j : best), 0)));
  });

  it('refuses a network without a spiking twin, naming the activation', () => {
    const l = lab({ activation: 'tanh' });
    expect(refusal(() => pageBrian2Script(l, { inputs: 'probe' })).parameter).toBe('activation');
  });

  it.skipIf(!hasBrian2())(`Brian2 (numpy target) runs the page's probe script: every neuron's spike count equals Soma's${hasBrian2() ? '' : ' [SKIPPED: Brian2 not importable by /usr/bin/python3]'}`, () => {
    const l = lab({ dataset: 'spiral', hidden: 8 });
    for (let i = 0; i < 20; i++) l.frame(4);
    const exp = pageBrian2Script(l, { inputs: 'probe' });
    const mons = exp.network.populations.map((p) => exp.network.addMonitor(new SpikeMonitor(p)));
    exp.network.run(exp.durationMs);
    const r = runBrian2Export(exp, 'numpy');
    exp.populations.forEach((p, k) => {
      const soma = new Array<number>(p.size).fill(0);
      for (const i of mons[k].indices) soma[i]++;
      expect(r.populations[p.brian2Name].counts).toEqual(soma);
    });
    expect(r.populations[exp.populations[0].brian2Name].spikes).toBeGreaterThan(0);
  }, 120_000);
});

describe('results CSV', () => {
  it('one row per curve point and per scatter pair, values as in the snapshot (shortest round trip)', () => {
    const l = lab({ dataset: 'moons', hidden: 4, tMs: 20 });
    for (let i = 0; i < 30; i++) l.frame(2);
    const s = l.snapshot;
    const lines = resultsCsv(s).trimEnd().split('\n');
    expect(lines[0]).toBe('table,step,train_loss,test_loss,train_acc,test_acc,unit,activation_over_lambda,rate_hz');
    const curve = lines.filter((r) => r.startsWith('curve,'));
    const rates = lines.filter((r) => r.startsWith('rate,'));
    expect(curve.length).toBe(s.historyLength);
    expect(rates.length).toBe(Math.min(s.scatterHead, SCATTER_CAPACITY));
    expect(rates.length).toBe(12); // 60 ms of biology at T = 20: 3 windows of 4 hidden units
    const last = curve[curve.length - 1].split(',');
    const i = s.historyLength - 1;
    expect(Number(last[1])).toBe(s.historyStep[i]);
    expect(Number(last[2])).toBe(s.historyTrainLoss[i]);
    expect(Number(last[5])).toBe(s.historyTestAcc[i]);
    const r0 = rates[5].split(',');
    expect(Number(r0[6])).toBe(1);
    expect(Number(r0[7])).toBe(s.scatterActivation[5]);
    expect(Number(r0[8])).toBe(s.scatterRate[5]);
    for (const r of lines) expect(r.split(',').length).toBe(9);
  });
});
