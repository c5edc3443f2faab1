/**
 * Fuzz targets: every CLI command through `main(argv, io)` (src/cli/cli.ts) with an in-memory
 * CliIO. The argv is built from the command's declared options (COMMANDS), each value drawn from
 * a pool that mixes small valid values with bad ones; unknown options, stray arguments, repeats
 * and `--name=value` forms are mixed in. Work stays small: options that set how much work is done
 * (neurons, duration, iterations, points, hidden units) are added with small values when the
 * draw leaves them out; `--check` (runs Python) is never given; every file written lands in a
 * temporary folder.
 *
 * Property: exit 0 with nothing on stderr (and a JSON document when --format json), or exit 2
 * with nothing on stdout and exactly one printable line `soma: ...` on stderr, no stack trace;
 * `main` itself never throws; and a few invocations known to be valid (the graph command's
 * formulas with their values, its lecture presets) exit 0.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIO } from '../src/cli/cli';
import { COMMANDS } from '../src/cli/commands/index';
import { BUILTIN_NAMES, nest } from './arbitraries';
import { ensure, type FuzzTarget, UNPRINTABLE } from './target';

/** The temporary folder of this process's CLI runs (created in setup, removed in teardown). */
let dir = '';
const inDir = (name: string) => `${dir}/${name}`;

/** Bad values any option may meet. */
const BAD = ['', ' ', 'NaN', 'Infinity', '-1', '-0', '1e308', '1e-320', '1.5', '0x10', 'abc', '\u202e1', '1\n2', '\u0000', ...BUILTIN_NAMES.slice(0, 3), '9'.repeat(400)];

/** Paths, resolved against the temporary folder when the run starts. */
const NETWORK_FILES = ['@net2.json', '@net4.json', '@bad.json', '@deep.json', '@missing.json', '@', '/dev/null', '@ok.csv'];
const CSV_FILES = ['@ok.csv', '@labels.csv', '@bad.csv', '@empty.csv', '@missing.csv', '@', '/dev/null', '@net2.json'];
const OUT_FILES = ['@out.py', '@sub/out.py', '@no/such/out.py', '@', '@out.txt', '.py', '@net2.json/x.py', '@\u202e.py', '@a\nb.py', `@${'a'.repeat(300)}.py`];
const SAVE_FILES = ['@saved.json', '@no/such/x.json', '@', '@ok.csv/x.json', '@\u202esaved.json'];

