/**
 * Validation of the options a check (or `configure()`) receives: every name known, every value of the
 * right kind, each failure a TypeError that names the option and what it received. It runs before
 * anything else, so that a misspelt option fails loudly instead of being ignored.
 */
import type { CheckOptions } from '../types.js';
import { isRevokedProxy } from '../util/describe.js';
import { describeValue, inputError } from '../util/errors.js';
import { nearest } from './suggest.js';

const OPTION_NAMES = [
  'points',
  'like',
  'dim',
  'sample',
  'domain',
  'samples',
  'seed',
  'eps',
  'tol',
  'atol',
  'method',
  'refine',
  'nondeterminism',
  'precision',
  'mode',
  'directions',
  'maxEvaluations',
  'timeLimit',
  'coordinates',
  'args',
] as const;

/** The least relative tolerance that accepts a gradient of 0 for any numeric one: tol must stay below it. */
const MAX_TOL = 1;

/**
 * Most samples, and most directions a sample: each sample is a whole check (2 evaluations of f a
 * coordinate), each direction 4 evaluations a sample. A billion is days of work, and a typo more often
 * than a wish; a bound far above any use turns it into an error at the call.
 */
const MAX_SAMPLES = 10_000;
const MAX_DIRECTIONS = 10_000;

/** formatReport's options, which the matchers take too (for their message), and no check does. */
const FORMAT_OPTION_NAMES = ['maxRows'] as const;

/** Names of the options every check accepts, for adapters that add their own. */
export const optionNames: readonly string[] = OPTION_NAMES;

function positiveNumber(value: unknown, name: string, where: string): void {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw inputError(`${where}: ${name} must be a finite number > 0, but received ${describeValue(value)}.`);
  }
}

function count(value: unknown, name: string, where: string, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw inputError(
      `${where}: ${name} must be a whole number ≥ ${min}, but received ${describeValue(value)}.`,
    );
  }
}

/** Throws unless the count `value` of option `name` is at most `max`; `why` says what each one costs. */
function atMost(value: number, name: string, where: string, max: number, why: string): void {
  if (value > max) {
    throw inputError(`${where}: ${name} must be at most ${max}, but received ${value}: ${why}.`);
  }
}

/**
 * Throws unless `domain` is a pair [lo, hi] of finite numbers with lo < hi. `path` names the coordinate
 * (` for W[0]`) when the domain came from a function of the path.
 */
export function checkDomain(domain: unknown, where: string, path = ''): void {
  if (
    isRevokedProxy(domain) ||
    !Array.isArray(domain) ||
    domain.length !== 2 ||
    !domain.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    throw inputError(
      `${where}: domain${path} must be a pair [lo, hi] of finite numbers, but received ${describeValue(domain)}.`,
    );
  }
  if (!(domain[0] < domain[1])) {
    throw inputError(`${where}: domain${path} must have lo < hi, but received [${domain[0]}, ${domain[1]}].`);
  }
}

/** Throws unless `maxRows`, of formatReport and the matchers, is a whole number ≥ 1 or Infinity. */
export function checkMaxRows(value: unknown, where: string): void {
  if (value !== Number.POSITIVE_INFINITY) count(value, 'maxRows', where, 1);
}

/**
 * Throws a TypeError for the first unknown option (with a suggestion of the name meant) or value of the
 * wrong kind; `where` names the entry point the user called, for the message.
 */
