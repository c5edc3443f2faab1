import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomNetwork } from '../../core/experiments/test-networks';
import { runCli } from '../cli.test';

describe('soma convert', () => {
  it('prints exactly the issue JSON fields', async () => {
    const r = await runCli(['convert', '--dataset', 'xor', '--hidden', '16', '--iters', '300', '--T', '10,50', '--seed', '2', '--max-points', '50', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['ann_acc', 'snn', 'rate_vs_activation_r', 'hidden_rates', 'options']);
    expect(out.snn.map((s: { t_ms: number }) => s.t_ms)).toEqual([10, 50]);
    expect(Object.keys(out.snn[0])).toEqual(['t_ms', 'acc', 'agreement']);
    expect(out.hidden_rates.length).toBeLessThanOrEqual(50);
    expect(out.hidden_rates[0]).toHaveLength(2);
    expect(out.rate_vs_activation_r).toBeGreaterThan(0.99);
    expect(out.options).toMatchObject({ dataset: 'xor', hidden: 16, neuron: 'if', norm: 'max', encoding: 'current', T: [10, 50], seed: 2, network: null });
  });

  it('--neuron lif: reset by subtraction with the mean leak compensated by default; --reset zero is the old map; bad values named', async () => {
    const base = ['convert', '--dataset', 'xor', '--hidden', '8', '--iters', '50', '--T', '20', '--neuron', 'lif', '--format', 'json'];
    const byDefault = JSON.parse((await runCli(base)).stdout).options;
    expect(byDefault).toMatchObject({ neuron: 'lif', reset: 'subtract', leak: 'mean' });
    const old = JSON.parse((await runCli([...base, '--reset', 'zero'])).stdout).options;
    expect(old).toMatchObject({ neuron: 'lif', reset: 'zero', leak: 'none' });
    const bad = await runCli([...base, '--leak', 'half']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--leak.*half.*mean.*none/);
  });

  it('trains digits with the backprop core\'s digits settings unless told otherwise; --seed seeds the training', async () => {
    const r = await runCli(['convert', '--dataset', 'digits', '--limit-per-class', '20', '--iters', '5', '--T', '20', '--seed', '3', '--format', 'json']);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout).options;
    expect(o.train).toMatchObject({ hidden: 32, batch: 200, optimizer: 'adam', lr: 0.005, init: 'he', reg: 1e-4, iters: 5, seed: 3 });
    expect(o).toMatchObject({ n_train: 160, n_test: 40, hidden: 32 });
    const full = JSON.parse((await runCli(['convert', '--dataset', 'xor', '--iters', '5', '--batch', 'full', '--T', '20', '--format', 'json'])).stdout).options;
    expect(full.train).toMatchObject({ hidden: 100, batch: 'full', optimizer: 'sgd', lr: 1, iters: 5, seed: 0 });
  });

  it('reads a network file and names the bad field of one that is not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'soma-convert-'));
    const good = join(dir, 'net.json');
    writeFileSync(good, JSON.stringify({ ...randomNetwork(2, 8, 2, 5), dataset: { seed: 3, testFraction: 0.5 } }));
    const ok = await runCli(['convert', '--dataset', 'circle', '--network', good, '--T', '20', '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).options).toMatchObject({ network: good, data_seed: 3, test_fraction: 0.5, n_test: 100 });

    const cases: [unknown, RegExp][] = [
      [{ ...randomNetwork(2, 8, 2, 5), version: 3 }, /^soma: network\.version = 3 is not allowed: expected is 3, newer than this Soma reads \(2\)/],
      [{ ...randomNetwork(2, 8, 2, 5), layers: undefined }, /^soma: network\.layers = \(nothing\) is not allowed: expected an array/],
      [(() => { const n = randomNetwork(2, 8, 2, 5); n.layers[1].weights.pop(); return n; })(), /^soma: network\.layers\[1\]\.weights = .* has 7 rows but layer 0 has 8 outputs/],
      [randomNetwork(3, 8, 2, 5), /^soma: network\.layers\[0\]\.weights = "3 rows" is not allowed: expected 2 rows/],
    ];
    for (const [net, message] of cases) {
      const file = join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify(net));
      const r = await runCli(['convert', '--dataset', 'circle', '--network', file]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    // A file trained on 28 x 28 digits brings its image size; without it the shapes do not fit.
    const digits28 = join(dir, 'digits28.json');
    writeFileSync(digits28, JSON.stringify({ ...randomNetwork(784, 4, 10, 6), dataset: { seed: 0, testFraction: 0.2, options: { size: 28 } } }));
    const d28 = await runCli(['convert', '--dataset', 'digits', '--network', digits28, '--limit-per-class', '5', '--T', '10', '--format', 'json']);
    expect(d28.stderr).toBe('');
    expect(JSON.parse(d28.stdout).options).toMatchObject({ n_train: 40, n_test: 10 });
    writeFileSync(digits28, JSON.stringify(randomNetwork(784, 4, 10, 6)));
    const no28 = await runCli(['convert', '--dataset', 'digits', '--network', digits28, '--limit-per-class', '5']);
    expect(no28.stderr).toMatch(/^soma: network\.layers\[0\]\.weights = "784 rows" is not allowed: expected 196 rows/);

    const missing = await runCli(['convert', '--dataset', 'circle', '--network', join(dir, 'nope.json')]);
    expect(missing.stderr).toMatch(/^soma: --network = ".*nope\.json" is not allowed: expected a readable network file \(ENOENT\)/);
  });

  it('refuses bad T, dataset and neuron with one line naming the option', async () => {
    const bad: [string[], RegExp][] = [
      [['--dataset', 'spiral', '--T', '10,0'], /--T = 0 is not allowed/],
      [['--dataset', 'spiral', '--T=-5'], /--T = -5 is not allowed/],
      [['--dataset', 'spiral', '--T', '10,abc'], /--T = "abc" is not allowed/],
      [['--dataset', 'mnist'], /--dataset = "mnist" is not allowed: expected one of spiral, iris, digits, moons, xor, circle/],
      [['--dataset', 'spiral', '--neuron', 'hh'], /--neuron = "hh" is not allowed: expected one of if, lif/],
      [['--dataset', 'spiral', '--norm', 'p99'], /--norm = "p99"/],
      [['--dataset', 'spiral', '--encoding', 'rate'], /--encoding = "rate"/],
      [[], /--dataset = \(nothing\)/],
    ];
    for (const [args, message] of bad) {
      const r = await runCli(['convert', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
