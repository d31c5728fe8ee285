/**
 * The JVP check: a Jacobian-vector product `J·v` is the derivative of t ↦ f(x + t·v) at t = 0, checked
 * for seeded random unit tangents v, each by a gradient check (a scalar f) or a Jacobian check in t.
 */
import { callContext, callUser } from '../calls/blame.js';
import { type CheckLayout, requireFunction, runCheck } from '../check/run-check.js';
import { withAtolJudged } from '../compare/tolerance.js';
import type { Shape } from '../params/shape.js';
import type { CheckArguments, Output, Params, ParamsLike, ProductOptions, Report } from '../types.js';
import { aboutValue, atCallSite, describeInput, describeValue, inputError } from '../util/errors.js';
import { andThen, sequence } from '../util/maybe-async.js';
import { atVector, flattenOutput, merge, productSetup, shapeOfOutput, unitVector } from './products.js';

/**
 * Checks a Jacobian-vector product `jvp(x, v) = J·v` (a number for a scalar f, else f's output shape)
 * against the derivative of t ↦ f(x + t·v) at t = 0, for `vectors` seeded random unit tangents v per
 * sample point. Trailing arguments as for checkGradient: `(options)`, `(eps, tol)` or `(eps, tol, options)`.
 */
export function checkJVP<X extends ParamsLike<X> = Params>(
  f: (x: X) => Output,
  jvp: (x: X, v: X) => Output,
  ...args: CheckArguments<X, ProductOptions<X>>
): Report;
export function checkJVP<X extends ParamsLike<X> = Params>(
  f: (x: X) => Output | Promise<Output>,
  jvp: (x: X, v: X) => Output | Promise<Output>,
  ...args: CheckArguments<X, ProductOptions<X>>
): Report | Promise<Report>;
export function checkJVP<X extends ParamsLike<X> = Params>(
  f: (x: X) => Output | Promise<Output>,
  jvp: (x: X, v: X) => Output | Promise<Output>,
  ...args: CheckArguments<X, ProductOptions<X>>
): Report | Promise<Report> {
  return atCallSite(() => runJVP(f, jvp, args, 'checkJVP'), checkJVP);
}

/** checkJVP as the entry point `where` runs it. */
export function runJVP(
  f: unknown,
  jvp: unknown,
  args: readonly unknown[],
  where: string,
): Report | Promise<Report> {
  requireFunction(f, 'f (the function to differentiate)', where);
  requireFunction(jvp, 'the JVP', where);
  const { vectors, shape, points, rng, seed, checkOptions, startedAt, limit } = productSetup(
    args,
    where,
    'tangents',
  );
  const pairs = points.flatMap((point) =>
    Array.from({ length: vectors }, () => ({ point, v: unitVector(rng, shape.n) })),
  );
  const parts = sequence(pairs.length, (index) => {
    const { point, v } = pairs[index]!;
    // Each (point, tangent) is a sample of the report, and its messages say so, with the user's point.
    const sample = index + 1;
    const base = new Float64Array(shape.n);
    shape.read(point, base, 'point');
    const along = (t: number) => {
      const values = base.map((b, i) => b + t * v[i]!);
      return (f as (x: unknown) => unknown)(shape.build(values));
    };
    // A copy, compared after the call: a JVP that writes to its point is named, and corrupts nothing.
    const input = shape.build(base);
    const product = callUser(
      'the JVP',
      () => callContext(sample, seed, describeInput(point)),
      () => (jvp as (x: unknown, v: unknown) => unknown)(input, shape.build(v)),
      limit,
    );
    return andThen(product, (product) => {
      const touched = mutation(shape, input, base);
      const layout: CheckLayout = {
        names: ['f', 'the JVP'],
        firstSample: sample,
        startedAt,
        at: { point, moved: (t) => (t === 0 ? undefined : `moved by t = ${t} along the tangent v`) },
      };
      // The first call of f (at t = 0) shows whether the JVP has f's output shape, as J·v must.
      let first = true;
      const matching = (y: unknown) => {
        if (first) requireOutputShape(product, y, sample, point);
        first = false;
      };
      const check =
        typeof product === 'number'
          ? runCheck(
              'gradient',
              (t: number) =>
                andThen(along(t), (y) =>
                  aboutValue(() => {
                    matching(y);
                    return y;
                  }),
                ),
              () => product,
              [{ ...checkOptions, points: [0] }],
              where,
              { ...layout, entryPath: () => 'J·v' },
            )
          : productCheck(product, along, matching, [{ ...checkOptions, points: [0] }], where, layout);
      if (touched === undefined) return check;
      return andThen(check, (report) => ({
        ...report,
        pass: false,
        problems: [
          ...report.problems,
          {
            kind: 'mutates-input' as const,
            sample,
            message: `the JVP mutates its input: ${touched}. Copy the input inside the JVP, or stop writing to it.`,
          },
        ],
      }));
    });
  });
  return andThen(parts, (reports) =>
    withAtolJudged(
      merge(
        'jvp',
        reports.map((r, index) =>
          atVector(
            relabelPoints(r, pairs[index]!.point, shape),
            index,
            { vectors, points },
            shape.plain(pairs[index]!.v),
          ),
        ),
      ),
      checkOptions.atol as number | undefined,
    ),
  );
}

