/**
 * What the JVP and VJP checks share. Each runs one gradient or Jacobian check per (sample point, random
 * vector) at that point alone, so that they share the numerics, the tolerance rule and the diagnosis of
 * f; here are the points and vectors they run at, and the one report that their sub-checks' reports make.
 */
import type { TimeLimit } from '../calls/blame.js';
import { budgetClock } from '../calls/clock.js';
import { normalizeArguments } from '../options/positional.js';
import { resolveOptions } from '../options/resolve.js';
import { Shape } from '../params/shape.js';
import { PointSource } from '../sample/points.js';
import { makeRng } from '../sample/rng.js';
import type { Problem, Report, Rng, SampleReport } from '../types.js';
import { describeValue, inputError } from '../util/errors.js';
import { WORST_KEPT, worstFirst } from '../util/rank.js';

/** Random vectors per sample point when `vectors` is not given. */
const DEFAULT_VECTORS = 2;

/** Splits our own option off the check options, validating it. */
function takeVectors(options: Record<string, unknown>, where: string): number {
  const vectors = options.vectors ?? DEFAULT_VECTORS;
  delete options.vectors;
  if (typeof vectors !== 'number' || !Number.isInteger(vectors) || vectors < 1) {
    throw inputError(`${where}: vectors must be a whole number ≥ 1, but received ${describeValue(vectors)}.`);
  }
  return vectors;
}

/** What a JVP or VJP check runs with. */
export interface ProductSetup {
  /** Random vectors per sample point. */
  vectors: number;
  /** The shape of the input. */
  shape: Shape;
  /** The sample points, drawn exactly as checkGradient would draw them. */
  points: unknown[];
  /** The seeded stream the vectors are drawn from. */
  rng: Rng;
  /** The seed the check runs with, resolved (option, GRADCHECK_SEED, configure(), default), for messages. */
  seed: string | number;
  /** The options of each sub-check, which runs at one given point: the options without their points. */
  checkOptions: Record<string, unknown>;
  /**
   * When the check started (budgetClock): its sub-checks start their time limit from here, so that they
   * share one limit, and an f that hangs does not take it once per (point, vector).
   */
  startedAt: number;
  /** The time limit of the calls the check makes itself, outside its sub-checks. */
  limit: TimeLimit;
}

/**
 * The setup of a JVP or VJP check from its trailing arguments (`(options)`, `(eps, tol)` or
 * `(eps, tol, options)`, as for checkGradient), whose options are resolved once.
 */
export function productSetup(args: readonly unknown[], where: string, stream: string): ProductSetup {
  const startedAt = budgetClock();
  const raw = normalizeArguments(args, where);
  const vectors = takeVectors(raw, where);
  const resolved = resolveOptions({ ...raw }, where);
  const source = new PointSource(resolved, where);
  const values = new Float64Array(source.shape.n);
  const points = Array.from({ length: resolved.samples }, () => {
    source.next(values);
    return source.shape.build(values);
  });
  const rng = makeRng(resolved.seed, stream);
  const {
    points: _points,
    like: _like,
    dim: _dim,
    sample: _sample,
    samples: _samples,
    ...checkOptions
  } = raw;
  return {
    vectors,
    shape: source.shape,
    points,
    rng,
    seed: resolved.seed,
    checkOptions,
    startedAt,
    limit: { deadline: startedAt + resolved.timeLimit, timeLimit: resolved.timeLimit },
  };
}

/** A random vector of unit length. */
export function unitVector(rng: () => number, length: number): Float64Array {
  const v = new Float64Array(length);
  let norm = 0;
  for (let i = 0; i < length; i++) {
    v[i] = 2 * rng() - 1;
    norm += v[i]! * v[i]!;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < length; i++) v[i] = v[i]! / norm;
  return v;
}

/**
 * The shape of an output of f (or of a product), whatever its values: a NaN that f returns at a point is
 * a problem the check reports with that point, not a reason to refuse the call.
 */
export function shapeOfOutput(value: unknown, what: string): Shape {
  return Shape.of(finiteCopy(value, new Set()), 'y', what);
}

/** `value` with every non-finite number replaced by 0; anything Shape.of refuses is left for it to name. */
function finiteCopy(value: unknown, seen: Set<object>): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 0;
  if (value instanceof Float64Array || value instanceof Float32Array)
    return value.map((v) => (Number.isFinite(v) ? v : 0));
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  seen.add(value);
  // A sparse array's holes become undefined, which Shape.of refuses as it refuses a hole.
  let copy: unknown;
  if (Array.isArray(value)) copy = Array.from(value, (item) => finiteCopy(item, seen));
  else {
    // Own data properties, as Shape.build makes them: an assignment would make a "__proto__" key the prototype.
    const fields = Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, finiteCopy(item, seen)]),
    );
    copy = proto === null ? Object.assign(Object.create(null) as object, fields) : fields;
  }
  seen.delete(value);
  return copy;
}

/** Flattens an output of f (a number, or any Params shape) against the shape of the first output. */
export function flattenOutput(value: unknown, shape: Shape, what: string): Float64Array {
  const out = new Float64Array(shape.n);
  shape.read(value, out, what);
  return out;
}

/**
 * The sub-report of (point, vector) number `index` (0-based, points in order, `vectors` at each), its
 * samples marked with the pair and the vector itself, so that the text can name the pair and print the
 * vector the user's product was called with, instead of counting pairs as samples.
 */
export function atVector(
  report: Report,
  index: number,
  setup: { vectors: number; points: readonly unknown[] },
  value: unknown,
): Report {
  const vector = {
    point: Math.floor(index / setup.vectors) + 1,
    points: setup.points.length,
    index: (index % setup.vectors) + 1,
    vectors: setup.vectors,
    value,
  };
  return { ...report, samples: report.samples.map((s) => ({ ...s, vector })) };
}

/** Several reports of one kind, one per (point, vector), as one report. */
export function merge(kind: Report['kind'], parts: readonly Report[]): Report {
  const samples: SampleReport[] = [];
  const problems: Problem[] = [];
  parts.forEach((part) => {
    for (const sample of part.samples) {
      const index = samples.length + 1;
      samples.push({ ...sample, index });
      for (const problem of part.problems)
        if (problem.sample === sample.index) problems.push({ ...problem, sample: index });
    }
    for (const problem of part.problems) if (problem.sample === undefined) problems.push(problem);
  });
  const worst = worstFirst(samples, { kept: WORST_KEPT });
  const first = parts[0]!;
  return {
    ...first,
    kind,
    pass: problems.length === 0 && samples.every((s) => s.mismatches === 0),
    evaluations: parts.reduce((sum, p) => sum + p.evaluations, 0),
    gradientEvaluations: parts.reduce((sum, p) => sum + p.gradientEvaluations, 0),
    samples,
    worst,
    problems,
  };
}
