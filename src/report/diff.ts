/**
 * The two sides of a matcher's diff: the analytic derivative as "expected" and the numeric estimate as
 * "received", keyed by coordinate path. A coordinate that agrees carries the same value on both sides,
 * so that a diff shows changed lines for the disagreeing coordinates only.
 */

import type { Report, SampleReport } from '../types.js';
import { WORDS } from './words.js';

/** Most coordinates in a diff, so that a million-parameter check still prints a readable failure. */
export const MAX_DIFF_ROWS = 20;

/** Key of the line that counts the coordinates left out; the same on both sides, so never a change. */
export const OMITTED_KEY = '…';

/** The two sides of a diff, and the sample they are taken from. */
export interface DiffSides {
  /** The sample the diff shows: the first one with a disagreeing coordinate. */
  sample: SampleReport;
  /** Analytic values. */
  expected: Record<string, number | string>;
  /** Numeric values where they disagree, the analytic value where they agree. */
  actual: Record<string, number | string>;
}

/** The diff of the first sample with a disagreeing coordinate, or undefined when there is none. */
export function diffSides(report: Report): DiffSides | undefined {
  const sample = report.samples.find((s) => s.coordinates.some((c) => !c.ok));
  if (sample === undefined) return undefined;
  const all = sample.coordinates;
  const disagreeing = all.filter((c) => !c.ok);
  // Small inputs show every coordinate, as context; large ones only those that disagree.
  const shown = (sample.checked ?? all.length) <= MAX_DIFF_ROWS ? all : disagreeing.slice(0, MAX_DIFF_ROWS);
  const expected: Record<string, number | string> = {};
  const actual: Record<string, number | string> = {};
  for (const c of shown) {
    expected[c.path] = c.analytic;
    actual[c.path] = c.ok ? c.analytic : c.numeric;
  }
  const omitted = (sample.checked ?? all.length) - shown.length;
  if (omitted > 0) {
    const omittedDisagreeing = disagreeing.length - shown.filter((c) => !c.ok).length;
    const what = WORDS[report.kind].entries;
    const note = `${omitted} more ${what} not shown${omittedDisagreeing > 0 ? `, ${omittedDisagreeing} of them disagree (see the table)` : ', all agree'}`;
    expected[OMITTED_KEY] = note;
    actual[OMITTED_KEY] = note;
  }
  return { sample, expected, actual };
}
