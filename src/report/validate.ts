/**
 * What formatReport requires of its argument: a Report, or a TypeError that says what it received
 * instead, whose stack starts at the user's call.
 */
import type { Report } from '../types.js';
import { describeValue, inputError } from '../util/errors.js';
import { isThenable } from '../util/maybe-async.js';
import { WORDS } from './words.js';

/** The fields of a Report that formatting reads, with the type each must have. */
const REPORT_FIELDS = {
  pass: 'boolean',
  samples: 'array',
  problems: 'array',
  worst: 'array',
  settings: 'object',
};

/**
 * Throws a TypeError, whose stack starts at the user's call of `caller`, unless `value` looks like a
 * Report: what formatting reads would otherwise fail deep inside with "cannot read properties of
 * undefined".
 */
export function requireReport(
  value: unknown,
  caller: (...args: never[]) => unknown,
): asserts value is Report {
  const problem = notAReport(value);
  if (problem === undefined) return;
  const error = inputError(
    `formatReport: expected a Report (what checkGradient, checkJacobian, checkHessian, checkJVP and checkVJP return), but received ${problem}.`,
  );
  Error.captureStackTrace?.(error, caller);
  throw error;
}

/** What is wrong with `value` as a Report, in words, or undefined when nothing is. */
function notAReport(value: unknown): string | undefined {
  if (isThenable(value))
    return 'a Promise: await the check first (an async f or derivative makes it return a Promise of its Report)';
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return describeValue(value);
  try {
    const record = value as Record<string, unknown>;
    const kind = record.kind;
    if (typeof kind !== 'string' || !Object.hasOwn(WORDS, kind))
      return `${describeValue(value)}, whose kind is ${describeValue(kind)}`;
    for (const [key, type] of Object.entries(REPORT_FIELDS)) {
      const field = record[key];
      const ok = type === 'array' ? Array.isArray(field) : typeof field === type && field !== null;
      if (!ok) return `${describeValue(value)}, whose ${key} is ${describeValue(field)}`;
    }
  } catch {
    return describeValue(value);
  }
  return undefined;
}
