import { isThenable } from './maybe-async.js';

/**
 * Errors for mistakes in how a check was called. They are TypeErrors, thrown at the call, whose
 * message says what was expected and what was received, so that a user never reads a stack trace
 * from inside gradcheck.
 */
export function inputError(message: string): TypeError {
  const error = new TypeError(`gradcheck: ${message}`);
  // Drop the frames inside gradcheck: the user's call is the interesting one.
  Error.captureStackTrace?.(error, inputError);
  ours.add(error);
  return error;
}

/** The errors gradcheck made about the user's call, as opposed to a bug of its own, whose stack matters. */
const ours = new WeakSet<Error>();

/**
 * Runs `call` (the body of a public entry point `boundary`) so that an error gradcheck throws about the
 * user's input or function has a stack that starts at the user's call of `boundary`, not inside
 * gradcheck, also when it comes from a later step of an asynchronous check. The stack of an error the
 * user's f threw stays in its `cause`.
 */
export function atCallSite<T>(
  call: () => T | Promise<T>,
  boundary: (...args: never[]) => unknown,
): T | Promise<T> {
  let result: T | Promise<T>;
  try {
    result = call();
  } catch (error) {
    if (isOurs(error)) Error.captureStackTrace?.(error, boundary);
    throw error;
  }
  if (!isThenable(result)) return result;
  const restack = captureSite(boundary);
  return Promise.resolve(result).catch((error: unknown) => {
    if (isOurs(error)) restack(error);
    throw error;
  });
}

/**
 * Captures the stack of the user's call of `boundary` now, while it is still on the stack, and returns
 * a function that gives a later error (of an asynchronous step) that stack instead of its own.
 */
export function captureSite(boundary: (...args: never[]) => unknown): (error: Error) => void {
  const site: { stack?: string } = {};
  Error.captureStackTrace?.(site, boundary);
  return (error) => {
    const frames = site.stack?.indexOf('\n') ?? -1;
    if (frames >= 0) error.stack = `${error.name}: ${error.message}${site.stack!.slice(frames)}`;
  };
}

function isOurs(error: unknown): error is Error {
  return error instanceof EvaluationError || (error instanceof Error && ours.has(error));
}

/** Thrown when the user's f or gradient throws; the original error is kept as `cause`. */
export class EvaluationError extends Error {
  override name = 'GradcheckEvaluationError';
}

/** A short, safe description of any value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'bigint') return `a bigint (${value}n)`;
  if (typeof value === 'string')
    return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (typeof value === 'boolean') return `a boolean (${value})`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) {
    const length = (value as unknown as { length?: number }).length;
    return `${article(value.constructor.name)}${length === undefined ? '' : ` of length ${length}`}`;
  }
  if (isThenable(value)) return 'a Promise';
  const name =
    Object.getPrototypeOf(value) === Object.prototype
      ? 'an object'
      : article(value.constructor?.name ?? 'object');
  const keys = Object.keys(value);
  return keys.length === 0
    ? `${name} with no keys`
    : `${name} with keys ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}`;
}

/** A name with its indefinite article: "a Map", "an Int32Array". */
export function article(name: string): string {
  return `${/^[AEIOUaeiou]/.test(name) ? 'an' : 'a'} ${name}`;
}

/** Longest input printed in a message; the seed reproduces the point exactly anyway. */
const MAX_INPUT_LENGTH = 160;

/**
 * An input of f for a message, in the notation of coordinate paths: `x = 0.5`, `x = [0.5, -0.25]`, or
 * `{ W: [[0.1, 0.2]], b: [0] }` for an object (whose keys name themselves). Typed arrays print as arrays.
 */
export function describeInput(value: unknown): string {
  const print = (v: unknown): string => {
    if (typeof v === 'number') return String(v);
    if (Array.isArray(v) || v instanceof Float64Array || v instanceof Float32Array) {
      // A million coordinates would print for long before the text is cut: print the first few only.
      const items = Array.from(
        (v as ArrayLike<unknown>).length > 40 ? Array.prototype.slice.call(v, 0, 40) : v,
      );
      return `[${items.map(print).join(', ')}${items.length < v.length ? ', …' : ''}]`;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v).map(
        ([key, item]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${print(item)}`,
      );
      return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
    }
    return describeValue(v);
  };
  const isObject =
    value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value);
  const text = isObject ? print(value) : `x = ${print(value)}`;
  return text.length > MAX_INPUT_LENGTH ? `${text.slice(0, MAX_INPUT_LENGTH)}…` : text;
}
