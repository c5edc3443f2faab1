/**
 * What the CUBA benchmarks share: whole processes timed from spawn to exit, Soma's built CLI,
 * Brian2's standalone projects (scripts/brian2/cuba_bench.py) and the spikes each side wrote,
 * checked so that a silent or exploding network fails the benchmark instead of winning it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cvIsi } from '../src/core/bio/cuba';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The built CLI (`soma`, the package's bin). */
export const SOMA_BIN = path.join(root, 'dist-cli', 'soma.mjs');

/** Builds dist-cli/ from the current sources, so the benchmark times the code it sits beside. */
export function buildCli(): void {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { stdio: 'pipe' });
}

/** Median, quartiles and extremes of a sample, rounded to `d` decimals. */
export interface Spread { median: number; q1: number; q3: number; min: number; max: number }

const quantile = (s: number[], q: number) => {
  const at = (s.length - 1) * q, lo = Math.floor(at), hi = Math.ceil(at);
  return s[lo] + (s[hi] - s[lo]) * (at - lo);
};
export const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
export function spread(xs: number[], d = 1): Spread | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return { median: round(quantile(s, 0.5), d), q1: round(quantile(s, 0.25), d), q3: round(quantile(s, 0.75), d), min: round(s[0], d), max: round(s[s.length - 1], d) };
}
export const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);

/** GNU time, when installed: it reports a child's CPU time (user + system, all its threads). */
const GNU_TIME = '/usr/bin/time';
let cpuFile: string | null = null;

/**
 * Runs a program to its exit: wall time in ms from just before the spawn to its exit, and its CPU
 * time (user + system of all its threads, from GNU time; null without it). On a shared machine the
 * wall time grows with the other jobs' load; the CPU time much less, so both are reported.
 */
export function timeProcess(file: string, args: string[], cwd?: string, env?: NodeJS.ProcessEnv): { ms: number; cpuMs: number | null; stdout: string } {
  const timed = existsSync(GNU_TIME);
  if (timed && !cpuFile) cpuFile = path.join(mkdtempSync(path.join(tmpdir(), 'soma-time-')), 'cpu');
  const [prog, argv] = timed ? [GNU_TIME, ['-f', '%U %S', '-o', cpuFile!, file, ...args]] : [file, args];
  const t0 = performance.now();
  const r = spawnSync(prog, argv, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.error || r.status !== 0) throw new Error(`${path.basename(file)} ${args.join(' ')}: ${r.error?.message ?? r.stderr.trim().split('\n').pop()}`);
  const cpu = timed ? readFileSync(cpuFile!, 'utf8').trim().split(/\s+/).map(Number) : null;
  return { ms, cpuMs: cpu ? (cpu[0] + cpu[1]) * 1000 : null, stdout: r.stdout };
}

/** The fields of `soma cuba --format json` the benchmarks read. */
export interface SomaCuba { synapses: number; spikes: number; rate_hz: number; cv_isi: number | null; build_ms: number; run_ms: number; build_cpu_ms: number; run_cpu_ms: number }

/** This process's CPU time, ms (user + system, all threads): the clock of Brian2's loop time (std::clock()). */
export function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** One fresh `soma cuba` process (the built program), start to exit. */
export function somaProcess(neurons: number, p: number, seed: number, spikesFile?: string): { ms: number; cpuMs: number | null; result: SomaCuba } {
  const args = [SOMA_BIN, 'cuba', '--neurons', String(neurons), '--p', String(p), '--seed', String(seed), '--format', 'json'];
  if (spikesFile) args.push('--spikes', spikesFile);
  const { ms, cpuMs, stdout } = timeProcess(process.execPath, args);
  return { ms, cpuMs, result: JSON.parse(stdout) as SomaCuba };
}

