/**
 * The power of a check: per entry, the smallest relative error in the analytic side that would have
 * failed it, and over the entries the least sensitive one and the median (Report.power). An error present
 * at every point fails the check at any one of them, so each entry keeps its least figure over the
 * samples. Per-coordinate mode reads it off its rows; directional mode works it out for every entry from
 * each direction it checked, since it has no row per coordinate.
 */
import type { PowerSummary, SampleReport } from '../types.js';
import { CompactPower } from './compact-power.js';
import type { Candidates } from './line.js';

/**
 * Entries from which directional mode stores its figures compactly (compact-power.ts: 2¼ bytes an entry
 * at 3 samples instead of 12, each figure within 0.8% above the one proven). Below it the figures are
 * exact, as they always were.
 */
export const COMPACT_FROM = 2 ** 16;

/** Each entry's least power so far, over the samples and directions that checked it. */
export class PowerAccumulator {
  private readonly least: Float64Array;
  private readonly where: Int32Array;

  /** An accumulator for `size` entries, none of them checked yet. */
  constructor(size: number) {
    this.least = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
    this.where = new Int32Array(size);
  }

  /** Takes in every entry of `other` (the same size), as if its additions had been made here. */
  merge(other: PowerAccumulator): void {
    for (let e = 0; e < this.least.length; e++) {
      if (other.least[e]! < this.least[e]!) this.add(e, other.least[e]!, other.where[e]!);
    }
  }

  /** Entry `e` would have failed at a relative error of `power` in `sample`. */
  add(e: number, power: number | undefined, sample: number): void {
    if (power === undefined || !(power < this.least[e]!)) return;
    this.least[e] = power;
    this.where[e] = sample;
  }

  /** add(offset + i, limit / |analytic[offset + i]·v[i]/norm|, sample) for every i of v with a term ≠ 0. */
  addAlong(
    offset: number,
    analytic: Float64Array,
    v: Float32Array,
    norm: number,
    limit: number,
    sample: number,
  ) {
    for (let i = 0; i < v.length; i++) {
      const term = Math.abs((analytic[offset + i]! * v[i]!) / norm);
      if (term > 0) this.add(offset + i, limit / term, sample);
    }
  }

  /**
   * The summary over the entries with a finite power (`path` names entry e), or undefined when none has
   * one: every entry was 0 on both sides, or the check stopped before any verdict.
   */
  summary(path: (e: number) => string): PowerSummary | undefined {
    const least = this.least;
    const found = summaryFloat64(least);
    if (found === undefined) return undefined;
    const { worst, median, entries } = found;
    return { worst: least[worst]!, path: path(worst), sample: this.where[worst]!, median, entries };
  }
}

/** What a summary reads off the figures: the least sensitive entry, the median and the count. */
type Figures = { worst: number; median: number; entries: number } | undefined;

/** The figures of an exact store, its median selected from a copy of the finite ones. */
function summaryFloat64(values: Float64Array): Figures {
  let worst = -1;
  let entries = 0;
  for (let e = 0; e < values.length; e++) {
    const p = values[e]!;
    if (!Number.isFinite(p)) continue;
    entries++;
    if (worst < 0 || p > values[worst]!) worst = e;
  }
  if (worst < 0) return undefined;
  // The copy by hand: a filter's closure cost a check of 10 coordinates a hundredth of its time.
  const finite = new Float64Array(entries);
  let at = 0;
  for (let e = 0; e < values.length; e++) if (Number.isFinite(values[e]!)) finite[at++] = values[e]!;
  const median = select(finite, Math.floor((entries - 1) / 2));
  return { worst, median, entries };
}

/**
 * The power of a per-coordinate check, from its rows: the samples list the same entries in the same
 * order (one row per chosen coordinate and output), so that row j of each sample is one entry.
 */
