/**
 * The one 1-D primitive of both modes, as FiniteDifferences.jl builds every derivative from one: a line
 * through the point (a coordinate axis, or a direction over a range of coordinates), f evaluated on both
 * sides of it at a ladder of steps, and Richardson extrapolation along it. Per-coordinate mode refines
 * its suspects here; directional mode measures its directions and confirms the coordinates that group
 * testing names here, with the same ladders, edge handling and stopping rule.
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
import { relativeStep, stepFor } from '../difference/steps.js';
import type { Shape } from '../params/shape.js';
import type { Working } from '../params/working.js';
import type { Precision } from '../util/float.js';
import type { Outputs } from './per-sample/outputs.js';
import type { CheckSetup, Position } from './setup.js';

/** Below this |x|, a coordinate also gets a ladder scaled to |x|: a step of max(1, |x|) may span a pole. */
const SMALL_COORDINATE = 0.01;
/** How many times a ladder that met a domain edge is followed by one of 64× smaller steps. */
const MAX_EDGE_LADDERS = 2;
/** How far past its own error a disagreement must be to settle a derivative without a wider ladder. */
const DECISIVE = 64;

/** The coordinates a check looks at: all of them (`null`), or a sorted list. */
export type Candidates = Int32Array | null;

/** What lines and ladders need from the sample being checked. */
export interface LineContext {
  n: number;
  m: number;
  shape: Shape;
  working: Working;
  x0: Float64Array;
  /** The analytic gradient (m = 1) or Jacobian, row-major: entry (k, i) at k·n + i. */
  analytic: Float64Array;
  f0: Float64Array;
  /** Estimated noise of each output of f at the point. */
  noise: Float64Array;
  tol: number;
  eps: number | undefined;
  /** Relative first-pass step of central differences at this precision. */
  relative: number;
  candidates: Candidates;
  position: Position;
  /** Reads what f returned into a fresh array of m values, validating it. */
  read: (raw: unknown) => Float64Array;
  /** Counts calls of f: the report's `evaluations` is exact. */
  counter: { evaluations: number };
  /** Names of f and of its derivative, for notes. */
  fName: string;
  dName: string;
  /** Names entry (k, i) as the report does: `x[3]`, or `J[k, x[3]]` for a Jacobian. */
  entryPath: (e: number) => string;
}

/** What a sample measured, as a line context needs it. */
export interface SampleValues {
  analytic: Float64Array;
  f0: Float64Array;
  noise: Float64Array;
  precision: Precision;
}

/** The line context of one sample of `setup`'s check, reading f through `outputs`. */
export function lineContext(
  setup: CheckSetup,
  outputs: Outputs,
  sample: SampleValues,
  candidates: Candidates,
): LineContext {
  const { options, shape } = setup;
  return {
    n: shape.n,
    m: sample.f0.length,
    shape,
    working: setup.working,
    x0: setup.x0,
    analytic: sample.analytic,
    f0: sample.f0,
    noise: sample.noise,
    tol: options.tol,
    eps: options.eps,
    relative: relativeStep('central', sample.precision),
    candidates,
    position: setup.position,
    read: (raw) => outputs.read(raw),
    counter: outputs.counter,
    fName: setup.names[0],
    dName: setup.names[1],
    entryPath: (e) => outputs.entryPath(e),
  };
}

/** A line through the point: `move(τ)` puts the working copy at x0 + τ·d and returns the τ it reached. */
export interface Line {
  move(tau: number): number;
  restore(): void;
}

/** The line along coordinate i: the ordinary partial derivative. Steps are those float storage takes. */
export function coordinateLine(ctx: LineContext, i: number): Line {
  const xi = ctx.x0[i]!;
  return {
    move(tau) {
      ctx.position.value = xi + tau;
      return ctx.working.set(i, xi + tau) - xi;
    },
    restore() {
      ctx.working.set(i, xi);
    },
  };
}

/**
 * The line along direction v/‖v‖ restricted to candidate positions [lo, hi), with grad·u over the same
 * range: the directions of directional mode, and the halves of them that group testing compares.
 */
export function rangeLine(
  ctx: LineContext,
  v: Float32Array,
  norm: number,
  lo: number,
  hi: number,
): Line & { analytic(magnitude?: Float64Array): Float64Array } {
  const { x0, working, candidates, n, m } = ctx;
  return {
    move(tau) {
      const c = tau / norm;
      if (candidates === null) {
        working.moveAlong(x0, v, c, lo, hi);
        return tau;
      }
      for (let p = lo; p < hi; p++) {
        const i = candidates[p]!;
        working.set(i, x0[i]! + c * v[i]!);
      }
      return tau;
    },
    restore() {
      if (candidates === null) {
        working.moveAlong(x0, v, 0, lo, hi);
        return;
      }
      for (let p = lo; p < hi; p++) {
        const i = candidates[p]!;
        working.set(i, x0[i]!);
      }
    },
    /** grad(x)·u over the range, for each output; Σ|∂f/∂x_i · u_i| into `magnitude` if given. */
    analytic(magnitude?: Float64Array) {
      const out = new Float64Array(m);
      for (let k = 0; k < m; k++) {
        const row = ctx.analytic.subarray(k * n, (k + 1) * n);
        let sum = 0;
        let size = 0;
        if (candidates === null) {
          for (let i = lo; i < hi; i++) {
            const term = row[i]! * v[i]!;
            sum += term;
            size += Math.abs(term);
          }
        } else {
          for (let p = lo; p < hi; p++) {
            const i = candidates[p]!;
            const term = row[i]! * v[i]!;
            sum += term;
            size += Math.abs(term);
          }
        }
        out[k] = sum / norm;
        if (magnitude) magnitude[k] = size / norm;
      }
      return out;
    },
  };
}

/** A central difference along a line: 2 evaluations. Returns the derivative of each output. */
export function* centralAlong(
  ctx: LineContext,
  line: Line,
  tau: number,
): Generator<Call, { numeric: Float64Array; step: number }, unknown> {
  const up = line.move(tau);
  const plus = ctx.read(yield CALL_F);
  const down = -line.move(-tau);
  const minus = ctx.read(yield CALL_F);
  line.restore();
  ctx.counter.evaluations += 2;
  const numeric = new Float64Array(ctx.m);
  for (let k = 0; k < ctx.m; k++) numeric[k] = (plus[k]! - minus[k]!) / (up + down);
  return { numeric, step: (up + down) / 2 };
}

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
