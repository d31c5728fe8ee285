/**
 * The VJP check: a vector-Jacobian product `uᵀJ` is the gradient of x ↦ ⟨u, f(x)⟩ for a seeded random
 * cotangent u, which is the identity ⟨u, J·v⟩ = ⟨uᵀJ, v⟩ coordinate by coordinate, so that a wrong entry
 * of the product is named by its path.
 */
import { requireFunction, runCheck } from '../check/run-check.js';
import { Shape } from '../params/shape.js';
import type { Gradient, Output, Params, ParamsLike, ProductOptions, Report } from '../types.js';
import { andThen, sequence } from '../util/maybe-async.js';
import { flattenOutput, merge, productSetup, unitVector } from './products.js';

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
