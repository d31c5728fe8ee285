/**
 * Checks beyond the gradient, each built on the gradient and Jacobian checks so that they share the
 * numerics, the tolerance rule, the reports and the diagnosis of f:
 *
 * - a Hessian is the Jacobian of the gradient (central differences of the user's gradient, or of a
 *   4th-order numeric gradient of f when none is given);
 * - a JVP `J·v` is the derivative of t ↦ f(x + t·v) at 0, for seeded random tangents v;
 * - a VJP `uᵀJ` is the gradient of x ↦ ⟨u, f(x)⟩ for a seeded random cotangent u, which is the identity
 *   ⟨u, J·v⟩ = ⟨uᵀJ, v⟩ coordinate by coordinate, so a wrong cotangent entry is named by its path.
 */
import { type Gradient, requireFunction, runCheck } from '../check/run-check.js';
import { WORST_KEPT, worstCoordinates } from '../check/sample-loop.js';
import { normalizeArguments, resolveOptions } from '../options/options.js';
import { Shape } from '../params/params.js';
import { makeRng, PointSource } from '../sample/points.js';
import type {
  CheckOptions,
  CoordinateResult,
  Params,
  ParamsLike,
  Problem,
  Report,
  SampleReport,
} from '../types.js';
import { describeValue, inputError } from '../util/errors.js';
import { andThen, sequence } from '../util/maybe-async.js';

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

/** A Hessian: one row per coordinate, each the input's shape (X) or a flat array of n numbers. */
export type Hessian<X = Params> = ReadonlyArray<Gradient<X>>;
/** What f returns for a JVP or VJP: a number, or any shape of numbers. */
export type Output = Params;

const DEFAULT_VECTORS = 2;
/** Relative step of the inner numeric gradient, ∜(2⁻⁵²)·… balanced for a 4th-order stencil: ε^(1/5). */
const INNER_RELATIVE_STEP = (2 ** -52) ** (1 / 5);

/** Splits our own option off the check options, validating it. */
function takeVectors(options: Record<string, unknown>, where: string): number {
  const vectors = options.vectors ?? DEFAULT_VECTORS;
  delete options.vectors;
  if (typeof vectors !== 'number' || !Number.isInteger(vectors) || vectors < 1) {
    throw inputError(`${where}: vectors must be a whole number ≥ 1, but received ${describeValue(vectors)}.`);
  }
  return vectors;
}

/**
 * What a JVP or VJP check needs from its options: the vectors per point, the points (drawn exactly as
 * checkGradient would draw them), a seeded stream for the vectors, and the options of each sub-check,
 * which runs at one given point.
 */
function productSetup(options: unknown, where: string, stream: string) {
  const raw = normalizeArguments([options], where);
  const vectors = takeVectors(raw, where);
  const { shape, points } = drawPoints(raw, where);
  const rng = makeRng(resolveOptions({ ...raw }, where).seed, stream);
  const {
    points: _points,
    like: _like,
    dim: _dim,
    sample: _sample,
    samples: _samples,
    ...checkOptions
  } = raw;
  return { vectors, shape, points, rng, checkOptions };
}

/** The sample points of a check, drawn exactly as checkGradient would draw them. */
function drawPoints(options: Record<string, unknown>, where: string): { shape: Shape; points: unknown[] } {
  const resolved = resolveOptions({ ...options }, where);
  const source = new PointSource(resolved, where);
  const values = new Float64Array(source.shape.n);
  const points = Array.from({ length: resolved.samples }, () => {
    source.next(values);
    return source.shape.build(values);
  });
  return { shape: source.shape, points };
}

