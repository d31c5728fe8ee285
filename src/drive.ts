/**
 * Runs a check written as a generator of calls, synchronously while f and the gradient return plain
 * values, and asynchronously from the first Promise on. One engine thus serves sync and async users,
 * and a sync check stays sync.
 */
import { EvaluationError } from './errors.js';

/** What the engine asks the driver to call, with the current point as argument. */
export const CALL_F = 0;
export const CALL_DERIVATIVE = 1;
export type Call = typeof CALL_F | typeof CALL_DERIVATIVE;

export interface Callee {
  f: (x: never) => unknown;
  derivative: (x: never) => unknown;
  /** Names of f and the derivative as the user knows them, for messages. */
  names: readonly [string, string];
  /** The argument to pass: the working copy of the current point. */
  argument: () => unknown;
  /** Where the engine is, in words, for an error thrown by a call. */
  context: () => string;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function wrap(error: unknown, call: Call, callee: Callee, rejected: boolean): EvaluationError {
  const name = callee.names[call];
  const message = error instanceof Error ? error.message : String(error);
  const verb = rejected ? 'rejected' : 'threw';
  return new EvaluationError(`${name} ${verb} ${callee.context()}: ${message}`, { cause: error });
}

function invoke(call: Call, callee: Callee): unknown {
  const fn = call === CALL_F ? callee.f : callee.derivative;
  try {
    return (fn as (x: unknown) => unknown)(callee.argument());
  } catch (error) {
    throw wrap(error, call, callee, false);
  }
}

export function drive<R>(engine: Generator<Call, R, unknown>, callee: Callee): R | Promise<R> {
  let input: unknown;
  for (;;) {
    const step = engine.next(input);
    if (step.done) return step.value;
    const output = invoke(step.value, callee);
    if (isThenable(output)) return continueAsync(engine, step.value, output, callee);
    input = output;
  }
}

async function continueAsync<R>(
  engine: Generator<Call, R, unknown>,
  pendingCall: Call,
  pending: PromiseLike<unknown>,
  callee: Callee,
): Promise<R> {
  let call = pendingCall;
  let output: unknown = pending;
  for (;;) {
    let input: unknown;
    try {
      input = await output;
    } catch (error) {
      throw wrap(error, call, callee, true);
    }
    const step = engine.next(input);
    if (step.done) return step.value;
    call = step.value;
    output = invoke(call, callee);
  }
}
