/**
 * CUBA (Brette et al. 2007) in Soma and in its PyNN export on PyNN 0.10's Brian2 backend, over
 * seeds: mean firing rate (Hz) and mean ISI coefficient of variation (neurons with >= 3 spikes)
 * of each, and PyNN / Soma - 1. Too slow for the test suite (PyNN's Brian2 backend sets every
 * synapse's weight and delay one at a time in Python: minutes per 1000 neurons on a busy machine),
 * so its output is committed beside it (cuba-seeds.json) and pynn.test.ts runs one seed on request.
 *
 *   npx tsx scripts/pynn/cuba-seeds.ts [--neurons 1000] [--duration 1000] [--seeds 1,2,3] > scripts/pynn/cuba-seeds.json
 */
import { SpikeMonitor } from '../../src/core/bio/monitors';
import { cubaForExport } from '../../src/core/export/brian2-networks';
import { toPynnScript } from '../../src/core/export/pynn';
import { runPynnExport } from '../../src/core/export/pynn-run-node';
import { isiCv } from '../../src/core/export/pynn-stats';

function arg(name: string, fallback: string): string {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : fallback;
}

const neurons = Number(arg('neurons', '1000'));
const durationMs = Number(arg('duration', '1000'));
const seeds = arg('seeds', '1,2,3').split(',').map(Number);
const rows = [];
for (const seed of seeds) {
  const { network, populations } = cubaForExport({ neurons, dtMs: 0.1, seed });
  const exp = toPynnScript(network, { durationMs });
  const mons = populations.map((p) => network.addMonitor(new SpikeMonitor(p)));
  network.run(durationMs);
  const t0 = performance.now();
  const { result } = runPynnExport(exp);
  const pynnS = (performance.now() - t0) / 1000;
  const somaI: number[] = [], somaT: number[] = [], pynnI: number[] = [], pynnT: number[] = [];
  let offset = 0;
  populations.forEach((p, k) => {
    for (let s = 0; s < mons[k].indices.length; s++) { somaI.push(offset + mons[k].indices[s]); somaT.push(mons[k].timesMs[s]); }
    const r = result.populations[exp.populations[k].pynnName];
    r.i!.forEach((i, s) => { pynnI.push(offset + i); pynnT.push(r.t_ms![s]); });
    offset += p.size;
  });
  const rate = (n: number) => n / neurons / (durationMs / 1000);
  const soma = { rate_hz: rate(somaI.length), isi_cv: isiCv(somaI, somaT, neurons) };
  const pynn = { rate_hz: rate(pynnI.length), isi_cv: isiCv(pynnI, pynnT, neurons) };
  rows.push({ seed, soma, pynn, rate_rel_diff: pynn.rate_hz / soma.rate_hz - 1, cv_rel_diff: pynn.isi_cv / soma.isi_cv - 1, pynn_process_s: pynnS });
  process.stderr.write(`seed ${seed}: ${JSON.stringify(rows[rows.length - 1])}\n`);
}
process.stdout.write(JSON.stringify({
  what: 'CUBA in Soma and in its PyNN export (PyNN 0.10.1, Brian2 2.5.1 backend)', neurons, duration_ms: durationMs, dt_ms: 0.1,
  date: new Date().toISOString().slice(0, 10), machine: '2 cores shared with four other sessions (busy)', rows,
}, null, 1) + '\n');
