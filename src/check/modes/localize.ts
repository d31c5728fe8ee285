/**
 * Random directions, lines through the point along them, and adaptive group testing that names the wrong
 * coordinates when a direction disagrees. Everything here is driven by directional.ts.
 *
 * A direction u is stored unnormalised as v (float32 is plenty: the same stored v is used for the analytic
 * product and for the perturbation, so its precision does not matter) with u = v/‖v‖. Restricting u to a
 * range of coordinates gives the "masked" directions of group testing: their discrepancies add up, so a
 * disagreement of the whole direction is carried by at least one of its halves.
 */

import { CALL_F, type Call } from '../../calls/driver.js';
import { allowedError, relativeError } from '../../compare/compare.js';
import {
  type Estimate,
  type Ladder,
  type Level,
  NOISE_AMPLIFICATION,
  refine,
  STANDARD_LADDER,
  stepFor,
  WIDE_LADDER,
} from '../../difference/difference.js';
import { ERROR_MULTIPLE } from '../../options/options.js';
import type { Shape, Working } from '../../params/params.js';
import type { CoordinateResult, CoordinateStatus, DirectionResult } from '../../types.js';

/** Below this |x|, an inconclusive coordinate also gets a ladder scaled to |x| (as per-coordinate mode). */
const SMALL_COORDINATE = 0.01;
/** How far past its own error a disagreement must be to settle a check without a wider ladder. */
const DECISIVE = 64;

/**
 * A 32-bit integer hash (Wellons' lowbias32), as a signed int32. Components of a direction are a hash of
 * (seed, index), so they cost no generator state and a million of them cost about two passes over the
 * input. The constants are written signed, so that the arithmetic stays in 32-bit integers.
 */
export function hash32(seed: number, index: number): number {
  let x = (seed + Math.imul(index, -1640531527)) | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, -2073450869);
  x ^= x >>> 16;
  return x;
}

/** The coordinates a check looks at: all of them (`null`), or a sorted list. */
export type Candidates = Int32Array | null;

/**
 * Fills `v` with a random direction over the candidates, leaving out `excluded`, and returns ‖v‖.
 *
 * Each component is a random sign times a magnitude uniform in [1, 2), times the coordinate's scale
 * max(1, |x|) (1 when the user fixed `eps`). Random signs give every coordinate the same weight in every
 * direction, so that no coordinate is left out by chance (a Gaussian component is below a tenth of its
 * typical size one time in twelve); the random magnitudes keep errors of opposite sign in two coordinates
 * from cancelling exactly. With the step t = h·‖v‖ each coordinate then moves by 1 to 2 times the step h
 * that per-coordinate mode would use for it.
 */
export function drawDirection(
  v: Float32Array,
  seed: number,
  x0: Float64Array,
  candidates: Candidates,
  scaled: boolean,
  excluded: ReadonlySet<number>,
): number {
  let norm2 = 0;
  seed |= 0;
  if (candidates === null) {
    for (let i = 0; i < v.length; i++) {
      v[i] = component(seed, i, scaled ? x0[i]! : 0);
      const stored = v[i]!;
      norm2 += stored * stored;
    }
  } else {
    v.fill(0);
    for (const i of candidates) {
      v[i] = component(seed, i, scaled ? x0[i]! : 0);
      const stored = v[i]!;
      norm2 += stored * stored;
    }
  }
  for (const i of excluded) {
    norm2 -= v[i]! * v[i]!;
    v[i] = 0;
  }
  return Math.sqrt(Math.max(norm2, 0));
}

/**
 * ±(1 + r)·max(1, |x|), with the sign and r in [0, 1) from the hash of (seed, i). The sign is applied
 * without a branch: a branch on a random bit is mispredicted half the time, and costs more than the hash.
 */
function component(seed: number, i: number, x: number): number {
  const bits = hash32(seed, i);
  const magnitude = 1 + (bits & 0x7fffffff) * 2 ** -31;
  const scale = x > 1 ? x : x < -1 ? -x : 1;
  return magnitude * ((bits >> 31) | 1) * scale;
}

/** What the lines, ladders and tests need from the engine that drives them. */
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
  position: { coordinate: number; value: number; phase: string };
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