export function validate(options: Record<string, unknown>, where: string): void {
  for (const key of Object.keys(options)) {
    // The matchers take maxRows out before their check sees the options: here it came to a check.
    if ((FORMAT_OPTION_NAMES as readonly string[]).includes(key)) {
      throw inputError(
        `${where}: ${key} is an option of formatReport and of the matchers, not of a check: pass it to formatReport(report, { ${key} }).`,
      );
    }
    if (!(OPTION_NAMES as readonly string[]).includes(key)) {
      // A misspelt maxRows in a matcher reaches this point too; it should hear the name it meant.
      const suggestion = nearest(key, [...OPTION_NAMES, ...FORMAT_OPTION_NAMES]);
      throw inputError(
        `${where}: unknown option "${key}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Known options: ${OPTION_NAMES.join(', ')}.`,
      );
    }
  }
  if (options.args !== undefined) {
    // checkGradient and checkJacobian take args apart before options get here; other checks do not.
    throw inputError(
      `${where}: args is for checkGradient and checkJacobian (and their matchers); wrap f to take one input here.`,
    );
  }
  const o = options as CheckOptions;
  const sources = (['points', 'like', 'dim', 'sample'] as const).filter((key) => o[key] !== undefined);
  if (sources.length > 1) {
    throw inputError(
      `${where}: give one of points, like, dim and sample, but received ${sources.join(' and ')}.`,
    );
  }
  if (o.points !== undefined && (!Array.isArray(o.points) || o.points.length === 0)) {
    throw inputError(
      `${where}: points must be a non-empty array of inputs, but received ${describeValue(o.points)}.`,
    );
  }
  if (o.dim !== undefined) count(o.dim, 'dim', where, 1);
  if (o.sample !== undefined && typeof o.sample !== 'function') {
    throw inputError(
      `${where}: sample must be a function (rng) => input, but received ${describeValue(o.sample)}.`,
    );
  }
  if (o.domain !== undefined && typeof o.domain !== 'function') checkDomain(o.domain, where);
  if (o.samples !== undefined) {
    count(o.samples, 'samples', where, 1);
    atMost(
      o.samples,
      'samples',
      where,
      MAX_SAMPLES,
      'each sample is a full check, at 2 evaluations of f a coordinate; a few samples find what many do, and another seed draws other points',
    );
  }
  if (
    o.seed !== undefined &&
    typeof o.seed !== 'string' &&
    !(typeof o.seed === 'number' && Number.isFinite(o.seed))
  ) {
    throw inputError(
      `${where}: seed must be a string or a finite number, but received ${describeValue(o.seed)}.`,
    );
  }
  if (o.eps !== undefined) positiveNumber(o.eps, 'eps', where);
  if (o.tol !== undefined && (typeof o.tol !== 'number' || !(o.tol >= 0) || !Number.isFinite(o.tol))) {
    throw inputError(`${where}: tol must be a finite number ≥ 0, but received ${describeValue(o.tol)}.`);
  }
  if (o.tol !== undefined && o.tol >= MAX_TOL) {
    // |a − n| ≤ tol·max(|a|, |n|) holds for a = 0 whenever tol ≥ 1, and for a = −n whenever tol ≥ 2.
    throw inputError(
      `${where}: tol must be below ${MAX_TOL}, but received ${describeValue(o.tol)}: tol is relative, and at tol ≥ 1 an analytic gradient of 0 agrees with any numeric one (at tol ≥ 2 one of the wrong sign does too), so the check could not fail. The default is 1e-7; a loose check takes 1e-4 or so.`,
    );
  }
  if (o.atol !== undefined && (typeof o.atol !== 'number' || !(o.atol >= 0) || !Number.isFinite(o.atol))) {
    throw inputError(`${where}: atol must be a finite number ≥ 0, but received ${describeValue(o.atol)}.`);
  }
  const oneOf = (name: string, value: unknown, allowed: readonly string[]) => {
    if (value !== undefined && !allowed.includes(value as string)) {
      throw inputError(
        `${where}: ${name} must be one of ${allowed.map((v) => `'${v}'`).join(', ')}, but received ${describeValue(value)}.`,
      );
    }
  };
  oneOf('method', o.method, ['central', 'central4', 'richardson', 'forward']);
  oneOf('precision', o.precision, ['auto', 'float64', 'float32']);
  oneOf('mode', o.mode, ['auto', 'coordinate', 'directional']);
  if (o.refine !== undefined && typeof o.refine !== 'boolean') {
    throw inputError(`${where}: refine must be true or false, but received ${describeValue(o.refine)}.`);
  }
  if (
    o.nondeterminism !== undefined &&
    (typeof o.nondeterminism !== 'number' || !(o.nondeterminism >= 0) || !Number.isFinite(o.nondeterminism))
  ) {
    throw inputError(
      `${where}: nondeterminism must be a finite number ≥ 0, but received ${describeValue(o.nondeterminism)}.`,
    );
  }
  if (o.directions !== undefined) {
    count(o.directions, 'directions', where, 1);
    atMost(
      o.directions,
      'directions',
      where,
      MAX_DIRECTIONS,
      'each direction costs 4 evaluations of f a sample, and moves every coordinate, so that a few already see a wrong one',
    );
  }
  if (o.maxEvaluations !== undefined && o.maxEvaluations !== Number.POSITIVE_INFINITY)
    count(o.maxEvaluations, 'maxEvaluations', where, 1);
  if (o.timeLimit !== undefined && (typeof o.timeLimit !== 'number' || !(o.timeLimit > 0))) {
    throw inputError(
      `${where}: timeLimit must be a number of milliseconds > 0 (Infinity for no limit), but received ${describeValue(o.timeLimit)}.`,
    );
  }
  if (o.coordinates !== undefined && typeof o.coordinates !== 'function')
    count(o.coordinates, 'coordinates', where, 1);
}
