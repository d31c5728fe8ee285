/**
 * The one 1-D primitive of both modes, as FiniteDifferences.jl builds every derivative from one: a line
 * through the point, a coordinate axis or a direction over a range of coordinates, and f evaluated on
 * both sides of it. refine.ts climbs ladders of steps along a line; per-coordinate mode refines its
 * suspects along axes, and directional mode measures its directions and confirms the coordinates that
 * group testing names, with the same ladders, edge handling and stopping rule.
 */
import { CALL_F, type Call } from '../calls/driver.js';
import { largestMagnitude, RESOLUTION, type Resolution } from '../compare/tolerance.js';
import { relativeStep } from '../difference/steps.js';
import type { Shape } from '../params/shape.js';
import type { PointValues, Working } from '../params/working.js';
import { type Precision, UNIT_ROUNDOFF } from '../util/float.js';
import type { Outputs } from './per-sample/outputs.js';
import type { CheckSetup, Position } from './setup.js';

/** The coordinates a check looks at: all of them (`null`), or a sorted list. */
export type Candidates = Int32Array | null;

/** What lines and ladders need from the sample being checked. */
export interface LineContext {
  n: number;
  m: number;
  shape: Shape;
  working: Working;
  x0: PointValues;
  /** The analytic gradient (m = 1) or Jacobian, row-major: entry (k, i) at k·n + i. */
  analytic: Float64Array;
  f0: Float64Array;
  /** Estimated noise of each output of f at the point. */
  noise: Float64Array;
  tol: number;
  eps: number | undefined;
  /** Relative first-pass step of central differences at this precision. */
  relative: number;
  /** The unit roundoff of f's precision: any value y of f is rounded to about roundoff·|y|. */
  roundoff: number;
  /** What an agreement must resolve at f's precision (RESOLUTION). */
  resolution: Resolution;
  /** Resolution.floor of the sample's largest analytic entry: the scale tiny partials are resolved to. */
  floor: number;
  /** The largest finite |entry| of `analytic`, once: a pass over a million entries. */
  largest: number;
  candidates: Candidates;
  position: Position;
  /** Reads what f returned into a fresh array of m values, validating it. */
  read: (raw: unknown) => Float64Array;
  /** Counts calls of f: the report's `evaluations` is exact. */
  counter: { evaluations: number };
  /**
   * Mutable: the first time a ladder came back to the points of the first look at a coordinate and f
   * gave other values there (beyond `nondeterminism`): f depends on its history, not on x alone.
   */
  repeated?: { coordinate: number; output: number; first: number; again: number };
  /** The relative difference allowed between two calls of f at one point (the option). */
  nondeterminism: number;
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
  /** The largest finite |entry| of `analytic`, where it is known already. */
  largest?: number;
}

/** The line context of one sample of `setup`'s check, reading f through `outputs`. */
export function lineContext(
  setup: CheckSetup,
  outputs: Outputs,
  sample: SampleValues,
  candidates: Candidates,
): LineContext {
  const { options, shape } = setup;
  const largest = sample.largest ?? largestMagnitude(sample.analytic);
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
    roundoff: UNIT_ROUNDOFF[sample.precision],
    resolution: RESOLUTION[sample.precision],
    floor: floorAt(largest, sample.f0, setup.x0, RESOLUTION[sample.precision]),
    largest,
    candidates,
    position: setup.position,
    read: (raw) => outputs.read(raw),
    counter: outputs.counter,
    nondeterminism: options.nondeterminism,
    fName: setup.names[0],
    dName: setup.names[1],
    entryPath: (e) => outputs.entryPath(e),
  };
}

/**
 * `resolution.floor` of the scale of the sample's derivative: its largest finite |entry|, or, where that is 0,
 * the largest |f(x)| over the largest max(1, |x_i|) (the size a derivative has where f changes by
 * its own size over the point's scale). A constant f or a flat one past a hinge is then resolved against
 * its own values, not against a gradient of 0.
 */
export function scaleFloor(
  analytic: ArrayLike<number>,
  f0: ArrayLike<number>,
  x0: ArrayLike<number>,
  resolution: Resolution,
): number {
  return floorAt(largestMagnitude(analytic), f0, x0, resolution);
}

/** scaleFloor, for a derivative whose largest finite |entry| is `largest`. */
function floorAt(
  largest: number,
  f0: ArrayLike<number>,
  x0: ArrayLike<number>,
  resolution: Resolution,
): number {
  // f's own scale only where the derivative has none: f = 1e8 + Σx² must not resolve its partials to 1e6.
  // The point's extent, a pass over it, only then.
  return resolution.floor * (largest > 0 ? largest : largestMagnitude(f0) / largestMagnitude(x0, 1));
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
        working.writeRange(x0, lo, hi);
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
