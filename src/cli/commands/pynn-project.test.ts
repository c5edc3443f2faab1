import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertedForExport } from '../../core/export/brian2-networks';
import { projectFileText } from '../../core/export/project-file';
import { defaultSettings } from '../../core/lab/settings';
import { runCli } from '../cli.test';

const dir = mkdtempSync(join(tmpdir(), 'soma-pynn-cli-'));

describe('soma export --to pynn', () => {
  it('cuba: writes a PyNN script with standard cells and says how to run it', async () => {
    const out = join(dir, 'soma-pynn.py');
    const r = await runCli(['export', '--to', 'pynn', '--what', 'cuba', '--neurons', '200', '--duration', '20', '--out', out, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.to).toBe('pynn');
    expect(j.populations).toEqual([{ name: 'E', model: 'lif', size: 160, cell: 'IF_curr_exp' }, { name: 'I', model: 'lif', size: 40, cell: 'IF_curr_exp' }]);
    expect(j.approximations).toEqual([]);
    const script = readFileSync(out, 'utf8');
    expect(script).toContain("parser.add_argument('--simulator', choices=sorted(BACKENDS), default='brian2')");
    expect(script).toContain('mpirun -np 4 python3 THIS_FILE.py --simulator nest');
  });

  it('a model no standard cell expresses: one line naming it and --approximate, exit 2; with --approximate the script is written and says so', async () => {
    const out = join(dir, 'if.py');
    const args = ['export', '--to', 'pynn', '--what', 'network', '--dataset', 'xor', '--iters', '50', '--inputs', '2', '--neuron', 'if', '--duration', '20', '--out', out];
    const refused = await runCli(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/population layer0.*reset by subtraction.*--approximate/);
    const r = await runCli([...args, '--approximate', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).approximations[0]).toMatch(/^layer0: reset by subtraction/);
    expect(readFileSync(out, 'utf8')).toContain("APPROXIMATIONS = ['layer0: reset by subtraction");
  });

  it('--target is Brian2\'s and --approximate PyNN\'s: each refused with the other', async () => {
    const out = join(dir, 'x.py');
    expect((await runCli(['export', '--to', 'pynn', '--what', 'cuba', '--neurons', '50', '--out', out, '--target', 'numpy'])).stderr).toMatch(/--target/);
    expect((await runCli(['export', '--what', 'cuba', '--neurons', '50', '--out', out, '--approximate'])).stderr).toMatch(/--approximate/);
  });
});

describe('--project (a project saved by the page)', () => {
  it('soma convert and soma export read its network and settings; the command line wins', async () => {
    const trained = (await convertedForExport({ dataset: 'xor', train: { iters: 100 }, inputs: 1, seed: 0 })).file;
    const project = join(dir, 'lesson.soma.json');
    writeFileSync(project, projectFileText({ settings: { ...defaultSettings(), dataset: 'xor', neuron: 'lif', hidden: trained.layers[0].bias.length }, network: trained, selectedNeuron: 3 }));
    const network = join(dir, 'net.json');
    writeFileSync(network, JSON.stringify(trained));
    // the same result as --network with the project's settings given by hand
    const a = await runCli(['convert', '--project', project, '--T', '20', '--format', 'json']);
    // (the page's leaky neuron resets to zero without leak compensation, so a project's does too)
    const b = await runCli(['convert', '--network', network, '--dataset', 'xor', '--neuron', 'lif', '--reset', 'zero', '--leak', 'none', '--T', '20', '--format', 'json']);
    expect(a.code, a.stderr).toBe(0);
    const ja = JSON.parse(a.stdout), jb = JSON.parse(b.stdout);
    expect(ja.options.network).toBe(`project ${project}`);
    expect({ ...ja, options: { ...ja.options, network: null } }).toEqual({ ...jb, options: { ...jb.options, network: null } });
    const c = await runCli(['convert', '--project', project, '--neuron', 'if', '--T', '20', '--format', 'json']);
    expect(JSON.stringify(JSON.parse(c.stdout))).toContain('"neuron":"if"');
    const out = join(dir, 'from-project.py');
    const e = await runCli(['export', '--to', 'pynn', '--what', 'network', '--project', project, '--inputs', '2', '--duration', '20', '--out', out, '--format', 'json']);
    expect(e.code, e.stderr).toBe(0);
    expect(JSON.parse(e.stdout).populations.map((p: { cell: string }) => p.cell)).toEqual(['IF_curr_delta', 'IF_curr_delta']);
  });

  it('refuses a bad project in one line naming the field, and --project with --network', async () => {
    const bad = join(dir, 'bad.soma.json');
    writeFileSync(bad, JSON.stringify({ format: 'soma-project', version: 9, settings: {}, network: null, selectedNeuron: -1 }));
    const r = await runCli(['convert', '--project', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/project\.version = 9/);
    const empty = join(dir, 'empty.soma.json');
    writeFileSync(empty, JSON.stringify({ format: 'soma-project', version: 1, settings: {}, network: null, selectedNeuron: -1 }));
    expect((await runCli(['convert', '--project', empty])).stderr).toMatch(/project\.network = null/);
    expect((await runCli(['convert', '--project', empty, '--network', bad])).stderr).toMatch(/--network/);
  });
});
