/**
 * Adaptive group testing: when a direction disagrees, it names the wrong coordinates in O(w·log n)
 * evaluations instead of rerunning a full check. Restricting the direction to a range of coordinates
 * gives a "masked" direction: their discrepancies add up, so a disagreement of the whole direction is
 * carried by at least one of its halves. Driven by directional.ts.
 */
import type { Call } from '../../calls/driver.js';
import { allowedAtScale } from '../../compare/tolerance.js';
import { NOISE_AMPLIFICATION } from '../../difference/stencils.js';
import type { CoordinateResult, DirectionResult } from '../../types.js';
import { centralAlong, type LineContext, rangeLine } from '../line.js';
import { refineCoordinate } from '../refine.js';
import { coordinateNames, coordinateRow, judge } from '../verdict.js';

/**
 * Checks coordinate i as per-coordinate mode checks a suspect (refineCoordinate, then the same verdict
 * and row). Returns one result per output of f.
 */
export function* confirmCoordinate(
  ctx: LineContext,
  i: number,
  atol: number,
): Generator<Call, CoordinateResult[], unknown> {
  const { n } = ctx;
  const estimates = yield* refineCoordinate(ctx, i, atol);
  const names = coordinateNames(ctx.fName, () => ctx.shape.path(i));
  return estimates.map((estimate, k) => {
    const a = ctx.analytic[k * n + i]!;
    const verdict = judge(
      a,
      estimate,
      {
        tol: ctx.tol,
        atol,
        forcedStep: ctx.eps !== undefined,
        resolution: ctx.resolution,
        floor: ctx.floor,
      },
      names,
    );
    return coordinateRow(ctx.entryPath(k * n + i), ctx.x0[i]!, a, verdict, ctx.dName);
  });
}

/** How localization of one direction went. */
export interface LocalizeOutcome {
  /** Results of every coordinate it got down to, wrong or not. */
  coordinates: CoordinateResult[];
  /** Coordinates confirmed wrong. */
  named: number[];
  tests: number;
  /** False when it stopped at its budget (of names or of tests) before the search was over. */
  complete: boolean;
}

/** How far localization of one direction may go. */
export interface LocalizeBudget {
  /** Most coordinates to name. */
  names: number;
  /** Most restricted directions to test. */
  tests: number;
}

/** The disagreement of a whole direction, as localization starts from it. */
export interface Disagreement {
  /** The step in t at which the direction was measured most precisely; halves are compared there. */
  tau: number;
  /**
   * The direction's own error estimate there, per output of f: added to each half's noise, it stands for
   * the truncation error that a plain central difference of a half may have at that step.
   */
  directionError: Float64Array;
  /** |grad·u| of the whole direction, per output of f. */
  scale: Float64Array;
  atol: number;
}

/**
 * Whether the direction restricted to candidate positions [lo, hi) disagrees: grad·u over the range
 * against a central difference along it at the step `at.tau` (2 evaluations), by the screening rule of
 * localize below. Also how directional mode tells which parameter blocks a wide bug is in.
 */
export function* rangeDisagrees(
  ctx: LineContext,
  v: Float32Array,
  norm: number,
  at: Disagreement,
  lo: number,
  hi: number,
): Generator<Call, boolean, unknown> {
  const line = rangeLine(ctx, v, norm, lo, hi);
  const analytic = line.analytic();
  const { numeric } = yield* centralAlong(ctx, line, at.tau);
  for (let k = 0; k < ctx.m; k++) {
    const a = analytic[k]!;
    const num = numeric[k]!;
    const error = (NOISE_AMPLIFICATION.central * ctx.noise[k]!) / at.tau + at.directionError[k]!;
    const scale = Math.min(Math.max(Math.abs(a), Math.abs(num)), at.scale[k]!);
    if (!(Math.abs(a - num) <= allowedAtScale(scale, ctx.tol, at.atol, 1, error))) return true;
  }
  return false;
}

