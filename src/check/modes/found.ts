/**
 * What directional mode's samples found: the coordinates they named, with the rows and the localization
 * record of the report. Localises a direction's disagreement (localize.ts) and records it, and checks the
 * coordinates named in earlier samples directly. Driven by directional.ts.
 */
import type { Call } from '../../calls/driver.js';
import type { Estimate, Ladder } from '../../difference/richardson.js';
import type { CoordinateResult, LocalizationResult } from '../../types.js';
import type { LineContext } from '../line.js';
import { confirmCoordinate, type LocalizeOutcome, localize, rangeDisagrees } from './localize.js';

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

/** A finite value, or 0 in place of one that is not. */
export function finiteOrZero(value: number): number {
  return Number.isFinite(value) ? value : 0;
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
  const depth = Math.ceil(Math.log2(at.candidateCount + 1));
  const names = at.maxNamed - found.named.size;
  const budget = { names, tests: full ? TESTS_PER_LEVEL * names * depth : PATHS_WITHIN_TOL * depth };
  const disagreement = {
    tau: estimates[failing]!.step,
    directionError: Float64Array.from(estimates, (estimate) => finiteOrZero(estimate.error)),
    scale: a.map(Math.abs),
    discrepancy: Float64Array.from(estimates, (estimate, k) => a[k]! - finiteOrZero(estimate.value)),
    atol,
  };
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
  return outcome;
}

/**
 * Checks each coordinate named in an earlier sample directly (confirmCoordinate), and adds those still
 * wrong to this sample's `found.named`, which the directions leave out: a later sample names them again
 * for the cost of their own check, not of a search.
 */
export function* recheck(
  ctx: LineContext,
  earlier: ReadonlySet<number>,
  found: Found,
  maxNamed: number,
  atol: number,
): Generator<Call, void, unknown> {
  for (const i of earlier) {
    if (found.named.size >= maxNamed) break;
    const before = ctx.counter.evaluations;
    const results = yield* confirmCoordinate(ctx, i, atol);
    found.coordinates.push(...results);
    const localization = record(found);
    if (results.some((r) => !r.ok)) {
      found.named.add(i);
      localization.named.push(ctx.shape.path(i));
    }
    localization.evaluations += ctx.counter.evaluations - before;
  }
}
