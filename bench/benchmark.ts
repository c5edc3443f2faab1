/** A benchmark prints one JSON object: its name, what it measured (ms, ratios) and the machine. */
export interface Benchmark {
  name: string;
  /** What is measured, in one line (shown with --list). */
  summary: string;
  run(): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Runs only when named with --only (the soak takes about half an hour). */
  onlyWhenNamed?: boolean;
}
