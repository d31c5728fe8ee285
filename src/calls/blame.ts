/**
 * What the user reads when one of their functions throws: which function, under the name they know it
 * by (f, the gradient, the `gradient` option, the JVP...), and where (the sample, the seed, their
 * point). The driver blames the calls of a check here; a derived check blames the calls it makes outside
 * a check (a JVP's product, the VJP's first f) here too, so that every throw reads alike.
 */
import { EvaluationError, isAboutValue, thrownMessage } from '../util/errors.js';
import { isThenable } from '../util/maybe-async.js';

/** Where a call was made, in the user's terms: `at sample 2 (seed 7) on input x = [0.5, 0.25]`. */
export function callContext(sample: number, seed: string | number, input: string): string {
  return `at sample ${sample} (seed ${seed}) on input ${input}`;
}

/**
 * The error for a throw (or a rejection) of the user's function `name`, called `context`: an
 * EvaluationError that keeps the original as its cause. gradcheck's own message about a value its
 * wrapper read inside the call (aboutValue) is not the function's throw, and goes to the user as it is.
 */
export function blame(error: unknown, name: string, context: string, rejected: boolean): Error {
  if (isAboutValue(error)) return error;
  // Whatever was thrown, described without touching what could throw again (thrownMessage): an object
  // without a prototype cannot become a string, a revoked Proxy cannot even be asked for its class.
  const message = thrownMessage(name, rejected ? 'rejected' : 'threw', context, error);
  return new EvaluationError(message, { cause: error });
}

/**
 * Calls the user's function `name` outside a check's driver, a throw or rejection blamed as the driver
 * blames one; `context` is read only then.
 */
export function callUser(name: string, context: () => string, call: () => unknown): unknown {
  let value: unknown;
  try {
    value = call();
  } catch (error) {
    throw blame(error, name, context(), false);
  }
  if (!isThenable(value)) return value;
  return Promise.resolve(value).then(undefined, (error: unknown) => {
    throw blame(error, name, context(), true);
  });
}
