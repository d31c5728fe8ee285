/**
 * The clock and the timers every budget reads, taken once: a time limit must hold whatever a test does
 * to the global timers afterwards. Also the bound on the calls a derived check makes outside a check's
 * driver, where no Budget watches.
 */
import { isThenable } from '../util/maybe-async.js';

/**
 * The clock (ms, monotonic where the platform has `performance`) and the timers, taken when this module
 * loads: a test that installs fake timers afterwards (`vi.useFakeTimers()`) must not freeze the budget.
 */
export const now: () => number =
  typeof performance !== 'undefined' && typeof performance.now === 'function'
    ? performance.now.bind(performance)
    : Date.now;
/** setTimeout, as it was when this module loaded. */
export const startTimer = globalThis.setTimeout;
/** clearTimeout, as it was when this module loaded. */
export const stopTimer = globalThis.clearTimeout;

/** Longest delay a timer takes (2³¹ − 1 ms); a limit beyond it is no limit for a pending call. */
export const MAX_TIMER = 2 ** 31 - 1;

/**
 * The time on the clock budgets measure, for a check of several inner checks (a JVP's, one per point and
 * tangent) to start them all from its own start: they share its time limit, not one limit each.
 */
export function budgetClock(): number {
  return now();
}

/**
 * `value`, or when it is a Promise, a Promise of it that rejects with `late()` if it has not settled by
 * `deadline` (on budgetClock): for the calls a derived check makes outside a check's driver, which no
 * Budget watches. The timer is cleared as soon as the call settles, so none outlives the check.
 */
export function beforeDeadline<T>(
  value: T | PromiseLike<T>,
  deadline: number,
  late: () => Error,
): T | Promise<T> {
  if (!isThenable(value) || !(deadline < Number.POSITIVE_INFINITY)) return value as T | Promise<T>;
  const wait = Math.min(Math.max(0, deadline - now()), MAX_TIMER);
  return new Promise<T>((resolve, reject) => {
    const timer = startTimer(() => reject(late()), wait);
    Promise.resolve(value).then(
      (settled) => {
        stopTimer(timer);
        resolve(settled);
      },
      (error: unknown) => {
        stopTimer(timer);
        reject(error);
      },
    );
  });
}