/** A line through the point: `move(τ)` puts the working copy at x0 + τ·d and returns the τ it reached. */
export interface Line {
  move(tau: number): number;
  restore(): void;
}

/** The line along direction v/‖v‖ restricted to candidate positions [lo, hi). */
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

/** The tolerance rule at multiple `k` of the error estimate. */
export function agrees(
  a: number,
  numeric: number,
  tol: number,
  atol: number,
  k: number,
  error: number,
): boolean {
  return Math.abs(a - numeric) <= allowedError(a, numeric, tol, atol, k, error);
}

/**
 * An estimate settles a derivative when it is precise enough to verify it to tol (or atol), or when it
 * disagrees by far more than its own error; this is per-coordinate mode's rule.
 */
function conclusive(estimate: Estimate, a: number, tol: number, atol: number): boolean {
  if (estimate.nonfinite || estimate.oneSided) return false;
  const verifiable = Math.max(tol * Math.max(Math.abs(a), Math.abs(estimate.value)), atol);
  if (ERROR_MULTIPLE * estimate.error <= verifiable) return true;
  return Math.abs(a - estimate.value) > DECISIVE * ERROR_MULTIPLE * estimate.error;
}

function worstError(estimates: readonly Estimate[]): number {
  return Math.max(...estimates.map((e) => (Number.isNaN(e.error) ? Number.POSITIVE_INFINITY : e.error)));
}

/**
 * The sharper look of per-coordinate mode, along any line: Richardson extrapolation over ladders of steps,
 * from `base` (the standard ladder) and, while inconclusive, from each of `wider` in turn. The estimate
 * with the least error wins.
 */
export function* refineAlong(
  ctx: LineContext,
  line: Line,
  plans: ReadonlyArray<readonly [number, Ladder]>,
  analytic: Float64Array,
  atol: number,
): Generator<Call, Estimate[], unknown> {
  let best: Estimate[] | undefined;
  for (const [base, plan] of plans) {
    const levels = yield* ladderAlong(ctx, line, base, plan);
    const estimates = levels.map((column, k) => refine(ctx.f0[k]!, column, ctx.noise[k]!, plan));
    if (best === undefined || worstError(estimates) < worstError(best)) best = estimates;
    if (best.every((estimate, k) => conclusive(estimate, analytic[k]!, ctx.tol, atol))) break;
  }
  return best!;
}

/** The ladders per-coordinate mode tries for coordinate i, in order. */
export function coordinatePlans(ctx: LineContext, i: number): Array<readonly [number, Ladder]> {
  const xi = ctx.x0[i]!;
  const plans: Array<readonly [number, Ladder]> = [[stepFor(xi, ctx.relative, ctx.eps), STANDARD_LADDER]];
  if (ctx.eps === undefined) {
    if (Math.abs(xi) < SMALL_COORDINATE && xi !== 0)
      plans.push([ctx.relative * Math.abs(xi), STANDARD_LADDER]);
    plans.push([Math.max(1, Math.abs(xi)), WIDE_LADDER]);
  }
  return plans;
}

/** A verdict on one derivative from a refined estimate, kinks included (as in per-coordinate mode). */
export interface Verdict {
  numeric: number;
  errorEstimate: number;
  step: number;
  stencil: string;
  status: CoordinateStatus;
  ok: boolean;
  allowed: number;
  note?: string;
}

/**
 * Judges analytic `a` against a refined estimate with the tolerance rule at ERROR_MULTIPLE. `what` names
 * the line in notes: "f around x[3]", "f along direction 2".
 */