/** Small valid values (and a few boundary ones) per option name; BAD is added to every pool. */
const POOLS: Record<string, string[]> = {
  model: ['lif', 'izhikevich', 'hh', 'relu', 'two-layer', 'linear', 'LIF'],
  preset: ['RS', 'FS', 'CH', 'tonic_spiking', 'class_1', 'add-multiply', 'max-circuit', 'sigmoid-neuron', 'bogus'],
  param: ['tau_ms=10', 'a=0.02', 'b=0.25,d=2', 'method=rk4', 'method=exponential-euler', 'scheme=euler', 'g_na=120', 'tau_ms=0', 'v_thresh_mv=-1e308', '__proto__=1', 'constructor=2', 'toString=x', 'x', 'a=1,a=2', '=1'],
  duration: ['1', '10', '50', '0.5', '1e8', '0'],
  dt: ['0.1', '0.5', '1', '0.01', '2', '11', '1e-9', '0.3'],
  current: ['0', '10', '20', '-10', '1e6', '1e308'],
  currents: ['0,10,20', '0:20:10', '5', '1:0:1', '0:1e9:1e-3', '0:1:0', 'a,b', '0,,1'],
  neurons: ['0', '1', '10', '100', '1000000', '1e9'],
  seed: ['0', '1', '4294967295', '4294967296', '2147483648'],
  dataset: ['spiral', 'xor', 'circle', 'gaussians', 'moons', 'iris', 'csv', 'Spiral'],
  network: NETWORK_FILES,
  csv: CSV_FILES,
  hidden: ['1', '2', '4', '100000', '100001', '0', '4,3', '4,,3', '3,0', '2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2'],
  activation: ['relu', 'soft-lif', 'lif-rate', 'sigmoid', 'tanh'],
  loss: ['softmax', 'svm'],
  iters: ['1', '2', '3', '1e10'],
  lr: ['0.1', '1', '0.005'],
  reg: ['0', '1e-3', '1e3', '1e4'],
  batch: ['full', '1', '7', '2.5', '1e9'],
  optimizer: ['sgd', 'momentum', 'adam'],
  init: ['small', 'he', 'xavier'],
  neuron: ['if', 'lif'],
  norm: ['max', 'p99.9'],
  encoding: ['current', 'poisson'],
  T: ['10', '10,20', '5:15:5', '10.5', '1e9', '20,10'],
  'test-fraction': ['0.2', '0.5', '0.9', '1'],
  'limit-per-class': ['1', '5'],
  size: ['14', '28', '7'],
  'max-points': ['1', '10', '1e8'],
  points: ['2', '5', '20', '5000000'],
  classes: ['2', '3', '101', '1'],
  noise: ['0', '0.1', '1e3'],
  h: ['1e-5', '1e-11', '0.1', '1e-2'],
  what: ['cuba', 'network', 'CUBA'],
  out: OUT_FILES,
  save: SAVE_FILES,
  spikes: ['@spikes.csv', '@no/such/s.csv', '@', '@net2.json/x.csv'],
  p: ['0.02', '0', '1', '0.5', '1.5'],
  inputs: ['1', '3', '100000', '100001'],
  target: ['numpy', 'cython', 'cpp_standalone', 'c++'],
  arrays: ['auto', 'inline', 'npz', 'zip'],
  expr: ['(x+y)*z', 'x', 'exp(x)', 'log(x)', 'x/y', 'max(x,y)', '__proto__', 'constructor*2', '1e308*1e308', '(((x)))', '((', 'x+', nest('(', ')', 150, 'x'), 'a'.repeat(2001), 'sin(x)', 'x\u202e'],
  values: ['x=1', 'x=-2,y=5,z=-4', '__proto__=1', 'constructor=2', 'toString=3', 'x=NaN', 'x=1e308', 'y', 'x=1,x=2', '=1', 'x=1,y=2'],
  format: ['json', 'csv', 'table', 'xml'],
};

/**
 * Pools of one command that differ from POOLS: convert's 100,000 hidden units are allowed and take
 * about a minute (a spiking network of 100,000 neurons per input), too long to draw often.
 */
const COMMAND_POOLS: Record<string, Record<string, string[]>> = {
  convert: { hidden: ['1', '2', '4', '100001', '0', '4,3', '4,,3'], soma: ['lif', 'izhikevich:RS', 'izhikevich:CH', 'relu', 'nest', 'lif:X', ''], 'fi-ms': ['10', '1e9', '0'], smoothing: ['1', '0', '30'] },
};

/**
 * Options that set how much work a run does, added with a small value when the draw leaves them
 * out; and, in four draws of five, the options a command requires.
 */
function guard(command: string, opts: Map<string, string[]>, required: boolean): void {
  const add = (name: string, value: string) => { if (!opts.has(name)) opts.set(name, [value]); };
  if (required) {
    if (command === 'fi') add('currents', '0,10,20');
    if (command === 'convert') add('dataset', 'spiral');
    if (command === 'export') { add('what', 'cuba'); add('out', '@out.py'); }
    if (command === 'graph' && !opts.has('preset')) { add('expr', '(x+y)*z'); add('values', 'x=1,y=2,z=3'); }
  }
  const what = opts.get('what')?.[0]?.replace(/^=/, '');
  switch (command) {
    case 'neuron': case 'fi': add('duration', '20'); break;
    case 'cuba': add('neurons', '50'); add('duration', '20'); break;
    case 'convert': if (!opts.has('network')) { add('iters', '2'); add('hidden', '4'); } add('T', '10,20'); break;
    case 'export':
      if (what === 'cuba') add('neurons', '50');
      else if (what === 'network' && !opts.has('network')) add('iters', '2');
      add('duration', '20');
      break;
    case 'train': add('iters', '3'); add('points', '10'); add('hidden', '8'); break;
    case 'gradcheck': add('points', '3'); add('hidden', '3'); break;
  }
}

