/**
 * Adaptive group testing: when a direction disagrees, it names the wrong coordinates in about 2·w·log2(n)
 * evaluations instead of rerunning a full check. Restricting the direction to a range of coordinates
 * gives a "masked" direction: their discrepancies add up, so a disagreement of the whole direction is
 * carried by at least one of its halves. Driven by directional.ts.
 */
import type { Call } from '../../calls/driver.js';
import { allowedAtScale } from '../../compare/tolerance.js';
import { type Estimate, extrapolateOnce, type Ladder } from '../../difference/richardson.js';
import { NOISE_AMPLIFICATION } from '../../difference/stencils.js';
import type { CoordinateResult, DirectionResult } from '../../types.js';
import { centralAlong, coordinateLine, type LineContext, rangeLine } from '../line.js';
import { refineAlong, refineCoordinate } from '../refine.js';
import { coordinateNames, coordinateRow, judge } from '../verdict.js';
import type { Disagreement } from './disagreement.js';

/**
 * The cheap look at a named coordinate: central differences at 1/16, 1/32 and 1/64 of its scale
 * max(1, |x|), with Richardson extrapolation and a test for a kink (3 levels, the fewest that tell a kink
 * from a wrong derivative). Wide steps: a partial of a sum of a million terms drowns in f's noise at the
 * relative step, and a clear verdict here saves the full ladder (about 24 calls).
 */
const CONFIRM_LADDER: Ladder = { multiples: [1 / 16, 1 / 32, 1 / 64], ratio: 2, kinks: true };

/**
 * Candidates from which the wide looks (the first look along a direction, and the cheap look at a named
 * coordinate) are taken: where f is a sum of this many terms its noise swamps differences at the
 * relative step. Below it the looks at the relative step, which see f's smaller scales, come first.
 */
export const WIDE_FROM = 2 ** 16;

/**
 * Checks coordinate i as per-coordinate mode checks a suspect, and returns one result per output of f.
 * The cheap look comes first; only an estimate that it leaves unclear (a kink, an edge, a verdict other
 * than a plain agreement or mismatch) gets per-coordinate mode's full refinement (refineCoordinate), so
 * that a coordinate is never named on less evidence than a clean Richardson estimate.
 */
export function* confirmCoordinate(
  ctx: LineContext,
  i: number,
  atol: number,
): Generator<Call, CoordinateResult[], unknown> {
  const { n, m } = ctx;
  const analytic = new Float64Array(m);
  for (let k = 0; k < m; k++) analytic[k] = ctx.analytic[k * n + i]!;
  const names = coordinateNames(ctx.fName, () => ctx.shape.path(i));
  const rule = {
    tol: ctx.tol,
    atol,
    forcedStep: ctx.eps !== undefined,
    resolution: ctx.resolution,
    floor: ctx.floor,
  };
  const verdicts = (estimates: readonly Estimate[]) =>
    estimates.map((estimate, k) => judge(analytic[k]!, estimate, rule, names));
  let judged: ReturnType<typeof judge>[] | undefined;
  if (ctx.eps === undefined && (ctx.candidates?.length ?? n) >= WIDE_FROM) {
    ctx.position.coordinate = i;
    const plans = { ladders: [[Math.max(1, Math.abs(ctx.x0[i]!)), CONFIRM_LADDER] as const], shrinks: 0 };
    const cheap = yield* refineAlong(ctx, coordinateLine(ctx, i), plans, analytic, atol);
    ctx.position.coordinate = -1;
    const clean = cheap.every((e) => !e.slopes && !e.oneSided && !e.nonfinite && !e.nearKink && !e.unsettled);
    const looked = verdicts(cheap);
    // Only a clear mismatch is taken from it: an agreement at wide steps may average away what f does
    // at smaller scales (x² + 1e-6·sin(1e6·x)), and gets the full refinement.
    if (
      clean &&
      looked.some((v) => v.status === 'mismatch') &&
      looked.every((v) => v.status !== 'inconclusive')
    )
      judged = looked;
  }
  judged ??= verdicts(yield* refineCoordinate(ctx, i, atol));
  return judged.map((verdict, k) =>
    coordinateRow(ctx.entryPath(k * n + i), ctx.x0[i]!, analytic[k]!, verdict, ctx.dName),
  );
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
  /** Coordinates named already, which a search that gets down to one does not check or name again. */
  known?: ReadonlySet<number>;
}

/**
 * The discrepancy grad·u − (f along u)' of the direction restricted to candidate positions [lo, hi), per
 * output, from a central difference along it at the step `at.tau` (2 evaluations), or where
 * `at.extrapolated` from one round of Richardson extrapolation of those at `at.tau` and `at.tau`/2 (4),
 * and its error: the difference's rounding plus `at.directionError`, which stands for the truncation that
 * a difference of part of the direction may have at that step (disagreementOf).
 */
