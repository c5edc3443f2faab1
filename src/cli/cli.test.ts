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
    expect(r.stdout).toMatch(/usage: soma <command>/);
  });

  it('refuses an unknown command with one line and status 2', async () => {
    const r = await runCli(['no-such-command']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/command = "no-such-command" is not allowed/);
  });

  it('names an unknown option and lists the known ones', async () => {
    const r = await runCli(['cuba', '--bogus', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^soma: option = "--bogus" is not allowed: expected an option of cuba: .*--neurons/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reads a negative number as the value of the option before it', async () => {
    const r = await runCli(['cuba', '--neurons', '-5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--neurons = -5 is not allowed/);
    const ok = await runCli(['neuron', '--model', 'lif', '--current', '-10', '--duration', '50', '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ current: -10, n_spikes: 0 });
  });
});
