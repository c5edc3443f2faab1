/**
 * Test scaffold shared by the script exporters' tests (brian2.test.ts, pynn.test.ts): a network whose
 * population names and title come from outside (a file, a URL) and try to break out of the generated
 * Python: a newline, a docstring's end, an `import os` line, a right-to-left override, a `\N{` escape
 * and a quote. The exported script must keep its shape and stay valid Python.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LifSoma } from '../bio/lif';
import { Network } from '../bio/network';
import { SpikeTimesSource } from '../bio/sources';

/** The hostile name and title. */
export const HOSTILE_NAME = 'x\n"""\nimport os; os.system("echo pwned")  # \u202Eevil\\N{\'';

/** A spike list -> LIF network (one-to-one, delta) named `name`, for `toScript` to export. */
export function namedNetwork(name: string): Network {
  const net = new Network(0.1);
  const a = net.addPopulation(name, new SpikeTimesSource(2, [0, 1], [1, 2]));
  const b = net.addPopulation(`${name}-post`, new LifSoma(2));
  net.connect(a, b, { connectivity: { kind: 'one-to-one' }, weight: 30, synapse: { type: 'delta' } });
  return net;
}

/**
 * Declares the escaping tests of one exporter.
 * @param exporter its name in the test titles
 * @param toScript the script of `net` with `title` (the exporter under test)
 * @param python the interpreter for `ast.parse`, or null to skip that test (reason printed by the caller)
 */
export function describeHostileNames(exporter: string, toScript: (net: Network, title: string) => string, python: string | null): void {
  describe(`${exporter} export: names from outside are escaped in the generated script`, () => {
    const script = (name: string, title: string) => toScript(namedNetwork(name), title);
    it('adds no line, ends no comment or docstring early, and lets no control or bidi character through', () => {
      const plain = script('a', 'plain');
      const evil = script(HOSTILE_NAME, HOSTILE_NAME);
      expect(evil.split('\n').length).toBe(plain.split('\n').length);
      expect(evil.split('"""').length).toBe(plain.split('"""').length);
      expect(evil).not.toMatch(/[\u202E\u0000-\u0008\u000B-\u001F]/);
      expect(evil).not.toMatch(/^\s*import os; os\.system/m);
      expect(evil).toContain('\\u000a');
    });
    it.skipIf(python === null)('the script with hostile names is still valid Python (ast.parse)', () => {
      const file = join(mkdtempSync(join(tmpdir(), 'soma-escape-')), 'net.py');
      writeFileSync(file, script(HOSTILE_NAME, HOSTILE_NAME));
      const r = spawnSync(python!, ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read())', file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  });
}
