/**
 * The shape every `npx soma <command>` shares. A command declares its options once
 * (for parsing and for `--help`), runs over `src/core`, and returns plain data: `json` is the
 * one document printed with `--format json`; `tables` are what `--format table` (the default)
 * and `--format csv` print.
 */
export type OptionKind = 'string' | 'boolean';

export interface OptionSpec {
  kind: OptionKind;
  /** Shown in --help: what the option means, with units. */
  help: string;
  /** Value placeholder in --help, e.g. `MS` or `lif|izhikevich|hh|relu`. */
  value?: string;
  /** Default shown in --help (the command applies it itself). */
  default?: string;
  /** May be given more than once (e.g. `--param a=1 --param b=2`). */
  multiple?: boolean;
}

export interface Table {
  title?: string;
  columns: string[];
  rows: (string | number | null)[][];
}

export interface CommandResult {
  /** The single JSON document for `--format json`. */
  json: unknown;
  /** Tables for `--format table` and `--format csv`. */
  tables: Table[];
}

export interface CommandContext {
  /** Progress for long work: shown on stderr in table mode only (never pollutes json/csv). */
  progress(message: string): void;
}

export type ParsedOptions = Record<string, string | boolean | string[] | undefined>;

export interface Command {
  name: string;
  summary: string;
  /** Example invocations for --help. */
  examples: string[];
  options: Record<string, OptionSpec>;
  run(options: ParsedOptions, context: CommandContext): CommandResult | Promise<CommandResult>;
}
