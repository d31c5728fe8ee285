/**
 * gradcheck/vitest: importing this module (in `setupFiles`, or at the top of a test file) adds
 * gradcheck's five matchers (`toHaveGradient`, `toHaveJacobian`,
 * `toHaveHessian`, `toHaveJVP`, `toHaveVJP`) to Vitest's `expect`, and to its typings.
 *
 * Vitest is reached through the global it keeps for its own `expect`, not through an import, so that
 * this file loads without Vitest's internals and the other entry points never pull Vitest in.
 */
import { createMatchers } from './core.js';
import type { GradcheckMatcherSet, GradcheckMatchers } from './types.js';

export type {
  GradcheckMatcher,
  GradcheckMatcherSet,
  GradcheckMatchers,
  HessianMatcherOptions,
  MatcherContext,
  MatcherOptions,
  MatcherResult,
  MatcherUtils,
  ProductMatcherOptions,
} from './types.js';

/**
 * The matchers in Vitest's style (Vitest renders the diff), for a manual `expect.extend(matchers)`. An
 * async check that its test does not await fails that test, through the test's own `onTestFinished`.
 */
export const matchers: GradcheckMatcherSet = createMatchers({
  diffInMessage: false,
  onAsyncCheck: (ctx, atTestEnd) => ctx.task?.context?.onTestFinished?.(atTestEnd),
});

interface Extendable {
  extend(matchers: GradcheckMatcherSet): void;
}

/** The symbol under which Vitest keeps its global `expect`, whether or not `globals: true` is set. */
const VITEST_EXPECT = Symbol.for('expect-global');

function runnerExpect(): Extendable | undefined {
  const scope = globalThis as { [VITEST_EXPECT]?: unknown; expect?: unknown };
  const candidate = (scope[VITEST_EXPECT] ?? scope.expect) as Partial<Extendable> | undefined;
  return typeof candidate?.extend === 'function' ? (candidate as Extendable) : undefined;
}

const expect = runnerExpect();
// `bun test` runs Vitest-style tests (it maps `vitest` imports to `bun:test`) but has no Vitest expect.
if (expect === undefined && (globalThis as { Bun?: unknown }).Bun !== undefined) {
  throw new Error(
    "gradcheck/vitest: this is Bun, which has no Vitest expect to extend. Under `bun test`, import 'gradcheck/bun' " +
      'instead (at the top of a test file, or in a setup file listed under `preload` in bunfig.toml): it ' +
      "registers the matchers on the expect of 'bun:test'.",
  );
}
if (expect === undefined) {
  throw new Error(
    "gradcheck/vitest: no Vitest expect found. Import 'gradcheck/vitest' from a Vitest setup file or test file; " +
      "in Jest import 'gradcheck/jest', and with the standalone expect package call " +
      "expect.extend(matchers) with the matchers of 'gradcheck/jest'.",
  );
}
expect.extend(matchers);

declare module 'vitest' {
  // The type parameter must repeat Vitest's own declaration exactly (`T = any`) for the interfaces to merge.
  // biome-ignore lint/suspicious/noExplicitAny: required by declaration merging with Vitest's Matchers<T = any>.
  interface Matchers<T = any> extends GradcheckMatchers<T, T> {}
}
