/**
 * Functions of several arguments: `f(x, y)` with `{ args: [likeX, likeY] }` is checked as a function of
 * one object `{ arg0: x, arg1: y }`, and with `{ args: { x: likeX, W: likeW } }` as a function of
 * `{ x, W }`, so that every coordinate is named by its argument (`arg0[3]`, `arg1.W[0][2]`, or `x[3]`,
 * `W[0][2]`) and nothing else in the check needs to know. f takes its arguments in the order of the keys.
 */
import { aboutValue, describeValue, inputError } from '../util/errors.js';
import { andThen } from '../util/maybe-async.js';

type AnyFunction = (...args: unknown[]) => unknown;

/** The arguments of f as the check names them: their keys, in the order f takes them. */
interface Names {
  keys: readonly string[];
  /** Named by the user (`args` an object): a part may then come as an object with these keys too. */
  named: boolean;
}

const keyOf = (index: number) => `arg${index}`;

/** A plain object (of `{ … }` or `Object.create(null)`), false where asking throws (a revoked Proxy). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  try {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const proto: unknown = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
  } catch {
    return false;
  }
}

/** `Array.isArray`, false where asking throws (a revoked Proxy). */
function isArray(value: unknown): value is unknown[] {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * One value per argument (a point, what the gradient returned) as the object the check reads: a list in
 * the order of the arguments, or, for named arguments, an object with their keys.
 */
function toObject(parts: unknown, names: Names, what: string): Record<string, unknown> {
  const { keys, named } = names;
  if (named && isPlainObject(parts)) {
    // Checked here, not left to the shape: the first point sets the shape, so a key it lacks would reach f
    // as an undefined argument.
    const missing = keys.filter((key) => !Object.hasOwn(parts, key));
    const extra = Object.keys(parts).filter((key) => !keys.includes(key));
    if (missing.length > 0 || extra.length > 0) {
      const wrong = [
        ...(missing.length > 0 ? [`is missing ${missing.join(', ')}`] : []),
        ...(extra.length > 0 ? [`has ${extra.join(', ')}, which args does not name`] : []),
      ];
      throw inputError(
        `${what} should have one part per argument of f, under the keys of args (${keys.join(', ')}), but ${wrong.join(' and ')}.`,
      );
    }
    // In the order of args, whatever the order of the object: f takes its arguments in that order.
    return Object.fromEntries(keys.map((key) => [key, parts[key]]));
  }
  if (!isArray(parts) || parts.length !== keys.length) {
    const or = named ? `, or an object with keys ${keys.join(', ')}` : '';
    throw inputError(
      `${what} should be an array of ${keys.length} parts, one per argument of f${or}, but received ${describeValue(parts)}.`,
    );
  }
  return Object.fromEntries(parts.map((part, index) => [keys[index]!, part]));
}

/** The names of the arguments `args` lists, or a TypeError unless it lists at least one. */
function namesOf(args: unknown, where: string): Names {
  if (isArray(args) && args.length > 0) return { keys: args.map((_, index) => keyOf(index)), named: false };
  const keys = isPlainObject(args) ? Object.keys(args) : [];
  if (keys.length === 0) {
    // An empty array was meant as a list: the object form would only be noise in its message.
    const or = isArray(args) ? '' : ', or an object of them whose keys name the arguments';
    throw inputError(
      `${where}: args must be a non-empty array of templates, one per argument of f${or}, but received ${describeValue(args)}.`,
    );
  }
  return { keys, named: true };
}

/**
 * Rewrites a check of `f(...args)` as a check of `f'({ arg0, arg1, … })`, or of `f'({ x, W })` for named
 * arguments. Returns the options unchanged when they have no `args`.
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
  const names = namesOf(args, where);
  for (const key of ['like', 'dim', 'sample'] as const) {
    if (rest[key] !== undefined)
      throw inputError(
        `${where}: give args or ${key}, not both: args already says the shape of every argument.`,
      );
  }
  const spread = (p: unknown) => names.keys.map((key) => (p as Record<string, unknown>)[key]);
  const points = rest.points;
  if (points !== undefined) {
    if (!Array.isArray(points))
      throw inputError(
        `${where}: points must be an array of argument lists${names.named ? ' or of objects of arguments' : ''}, but received ${describeValue(points)}.`,
      );
    rest.points = points.map((point, index) => toObject(point, names, `${where}: points[${index}]`));
  } else {
    rest.like = names.named
      ? Object.fromEntries(names.keys.map((key) => [key, (args as Record<string, unknown>)[key]]))
      : toObject(args, names, `${where}: args`);
  }
  const name = kind === 'gradient' ? 'the gradient' : 'the Jacobian';
  const reshape = (value: unknown): unknown =>
    kind === 'gradient'
      ? toObject(value, names, `the value returned by ${name}`)
      : Array.isArray(value)
        ? value.map((row, k) => toObject(row, names, `row ${k} of the value returned by ${name}`))
        : value;
  const wrappedF = (p: unknown) => (f as AnyFunction)(...spread(p));
  const wrappedDerivative = (p: unknown) => {
    const value = (derivative as AnyFunction)(...spread(p));
    // Reshaped inside the call: a wrong shape is a TypeError about the value, not a throw of the gradient.
    return andThen(value, (v) => aboutValue(() => reshape(v)));
  };
  return { f: wrappedF, derivative: wrappedDerivative, options: rest };
}
