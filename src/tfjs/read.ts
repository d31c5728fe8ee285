/**
 * One call of a tensor function, as the plain f or derivative of an adapter makes it: its tensors made
 * and read inside a scope that disposes them all, synchronously (`dataSync`) or not (`await data()`),
 * and, when it throws, without the tensors TF.js keeps for a backward pass that never ran.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { TF } from './types.js';

/** What a call read: the data of each tensor it computed, and the tensor's shape. */
export interface Reading {
  data: ArrayLike<number>[];
  shapes: number[][];
}

/**
 * Disposes what a `tf.grad` that threw left behind. TF.js keeps the tensors its ops save for the
 * backward pass outside every tidy scope, and disposes them only at the end of a backward pass that
 * completes: a loss that throws, a custom gradient that throws, or a loss that does not depend on x
 * leaves its tape and those tensors alive, one more leak on every call of the check. `before` is the
 * tape before the call: a tape that is still the same is not this call's to clean.
 */
function dropTape(tf: TF, before: unknown): void {
  const state = tf.engine().state;
  const tape = state.activeTape;
  if (state.gradientDepth !== 0 || tape === null || tape === undefined || tape === before) return;
  for (const node of tape) for (const tensor of node.saved ?? []) tensor.dispose();
  state.activeTape = null;
}

/**
 * Runs `compute`, which makes the tensors to read (and any others, which are disposed with its scope),
 * and hands what they hold to `use`. With `async`, the tensors are read with `await tensor.data()` and
 * disposed once read, also when reading fails; otherwise with `dataSync()` inside the scope.
 */
export function readTensors<T>(
  tf: TF,
  async: boolean,
  compute: () => Tensor[],
  use: (read: Reading) => T,
): T | Promise<T> {
  const before = tf.engine().state.activeTape;
  if (!async) {
    let result: { value: T } | undefined;
    try {
      // tidy's callback may only return tensors: the result leaves it through the closure.
      tf.tidy(() => {
        const tensors = compute();
        result = {
          value: use({ data: tensors.map((t) => t.dataSync()), shapes: tensors.map((t) => t.shape) }),
        };
      });
    } catch (error) {
      dropTape(tf, before);
      throw error;
    }
    return result!.value;
  }
  let tensors: Tensor[];
  try {
    tensors = tf.tidy(compute);
  } catch (error) {
    dropTape(tf, before);
    return Promise.reject(error);
  }
  return (async () => {
    try {
      const data = await Promise.all(tensors.map((t) => t.data()));
      return use({ data, shapes: tensors.map((t) => t.shape) });
    } finally {
      for (const tensor of tensors) tensor.dispose();
    }
  })();
}
