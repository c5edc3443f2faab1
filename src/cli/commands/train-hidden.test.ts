import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNetworkGradients } from '../../core/ann/network-gradcheck';
import { makeDataset } from '../../core/data/index';
import { parseNetworkFileText } from '../../core/export/network-file';
import { runCli } from '../cli.test';

describe('soma train --hidden as a list of layers', () => {
  // he init: with the course's 0.01 init three layers deep, W1's gradient is ~1e-8 and centred differences meet round-off
  it('--hidden 8,6 trains a deep network and saves a version-2 file that gradcheck --network checks (tanh: < 1e-7)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'soma-deep-'));
    try {
      const file = path.join(dir, 'deep.json');
      const r = await runCli(['train', '--dataset', 'spiral', '--points', '10', '--hidden', '8,6', '--activation', 'tanh', '--init', 'he', '--iters', '30', '--save', file, '--format', 'json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ model: 'deep' });
      const net = parseNetworkFileText(readFileSync(file, 'utf8'));
      expect(net).toMatchObject({ version: 2, model: 'deep', hidden: [8, 6] });
      const g = await runCli(['gradcheck', '--network', file, '--dataset', 'spiral', '--points', '10', '--reg', '0.01', '--format', 'json']);
      expect(g.code).toBe(0);
      const j = JSON.parse(g.stdout);
      const want = checkNetworkGradients(net, makeDataset('spiral', { seed: 0, pointsPerClass: 10 }), 0.01);
      expect(Object.keys(j.params)).toEqual(['W1', 'b1', 'W2', 'b2', 'W3', 'b3']);
      expect(j.params).toEqual(Object.fromEntries(Object.entries(want.params).map(([k, v]) => [k, v.maxRelError])));
      expect(j.max_rel_error).toBeLessThan(1e-7);
      // a ReLU deep network (tanh has no spiking twin) through the conversion and the Brian2 export: one population / group per layer
      const relu = path.join(dir, 'deep-relu.json');
      expect((await runCli(['train', '--dataset', 'spiral', '--points', '10', '--hidden', '8,6', '--init', 'he', '--iters', '30', '--save', relu])).code).toBe(0);
      const c = await runCli(['convert', '--dataset', 'spiral', '--network', relu, '--T', '20', '--format', 'json']);
      expect(c.code).toBe(0);
      expect(JSON.parse(c.stdout).options).toMatchObject({ hidden: [8, 6] });
      const script = path.join(dir, 'deep.py');
      const e = await runCli(['export', '--what', 'network', '--network', relu, '--dataset', 'spiral', '--inputs', '2', '--duration', '20', '--out', script, '--format', 'json']);
      expect(e.code).toBe(0);
      const text = readFileSync(script, 'utf8');
      for (const [layer, size] of [['layer0', 16], ['layer1', 12], ['layer2', 6]] as const) expect(text).toMatch(new RegExp(`G_${layer} = NeuronGroup\\(${size},`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--hidden 0 is the linear classifier', async () => {
    const r = await runCli(['train', '--dataset', 'moons', '--points', '20', '--hidden', '0', '--iters', '20', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ model: 'linear' });
  });

  it('bad lists are refused on one line naming --hidden, the value and what is allowed (status 2)', async () => {
    for (const bad of ['32,,16', '0,8', '-4', '8.5', 'x']) {
      const r = await runCli(['train', '--hidden', bad, '--iters', '1']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^soma: --hidden = ".*" is not allowed: expected 0 \(no hidden layer: a linear classifier\) or a comma-separated list of 1 to 16 hidden-layer widths/);
    }
    const clash = await runCli(['train', '--model', 'two-layer', '--hidden', '8,6', '--iters', '1']);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/--model = "two-layer" is not allowed: expected deep with --hidden 8,6/);
    const deepAlone = await runCli(['train', '--model', 'deep', '--iters', '1']);
    expect(deepAlone.stderr).toMatch(/--model = "deep" is not allowed: expected deep only with --hidden listing 2 or more/);
  });
});
