/**
 * gradcheck/bun: importing this module (at the top of a test file, or from a setup file listed under
 * `preload` in bunfig.toml) adds `toHaveGradient`, `toHaveJacobian`, `toHaveHessian`, `toHaveJVP` and
 * `toHaveVJP` to the `expect` of `bun:test`, and to its typings.
 *
 * `bun:test` exists only inside Bun, so this entry imports it statically (the build keeps it external):
 * it is the one entry meant for Bun, and Bun's test globals are not on `globalThis` to be found.
 */
// For the compiler only: `bun:test` is declared by @types/bun. Declaration output drops the reference.
/// <reference types="bun" />
import { expect } from 'bun:test';
import { createMatchers } from './core.js';
import type {
  GradcheckMatcherSet,
  GradcheckMatchers,
  MatcherContext,
  MatcherResult,
  MatcherUtils,
} from './types.js';
import { BUN_MISPRINTS, withoutUtilities } from './utils.js';

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
 * The context Bun gives a matcher (`this`). Its `utils` has only a few of Jest's utilities; the
 * matchers use those that work and plain text for the rest, so any `utils` will do.
 */
export interface BunMatcherContext {
  isNot?: boolean;
  promise?: string;
  utils?: unknown;
}

/** A gradcheck matcher as Bun's `expect.extend` receives it. */
export type BunMatcher = (
  this: BunMatcherContext,
  received: unknown,
  ...args: unknown[]
) => MatcherResult | Promise<MatcherResult>;

/** The object to pass to Bun's `expect.extend`. */
export type BunMatcherSet = { [K in keyof GradcheckMatcherSet]: BunMatcher };

// Bun prints a custom matcher's `message()` only, and ignores its `expected`/`actual`, so the diff goes
// in the message. An async check needs no tracking: Bun waits for a matcher's Promise before returning.
const inBunStyle = createMatchers({ diffInMessage: true });

/**
 * Bun's context with its misprinting utilities taken out; the core's matchers complete the partial
 * `utils` that is left with plain text (utils.ts).
 */
const context = (ctx: BunMatcherContext): MatcherContext => ({
  isNot: ctx.isNot,
  promise: ctx.promise,
  utils: withoutUtilities(ctx.utils, BUN_MISPRINTS) as Partial<MatcherUtils>,
});

/**
 * The matchers in Bun's style, for a manual `expect.extend(matchers)`. Bun heads a failure with the
 * matcher's name and parameters as its source text spells them (`expect(received).toHaveGradient(gradient,
 * ...options)`), so each one is a method of that name.
 */
export const matchers: BunMatcherSet = {
  toHaveGradient(f, gradient, ...options) {
    return inBunStyle.toHaveGradient.call(context(this), f, gradient, ...options);
  },
  toHaveJacobian(f, jacobian, ...options) {
    return inBunStyle.toHaveJacobian.call(context(this), f, jacobian, ...options);
  },
  toHaveHessian(f, hessian, ...options) {
    return inBunStyle.toHaveHessian.call(context(this), f, hessian, ...options);
  },
  toHaveJVP(f, jvp, ...options) {
    return inBunStyle.toHaveJVP.call(context(this), f, jvp, ...options);
  },
  toHaveVJP(f, vjp, ...options) {
    return inBunStyle.toHaveVJP.call(context(this), f, vjp, ...options);
  },
};

expect.extend(matchers);

declare module 'bun:test' {
  // The type parameter repeats Bun's own declaration (`T = unknown`), as declaration merging requires.
  // `void`, as Bun's own matchers return: Bun waits for an async check before the call returns.
  interface Matchers<T = unknown> extends GradcheckMatchers<void, T> {}
}
