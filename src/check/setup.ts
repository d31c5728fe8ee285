/**
 * What a check is set up with before its first call of f, shared by both modes, the sample loop and the
 * per-sample steps. It lives below all of them, so that none imports another's file for the type.
 */
import type { Budget } from '../calls/budget.js';
import type { Direct } from '../calls/driver.js';
import type { ResolvedOptions } from '../options/resolve.js';
import type { Shape } from '../params/shape.js';
import type { PointValues, Working } from '../params/working.js';
import type { PointSource } from '../sample/points.js';

/**
 * Where the check is, for the messages about an error that f throws or a value it returns: which sample,
 * which coordinate is perturbed (-1 for none) and to what value.
 */
export interface Position {
  sample: number;
  coordinate: number;
  value: number;
  /** Whether a direction that disagreed is being localised: a stop then cuts a finding short. */
  localizing: boolean;
}

/**
 * How messages say where the check is, in the terms of the user's call. A derived check runs an inner
 * check of functions of its own, at an input of its own (a JVP's f in t along the tangent): its messages
 * must still name the user's point, not the inner input.
 */
export interface PointWords {
  /** The input the function is called at now, printed: `x = [0.5, 0.25] with x[1] set to 0.25`. */
  input(): string;
  /** The point of the current sample (x0), printed: `x = [0.5, 0.25]`. */
  point(x0: PointValues): string;
  /** The coordinate being perturbed, if any: ` with x[1] = 0.25`, or ''. */
  moved(): string;
}

/** A coordinate of a sample's point that was rounded to float32 before f was first called there. */
export interface RoundedPoint {
  sample: number;
  path: string;
  from: number;
  to: number;
}

/** Everything a mode needs to run, fixed before the check starts. */
export interface CheckSetup {
  kind: 'gradient' | 'jacobian';
  /** The entry point the user called, for messages. */
  where: string;
  /** Names of f and of the derivative, as the user knows them. */
  names: readonly [string, string];
  /** The number of the first sample: 1, unless a derived check runs one inner check per sample of its own. */
  firstSample: number;
  /** What f returns are not the user's f's outputs (see CheckLayout.outputsAreNotF). */
  outputsAreNotF: boolean;
  /** Every row stays an object, however many (see CheckLayout.everyRow). */
  everyRow: boolean;
  /** Where the check is, as messages say it (see PointWords). */
  words: PointWords;
  options: ResolvedOptions;
  source: PointSource;
  shape: Shape;
  working: Working;
  /** The point of the current sample: a buffer of n values, which also built the working copy. */
  x0: PointValues;
  /** Mutable: where the check is (see Position). */
  position: Position;
  /** Calls f in place of `yield CALL_F` in the sweep over coordinates (see calls/driver.ts). */
  direct: Direct;
  /** The time and the calls of f the check may spend (timeLimit, maxEvaluations), and what it spent. */
  budget: Budget;
  /**
   * For a Jacobian whose f returns a structured value (a gradient returns the input's shape): the shape
   * of one output, read like any input. Without it, f returns a flat array of numbers, or a structure
   * whose shape the first value shows.
   */
  outputShape?: Shape;
  /**
   * Mutable: the first coordinate that rounding the point to float32 moved (f computes in float32), so
   * that the report says which point was checked; undefined while no point was rounded.
   */
  rounded?: RoundedPoint;
  /** The points are drawn in the shape of the user's `like`, whose values the check does not use. */
  drawnLike: boolean;
  /** Names entry (output k, coordinate i), for Hessians (`H[a, b]`) and products; default `J[k, path]`. */
  entryPath?: (k: number, i: number) => string;
}
