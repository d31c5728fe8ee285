/**
 * tfGradient and tfVJP: a tensor function becomes a plain f on nested arrays in the tensors' shapes and
 * its derivative as TF.js computes it (`tf.grads`, which runs any `tf.customGrad` inside), ready for
 * every check and matcher of gradcheck. The numerics stay gradcheck's; only the values change form.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { describeValue, inputError } from '../util/errors.js';
import { readTensors } from './read.js';
import type { Shapes, TensorFunction, TensorOutput, TF, TFGradient, TFOptions, TFVJP } from './types.js';
import { checkDims, type Dims, dimsOf, flatData, nest, printDims, sizeOf, zeros } from './values.js';

/** The tensors a function takes: one unnamed (`names` undefined), or one per key of the shapes. */
interface Inputs {
  names: readonly string[] | undefined;
  dims: readonly Dims[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The adapter's arguments, checked: what a call with the wrong ones gets wrong is said at the call. */
function setup(tf: unknown, fn: unknown, shapes: unknown, options: unknown, where: string) {
  const parts = tf as Partial<Record<keyof TF, unknown>> | null | undefined;
  const missing = (['tidy', 'tensor', 'grads', 'engine'] as const).filter(
    (name) => typeof parts?.[name] !== 'function',
  );
  if (missing.length > 0)
    throw inputError(
      `${where}: the first argument must be the TensorFlow.js namespace (the tf of \`import * as tf\` of @tensorflow/tfjs or @tensorflow/tfjs-core), but received ${describeValue(tf)}, which has no ${missing.join(', ')}.`,
    );
  if (typeof fn !== 'function')
    throw inputError(
      `${where}: the second argument must be a function of tensors, but received ${describeValue(fn)}.`,
    );
  let inputs: Inputs;
  if (Array.isArray(shapes)) inputs = { names: undefined, dims: [checkDims(shapes, `${where}: the shape`)] };
  else if (isPlainObject(shapes) && Object.keys(shapes).length > 0) {
    const names = Object.keys(shapes);
    inputs = { names, dims: names.map((name) => checkDims(shapes[name], `${where}: the shape of ${name}`)) };
  } else
    throw inputError(
      `${where}: the third argument must be the input tensor's shape, such as [2, 3], or an object whose keys name the input tensors and whose values are their shapes, such as { x: [1, 5, 5, 2], filter: [3, 3, 2, 4] }, but received ${describeValue(shapes)}.`,
    );
  // A rest parameter counts 0 (tf.customGrad's functions do): only a declared surplus is a mistake.
  if (fn.length > inputs.dims.length)
    throw inputError(
      `${where}: the function takes ${fn.length} tensors, but ${inputs.names === undefined ? 'one shape was given' : `the shapes name ${inputs.dims.length}`}: give one shape per tensor, under the names the report should use, in the order the function takes them, such as { x: [2, 3], w: [3] }.`,
    );
  if (options !== undefined && !isPlainObject(options))
    throw inputError(
      `${where}: the options must be an object such as { async: true }, but received ${describeValue(options)}.`,
    );
  const unknown = Object.keys(options ?? {}).filter((key) => key !== 'async');
  if (unknown.length > 0)
    throw inputError(
      `${where}: unknown option ${unknown.join(', ')}; the one option is async (true or false).`,
    );
  const async = (options as TFOptions | undefined)?.async ?? false;
  if (typeof async !== 'boolean')
    throw inputError(`${where}: async must be true or false, but received ${describeValue(async)}.`);
  return { tf: tf as TF, fn: fn as (...tensors: Tensor[]) => unknown, inputs, async };
}

function isTensor(value: unknown): value is Tensor {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Tensor).dataSync === 'function' &&
    Array.isArray((value as Tensor).shape)
  );
}

/** The tensors of one input value, in the order the function takes them, made from float32 data. */
function tensorsOf(tf: TF, inputs: Inputs, x: unknown, where: string): Tensor[] {
  const { names, dims } = inputs;
  const make = (value: unknown, d: Dims, name: string) =>
    tf.tensor(flatData(value, sizeOf(d), `${where}: the input ${name}`), [...d], 'float32');
  if (names === undefined) return [make(x, dims[0]!, 'x')];
  if (!isPlainObject(x))
    throw inputError(
      `${where}: the input should be an object with keys ${names.join(', ')}, but received ${describeValue(x)}.`,
    );
  return names.map((name, i) => make(x[name], dims[i]!, name));
}

/** One value per input as the adapter's plain functions take and return it. */
function perInput(inputs: Inputs, parts: readonly unknown[]): unknown {
  const { names } = inputs;
  return names === undefined ? parts[0] : Object.fromEntries(names.map((name, i) => [name, parts[i]]));
}

/** The derivative's data, one tensor per input, in the input's shape with Float32Array rows. */
function gradientValue(inputs: Inputs, data: readonly ArrayLike<number>[]): unknown {
  return perInput(
    inputs,
    data.map((d, i) => nest(d, inputs.dims[i]!, 'float32')),
  );
}

