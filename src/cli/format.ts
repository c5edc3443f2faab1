/** Renders a CommandResult as an aligned text table, CSV or one JSON document. */
import type { CommandResult, Table } from './command';

export const FORMATS = ['table', 'json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export function render(result: CommandResult, format: Format): string {
  if (format === 'json') return JSON.stringify(result.json);
  if (format === 'csv') return result.tables.map(toCsv).join('\n');
  return result.tables.map(toText).join('\n');
}

function cell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  return v;
}

function toText(t: Table): string {
  const rows = t.rows.map((r) => r.map(cell));
  const widths = t.columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((s, i) => s.padStart(widths[i])).join('  ').trimEnd();
  const out = [line(t.columns), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  return (t.title ? `${t.title}\n` : '') + out.join('\n') + '\n';
}

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function toCsv(t: Table): string {
  const rows = [t.columns, ...t.rows.map((r) => r.map((v) => (v === null ? '' : String(v))))];
  return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}
