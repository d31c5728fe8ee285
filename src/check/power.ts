/**
 * The power of a check: per entry, the smallest relative error in the analytic side that would have
 * failed it, and over the entries the least sensitive one and the median (Report.power). An error present
 * at every point fails the check at any one of them, so each entry keeps its least figure over the
 * samples. Per-coordinate mode reads it off its rows; directional mode works it out for every entry from
 * each direction it checked, since it has no row per coordinate.
 */
import type { PowerSummary, SampleReport } from '../types.js';
import type { Candidates } from './line.js';

/**
 * Entries from which directional mode's accumulator stores its figures compactly: each power in float32,
 * rounded up (a power is quoted to 2 digits, and rounding up never claims more than was proven), and its
 * sample as an offset in 16 bits (samples ≤ 10 000). 6 bytes an entry instead of 12: at a million entries the
 * accumulator would otherwise be the largest allocation of a directional check. Below it the figures are
 * exact, as they always were.
 */
export const COMPACT_FROM = 2 ** 16;

/** Each entry's least power so far, over the samples and directions that checked it. */
export class PowerAccumulator {
  private readonly least: Float64Array | Float32Array;
  private readonly where: Int32Array | Uint16Array;
  /** The sample that `where` counts from (compact storage only). */
  private base = -1;

  /**
   * An accumulator for `size` entries, none of them checked yet; `compact` (directional mode's, from
   * COMPACT_FROM entries) stores them compactly. Per-coordinate mode's figures stay exact at any size.
   */
  constructor(size: number, compact = false) {
    this.least = (compact ? new Float32Array(size) : new Float64Array(size)).fill(Number.POSITIVE_INFINITY);
    this.where = compact ? new Uint16Array(size) : new Int32Array(size);
  }

  /** Takes in every entry of `other` (the same size), as if its additions had been made here. */
  merge(other: PowerAccumulator): void {
    for (let e = 0; e < this.least.length; e++) {
      if (other.least[e]! < this.least[e]!) this.add(e, other.least[e]!, other.sampleOf(e));
    }
  }

  /** Forgets every addition: a sample that is redrawn leaves nothing behind. */
  clear(): void {
    this.least.fill(Number.POSITIVE_INFINITY);
  }

  private sampleOf(e: number): number {
    return this.where instanceof Int32Array ? this.where[e]! : this.base + this.where[e]!;
  }

  /** Entry `e` would have failed at a relative error of `power` in `sample`. */
  add(e: number, power: number | undefined, sample: number): void {
    if (power === undefined || !(power < this.least[e]!)) return;
    if (this.where instanceof Int32Array) {
      this.least[e] = power;
      this.where[e] = sample;
      return;
    }
    // Samples come in order, so the first one added is the least.
    if (this.base < 0) this.base = sample;
    const stored = Math.fround(power);
    this.least[e] = stored < power ? stored * (1 + 2 ** -23) : stored;
    this.where[e] = sample - this.base;
  }

  /**
   * add(offset + i, limit / |analytic[offset + i]·v[i]/norm|, sample) for every i of v with a term ≠ 0:
   * one direction's row of entries, in one loop (a call per entry took 12 ms a direction at n = 1e6).
   */
  addAlong(
    offset: number,
    analytic: Float64Array,
    v: Float32Array,
    norm: number,
    limit: number,
    sample: number,
  ) {
    const least = this.least;
    const where = this.where;
    if (where instanceof Int32Array) {
      for (let i = 0; i < v.length; i++) {
        const term = Math.abs((analytic[offset + i]! * v[i]!) / norm);
        if (term > 0) this.add(offset + i, limit / term, sample);
      }
      return;
    }
    if (this.base < 0) this.base = sample;
    const at = sample - this.base;
    // limit / |a·v/‖v‖| as one division: the figure is stored to float32 anyway.
    const scaled = limit * norm;
    const fused = Number.isFinite(scaled) && scaled > 0;
    for (let i = 0; i < v.length; i++) {
      const term = Math.abs(analytic[offset + i]! * v[i]!);
      // A term of 0 (or NaN) gives a power of +∞ (or NaN) when fused, which the test below skips.
      if (!fused && !(term > 0)) continue;
      const power = fused ? scaled / term : limit / (term / norm);
      if (!(power < least[offset + i]!)) continue;
      // As add does: rounded up to float32. By a factor, not a branch: whether float32 rounded the
      // power down is a coin toss, and its mispredictions were half of the loop's time (14 ms → 5).
      const stored = Math.fround(power);
      least[offset + i] = stored * (1 + 2 ** -23 * +(stored < power));
      where[offset + i] = at;
    }
  }

