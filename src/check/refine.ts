/**
 * The sharper look along a line (line.ts): f on both sides of it at a ladder of steps, and Richardson
 * extrapolation over them, ladder after ladder until the estimate settles the derivative. Per-coordinate
 * mode refines its suspects here, and directional mode its directions and the coordinates it names.
 */
import { CALL_F, type Call } from '../calls/driver.js';
import { ERROR_MULTIPLE } from '../compare/tolerance.js';
import {
  type Estimate,
  type Ladder,
  type Level,
  NEAR_ZERO_LADDER,
  refine,
  STANDARD_LADDER,
  sameKink,
  WIDE_LADDER,
  WIDER_LOOK,
} from '../difference/richardson.js';
import { stepFor } from '../difference/steps.js';
import { coordinateLine, type Line, type LineContext } from './line.js';
import { conclusive, fold, type Standing, withoutUnconfirmedKink } from './standing.js';

/** Below this |x|, a coordinate also gets a ladder scaled to |x|: a step of max(1, |x|) may span a pole. */
const SMALL_COORDINATE = 0.01;
/**
 * How many times a standard ladder that did not settle the derivative is followed by one of 64× smaller
 * steps, along an axis or a direction: 64⁴ ≈ 1.7e7, from a relative step at |x| = 1e6 down to steps of a length scale near 1.
 */
export const MAX_SHRINKS = 4;
/** How much smaller each shrunk ladder's steps are. */
const SHRINK = 64;

/** Evaluates f on both sides of the line at every step of a ladder; one column of levels per output. */
function* ladderAlong(
  ctx: LineContext,
  line: Line,
  base: number,
  plan: Ladder,
): Generator<Call, Level[][], unknown> {
  const levels: Level[][] = Array.from({ length: ctx.m }, () => []);
  for (const multiple of plan.multiples) {
    const s = base * multiple;
    const up = line.move(s);
    const plus = ctx.read(yield CALL_F);
    const down = -line.move(-s);
    const minus = ctx.read(yield CALL_F);
    ctx.counter.evaluations += 2;
    for (let k = 0; k < ctx.m; k++) levels[k]!.push({ up, down, plus: plus[k]!, minus: minus[k]! });
  }
  line.restore();
  return levels;
}

/** The ladders to try along a line, in order: each a base step and a ladder of multiples of it. */
export interface Plans {
  ladders: Array<readonly [number, Ladder]>;
  /**
   * How many times a standard ladder that did not settle the derivative (it met a domain edge, saw a kink
   * that smaller steps have not confirmed, or its estimate did not converge) is followed by one of 64×
   * smaller steps. A relative step is a guess at f's length scale: sin at 1e6 + 0.3, log at 1e-6 or
   * x² + 1e-6·sin(1e6·x) vary on scales far below it. 0 where the user forced the step.
   */
  shrinks: number;
}

/**
 * The ladders per-coordinate mode tries for coordinate i, and directional mode for a named one. A `spot`
 * check of a coordinate that agreed, only less precisely than tol, gets the standard and the wide ladder
 * alone: its question is noise, which larger steps answer, not f's length scale near 0.
 */
export function coordinatePlans(ctx: LineContext, i: number, spot = false): Plans {
  const xi = ctx.x0[i]!;
  const ladders: Array<readonly [number, Ladder]> = [[stepFor(xi, ctx.relative, ctx.eps), STANDARD_LADDER]];
  if (spot && ctx.eps === undefined) {
    ladders.push([Math.max(1, Math.abs(xi)), WIDE_LADDER]);
    return { ladders, shrinks: 0 };
  }
  if (ctx.eps === undefined) {
    if (Math.abs(xi) < SMALL_COORDINATE && xi !== 0) {
      ladders.push([ctx.relative * Math.abs(xi), STANDARD_LADDER]);
      // Steps of |x| itself: at x = 1e-160, f = x² is subnormal, and only steps near |x| move it by more
      // than a few units of its spacing.
      ladders.push([Math.abs(xi), NEAR_ZERO_LADDER]);
    }
    ladders.push([Math.max(1, Math.abs(xi)), WIDE_LADDER]);
  }
  return { ladders, shrinks: ctx.eps === undefined ? MAX_SHRINKS : 0 };
}

/**
 * Whether a ladder at `base` left something that 64× smaller steps can settle: a domain edge, a kink
 * that is not yet confirmed, or an error that the smaller steps' rounding would not swamp (truncation
 * dominates it: the steps are long next to f's length scale).
 */
function worthShrinking(estimates: readonly Estimate[], noise: ArrayLike<number>, base: number): boolean {
  const smallest = (base / SHRINK) * STANDARD_LADDER.multiples.at(-1)!;
  return estimates.some(
    (estimate, k) =>
      estimate.oneSided !== undefined ||
      estimate.nonfinite === true ||
      (estimate.slopes !== undefined && !estimate.kinkConfirmed) ||
      estimate.nearKink === true ||
      ERROR_MULTIPLE * (noise[k]! / smallest) < estimate.error,
  );
}

/**
 * A kink is a jump in slope that persists as the step shrinks: the one-sided slopes of a ladder of 64×
 * smaller steps match those of the last ladder that saw it. Marks `estimates` confirmed where they do.
 */
function confirmKinks(estimates: Estimate[], previous: readonly Estimate[] | undefined): void {
  estimates.forEach((estimate, k) => {
    const before = previous?.[k]?.slopes;
    if (estimate.slopes !== undefined && before !== undefined && sameKink(before, estimate.slopes))
      estimate.kinkConfirmed = true;
  });
}

