/**
 * The numbers a Report shows beside the verdict: the relative error of one coordinate and the course's
 * global difference of a whole gradient. They describe how far apart the two sides are; whether that
 * is too far is the tolerance rule's call (tolerance.ts).
 */

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
