import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNetworkFileText } from '../../core/export/network-file';
import { runCli } from '../cli.test';

describe('soma graph', () => {
  it("prints the lecture's (x+y)z with values and gradients", async () => {
    const r = await runCli(['graph', '--expr', '(x+y)*z', '--values', 'x=-2,y=5,z=-4', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.output).toBe(-12);
    expect(j.inputs).toEqual({ x: { value: -2, grad: -4 }, y: { value: 5, grad: -4 }, z: { value: -4, grad: 3 } });
    expect(j.nodes[2]).toEqual({ name: 'x+y', op: 'add', value: 3, grad: -4 });
  });
  it('reports a syntax error with its position, on one line, status 2', async () => {
    const r = await runCli(['graph', '--expr', '(x+y', '--values', 'x=1,y=2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected "\)" but found the end at position 5/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('soma train', () => {
  it('prints exactly the fields of the issue and saves a valid network file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'soma-train-'));
    try {
      const file = path.join(dir, 'net.json');
      const r = await runCli(['train', '--dataset', 'spiral', '--iters', '300', '--save', file, '--format', 'json']);
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(Object.keys(j)).toEqual(['dataset', 'model', 'iters', 'final_loss', 'train_acc', 'test_acc', 'train_ms', 'iters_per_s', 'loss_curve']);
      expect(j.loss_curve[0][0]).toBe(0);
      expect(j.loss_curve.at(-1)).toEqual([299, j.final_loss]);
      const net = parseNetworkFileText(readFileSync(file, 'utf8'));
      expect(net.layers[0].weights.length).toBe(2);
      expect(net.layers[1].bias.length).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('reads a CSV file and names line and column of a bad field', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'soma-csv-'));
    try {
      const good = path.join(dir, 'good.csv'), bad = path.join(dir, 'bad.csv');
      writeFileSync(good, Array.from({ length: 40 }, (_, i) => `${i % 2 ? 1 : -1},${(i * 7) % 5},${i % 2}`).join('\n'));
      writeFileSync(bad, '1,2,0\n3,oops,1\n');
      const r = await runCli(['train', '--dataset', 'csv', '--csv', good, '--model', 'linear', '--iters', '50', '--format', 'json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).train_acc).toBe(1);
      const e = await runCli(['train', '--dataset', 'csv', '--csv', bad]);
      expect(e.code).toBe(2);
      expect(e.stderr).toMatch(/csv line 2 column 2 = "oops"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('refuses bad options and reports divergence on one line', async () => {
    expect((await runCli(['train', '--lr', 'nan'])).stderr).toMatch(/--lr = "nan" is not allowed/);
    expect((await runCli(['train', '--dataset', 'cifar'])).stderr).toMatch(/--dataset = "cifar" is not allowed/);
    expect((await runCli(['train', '--batch', '0'])).stderr).toMatch(/--batch/);
    const d = await runCli(['train', '--lr', '1e6', '--iters', '300']);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/diverged at iteration \d+.*smaller learning rate/);
  });
});

describe('soma gradcheck', () => {
  it('prints max_rel_error and one entry per parameter', async () => {
    const r = await runCli(['gradcheck', '--model', 'two-layer', '--dataset', 'spiral', '--hidden', '10', '--points', '5', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j.params)).toEqual(['W1', 'b1', 'W2', 'b2']);
    expect(j.max_rel_error).toBeLessThan(1e-5);
  });
  it('--network FILE checks that trained network: the figures of checkNetworkGradients on the same file and data', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'soma-gradcheck-'));
    try {
      const file = path.join(dir, 'net.json');
      expect((await runCli(['train', '--dataset', 'spiral', '--points', '10', '--hidden', '6', '--activation', 'tanh', '--iters', '50', '--save', file])).code).toBe(0);
      const r = await runCli(['gradcheck', '--network', file, '--dataset', 'spiral', '--points', '10', '--reg', '0.01', '--format', 'json']);
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout);
      const { checkNetworkGradients } = await import('../../core/ann/network-gradcheck');
      const { makeDataset } = await import('../../core/data/index');
      const want = checkNetworkGradients(parseNetworkFileText(readFileSync(file, 'utf8')), makeDataset('spiral', { seed: 0, pointsPerClass: 10 }), 0.01);
      expect(j.params).toEqual(Object.fromEntries(Object.entries(want.params).map(([k, v]) => [k, v.maxRelError])));
      expect(j.max_rel_error).toBeLessThan(1e-7); // tanh and softmax are smooth: the course's "fine"
      const bad = await runCli(['gradcheck', '--network', file, '--hidden', '3']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--hidden = "3" is not allowed: expected nothing with --network/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