/** Runs scripts/brian2/cuba_bench.py; its JSON line, or an error. */
export function brian2Script(args: string[]): Record<string, unknown> | { error: string } {
  const py = process.env.SOMA_PYTHON ?? '/usr/bin/python3';
  const r = spawnSync(py, [path.join(root, 'scripts', 'brian2', 'cuba_bench.py'), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.error || r.status !== 0) return { error: (r.error?.message ?? r.stderr.trim().split('\n').pop() ?? 'failed').slice(0, 200) };
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

/** The two compiled standalone binaries for N neurons and probability p (compiled once, cached). */
export function standaloneBinaries(neurons: number, p: number): { written: string; nowrite: string; brian2: string } | { error: string } {
  const r = brian2Script(['--target', 'standalone', '--neurons', String(neurons), '--p', String(p)]);
  if ('error' in r) return r as { error: string };
  return { written: String(r.standalone_binary), nowrite: String(r.standalone_binary_nowrite), brian2: String(r.brian2) };
}

/**
 * One run of a standalone binary, start to exit, with Brian2's own loop time (results/last_run_info.txt),
 * which its network.cpp takes with std::clock(): the process's CPU time, not wall time. So the loop
 * is compared with Soma's run phase in CPU time (run_cpu_ms); on a busy machine wall time is inflated
 * by the wait for a core, which Brian2's figure never counts.
 */
export function binaryProcess(binary: string): { ms: number; cpuMs: number | null; loopMs: number } {
  const dir = path.dirname(binary);
  const { ms, cpuMs } = timeProcess(binary, [], dir);
  const info = readFileSync(path.join(dir, 'results', 'last_run_info.txt'), 'utf8').trim().split(/\s+/).map(Number);
  if (info[1] !== 1) throw new Error(`${binary}: the run did not complete (last_run_info ${info.join(' ')})`);
  return { ms, cpuMs, loopMs: info[0] * 1000 };
}

/** Spike count, rate (Hz) and ISI CV of what a standalone binary wrote (its SpikeMonitor's i and t arrays). */
export function binarySpikes(binary: string, neurons: number, seconds: number): { spikes: number; rate_hz: number; cv_isi: number | null; results_bytes: number } {
  const dir = path.join(path.dirname(binary), 'results');
  const files = readdirSync(dir);
  const find = (prefix: string) => {
    const f = files.find((x) => x.startsWith(prefix));
    if (!f) throw new Error(`${dir}: no ${prefix}* (did the binary write its results?)`);
    const b = readFileSync(path.join(dir, f));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  };
  const idx = new Int32Array(find('_dynamic_array_spikemonitor_i_'));
  const t = new Float64Array(find('_dynamic_array_spikemonitor_t_'));
  const trains: number[][] = Array.from({ length: neurons }, () => []);
  for (let k = 0; k < idx.length; k++) trains[idx[k]].push(t[k] * 1000);
  const bytes = files.reduce((s, f) => s + statSync(path.join(dir, f)).size, 0);
  return { spikes: idx.length, rate_hz: idx.length / (neurons * seconds), cv_isi: cvIsi(trains.map((x) => Float64Array.from(x))), results_bytes: bytes };
}

/** CUBA's asynchronous irregular state fires at about 5-6 Hz; outside 1-50 Hz the network is silent or exploding. */
export const RATE_BAND_HZ = [1, 50] as const;

/** Throws unless a run's rate is in RATE_BAND_HZ (a silent or exploding network fails the bench). */
export function checkRate(who: string, rateHz: number): void {
  if (!(rateHz >= RATE_BAND_HZ[0] && rateHz <= RATE_BAND_HZ[1])) throw new Error(`cuba bench: ${who} fired at ${rateHz} Hz, outside ${RATE_BAND_HZ.join('-')} Hz: a silent or exploding network, not a result`);
}

/** Throws unless two medians agree within `tolerance` (relative), as the CUBA oracle test (10%). */
export function checkSame(what: string, soma: number, brian2: number, tolerance = 0.1): void {
  if (!(Math.abs(soma / brian2 - 1) < tolerance)) throw new Error(`cuba bench: ${what} differs: Soma ${soma}, Brian2 ${brian2} (more than ${tolerance * 100}%): not the same work`);
}

export const fileSize = (f: string) => (existsSync(f) ? statSync(f).size : 0);
