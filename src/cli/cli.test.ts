import { describe, expect, it } from 'vitest';
import { main, type CliIO } from './cli';

/** Runs the CLI in-process and captures what it prints. */
export async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const io: CliIO = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, interactive: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('soma CLI', () => {
  it('lists its commands with --help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/usage: npm run soma -- <command>/);
  });

  it('refuses an unknown command with one line and status 2', async () => {
    const r = await runCli(['no-such-command']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/command = "no-such-command" is not allowed/);
  });
});
