/**
 * The public types of a check's options and trailing arguments, and of formatReport's and configure's.
 * Re-exported by types.ts, the one home of public types.
 */
import type { Domain, Params, ParamsLike, Rng } from './inputs.js';

/** Finite-difference stencil for the first pass over every coordinate. */
export type Method = 'central' | 'central4' | 'richardson' | 'forward';

/** How the numeric side was computed: every coordinate, or random directions with localisation. */
export type Mode = 'auto' | 'coordinate' | 'directional';

/** Options shared by every check. All are optional; see docs/options.md. */
export interface CheckOptions<X extends ParamsLike<X> = Params> {
  /** Explicit points to check at. Excludes `like`, `dim` and `sample`. */
  points?: readonly X[];
  /** A template whose shape is kept and whose values are drawn from `domain`. */
  like?: X;
  /** Check at random `number[]` points of this length. */
  dim?: number;
  /** A custom sampler: returns one input from the seeded random source. */
  sample?: (rng: Rng) => X;
  /** Where random values come from: `[lo, hi]`, or a function of the coordinate path. Default `[-1, 1]`. */
  domain?: Domain | ((path: string) => Domain);
  /** How many random points to check, at most 10 000. Default 3. Ignored when `points` is given. */
  samples?: number;
  /** Seed of the random source. Default: `GRADCHECK_SEED`, then `configure({ seed })`, then a fixed seed. */
  seed?: string | number;
  /** An absolute finite-difference step. Default: automatic, scaled to each coordinate. */
  eps?: number;
  /** Relative tolerance per coordinate. Default 1e-7. */
  tol?: number;
  /** Absolute tolerance per coordinate. Default: a floor at the rounding level of the gradient's scale. */
  atol?: number;
  /** Stencil of the first pass over every coordinate. Default `'central'` (2 evaluations a coordinate). */
  method?: Method;
  /** Refine suspicious coordinates with extrapolated stencils before reporting them. Default true. */
  refine?: boolean;
  /** Relative difference allowed between two calls of f at the same point. Default 0 (bit-identical). */
  nondeterminism?: number;
  /** Floating-point precision of f. Default `'auto'`: float32 when inputs or values of f are float32. */
  precision?: 'auto' | 'float64' | 'float32';
  /** Per-coordinate or directional checking. Default `'auto'`: per-coordinate while it fits the budget. */
  mode?: Mode;
  /**
   * Random directions per sample in directional mode, at most 10 000 (4 evaluations of f each). Default
   * ⌈3 / samples⌉: 3 directions in all, 1 a sample with the default 3 samples.
   */
  directions?: number;
  /** Most calls of f (`Infinity`: none); more fail with `'budget'`. Under `mode: 'auto'` it picks the mode. */
  maxEvaluations?: number;
  /** Longest a check may run, in ms (`Infinity`: no limit); past it, it fails with `'budget'`. Default 3000. */
  timeLimit?: number;
  /**
   * For f of several arguments: one template per argument, as `like` is for one. Coordinates are named
   * by argument (`arg0[3]`, `arg1.W[0][2]`); the derivative returns one part per argument. With `points`,
   * each point is a list of arguments. An object `{ x: likeX, W: likeW }` names the arguments instead
   * (`x[3]`, `W[0][2]`): f still takes them in the order of the keys, and the derivative's parts and each
   * point may be a list in that order or an object with those keys.
   */
  args?: readonly Params[] | { readonly [name: string]: Params };
  /** Check only these coordinates: a count (a seeded random subset) or a predicate on the path. */
  coordinates?: number | ((path: string) => boolean);
}

/** Trailing arguments of a check: `(options)`, or the course's `(eps, tol)`, optionally with options. */
export type CheckArguments<X extends ParamsLike<X>, O = CheckOptions<X>> =
  | []
  | [options: O]
  | [eps: number, tol?: number]
  | [eps: number, tol: number, options: O];

/** Options of `checkHessian`: the check options, and optionally the gradient to differentiate. */
export interface HessianOptions<X extends ParamsLike<X> = Params> extends CheckOptions<X> {
  /** The analytic gradient of f. When given, the Hessian is checked against its differences. */
  gradient?: (x: X) => unknown;
}

/** Options of `checkJVP` and `checkVJP`: the check options, and how many random directions per point. */
export interface ProductOptions<X extends ParamsLike<X> = Params> extends CheckOptions<X> {
  /** Random tangents (JVP) or cotangents (VJP) per sample point. Default 2. */
  vectors?: number;
}

/** Options of `formatReport`. */
export interface FormatOptions {
  /** Most rows in the table of coordinates. Default 20. */
  maxRows?: number;
}

/** Global defaults, set with `configure`: these options of CheckOptions. */
export type GlobalConfig = Pick<CheckOptions, 'seed' | 'samples' | 'tol' | 'maxEvaluations' | 'timeLimit'>;
