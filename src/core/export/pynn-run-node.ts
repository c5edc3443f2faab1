/**
 * Node only (child_process, fs): writes an exported PyNN script to disk and runs it with a Python
 * that has PyNN (Debian's `python3-pynn`, whose Brian2 backend uses Debian's `python3-brian`).
 * Used by `soma export --to pynn --check` and the export's oracle tests; the page never imports
 * this file. The interpreter is the Brian2 one (brian2-run-node.ts: `$SOMA_BRIAN2_PYTHON`, else
 * `/usr/bin/python3`, else `python3`).
 */
import { spawnSync } from 'node:child_process';
import { brian2Python } from './brian2-run-node';
import { runScriptExport, writeScriptExport } from './export-run-node';
import type { PynnExport, PynnSimulator } from './pynn';

/** What the exported script prints: spike counts (and times) per population. */
export interface PynnResult {
  simulator: string;
  pynn: string;
  dt_ms: number;
  steps: number;
  duration_ms: number;
  approximations: string[];
  metadata: Record<string, unknown>;
  populations: Record<string, { size: number; cell: string; spikes: number; counts: number[]; i?: number[]; t_ms?: number[] }>;
}

let available: boolean | null = null;

/** Whether `import pyNN.brian2` works in that interpreter (checked once). */
export function hasPynn(): boolean {
  if (available === null) {
    const r = spawnSync(brian2Python(), ['-W', 'ignore', '-c', 'import pyNN.brian2'], { stdio: 'ignore', timeout: 120_000 });
    available = r.status === 0;
  }
  return available;
}

/** Writes the script (and its .npz, if any) as `path`; returns the paths written. */
export function writePynnExport(exp: PynnExport, path: string): string[] {
  return writeScriptExport(exp, path);
}

/**
 * Runs an exported script (`--simulator brian2` by default) and parses the JSON it prints.
 * @returns the result and the script's stderr lines that start with `soma-pynn:` (its approximations)
 * @throws SomaRuntimeError when Python or PyNN fails, with the last lines of its stderr
 */
export function runPynnExport(exp: PynnExport, simulator: PynnSimulator = 'brian2', path?: string, timeoutMs = 900_000): { result: PynnResult; said: string[] } {
  const run = { python: brian2Python(), simulator: 'PyNN', tmpPrefix: 'soma-pynn-', fileName: 'soma-pynn.py', args: ['--simulator', simulator], timeoutMs };
  const { result, stderr } = runScriptExport<PynnResult>(exp, run, path);
  return { result, said: stderr.split('\n').filter((l) => l.startsWith('soma-pynn:')) };
}