export function powerFromRows(
  samples: readonly SampleReport[],
  path?: (e: number) => string,
): PowerSummary | undefined {
  const rowsOf = (s: SampleReport) => s.columns?.power.length ?? s.coordinates.length;
  let size = 0;
  for (const sample of samples) size = Math.max(size, rowsOf(sample));
  const accumulator = new PowerAccumulator(size);
  for (const sample of samples) {
    const power = sample.columns?.power;
    if (power !== undefined) {
      for (let j = 0; j < power.length; j++) {
        if (!Number.isNaN(power[j]!)) accumulator.add(j, power[j], sample.index);
      }
      continue;
    }
    const rows = sample.coordinates;
    for (let j = 0; j < rows.length; j++) accumulator.add(j, rows[j]!.power, sample.index);
  }
  // Row j names the same entry in every sample that has it: the first such sample names it.
  return accumulator.summary((j) => {
    const sample = samples.find((s) => j < rowsOf(s))!;
    const columns = sample.columns;
    if (columns === undefined || path === undefined) return sample.coordinates[j]!.path;
    return path(columns.entries[j]!);
  });
}

/**
 * The k-th smallest of `values` (0-based), reordering them: Hoare's selection in O(n), where a sort
 * of n values to read one median cost a check of 1000 coordinates a twentieth of its machinery.
 */
export function select(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k]!;
}

/** A store of each entry's least power: exact, or compact from COMPACT_FROM entries. */
export type PowerStore = PowerAccumulator | CompactPower;

/**
 * Adds what one direction proves of every entry it moved: a relative error r in entry (k, i) changes
 * grad_k·u by r·∂f_k/∂x_i·u_i, so that the direction, whose verdict allowed `allowed[k]`, would have failed
 * it from r = allowed[k] / |∂f_k/∂x_i · u_i| on (u = v/‖v‖). `analytic` is row-major, n entries a row.
 */
export function addDirection(
  accumulator: PowerStore,
  analytic: Float64Array,
  v: Float32Array,
  norm: number,
  candidates: Candidates,
  allowed: readonly number[],
  sample: number,
): void {
  const n = v.length;
  const count = candidates === null ? n : candidates.length;
  allowed.forEach((limit, k) => {
    if (!Number.isFinite(limit)) return;
    if (candidates === null) {
      accumulator.addAlong(k * n, analytic, v, norm, limit, sample);
      return;
    }
    for (let p = 0; p < count; p++) {
      const i = candidates[p]!;
      const term = Math.abs((analytic[k * n + i]! * v[i]!) / norm);
      if (term > 0) accumulator.add(k * n + i, limit / term, sample);
    }
  });
}

/**
 * Power accumulated sample by sample, where a sample can be redrawn (runSamples, at a kink): what a
 * redrawn attempt added is forgotten, since its sample is not in the report. Directional mode's. A sample
 * adds once it is over, when it knows whether it met a kink: only a sample at a kink, which may be
 * redrawn, is held apart (in an accumulator of its own, until the next attempt shows whether it was).
 */
export class SamplePower {
  private kept: PowerStore | undefined;
  private tentative: { index: number; power: PowerStore } | undefined;

  /** `samples`: how many samples the check has (the compact store's offsets fit them). */
  constructor(private readonly samples: number) {}

  /** The accumulator for what sample `index`, just checked, proved of its `size` (n·m) entries. */
  finished(index: number, size: number, kink: boolean): PowerStore {
    this.settle(index);
    const make = () =>
      size >= COMPACT_FROM ? new CompactPower(size, this.samples) : new PowerAccumulator(size);
    if (kink) {
      this.tentative = { index, power: make() };
      return this.tentative.power;
    }
    this.kept ??= make();
    return this.kept;
  }

  /** Keeps the sample held apart unless sample `index` is a redraw of it. */
  private settle(index: number | undefined): void {
    const held = this.tentative;
    if (held === undefined) return;
    this.tentative = undefined;
    if (held.index === index) return;
    const [kept, power] = [this.kept, held.power];
    if (kept === undefined) this.kept = power;
    // Both of one size, so of one kind.
    else if (kept instanceof CompactPower) kept.merge(power as CompactPower);
    else kept.merge(power as PowerAccumulator);
  }

  /** The summary over every sample kept (see PowerAccumulator.summary). */
  summary(path: (e: number) => string): PowerSummary | undefined {
    this.settle(undefined);
    return this.kept?.summary(path);
  }
}
