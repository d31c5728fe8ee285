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
import { type Precision, UNIT_ROUNDOFF } from '../difference/difference.js';

/** How many roundings of the gradient's largest entry the default absolute floor allows. */
const FLOOR_ROUNDINGS = 64;

/** The default absolute floor for a sample: rounding level of the largest analytic or numeric entry. */
export function defaultAtol(
  analytic: ArrayLike<number>,
  numeric: ArrayLike<number>,
  precision: Precision,
): number {
  let scale = 0;
  for (let i = 0; i < analytic.length; i++) {
    const a = Math.abs(analytic[i]!);
    const n = Math.abs(numeric[i]!);
    if (Number.isFinite(a) && a > scale) scale = a;
    if (Number.isFinite(n) && n > scale) scale = n;
  }
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
  return Math.max(tol * Math.max(Math.abs(analytic), Math.abs(numeric)), atol, k * errorEstimate);
}

/** `|a − n| / max(|a|, |n|)`, 0 when both are 0. */
export function relativeError(analytic: number, numeric: number): number {
  const scale = Math.max(Math.abs(analytic), Math.abs(numeric));
  return scale === 0 ? 0 : Math.abs(analytic - numeric) / scale;
}

/** The course's global metric ‖a − n‖₂ / (‖a‖₂ + ‖n‖₂); 0 when both vectors are 0. */
export function globalDifference(analytic: ArrayLike<number>, numeric: ArrayLike<number>): number {
  let diff = 0;
  let a2 = 0;
  let n2 = 0;
  for (let i = 0; i < analytic.length; i++) {
    const a = analytic[i]!;
    const n = numeric[i]!;
    diff += (a - n) * (a - n);
    a2 += a * a;
    n2 += n * n;
  }
  const denominator = Math.sqrt(a2) + Math.sqrt(n2);
  return denominator === 0 ? 0 : Math.sqrt(diff) / denominator;
}
