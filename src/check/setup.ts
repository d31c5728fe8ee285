/**
 * What a check is set up with before its first call of f, shared by both modes, the sample loop and the
 * per-sample steps. It lives below all of them, so that none imports another's file for the type.
 */
import type { Direct } from '../calls/driver.js';
import type { ResolvedOptions } from '../options/resolve.js';
import type { Shape } from '../params/shape.js';
import type { Working } from '../params/working.js';
import type { PointSource } from '../sample/points.js';

/**
 * Where the check is, for the messages about an error that f throws or a value it returns: which sample,
 * which coordinate is perturbed (-1 for none) and to what value.
 */
export interface Position {
  sample: number;
  coordinate: number;
  value: number;
}

/** Everything a mode needs to run, fixed before the check starts. */
export interface CheckSetup {
  kind: 'gradient' | 'jacobian';
  /** The entry point the user called, for messages. */
  where: string;
  /** Names of f and of the derivative, as the user knows them. */
  names: readonly [string, string];
  options: ResolvedOptions;
  source: PointSource;
  shape: Shape;
  working: Working;
  /** The point of the current sample: a buffer of n values, which also built the working copy. */
  x0: Float64Array;
  /** Mutable: where the check is (see Position). */
  position: Position;
  /** Calls f in place of `yield CALL_F` in the sweep over coordinates (see calls/driver.ts). */
  direct: Direct;
  /**
   * For a Jacobian whose f returns a structured value (a gradient returns the input's shape): the shape
   * of one output, read like any input. Without it, f returns a flat array of numbers, or a structure
   * whose shape the first value shows.
   */
  outputShape?: Shape;
  /** Names entry (output k, coordinate i), for Hessians (`H[a, b]`) and products; default `J[k, path]`. */
  entryPath?: (k: number, i: number) => string;
}
