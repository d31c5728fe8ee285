/**
 * The rows of a per-coordinate sample, as the report keeps them: one object per row up to ROW_OBJECTS
 * rows, and above that every row's numbers in typed arrays (RowColumns), with objects only for the rows
 * that disagree and the sample's worst agreeing ones. A check of 1e5 coordinates then keeps about 50
 * bytes a row instead of 500, and builds a few hundred objects instead of 1e5.
 */
import { relativeError } from '../compare/metrics.js';
import { powerOf } from '../compare/tolerance.js';
import type { CoordinateResult, RowColumns, SampleReport } from '../types.js';
import { keepLargest, WORST_KEPT } from '../util/rank.js';

/** What a row's verdict (verdict.ts) says, as far as its columns keep it. */
type Judgement = Pick<CoordinateResult, 'numeric' | 'allowed' | 'ok' | 'status'>;

/** Most rows a sample keeps as objects; a larger sample keeps columns (see the top of this file). */
export const ROW_OBJECTS = 20_000;

/** Collects a sample's rows in the order checked (see the top of this file). */
export class Rows {
  private readonly objects: CoordinateResult[] = [];
  /** Position of each object among the rows, where only some are kept. */
  private readonly positions: number[] = [];
  private readonly columns: RowColumns | undefined;
  /** The worst agreeing rows so far, worst first, with their badness and positions. */
  private readonly worst: CoordinateResult[] = [];
  private readonly worstBadness: number[] = [];
  private readonly worstPositions = new Map<CoordinateResult, number>();
  private count = 0;

  /** Rows for `rows` rows; above `objects` of them, columns (a parameter only so that tests can lower it). */
  constructor(rows: number, objects = ROW_OBJECTS) {
    if (rows > objects) {
      this.columns = {
        entries: new Int32Array(rows),
        x: new Float64Array(rows),
        analytic: new Float64Array(rows),
        numeric: new Float64Array(rows),
        allowed: new Float64Array(rows),
        power: new Float64Array(rows),
        ok: new Uint8Array(rows),
      };
    }
  }

  /** Badness of the row `add` last asked an object for: -1 for one that disagrees. */
  private pending = -1;

  /**
   * Adds the row of entry `e` at x with analytic `a` and `verdict`, and says whether the report keeps it as
   * an object: then the caller passes that object to `keep`. (A callback would cost a closure a row.)
   */
  add(e: number, x: number, a: number, verdict: Judgement): boolean {
    return this.addNumbers(e, x, a, verdict.numeric, verdict.allowed, verdict.ok, verdict.status === 'kink');
  }

  /** `add` for a row that agrees plainly (verdict.ts, plainAgreement): numeric `value`, `allowed`. */
  addAgreed(e: number, x: number, a: number, value: number, allowed: number): boolean {
    return this.addNumbers(e, x, a, value, allowed, true, false);
  }

  private addNumbers(
    e: number,
    x: number,
    a: number,
    numeric: number,
    allowed: number,
    ok: boolean,
    kink: boolean,
  ): boolean {
    const j = this.count++;
    const columns = this.columns;
    if (columns === undefined) return true;
    columns.entries[j] = e;
    columns.x[j] = x;
    columns.analytic[j] = a;
    columns.numeric[j] = numeric;
    columns.allowed[j] = allowed;
    const power = powerOf(a, numeric, allowed);
    columns.power[j] = power === undefined || kink ? Number.NaN : power;
    columns.ok[j] = ok ? 1 : 0;
    if (!ok) {
      this.pending = -1;
      return true;
    }
    // The badness the Report's `worst` ranks by (util/rank.ts), for a row that agrees.
    const absErr = Math.abs(a - numeric);
    const badness = allowed > 0 ? absErr / allowed : absErr > 0 ? Number.POSITIVE_INFINITY : 0;
    if (this.worst.length === WORST_KEPT && !(badness > this.worstBadness[WORST_KEPT - 1]!)) return false;
    this.pending = badness;
    return true;
  }

  /** Takes the object of the row that `add` last asked for. */
  keep(row: CoordinateResult): void {
    if (this.columns === undefined) {
      this.objects.push(row);
      return;
    }
    const j = this.count - 1;
    if (this.pending < 0) {
      this.objects.push(row);
      this.positions.push(j);
      return;
    }
    this.worstPositions.set(row, j);
    keepLargest(this.worst, this.worstBadness, row, this.pending, WORST_KEPT);
  }

  /** The sample's `coordinates`, and where only some rows are objects, `checked` and `columns`. */
  finish(): Pick<SampleReport, 'coordinates' | 'checked' | 'columns'> {
    if (this.columns === undefined) return { coordinates: this.objects };
    const kept = this.objects.map((row, k) => ({ row, at: this.positions[k]! }));
    for (const row of this.worst) kept.push({ row, at: this.worstPositions.get(row)! });
    kept.sort((p, q) => p.at - q.at);
    return { coordinates: kept.map((k) => k.row), checked: this.count, columns: this.columns };
  }
}

/**
 * Every row of `sample` as an object, those kept and those only in its columns (`path` names entry e):
 * for the bug's patterns, which read every entry of a block, in a failing check.
 */
export function everyRow(sample: SampleReport, path: (e: number) => string): CoordinateResult[] {
  const columns = sample.columns;
  if (columns === undefined) return sample.coordinates;
  const kept = new Map(sample.coordinates.map((row) => [row.path, row]));
  const rows: CoordinateResult[] = [];
  for (let j = 0; j < columns.entries.length; j++) {
    const name = path(columns.entries[j]!);
    const row = kept.get(name);
    if (row !== undefined) {
      rows.push(row);
      continue;
    }
    const a = columns.analytic[j]!;
    const numeric = columns.numeric[j]!;
    // Only agreeing rows are left out of `coordinates`: their verdict is `ok`.
    rows.push({
      path: name,
      x: columns.x[j]!,
      analytic: a,
      numeric,
      absErr: Math.abs(a - numeric),
      relErr: relativeError(a, numeric),
      allowed: columns.allowed[j]!,
      errorEstimate: Number.NaN,
      step: Number.NaN,
      stencil: '',
      ok: true,
      status: 'ok',
    });
  }
  return rows;
}
