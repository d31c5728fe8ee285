/**
 * Un-awaited async checks. A check of an async f returns a Promise; a test that forgets to `await` it
 * ends before the check does, shows as passed, and the failure arrives later as an unhandled rejection
 * blamed on another test. Runners track their own async assertions (Vitest's `resolves`), but not the
 * Promise of a custom matcher, so the adapter tracks each async check it starts. At the end of the test
 * (a hook the adapter registers with the runner), a check still pending was not awaited: the hook awaits
 * it in the test's place and fails the test with the check's verdict and a word to `await` it.
 */
import { captureSite } from '../util/errors.js';
import type { MatcherResult } from './types.js';

/** One async check, as the runner's hook at the end of its test sees it. */
export interface TrackedCheck {
  /** What the matcher returns to the runner in place of the check's own Promise. */
  result: Promise<MatcherResult>;
  /**
   * Called at the end of the test that started the check: resolves when the check had settled (it was
   * awaited), and rejects with a "not awaited" error, after waiting for the check, when it had not.
   */
  atTestEnd: () => Promise<void>;
}

/**
 * Tracks `check`, the async result of the matcher `call` (as `expect(f).toHaveGradient(gradient)`),
 * called by the user through `boundary`.
 * `isNot` is the matcher's `.not` flag: once the hook has reported a check, the runner is handed a
 * result it does not throw on, so that the same failure does not also surface as an unhandled rejection.
 */
export function trackCheck(
  check: Promise<MatcherResult>,
  call: string,
  isNot: boolean,
  boundary: (...args: never[]) => unknown,
): TrackedCheck {
  // The error is thrown from a hook, so it takes the stack of the user's expect(...) call instead.
  const restack = captureSite(boundary);
  let settled = false;
  let reported = false;
  const outcome = check.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  void outcome.then(() => {
    settled = true;
  });
  const quiet: MatcherResult = { pass: !isNot, message: () => '' };
  const result = outcome.then((o) => {
    if (reported) return quiet;
    if (o.ok) return o.value;
    throw o.error;
  });
  const atTestEnd = async (): Promise<void> => {
    if (settled) return;
    reported = true;
    const o = await outcome;
    const failed = !o.ok || o.value.pass === isNot;
    const verdict = !o.ok
      ? `it threw:\n\n${describeError(o.error)}`
      : failed
        ? `it failed:\n\n${o.value.message()}`
        : 'it passed, but a check that is not awaited cannot fail its test.';
    const error = new Error(
      `${call} was not awaited. f or the derivative is async, so the check returns a Promise, and the test ended before it settled. Write \`await ${call}\`.\n\ngradcheck awaited the check at the end of the test instead; ${verdict}`,
    );
    restack(error);
    if (!o.ok) Object.assign(error, { cause: o.error });
    // Vitest renders the diff of an error that carries both sides, as it does for the matcher's own.
    else if (failed && o.value.expected !== undefined)
      Object.assign(error, { expected: o.value.expected, actual: o.value.actual });
    throw error;
  };
  return { result, atTestEnd };
}

function describeError(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'a value that cannot be printed';
  }
}

/**
 * The end-of-test hook for runners whose hooks are global (Jest's `afterEach`): checks are queued as
 * they start, and `flush` runs the end of each one queued since the last flush.
 */
export function createQueue(): { add: (atTestEnd: () => Promise<void>) => void; flush: () => Promise<void> } {
  let queued: Array<() => Promise<void>> = [];
  return {
    add: (atTestEnd) => {
      queued.push(atTestEnd);
    },
    flush: async () => {
      const ends = queued;
      queued = [];
      const errors = (await Promise.allSettled(ends.map((end) => end()))).flatMap((r) =>
        r.status === 'rejected' ? [r.reason as unknown] : [],
      );
      if (errors.length > 0) throw errors[0];
    },
  };
}
