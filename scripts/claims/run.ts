/**
 * The conversion claims sweep (src/core/experiments/claims.ts): every method over several seeds
 * per data set, written to scripts/claims/claims.json (every run and every summary row) and
 * claims.csv (the rows), and printed as the README's table. Run:
 *   npx tsx scripts/claims/run.ts [--datasets spiral,moons,iris,digits] [--seeds 0,1,2,3,4] [--methods ID,...] [--out DIR]
 *   npx tsx scripts/claims/run.ts --tables     (the tables of the committed claims.json, nothing run)
 * Results of data sets (and methods) not run are kept from the existing claims.json, so data
 * sets and methods can be run one at a time.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { CLAIM_METHODS, runClaims, summariseClaims, type ClaimRow, type ClaimRun } from '../../src/core/experiments/claims';
import type { ConvertDataset } from '../../src/core/experiments/conversion-experiment';

function arg(name: string, fallback: string): string {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : fallback;
}

async function main(): Promise<void> {
  const datasets = arg('datasets', 'spiral,moons,iris,digits').split(',') as ConvertDataset[];
  const seeds = arg('seeds', '0,1,2,3,4').split(',').map(Number);
  const dir = arg('out', path.dirname(new URL(import.meta.url).pathname));
  const jsonFile = path.join(dir, 'claims.json');
  const previous: { runs: ClaimRun[]; machine?: unknown } = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : { runs: [] };
  if (process.argv.includes('--tables')) {
    // print the tables of the committed runs, without running anything
    const rows = summariseClaims(previous.runs);
    console.log(`${markdown(rows)}\n\n${readmeTable(rows)}`);
    return;
  }
  const only = arg('methods', '');
  const methods = only ? CLAIM_METHODS.filter((m) => only.split(',').includes(m.id)) : CLAIM_METHODS;
  const runs = previous.runs.filter((r) => !(datasets.includes(r.dataset as ConvertDataset) && methods.some((m) => m.id === r.method)));
  const loads: number[] = [];
  for (const dataset of datasets) {
    for (const seed of seeds) {
      const t0 = performance.now();
      // digits: the 2,000-digit held-out split, 14 x 14 (the data set's default)
      runs.push(...(await runClaims({ dataset, seed, methods })));
      loads.push(loadavg()[0]);
      process.stderr.write(`${dataset} seed ${seed}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    }
  }
  const order = (id: string) => CLAIM_METHODS.findIndex((m) => m.id === id);
  runs.sort((a, b) => a.dataset.localeCompare(b.dataset) || order(a.method) - order(b.method) || a.seed - b.seed);
  const rows = summariseClaims(runs);
  const machine = { node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, date: new Date().toISOString().slice(0, 10), load: loads.length ? [Math.min(...loads), Math.max(...loads)] : null };
  writeFileSync(jsonFile, `${JSON.stringify({ methods: CLAIM_METHODS, machine, rows, runs }, null, 1)}\n`);
  const csv = ['dataset,method,t_ms,seeds,n_test,ann_acc,snn_acc,snn_acc_lo,snn_acc_hi,agreement,agreement_lo,agreement_hi,gap_points,gap_half,worst_gap_points,claim_points,claim_within_seeds'];
  for (const r of rows) {
    csv.push([r.dataset, r.method, r.tMs, r.seeds, r.nTest, r.annAcc, r.snnAcc, ...r.snnAccCi, r.agreement, ...r.agreementCi, r.gapPoints, r.gapHalf, r.worstGapPoints, r.claim?.points ?? '', r.claim?.withinSeeds ?? '']
      .map((v) => (typeof v === 'number' ? Number(v.toPrecision(6)) : v)).join(','));
  }
  writeFileSync(path.join(dir, 'claims.csv'), `${csv.join('\n')}\n`);
  console.log(markdown(rows));
  console.log();
  console.log(readmeTable(rows));
}

/**
 * The README's compact table: one line per method at its claim's T, one column per data set:
 * mean gap +- t95 (points), the pooled agreement, and on how many seeds the claim holds.
 */
export function readmeTable(rows: ClaimRow[]): string {
  const datasets = [...new Set(rows.map((r) => r.dataset))];
  const head = datasets.map((d) => {
    const r = rows.find((x) => x.dataset === d)!;
    return `${d} (${r.nTest} x ${r.seeds})`;
  });
  const out = [`| method | claim | ${head.join(' | ')} |`, `|---|---|${datasets.map(() => '---|').join('')}`];
  for (const m of CLAIM_METHODS) {
    const cells = datasets.map((d) => {
      const r = rows.find((x) => x.dataset === d && x.method === m.id && x.claim);
      if (!r) return '-';
      return `${r.gapPoints.toFixed(2)} +- ${r.gapHalf.toFixed(2)}; agr. ${(100 * r.agreement).toFixed(1)}%; **${r.claim!.withinSeeds}/${r.seeds}**`;
    });
    out.push(`| ${m.label} | within ${m.claim.points} at ${m.claim.tMs} ms | ${cells.join(' | ')} |`);
  }
  return out.join('\n');
}

/** The README's table: one line per method and data set, at the claim's T and at 500 ms. */
export function markdown(rows: ClaimRow[]): string {
  const pct = (x: number) => (100 * x).toFixed(1);
  const out = ['| data (test n x seeds) | method | T ms | ANN | spiking [95% CI] | agreement [95% CI] | gap, points (mean +- t95) | worst seed | claim: seeds within |', '|---|---|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    const label = CLAIM_METHODS.find((m) => m.id === r.method)?.label ?? r.method;
    if (!r.claim && r.tMs !== 200 && r.tMs !== 500) continue;
    out.push(`| ${r.dataset} (${r.nTest} x ${r.seeds}) | ${label} | ${r.tMs} | ${pct(r.annAcc)} | ${pct(r.snnAcc)} [${pct(r.snnAccCi[0])}, ${pct(r.snnAccCi[1])}] | ${pct(r.agreement)} [${pct(r.agreementCi[0])}, ${pct(r.agreementCi[1])}] | ${r.gapPoints.toFixed(2)} +- ${r.gapHalf.toFixed(2)} | ${r.worstGapPoints.toFixed(2)} | ${r.claim ? `${r.claim.withinSeeds}/${r.seeds} within ${r.claim.points}` : ''} |`);
  }
  return out.join('\n');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
