/**
 * The disagreement of a direction, as localization (localize.ts) starts from it: its discrepancy and
 * error per output, and the step at which ranges of the direction are compared.
 */
import type { Estimate } from '../../difference/richardson.js';
import { NOISE_AMPLIFICATION } from '../../difference/stencils.js';

/** The disagreement of a whole direction, as localization starts from it. */
export interface Disagreement {
  /**
   * The step in t at which ranges are compared: where the direction was measured most precisely, or a
   * smaller one where a plain difference there is truncated (disagreementOf).
   */
  tau: number;
  /**
   * Whether a range is compared by Richardson's extrapolation of its central differences at `tau` and
   * `tau`/2, not by the one at `tau`.
   */
  extrapolated: boolean;
  /**
   * The direction's own error estimate, per output of f, and the margin for what truncation is left at
   * `tau`: added to each range's noise, it stands for the truncation that a plain central difference of
   * a range may have at that step.
   */
  directionError: Float64Array;
  /** |grad·u| of the whole direction, per output of f. */
  scale: Float64Array;
  /** grad·u less the numeric derivative of the whole direction, per output of f. */
  discrepancy: Float64Array;
  atol: number;
}

/** A finite value, or 0 in place of one that is not. */
export function finiteOrZero(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

/** How much of the disagreement a plain central difference's truncation may be at the ranges' step. */
export const TRUNCATION_SHARE = 1 / 64;
/**
 * How many times the whole direction's truncation a range's may be: a part of a sum whose terms cancel
 * can have more of it than the whole. Each range's error counts that much of it.
 */
const TRUNCATION_MARGIN = 8;

/**
 * The disagreement of a direction whose estimates disagree with `a` in output `failing`, to localise
 * (`noise`: f's, per output). Ranges are compared at the direction's step by plain central differences,
 * unless one there is off by more than TRUNCATION_SHARE of the disagreement: the direction's estimate
 * was extrapolated past that truncation, a range's is not. Then, where f's noise allows, at a step
 * smaller by the square root of the excess (the truncation shrinks as the step squared), with
 * TRUNCATION_MARGIN times what is left of it added to each output's error; else by Richardson's
 * extrapolation of two steps, the direction's and half of it (4 evaluations a range), with
 * TRUNCATION_MARGIN times the direction's own error. Rosenbrock at n = 1e5, along a direction measured
 * at a step of 30: its halves were off by 0.3 where it disagreed by 1e-3, and some 700 ranges and 700
 * coordinates were checked to name the one wrong partial.
 */
export function disagreementOf(
  estimates: readonly Estimate[],
  failing: number,
  a: Float64Array,
  atol: number,
  noise: ArrayLike<number>,
): Disagreement {
  const truncation = (e: Estimate) => (e.plain === undefined ? 0 : finiteOrZero(Math.abs(e.plain - e.value)));
  const discrepancy = Float64Array.from(estimates, (e, k) => a[k]! - finiteOrZero(e.value));
  const directionError = Float64Array.from(estimates, (e) => finiteOrZero(e.error));
  const { step } = estimates[failing]!;
  const share = TRUNCATION_SHARE * Math.abs(discrepancy[failing]!);
  const excess = truncation(estimates[failing]!) / share;
  const disagreement = {
    tau: step,
    extrapolated: false,
    directionError,
    scale: a.map(Math.abs),
    discrepancy,
    atol,
  };
  // Only past the share: a check whose ranges the truncation cannot mislead keeps its steps and figures.
  if (!(excess > 1)) return disagreement;
  const shrink = 1 / Math.sqrt(excess);
  if ((NOISE_AMPLIFICATION.central * noise[failing]!) / (step * shrink) <= share) {
    const left = TRUNCATION_MARGIN * shrink * shrink;
    for (const [k, e] of estimates.entries()) directionError[k]! += truncation(e) * left;
    return { ...disagreement, tau: step * shrink };
  }
  for (let k = 0; k < directionError.length; k++) directionError[k]! *= TRUNCATION_MARGIN;
  return { ...disagreement, extrapolated: true };
}
