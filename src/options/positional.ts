/**
 * The positional form of a check's arguments: `(eps, tol)` and `(eps, tol, options)`, matching the
 * course's `<eps, tol>` pair, next to the usual `(options)`. Every entry point turns its arguments into
 * one options object here, before validation.
 */
import { isRevokedProxy } from '../util/describe.js';
import { describeValue, guarded, inputError } from '../util/errors.js';

/**
 * Accepts `(options)`, `(eps, tol)` and `(eps, tol, options)`, the positional form matching the
 * course's `<eps, tol>` pair, and returns one options object.
 */
export function normalizeArguments(args: readonly unknown[], where: string): Record<string, unknown> {
  const [first, second, third] = args;
  if (args.length > 3)
    throw inputError(
      `${where}: expected at most (eps, tol, options), but received ${args.length} arguments.`,
    );
  if (typeof first === 'number' || (first === undefined && typeof second === 'number')) {
    if (third !== undefined && (third === null || typeof third !== 'object')) {
      throw inputError(
        `${where}: the third argument must be an options object, but received ${describeValue(third)}.`,
      );
    }
    const positional = copyOptions(third as object | undefined, where);
    if (first !== undefined) positional.eps = first;
    if (second !== undefined) {
      if (typeof second !== 'number') {
        throw inputError(
          `${where}: the second argument (tol) must be a number, but received ${describeValue(second)}.`,
        );
      }
      positional.tol = second;
    }
    return positional;
  }
  if (first === undefined || first === null) {
    if (second !== undefined)
      throw inputError(
        `${where}: expected (eps, tol) or (options), but received ${describeValue(second)} second.`,
      );
    return {};
  }
  if (typeof first !== 'object' || isRevokedProxy(first) || Array.isArray(first)) {
    throw inputError(
      `${where}: expected an options object or (eps, tol), but received ${describeValue(first)}.`,
    );
  }
  if (second !== undefined)
    throw inputError(`${where}: options come alone, or after (eps, tol); received a second argument.`);
  return copyOptions(first, where);
}

/**
 * The user's options object, copied key by key: a getter or a Proxy trap that throws while it is read
 * is named with the option it read, and a revoked Proxy as a value (which throws at any look) is refused
 * here, by name, before validation looks at it.
 */
function copyOptions(options: object | undefined, where: string): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  if (options === undefined) return copy;
  const keys = guarded(
    () => Object.keys(options),
    () => `${where}: reading the options`,
  );
  for (const key of keys) {
    const value = guarded(
      () => (options as Record<string, unknown>)[key],
      () => `${where}: reading the option ${key}`,
    );
    if (isRevokedProxy(value))
      throw inputError(`${where}: ${key} is a revoked Proxy, which cannot be read at all.`);
    copy[key] = value;
  }
  return copy;
}
