/**
 * The JVP check: a Jacobian-vector product `J·v` is the derivative of t ↦ f(x + t·v) at t = 0, checked
 * for seeded random unit tangents v, each by a gradient check (a scalar f) or a Jacobian check in t.
 */
import { requireFunction, runCheck } from '../check/run-check.js';
import { Shape } from '../params/shape.js';
import type { Output, Params, ParamsLike, ProductOptions, Report } from '../types.js';
import { andThen, sequence } from '../util/maybe-async.js';
import { flattenOutput, merge, productSetup, unitVector } from './products.js';

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
