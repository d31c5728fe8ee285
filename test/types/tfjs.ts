/**
 * Type test of gradcheck/tfjs: compiled by `tsc -p test/types/tsconfig.tfjs.json` against the built
 * `gradcheck/tfjs` (its .d.mts, whose tensor types are TF.js's own) and the Vitest matchers, as a user's
 * project sees them. Every `@ts-expect-error` line must be an error, or tsc fails ("unused directive").
 */
import * as tf from '@tensorflow/tfjs-core';
import { type TensorValue, tfGradient, tfVJP } from 'gradcheck/tfjs';
import 'gradcheck/vitest';
import { expect, expectTypeOf } from 'vitest';

const loss = (x: tf.Tensor) => tf.sum(tf.square(x));
const { f, gradient, like } = tfGradient(tf, loss, [2, 3]);
expectTypeOf(f).toEqualTypeOf<(x: TensorValue) => number>();
expect(f).toHaveGradient(gradient, { like });
expect(f).toHaveGradient(gradient, { like, samples: 2, domain: [-2, 2], maxRows: 5 });
// @ts-expect-error a misspelt option of the matcher
expect(f).toHaveGradient(gradient, { like, sampels: 2 });
// An unannotated tensor function is typed by TF.js.
tfGradient(tf, (x) => tf.mean(x), [4]);

// Named tensors: parameters typed as TF.js's ranked tensors fit, and like has their keys.
const conv = tfVJP(tf, (x: tf.Tensor4D, filter: tf.Tensor4D) => tf.conv2d(x, filter, 1, 'valid'), {
  x: [1, 5, 5, 2],
  filter: [3, 3, 2, 4],
});
expectTypeOf(conv.like).toEqualTypeOf<{ readonly x: TensorValue; readonly filter: TensorValue }>();
expect(conv.f).toHaveVJP(conv.vjp, { like: conv.like, vectors: 1 });

// With async: true, f and the derivative return Promises, and so does the matcher.
const later = tfGradient(tf, loss, [2, 3], { async: true });
expectTypeOf(later.f).returns.toEqualTypeOf<Promise<number>>();
export const awaited: () => Promise<void> = () =>
  expect(later.f).toHaveGradient(later.gradient, { like: later.like });

// @ts-expect-error a function of two tensors needs one named shape per tensor
tfGradient(tf, (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.add(a, b)), [2]);
// @ts-expect-error a shape is an array of numbers
tfGradient(tf, loss, 'x');
// @ts-expect-error the one option is async
tfGradient(tf, loss, [2], { asynch: true });
// @ts-expect-error the namespace comes first
tfGradient(loss, [2]);