function* rangeDiscrepancy(
  ctx: LineContext,
  v: Float32Array,
  norm: number,
  at: Disagreement,
  lo: number,
  hi: number,
): Generator<Call, { d: Float64Array; e: Float64Array; analytic: Float64Array; numeric: Float64Array }> {
  const line = rangeLine(ctx, v, norm, lo, hi);
  const analytic = line.analytic();
  const { numeric } = yield* centralAlong(ctx, line, at.tau);
  // Richardson's step from tau to tau/2 (weights 4/3 and −1/3): its rounding is 3 times the one at tau.
  const rounding = at.extrapolated ? 3 : 1;
  if (at.extrapolated) {
    const fine = (yield* centralAlong(ctx, line, at.tau / 2)).numeric;
    for (let k = 0; k < ctx.m; k++) numeric[k] = extrapolateOnce(numeric[k]!, fine[k]!, 2, 2);
  }
  const d = new Float64Array(ctx.m);
  const e = new Float64Array(ctx.m);
  for (let k = 0; k < ctx.m; k++) {
    d[k] = analytic[k]! - numeric[k]!;
    e[k] = (rounding * NOISE_AMPLIFICATION.central * ctx.noise[k]!) / at.tau + at.directionError[k]!;
  }
  return { d, e, analytic, numeric };
}

/**
 * Whether the direction restricted to candidate positions [lo, hi) disagrees (2 evaluations), by the
 * rule of the blocks of a wide bug: beyond one error estimate, the absolute floor, and tol times its own
 * |grad·u| — but never tol times more than the whole direction's |grad·u|, so that halves that cancel
 * cannot hide the whole's discrepancy. How directional mode tells which parameter blocks a bug is in.
 */
export function* rangeDisagrees(
  ctx: LineContext,
  v: Float32Array,
  norm: number,
  at: Disagreement,
  lo: number,
  hi: number,
): Generator<Call, boolean, unknown> {
  const { e, analytic, numeric } = yield* rangeDiscrepancy(ctx, v, norm, at, lo, hi);
  for (let k = 0; k < ctx.m; k++) {
    const a = analytic[k]!;
    const num = numeric[k]!;
    const scale = Math.min(Math.max(Math.abs(a), Math.abs(num)), at.scale[k]!);
    if (!(Math.abs(a - num) <= allowedAtScale(scale, ctx.tol, at.atol, 1, e[k]!))) return true;
  }
  return false;
}

/** Whether a range's discrepancy `d` exceeds its error `e` (and the absolute floor) in some output. */
function significant(d: Float64Array, e: Float64Array, atol: number): boolean {
  return d.some((dk, k) => !(Math.abs(dk) <= Math.max(atol, e[k]!)));
}

/**
 * Adaptive group testing. The direction's discrepancy grad·u − (f along u)' is a sum over coordinates, so
 * restricting u to one half of a range splits the range's discrepancy in two: only the left half is
 * measured (2 evaluations), and the right half's discrepancy is the range's less the left's, with the two
 * errors added. The search goes down the halves whose discrepancy exceeds its error (screening at one
 * error estimate, not at tol: a relative error of 1e-4 in one of a million partials moves grad·u by less
 * than tol·|grad·u|, yet far more than the error of a direction measured at wide steps), to single
 * coordinates, which then get a per-coordinate check (confirmCoordinate). With w wrong coordinates among N
 * this takes about 2·w·log2(N) evaluations.
 *
 * Screening may send the search down a range that is fine, which only costs evaluations; only the
 * per-coordinate check names a coordinate.
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

  // Ranges known to disagree, with their discrepancy and its error, searched depth first, left to right.
  const stack: Array<{ lo: number; hi: number; d: Float64Array; e: Float64Array }> = [
    { lo: 0, hi: total, d: at.discrepancy, e: at.directionError },
  ];
  while (stack.length > 0) {
    const { lo, hi, d, e } = stack.pop()!;
    if (hi - lo === 1) {
      const i = index(lo);
      if (v[i] === 0 || budget.known?.has(i)) continue;
      const results = yield* confirmCoordinate(ctx, i, at.atol);
      outcome.coordinates.push(...results);
      // A coordinate that passes its own check was a false alarm of screening, not a wrong partial.
      if (results.some((r) => !r.ok)) outcome.named.push(i);
      if (outcome.named.length >= budget.names) break;
      continue;
    }
    if (outcome.tests + 1 > budget.tests) {
      outcome.complete = false;
      break;
    }
    const mid = lo + Math.ceil((hi - lo) / 2);
    outcome.tests++;
    const left = yield* rangeDiscrepancy(ctx, v, norm, at, lo, mid);
    const right = {
      d: d.map((dk, k) => dk - left.d[k]!),
      e: e.map((ek, k) => ek + left.e[k]!),
    };
    // Neither half disagreeing ends this branch: a false alarm of screening, or an error spread too thinly
    // to show in either half. The sample's later directions, which leave out what was named, tell which.
    if (significant(right.d, right.e, at.atol)) stack.push({ lo: mid, hi, ...right });
    if (significant(left.d, left.e, at.atol)) stack.push({ lo, hi: mid, d: left.d, e: left.e });
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
