/**
 * What directional mode's samples found: the coordinates they named, with the rows and the localization
 * record of the report. Localises a direction's disagreement (localize.ts) and records it, and checks the
 * coordinates named in earlier samples directly. Driven by directional.ts.
 */
import type { Call } from '../../calls/driver.js';
import { ERROR_MULTIPLE } from '../../compare/tolerance.js';
import type { Estimate, Ladder } from '../../difference/richardson.js';
import { NOISE_AMPLIFICATION } from '../../difference/stencils.js';
import type { CoordinateResult, LocalizationResult, Problem } from '../../types.js';
import { centralAlong, coordinateLine, type LineContext } from '../line.js';
import { coordinateNames, coordinateRow, judge } from '../verdict.js';
import { disagreementOf, finiteOrZero } from './disagreement.js';
import { confirmCoordinate, type LocalizeOutcome, localize, rangeDisagrees, WIDE_FROM } from './localize.js';

/** Restricted directions localization may test per wrong coordinate it names, per level of halving. */
const TESTS_PER_LEVEL = 4;
/** Paths down the tree that localization of a disagreement within tol may test. */
const PATHS_WITHIN_TOL = 3;
/**
 * The wide first look along a direction: central differences at 1/32 and 1/64 of ‖v‖, which move each
 * coordinate by 1/32 to 1/16 and 1/64 to 1/32 of its scale max(1, |x|), and one Richardson step between
 * them (4 calls). The last two levels of WIDE_LADDER: for f = Σ c·x² at n = 1e6 its error is about 1e-9
 * of |grad·u|, where the look at the relative step (WIDER_LOOK) is 1e-6, too imprecise to verify tol.
 */
export const WIDE_LOOK: Ladder = { multiples: [1 / 32, 1 / 64], ratio: 2, kinks: false };

/** What one sample found so far; `localization` is created by the first search or recheck. */
export interface Found {
  named: Set<number>;
  coordinates: CoordinateResult[];
  localization: LocalizationResult | undefined;
}

/** The direction being localised: v (unnormalised), ‖v‖, and how many candidates it spans. */
export interface DirectionAt {
  v: Float32Array;
  norm: number;
  candidateCount: number;
  maxNamed: number;
}

/** A direction's measured disagreement: its estimates, the output that disagrees, grad·u, atol. */
export interface Measured {
  estimates: readonly Estimate[];
  failing: number;
  a: Float64Array;
  atol: number;
  /** False for a disagreement within tol, which gets PATHS_WITHIN_TOL paths' worth of tests. */
  full: boolean;
}

function record(found: Found): LocalizationResult {
  found.localization ??= { named: [], evaluations: 0, tests: 0, complete: true };
  return found.localization;
}

/**
 * The vet of a sample's derivative (beginMeasured): the problem of its first entry that is not finite,
 * entry `e` (found by held.ts's survey; the derivative's length where every entry is finite).
 */
export function nonfiniteVet(
  dName: string,
  entryPath: (e: number) => string,
  sample: number,
): (analytic: Float64Array, e: number) => Problem | undefined {
  return (analytic, e) => {
    if (e === analytic.length) return undefined;
    return {
      kind: 'nonfinite-gradient',
      sample,
      message: `${dName} returned ${analytic[e]} for ${entryPath(e)} at sample ${sample}.`,
    };
  };
}

/**
 * Localises the disagreement of output `failing` of the direction, and records what it named in `found`.
 * A disagreement within tol gets a few paths down the tree's worth of tests: it is a relative error of
 * 1e-4 in one partial, not an error spread over many, or a false alarm that costs one path.
 */
export function* localizeDirection(
  ctx: LineContext,
  at: DirectionAt,
  found: Found,
  measured: Measured,
): Generator<Call, LocalizeOutcome, unknown> {
  const { estimates, failing, a, atol, full } = measured;
  const before = ctx.counter.evaluations;
  // Not reset when the budget stops the check in here: the stop's message says what it cut short.
  ctx.position.localizing = true;
  const depth = Math.ceil(Math.log2(at.candidateCount + 1));
  const names = at.maxNamed - found.named.size;
  const budget = {
    names,
    tests: full ? TESTS_PER_LEVEL * names * depth : PATHS_WITHIN_TOL * depth,
    known: found.named,
  };
  const disagreement = disagreementOf(estimates, failing, a, atol, ctx.noise);
  const outcome = yield* localize(ctx, at.v, at.norm, disagreement, budget);
  for (const i of outcome.named) found.named.add(i);
  found.coordinates.push(...outcome.coordinates);
  const localization = record(found);
  localization.tests += outcome.tests;
  localization.named.push(...outcome.named.map((i) => ctx.shape.path(i)));
  if (!outcome.complete && full) localization.complete = false;
  // A bug too wide to name coordinate by coordinate: which parameter blocks it is in, 2 calls each.
  const parameters = ctx.shape.parameters();
  if (
    !outcome.complete &&
    full &&
    localization.blocks === undefined &&
    ctx.candidates === null &&
    parameters.length > 1
  ) {
    localization.blocks = [];
    for (const { name, lo, hi } of parameters) {
      const disagrees = yield* rangeDisagrees(ctx, at.v, at.norm, disagreement, lo, hi);
      localization.blocks.push({ name, disagrees });
    }
    localization.tests += parameters.length;
  }
  localization.evaluations += ctx.counter.evaluations - before;
  ctx.position.localizing = false;
  return outcome;
}