/** A random vector of unit length. */
function unitVector(rng: () => number, length: number): Float64Array {
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

/** Several reports of one kind, one per (point, vector), as one report. */
function merge(kind: Report['kind'], parts: readonly Report[], extraProblems: Problem[] = []): Report {
  const samples: SampleReport[] = [];
  const problems: Problem[] = [...extraProblems];
  parts.forEach((part) => {
    for (const sample of part.samples) {
      const index = samples.length + 1;
      samples.push({ ...sample, index });
      for (const problem of part.problems)
        if (problem.sample === sample.index) problems.push({ ...problem, sample: index });
    }
    for (const problem of part.problems) if (problem.sample === undefined) problems.push(problem);
  });
  const worst = worstCoordinates(samples, WORST_KEPT);
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

/** Flattens an output of f (a number, or any Params shape) against the shape of the first output. */
function flattenOutput(value: unknown, shape: Shape, what: string): Float64Array {
  const out = new Float64Array(shape.n);
  shape.read(value, out, what);
  return out;
}

/**
 * Checks an analytic Hessian (n×n: one row per coordinate, each row the input's shape or a flat array)
 * against differences of the gradient (`{ gradient }`) or second differences of f. Entries are named
 * `H[W1[0][1], b1[2]]`. An analytic Hessian that is not symmetric where the numeric one is, fails.
 */
export function checkHessian<X extends ParamsLike<X> = Params>(
  f: (x: X) => number,
  hess: (x: X) => Hessian<X>,
  options?: HessianOptions<X>,
): Report;
export function checkHessian<X extends ParamsLike<X> = Params>(
  f: (x: X) => number | Promise<number>,
  hess: (x: X) => Hessian<X> | Promise<Hessian<X>>,
  options?: HessianOptions<X>,
): Report | Promise<Report>;
export function checkHessian<X extends ParamsLike<X> = Params>(
  f: (x: X) => number | Promise<number>,
  hess: (x: X) => Hessian<X> | Promise<Hessian<X>>,
  options: HessianOptions<X> = {},
): Report | Promise<Report> {
  return runHessian(f, hess, options, 'checkHessian');
}

/** checkHessian as the entry point `where` (a matcher, say) runs it. */
export function runHessian(
  f: unknown,
  hess: unknown,
  options: unknown,
  where: string,
): Report | Promise<Report> {
  requireFunction(f, 'f (the function to differentiate)', where);
  requireFunction(hess, 'the Hessian', where);
  const { gradient, ...rest } = normalizeArguments([options], where) as HessianOptions<Params>;
  if (gradient !== undefined) requireFunction(gradient, 'the gradient option', where);
  // Without a gradient, every call of the inner numeric gradient costs 4n calls of f: count those.
  let calls = 0;
  const counted = (x: Params) => {
    calls++;
    return (f as (x: Params) => unknown)(x);
  };
  const first = gradient ?? numericGradient(counted);
  const report = runCheck('jacobian', first, hess, [rest], where, {
    outputs: 'input',
    entryPath: (row, column) => `H[${row}, ${column}]`,
  });
  return andThen(report, (r) =>
    withSymmetry(
      gradient === undefined
        ? { ...r, kind: 'hessian', evaluations: calls }
        : { ...r, kind: 'hessian', evaluated: 'the gradient' },
    ),
  );
}

/**
 * A 4th-order central numeric gradient of f, as a function: f evaluated at x ± h e_i, x ± 2h e_i with
 * h = ε^(1/5)·max(1, |x_i|). Its own truncation error, O(h⁴), is far below what second differences resolve.
 */
function numericGradient(f: (x: Params) => unknown): (x: Params) => unknown {
  return (x) => {
    const shape = Shape.of(x, 'x', 'input');
    const base = new Float64Array(shape.n);
    shape.read(x, base, 'input');
    const at = (i: number, delta: number) => {
      const values = base.slice();
      values[i] = base[i]! + delta;
      const y = f(shape.build(values) as Params);
      if (typeof y !== 'number')
        throw inputError(`checkHessian: f must return a number, but returned ${describeValue(y)}.`);
      return { y, step: values[i]! - base[i]! };
    };
    const out = new Float64Array(shape.n);
    for (let i = 0; i < shape.n; i++) {
      const h = INNER_RELATIVE_STEP * Math.max(1, Math.abs(base[i]!));
      const p1 = at(i, h);
      const m1 = at(i, -h);
      const p2 = at(i, 2 * h);
      const m2 = at(i, -2 * h);
      const step = (p1.step - m1.step) / 2;
      out[i] = (8 * (p1.y - m1.y) - (p2.y - m2.y)) / (12 * step);
    }
    return shape.build(out);
  };
}

/** Adds a problem when the analytic Hessian is asymmetric beyond tolerance while the numeric one is not. */
function withSymmetry(report: Report): Report {
  const problems = [...report.problems];
  for (const sample of report.samples) {
    const byPath = new Map<string, CoordinateResult>(sample.coordinates.map((c) => [c.path, c]));
    for (const c of sample.coordinates) {
      const match = /^H\[(.*), (.*)\]$/.exec(c.path);
      if (match === null || match[1] === match[2]) continue;
      const mirror = byPath.get(`H[${match[2]}, ${match[1]}]`);
      if (mirror === undefined || c.path > mirror.path) continue;
      const allowed = Math.max(c.allowed, mirror.allowed);
      const analyticGap = Math.abs(c.analytic - mirror.analytic);
      const numericGap = Math.abs(c.numeric - mirror.numeric);
      if (analyticGap > allowed && numericGap <= allowed) {
        problems.push({
          kind: 'asymmetric',
          sample: sample.index,
          message: `the analytic Hessian is not symmetric: ${c.path} = ${c.analytic} but ${mirror.path} = ${mirror.analytic}, while the numeric Hessian has ${c.numeric} and ${mirror.numeric}.`,
        });
        break;
      }
    }
  }
  return { ...report, problems, pass: report.pass && problems.length === report.problems.length };
}

/**
 * Checks a Jacobian-vector product `jvp(x, v) = J·v` (a number for a scalar f, else f's output shape)
 * against the derivative of t ↦ f(x + t·v) at t = 0, for `vectors` seeded random unit tangents v per
 * sample point.
 */
export function checkJVP<X extends ParamsLike<X> = Params>(
  f: (x: X) => Output,
  jvp: (x: X, v: X) => Output,
  options?: ProductOptions<X>,
): Report;
export function checkJVP<X extends ParamsLike<X> = Params>(
  f: (x: X) => Output | Promise<Output>,
  jvp: (x: X, v: X) => Output | Promise<Output>,
  options?: ProductOptions<X>,
): Report | Promise<Report>;
export function checkJVP<X extends ParamsLike<X> = Params>(
  f: (x: X) => Output | Promise<Output>,
  jvp: (x: X, v: X) => Output | Promise<Output>,
  options: ProductOptions<X> = {},
): Report | Promise<Report> {
  return runJVP(f, jvp, options, 'checkJVP');
}

/** checkJVP as the entry point `where` runs it. */
export function runJVP(f: unknown, jvp: unknown, options: unknown, where: string): Report | Promise<Report> {
  requireFunction(f, 'f (the function to differentiate)', where);
  requireFunction(jvp, 'the JVP', where);
  const { vectors, shape, points, rng, checkOptions } = productSetup(options, where, 'tangents');
  const pairs = points.flatMap((point) =>
    Array.from({ length: vectors }, () => ({ point, v: unitVector(rng, shape.n) })),
  );
  const parts = sequence(pairs.length, (index) => {
    const { point, v } = pairs[index]!;
    const base = new Float64Array(shape.n);
    shape.read(point, base, 'point');
    const along = (t: number) => {
      const values = base.map((b, i) => b + t * v[i]!);
      return (f as (x: unknown) => unknown)(shape.build(values));
    };
    const tangent = shape.build(v);
    return andThen((jvp as (x: unknown, v: unknown) => unknown)(point, tangent), (product) => {
      if (typeof product === 'number') {
        return runCheck(
          'gradient',
          (t: number) => along(t),
          () => product,
          [{ ...checkOptions, points: [0] }],
          where,
          {
            entryPath: () => 'J·v',
          },
        );
      }
      const outputShape = Shape.of(product, 'y', 'the value returned by the JVP');
      const flatProduct = flattenOutput(product, outputShape, 'the value returned by the JVP');
      const rows = Array.from(flatProduct, (value) => [value]);
      return runCheck(
        'jacobian',
        (t: number) => andThen(along(t), (y) => flattenOutput(y, outputShape, 'the value returned by f')),
        () => rows,
        [{ ...checkOptions, points: [0] }],
        where,
        { outputs: outputShape, entryPath: (output) => `J·v[${output}]` },
      );
    });
  });
  return andThen(parts, (reports) =>
    merge(
      'jvp',
      reports.map((r, index) => relabelPoints(r, pairs[index]!.point, shape)),
    ),
  );
}

/** A JVP sub-check runs in t; its report shows the point x it was taken at. */
function relabelPoints(report: Report, point: unknown, shape: Shape): Report {
  const values = new Float64Array(shape.n);
  shape.read(point, values, 'point');
  const plain = shape.plain(values);
  return { ...report, samples: report.samples.map((s) => ({ ...s, point: plain })) };
}

/**
 * Checks a vector-Jacobian product `vjp(x, u) = uᵀ·J` (the input's shape) through the identity
 * ⟨u, J·v⟩ = ⟨uᵀJ, v⟩: for `vectors` seeded random cotangents u per sample point, it checks that
 * `vjp(x, u)` is the gradient of x ↦ ⟨u, f(x)⟩, coordinate by coordinate, so that a wrong entry of the
 * cotangent is named by its path.
 */
export function checkVJP<X extends ParamsLike<X> = Params, U extends Output = Output>(
  f: (x: X) => U,
  vjp: (x: X, u: U) => Gradient<X>,
  options?: ProductOptions<X>,
): Report;
export function checkVJP<X extends ParamsLike<X> = Params, U extends Output = Output>(
  f: (x: X) => U | Promise<U>,
  vjp: (x: X, u: U) => Gradient<X> | Promise<Gradient<X>>,
  options?: ProductOptions<X>,
): Report | Promise<Report>;
export function checkVJP<X extends ParamsLike<X> = Params, U extends Output = Output>(
  f: (x: X) => U | Promise<U>,
  vjp: (x: X, u: U) => Gradient<X> | Promise<Gradient<X>>,
  options: ProductOptions<X> = {},
): Report | Promise<Report> {
  return runVJP(f, vjp, options, 'checkVJP');
}

/** checkVJP as the entry point `where` runs it. */
export function runVJP(f: unknown, vjp: unknown, options: unknown, where: string): Report | Promise<Report> {
  requireFunction(f, 'f (the function to differentiate)', where);
  requireFunction(vjp, 'the VJP', where);
  const { vectors, points, rng, checkOptions } = productSetup(options, where, 'cotangents');
  const call = f as (x: unknown) => unknown;
  const parts = sequence(points.length * vectors, (index) => {
    const point = points[Math.floor(index / vectors)]!;
    return andThen(call(point), (y0) => {
      const outputShape = Shape.of(y0, 'y', 'the value returned by f');
      const u = unitVector(rng, outputShape.n);
      const cotangent = outputShape.build(u);
      const dot = (x: unknown) =>
        andThen(call(x), (y) => {
          const flat = flattenOutput(y, outputShape, 'the value returned by f');
          let sum = 0;
          for (let k = 0; k < flat.length; k++) sum += u[k]! * flat[k]!;
          return sum;
        });
      return andThen(
        runCheck(
          'gradient',
          dot,
          (x: unknown) => (vjp as (x: unknown, u: unknown) => unknown)(x, cotangent),
          [{ ...checkOptions, points: [point] }],
          where,
        ),
        // The call of f that sized the cotangent counts too.
        (report) => ({ ...report, evaluations: report.evaluations + 1 }),
      );
    });
  });
  return andThen(parts, (reports) => merge('vjp', reports));
}
