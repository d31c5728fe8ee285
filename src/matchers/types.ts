/**
 * Types shared by the Vitest, Jest and Bun adapters: the matcher signatures users call, what differs
 * between runners (RunnerStyle), and the small part of a runner's matcher context the adapters rely on.
 * The context is described structurally, so that nothing here depends on vitest, jest or expect being
 * installed. The public types come from src/types.ts alone, never from an implementation file.
 */
import type {
  ArgumentsLike,
  CheckArguments,
  CheckOptions,
  FormatOptions,
  Gradient,
  Hessian,
  HessianOptions,
  Jacobian,
  Output,
  Params,
  ParamsLike,
  ProductOptions,
} from '../types.js';

/**
 * The options of a matcher: its check's, and formatReport's for the failure message (`maxRows`). An
 * interface, so that the error on a misspelt option names one type a user can look up and suggests the
 * name meant: "'sampels' does not exist in type 'MatcherOptions<Params>'. Did you mean to write
 * 'samples'?" (test/integration/types.test.ts checks the suggestion for every matcher).
 */
export interface MatcherOptions<X extends ParamsLike<X> = Params> extends CheckOptions<X>, FormatOptions {}

/** The options of `toHaveHessian`: checkHessian's, and formatReport's for the failure message. */
export interface HessianMatcherOptions<X extends ParamsLike<X> = Params>
  extends HessianOptions<X>,
    FormatOptions {}

/** The options of `toHaveJVP` and `toHaveVJP`: those of checkJVP and checkVJP, and formatReport's. */
export interface ProductMatcherOptions<X extends ParamsLike<X> = Params>
  extends ProductOptions<X>,
    FormatOptions {}

/** A gradient of named arguments N: its parts in the order of N's keys, or an object with those keys. */
type NamedParts<N> = readonly Gradient<N[keyof N]>[] | { readonly [K in keyof N]: Gradient<N[K]> };

/** The input type of a received function, so that an unannotated derivative `(x) => ...` is typed. */
type InputOf<F> = F extends (x: infer X) => unknown ? (X extends ParamsLike<X> ? X : Params) : Params;

/**
 * A function of the input. Declared as a method, which TypeScript checks bivariantly, so that a typed
 * derivative still fits after `.resolves` strips the matcher's type parameter (X becomes `Params`).
 */
type DerivativeOf<X, D> = { derivative(x: X): D }['derivative'];

/** True when F is a function that returns a Promise (or another thenable). */
type IsAsync<F> = F extends (...args: never[]) => infer Out
  ? Out extends PromiseLike<unknown>
    ? true
    : false
  : false;

/**
 * What a matcher call returns: the runner's `R`, or a Promise where the received f or the derivative's
 * value `D` is async, since the check then settles later and must be awaited. Typed as a Promise, lint
 * rules such as `no-floating-promises` flag the missing `await`.
 */
type Returned<R, F, D> =
  IsAsync<F> extends true ? Promise<void> : D extends PromiseLike<unknown> ? Promise<void> : R;

/**
 * The matchers gradcheck adds to `expect(f)`. `R` is what a matcher call returns in the runner's
 * typings; an asynchronous f or derivative makes the call a Promise, to be awaited. `F` is the type of
 * the received value, when the runner's typings know it.
 */
