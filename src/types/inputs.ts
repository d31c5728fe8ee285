/**
 * The public types of what a check takes in: inputs of any shape, their derivatives, and the sampling
 * domain. Re-exported by types.ts, the one home of public types.
 */

/** A leaf container of coordinates. */
export type NumericArray = number[] | Float64Array | Float32Array;

/**
 * Anything gradcheck can differentiate with respect to: a number, an array or typed array of numbers,
 * nested arrays (matrices), or plain objects whose values are any of these, to any depth.
 */
export type Params = number | NumericArray | readonly Params[] | { readonly [key: string]: Params };

/** One value inside an input, as {@link ParamsLike} requires it: `never` where it is not Params. */
type ParamsField<V> = V extends number
  ? number
  : V extends NumericArray
    ? V
    : V extends readonly (infer E)[]
      ? readonly ParamsField<E>[]
      : V extends (...args: never[]) => unknown
        ? never
        : V extends object
          ? { readonly [K in keyof V]-?: ParamsField<V[K]> }
          : never;

/**
 * Excludes callables from {@link ParamsLike}: every function has a `bind` method (lib.es5's `Function`,
 * so whatever `lib` says), no input does. Not generic, so that a constraint can be checked against it
 * before X is known.
 */
type NotCallable = { readonly bind?: never };

/**
 * The constraint `X extends ParamsLike<X>` of every input type X: X is {@link Params}, or X read field by
 * field is, so that an interface qualifies. An interface has no index signature, so that
 * `interface Net { W: number[][]; b: number[] }` is not a `Params`, but it is what the mapped type
 * here asks for. A field that is not Params (a string, a method, the members of a Map) becomes `never`,
 * and an optional field a required one, so that X fails the constraint as it fails Params.
 *
 * No conditional type at the top level, which TypeScript would reject as a circular constraint. A mapped
 * type returns a primitive unchanged and a function as `{}`, hence the last two terms: no string,
 * boolean or undefined, and nothing callable (nor an object with a field named `bind`).
 */
export type ParamsLike<X> = (Params | { readonly [K in keyof X]-?: ParamsField<X[K]> }) &
  (number | object) &
  NotCallable;

/**
 * The constraint of the arguments of an f of several arguments: each one a {@link ParamsLike}. The
 * array term makes A an array type, as a rest parameter requires.
 */
export type ArgumentsLike<A> = readonly unknown[] & { readonly [I in keyof A]: ParamsLike<A[I]> };

/**
 * A gradient: the input's shape with the partial derivatives as values, or a flat array of n numbers.
 * X is the input type, so that a gradient typed as the input's interface qualifies.
 */
export type Gradient<X = Params> = X | Params | NumericArray;

/** A Jacobian: one row per output of f, each the input's shape or a flat array of n numbers. */
export type Jacobian<X = Params> = ReadonlyArray<Gradient<X>>;

/** A Hessian: one row per coordinate, each the input's shape (X) or a flat array of n numbers. */
export type Hessian<X = Params> = ReadonlyArray<Gradient<X>>;

/** What f returns for a JVP or VJP: a number, or any shape of numbers. */
export type Output = Params;

/** A pair `[lo, hi]` from which sample values are drawn uniformly. */
export type Domain = readonly [number, number];

/** The seeded random source handed to a custom sampler: uniform on [0, 1). */
export type Rng = () => number;