  /**
   * The summary over the entries with a finite power (`path` names entry e), or undefined when none has
   * one: every entry was 0 on both sides, or the check stopped before any verdict.
   */
  summary(path: (e: number) => string): PowerSummary | undefined {
    const least = this.least;
    const found = least instanceof Float32Array ? summaryFloat32(least) : summaryFloat64(least);
    if (found === undefined) return undefined;
    const { worst, median, entries } = found;
    return { worst: least[worst]!, path: path(worst), sample: this.sampleOf(worst), median, entries };
  }
}

/** What a summary reads off the figures: the least sensitive entry, the median and the count. */
type Figures = { worst: number; median: number; entries: number } | undefined;

/** The figures of an exact store (see summaryFloat32), its median selected from a copy of the finite ones. */
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
  const median = select(
    values.filter((p) => Number.isFinite(p)),
    Math.floor((entries - 1) / 2),
  );
  return { worst, median, entries };
}

/**
 * The first of the largest finite values (`worst`), the median (rank ⌊(count − 1)/2⌋) and the count of
 * the finite values ≥ 0 of `values` (+∞ left out), without a copy: the bits of a float32 ≥ 0 order as it
 * does, so two histograms of 16 bits each (the high half, which also finds the largest and counts, then
 * the low half within the median's bucket) take two passes. A copy and a sort took most of a second.
 */
function summaryFloat32(values: Float32Array): Figures {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const counts = new Uint32Array(65536);
  let [worst, largest, entries] = [-1, -1, 0];
  for (let e = 0; e < bits.length; e++) {
    const b = bits[e]!;
    if (b >= 0x7f800000) continue;
    counts[b >>> 16]!++;
    entries++;
    if (b > largest) [largest, worst] = [b, e];
  }
  if (worst < 0) return undefined;
  const rank = Math.floor((entries - 1) / 2);
  let [high, low, below] = [0, 0, 0];
  while (below + counts[high]! <= rank) below += counts[high++]!;
  counts.fill(0);
  for (let e = 0; e < bits.length; e++) if (bits[e]! >>> 16 === high) counts[bits[e]! & 0xffff]!++;
  while (below + counts[low]! <= rank) below += counts[low++]!;
  const median = new Float32Array(new Uint32Array([(high << 16) | low]).buffer)[0]!;
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

/**
 * Adds what one direction proves of every entry it moved: a relative error r in entry (k, i) changes
 * grad_k·u by r·∂f_k/∂x_i·u_i, so that the direction, whose verdict allowed `allowed[k]`, would have failed
 * it from r = allowed[k] / |∂f_k/∂x_i · u_i| on (u = v/‖v‖). `analytic` is row-major, n entries a row.
 */
export function addDirection(
  accumulator: PowerAccumulator,
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
      const i = candidates === null ? p : candidates[p]!;
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
  private kept: PowerAccumulator | undefined;
  private tentative: { index: number; power: PowerAccumulator } | undefined;

  /** The accumulator for what sample `index`, just checked, proved of its `size` (n·m) entries. */
  finished(index: number, size: number, kink: boolean): PowerAccumulator {
    this.settle(index);
    const compact = size >= COMPACT_FROM;
    if (kink) {
      this.tentative = { index, power: new PowerAccumulator(size, compact) };
      return this.tentative.power;
    }
    this.kept ??= new PowerAccumulator(size, compact);
    return this.kept;
  }

  /** Keeps the sample held apart unless sample `index` is a redraw of it. */
  private settle(index: number | undefined): void {
    const held = this.tentative;
    if (held === undefined) return;
    this.tentative = undefined;
    if (held.index === index) return;
    if (this.kept === undefined) this.kept = held.power;
    else this.kept.merge(held.power);
  }

  /** The summary over every sample kept (see PowerAccumulator.summary). */
  summary(path: (e: number) => string): PowerSummary | undefined {
    this.settle(undefined);
    return this.kept?.summary(path);
  }
}
