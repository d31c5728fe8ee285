/**
 * Between tensors and the values gradcheck differentiates: a shape's template, the flat float32 data a
 * tensor is made from, and the nested arrays a tensor's data is read back into. Nested arrays in the
 * tensor's shape are what make a coordinate read `x[1][3]` in a report.
 */
import { describeValue, inputError } from '../util/errors.js';

/** A checked tensor shape: whole numbers ≥ 0. */
export type Dims = readonly number[];

/** The shape, or a TypeError that says what `what` should have been. */
export function checkDims(shape: unknown, what: string): Dims {
  const ok =
    Array.isArray(shape) && shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0);
  if (!ok)
    throw inputError(
      `${what} must be a tensor shape, an array of whole numbers such as [2, 3] ([] for a scalar), but received ${describeValue(shape)}.`,
    );
  return [...shape];
}

/** How many numbers a tensor of this shape holds. */
export function sizeOf(dims: Dims): number {
  return dims.reduce((product, d) => product * d, 1);
}

/** `[2, 3]` as a message writes it. */
export function printDims(dims: Dims): string {
  return `[${dims.join(', ')}]`;
}

/**
 * `data` as nested arrays in the shape `dims`. Inputs (`'float32'`) keep Float32Array rows, whose
 * float32 storage is what tells gradcheck to check in float32, and a scalar stays a container so that
 * it does too; outputs (`'number'`) are plain, as `tensor.arraySync()` gives them.
 */
export function nest(data: ArrayLike<number>, dims: Dims, leaf: 'float32' | 'number'): unknown {
  if (dims.length === 0) return leaf === 'float32' ? Float32Array.of(data[0]!) : data[0]!;
  let at = 0;
  const build = (axis: number): unknown => {
    const length = dims[axis]!;
    if (axis === dims.length - 1) {
      const row = leaf === 'float32' ? new Float32Array(length) : new Array<number>(length);
      for (let i = 0; i < length; i++) row[i] = data[at++]!;
      return row;
    }
    return Array.from({ length }, () => build(axis + 1));
  };
  return build(0);
}

/** Zeros in the shape `dims`, with Float32Array rows: the `like` of an input. */
export function zeros(dims: Dims): unknown {
  return nest(new Float32Array(sizeOf(dims)), dims, 'float32');
}

/**
 * The numbers of `value` (a number, nested arrays, typed arrays) in order, as float32, or a TypeError
 * that names `what` when they are not numbers or not `size` of them. The count is what must agree: a
 * point given flat or nested differently still fills the tensor in row-major order.
 */
export function flatData(value: unknown, size: number, what: string): Float32Array {
  const out = new Float32Array(size);
  let count = 0;
  const visit = (v: unknown): void => {
    if (typeof v === 'number') {
      if (count < size) out[count] = v;
      count++;
    } else if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      const items = v as unknown as ArrayLike<unknown>;
      for (let i = 0; i < items.length; i++) visit(items[i]);
    } else {
      throw inputError(`${what} should hold numbers only, but it holds ${describeValue(v)}.`);
    }
  };
  visit(value);
  if (count !== size)
    throw inputError(
      `${what} holds ${count} numbers, but its tensor holds ${size}: ${describeValue(value)}.`,
    );
  return out;
}

/**
 * The shape of nested arrays (a number is a scalar): that of a cotangent, which gradcheck builds in the
 * shape of the op's output, so that dy gets the shape `tf.grad` wants without calling the op again.
 */
export function dimsOf(value: unknown): Dims {
  const dims: number[] = [];
  let v = value;
  while (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const items = v as ArrayLike<unknown>;
    dims.push(items.length);
    v = items[0];
  }
  return dims;
}
