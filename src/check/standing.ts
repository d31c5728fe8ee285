/**
 * Which estimate of a derivative stands, ladder after ladder along a line (refine.ts): how much each one
 * says (rank), whether two agree (consistent), which wins when they contradict (the smaller steps), and
 * when the one standing settles the derivative.
 */
import { ERROR_MULTIPLE, verifiableError } from '../compare/tolerance.js';
import type { Estimate } from '../difference/richardson.js';

/** How far past its own error a disagreement must be to settle a derivative without a wider ladder. */
const DECISIVE = 64;

/**
 * An estimate settles a derivative when it is precise enough to verify it to tol (or atol), or when it
 * disagrees by far more than its own error. Agreement only within a large error is not settled, nor is
 * a kink that smaller steps have not confirmed, nor an estimate next to a domain edge.
 */
export function conclusive(estimate: Estimate, a: number, tol: number, atol: number): boolean {
  if (estimate.nonfinite || estimate.oneSided) return false;
  if (estimate.slopes && !estimate.kinkConfirmed) return false;
  if (ERROR_MULTIPLE * estimate.error <= verifiableError(a, estimate.value, tol, atol)) return true;
  return decisive(estimate, a);
}

/** Whether `estimate` disagrees with `a` by far more than its own error (DECISIVE times k of them). */
function decisive(estimate: Estimate, a: number): boolean {
  return Math.abs(a - estimate.value) > DECISIVE * ERROR_MULTIPLE * estimate.error;
}

/**
 * How much an estimate says about the derivative: nothing (no finite difference, or a kink that smaller
 * steps have not confirmed), a one-sided estimate next to a domain edge, or a central one (or a confirmed
 * kink), which f on both sides of x backs.
 */
function rank(estimate: Estimate): 0 | 1 | 2 {
  if (estimate.nonfinite || !Number.isFinite(estimate.value) || Number.isNaN(estimate.error)) return 0;
  if (estimate.slopes && !estimate.kinkConfirmed) return 0;
  return estimate.oneSided ? 1 : 2;
}

/** Two estimates from different ladders agree within their errors. */
function consistent(x: Estimate, y: Estimate): boolean {
  return Math.abs(x.value - y.value) <= ERROR_MULTIPLE * (x.error + y.error);
}

/** The best estimate of one output so far, and the largest step of the ladder it came from. */
export interface Standing {
  estimate: Estimate;
  reach: number;
}

/**
 * Folds the estimate of one output from a ladder whose largest step is `reach` into its standing. Two
 * ladders that contradict each other beyond their errors cannot both be right: the one of smaller steps
 * wins, since larger steps only mislead (they average f out over its length scale: besselj0 at 1e8 gives
 * a precise estimate of the wrong number at steps of 1e5), never the reverse. Of ladders that agree, the
 * one that says more, then the one of least error, stands.
 */
export function fold(standing: Standing | undefined, estimate: Estimate, reach: number): Standing {
  if (standing === undefined) return { estimate, reach };
  const both = rank(estimate) > 0 && rank(standing.estimate) > 0;
  if (both && !consistent(estimate, standing.estimate)) {
    return reach < standing.reach ? { estimate, reach } : standing;
  }
  return preferred(estimate, standing.estimate) ? { estimate, reach } : standing;
}

/**
 * Whether `estimate` beats `best`: the one that says more (rank: central over one-sided over nothing),
 * whatever the errors (a kink's or a one-sided extrapolation's error says little); otherwise the least
 * error.
 */
function preferred(estimate: Estimate, best: Estimate): boolean {
  const [a, b] = [rank(estimate), rank(best)];
  if (a !== b) return a > b;
  return errorOf(estimate) < errorOf(best);
}

function errorOf(estimate: Estimate): number {
  return Number.isNaN(estimate.error) ? Number.POSITIVE_INFINITY : estimate.error;
}

/** A kink no smaller ladder confirmed is not one: its slopes go, and the estimate is marked unsettled. */
export function withoutUnconfirmedKink(estimate: Estimate): Estimate {
  if (estimate.slopes === undefined || estimate.kinkConfirmed) return estimate;
  const { slopes: _, ...smooth } = estimate;
  return { ...smooth, unsettled: true };
}