/**
 * Turns a scalar loss of one or more tensors into a plain `f` and its TF.js gradient, on nested arrays
 * in the tensors' shapes, with `like` to draw points from:
 * `const { f, gradient, like } = tfGradient(tf, loss, [2, 3]); expect(f).toHaveGradient(gradient, { like })`.
 * The gradient is `tf.grads(loss)`, so a `tf.customGrad` inside the loss is what gets checked. Every call
 * disposes the tensors it made, also when it throws. With `{ async: true }`, tensors are read with
 * `await data()`, f and the gradient return Promises, and the check is to be awaited.
 */
export function tfGradient<S extends Shapes>(
  tf: TF,
  loss: TensorFunction<S>,
  shapes: S,
  options?: TFOptions<false>,
): TFGradient<S, false>;
export function tfGradient<S extends Shapes>(
  tf: TF,
  loss: TensorFunction<S>,
  shapes: S,
  options: TFOptions<true>,
): TFGradient<S, true>;
export function tfGradient<S extends Shapes, A extends boolean>(
  tf: TF,
  loss: TensorFunction<S>,
  shapes: S,
  options: TFOptions<A>,
): TFGradient<S, A>;
export function tfGradient(tf: TF, loss: unknown, shapes: Shapes, options?: TFOptions): unknown {
  const where = 'tfGradient';
  const s = setup(tf, loss, shapes, options, where);
  const scalar = (...tensors: Tensor[]): Tensor => {
    const y = s.fn(...tensors);
    if (!isTensor(y))
      throw inputError(`${where}: the loss should return a tensor, but returned ${describeValue(y)}.`);
    if (y.size !== 1)
      throw inputError(
        `${where}: the loss should return a scalar, but returned a tensor of shape ${printDims(y.shape)}: reduce it (tf.sum, tf.mean), or check the op's VJP with tfVJP.`,
      );
    return y;
  };
  const grads = s.tf.grads(scalar);
  return {
    f: (x: unknown) =>
      readTensors(
        s.tf,
        s.async,
        () => [scalar(...tensorsOf(s.tf, s.inputs, x, where))],
        ({ data }) => data[0]![0]!,
      ),
    gradient: (x: unknown) =>
      readTensors(
        s.tf,
        s.async,
        () => grads(tensorsOf(s.tf, s.inputs, x, where)),
        ({ data }) => gradientValue(s.inputs, data),
      ),
    like: perInput(s.inputs, s.inputs.dims.map(zeros)),
  };
}

/**
 * Turns a tensor op of one or more tensors into a plain `f` (its output as nested numbers) and its
 * TF.js VJP `vjp(x, dy) = tf.grads(op)(x, dy)`, in the input's shape, with `like` to draw points from:
 * `const { f, vjp, like } = tfVJP(tf, op, [5]); expect(f).toHaveVJP(vjp, { like })`. gradcheck checks
 * dyᵀJ for seeded random cotangents dy, coordinate by coordinate, so a `tf.customGrad` that drops dy or
 * gets one entry wrong is named by its path. Memory and `{ async: true }` as for tfGradient.
 */
export function tfVJP<S extends Shapes>(
  tf: TF,
  op: TensorFunction<S>,
  shapes: S,
  options?: TFOptions<false>,
): TFVJP<S, false>;
export function tfVJP<S extends Shapes>(
  tf: TF,
  op: TensorFunction<S>,
  shapes: S,
  options: TFOptions<true>,
): TFVJP<S, true>;
export function tfVJP<S extends Shapes, A extends boolean>(
  tf: TF,
  op: TensorFunction<S>,
  shapes: S,
  options: TFOptions<A>,
): TFVJP<S, A>;
export function tfVJP(tf: TF, op: unknown, shapes: Shapes, options?: TFOptions): unknown {
  const where = 'tfVJP';
  const s = setup(tf, op, shapes, options, where);
  const output = (...tensors: Tensor[]): Tensor => {
    const y = s.fn(...tensors);
    if (!isTensor(y))
      throw inputError(`${where}: the op should return a tensor, but returned ${describeValue(y)}.`);
    return y;
  };
  const grads = s.tf.grads(output);
  return {
    f: (x: unknown) =>
      readTensors(
        s.tf,
        s.async,
        () => [output(...tensorsOf(s.tf, s.inputs, x, where))],
        ({ data, shapes: [dims] }): TensorOutput => nest(data[0]!, dims!, 'number') as TensorOutput,
      ),
    vjp: (x: unknown, dy: unknown) =>
      readTensors(
        s.tf,
        s.async,
        () => {
          const dims = dimsOf(dy);
          const cotangent = s.tf.tensor(flatData(dy, sizeOf(dims), `${where}: the cotangent dy`), [...dims]);
          return grads(tensorsOf(s.tf, s.inputs, x, where), cotangent);
        },
        ({ data }) => gradientValue(s.inputs, data),
      ),
    like: perInput(s.inputs, s.inputs.dims.map(zeros)),
  };
}