export function judge(a: number, estimate: Estimate, tol: number, atol: number, what: string): Verdict {
  const error = Number.isFinite(estimate.error) ? estimate.error : 0;
  const verdict: Verdict = {
    numeric: estimate.value,
    errorEstimate: estimate.error,
    step: estimate.step,
    stencil: estimate.stencil,
    status: 'ok',
    ok: true,
    allowed: allowedError(a, estimate.value, tol, atol, ERROR_MULTIPLE, error),
  };
  if (estimate.nonfinite) {
    verdict.status = 'nonfinite';
    verdict.note = `${what} is not finite on either side at any step tried`;
  } else if (estimate.oneSided) {
    verdict.note = `${what} is not finite on the ${estimate.oneSided === 'right' ? 'left' : 'right'} (a domain edge?); used a one-sided stencil on the ${estimate.oneSided}`;
  }
  if (estimate.slopes && !(Math.abs(a - estimate.value) <= verdict.allowed)) {
    const { left, right } = estimate.slopes;
    const between =
      a >= Math.min(left, right) - verdict.allowed && a <= Math.max(left, right) + verdict.allowed;
    verdict.status = 'kink';
    verdict.note = `not differentiable here: the slope from the left is ${fmt(left)}, from the right ${fmt(right)}${between ? `; ${fmt(a)} lies between them, so it is accepted as a one-sided derivative` : ''}`;
    if (between) verdict.numeric = a;
    verdict.ok = between;
    return verdict;
  }
  if (!Number.isFinite(a) || !Number.isFinite(verdict.numeric)) verdict.status = 'nonfinite';
  verdict.ok = verdict.status !== 'nonfinite' && Math.abs(a - verdict.numeric) <= verdict.allowed;
  if (verdict.status === 'ok' && !verdict.ok) verdict.status = 'mismatch';
  return verdict;
}

/** The fields of a report row (a coordinate's or a direction's) that the verdict on analytic `a` decides. */
export function verdictRow(
  a: number,
  verdict: Verdict,
): Omit<CoordinateResult, 'path' | 'x'> & Omit<DirectionResult, 'index' | 'output'> {
  const row: Omit<CoordinateResult, 'path' | 'x'> = {
    analytic: a,
    numeric: verdict.numeric,
    absErr: Math.abs(a - verdict.numeric),
    relErr: relativeError(a, verdict.numeric),
    allowed: verdict.allowed,
    errorEstimate: verdict.errorEstimate,
    step: verdict.step,
    stencil: verdict.stencil,
    ok: verdict.ok,
    status: verdict.status,
  };
  if (verdict.note !== undefined) row.note = verdict.note;
  return row;
}

function fmt(v: number): string {
  return Number(v.toPrecision(6)).toString();
}

/**
 * Checks coordinate i as per-coordinate mode checks a suspect: Richardson extrapolation over its ladders
 * of steps. Returns one result per output of f.
 */
export function* confirmCoordinate(
  ctx: LineContext,
  i: number,
  atol: number,
): Generator<Call, CoordinateResult[], unknown> {
  const { m, n } = ctx;
  ctx.position.coordinate = i;
  const analytic = new Float64Array(m);
  for (let k = 0; k < m; k++) analytic[k] = ctx.analytic[k * n + i]!;
  const line = coordinateLine(ctx, i);
  const estimates = yield* refineAlong(ctx, line, coordinatePlans(ctx, i), analytic, atol);
  ctx.position.coordinate = -1;
  const what = ctx.shape.path(i);
  return estimates.map((estimate, k) => {
    const a = analytic[k]!;
    const verdict = judge(a, estimate, ctx.tol, atol, `${ctx.fName} around ${what}`);
    const result: CoordinateResult = {
      path: ctx.entryPath(k * n + i),
      x: ctx.x0[i]!,
      ...verdictRow(a, verdict),
    };
    if (!Number.isFinite(a)) result.note = `${ctx.dName} returned ${a} for this coordinate`;
    return result;
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
  ctx.position.phase = 'localize';

  function* disagrees(lo: number, hi: number): Generator<Call, boolean, unknown> {
    const line = rangeLine(ctx, v, norm, lo, hi);
    const analytic = line.analytic();
    const { numeric } = yield* centralAlong(ctx, line, at.tau);
    outcome.tests++;
    for (let k = 0; k < ctx.m; k++) {
      const a = analytic[k]!;
      const num = numeric[k]!;
      const error = (NOISE_AMPLIFICATION.central * ctx.noise[k]!) / at.tau + at.directionError[k]!;
      const scale = Math.min(Math.max(Math.abs(a), Math.abs(num)), at.scale[k]!);
      if (!(Math.abs(a - num) <= Math.max(ctx.tol * scale, at.atol, error))) return true;
    }
    return false;
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
      ctx.position.phase = 'localize';
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
