/**
 * The one worst-first ranking of checked entries, used for the Report's `worst` (check/sample-loop.ts),
 * for the merged reports of JVP and VJP checks (derived/) and for the table of `formatReport`
 * (report/format.ts). An entry is as bad as its error is large against what was allowed.
 */
import type { CoordinateResult, SampleReport } from '../types.js';

/** How many of the worst entries a Report keeps. */
export const WORST_KEPT = 50;

/** An entry as ranked: a coordinate (or Jacobian entry) with the sample it was checked at. */
export type RankedEntry = CoordinateResult & { sample: number };

/**
 * The two rules of the ranking. They agree, worst first with ties in the order checked, as long as every
 * entry allows something and has a finite error; they differ where one does not, and each is kept so that
 * what it ranks stays as it was, bit for bit:
 *
 * - `'report'` (the Report's `worst`, the default): a disagreeing entry with a non-finite error is worst;
 *   an entry that allows nothing is as bad as ∞ if it has any error, else 0. It is a bounded insertion, so
 *   that ranking n entries copies `kept` of them and sorts nothing of size n.
 * - `'table'` (the table of `formatReport`): an entry that allows nothing is as bad as ∞; a NaN error
 *   stays NaN, and `Array.prototype.sort` places it where its comparator puts it, as the table always has.
 */
export type Ranking = 'report' | 'table';

/** What to rank, and how. */
export interface RankOptions {
  /** At most this many, the worst. Default: all. */
  kept?: number;
  /** Only the entries that disagree (`ok: false`), as the table shows them. Default false. */
  failingOnly?: boolean;
  /** Default `'report'`. */
  rule?: Ranking;
}

/** How bad `c` is: absErr / allowed, with the edge cases of `rule` (see Ranking). */
export function badness(c: CoordinateResult, rule: Ranking = 'report'): number {
  if (rule === 'table') return c.allowed > 0 ? c.absErr / c.allowed : Number.POSITIVE_INFINITY;
  if (!c.ok && !Number.isFinite(c.absErr)) return Number.POSITIVE_INFINITY;
  return c.allowed > 0 ? c.absErr / c.allowed : c.absErr > 0 ? Number.POSITIVE_INFINITY : 0;
}

/** The entries of `samples`, worst first, ties in the order checked (as a stable sort would give). */
export function worstFirst(samples: readonly SampleReport[], options: RankOptions = {}): RankedEntry[] {
  const { kept = Number.POSITIVE_INFINITY, failingOnly = false, rule = 'report' } = options;
  if (rule === 'table') {
    const all = samples.flatMap((s) =>
      s.coordinates.filter((c) => !failingOnly || !c.ok).map((c) => withSample(c, s.index)),
    );
    const score = (c: CoordinateResult) => badness(c, 'table');
    const sorted = all.sort((p, q) => (Number.isNaN(score(q)) ? 1 : score(q) - score(p)));
    return kept < sorted.length ? sorted.slice(0, kept) : sorted;
  }
  // Each entry as its position in the samples' rows, read back once ranked: keepLargest then moves
  // numbers, and copies only the rows it kept.
  const positions: number[] = [];
  const scores: number[] = [];
  let position = 0;
  for (const sample of samples) {
    for (const c of sample.coordinates) {
      const at = position++;
      if (failingOnly && c.ok) continue;
      keepLargest(positions, scores, at, badness(c, 'report'), kept);
    }
  }
  return positions.map((at) => {
    let s = 0;
    while (at >= samples[s]!.coordinates.length) at -= samples[s++]!.coordinates.length;
    return withSample(samples[s]!.coordinates[at]!, samples[s]!.index);
  });
}

/**
 * A copy of row `c` with its sample, keys in the same order as `{ ...c, sample }`. A literal of the row's
 * keys, because rows differ in their optional keys and V8 then spreads them (or assigns them) on its slow
 * path: 1.5 µs a row for a spread, 0.3 µs for Object.assign, which was still a tenth of a small check.
 */
function withSample(c: CoordinateResult, sample: number): RankedEntry {
  const copy: RankedEntry = {
    path: c.path,
    x: c.x,
    analytic: c.analytic,
    numeric: c.numeric,
    absErr: c.absErr,
    relErr: c.relErr,
    allowed: c.allowed,
    errorEstimate: c.errorEstimate,
    step: c.step,
    stencil: c.stencil,
    ok: c.ok,
    status: c.status,
  } as RankedEntry;
  if ('note' in c) copy.note = c.note as string;
  if ('power' in c) copy.power = c.power as number;
  copy.sample = sample;
  return copy;
}

/**
 * Inserts `item` into `items`, kept sorted by `key` from largest (ties in arrival order, as a stable sort
 * would leave them) and at most `limit` long; `keys` holds the keys alongside.
 */
export function keepLargest<T>(items: T[], keys: number[], item: T, key: number, limit: number): void {
  let at = items.length;
  if (at === limit) {
    if (!(key > keys[limit - 1]!)) return;
    at--;
  } else {
    items.push(item);
    keys.push(key);
  }
  // Shifted by hand: an insertion moves at most `limit` slots, where a splice of each array cost the
  // Report's ranking a twentieth of a check of 100 coordinates.
  for (; at > 0 && keys[at - 1]! < key; at--) {
    items[at] = items[at - 1]!;
    keys[at] = keys[at - 1]!;
  }
  items[at] = item;
  keys[at] = key;
}