/** One drawn option: its name, its value (or none for a switch), and how it is written. */
interface Drawn { name: string; value: string; form: 'space' | 'equals' }

interface CliCase { command: string; argv: string[]; mustSucceed: boolean }

/** Invocations that are valid and must run: graph formulas with exactly their values, graph presets. */
const GOOD_GRAPH: string[][] = [
  ['--expr', '(x+y)*z', '--values', 'x=-2,y=5,z=-4'],
  ['--expr', '__proto__*2', '--values', '__proto__=1'],
  ['--expr', 'constructor+toString', '--values', 'constructor=1,toString=2'],
  ['--expr', 'max(valueOf, 1)', '--values', 'valueOf=3'],
  ['--preset', 'add-multiply'], ['--preset', 'max-circuit'], ['--preset', 'sigmoid-neuron'],
];

function commandCase(name: string): fc.Arbitrary<CliCase> {
  const command = COMMANDS.find((c) => c.name === name)!;
  const names = [...Object.keys(command.options).filter((o) => o !== 'check'), 'format'];
  const valueOf = (o: string) => (command.options[o]?.kind === 'boolean'
    ? fc.constant('')
    : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(COMMAND_POOLS[name]?.[o] ?? POOLS[o] ?? BAD)) }, { weight: 1, arbitrary: fc.constantFrom(...BAD) }));
  const drawn: fc.Arbitrary<Drawn> = fc.constantFrom(...names).chain((o) => fc.record({ name: fc.constant(o), value: valueOf(o), form: fc.constantFrom('space', 'space', 'equals') as fc.Arbitrary<'space' | 'equals'> }));
  const extra = fc.constantFrom('--bogus', 'stray', '-x', '--', '--help', '-h', '--check=1', `--${BUILTIN_NAMES[0]}`, '--format');
  const extras = fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(extra, { minLength: 1, maxLength: 2 }) });
  const random = fc.record({ options: fc.array(drawn, { maxLength: 6 }), extras, repeat: fc.integer({ min: 0, max: 5 }).map((i) => i === 0), required: fc.integer({ min: 0, max: 4 }).map((i) => i > 0) }).map(({ options, extras, repeat, required }): CliCase => {
    const opts = new Map<string, string[]>();
    for (const d of options) {
      const multiple = command.options[d.name]?.multiple === true;
      if (!opts.has(d.name) || multiple || repeat) opts.set(d.name, [...(multiple || repeat ? opts.get(d.name) ?? [] : []), d.form === 'equals' ? `=${d.value}` : d.value]);
    }
    guard(name, opts, required);
    const argv = [name];
    for (const [o, values] of opts) {
      for (const v of values) {
        // Written files stay in the temporary folder: any value of --out, --save or --spikes is a name inside it.
        const path = (s: string) => (s.startsWith('@') ? inDir(s.slice(1)) : o === 'out' || o === 'save' || o === 'spikes' ? inDir(s) : s);
        if (command.options[o]?.kind === 'boolean') argv.push(v.startsWith('=') ? `--${o}=${v.slice(1)}` : `--${o}`);
        else if (v.startsWith('=')) argv.push(`--${o}=${path(v.slice(1))}`);
        else argv.push(`--${o}`, path(v));
      }
    }
    argv.push(...extras);
    return { command: name, argv, mustSucceed: false };
  });
  if (name !== 'graph') return random;
  return fc.oneof({ weight: 4, arbitrary: random }, { weight: 1, arbitrary: fc.constantFrom(...GOOD_GRAPH).map((a) => ({ command: name, argv: [name, ...a], mustSucceed: true })) });
}

