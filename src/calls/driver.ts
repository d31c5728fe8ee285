/**
 * Runs a check written as a generator of calls, synchronously while f and the gradient return plain
 * values, and asynchronously from the first Promise on. One check thus serves sync and async users,
 * and a sync check stays sync.
 */
import { EvaluationError } from '../util/errors.js';
import { isThenable } from '../util/maybe-async.js';

/** Call f, with the current point as argument. */
export const CALL_F = 0;
/** Call the derivative, with the current point as argument. */
export const CALL_DERIVATIVE = 1;
/** Await what the last direct call of f returned (see `Direct`). */
export const CALL_PENDING = 2;
/** What a check asks the driver for, by yielding it. */
export type Call = typeof CALL_F | typeof CALL_DERIVATIVE | typeof CALL_PENDING;

/** What `Direct.f` returns when f returned a Promise: the check then yields CALL_PENDING for its value. */
export const PENDING: unique symbol = Symbol('gradcheck.pending');

/**
 * Calls f in place, without a round trip through the generator protocol: the sweep over coordinates
 * calls f 2n times, and a yield, a resume and an iterator result per call cost as much as a cheap f.
 */
export interface Direct {
  f(): unknown;
  /** The Promise the last direct call returned, until the driver awaits it. */
  pending: PromiseLike<unknown> | undefined;
}

/** A Direct for this callee: errors are wrapped as for any call, a Promise is handed to the driver. */
export function directCaller(callee: Callee): Direct {
  const direct: Direct = {
    pending: undefined,
    f() {
      const output = invoke(CALL_F, callee);
      if (!isThenable(output)) return output;
      direct.pending = output;
      return PENDING;
    },
  };
  return direct;
}

/** The user's functions, and what a message about their errors needs to say. */
export interface Callee {
  f: (x: never) => unknown;
  derivative: (x: never) => unknown;
  /** Names of f and the derivative as the user knows them, for messages. */
  names: readonly [string, string];
  /** The argument to pass: the working copy of the current point. */
  argument: () => unknown;
  /** Where the check is, in words, for an error thrown by a call. */
  context: () => string;
}

function wrap(error: unknown, call: Call, callee: Callee, rejected: boolean): EvaluationError {
  const name = callee.names[call === CALL_DERIVATIVE ? 1 : 0];
  const message = error instanceof Error ? error.message : String(error);
  const verb = rejected ? 'rejected' : 'threw';
  return new EvaluationError(`${name} ${verb} ${callee.context()}: ${message}`, { cause: error });
}

function invoke(call: typeof CALL_F | typeof CALL_DERIVATIVE, callee: Callee): unknown {
  const fn = call === CALL_F ? callee.f : callee.derivative;
  try {
    return (fn as (x: unknown) => unknown)(callee.argument());
  } catch (error) {
    throw wrap(error, call, callee, false);
  }
}

/** The output of a call the check asked for: a new call, or the Promise a direct call left pending. */
function output(call: Call, callee: Callee, direct: Direct | undefined): unknown {
  if (call !== CALL_PENDING) return invoke(call, callee);
  const pending = direct?.pending;
  if (direct) direct.pending = undefined;
  return pending;
}

/**
 * Runs `check` to its end: synchronously while every call returns a plain value, and as a Promise from
 * the first call that returns one. A throw or rejection of f or the derivative becomes an EvaluationError.
 */
export function drive<R>(
  check: Generator<Call, R, unknown>,
  callee: Callee,
  direct?: Direct,
): R | Promise<R> {
  let input: unknown;
  for (;;) {
    const step = check.next(input);
    if (step.done) return step.value;
    const out = output(step.value, callee, direct);
    if (isThenable(out)) return continueAsync(check, step.value, out, callee, direct);
    input = out;
  }
}

async function continueAsync<R>(
  check: Generator<Call, R, unknown>,
  pendingCall: Call,
  pending: PromiseLike<unknown>,
  callee: Callee,
  direct: Direct | undefined,
): Promise<R> {
  let call = pendingCall;
  let result: unknown = pending;
  for (;;) {
    let input: unknown;
    try {
      input = await result;
    } catch (error) {
      throw wrap(error, call, callee, true);
    }
    const step = check.next(input);
    if (step.done) return step.value;
    call = step.value;
    result = output(call, callee, direct);
  }
}
