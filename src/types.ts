/**
 * Public types of gradcheck. Everything a check returns is a plain, JSON-serialisable object, so that a
 * Report can be snapshotted, logged or sent to a custom reporter unchanged.
 */

/** A leaf container of coordinates. */
export type NumericArray = number[] | Float64Array | Float32Array;

/**
 * Anything gradcheck can differentiate with respect to: a number, an array or typed array of numbers,
 * nested arrays (matrices), or plain objects whose values are any of these, to any depth.
 */
export type Params = number | NumericArray | readonly Params[] | { readonly [key: string]: Params };

/** One value inside an input, as {@link ParamsLike} requires it: `never` where it is not Params. */
type ParamsField<V> = V extends number
  ? number
  : V extends NumericArray
    ? V
    : V extends readonly (infer E)[]
      ? readonly ParamsField<E>[]
      : V extends (...args: never[]) => unknown
        ? never
        : V extends object
          ? { readonly [K in keyof V]-?: ParamsField<V[K]> }
          : never;

/**
 * Excludes callables from {@link ParamsLike}: every function has a `bind` method (lib.es5's `Function`,
 * so whatever `lib` says), no input does. Not generic, so that a constraint can be checked against it
 * before X is known.
 */
type NotCallable = { readonly bind?: never };

/**
 * The constraint `X extends ParamsLike<X>` of every input type X: X is {@link Params}, or X read field by
 * field is, so that an interface qualifies. An interface has no index signature, so that
 * `interface Net { W: number[][]; b: number[] }` is not a `Params`, but it is what the mapped type
 * here asks for. A field that is not Params (a string, a method, the members of a Map) becomes `never`,
 * and an optional field a required one, so that X fails the constraint as it fails Params.
 *
 * No conditional type at the top level, which TypeScript would reject as a circular constraint. A mapped
 * type returns a primitive unchanged and a function as `{}`, hence the last two terms: no string,
 * boolean or undefined, and nothing callable (nor an object with a field named `bind`).
 */
export type ParamsLike<X> = (Params | { readonly [K in keyof X]-?: ParamsField<X[K]> }) &
  (number | object) &
  NotCallable;

/**
 * The constraint of the arguments of an f of several arguments: each one a {@link ParamsLike}. The
 * array term makes A an array type, as a rest parameter requires.
 */
export type ArgumentsLike<A> = readonly unknown[] & { readonly [I in keyof A]: ParamsLike<A[I]> };

/**
 * A gradient: the input's shape with the partial derivatives as values, or a flat array of n numbers.
 * X is the input type, so that a gradient typed as the input's interface qualifies.
 */
export type Gradient<X = Params> = X | Params | NumericArray;

/** A Jacobian: one row per output of f, each the input's shape or a flat array of n numbers. */
export type Jacobian<X = Params> = ReadonlyArray<Gradient<X>>;

/** A Hessian: one row per coordinate, each the input's shape (X) or a flat array of n numbers. */
export type Hessian<X = Params> = ReadonlyArray<Gradient<X>>;

/** What f returns for a JVP or VJP: a number, or any shape of numbers. */
export type Output = Params;

/** A pair `[lo, hi]` from which sample values are drawn uniformly. */
export type Domain = readonly [number, number];

/** The seeded random source handed to a custom sampler: uniform on [0, 1). */
export type Rng = () => number;

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
  /** Random directions per sample in directional mode, at most 10 000 (4 evaluations of f each). */
  directions?: number;
  /** Most calls of f (`Infinity`: none); more fail with `'budget'`. Under `mode: 'auto'` it picks the mode. */
  maxEvaluations?: number;
  /** Longest a check may run, in ms (`Infinity`: no limit); past it, it fails with `'budget'`. Default 3000. */
  timeLimit?: number;
  /**
   * For f of several arguments: one template per argument, as `like` is for one. Coordinates are named
   * by argument (`arg0[3]`, `arg1.W[0][2]`); the derivative returns one part per argument. With `points`,
   * each point is a list of arguments.
   */
  args?: readonly Params[];
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

/** How one coordinate fared. */
export type CoordinateStatus = 'ok' | 'mismatch' | 'kink' | 'nonfinite';

/** How a numeric derivative compared with the analytic one, whatever was differentiated. */
export interface Verdict {
  /** The analytic derivative the user supplied. */
  analytic: number;
  /** The numeric derivative. */
  numeric: number;
  /** `|analytic − numeric|`. */
  absErr: number;
  /** `absErr / max(|analytic|, |numeric|)`, 0 when both are 0. */
  relErr: number;
  /** The largest `absErr` that counts as agreement: `max(tol·scale, atol, k·errorEstimate)`. */
  allowed: number;
  /** Estimated error of `numeric` (truncation plus rounding). */
  errorEstimate: number;
  /** The step that produced `numeric`. */
  step: number;
  /** Stencil that produced `numeric`. */
  stencil: string;
  ok: boolean;
  status: CoordinateStatus;
  /** Plain words on anything special (kink slopes, one-sided stencil...). */
  note?: string;
}

