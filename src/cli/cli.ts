/**
 * `soma <command> [options]` (`npx soma ...` in the source folder): the command line over src/core.
 * Bad input prints one line on stderr and exits with status 2; no stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ParameterError, SomaRuntimeError, checkChoice } from '../core/errors';
import type { Command, OptionSpec } from './command';
import { COMMAND_CATALOGUE } from './commands/catalogue';
import { FORMATS, render, type Format } from './format';

const COMMON_OPTIONS: Record<string, OptionSpec> = {
  format: { kind: 'string', value: FORMATS.join('|'), default: 'table', help: 'output: aligned table, one JSON document, or CSV' },
  help: { kind: 'boolean', help: 'show this help' },
};

function usage(): string {
  const width = Math.max(...COMMAND_CATALOGUE.map((c) => c.name.length));
  return [
    'Soma: biological neurons and ReLU units, side by side.',
    '',
    'usage: soma <command> [options]      (in the project folder: npx soma <command>; soma <command> --help)',
    '',
    'commands:',
    ...COMMAND_CATALOGUE.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

function commandHelp(c: Command): string {
  const options = { ...c.options, ...COMMON_OPTIONS };
  const heads = Object.entries(options).map(([name, o]) => `--${name}${o.value ? ` ${o.value}` : ''}`);
  const width = Math.max(...heads.map((h) => h.length));
  return [
    `usage: npx soma ${c.name} [options]`,
    '',
    c.summary,
    '',
    'options:',
    ...Object.values(options).map((o, i) => {
      const dflt = o.default !== undefined ? ` (default ${o.default})` : '';
      const many = o.multiple ? ' (repeatable)' : '';
      return `  ${heads[i].padEnd(width)}  ${o.help}${dflt}${many}`;
    }),
    '',
    'examples:',
    ...c.examples.map((e) => `  ${e}`),
  ].join('\n');
}

/**
 * `--current -10` is a value, not an option: node's parseArgs would read `-10` as a flag, so a
 * string option followed by a negative number is joined into `--current=-10` first.
 */
function joinNegativeValues(args: string[], specs: Record<string, OptionSpec>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = args[i + 1];
    const spec = a.startsWith('--') && !a.includes('=') ? specs[a.slice(2)] : undefined;
    if (spec?.kind === 'string' && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** Turns parseArgs' failure into one ParameterError naming the offending option. */
function parseError(e: unknown, args: string[], command: string, specs: Record<string, OptionSpec>): ParameterError {
  const code = (e as { code?: string }).code;
  const message = (e as Error).message;
  const known = Object.keys(specs).map((k) => `--${k}`).join(', ');
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1] ?? args.join(' ');
    return new ParameterError('option', option, `an option of ${command}: ${known}`);
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const value = /'([^']+)'/.exec(message)?.[1] ?? args.join(' ');
    return new ParameterError('argument', value, `--name value pairs (see npx soma ${command} --help)`);
  }
  // e.g. "Option '--dt <value>' argument missing": name the option, quote only its own value
  const option = /'(--?[^' ]+)/.exec(message)?.[1] ?? 'option';
  const at = args.findIndex((a) => a === option || a.startsWith(`${option}=`));
  const value = at < 0 ? undefined : args[at].includes('=') ? args[at].slice(args[at].indexOf('=') + 1) : args[at + 1];
  const spec = specs[option.replace(/^--?/, '')];
  const allowed = spec?.kind === 'boolean' ? 'no value (a switch)' : spec ? `a value${spec.value ? ` ${spec.value}` : ''} after ${option}` : message.split('\n')[0].replace(/\.$/, '');
  return new ParameterError(option, value, `${allowed} (see npx soma ${command} --help)`);
}

/**
 * An option given twice would silently keep only its last value (parseArgs' rule): refused
 * unless the option is declared repeatable.
 */
function checkRepeats(args: string[], specs: Record<string, OptionSpec>): void {
  const seen = new Set<string>();
  for (const a of args) {
    if (!a.startsWith('--')) continue;
    const name = a.slice(2).split('=')[0];
    if (!Object.hasOwn(specs, name) || specs[name].multiple) continue;
    if (seen.has(name)) throw new ParameterError(`--${name}`, 'given twice', 'at most once (it is not repeatable)');
    seen.add(name);
  }
}

/**
 * The first number in a command's result that is not finite, as a path (`params.W1`,
 * `rows[3][2]`), or null. JSON would print NaN and Infinity as `null`, which reads as "no
 * value": a non-finite result is a failure to report, not data.
 */
export function findNonFinite(value: unknown, path = 'result', depth = 0): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} = ${value}`;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (ArrayBuffer.isView(value)) {
    const a = value as unknown as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) if (typeof a[i] === 'number' && !Number.isFinite(a[i])) return `${path}[${i}] = ${a[i]}`;
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNonFinite(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const found = findNonFinite(v, `${path}.${k}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Where the CLI writes: process streams in real use, string buffers in tests. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress lines are shown only then). */
  interactive: boolean;
}

const processIO: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  interactive: process.stderr.isTTY === true,
};

/** Runs one CLI invocation and returns its exit status (0 ok, 2 bad input). */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage() + '\n');
    return name === undefined ? 2 : 0;
  }
  const entry = COMMAND_CATALOGUE.find((c) => c.name === name);
  try {
    if (!entry) throw new ParameterError('command', name, `one of ${COMMAND_CATALOGUE.map((c) => c.name).join(', ')}`);
    // only the named command's module (and the part of src/core it needs) is loaded
    const command = await entry.load();
    const specs = { ...command.options, ...COMMON_OPTIONS };
    const config: ParseArgsConfig['options'] = {};
    for (const [key, spec] of Object.entries(specs)) {
      config[key] = { type: spec.kind, multiple: spec.multiple === true };
    }
    checkRepeats(rest, specs);
    let values: Record<string, unknown>;
    try {
      ({ values } = parseArgs({ args: joinNegativeValues(rest, specs), options: config, strict: true, allowPositionals: false }));
    } catch (e) {
      throw parseError(e, rest, name, specs);
    }
    if (values.help) {
      io.stdout(commandHelp(command) + '\n');
      return 0;
    }
    const format: Format = values.format === undefined ? 'table' : checkChoice('--format', values.format, FORMATS);
    const showProgress = format === 'table' && io.interactive;
    let progressShown = false;
    const progress = (m: string) => {
      if (!showProgress) return;
      io.stderr(`\r${m}\x1b[K`);
      progressShown = true;
    };
    const result = await command.run(values as never, { progress });
    if (progressShown) io.stderr('\r\x1b[K');
    const nonFinite = findNonFinite(result.json, 'json') ?? findNonFinite(result.tables.map((t) => t.rows), 'table');
    if (nonFinite) throw new SomaRuntimeError(`${name}: the result is not finite (${nonFinite}); nothing printed`);
    io.stdout(render(result, format) + (format === 'json' ? '\n' : ''));
    return 0;
  } catch (e) {
    if (e instanceof ParameterError || e instanceof SomaRuntimeError) {
      io.stderr(`soma: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

