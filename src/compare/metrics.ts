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

/**
 * The course's global metric ‖a − n‖₂ / (‖a‖₂ + ‖n‖₂) over pairs added one at a time, in the order of
 * globalDifference: per-coordinate mode adds each row as it judges it, with no n-sized copies.
 */
export class GlobalDifference {
  private diff = 0;
  private a2 = 0;
  private n2 = 0;

  /** Adds the pair (analytic a, numeric n). */
  add(a: number, n: number): void {
    this.diff += (a - n) * (a - n);
    this.a2 += a * a;
    this.n2 += n * n;
  }

  /** The metric over the pairs added; 0 when both vectors are 0. */
  value(): number {
    const denominator = Math.sqrt(this.a2) + Math.sqrt(this.n2);
    return denominator === 0 ? 0 : Math.sqrt(this.diff) / denominator;
  }
}

/** The course's global metric ‖a − n‖₂ / (‖a‖₂ + ‖n‖₂); 0 when both vectors are 0. */
export function globalDifference(analytic: ArrayLike<number>, numeric: ArrayLike<number>): number {
  const metric = new GlobalDifference();
  for (let i = 0; i < analytic.length; i++) metric.add(analytic[i]!, numeric[i]!);
  return metric.value();
}