/** Files the pools name: valid and broken network files and CSVs, a sub-folder. */
function writeFixtures(): void {
  const net = (d: number, h: number, k: number) => ({
    format: 'soma-network', version: 1, model: 'two-layer', activation: 'relu', loss: 'softmax',
    layers: [
      { weights: Array.from({ length: d }, (_, i) => Array.from({ length: h }, (_, j) => Math.sin(i + 2 * j))), bias: Array(h).fill(0.1) },
      { weights: Array.from({ length: h }, (_, i) => Array.from({ length: k }, (_, j) => Math.cos(i - j))), bias: Array(k).fill(0) },
    ],
    dataset: { name: d === 2 ? 'spiral' : 'iris', seed: 0, testFraction: 0.2 },
  });
  writeFileSync(inDir('net2.json'), JSON.stringify(net(2, 4, 3)));
  writeFileSync(inDir('net4.json'), JSON.stringify(net(4, 3, 3)));
  writeFileSync(inDir('bad.json'), '{"format": "soma-network", "version": 1,');
  writeFileSync(inDir('deep.json'), nest('[', ']', 5000));
  writeFileSync(inDir('ok.csv'), ['x1,x2,label', ...Array.from({ length: 12 }, (_, i) => `${Math.sin(i)},${Math.cos(i)},${i % 2}`)].join('\n'));
  writeFileSync(inDir('labels.csv'), Array.from({ length: 9 }, (_, i) => `${i / 9},${-i / 9},${['__proto__', 'constructor', 'a'][i % 3]}`).join('\r\n'));
  writeFileSync(inDir('bad.csv'), '1,2,x\n3\n1,NaN,0');
  writeFileSync(inDir('empty.csv'), '');
  mkdirSync(inDir('sub'));
}

/** Runs the CLI in-process and captures what it prints. */
async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const io: CliIO = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, interactive: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function cliTarget(name: string, boundMs: number): FuzzTarget<CliCase> {
  const counts = { exit0: 0, exit2: 0 };
  return {
    name: `cli-${name}`,
    boundMs,
    testShare: 1 / 3,
    arbitrary: commandCase(name),
    stats: () => ({ ...counts }),
    setup() {
      counts.exit0 = counts.exit2 = 0;
      dir = mkdtempSync(join(tmpdir(), 'soma-fuzz-'));
      writeFixtures();
    },
    teardown() {
      rmSync(dir, { recursive: true, force: true });
    },
    async check({ argv, mustSucceed }) {
      let r;
      try {
        r = await runCli(argv);
      } catch (e) {
        throw new Error(`main threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} for ${JSON.stringify(argv)}`);
      }
      const shown = () => `${JSON.stringify(argv)} -> exit ${r.code}, stderr ${JSON.stringify(r.stderr.slice(0, 300))}`;
      ensure(r.code === 0 || r.code === 2, shown);
      counts[r.code === 0 ? 'exit0' : 'exit2']++;
      if (r.code === 0) {
        ensure(r.stderr === '', shown);
        ensure(r.stdout.length > 0, () => `${shown()}: nothing on stdout`);
        const format = argv.find((a, i) => argv[i - 1] === '--format' || a.startsWith('--format='));
        if (format === 'json' || format === '--format=json') {
          ensure(!argv.includes('--help') && !argv.includes('-h') ? (() => { try { JSON.parse(r.stdout); return true; } catch { return false; } })() : true, () => `${shown()}: stdout is not JSON`);
        }
      } else {
        ensure(!mustSucceed, () => `a valid invocation was refused: ${shown()}`);
        ensure(r.stdout === '', () => `${shown()}: stdout ${JSON.stringify(r.stdout.slice(0, 100))}`);
        ensure(r.stderr.startsWith('soma: ') && r.stderr.endsWith('\n'), shown);
        const line = r.stderr.slice(0, -1);
        ensure(!UNPRINTABLE.test(line), () => `${shown()}: more than one line, or an unprintable character`);
        ensure(!/\n\s+at /.test(r.stderr) && line.length <= 2000, () => `${shown()}: a stack trace or an overlong line`);
      }
    },
  };
}

/** The CLI targets with their time bounds per invocation (ms). */
export const CLI_TARGETS: FuzzTarget<CliCase>[] = ['neuron', 'fi', 'cuba', 'convert', 'export', 'graph', 'train', 'gradcheck', 'models'].map((name) => cliTarget(name, 30_000));
ensure(CLI_TARGETS.length === COMMANDS.length, 'a CLI command has no fuzz target');
