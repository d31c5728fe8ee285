/**
 * The VJP check: a vector-Jacobian product `uᵀJ` is the gradient of x ↦ ⟨u, f(x)⟩ for a seeded random
 * cotangent u, which is the identity ⟨u, J·v⟩ = ⟨uᵀJ, v⟩ coordinate by coordinate, so that a wrong entry
 * of the product is named by its path.
 */
import { callContext, callUser } from '../calls/blame.js';
import { requireFunction, runCheck } from '../check/run-check.js';
import { withAtolJudged } from '../compare/tolerance.js';
import type {
  CheckArguments,
  Gradient,
  Output,
  Params,
  ParamsLike,
  ProductOptions,
  Report,
} from '../types.js';
import { aboutValue, atCallSite, describeInput } from '../util/errors.js';
import { andThen, sequence } from '../util/maybe-async.js';
import { atVector, flattenOutput, merge, productSetup, shapeOfOutput, unitVector } from './products.js';

/**
 * Checks a vector-Jacobian product `vjp(x, u) = uᵀ·J` (the input's shape) through the identity
 * ⟨u, J·v⟩ = ⟨uᵀJ, v⟩: for `vectors` seeded random cotangents u per sample point, it checks that
 * `vjp(x, u)` is the gradient of x ↦ ⟨u, f(x)⟩, coordinate by coordinate, so that a wrong entry of the
 * cotangent is named by its path. Trailing arguments as for checkGradient: `(options)`, `(eps, tol)` or
 * `(eps, tol, options)`.
 */
export function checkVJP<X extends ParamsLike<X> = Params, U extends Output = Output>(
  f: (x: X) => U,
  vjp: (x: X, u: U) => Gradient<X>,
  ...args: CheckArguments<X, ProductOptions<X>>
): Report;
export function checkVJP<X extends ParamsLike<X> = Params, U extends Output = Output>(
  f: (x: X) => U | Promise<U>,
  vjp: (x: X, u: U) => Gradient<X> | Promise<Gradient<X>>,
  ...args: CheckArguments<X, ProductOptions<X>>
): Report | Promise<Report>;
export function checkVJP<X extends ParamsLike<X> = Params, U extends Output = Output>(
  f: (x: X) => U | Promise<U>,
  vjp: (x: X, u: U) => Gradient<X> | Promise<Gradient<X>>,
  ...args: CheckArguments<X, ProductOptions<X>>
): Report | Promise<Report> {
  return atCallSite(() => runVJP(f, vjp, args, 'checkVJP'), checkVJP);
}

/** checkVJP as the entry point `where` runs it. */
export function runVJP(
  f: unknown,
  vjp: unknown,
  args: readonly unknown[],
  where: string,
): Report | Promise<Report> {
  requireFunction(f, 'f (the function to differentiate)', where);
  requireFunction(vjp, 'the VJP', where);
  const { vectors, shape, points, rng, seed, checkOptions, startedAt, limit } = productSetup(
    args,
    where,
    'cotangents',
  );
  const call = f as (x: unknown) => unknown;
  const parts = sequence(points.length * vectors, (index) => {
    const point = points[Math.floor(index / vectors)]!;
    // Each (point, cotangent) is a sample of the report, and its messages say so.
    const sample = index + 1;
    // A copy: an f that writes to its input must not corrupt the point; the check of the sample names it.
    const values = new Float64Array(shape.n);
    shape.read(point, values, 'point');
    const first = callUser(
      'f',
      () => callContext(sample, seed, describeInput(point)),
      () => call(shape.build(values)),
      limit,
    );
    return andThen(first, (y0) => {
      const outputShape = shapeOfOutput(y0, 'the value returned by f');
      const u = unitVector(rng, outputShape.n);
      const cotangent = outputShape.build(u);
      const dot = (x: unknown) =>
        andThen(call(x), (y) =>
          aboutValue(() => {
            const flat = flattenOutput(y, outputShape, 'the value returned by f');
            // A value f returned, rather than ⟨u, y⟩: the message about a non-finite f names it.
            const nonfinite = flat.find((v) => !Number.isFinite(v));
            if (nonfinite !== undefined) return nonfinite;
            let sum = 0;
            for (let k = 0; k < flat.length; k++) sum += u[k]! * flat[k]!;
            return sum;
          }),
        );
      return andThen(
        runCheck(
          'gradient',
          dot,
          (x: unknown) => (vjp as (x: unknown, u: unknown) => unknown)(x, cotangent),
          [{ ...checkOptions, points: [point] }],
          where,
          { names: ['f', 'the VJP'], firstSample: sample, startedAt },
        ),
        // The call of f that sized the cotangent counts too.
        (report) =>
          atVector(
            { ...report, evaluations: report.evaluations + 1 },
            index,
            { vectors, points },
            outputShape.plain(u),
          ),
      );
    });
  });
  return andThen(parts, (reports) =>
    withAtolJudged(merge('vjp', reports), checkOptions.atol as number | undefined),
  );
}
