/**
 * The tolerance rule, in one place. A coordinate agrees when
 *
 *   |analytic − numeric| ≤ max(tol · max(|analytic|, |numeric|), atol, k · errorEstimate)
 *
 * `tol` is relative (default 1e-7, the course's threshold), `k` is ERROR_MULTIPLE, and `errorEstimate`
 * is the numeric derivative's own estimated error. The default `atol` is a floor at the rounding level
 * of the gradient's scale, so that a coordinate that is exactly 0 next to large ones is not a false
 * alarm when the analytic side rounds to 1e-17 instead of 0.
 */
import type { Report } from '../types.js';
import { type Precision, UNIT_ROUNDOFF } from '../util/float.js';

/** How many estimated errors a difference may be before it counts: the constant k of the tolerance rule. */
export const ERROR_MULTIPLE = 4;

/** How many roundings of the gradient's largest entry the default absolute floor allows. */
const FLOOR_ROUNDINGS = 64;

/** The largest finite |v| of `values`, at least `least`: the scale of a derivative, a value or a point. */
export function largestMagnitude(values: ArrayLike<number>, least = 0): number {
  let largest = least;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i]!);
    // Not Number.isFinite, which doubled the time of the loop at n = 1e6: NaN fails `v > largest` anyway.
    if (v > largest && v !== Number.POSITIVE_INFINITY) largest = v;
  }
  return largest;
}

/** The default absolute floor for a sample: rounding level of the largest analytic or numeric entry. */
export function defaultAtol(
  analytic: ArrayLike<number>,
  numeric: ArrayLike<number>,
  precision: Precision,
): number {
  const scale = Math.max(largestMagnitude(analytic), largestMagnitude(numeric));
  return FLOOR_ROUNDINGS * UNIT_ROUNDOFF[precision] * scale;
}

/** The largest |analytic − numeric| that counts as agreement. */
export function allowedError(
  analytic: number,
  numeric: number,
  tol: number,
  atol: number,
  k: number,
  errorEstimate: number,
): number {
  return allowedAtScale(Math.max(Math.abs(analytic), Math.abs(numeric)), tol, atol, k, errorEstimate);
}

/**
 * The rule at a given scale in place of max(|analytic|, |numeric|): group testing caps a half's scale at
 * the whole direction's, so that halves that cancel cannot hide the whole's discrepancy.
 */
export function allowedAtScale(
  scale: number,
  tol: number,
  atol: number,
  k: number,
  errorEstimate: number,
): number {
  return Math.max(tol * scale, atol, k * errorEstimate);
}

/** Whether |analytic − numeric| is within the rule at multiple `k` of the error estimate. */
export function agrees(
  analytic: number,
  numeric: number,
  tol: number,
  atol: number,
  k: number,
  errorEstimate: number,
): boolean {
  return Math.abs(analytic - numeric) <= allowedError(analytic, numeric, tol, atol, k, errorEstimate);
}

/**
 * The smallest error that the check can verify a derivative to: tol relative, or atol. An estimate
 * whose k error estimates exceed it agrees only within its own imprecision, which proves nothing.
 */
export function verifiableError(analytic: number, numeric: number, tol: number, atol: number): number {
  return Math.max(tol * Math.max(Math.abs(analytic), Math.abs(numeric)), atol);
}

/**
 * The relative error a check must be able to tell in every coordinate for its agreement to count: an
 * estimate whose k error estimates exceed it agrees only within its own imprecision, and its coordinate
 * is inconclusive, never passed. Float32 code is held to its detection promise of 1e-2.
 */
export const RESOLUTION: Record<Precision, Resolution> = {
  float64: { relative: 1e-3, absolute: 2 ** -970, floor: 1e-2 },
  float32: { relative: 1e-2, absolute: 2 ** -103, floor: 1e-1 },
};

/**
 * What an agreement must resolve: a relative error, and an absolute floor below which any error is
 * resolved whatever the scale (the smallest normal number over machine epsilon: the order of f's
 * subnormal rounding over a step), since a derivative that is 0 where f is 0 (a hinge loss past its hinge)
 * has no other scale to be resolved against.
 */
export interface Resolution {
  relative: number;
  absolute: number;
  /**
   * The scale a coordinate is resolved against, as a fraction of the sample's largest analytic entry: a
   * partial that is 0 or tiny next to the others (a dead unit) is resolved against that fraction of the
   * largest one, not to a relative error of its own, which no difference of f could measure: 1% in
   * float64, 10% in float32, whose differences carry about u^(2/3) ≈ 1.5e-5 of f.
   */
  floor: number;
}

/**
 * The largest error an agreement may rest on and still count: tol, atol, or the resolution (RESOLUTION)
 * of max(|analytic|, |numeric|, floor), where floor is Resolution.floor of the sample's largest entry.
 */
export function resolvableError(
  analytic: number,
  numeric: number,
  tol: number,
  atol: number,
  resolution: Resolution,
  floor: number,
): number {
  const scale = Math.max(Math.abs(analytic), Math.abs(numeric));
  return Math.max(tol * scale, atol, resolution.relative * Math.max(scale, floor), resolution.absolute);
}

/**
 * The power of a verdict: the smallest relative error in the analytic side that `allowed` would not have
 * let pass, allowed / max(|analytic|, |numeric|); undefined where that scale is 0 or not finite.
 */
export function powerOf(analytic: number, numeric: number, allowed: number): number | undefined {
  const scale = Math.max(Math.abs(analytic), Math.abs(numeric));
  if (!(scale > 0) || !Number.isFinite(scale) || !Number.isFinite(allowed)) return undefined;
  return allowed / scale;
}

/**
 * The report with a 'meaningless-tolerance' problem when the user's `atol` accepts the derivative negated:
 * in every sample that could tell (a finite, non-zero numeric side), atol ≥ 2·max|numeric| over the
 * entries checked, so that |a − n| = 2|n| ≤ atol for a = −n, and 0 passed too. A derivative that is 0
 * everywhere is left alone: its negation is itself, and atol still refuses one of size above it.
 */
export function withAtolJudged(report: Report, atol: number | undefined): Report {
  if (atol === undefined || atol === 0) return report;
  let largest = 0;
  let told = false;
  for (const sample of report.samples) {
    let scale = 0;
    for (const entry of [...sample.coordinates, ...(sample.directions ?? [])]) {
      if (Number.isFinite(entry.numeric)) scale = Math.max(scale, Math.abs(entry.numeric));
    }
    if (sample.columns !== undefined) scale = Math.max(scale, largestMagnitude(sample.columns.numeric));
    if (scale === 0) continue;
    // This sample tells a wrong derivative from the right one: the check can fail.
    if (2 * scale > atol) return report;
    told = true;
    largest = Math.max(largest, scale);
  }
  if (!told) return report;
  const problem = {
    kind: 'meaningless-tolerance' as const,
    message: `atol = ${atol} is at least twice every entry of the numeric derivative, in every sample (the largest is ${Number(largest.toPrecision(3))}), so the derivative negated, or 0, would pass as well: this check cannot fail. atol is absolute: give one well below the derivative's scale, or leave it unset for a floor at its rounding level.`,
  };
  return { ...report, pass: false, problems: [...report.problems, problem] };
}
