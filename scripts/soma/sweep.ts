/**
 * The README's "real neurons carry the network" table: for spiral, moons and iris and each soma
 * model, the ReLU ANN, the ANN trained through the model's f-I curve (measured over 1000 ms at the
 * model's step) and the spiking network of that model at T = 10 .. 1000 ms (seed 0, the 20% split).
 * Writes scripts/soma/sweep.json and sweep.csv. Run: npx tsx scripts/soma/sweep.ts [--quick]
 * (about half an hour here; `--quick`: iris only, for a look). Not part of `npm test`;
 * src/core/experiments/soma-experiment.test.ts runs a subset.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSomaExperiment, type SomaExperimentResult } from '../../src/core/experiments/soma-experiment';

const quick = process.argv.includes('--quick');
const T = [10, 20, 50, 100, 200, 500, 1000];
/** Model, and the settings that keep Hodgkin-Huxley (RK4 at dt 0.025 ms: 40,000 steps a second) affordable. */
const MODELS: { soma: string; hidden: number; dtMs?: number }[] = [
  { soma: 'lif', hidden: 100 },
  { soma: 'izhikevich:RS', hidden: 100 },
  { soma: 'izhikevich:FS', hidden: 100 },
  { soma: 'hh', hidden: 32, dtMs: 0.025 },
];
const DATASETS = quick ? ['iris'] as const : ['spiral', 'moons', 'iris'] as const;
const ITERS = 3000;

const started = new Date().toISOString();
const load0 = loadavg()[0];
const rows: (SomaExperimentResult & { hidden: number; iters: number })[] = [];
for (const dataset of DATASETS) {
  for (const m of MODELS) {
    const t0 = Date.now();
    const r = await runSomaExperiment({ dataset, soma: m.soma, seed: 0, tMs: T, fiMs: 1000, dtMs: m.dtMs, train: { hidden: m.hidden, iters: ITERS } });
    rows.push({ ...r, hidden: m.hidden, iters: ITERS });
    const best = Math.max(...r.snn.map((c) => c.acc));
    console.error(`${dataset} ${m.soma}: relu ${r.reluAnnAcc.toFixed(3)} fi ${r.fiAnnAcc.toFixed(3)} snn ${r.snn.map((c) => c.acc.toFixed(3)).join(' ')} best ${best.toFixed(3)} r ${r.rateVsActivationR?.toFixed(3)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
}
const here = dirname(fileURLToPath(import.meta.url));
const meta = { started, finished: new Date().toISOString(), machine: `${cpus().length} x ${cpus()[0]?.model ?? '?'}`, loadavg_start: load0, loadavg_end: loadavg()[0], seed: 0, T, iters: ITERS, fi_ms: 1000 };
writeFileSync(join(here, quick ? 'sweep-quick.json' : 'sweep.json'), `${JSON.stringify({ meta, rows }, null, 1)}\n`);
const csv = ['dataset,soma,hidden,dt_ms,t_ms,relu_ann_acc,fi_ann_acc,snn_acc,agreement,rate_vs_activation_r,max_fit_error_hz,current_offset,current_scale,amplitude_per_hz'];
for (const r of rows) for (const c of r.snn) csv.push([r.dataset, r.soma, r.hidden, r.dtMs, c.tMs, r.reluAnnAcc, r.fiAnnAcc, c.acc, c.agreement, r.rateVsActivationR, r.maxFitErrorHz, r.currentOffset, r.currentScale, r.amplitudePerHz].join(','));
writeFileSync(join(here, quick ? 'sweep-quick.csv' : 'sweep.csv'), `${csv.join('\n')}\n`);
