/**
 * The public types of gradcheck/tfjs. TensorFlow.js's own come from `@tensorflow/tfjs-core` as types
 * only: the built entry point loads no TF.js code, it calls the namespace the user passes.
 */
import type * as tfc from '@tensorflow/tfjs-core';

/**
 * The engine's tape as gradcheck/tfjs reads it, structurally: when f or a gradient throws inside
 * `tf.grad`, TF.js leaves its tape behind with the tensors it saved for the backward pass, which the
 * adapters dispose so that a failing check leaks nothing.
 */
export interface TFEngine {
  /** The part of the engine's state that holds the tape. */
  state: {
    /** The tape of the gradient computation in progress; null (or stale) when none is. */
    activeTape: ReadonlyArray<{ saved?: readonly tfc.Tensor[] }> | null;
    /** How many gradient computations are nested right now: 0 outside `tf.grad`. */
    gradientDepth: number;
  };
}

/**
 * What gradcheck/tfjs uses of the TensorFlow.js namespace: the `tf` of `import * as tf` of
 * `@tensorflow/tfjs`, `@tensorflow/tfjs-core` or `@tensorflow/tfjs-node` is one. It is passed in rather than imported,
 * so that the tensors are made by the copy of TF.js, and the backend, that the user's code runs with.
 */
export type TF = Pick<typeof tfc, 'tidy' | 'tensor' | 'grads'> & { engine(): TFEngine };

/**
 * A tensor's values as gradcheck sees them: nested arrays in the tensor's shape, whose last axis is a
 * Float32Array (a scalar tensor is a Float32Array of one), so that coordinates read `x[1][3]` and the
 * check runs in float32. Plain nested number arrays (`tensor.arraySync()`) are accepted as input too.
 */
export type TensorValue = number | Float32Array | readonly TensorValue[];

/**
 * The shape of a tensor (`[2, 3]`), or for a function of several tensors, one shape per tensor under a
 * key that names it (`{ x: [1, 5, 5, 2], filter: [3, 3, 2, 4] }`): the function takes the tensors in
 * the order of the keys, and coordinates read `filter[0][2][1][0]`.
 */
export type Shapes = readonly number[] | { readonly [name: string]: readonly number[] };

/** The input of the plain functions: a TensorValue, or one per named tensor. */
export type TensorInput<S extends Shapes> = S extends readonly number[]
  ? TensorValue
  : { readonly [K in keyof S]: TensorValue };

/**
 * A function of the tensors of `S`: one tensor, or one per key of S in the order of the keys. Declared
 * as a method, which TypeScript checks bivariantly, so that parameters typed `tf.Tensor4D` fit.
 */
export type TensorFunction<S extends Shapes> = S extends readonly number[]
  ? { op(x: tfc.Tensor): tfc.Tensor }['op']
  : { op(...inputs: tfc.Tensor[]): tfc.Tensor }['op'];

/** Options of the adapters. */
export interface TFOptions<A extends boolean = boolean> {
  /**
   * Read tensors with `await tensor.data()` instead of `dataSync()`: f and the derivative return
   * Promises, and so does the check, to be awaited. For backends that read asynchronously (WebGPU, or
   * WebGL without blocking). Default false: synchronous reads, as the CPU and Node backends allow.
   */
  async?: A;
}

/** A value, or a Promise of it when the adapter reads tensors asynchronously. */
export type AsyncIf<A extends boolean, T> = A extends true ? Promise<T> : T;

/**
 * What `tfGradient` returns: f and its TF.js gradient as plain functions on TensorValues, and `like`,
 * a template of the input in the tensors' shapes, for `expect(f).toHaveGradient(gradient, { like })`.
 */
export interface TFGradient<S extends Shapes, A extends boolean = false> {
  /** The loss as a number: the value of the scalar tensor the tensor function returns. */
  f: (x: TensorInput<S>) => AsyncIf<A, number>;
  /** TF.js's gradient of the loss (`tf.grad`, with any `tf.customGrad` inside), in the input's shape. */
  gradient: (x: TensorInput<S>) => AsyncIf<A, TensorInput<S>>;
  /** Zeros in the input's shape, with Float32Array rows: gradcheck draws the points in this shape. */
  like: TensorInput<S>;
}

/**
 * What `tfVJP` returns: the op's output as nested numbers, its TF.js VJP `tf.grad(op)(x, dy)` in the
 * input's shape, and `like`, for `expect(f).toHaveVJP(vjp, { like })`.
 */
export interface TFVJP<S extends Shapes, A extends boolean = false> {
  /** The op's output, as nested number arrays in the output tensor's shape (a number for a scalar). */
  f: (x: TensorInput<S>) => AsyncIf<A, TensorOutput>;
  /** The VJP dyᵀJ for a cotangent `dy` in the output's shape, as TF.js computes it, in the input's shape. */
  vjp: (x: TensorInput<S>, dy: TensorOutput) => AsyncIf<A, TensorInput<S>>;
  /** Zeros in the input's shape, with Float32Array rows: gradcheck draws the points in this shape. */
  like: TensorInput<S>;
}

/** An op's output as the plain f of `tfVJP` returns it: nested number arrays, or a number for a scalar. */
export type TensorOutput = number | readonly TensorOutput[];
