/**
 * Sync-or-async plumbing: a check stays synchronous while f and the derivative return plain values, and
 * becomes a Promise from the first Promise on.
 */

/**
 * True for a Promise or any other object with a `then` method. False where reading `then` throws (a
 * revoked Proxy, a getter): such a value is no Promise to wait for, and whoever reads it next names it.
 */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  try {
    return typeof (value as { then?: unknown }).then === 'function';
  } catch {
    return false;
  }
}

/** `next(value)`, now if `value` is plain, or once it resolves. Not named `then`: a module exporting `then` is itself a thenable to `await import()`. */
export function andThen<T, U>(value: T | PromiseLike<T>, next: (value: T) => U | Promise<U>): U | Promise<U> {
  return isThenable(value) ? Promise.resolve(value).then(next) : next(value);
}

/** Runs `steps` one after the other, synchronously until one returns a Promise. */
export function sequence<T>(count: number, step: (index: number) => T | Promise<T>): T[] | Promise<T[]> {
  const results: T[] = [];
  for (let index = 0; index < count; index++) {
    const result = step(index);
    if (isThenable(result)) {
      return (async () => {
        results.push(await result);
        for (let rest = index + 1; rest < count; rest++) results.push(await step(rest));
        return results;
      })();
    }
    results.push(result);
  }
  return results;
}
