/**
 * Node only (child_process, fs): writes an exported script (Brian2 or PyNN) and its companion .npz to
 * disk and runs it with the Python that has the simulators. The exporter-specific runners
 * (brian2-run-node.ts, pynn-run-node.ts) are this with their own arguments and result type; the page
 * never imports this file.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { SomaRuntimeError } from '../errors';

/** What every exporter returns that is written to disk: the script and, when arrays are stored apart, the .npz. */
export interface ScriptExport {
  script: string;
  data: Uint8Array | null;
  /** The .npz's file name (beside the script), or null. */
  dataFile: string | null;
}

/** Writes the script (and its .npz, if any) as `path`; returns the paths written. */
export function writeScriptExport(exp: ScriptExport, path: string): string[] {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, exp.script);
  const written = [path];
  if (exp.data && exp.dataFile) {
    const dataPath = join(dirname(path), exp.dataFile);
    writeFileSync(dataPath, exp.data);
    written.push(dataPath);
  }
  return written;
}

/** How to run one exporter's scripts. */
export interface ScriptRun {
  /** The Python interpreter. */
  python: string;
  /** The simulator's name in the error message (`Brian2`, `PyNN`). */
  simulator: string;
  /** Prefix of the temporary directory and the script's file name there when no path is given. */
  tmpPrefix: string;
  fileName: string;
  /** Arguments after the script's path (`--target numpy`, `--simulator brian2`). */
  args: string[];
  timeoutMs: number;
}

/**
 * Writes and runs an exported script, and parses the JSON document its last line of stdout prints.
 * @param path where to write the script (default: a fresh temporary directory)
 * @returns the parsed result and the script's stderr
 * @throws SomaRuntimeError when Python or the simulator fails, with the last lines of its stderr
 */
export function runScriptExport<R>(exp: ScriptExport, run: ScriptRun, path?: string): { result: R; stderr: string } {
  const file = path ?? join(mkdtempSync(join(tmpdir(), run.tmpPrefix)), run.fileName);
  writeScriptExport(exp, file);
  const r = spawnSync(run.python, [file, ...run.args], { encoding: 'utf8', maxBuffer: 1 << 30, timeout: run.timeoutMs });
  if (r.status !== 0) {
    const tail = (r.stderr ?? String(r.error ?? '')).trim().split('\n').slice(-3).join(' | ');
    throw new SomaRuntimeError(`${run.simulator} run of ${basename(file)} failed (status ${r.status}): ${tail}`);
  }
  const lines = r.stdout.trim().split('\n');
  return { result: JSON.parse(lines[lines.length - 1]) as R, stderr: r.stderr ?? '' };
}
