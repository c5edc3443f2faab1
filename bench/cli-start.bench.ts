/**
 * How fast the command line starts: from spawning the process to its first line on stdout, for
 *   node hello.mjs                  Node's own start: an ES module printing one line (the floor for
 *                                   any Node program; `node -e` takes another, slower path)
 *   soma --help                     the built program (dist-cli/soma.mjs, the package's bin)
 *   soma cuba --help                one command's module loaded (the lazy catalogue)
 *   tsx src/cli/main.ts --help      what `npm run soma -- --help` ran before: the TypeScript
 *                                   transpiler at every start (fewer rounds: it is slow)
 * Rounds interleave the programs; medians with the spread, and each program's CPU time (user +
 * system, GNU time) from a second run. The aim: soma --help under 150 ms.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Benchmark } from './benchmark';
import { buildCli, round, SOMA_BIN, spread, timeProcess } from './cuba-shared';

const ROUNDS = 11;
const TSX_ROUNDS = 3;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** ms from spawn to the first complete line on stdout, and to exit. */
function firstLine(file: string, args: string[]): Promise<{ firstLineMs: number; exitMs: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let firstLineMs = NaN, seen = '';
    const child = spawn(file, args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', (d: Buffer) => {
      if (Number.isNaN(firstLineMs) && (seen += d.toString()).includes('\n')) firstLineMs = performance.now() - t0;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && !Number.isNaN(firstLineMs) ? resolve({ firstLineMs, exitMs: performance.now() - t0 }) : reject(new Error(`${file} ${args.join(' ')}: status ${code}`))));
  });
}

export const cliStartBenchmark: Benchmark = {
  name: 'cli-start',
  summary: 'CLI start: spawn to first output line of soma --help (built) against node alone and the tsx transpiler',
  async run() {
    buildCli();
    const dir = mkdtempSync(path.join(tmpdir(), 'soma-cli-start-'));
    const hello = path.join(dir, 'hello.mjs');
    writeFileSync(hello, "console.log('hello');\n");
    const programs: Record<string, [string, string[]]> = {
      node_alone: [process.execPath, [hello]],
      soma_help: [process.execPath, [SOMA_BIN, '--help']],
      soma_cuba_help: [process.execPath, [SOMA_BIN, 'cuba', '--help']],
      tsx_help: [path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'src', 'cli', 'main.ts'), '--help']],
    };
    const first: Record<string, number[]> = {}, exit: Record<string, number[]> = {}, cpu: Record<string, number[]> = {};
    try {
      for (let r = 0; r < ROUNDS; r++) {
        const names = Object.keys(programs).filter((n) => n !== 'tsx_help' || r < TSX_ROUNDS);
        if (r % 2) names.reverse();
        for (const name of names) {
          const t = await firstLine(...programs[name]);
          (first[name] ??= []).push(t.firstLineMs);
          (exit[name] ??= []).push(t.exitMs);
          // CPU time (user + system) in a second run: a busy machine inflates it less than wall time
          const c = name === 'tsx_help' ? null : timeProcess(...programs[name]).cpuMs;
          if (c !== null) (cpu[name] ??= []).push(c);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const med = (n: string) => spread(first[n])!.median;
    return {
      rounds: ROUNDS,
      tsx_rounds: TSX_ROUNDS,
      units: 'ms from spawn to the first line on stdout; {median, q1, q3, min, max}',
      first_line_ms: Object.fromEntries(Object.keys(programs).map((n) => [n, spread(first[n])])),
      exit_ms: Object.fromEntries(Object.keys(programs).map((n) => [n, spread(exit[n])])),
      cpu_ms: Object.fromEntries(Object.keys(cpu).map((n) => [n, spread(cpu[n])])),
      soma_help_over_node_alone_ms: round(med('soma_help') - med('node_alone')),
      tsx_over_soma_help: round(med('tsx_help') / med('soma_help'), 1),
      aim_under_150_ms: med('soma_help') < 150,
    };
  },
};
