/**
 * The public types of what a check returns: a Report, plain and JSON-serialisable, so that it can be
 * snapshotted, logged or sent to a custom reporter unchanged. Re-exported by types.ts.
 */
import type { Method } from './options.js';

/**
 * How one coordinate fared. `inconclusive`: the numbers agree, but only within an error estimate too
 * large to tell a relative error of 1e-3 (1e-2 in float32), so that the agreement proves nothing.
 */
export type CoordinateStatus = 'ok' | 'mismatch' | 'kink' | 'nonfinite' | 'inconclusive';

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
  /**
   * The check's power here: the smallest relative error in the analytic side that would have failed it,
   * `allowed / max(|analytic|, |numeric|)`. Absent where both sides are 0 (checked to `allowed` absolutely).
   */
  power?: number;
}

/** The verdict on one coordinate (or one Jacobian entry) at one sample. */
export interface CoordinateResult extends Verdict {
  /** Readable path of the coordinate: `x`, `x[3]`, `W1[2][0]`; for a Jacobian `J[0, x[2]]`. */
  path: string;
  /** Value of the coordinate at the sample point. */
  x: number;
}

/**
 * The numbers of every row of a sample too large to keep one object per row (more than 20 000 rows: at
 * n = 1e5 a per-coordinate sample would keep some 50 MB of them). Row j, in the order checked, is entry
 * `entries[j]` (k·n + i for output k and coordinate i); its `coordinates` then hold only the rows that
 * disagree and the sample's worst agreeing ones, as objects. Plain typed arrays: JSON.stringify writes
 * each as an object of its indices.
 */
export interface RowColumns {
  entries: Int32Array;
  /** The coordinate's value at the sample point. */
  x: Float64Array;
  analytic: Float64Array;
  numeric: Float64Array;
  allowed: Float64Array;
  /** The row's power (see Verdict.power), NaN where it has none. */
  power: Float64Array;
  /** 1 where the row agrees (`ok`). */
  ok: Uint8Array;
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
  /**
   * Every coordinate (or Jacobian entry) checked at this sample; for a sample of more than 20 000 rows
   * only those that disagree and the worst agreeing ones, with every row's numbers in `columns`.
   */
  coordinates: CoordinateResult[];
  /** How many rows were checked, where `coordinates` keeps only some of them (see RowColumns). */
  checked?: number;
  /** Every row's numbers, where `coordinates` keeps only some of them. */
  columns?: RowColumns;
  /** Estimated noise of f at the point (absolute). */
  noise: number;
  /** True when this sample replaced one drawn at a kink. */
  redrawn?: boolean;
  /** Directional mode: how each random direction fared. */
  directions?: DirectionResult[];
  /** Directional mode: how the wrong coordinates were found, when a direction disagreed. */
  localization?: LocalizationResult;
  /**
   * JVP and VJP: each sample is one random vector at one point, and this says which, with the vector
   * itself: the tangent v (JVP, in the input's shape) or the cotangent u (VJP, in the shape of f's
   * output), as plain arrays. `point` and `index` are 1-based; `points` and `vectors` are the counts.
   */
  vector?: { point: number; points: number; index: number; vectors: number; value: unknown };
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
  /**
   * When it stopped before the end, for an input of several parameter blocks: whether the failing
   * direction, restricted to each block, disagrees, so that a bug too wide to name is placed by block.
   */
  blocks?: Array<{ name: string; disagrees: boolean }>;
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
  /**
   * The shapes of the bug, where one explains every entry of a block within its tolerance: a constant
   * factor, a sign, a transposed or swapped block, an L2 term, a shift by one, zeros (per-coordinate
   * gradient checks).
   */
  patterns?: BugPattern[];
  /** Per parameter block, how many entries disagree (per-coordinate gradient checks of several blocks). */
  blocks?: BlockSummary[];
  /**
   * What the check proves: over the entries it checked, the smallest relative error in the analytic side
   * that would have failed it, entry by entry (the least over the samples, since an error present at every
   * point fails the check at any one of them). Absent when no entry had a non-zero scale.
   */
  power?: PowerSummary;
  /** The points were drawn at random in the shape of `like`, whose own values the check did not use. */
  drawnLike?: true;
  /**
   * f computes in float32, and a point held values float32 cannot: the check ran at the point rounded to
   * float32, the one f sees. The first coordinate rounding moved, with its value before and after.
   */
  rounded?: { sample: number; path: string; from: number; to: number };
  /** Why `mode: 'auto'` ran directional though per-coordinate fit `maxEvaluations`: f's measured cost. */
  modeReason?: string;
}

/** The power of a check over its entries: the least sensitive one, and the median. */
export interface PowerSummary {
  /** A relative error of this or more in any entry would have failed the check. */
  worst: number;
  /** The least sensitive entry (the one `worst` is of), and the sample where it was most sensitive. */
  path: string;
  sample: number;
  /** The median over entries of the smallest relative error that would have failed the check. */
  median: number;
  /** How many entries the figures are over; entries that are 0 on both sides are checked absolutely. */
  entries: number;
}

/** A shape of the disagreement, tested against the numbers, that explains every entry of its blocks. */
export interface BugPattern {
  kind: 'factor' | 'sign' | 'zeros' | 'transpose' | 'swap' | 'l2' | 'shift';
  /** The blocks it is about (`W1`): one, two for a swap, every block for the whole gradient. */
  blocks: string[];
  /** The fitted constant: c of a factor (analytic = c·numeric), or λ of an L2 term (a − n = λ·x). */
  value?: number;
  /** How many entries (over the samples) it explains, of how many the blocks have. */
  explained: number;
  entries: number;
  /** Plain words, with the evidence. */
  message: string;
}

/** How many entries of a parameter block disagree, in some sample, of how many it has. */
export interface BlockSummary {
  name: string;
  disagree: number;
  entries: number;
}
