import { thrownMessage } from './describe.js';
import { isThenable } from './maybe-async.js';

/**
 * Errors for mistakes in how a check was called. They are TypeErrors, thrown at the call, whose
 * message says what was expected and what was received, so that a user never reads a stack trace
 * from inside gradcheck.
 */
export function inputError(message: string, options?: { cause?: unknown }): TypeError {
  const error = new TypeError(`gradcheck: ${message}`, options);
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

/** Errors gradcheck raised about a value inside a call of the user's function (see aboutValue). */
const aboutValues = new WeakSet<Error>();

/**
 * Runs `body`, gradcheck's own code inside a call of the user's function (a wrapper that reshapes what
 * the function returned, or that calls it several times), so that a TypeError it raises about a value
 * reaches the user as it is: it is about what the function returned, not a throw of the function.
 */
export function aboutValue<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (isObject(error) && ours.has(error)) aboutValues.add(error);
    throw error;
  }
}

/** Whether `error` is gradcheck's own message about a value, raised inside a call (see aboutValue). */
export function isAboutValue(error: unknown): error is Error {
  return isObject(error) && aboutValues.has(error);
}

function isOurs(error: unknown): error is Error {
  return isObject(error) && (ours.has(error) || instanceOf(error, EvaluationError));
}

function isObject(value: unknown): value is Error {
  return value !== null && (typeof value === 'object' || typeof value === 'function');
}

/** `instanceof`, false where it throws: a revoked Proxy throws when asked for its prototype. */
function instanceOf(value: unknown, type: abstract new (...args: never[]) => unknown): boolean {
  try {
    return value instanceof type;
  } catch {
    return false;
  }
}

/** Thrown when the user's f or gradient throws; the original error is kept as `cause`. */
export class EvaluationError extends Error {
  override name = 'GradcheckEvaluationError';
}

// The printers of values live in describe.ts; every message about a value imports them from here.
export {
  article,
  describeInput,
  describeThrown,
  describeValue,
  printNumber,
  thrownMessage,
} from './describe.js';

/**
 * Runs `read`, a step that reads a value of the user's (an option, a point, what a function returned) or
 * calls one of their callbacks (`domain`, `sample`), so that whatever it throws reaches the user as a
 * TypeError whose message names the option or the value and the path (`subject`, as thrownMessage words
 * it), with the original as its cause: a getter or a Proxy trap that throws must not surface as a bare
 * error from inside gradcheck. gradcheck's own errors pass unchanged.
 */
export function guarded<T>(read: () => T, subject: () => string): T {
  try {
    return read();
  } catch (error) {
    throw readFailure(error, subject());
  }
}

/** What `guarded` throws for `error`: gradcheck's own error as it is, anything else named by `subject`. */
export function readFailure(error: unknown, subject: string): Error {
  if (isOurs(error)) return error;
  return inputError(thrownMessage(subject, 'threw', '', error), { cause: error });
}