/**
 * Whether the coordinates `outcome` named account for the whole discrepancy of the direction they were
 * found along: what is left of it, less each one's (analytic − numeric)·u_i, within its error (the
 * direction's and theirs) or atol. A disagreement beyond tol that a wide look localised is then settled
 * without a refinement of the direction; one with more left over is refined and localised in full.
 */
export function explains(
  ctx: LineContext,
  outcome: LocalizeOutcome,
  at: Pick<DirectionAt, 'v' | 'norm'>,
  measured: Pick<Measured, 'estimates' | 'a' | 'atol'>,
): boolean {
  const estimate = measured.estimates[0];
  if (ctx.m !== 1 || estimate === undefined || outcome.named.length === 0) return false;
  let rest = measured.a[0]! - estimate.value;
  let error = ERROR_MULTIPLE * estimate.error;
  for (const i of outcome.named) {
    const path = ctx.entryPath(i);
    const row = outcome.coordinates.find((c) => !c.ok && c.path === path);
    if (row === undefined || !Number.isFinite(row.numeric)) return false;
    const weight = at.v[i]! / at.norm;
    rest -= (row.analytic - row.numeric) * weight;
    error += ERROR_MULTIPLE * Math.abs(weight) * finiteOrZero(row.errorEstimate);
  }
  return Math.abs(rest) <= Math.max(measured.atol, error);
}

/**
 * Coordinates named so far, each with the relative discrepancy analytic/numeric − 1 it was named with
 * (the sign of the error, whatever the partial's), or NaN for a Jacobian's (a row per output): for recheck.
 */
export type Earlier = Map<number, number>;

/** Adds the coordinates this sample named to `earlier`, with the discrepancy of their rows. */
export function remember(ctx: LineContext, found: Found, earlier: Earlier): void {
  for (const i of found.named) {
    const path = ctx.entryPath(i);
    const row = ctx.m === 1 ? found.coordinates.find((c) => !c.ok && c.path === path) : undefined;
    earlier.set(i, row === undefined ? Number.NaN : row.analytic / row.numeric - 1);
  }
}

/** Step of the quick recheck, as a fraction of the coordinate's scale max(1, |x|): CONFIRM_LADDER's middle. */
const QUICK_STEP = 1 / 32;

/**
 * The quick recheck of coordinate i, named in an earlier sample with relative discrepancy `before`: one
 * central difference at a wide step (2 calls). Its row is taken only when it is a mismatch by judge's rule
 * with the rounding error as its error, of the sign of `before` and within a factor 2 of it: the known
 * mismatch again. It has no estimate of its truncation error, but it need not have one: the coordinate
 * fails the check already, from the sample that named it with a clean Richardson estimate. Anything else
 * (an agreement, another size of discrepancy) is 'unconfirmed': the coordinate is then left to the
 * directions, which check it as they check every other (a full check of it cost up to 60 calls, most
 * often to find it right at a point where its partial is too small to show the error). Undefined where
 * the look does not apply (a Jacobian, a forced step, or fewer than WIDE_FROM candidates).
 */
function* quickRecheck(
  ctx: LineContext,
  i: number,
  before: number,
  atol: number,
): Generator<Call, CoordinateResult[] | 'unconfirmed' | undefined, unknown> {
  if (ctx.m !== 1 || !Number.isFinite(before) || ctx.eps !== undefined) return undefined;
  if ((ctx.candidates?.length ?? ctx.n) < WIDE_FROM) return undefined;
  ctx.position.coordinate = i;
  const tau = QUICK_STEP * Math.max(1, Math.abs(ctx.x0[i]!));
  const { numeric, step } = yield* centralAlong(ctx, coordinateLine(ctx, i), tau);
  ctx.position.coordinate = -1;
  const a = ctx.analytic[i]!;
  const value = numeric[0]!;
  const error = (NOISE_AMPLIFICATION.central * ctx.noise[0]!) / step;
  const rule = { tol: ctx.tol, atol, forcedStep: false, resolution: ctx.resolution, floor: ctx.floor };
  const names = coordinateNames(ctx.fName, () => ctx.shape.path(i));
  const verdict = judge(a, { value, error, step, stencil: 'central' }, rule, names);
  const ratio = (a / value - 1) / before;
  if (verdict.status !== 'mismatch' || !(ratio >= 0.5 && ratio <= 2)) return 'unconfirmed';
  return [coordinateRow(ctx.entryPath(i), ctx.x0[i]!, a, verdict, ctx.dName)];
}

/**
 * Checks each coordinate named in an earlier sample directly (quickRecheck, else confirmCoordinate), and
 * adds those still wrong to this sample's `found.named`, which the directions leave out: a later sample
 * names them again for the cost of their own check, not of a search. One the quick look leaves
 * unconfirmed stays in the directions.
 */
export function* recheck(
  ctx: LineContext,
  earlier: ReadonlyMap<number, number>,
  found: Found,
  maxNamed: number,
  atol: number,
): Generator<Call, void, unknown> {
  for (const [i, discrepancy] of earlier) {
    if (found.named.size >= maxNamed) break;
    const before = ctx.counter.evaluations;
    const quick = yield* quickRecheck(ctx, i, discrepancy, atol);
    const localization = record(found);
    const results = quick === 'unconfirmed' ? [] : (quick ?? (yield* confirmCoordinate(ctx, i, atol)));
    found.coordinates.push(...results);
    if (results.some((r) => !r.ok)) {
      found.named.add(i);
      localization.named.push(ctx.shape.path(i));
    }
    localization.evaluations += ctx.counter.evaluations - before;
  }
}
