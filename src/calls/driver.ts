/**
 * Runs a check written as a generator of calls, synchronously while f and the gradient return plain
 * values, and asynchronously from the first Promise on. One check thus serves sync and async users,
 * and a sync check stays sync. Every call is counted against the check's budget (budget.ts), and a
 * pending one raced against its time limit; running out is thrown into the check, never at the user.
 */
import { isThenable } from '../util/maybe-async.js';
import { blame } from './blame.js';
import { type Budget, isBudgetSignal, TIMED_OUT } from './budget.js';
import type { Hint } from './hints.js';

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
      const budget = callee.budget;
      budget?.beforeCall(false);
      const output = invoke(CALL_F, callee);
      if (!isThenable(output)) {
        budget?.afterCall(false);
        return output;
      }
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
  /** The time and the calls the check may spend: every call is counted, and a pending one raced. */
  budget?: Budget;
  /** What to add to the message of a throw of f (0) or the derivative (1): a first mistake's hint. */
  hint?: Hint;
}

function wrap(error: unknown, call: Call, callee: Callee, rejected: boolean): Error {
  const which = call === CALL_DERIVATIVE ? 1 : 0;
  return blame(error, callee.names[which], callee.context(), rejected, callee.hint?.(which, error));
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
  if (call !== CALL_PENDING) {
    const budget = callee.budget;
    budget?.beforeCall(call === CALL_DERIVATIVE);
    const out = invoke(call, callee);
    if (budget !== undefined && !isThenable(out)) budget.afterCall(call === CALL_DERIVATIVE);
    return out;
  }
  const pending = direct?.pending;
  if (direct) direct.pending = undefined;
  return pending;
}

/**
 * Runs `check` to its end: synchronously while every call returns a plain value, and as a Promise from
 * the first call that returns one. A throw or rejection of f or the derivative becomes an EvaluationError.
 * A signal of the budget (out of time or calls) is thrown into the check, which ends with what it has.
 */
export function drive<R>(
  check: Generator<Call, R, unknown>,
  callee: Callee,
  direct?: Direct,
): R | Promise<R> {
  let step = check.next();
  for (;;) {
    if (step.done) return step.value;
    let out: unknown;
    try {
      out = output(step.value, callee, direct);
    } catch (error) {
      if (!isBudgetSignal(error)) throw error;
      step = check.throw(error);
      continue;
    }
    if (isThenable(out)) return continueAsync(check, step.value, out, callee, direct);
    step = check.next(out);
  }
}

async function continueAsync<R>(
  check: Generator<Call, R, unknown>,
  pendingCall: Call,
  pending: PromiseLike<unknown>,
  callee: Callee,
  direct: Direct | undefined,
): Promise<R> {
  const budget = callee.budget;
  let call = pendingCall;
  let result: unknown = pending;
  try {
    for (;;) {
      // A plain value was counted when it was returned; a Promise is counted, and raced, here.
      const waited = budget !== undefined && isThenable(result);
      let input: unknown;
      try {
        input = await (waited ? budget.settle(result as PromiseLike<unknown>) : result);
      } catch (error) {
        throw wrap(error, call, callee, true);
      }
      let step: IteratorResult<Call, R>;
      if (input === TIMED_OUT) {
        step = check.throw(budget!.timedOut(call === CALL_DERIVATIVE ? 'derivative' : 'f'));
      } else {
        let signal: unknown;
        try {
          if (waited) budget.afterCall(call === CALL_DERIVATIVE);
        } catch (error) {
          if (!isBudgetSignal(error)) throw error;
          signal = error;
        }
        step = signal === undefined ? check.next(input) : check.throw(signal);
      }
      for (;;) {
        if (step.done) return step.value;
        call = step.value;
        try {
          result = output(call, callee, direct);
          break;
        } catch (error) {
          if (!isBudgetSignal(error)) throw error;
          step = check.throw(error);
        }
      }
    }
  } finally {
    budget?.release();
  }
}
