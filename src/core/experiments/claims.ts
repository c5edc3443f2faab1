/**
 * The README's conversion claims as measurements: each method of conversion run over several
 * seeds per data set (a seed = a data set, split, trained network and Poisson input of its own),
 * evaluated on a held-out set as large as the data set allows, and summarised with confidence
 * intervals: the mean gap to the ANN (points) with a Student t-interval over seeds, and the
 * pooled spiking accuracy and agreement with Wilson score intervals.
 *
 * Held-out sets: spiral and moons are generated, so the test set is a fresh sample of the same
 * generator (its own seed, `heldOutPerClass` points per class) besides the 20% split the ANN never
 * saw in training; iris keeps its 30-point split (150 flowers in all); digits its 2,000.
 */
import { forwardNetwork, train, type TrainOptions } from '../ann/index';
import { loadDataset, type Dataset } from '../data/index';
import { checkNumber } from '../errors';
import { experimentData, lifActivationModel, type ConvertDataset } from './conversion-experiment';
import { convertNetwork, type ConversionOptions } from './convert';
import { evaluateConverted } from './evaluate';

/** One way of converting (or training for spikes), as a row of the claims table. */
export interface ClaimMethod {
  id: string;
  /** What the README calls it. */
  label: string;
  /** Hidden activation the ANN is trained with (`relu` or `soft-lif`). */
  activation: 'relu' | 'soft-lif';
  conversion: ConversionOptions;
  /** The README's claim: within `points` of the ANN at T = `tMs`. */
  claim: { points: number; tMs: number };
}

/** The methods whose claims the README states (see its Results: Bridge). */
export const CLAIM_METHODS: readonly ClaimMethod[] = [
  { id: 'if-max', label: 'ReLU -> IF, max norm, current input', activation: 'relu', conversion: { neuron: 'if', norm: 'max' }, claim: { points: 1, tMs: 200 } },
  { id: 'if-p99.9', label: 'ReLU -> IF, p99.9 norm, current input', activation: 'relu', conversion: { neuron: 'if', norm: 'p99.9' }, claim: { points: 1, tMs: 200 } },
  { id: 'if-poisson', label: 'ReLU -> IF, max norm, Poisson input', activation: 'relu', conversion: { neuron: 'if', norm: 'max', encoding: 'poisson' }, claim: { points: 2, tMs: 500 } },
  { id: 'lif-zero', label: 'ReLU -> leaky, reset to zero, no compensation (before)', activation: 'relu', conversion: { neuron: 'lif', reset: 'zero', leak: 'none' }, claim: { points: 2, tMs: 500 } },
  { id: 'lif', label: 'ReLU -> leaky, reset by subtraction, leak compensated (default)', activation: 'relu', conversion: { neuron: 'lif' }, claim: { points: 2, tMs: 500 } },
  { id: 'lif-p99.9', label: 'ReLU -> leaky (default), p99.9 norm', activation: 'relu', conversion: { neuron: 'lif', norm: 'p99.9' }, claim: { points: 2, tMs: 500 } },
  { id: 'soft-lif-none', label: 'soft-LIF -> LIF, no tail correction (before)', activation: 'soft-lif', conversion: { neuron: 'lif', tail: 'none' }, claim: { points: 2, tMs: 500 } },
  { id: 'soft-lif', label: 'soft-LIF -> LIF, mean tail corrected (default; training for spikes)', activation: 'soft-lif', conversion: { neuron: 'lif' }, claim: { points: 2, tMs: 500 } },
];

/** Training per data set and activation (backprop defaults; the documented digits run; soft-LIF: the test's faster recipe). */
export function claimTraining(dataset: ConvertDataset, activation: 'relu' | 'soft-lif'): Partial<TrainOptions> {
  if (dataset === 'digits') return { hidden: 32, batch: 200, optimizer: 'adam', lr: 0.005, iters: 1500, init: 'he', reg: 1e-4, activation };
  if (activation === 'soft-lif') return { activation, hidden: 50, iters: 1500, optimizer: 'adam', lr: 0.02 };
  return { activation };
}

/** Options of one claims run (one data set, one seed). */
export interface ClaimRunOptions {
  dataset: ConvertDataset;
  seed: number;
  /** Simulated times read, ms (default 50, 100, 200, 500). */
  tMs?: number[];
  /** Methods (default all). */
  methods?: readonly ClaimMethod[];
  /** Held-out points per class of a fresh sample (spiral, moons); default 300. 0: the 20% split. */
  heldOutPerClass?: number;
  /** Overrides of the training (e.g. fewer iterations in a fast test). */
  train?: Partial<TrainOptions>;
  /** Extra options of the data set (digits: limitPerClass). */
  datasetOptions?: Record<string, unknown>;
}

/** One method on one seed. */
export interface ClaimRun {
  dataset: string;
  seed: number;
  method: string;
  nTest: number;
  annAcc: number;
  /** Per T: spiking accuracy and agreement with the ANN. */
  curve: { tMs: number; acc: number; agreement: number }[];
}

