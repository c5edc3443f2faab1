/**
 * `npm run bench [-- --only NAME[,NAME]] [--format json|table]`: runs the benchmarks and prints
 * one JSON line per benchmark (the default), or a table. Benchmarks, not timed tests: compare
 * side by side within one run and quote ratios, since this machine is shared and noisy.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { BENCHMARKS } from './index';

const { values } = parseArgs({
  options: { only: { type: 'string' }, format: { type: 'string', default: 'json' }, list: { type: 'boolean' } },
});
if (values.format !== 'json' && values.format !== 'table') {
  process.stderr.write(`bench: --format = ${JSON.stringify(values.format)} is not allowed: expected one of json, table\n`);
  process.exit(2);
}
if (values.list) {
  for (const b of BENCHMARKS) process.stdout.write(`${b.name}\t${b.summary}\n`);
  process.exit(0);
}
const only = values.only?.split(',');
const unknown = only?.filter((n) => !BENCHMARKS.some((b) => b.name === n)) ?? [];
if (unknown.length) {
  process.stderr.write(`bench: --only = ${JSON.stringify(unknown.join(','))} is not allowed: expected names from ${BENCHMARKS.map((b) => b.name).join(', ')}\n`);
  process.exit(2);
}
// the load average (1, 5, 15 min) when the benchmark starts: other jobs on a shared machine slow both sides
const machine = () => ({ node: process.version, cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', load_average: os.loadavg().map((x) => Math.round(x * 10) / 10) });
for (const b of BENCHMARKS) {
  if (only ? !only.includes(b.name) : b.onlyWhenNamed) continue;
  const before = machine();
  const result = { benchmark: b.name, ...(await b.run()), machine: { ...before, load_average_after: machine().load_average } };
  if (values.format === 'json') process.stdout.write(JSON.stringify(result) + '\n');
  else process.stdout.write(`${b.name}\n${Object.entries(result).filter(([k]) => k !== 'benchmark').map(([k, v]) => `  ${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('\n')}\n`);
}