/** The verdict on one coordinate (or one Jacobian entry) at one sample. */
export interface CoordinateResult extends Verdict {
  /** Readable path of the coordinate: `x`, `x[3]`, `W1[2][0]`; for a Jacobian `J[0, x[2]]`. */
  path: string;
  /** Value of the coordinate at the sample point. */
  x: number;
}

/** One checked point. */
export interface SampleReport {
  /** 1-based number of the sample, as printed. */
  index: number;
  /**
   * The point, in the shape of the input (typed arrays become plain arrays). Directional mode keeps a point
   * of more than 10 000 coordinates only where f or the derivative failed (`undefined` elsewhere): the seed
   * reproduces it.
   */
  point: unknown;
  /** f at the point (a number, or an array for a Jacobian). */
  value: number | number[];
  /** The seed's global metric `‖a − n‖₂ / (‖a‖₂ + ‖n‖₂)`, for comparison with the course's 1e-7 rule. */
  globalDiff: number;
  /** Number of coordinates that disagree. */
  mismatches: number;
  /** Every coordinate (or Jacobian entry) checked at this sample. */
  coordinates: CoordinateResult[];
  /** Estimated noise of f at the point (absolute). */
  noise: number;
  /** True when this sample replaced one drawn at a kink. */
  redrawn?: boolean;
  /** Directional mode: how each random direction fared. */
  directions?: DirectionResult[];
  /** Directional mode: how the wrong coordinates were found, when a direction disagreed. */
  localization?: LocalizationResult;
}

/**
 * Directional mode: the analytic `grad(x)·u` against the derivative of t ↦ f(x + t·u) at 0, for a random
 * unit direction u. For a Jacobian, one result per output of f.
 */
export interface DirectionResult extends Verdict {
  /** 1-based number of the direction within its sample. */
  index: number;
  /** The output of f (0 for a gradient). */
  output: number;
}

/** Directional mode: what group testing along the disagreeing directions of one sample found. */
export interface LocalizationResult {
  /** Paths of the coordinates found wrong; they are also in the sample's `coordinates`. */
  named: string[];
  /** Evaluations of f it used (included in the report's `evaluations`). */
  evaluations: number;
  /** Restricted directions it compared, 2 evaluations each. */
  tests: number;
  /** False when it stopped at its budget (10 names a sample) before the search was over: more may be wrong. */
  complete: boolean;
}

/** A diagnosis of the function itself, not of the gradient. */
export interface Problem {
  kind:
    | 'nondeterministic'
    | 'mutates-input'
    | 'nonfinite-value'
    | 'nonfinite-gradient'
    | 'kink'
    | 'asymmetric'
    | 'budget'
    /** f returned one value at every point of a sample while the derivative is not 0: constant, or cached. */
    | 'constant'
    /** The user's `atol` accepts the derivative negated, or 0: the check could not fail. */
    | 'meaningless-tolerance';
  /** Plain words for a human. */
  message: string;
  /** 1-based sample where it was seen. */
  sample?: number;
}

/** What `checkGradient` / `checkJacobian` return. */
export interface Report {
  pass: boolean;
  /** What was checked: a gradient, a Jacobian, a Hessian, or a Jacobian-vector / vector-Jacobian product. */
  kind: 'gradient' | 'jacobian' | 'hessian' | 'jvp' | 'vjp';
  mode: 'coordinate' | 'directional';
  seed: string | number;
  /** Number of coordinates of the input. */
  n: number;
  /** Number of outputs of f (1 for a gradient). */
  m: number;
  /** Calls of f, all included. */
  evaluations: number;
  /** What `evaluations` counts when it is not f: a Hessian checked from the gradient counts its calls. */
  evaluated?: string;
  /** Calls of the analytic gradient or Jacobian. */
  gradientEvaluations: number;
  /** Tolerances and stencil that applied. */
  settings: {
    tol: number;
    atol: number | 'auto';
    k: number;
    method: Method;
    precision: 'float64' | 'float32';
    eps: number | 'auto';
  };
  samples: SampleReport[];
  /** The worst coordinates over all samples, worst first (by absErr / allowed). */
  worst: Array<CoordinateResult & { sample: number }>;
  /** Problems with the function itself, or a check that ran out of budget; any of them fails the check. */
  problems: Problem[];
  /** Why `mode: 'auto'` ran directional though per-coordinate fit `maxEvaluations`: f's measured cost. */
  modeReason?: string;
}

/** Options of `formatReport`. */
export interface FormatOptions {
  /** Most rows in the table of coordinates. Default 20. */
  maxRows?: number;
}

/** Global defaults, set with `configure`: these options of CheckOptions. */
export type GlobalConfig = Pick<CheckOptions, 'seed' | 'samples' | 'tol' | 'maxEvaluations' | 'timeLimit'>;