/** The held-out set of a claims run (see the module comment). */
async function heldOut(o: ClaimRunOptions, split: Dataset): Promise<Dataset> {
  const per = o.heldOutPerClass ?? 300;
  if ((o.dataset !== 'spiral' && o.dataset !== 'moons') || per === 0) return split;
  // a seed no training set uses: the same generator, other noise draws
  return loadDataset(o.dataset, { seed: 1_000_003 + o.seed, pointsPerClass: per });
}

/** Runs every method on one data set and seed; one trained ANN per activation. */
export async function runClaims(o: ClaimRunOptions): Promise<ClaimRun[]> {
  const seed = checkNumber('seed', o.seed, { integer: true });
  const tMs = o.tMs ?? [50, 100, 200, 500];
  const { train: trainSet, test: split } = await experimentData(o.dataset, seed, undefined, o.datasetOptions);
  const test = await heldOut(o, split);
  const methods = o.methods ?? CLAIM_METHODS;
  const networks = new Map<string, ReturnType<typeof train>['network']>();
  const out: ClaimRun[] = [];
  for (const m of methods) {
    let net = networks.get(m.activation);
    if (!net) {
      net = train({ seed, ...claimTraining(o.dataset, m.activation), ...o.train, activation: m.activation }, { train: trainSet, test: split }).network;
      networks.set(m.activation, net);
    }
    const fTrain = forwardNetwork(net, trainSet.x, trainSet.n);
    const lifModel = m.activation === 'soft-lif' ? lifActivationModel('soft-lif') : undefined;
    const converted = convertNetwork(net, { n: trainSet.n, x: trainSet.x, hidden: fTrain.hidden, scores: fTrain.scores }, m.conversion, lifModel);
    const fTest = forwardNetwork(net, test.x, test.n);
    const ev = evaluateConverted(converted, { n: test.n, x: test.x, y: test.y, hidden: fTest.hidden, scores: fTest.scores }, { tMs, seed, maxScatter: 1 });
    out.push({ dataset: o.dataset, seed, method: m.id, nTest: test.n, annAcc: ev.annAcc, curve: ev.curve.map((c) => ({ tMs: c.tMs, acc: c.acc, agreement: c.agreement })) });
  }
  return out;
}

/** Wilson score interval of a proportion k / n (z = 1.96: 95%). */
export function wilson(k: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n, z2 = z * z, den = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / den;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / den;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom (beyond: 1.96). */
const T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/** Mean and half-width of the 95% Student t-interval of the mean (half-width NaN for one value). */
export function tInterval(values: readonly number[]): { mean: number; half: number } {
  const n = values.length;
  const mean = values.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return { mean, half: NaN };
  const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  return { mean, half: ((n - 1 <= 30 ? T95[n - 2] : 1.96) * sd) / Math.sqrt(n) };
}

/** One row of the claims table: a method on a data set at one T, over its seeds. */
export interface ClaimRow {
  dataset: string;
  method: string;
  tMs: number;
  seeds: number;
  /** Test inputs per seed. */
  nTest: number;
  annAcc: number;
  snnAcc: number;
  /** Pooled over seeds: Wilson 95% interval of the spiking accuracy and of the agreement. */
  snnAccCi: [number, number];
  agreement: number;
  agreementCi: [number, number];
  /** ANN minus spiking accuracy, points: mean over seeds and the t-interval's half-width. */
  gapPoints: number;
  gapHalf: number;
  /** Largest gap of a seed, points. */
  worstGapPoints: number;
  /** Whether this row is the method's claim (its T), and on how many seeds the gap is within it. */
  claim: { points: number; withinSeeds: number } | null;
}

/** Summarises runs into rows, one per (data set, method, T). */
export function summariseClaims(runs: readonly ClaimRun[], methods: readonly ClaimMethod[] = CLAIM_METHODS): ClaimRow[] {
  const rows: ClaimRow[] = [];
  const keys = [...new Set(runs.map((r) => `${r.dataset}\u0000${r.method}`))];
  for (const key of keys) {
    const [dataset, method] = key.split('\u0000');
    const group = runs.filter((r) => r.dataset === dataset && r.method === method);
    const m = methods.find((x) => x.id === method);
    for (const [k, { tMs }] of group[0].curve.entries()) {
      const total = group.reduce((s, r) => s + r.nTest, 0);
      const correct = group.reduce((s, r) => s + Math.round(r.curve[k].acc * r.nTest), 0);
      const agree = group.reduce((s, r) => s + Math.round(r.curve[k].agreement * r.nTest), 0);
      const gaps = group.map((r) => 100 * (r.annAcc - r.curve[k].acc));
      const gap = tInterval(gaps);
      const isClaim = m !== undefined && m.claim.tMs === tMs;
      rows.push({
        dataset, method, tMs, seeds: group.length, nTest: group[0].nTest,
        annAcc: group.reduce((s, r) => s + r.annAcc * r.nTest, 0) / total,
        snnAcc: correct / total, snnAccCi: wilson(correct, total),
        agreement: agree / total, agreementCi: wilson(agree, total),
        gapPoints: gap.mean, gapHalf: gap.half, worstGapPoints: Math.max(...gaps),
        claim: isClaim ? { points: m.claim.points, withinSeeds: gaps.filter((g) => g <= m.claim.points + 1e-9).length } : null,
      });
    }
  }
  return rows;
}
