/**
 * Functions of several arguments: `f(x, y)` with `{ args: [likeX, likeY] }` is checked as a function of
 * one object `{ arg0: x, arg1: y }`, so that every coordinate is named by its argument (`arg0[3]`,
 * `arg1.W[0][2]`) and nothing else in the check needs to know.
 */
import { aboutValue, describeValue, inputError } from '../util/errors.js';
import { andThen } from '../util/maybe-async.js';

type AnyFunction = (...args: unknown[]) => unknown;

const keyOf = (index: number) => `arg${index}`;

function toObject(tuple: unknown, count: number, what: string): Record<string, unknown> {
  if (!Array.isArray(tuple) || tuple.length !== count) {
    throw inputError(
      `${what} should be an array of ${count} parts, one per argument of f, but received ${describeValue(tuple)}.`,
    );
  }
  return Object.fromEntries(tuple.map((part, index) => [keyOf(index), part]));
}

/**
 * Rewrites a check of `f(...args)` as a check of `f'({ arg0, arg1, … })`. Returns the options unchanged
 * when they have no `args`.
 */
export function spreadArguments(
  kind: 'gradient' | 'jacobian',
  f: unknown,
  derivative: unknown,
  options: Record<string, unknown>,
  where: string,
): { f: unknown; derivative: unknown; options: Record<string, unknown> } {
  if (options.args === undefined) return { f, derivative, options };
  const { args, ...rest } = options;
  if (!Array.isArray(args) || args.length === 0) {
    throw inputError(
      `${where}: args must be a non-empty array of templates, one per argument of f, but received ${describeValue(args)}.`,
    );
  }
  for (const key of ['like', 'dim', 'sample'] as const) {
    if (rest[key] !== undefined)
      throw inputError(
        `${where}: give args or ${key}, not both: args already says the shape of every argument.`,
      );
  }
  const count = args.length;
  const spread = (p: unknown) =>
    Array.from({ length: count }, (_, index) => (p as Record<string, unknown>)[keyOf(index)]);
  const points = rest.points;
  if (points !== undefined) {
    if (!Array.isArray(points))
      throw inputError(
        `${where}: points must be an array of argument lists, but received ${describeValue(points)}.`,
      );
    rest.points = points.map((point, index) => toObject(point, count, `${where}: points[${index}]`));
  } else {
    rest.like = toObject(args, count, `${where}: args`);
  }
  const name = kind === 'gradient' ? 'the gradient' : 'the Jacobian';
  const reshape = (value: unknown): unknown =>
    kind === 'gradient'
      ? toObject(value, count, `the value returned by ${name}`)
      : Array.isArray(value)
        ? value.map((row, k) => toObject(row, count, `row ${k} of the value returned by ${name}`))
        : value;
  const wrappedF = (p: unknown) => (f as AnyFunction)(...spread(p));
  const wrappedDerivative = (p: unknown) => {
    const value = (derivative as AnyFunction)(...spread(p));
    // Reshaped inside the call: a wrong shape is a TypeError about the value, not a throw of the gradient.
    return andThen(value, (v) => aboutValue(() => reshape(v)));
  };
  return { f: wrappedF, derivative: wrappedDerivative, options: rest };
}
