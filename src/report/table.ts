/**
 * The table of a report's disagreeing coordinates: one row per coordinate and sample, the rows of one
 * coordinate together (worst coordinate first, its samples in order), with the point's value printed in
 * full, both sides, their ratio (the bug's factor, where it has one), the error and the allowance.
 */
import type { Report } from '../types.js';
import { type RankedEntry, worstFirst } from '../util/rank.js';
import { formatError, formatValue } from './numbers.js';

/**
 * A coordinate's value as the table prints it: 6 significant digits, and 3 more than its integer part
 * has, so that a point at 1e6 + 0.3 reads 1000000.3, not 1000000.
 */
export function formatCoordinate(v: number): string {
  if (!Number.isFinite(v) || v === 0) return formatValue(v);
  const integerDigits = Math.floor(Math.log10(Math.abs(v))) + 1;
  if (integerDigits <= 3) return formatValue(v);
  return String(Number(v.toPrecision(Math.min(17, Math.max(6, integerDigits + 3)))));
}

/** analytic / numeric, with 4 significant digits: the factor of a scaled bug reads off the column. */
export function formatRatio(analytic: number, numeric: number): string {
  if (numeric === 0 || !Number.isFinite(analytic / numeric)) return '—';
  return String(Number((analytic / numeric).toPrecision(4)));
}

/**
 * The coordinates that disagree, as the table lists them: by coordinate, worst first, and each
 * coordinate's samples in the order checked (the worst ranking decides only the order of coordinates).
 */
export function failingCoordinates(report: Report): RankedEntry[] {
  const ranked = worstFirst(report.samples, { failingOnly: true, rule: 'table' });
  const order = new Map<string, number>();
  for (const row of ranked) if (!order.has(row.path)) order.set(row.path, order.size);
  return ranked
    .map((row, k) => ({ row, k }))
    .sort(
      (p, q) => order.get(p.row.path)! - order.get(q.row.path)! || p.row.sample - q.row.sample || p.k - q.k,
    )
    .map(({ row }) => row);
}

/** The table's lines, with a sample column when the rows come from more than one sample. */
export function table(rows: readonly RankedEntry[], multiSample: boolean): string[] {
  const header = [
    'coordinate',
    ...(multiSample ? ['sample'] : []),
    'x',
    'analytic',
    'numeric',
    'ratio',
    'error',
    'allowed',
  ];
  const body = rows.map((c) => [
    c.path,
    ...(multiSample ? [String(c.sample)] : []),
    formatCoordinate(c.x),
    formatValue(c.analytic),
    formatValue(c.numeric),
    formatRatio(c.analytic, c.numeric),
    formatError(c.absErr),
    formatError(c.allowed),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((r) => r[j]!.length)));
  const line = (cells: string[]) =>
    `  ${cells.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join('  ')}`.trimEnd();
  return [line(header), ...body.map(line)];
}
