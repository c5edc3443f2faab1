import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cubaForExport } from '../../core/export/brian2-networks';
import { hasBrian2 } from '../../core/export/brian2-run-node';
import { runCli } from '../cli.test';

const dir = mkdtempSync(join(tmpdir(), 'soma-export-cli-'));
const BRIAN2 = hasBrian2();

describe('soma export', () => {
  it('--help names the options', async () => {
    const r = await runCli(['export', '--help']);
    expect(r.code).toBe(0);
    for (const o of ['--what', '--out', '--duration', '--dt', '--seed', '--network', '--dataset', '--inputs', '--target', '--arrays', '--check']) expect(r.stdout).toContain(o);
  });

  it('cuba: writes the script and prints {out, populations, synapses, duration_ms, dt_ms}', async () => {
    const out = join(dir, 'cuba.py');
    const r = await runCli(['export', '--what', 'cuba', '--neurons', '300', '--duration', '50', '--dt', '0.1', '--seed', '2', '--out', out, '--arrays', 'inline', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.out).toBe(out);
    expect(j.files).toEqual([out]);
    expect(j.populations).toEqual([{ name: 'E', model: 'lif', size: 240, group: 'NeuronGroup' }, { name: 'I', model: 'lif', size: 60, group: 'NeuronGroup' }]);
    // the same graph as soma cuba with that seed
    const { network } = cubaForExport({ neurons: 300, dtMs: 0.1, seed: 2 });
    expect(j.synapse_count).toBe(network.projections.reduce((n, p) => n + p.synapseCount, 0));
    expect(j.synapses.map((s: { name: string }) => s.name)).toEqual(['E_to_E', 'E_to_I', 'I_to_E', 'I_to_I']);
    expect([j.duration_ms, j.dt_ms, j.steps, j.arrays]).toEqual([50, 0.1, 500, 'inline']);
    const script = readFileSync(out, 'utf8');
    expect(script).toContain("method='exact'");
    expect(script).toContain('{"what":"cuba","neurons":300,"seed":2');
  });

  it('--arrays npz writes FILE.npz beside the script', async () => {
    const out = join(dir, 'cuba-npz.py');
    const r = await runCli(['export', '--what', 'cuba', '--neurons', '100', '--duration', '10', '--out', out, '--arrays', 'npz', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).files).toEqual([out, join(dir, 'cuba-npz.npz')]);
    expect(existsSync(join(dir, 'cuba-npz.npz'))).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain("_DATA_FILE = 'cuba-npz.npz'");
  });

  it('refuses bad input with one line naming the parameter, status 2', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format": "soma-network", "version": 1}');
    const cases: [string[], RegExp][] = [
      [['export', '--out', 'x.py'], /--what = \(nothing\)/],
      [['export', '--what', 'hh', '--out', 'x.py'], /--what = "hh"/],
      [['export', '--what', 'cuba'], /--out = \(nothing\)/],
      [['export', '--what', 'cuba', '--out', 'x.txt'], /--out = "x.txt"/],
      [['export', '--what', 'cuba', '--out', 'x.py', '--network', 'n.json'], /--network = "n.json" is not allowed: expected nothing with --what cuba/],
      [['export', '--what', 'network', '--out', 'x.py', '--neurons', '10'], /--neurons/],
      [['export', '--what', 'cuba', '--out', 'x.py', '--dt', '0'], /--dt = 0/],
      [['export', '--what', 'cuba', '--out', 'x.py', '--duration=-5'], /--duration = -5/],
      [['export', '--what', 'cuba', '--out', 'x.py', '--target', 'gpu'], /--target = "gpu"/],
      [['export', '--what', 'network', '--out', 'x.py', '--network', join(dir, 'missing.json')], /--network = .* a readable network file/],
      [['export', '--what', 'network', '--out', 'x.py', '--network', bad], /network\.model/],
      [['export', '--what', 'network', '--out', 'x.py', '--dataset', 'mnist'], /--dataset = "mnist"/],
      [['export', '--what', 'network', '--out', 'x.py', '--inputs', '0'], /--inputs = 0/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(r.stderr, argv.join(' ')).toMatch(message);
    }
  });

  it.skipIf(!BRIAN2)(`network --check: Brian2 and Soma give every neuron the same count within 1, and the same classes${BRIAN2 ? '' : ' [SKIPPED: no Brian2 for /usr/bin/python3; apt-get install python3-brian]'}`, async () => {
    const out = join(dir, 'spiral.py');
    const r = await runCli(['export', '--what', 'network', '--dataset', 'spiral', '--iters', '400', '--inputs', '3', '--duration', '100', '--out', out, '--check', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.populations.map((p: { name: string; size: number }) => [p.name, p.size])).toEqual([['layer0', 300], ['layer1', 9]]);
    for (const p of j.check.populations) {
      expect(p.max_neuron_difference, p.population).toBeLessThanOrEqual(1);
      expect(p.soma_spikes, p.population).toBeGreaterThan(0);
    }
    expect(j.check.classes.soma_brian2_agreement).toBe(1);
    expect(j.check.classes.labels).toHaveLength(3);
  });
});