/** The check of a structured product (not a number): a Jacobian check in t, one row per output of f. */
function productCheck(
  product: unknown,
  along: (t: number) => unknown,
  matching: (y: unknown) => void,
  args: readonly unknown[],
  where: string,
  layout: CheckLayout,
): Report | Promise<Report> {
  const outputShape = shapeOfOutput(product, 'the value returned by the JVP');
  const flatProduct = flattenOutput(product, outputShape, 'the value returned by the JVP');
  const rows = Array.from(flatProduct, (value) => [value]);
  return runCheck(
    'jacobian',
    (t: number) =>
      andThen(along(t), (y) =>
        aboutValue(() => {
          matching(y);
          return flattenOutput(y, outputShape, 'the value returned by f');
        }),
      ),
    () => rows,
    args,
    where,
    { ...layout, outputs: outputShape, entryPath: (output) => `J·v[${output}]` },
  );
}

/** Throws unless the product has the shape of f's value y: J·v is how f's output moves along v. */
function requireOutputShape(product: unknown, y: unknown, sample: number, point: unknown): void {
  // A value of no shape at all (a string, undefined) is f's own mistake, which the check words as such.
  if (y === null || (typeof y !== 'number' && typeof y !== 'object')) return;
  let same = typeof product === 'number' && typeof y === 'number';
  if (typeof product !== 'number' && typeof y !== 'number') {
    const shape = shapeOfOutput(product, 'the value returned by the JVP');
    try {
      flattenOutput(y, shape, 'the value returned by f');
      same = true;
    } catch {
      same = false;
    }
  }
  if (!same) {
    throw inputError(
      `the JVP returned ${describeValue(product)}, but f returned ${describeValue(y)} at the point of sample ${sample} (${describeInput(point)}): J·v has the shape of f's output.`,
    );
  }
}

/** Where `input` no longer holds `base` (the JVP wrote to it), in words, if anywhere. */
function mutation(shape: Shape, input: unknown, base: Float64Array): string | undefined {
  const after = new Float64Array(shape.n);
  try {
    shape.read(input, after, 'the input');
  } catch {
    return 'the input no longer has the shape of the point';
  }
  const i = after.findIndex((value, k) => !Object.is(value, base[k]));
  return i < 0 ? undefined : `${shape.path(i)} was ${base[i]} before the call and ${after[i]} after`;
}

/** A JVP sub-check runs in t; its report shows the point x it was taken at. */
function relabelPoints(report: Report, point: unknown, shape: Shape): Report {
  const values = new Float64Array(shape.n);
  shape.read(point, values, 'point');
  const plain = shape.plain(values);
  return { ...report, samples: report.samples.map((s) => ({ ...s, point: plain })) };
}
