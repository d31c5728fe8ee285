/**
 * gradcheck/tfjs: gradient checks of TensorFlow.js code. `tfGradient` turns a scalar loss of tensors
 * into a plain f and TF.js's own gradient of it (`tf.grads`, with any `tf.customGrad` inside), and
 * `tfVJP` turns an op into f and its VJP `tf.grads(op)(x, dy)`, on nested arrays in the tensors' shapes,
 * for the checks of `gradcheck` and the matchers of `gradcheck/vitest`, `gradcheck/jest` and
 * `gradcheck/bun`:
 *
 * ```ts
 * const { f, gradient, like } = tfGradient(tf, loss, [2, 3]);
 * expect(f).toHaveGradient(gradient, { like });
 * ```
 *
 * TF.js is an optional peer: this entry point loads none of it, and calls the namespace it is given.
 */
export { tfGradient, tfVJP } from './tfjs/adapters.js';
export type {
  AsyncIf,
  Shapes,
  TensorFunction,
  TensorInput,
  TensorOutput,
  TensorValue,
  TF,
  TFEngine,
  TFGradient,
  TFOptions,
  TFVJP,
} from './tfjs/types.js';