/**
 * The sharper look along a line: Richardson extrapolation over each ladder of `plans` in turn, until the
 * estimates settle every output (`analytic`, one value per output, against `atol`), each output keeping
 * its best estimate (fold). A standard ladder that did not settle them inserts a ladder of 64× smaller
 * steps after itself (see Plans.shrinks). A kink that no smaller ladder confirmed is not one: its slopes
 * are dropped and the estimate is judged by its value and error, and marked as not settled.
 * `firstLook`, what made the line a suspect, is checked against the first ladder's own levels at its
 * points (checkRepeat).
 */
export function* refineAlong(
  ctx: LineContext,
  line: Line,
  plans: Plans,
  analytic: ArrayLike<number>,
  atol: number,
  firstLook?: FirstLook,
): Generator<Call, Estimate[], unknown> {
  const ladders = [...plans.ladders];
  let standings: Standing[] = [];
  let shrinks = 0;
  let last: Estimate[] | undefined;
  const settled = (s: Standing, k: number) => conclusive(s.estimate, analytic[k]!, ctx.tol, atol);
  for (let p = 0; p < ladders.length; p++) {
    const [base, plan] = ladders[p]!;
    const levels = yield* ladderAlong(ctx, line, base, plan);
    const estimates = levels.map((column, k) =>
      refine(ctx.f0[k]!, column, ctx.noise[k]!, plan, ctx.roundoff),
    );
    if (plan === STANDARD_LADDER) {
      confirmKinks(estimates, last);
      last = estimates;
    }
    if (p === 0 && firstLook !== undefined) checkRepeat(ctx, levels, plan, firstLook);
    const reach = base * plan.multiples[0]!;
    standings = estimates.map((estimate, k) => fold(standings[k], estimate, reach));
    if (standings.every(settled)) break;
    if (plan === STANDARD_LADDER && shrinks < plans.shrinks && worthShrinking(estimates, ctx.noise, base)) {
      shrinks++;
      ladders.splice(p + 1, 0, [base / SHRINK, STANDARD_LADDER]);
    }
  }
  return standings.map((s) => withoutUnconfirmedKink(s.estimate));
}

/**
 * The first look at a line, as refineAlong takes it: its estimates (one per output), and the ladder of
 * multiples of the first ladder's base step it took them with, whose points that ladder evaluates again.
 */
export interface FirstLook {
  estimates: readonly Estimate[];
  ladder: Ladder;
}

/**
 * The first ladder evaluates f again at the first look's own points (its multiples include the first
 * look's, at the same base step): the first look's estimate, recomputed from those levels, must come out
 * the same. Where it does not, beyond the `nondeterminism` allowed, f returned other values at the same
 * points. Noted in `ctx.repeated`, once a check; the mode makes it a problem.
 */
function checkRepeat(ctx: LineContext, levels: readonly Level[][], plan: Ladder, look: FirstLook): void {
  const from = plan.multiples.indexOf(look.ladder.multiples[0]!);
  const same = look.ladder.multiples.every((multiple, j) => plan.multiples[from + j] === multiple);
  if (from < 0 || !same || ctx.repeated !== undefined) return;
  look.estimates.forEach((witness, k) => {
    const column = levels[k]?.slice(from, from + look.ladder.multiples.length);
    if (column === undefined || ctx.repeated !== undefined) return;
    const again = refine(ctx.f0[k]!, column, ctx.noise[k]!, look.ladder, ctx.roundoff).value;
    const size = Math.max(...column.map((l) => Math.max(Math.abs(l.plus), Math.abs(l.minus))));
    const slack = (2 * ctx.nondeterminism * size) / Math.min(...column.map((l) => l.up + l.down));
    if (Object.is(again, witness.value) || Math.abs(again - witness.value) <= slack) return;
    if (Number.isNaN(again) && Number.isNaN(witness.value)) return;
    ctx.repeated = { coordinate: ctx.position.coordinate, output: k, first: witness.value, again };
  });
}

/**
 * A wider look at coordinate i (WIDER_LOOK, 4 evaluations at 16h and 8h), for a coordinate that agreed
 * at h but too imprecisely to count: where its rounding, not f's shape, was the trouble, this settles it
 * without a full refinement. One estimate per output of f.
 */
export function* lookWider(ctx: LineContext, i: number, atol: number): Generator<Call, Estimate[], unknown> {
  const { m, n } = ctx;
  const analytic = new Float64Array(m);
  for (let k = 0; k < m; k++) analytic[k] = ctx.analytic[k * n + i]!;
  ctx.position.coordinate = i;
  const plans: Plans = { ladders: [[stepFor(ctx.x0[i]!, ctx.relative, ctx.eps), WIDER_LOOK]], shrinks: 0 };
  const estimates = yield* refineAlong(ctx, coordinateLine(ctx, i), plans, analytic, atol);
  ctx.position.coordinate = -1;
  return estimates;
}

/**
 * The sharper look at coordinate i, as per-coordinate mode gives a suspect (or, `spot`, a coordinate that
 * agreed imprecisely) and directional mode a coordinate that group testing named: its ladders along the
 * axis. One estimate per output of f.
 */
export function* refineCoordinate(
  ctx: LineContext,
  i: number,
  atol: number,
  firstLook?: FirstLook,
  spot = false,
): Generator<Call, Estimate[], unknown> {
  const { m, n } = ctx;
  const analytic = new Float64Array(m);
  for (let k = 0; k < m; k++) analytic[k] = ctx.analytic[k * n + i]!;
  ctx.position.coordinate = i;
  const line = coordinateLine(ctx, i);
  const plans = coordinatePlans(ctx, i, spot);
  const estimates = yield* refineAlong(ctx, line, plans, analytic, atol, firstLook);
  ctx.position.coordinate = -1;
  return estimates;
}
