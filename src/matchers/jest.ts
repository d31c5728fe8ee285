/**
 * gradcheck/jest: importing this module from a Jest setup file (`setupFilesAfterEnv`) adds
 * gradcheck's five matchers (`toHaveGradient`, `toHaveJacobian`,
 * `toHaveHessian`, `toHaveJVP`, `toHaveVJP`) to Jest's global `expect`, and to the typings of both
 * `@types/jest` (the global `jest` namespace) and `expect` / `@jest/globals`. The compiler never reads a
 * setup file, so a TypeScript project loads these typings from tsconfig.json:
 * `"types": ["jest", "gradcheck/jest"]`.
 *
 * Its `matchers` also serve the standalone `expect` package, e.g. under `node:test`:
 * `expect.extend(matchers)`. Without a global `expect` the import registers nothing, so that such a
 * script can import it.
 */
import type { Matchers as ExpectPackageMatchers } from 'expect';
import { createMatchers } from './core.js';
import type { GradcheckMatcherSet, GradcheckMatchers } from './types.js';
import { createQueue } from './unawaited.js';

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

interface Extendable {
  extend(matchers: GradcheckMatcherSet): void;
}

type Hook = (hook: () => Promise<void>) => void;
const scope = globalThis as { expect?: Partial<Extendable>; afterEach?: Hook };

// Jest's hooks are global, so async checks are queued as they start and each test's afterEach ends
// the ones it started. Without a global afterEach (the standalone expect package) nothing is tracked.
const pending = createQueue();
const afterEach = scope.afterEach;
if (typeof afterEach === 'function') afterEach(pending.flush);

/** The matchers in Jest's style (the diff is in the message), for a manual `expect.extend(matchers)`. */
export const matchers: GradcheckMatcherSet = createMatchers({
  diffInMessage: true,
  onAsyncCheck: typeof afterEach === 'function' ? (_, atTestEnd) => pending.add(atTestEnd) : undefined,
});

const globalExpect = scope.expect;
if (typeof globalExpect?.extend === 'function') (globalExpect as Extendable).extend(matchers);

// Type parameters repeat the declarations being merged with, defaults included, as TypeScript requires.
declare global {
  namespace jest {
    // biome-ignore lint/complexity/noBannedTypes: `T = {}` is how @types/jest (and Vitest) declare it.
    interface Matchers<R, T = {}> extends GradcheckMatchers<R, T> {}
  }
}

declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends GradcheckMatchers<R, T> {}
}

/**
 * The matchers of `expect(value)` from `expect` or `@jest/globals`, gradcheck's included, e.g. to type a
 * helper that takes `expect(f)`. Exporting it also keeps `expect` in the user's program, which TypeScript
 * needs before it applies the augmentation above.
 */
export type ExpectMatchers<R extends void | Promise<void> = void> = ExpectPackageMatchers<R>;
