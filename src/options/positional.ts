/**
 * The positional form of a check's arguments: `(eps, tol)` and `(eps, tol, options)`, matching the
 * course's `<eps, tol>` pair, next to the usual `(options)`. Every entry point turns its arguments into
 * one options object here, before validation.
 */
import { describeValue, inputError } from '../util/errors.js';

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
    const positional: Record<string, unknown> = { ...((third as object | undefined) ?? {}) };
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
  if (typeof first !== 'object' || Array.isArray(first)) {
    throw inputError(
      `${where}: expected an options object or (eps, tol), but received ${describeValue(first)}.`,
    );
  }
  if (second !== undefined)
    throw inputError(`${where}: options come alone, or after (eps, tol); received a second argument.`);
  return { ...(first as Record<string, unknown>) };
}
