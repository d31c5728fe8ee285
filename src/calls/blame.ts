/**
 * What the user reads when one of their functions throws: which function, under the name they know it
 * by (f, the gradient, the `gradient` option, the JVP...), and where (the sample, the seed, their
 * point). The driver blames the calls of a check here; a derived check blames the calls it makes outside
 * a check (a JVP's product, the VJP's first f) here too, so that every throw reads alike.
 */
import { EvaluationError, isAboutValue, thrownMessage } from '../util/errors.js';
import { isThenable } from '../util/maybe-async.js';
import { beforeDeadline } from './clock.js';

/** Where a call was made, in the user's terms: `at sample 2 (seed 7) on input x = [0.5, 0.25]`. */
export function callContext(sample: number, seed: string | number, input: string): string {
  return `at sample ${sample} (seed ${seed}) on input ${input}`;
}

/**
 * The error for a throw (or a rejection) of the user's function `name`, called `context`: an
 * EvaluationError that keeps the original as its cause, its message followed by `hint` (a sentence of
 * hints.ts, or ''). gradcheck's own message about a value its wrapper read inside the call (aboutValue)
 * is not the function's throw, and goes to the user as it is.
 */
export function blame(error: unknown, name: string, context: string, rejected: boolean, hint = ''): Error {
  if (isAboutValue(error)) return error;
  // Whatever was thrown, described without touching what could throw again (thrownMessage): an object
  // without a prototype cannot become a string, a revoked Proxy cannot even be asked for its class.
  const message = thrownMessage(name, rejected ? 'rejected' : 'threw', context, error);
  // The user's own words may end without a full stop; the hint is a sentence of its own all the same.
  const hinted = hint === '' ? message : `${message}${/[.!?]$/.test(message) ? '' : '.'} ${hint}`;
  return new EvaluationError(hinted, { cause: error });
}

/**
 * Calls the user's function `name` outside a check's driver, a throw or rejection blamed as the driver
 * blames one; `context` is read only then.
 */
export function callUser(
  name: string,
  context: () => string,
  call: () => unknown,
  limit?: TimeLimit,
): unknown {
  let value: unknown;
  try {
    value = call();
  } catch (error) {
    throw blame(error, name, context(), false);
  }
  if (!isThenable(value)) return value;
  const settled =
    limit === undefined ? value : beforeDeadline(value, limit.deadline, () => late(name, context(), limit));
  return Promise.resolve(settled).then(undefined, (error: unknown) => {
    if (error instanceof LateCall) throw error.error;
    throw blame(error, name, context(), true);
  });
}

/** The time limit of a derived check, for the calls it makes itself: its end on budgetClock, and its size. */
export interface TimeLimit {
  deadline: number;
  timeLimit: number;
}

/** Marks the error of a call that did not settle in time, so that it is not blamed as a rejection. */
class LateCall extends Error {
  constructor(readonly error: Error) {
    super(error.message);
  }
}

function late(name: string, context: string, limit: TimeLimit): LateCall {
  return new LateCall(
    new EvaluationError(
      `${name} did not settle ${context}: its call was still pending when the time limit ran out (timeLimit: ${limit.timeLimit} ms). An async function that never resolves hangs a check; if it is only slow, raise the limit with { timeLimit }.`,
    ),
  );
}
