/**
 * How the text names a sample of a Report. A JVP or VJP check runs one sub-check per (point, random
 * vector), and its samples are those pairs: "sample 5 of 6" would send a user looking for a sixth point
 * that does not exist, so the text names the point and the vector, and prints the vector, which the
 * user's product was called with and nothing else shows.
 */
import type { Report, SampleReport } from '../types.js';
import { formatValue } from './numbers.js';

/** Longest printed vector, so that the tangent of a large input stays one readable line. */
const MAX_VECTOR_LENGTH = 200;

/** The pair of a JVP or VJP sample, when the Report has one for it. */
function vectorOf(report: Report, index: number): SampleReport['vector'] {
  return report.samples.find((s) => s.index === index)?.vector;
}

/**
 * Sample `index` (1-based, as printed) in full: "sample 2 of 3", or for a JVP or VJP
 * "point 1 of 3, vector 2 of 2".
 */
export function sampleName(report: Report, index: number): string {
  const vector = vectorOf(report, index);
  if (vector === undefined) return `sample ${index} of ${report.samples.length}`;
  return `point ${vector.point} of ${vector.points}, vector ${vector.index} of ${vector.vectors}`;
}

/**
 * Sample `index` without the totals, for a mention after the full name: "sample 2", or for a JVP or
 * VJP "point 1, vector 2".
 */
export function sampleShortName(report: Report, index: number): string {
  const vector = vectorOf(report, index);
  return vector === undefined ? `sample ${index}` : `point ${vector.point}, vector ${vector.index}`;
}

/**
 * The point of sample `index`, as a line that prints it names it: "point of sample 2", or for a JVP or
 * VJP, whose vectors at one point share it, "point 1 of 3".
 */
export function pointName(report: Report, index: number): string {
  const vector = vectorOf(report, index);
  return vector === undefined ? `point of sample ${index}` : `point ${vector.point} of ${vector.points}`;
}

/**
 * Several samples by their short names, each with its count in brackets when given: "sample 2 (1),
 * sample 3 (4)". The names of a JVP or VJP hold a comma, so that there a semicolon separates them:
 * "point 1, vector 2 (1); point 2, vector 1 (4)".
 */
export function sampleList(
  report: Report,
  samples: ReadonlyArray<{ index: number; count?: number }>,
): string {
  const names = samples.map(
    (s) => `${sampleShortName(report, s.index)}${s.count === undefined ? '' : ` (${s.count})`}`,
  );
  return names.join(samples.some((s) => vectorOf(report, s.index) !== undefined) ? '; ' : ', ');
}

/** A vector's value as the text prints it: numbers with 6 significant digits, in the input's notation. */
function printVector(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : formatValue(value);
  if (Array.isArray(value)) return `[${value.map(printVector).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value).map(([key, item]) => `${key}: ${printVector(item)}`);
    return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
  }
  return String(value);
}

/**
 * The lines that print the random vector of each failed sample of a JVP or VJP (the tangent v, or the
 * cotangent u), at most `maxRows` of them: "  cotangent u at point 1 of 3, vector 2 of 2: [0.6, -0.8]".
 * None for another kind of check, or for one that passed.
 */
export function vectorLines(report: Report, maxRows = Number.POSITIVE_INFINITY): string[] {
  if (report.pass) return [];
  const named = new Set(report.problems.map((p) => p.sample));
  const failed = report.samples.filter(
    (s) => s.vector !== undefined && (s.mismatches > 0 || named.has(s.index)),
  );
  const what = report.kind === 'jvp' ? 'tangent v' : 'cotangent u';
  const lines = failed.slice(0, maxRows).map((s) => {
    const printed = printVector(s.vector!.value);
    const short = printed.length > MAX_VECTOR_LENGTH ? `${printed.slice(0, MAX_VECTOR_LENGTH)}…` : printed;
    return `  ${what} at ${sampleName(report, s.index)}: ${short}`;
  });
  if (failed.length > maxRows) lines.push(`  … and ${failed.length - maxRows} more vectors`);
  return lines;
}
