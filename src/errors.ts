/**
 * Errors for mistakes in how a check was called. They are TypeErrors, thrown at the call, whose
 * message says what was expected and what was received, so that a user never reads a stack trace
 * from inside gradcheck.
 */
export function inputError(message: string): TypeError {
  const error = new TypeError(`gradcheck: ${message}`);
  // Drop the frames inside gradcheck: the user's call is the interesting one.
  Error.captureStackTrace?.(error, inputError);
  return error;
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
    return `a ${value.constructor.name}${length === undefined ? '' : ` of length ${length}`}`;
  }
  if (value instanceof Promise) return 'a Promise';
  const name =
    Object.getPrototypeOf(value) === Object.prototype
      ? 'an object'
      : `a ${value.constructor?.name ?? 'object'}`;
  const keys = Object.keys(value);
  return keys.length === 0
    ? `${name} with no keys`
    : `${name} with keys ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}`;
}
