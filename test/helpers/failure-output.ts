/**
 * Reads a gradcheck failure back out of what a test runner printed: the rows of the per-coordinate
 * table and the keys of the diff. The demo and example tests use it to check which coordinates a
 * failure names, without trusting the script that produced the output.
 */
import { changedLines } from '../integration/runners.js';

/** One row of the table of disagreeing coordinates, keyed by the table's own header. */
export type TableRow = Record<string, string>;

/**
 * The rows of every coordinate table in `text`. A table starts at a header line beginning with
 * `coordinate` and ends at the first blank line or `…` line; columns are separated by two or more
 * spaces (a Jacobian path such as `J[0, x[3]]` holds only one).
 */
export function tableRows(text: string): TableRow[] {
  const rows: TableRow[] = [];
  let header: string[] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (header === undefined) {
      if (/^coordinate\s{2,}/.test(line)) header = line.split(/\s{2,}/);
      continue;
    }
    if (line === '' || line.startsWith('…')) {
      header = undefined;
      continue;
    }
    const cells = line.split(/\s{2,}/);
    if (cells.length !== header.length) throw new Error(`a table row with ${cells.length} cells: "${line}"`);
    rows.push(Object.fromEntries(header.map((name, j) => [name, cells[j]!])));
  }
  return rows;
}

/** The coordinates a diff shows as changed, with the value on each side (analytic `-`, numeric `+`). */
export function diffChanges(text: string): Map<string, { analytic?: number; numeric?: number }> {
  const changes = new Map<string, { analytic?: number; numeric?: number }>();
  for (const [sign, path, value] of changedLines(text)) {
    const entry = changes.get(path) ?? {};
    entry[sign === '-' ? 'analytic' : 'numeric'] = Number(value);
    changes.set(path, entry);
  }
  return changes;
}

/** The name a coordinate path starts with: `W2[1][3]` → `W2`, `layers[1].b[4]` → `layers`. */
export function rootName(path: string): string {
  return /^[A-Za-z_$][\w$]*/.exec(path)?.[0] ?? path;
}