/**
 * Adaptive group testing. The direction's discrepancy grad·u − (f along u)' is a sum over coordinates, so
 * restricting u to one half of the candidates splits it in two: a half that disagrees holds a wrong
 * coordinate. Both halves of each disagreeing range are tested (2 evaluations each) and the search goes
 * down the ones that disagree, to single coordinates, which then get per-coordinate mode's full check. With
 * w wrong coordinates among N this takes about 4·w·log2(N) evaluations.
 *
 * A range disagrees when its discrepancy exceeds one error estimate (the screening rule), the absolute
 * floor, or tol times its own |grad·u| — but never tol times more than the whole direction's |grad·u|:
 * a half can have a larger projection than the whole (the halves cancel), and must not hide the whole's
 * discrepancy behind it. Screening may send the search down a range that is fine, which only costs
 * evaluations; only the final per-coordinate check names a coordinate.
 */
export function* localize(
  ctx: LineContext,
  v: Float32Array,
  norm: number,
  at: Disagreement,
  budget: LocalizeBudget,
): Generator<Call, LocalizeOutcome, unknown> {
  const total = ctx.candidates === null ? ctx.n : ctx.candidates.length;
  const index = (p: number) => (ctx.candidates === null ? p : ctx.candidates[p]!);
  const outcome: LocalizeOutcome = { coordinates: [], named: [], tests: 0, complete: true };

  function* disagrees(lo: number, hi: number): Generator<Call, boolean, unknown> {
    outcome.tests++;
    return yield* rangeDisagrees(ctx, v, norm, at, lo, hi);
  }

  // Ranges known to disagree, searched depth first, left to right.
  const stack: Array<[number, number]> = [[0, total]];
  while (stack.length > 0) {
    const [lo, hi] = stack.pop()!;
    if (hi - lo === 1) {
      const i = index(lo);
      if (v[i] === 0) continue;
      const results = yield* confirmCoordinate(ctx, i, at.atol);
      outcome.coordinates.push(...results);
      // A coordinate that passes its own check was a false alarm of screening, not a wrong partial.
      if (results.some((r) => !r.ok)) outcome.named.push(i);
      if (outcome.named.length >= budget.names) break;
      continue;
    }
    if (outcome.tests + 2 > budget.tests) {
      outcome.complete = false;
      break;
    }
    const mid = lo + Math.ceil((hi - lo) / 2);
    const left = yield* disagrees(lo, mid);
    const right = yield* disagrees(mid, hi);
    // Neither half disagreeing ends this branch: a false alarm of screening, or an error spread too thinly
    // to show in either half. The sample's later directions, which leave out what was named, tell which.
    if (right) stack.push([mid, hi]);
    if (left) stack.push([lo, mid]);
  }
  if (stack.length > 0) outcome.complete = false;
  return outcome;
}

/**
 * A failing direction that names no coordinate, as a row of the report's table, so that the report says
 * why it fails: localization could not isolate its wrong coordinates (`searched`) or had named its
 * `maxNamed` already (`budget`), or the direction crosses a kink, or could not be verified.
 */
export function directionRow(
  direction: DirectionResult,
  why: 'kink' | 'inconclusive' | 'searched' | 'budget',
  maxNamed: number,
): CoordinateResult {
  const note =
    why === 'kink'
      ? `f is not differentiable along random unit direction ${direction.index} at this point, in every sample tried: ${direction.note ?? 'the one-sided slopes differ'}. Check with { mode: 'coordinate' } to see which coordinates have the kink.`
      : why === 'inconclusive'
        ? `along random unit direction ${direction.index}: ${direction.note}`
        : `grad·u disagrees with the derivative of f along random unit direction ${direction.index}, but ${
            why === 'searched'
              ? 'localization could not isolate single coordinates: the error may be spread thinly over many of them'
              : `localization had already named ${maxNamed} coordinates in this sample`
          }. Check these coordinates with { mode: 'coordinate' } (and \`coordinates\` to limit the cost).`;
  return {
    path: `direction ${direction.index}${direction.output > 0 ? ` (output ${direction.output})` : ''}`,
    x: 0,
    analytic: direction.analytic,
    numeric: direction.numeric,
    absErr: direction.absErr,
    relErr: direction.relErr,
    allowed: direction.allowed,
    errorEstimate: direction.errorEstimate,
    step: direction.step,
    stencil: direction.stencil,
    ok: false,
    status: direction.status,
    note,
  };
}
