import { describe, expect, it } from 'vitest';
import { findNonFinite } from './cli';
import { runCli } from './cli.test';

/** One line on stderr, status 2, nothing on stdout: the CLI's contract for refused input. */
function expectRefused(r: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}

describe('CLI hardening', () => {
  it('refuses non-finite results (log 0, 0/0, exp(1000)) instead of printing null', async () => {
    for (const [expr, values] of [['log(x)', 'x=0'], ['x/y', 'x=0,y=0'], ['exp(x)', 'x=1000']]) {
      const r = await runCli(['graph', '--expr', expr, '--values', values, '--format', 'json']);
      expectRefused(r, /not finite \(json\.[^)]*(NaN|Infinity)\)/);
    }
  });
  it('refuses an option given twice unless it is repeatable', async () => {
    expectRefused(await runCli(['cuba', '--seed', '1', '--seed', '2']), /--seed = "given twice"/);
    const ok = await runCli(['graph', '--expr', 'x*y', '--values', 'x=2', '--values', 'y=3', '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).output).toBe(6);
  });
  it('accepts seeds 0..2^32-1 only (larger seeds would alias after wrapping to 32 bits)', async () => {
    for (const seed of ['-1', '4294967296', '1e300', '1.5']) expectRefused(await runCli(['gradcheck', '--hidden', '3', '--seed', seed]), /--seed = .* integer|--seed = .*<= 4294967295|--seed = .*>= 0/);
  });
  it('refuses finite-difference steps outside the sane range, naming it', async () => {
    for (const h of ['1', '1e-14']) expectRefused(await runCli(['gradcheck', '--hidden', '3', '--h', h]), /--h = .* 1e-10.*0\.01|--h = .*(<=|>=)/);
  });
  it('findNonFinite names the path of the first non-finite number, through arrays and typed arrays', () => {
    expect(findNonFinite({ a: [1, { b: NaN }] })).toBe('result.a[1].b = NaN');
    expect(findNonFinite({ v: Float64Array.of(0, -Infinity) })).toBe('result.v[1] = -Infinity');
    expect(findNonFinite({ a: [1, null, 'x', { b: 2 }] })).toBeNull();
  });
});

describe('CLI work limits, checked before anything runs', () => {
  it('refuses a time step so small the run would take for ever, and one longer than the run', async () => {
    expectRefused(await runCli(['neuron', '--model', 'lif', '--dt', '1e-9']), /--dt = 1e-9 .*at most 1e\+7 steps/);
    expectRefused(await runCli(['neuron', '--model', 'lif', '--duration', '1', '--dt', '5']), /--dt = 5 .*at least one step/);
    expectRefused(await runCli(['fi', '--model', 'lif', '--currents', '0:100:0.01', '--dt', '0.0001']), /--duration = 1000 .*neuron-steps/);
    expectRefused(await runCli(['convert', '--dataset', 'spiral', '--T', '1e12']), /--T = 1000000000000 .*steps/);
  });
  it('refuses a network that memory cannot hold, naming the neuron count', async () => {
    expectRefused(await runCli(['cuba', '--neurons', '1000000']), /--neurons = 1000000 .*at most 1e\+8 synapses/);
    expectRefused(await runCli(['cuba', '--neurons', '60000', '--duration', '1e6']), /--duration = 1000000 .*neuron-steps/);
  });
  it('refuses --param keys named like built-in properties, and a key given twice', async () => {
    for (const key of ['__proto__', 'constructor', 'toString']) expectRefused(await runCli(['neuron', '--model', 'lif', '--param', `${key}=1`]), new RegExp(`--param = "${key}" .*a parameter of lif`));
    expectRefused(await runCli(['neuron', '--model', 'lif', '--param', 'tau_ms=10', '--param', 'tau_ms=20']), /given twice/);
  });
});

describe('CLI files', () => {
  it('refuses to read a folder or a device as data, and --csv without --dataset csv', async () => {
    const { tmpdir } = await import('node:os');
    expectRefused(await runCli(['train', '--dataset', 'csv', '--csv', tmpdir()]), /--csv = .* a regular file \(this is a folder\)/);
    expectRefused(await runCli(['train', '--dataset', 'csv', '--csv', '/dev/zero']), /--csv = "\/dev\/zero" .* a regular file/);
    expectRefused(await runCli(['train', '--dataset', 'spiral', '--csv', 'points.csv']), /--csv = "points.csv" .*--dataset csv/);
  });
  it('refuses an output path that is a folder, in a missing folder, or too long, before training', async () => {
    const { tmpdir } = await import('node:os');
    expectRefused(await runCli(['train', '--iters', '1', '--save', tmpdir()]), /--save = .*not a folder/);
    expectRefused(await runCli(['train', '--iters', '1', '--save', `${tmpdir()}/no-such-folder-soma/x.json`]), /--save = .*does not exist/);
    expectRefused(await runCli(['export', '--what', 'cuba', '--out', `${'a'.repeat(300)}.py`]), /--out = .*255 bytes/);
  });
});

describe('error messages', () => {
  it('quote only the offending value, shortened, with control and bidirectional characters escaped', async () => {
    const long = 'x'.repeat(20_000);
    const r = await runCli(['neuron', '--model', long]);
    expectRefused(r, /--model = "x{10,}\.\.\. is not allowed/);
    expect(r.stderr.length).toBeLessThan(300);
    const rlo = await runCli(['neuron', '--model', 'lif\u202Eevil\u0007']);
    expectRefused(rlo, /\\u202eevil\\u0007/);
    expect(rlo.stderr).not.toMatch(/[\u202E\u0007]/);
    const missing = await runCli(['cuba', '--seed', '3', '--dt']);
    expectRefused(missing, /^soma: --dt = \(nothing\) is not allowed: expected a value MS after --dt/);
    expect(missing.stderr).not.toContain('--seed 3');
  });
});

describe('found by fuzzing (fuzz/)', () => {
  it('graph takes variables named like built-in properties, and refuses such preset names as unknown presets', async () => {
    const r = await runCli(['graph', '--expr', '__proto__*2', '--values', '__proto__=1', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).output).toBe(2);
    expectRefused(await runCli(['graph', '--preset', 'constructor']), /--preset = "constructor" is not allowed: expected one of add-multiply/);
  });
  it('convert refuses a time T shorter than one step (1e-320 ms passed as a multiple of dt and crashed)', async () => {
    expectRefused(await runCli(['convert', '--dataset', 'spiral', '--T', '1e-320', '--iters', '2', '--hidden', '4']), /^soma: --T = 1e-320 is not allowed: expected a multiple of --dt 1 ms, at least one step/);
  });
  it('escapes control and bidirectional characters wherever an error quotes the input (a path, a parser message)', async () => {
    const { tmpdir } = await import('node:os');
    expectRefused(await runCli(['graph', '--expr', 'x\u0001']), /unexpected character "\\u0001"/);
    const r = await runCli(['export', '--what', 'cuba', '--out', `${tmpdir()}/no\nsuch\u202e/x.py`]);
    expectRefused(r, /no\\u000asuch\\u202e does not exist/);
    expect(r.stderr).not.toMatch(/[\u202e]/);
  });
});

describe('work limits found by fuzzing', () => {
  it('refuses a gradient check that would run for hours, and a pass of the data that memory cannot hold, at once', async () => {
    const t0 = performance.now();
    expectRefused(await runCli(['gradcheck', '--hidden', '100000', '--points', '3']), /^soma: --hidden = 100000 is not allowed: expected a gradient check of at most 1e\+10 multiply-adds/);
    expectRefused(await runCli(['train', '--hidden', '100000', '--points', '1000', '--iters', '1']), /^soma: --hidden = 100000 is not allowed: expected a batch of at most 5e\+7 numbers/);
    expectRefused(await runCli(['train', '--points', '1000000', '--classes', '100']), /^soma: --points = 1000000 is not allowed: expected at most 1e\+7 rows in all/);
    expect(performance.now() - t0).toBeLessThan(10_000);
    // Still allowed: the documented runs.
    const ok = await runCli(['gradcheck', '--hidden', '10', '--points', '5', '--format', 'json']);
    expect(ok.code).toBe(0);
  });
});
