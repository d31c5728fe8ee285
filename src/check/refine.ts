/**
 * The sharper look along a line (line.ts): f on both sides of it at a ladder of steps, and Richardson
 * extrapolation over them, ladder after ladder until the estimate settles the derivative. Per-coordinate
 * mode refines its suspects here, and directional mode its directions and the coordinates it names.
 */
import { CALL_F, type Call } from '../calls/driver.js';
import { ERROR_MULTIPLE, verifiableError } from '../compare/tolerance.js';
import {
  type Estimate,
  type Ladder,
  type Level,
  refine,
  STANDARD_LADDER,
  WIDE_LADDER,
} from '../difference/richardson.js';
import { stepFor } from '../difference/steps.js';
import { coordinateLine, type Line, type LineContext } from './line.js';

/** Below this |x|, a coordinate also gets a ladder scaled to |x|: a step of max(1, |x|) may span a pole. */
const SMALL_COORDINATE = 0.01;
/** How many times a ladder that met a domain edge is followed by one of 64× smaller steps. */
const MAX_EDGE_LADDERS = 2;
/** How far past its own error a disagreement must be to settle a derivative without a wider ladder. */
const DECISIVE = 64;

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
   * How many times a standard ladder that met a domain edge (a one-sided or non-finite estimate) is
   * followed by one of 64× smaller steps, which may fit between the edge and x.
   */
  edgeLadders: number;
}

/** The ladders per-coordinate mode tries for coordinate i, and directional mode for a named one. */
export function coordinatePlans(ctx: LineContext, i: number): Plans {
  const xi = ctx.x0[i]!;
  const ladders: Array<readonly [number, Ladder]> = [[stepFor(xi, ctx.relative, ctx.eps), STANDARD_LADDER]];
  if (ctx.eps === undefined) {
    if (Math.abs(xi) < SMALL_COORDINATE && xi !== 0)
      ladders.push([ctx.relative * Math.abs(xi), STANDARD_LADDER]);
    ladders.push([Math.max(1, Math.abs(xi)), WIDE_LADDER]);
  }
  return { ladders, edgeLadders: ctx.eps === undefined ? MAX_EDGE_LADDERS : 0 };
}

/**
 * An estimate settles a derivative when it is precise enough to verify it to tol (or atol), or when it
 * disagrees by far more than its own error. Agreement only within a large error is not settled.
 */
function conclusive(estimate: Estimate, a: number, tol: number, atol: number): boolean {
  if (estimate.nonfinite || estimate.oneSided) return false;
  if (ERROR_MULTIPLE * estimate.error <= verifiableError(a, estimate.value, tol, atol)) return true;
  return Math.abs(a - estimate.value) > DECISIVE * ERROR_MULTIPLE * estimate.error;
}

function worstError(estimates: readonly Estimate[]): number {
  return Math.max(...estimates.map((e) => (Number.isNaN(e.error) ? Number.POSITIVE_INFINITY : e.error)));
}

/**
 * The sharper look along a line: Richardson extrapolation over each ladder of `plans` in turn, until the
 * estimates settle every output (`analytic`, one value per output, against `atol`); the estimate with
 * the least error wins. A standard ladder that meets a domain edge inserts a ladder of 64× smaller steps
 * after itself, at most `plans.edgeLadders` times.
 */
export function* refineAlong(
  ctx: LineContext,
  line: Line,
  plans: Plans,
  analytic: ArrayLike<number>,
  atol: number,
): Generator<Call, Estimate[], unknown> {
  const ladders = [...plans.ladders];
  let best: Estimate[] | undefined;
  let edgeLadders = 0;
  for (let p = 0; p < ladders.length; p++) {
    const [base, plan] = ladders[p]!;
    const levels = yield* ladderAlong(ctx, line, base, plan);
    const estimates = levels.map((column, k) => refine(ctx.f0[k]!, column, ctx.noise[k]!, plan));
    if (best === undefined || worstError(estimates) < worstError(best)) best = estimates;
    if (best.every((estimate, k) => conclusive(estimate, analytic[k]!, ctx.tol, atol))) break;
    const atEdge = estimates.some((estimate) => estimate.oneSided || estimate.nonfinite);
    if (atEdge && plan === STANDARD_LADDER && edgeLadders < plans.edgeLadders) {
      edgeLadders++;
      ladders.splice(p + 1, 0, [base / 64, STANDARD_LADDER]);
    }
  }
  return best!;
}

/**
 * The sharper look at coordinate i, as per-coordinate mode gives a suspect and directional mode a
 * coordinate that group testing named: its ladders along the axis. One estimate per output of f.
 */
export function* refineCoordinate(
  ctx: LineContext,
  i: number,
  atol: number,
): Generator<Call, Estimate[], unknown> {
  const { m, n } = ctx;
  const analytic = new Float64Array(m);
  for (let k = 0; k < m; k++) analytic[k] = ctx.analytic[k * n + i]!;
  ctx.position.coordinate = i;
  const estimates = yield* refineAlong(ctx, coordinateLine(ctx, i), coordinatePlans(ctx, i), analytic, atol);
  ctx.position.coordinate = -1;
  return estimates;
}
