/**
 * The vocabulary of each kind of check, in one table: how the text names what was checked and its
 * entries, which matcher checks it, and how many entries a sample has. `formatReport`, the diff and the
 * matchers' messages all take their words from here.
 */
import { relativeError } from '../compare/metrics.js';
import type { Report, SampleReport } from '../types.js';

/** What a check checked: a gradient, a Jacobian, a Hessian, a JVP or a VJP. */
export type Kind = Report['kind'];

/** The words of one kind of check. */
export interface KindWords {
  /** What was checked, as the text names it: "Jacobian check failed", "the analytic Jacobian". */
  title: string;
  /** One entry of it: "Jacobian entry". */
  entry: string;
  /** Several: "Jacobian entries". */
  entries: string;
  /** The matcher that checks it: `toHaveJacobian`. */
  matcher: string;
  /** The derivative's name in the matcher's hint: `expect(f).toHaveJacobian(jacobian)`. */
  expected: string;
  /**
   * Which count of entries per sample the summary and the cost line of `formatReport` give: every entry
   * of the derivative, or those checked (a Hessian, JVP or VJP is checked through a Jacobian or gradient
   * check, whose counts are its own).
   */
  counts: 'all' | 'checked';
}

/** The words of each kind of check, for the report's text and the matchers' messages alike. */
export const WORDS: Readonly<Record<Kind, KindWords>> = {
  gradient: {
    title: 'gradient',
    entry: 'coordinate',
    entries: 'coordinates',
    matcher: 'toHaveGradient',
    expected: 'gradient',
    counts: 'all',
  },
  jacobian: {
    title: 'Jacobian',
    entry: 'Jacobian entry',
    entries: 'Jacobian entries',
    matcher: 'toHaveJacobian',
    expected: 'jacobian',
    counts: 'all',
  },
  hessian: {
    title: 'Hessian',
    entry: 'Hessian entry',
    entries: 'Hessian entries',
    matcher: 'toHaveHessian',
    expected: 'hessian',
    counts: 'checked',
  },
  jvp: {
    title: 'JVP',
    entry: 'entry of J·v',
    entries: 'entries of J·v',
    matcher: 'toHaveJVP',
    expected: 'jvp',
    counts: 'checked',
  },
  vjp: {
    title: 'VJP',
    entry: 'coordinate of uᵀJ',
    entries: 'coordinates of uᵀJ',
    matcher: 'toHaveVJP',
    expected: 'vjp',
    counts: 'checked',
  },
};

/** How many entries a sample of a report has, counted the ways the text needs. */
export interface EntryCounts {
  /**
   * Every entry of the derivative: n for a gradient, n·m for a Jacobian or a Hessian; for a JVP or VJP,
   * the entries checked.
   */
  all: number;
  /** The entries checked: the most that any sample lists. */
  checked: number;
  /** The count that the summary and the cost line give: `all` or `checked`, as WORDS says. */
  shown: number;
}

/** The entries per sample of `report`. */
export function entriesPerSample(report: Report): EntryCounts {
  const checked = Math.max(0, ...report.samples.map((s) => s.checked ?? s.coordinates.length));
  const all =
    report.kind === 'gradient'
      ? report.n
      : report.kind === 'jacobian' || report.kind === 'hessian'
        ? report.n * report.m
        : checked;
  return { all, checked, shown: WORDS[report.kind].counts === 'all' ? all : checked };
}

/** The largest relative error of any row of `sample`, those only in its columns included. */
export function largestRelativeError(sample: SampleReport): number {
  let largest = 0;
  for (const c of sample.coordinates) largest = Math.max(largest, c.relErr);
  const columns = sample.columns;
  if (columns === undefined) return largest;
  for (let j = 0; j < columns.analytic.length; j++) {
    largest = Math.max(largest, relativeError(columns.analytic[j]!, columns.numeric[j]!));
  }
  return largest;
}