export interface GradcheckMatchers<R = unknown, F = unknown> {
  /**
   * For f of several arguments: one template per argument in `args`, one gradient part per argument.
   * Listed first, because `.resolves` keeps only the last overload, which must be the common one.
   */
  toHaveGradient<
    A extends ArgumentsLike<A>,
    D extends readonly Gradient<A[number]>[] | Promise<readonly Gradient<A[number]>[]>,
  >(grad: (...args: A) => D, options: Omit<MatcherOptions<Params>, 'args'> & { args: A }): Returned<R, F, D>;
  /**
   * For f of several named arguments: `args` an object of templates, whose keys name the arguments in
   * the order f takes them (no type can follow that order, so the parameters go unchecked). The
   * gradient returns its parts in that order, or as an object with the same keys.
   */
  toHaveGradient<
    N extends { readonly [K in keyof N]: ParamsLike<N[K]> },
    D extends NamedParts<N> | Promise<NamedParts<N>>,
  >(
    grad: (...args: never[]) => D,
    options: Omit<MatcherOptions<Params>, 'args' | 'points'> & {
      args: N;
      points?: readonly (N | readonly N[keyof N][])[];
    },
  ): Returned<R, F, D>;
  /**
   * Checks that `grad` is the gradient of the received function, against finite differences at seeded
   * random points. Trailing arguments: `(options)`, the course's `(eps, tol)`, or `(eps, tol, options)`.
   */
  toHaveGradient<
    X extends ParamsLike<X> = InputOf<F>,
    D extends Gradient<X> | Promise<Gradient<X>> = Gradient<X>,
  >(grad: DerivativeOf<X, D>, ...args: CheckArguments<X, MatcherOptions<X>>): Returned<R, F, D>;
  /**
   * Checks that `jac` is the Jacobian `J[i][j] = ∂f_i/∂x_j` of the received function, which returns an
   * array of m outputs. Trailing arguments as for `toHaveGradient`.
   */
  toHaveJacobian<
    X extends ParamsLike<X> = InputOf<F>,
    D extends Jacobian<X> | Promise<Jacobian<X>> = Jacobian<X>,
  >(jac: DerivativeOf<X, D>, ...args: CheckArguments<X, MatcherOptions<X>>): Returned<R, F, D>;
  /**
   * Checks that `hess` (one row per coordinate, each the input's shape or flat) is the Hessian of the
   * received function: against differences of `options.gradient` when given, else second differences.
   * Trailing arguments as for `toHaveGradient`: `(options)`, `(eps, tol)` or `(eps, tol, options)`.
   */
  toHaveHessian<
    X extends ParamsLike<X> = InputOf<F>,
    D extends Hessian<X> | Promise<Hessian<X>> = Hessian<X>,
  >(hess: DerivativeOf<X, D>, ...args: CheckArguments<X, HessianMatcherOptions<X>>): Returned<R, F, D>;
  /**
   * Checks that `jvp(x, v)` is `J·v`, against the derivative of t ↦ f(x + t·v) for random tangents v.
   * Trailing arguments as for `toHaveGradient`.
   */
  toHaveJVP<X extends ParamsLike<X> = InputOf<F>, D extends Output | Promise<Output> = Output>(
    jvp: { product(x: X, v: X): D }['product'],
    ...args: CheckArguments<X, ProductMatcherOptions<X>>
  ): Returned<R, F, D>;
  /**
   * Checks that `vjp(x, u)` is `uᵀ·J`, coordinate by coordinate, for random cotangents u. Trailing
   * arguments as for `toHaveGradient`.
   */
  toHaveVJP<X extends ParamsLike<X> = InputOf<F>, D extends Gradient<X> | Promise<Gradient<X>> = Gradient<X>>(
    vjp: { product(x: X, u: Output): D }['product'],
    ...args: CheckArguments<X, ProductMatcherOptions<X>>
  ): Returned<R, F, D>;
}

/** Colours and printers of the runner, so that NO_COLOR and the runner's settings apply. */
export interface MatcherUtils {
  matcherHint(
    matcherName: string,
    received?: string,
    expected?: string,
    options?: { isNot?: boolean; promise?: string },
  ): string;
  printReceived(value: unknown): string;
  printWithType(name: string, value: unknown, print: (value: unknown) => string): string;
  stringify(value: unknown, maxDepth?: number): string;
  diff(
    expected: unknown,
    received: unknown,
    options?: { aAnnotation?: string; bAnnotation?: string },
  ): string | null | undefined;
  RECEIVED_COLOR(text: string): string;
  BOLD_WEIGHT(text: string): string;
  DIM_COLOR(text: string): string;
}

/** The part of Vitest's and Jest's matcher context (`this` inside a matcher) that gradcheck uses. */
export interface MatcherContext {
  isNot?: boolean;
  promise?: string;
  /** The runner's printers and colours; any that is missing is replaced by plain text. */
  utils?: Partial<MatcherUtils>;
  /** Vitest's test that runs the assertion; its context registers hooks on that test alone. */
  task?: { context?: { onTestFinished?: (hook: () => Promise<void>) => void } };
}

/** What differs between runners, which each entry point states for the runner it serves. */
export interface RunnerStyle {
  /**
   * Vitest renders `actual`/`expected` of a failed matcher as a diff itself, so its message must not
   * hold one too. Jest 30 and the standalone `expect` show only `message()`, so the diff goes there.
   */
  diffInMessage: boolean;
  /**
   * Registers the end-of-test hook of an async check with the runner, so that a check the test did not
   * await fails that test (see unawaited.ts). Absent where the runner has no hook to offer.
   */
  onAsyncCheck?: (ctx: MatcherContext, atTestEnd: () => Promise<void>) => void;
}

/** What a matcher returns to the runner. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
  /** The numeric estimate keyed by coordinate path, for the runner's diff (Vitest). */
  actual?: Record<string, number | string>;
  /** The analytic derivative keyed by coordinate path, for the runner's diff (Vitest). */
  expected?: Record<string, number | string>;
}

/** A gradcheck matcher as `expect.extend` receives it. */
export type GradcheckMatcher = (
  this: MatcherContext,
  received: unknown,
  ...args: unknown[]
) => MatcherResult | Promise<MatcherResult>;

/**
 * The object to pass to `expect.extend`. A type alias, not an interface: `expect.extend` takes a record
 * with a string index, which only an alias satisfies implicitly.
 */
export type GradcheckMatcherSet = {
  toHaveGradient: GradcheckMatcher;
  toHaveJacobian: GradcheckMatcher;
  toHaveHessian: GradcheckMatcher;
  toHaveJVP: GradcheckMatcher;
  toHaveVJP: GradcheckMatcher;
};
