/**
 * The built command line (scripts/build-cli.mjs, the `bin` entry `soma`) against the source it
 * is built from: the same bytes on stdout and stderr and the same exit status as the CLI run
 * in-process, for help, a bad input and two real runs (CUBA and one neuron).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli';

/** The CLI run in-process, as the tests of src/cli run it. */
async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const code = await main(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, interactive: false });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(path.join(tmpdir(), 'soma-cli-'));
const bin = path.join(dir, 'soma.mjs');

beforeAll(() => {
  execFileSync(process.execPath, [path.join(__dirname, 'build-cli.mjs'), dir], { stdio: 'pipe' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the built CLI (dist-cli/soma.mjs)', () => {
  it('is an executable file that starts with a node shebang', () => {
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    const head = execFileSync('head', ['-c', '19', bin], { encoding: 'utf8' });
    expect(head).toBe('#!/usr/bin/env node');
  });

  it.each([
    [['--help']],
    [['cuba', '--help']],
    [['cuba', '--neurons', '-5']],
    [['no-such-command']],
    [['cuba', '--neurons', '500', '--duration', '200', '--seed', '3', '--format', 'csv']],
    [['neuron', '--model', 'izhikevich', '--current', '10', '--duration', '100', '--format', 'json']],
  ])('soma %j prints what the source prints', async (argv) => {
    const built = spawnSync(bin, argv, { encoding: 'utf8' });
    const source = await runCli(argv);
    expect(built.status).toBe(source.code);
    expect(built.stderr).toBe(source.stderr);
    // CUBA's table holds its own build and run times (wall, then CPU): compare everything else
    const untimed = (s: string) => s.replace(/,[\d.e+-]+,[\d.e+-]+,[\d.e+-]+,[\d.e+-]+\n/g, ',T,T,T,T\n');
    expect(untimed(built.stdout)).toBe(untimed(source.stdout));
    expect(built.stdout.length + built.stderr.length).toBeGreaterThan(0);
  });
});
