/**
 * Node only (child_process, fs): writes an exported Brian2 script to disk and runs it with a
 * Python that has Brian2. Used by `soma export --check` and the export's oracle tests; the page
 * never imports this file (as data/digits-node.ts).
 *
 * Brian2 comes from Debian's `python3-brian` (`/usr/bin/python3`); a pyenv or virtualenv
 * `python3` on PATH usually lacks it, so the interpreter is `$SOMA_BRIAN2_PYTHON`, else
 * `/usr/bin/python3`, else `python3`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Brian2Export, Brian2Target } from './brian2';
import { runScriptExport, writeScriptExport } from './export-run-node';

/** What the exported script prints: spike counts (and times) per population. */
export interface Brian2Result {
  simulator: string;
  target: string;
  dt_ms: number;
  steps: number;
  duration_ms: number;
  metadata: Record<string, unknown>;
  populations: Record<string, { size: number; spikes: number; counts: number[]; i?: number[]; t_ms?: number[] }>;
}

/** The Python interpreter that is expected to have Brian2. */
export function brian2Python(): string {
  const env = process.env.SOMA_BRIAN2_PYTHON;
  if (env) return env;
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

let available: boolean | null = null;

/** Whether `import brian2` works in that interpreter (checked once). */
export function hasBrian2(): boolean {
  if (available === null) {
    const r = spawnSync(brian2Python(), ['-c', 'import brian2'], { stdio: 'ignore', timeout: 300_000 }); // about 1 min under a loaded machine's 20+ load
    available = r.status === 0;
  }
  return available;
}

/** Writes the script (and its .npz, if any) as `path`; returns the paths written. */
export function writeBrian2Export(exp: Brian2Export, path: string): string[] {
  return writeScriptExport(exp, path);
}

/**
 * Runs an exported script and parses the JSON it prints.
 * @param exp the export (written to a fresh temporary directory unless `path` is given)
 * @param target Brian2's code generation target (numpy needs no compiler and starts fastest)
 * @throws SomaRuntimeError when Python or Brian2 fails, with the last lines of its stderr
 */
export function runBrian2Export(exp: Brian2Export, target: Brian2Target = 'numpy', path?: string, timeoutMs = 600_000): Brian2Result {
  const run = { python: brian2Python(), simulator: 'Brian2', tmpPrefix: 'soma-brian2-', fileName: 'network.py', args: ['--target', target], timeoutMs };
  return runScriptExport<Brian2Result>(exp, run, path).result;
}
