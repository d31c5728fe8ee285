// Checking gradients that TensorFlow.js computes, with tf.grad and with tf.customGrad, against
// gradcheck's numeric ones, through gradcheck/tfjs: tfGradient and tfVJP turn a tensor function into a
// plain f and TF.js's own derivative on arrays in the tensor's shape, in float32, disposing every tensor.
// Run: npx vitest run --root examples/tfjs (after npm run build).
import * as tf from '@tensorflow/tfjs-core';
import { tfGradient, tfVJP } from 'gradcheck/tfjs';
import { describe, expect, test } from 'vitest';

// Logistic regression on 6 examples with 3 features; the parameters are one vector [w0, w1, w2, b].
const FEATURES = tf.tensor2d([
  [0.5, -1.2, 0.3],
  [-0.7, 0.4, 1.1],
  [1.5, 0.2, -0.6],
  [-0.2, -0.9, -1.4],
  [0.9, 1.3, 0.8],
  [-1.1, 0.6, 0.1],
]);
const LABELS = tf.tensor1d([1, -1, 1, -1, 1, -1]);

/** Mean of softplus(−y·(Xw + b)), the logistic loss. */
function logisticLoss(params) {
  const w = tf.reshape(tf.slice(params, [0], [3]), [3, 1]);
  const b = tf.slice(params, [3], [1]);
  const logits = tf.add(tf.reshape(tf.matMul(FEATURES, w), [6]), b);
  return tf.mean(tf.softplus(tf.neg(tf.mul(LABELS, logits))));
}

// The Huber loss Σ h(x), with h(x) = x²/2 for |x| ≤ 1 and |x| − 1/2 beyond, written as a custom op with
// its own gradient, as one does for speed or numerical stability.
const DELTA = 1;
const huberWith = (derivative) =>
  tf.customGrad((x, save) => {
    save([x]);
    const small = tf.lessEqual(tf.abs(x), DELTA);
    const value = tf.sum(tf.where(small, tf.mul(0.5, tf.square(x)), tf.sub(tf.abs(x), 0.5 * DELTA)));
    return { value, gradFunc: (dy, [saved]) => tf.mul(dy, derivative(saved)) };
  });
/** h'(x) = x, clipped to [−δ, δ]. */
const huber = huberWith((x) => tf.clipByValue(x, -DELTA, DELTA));
/** The bug: h'(x) = x everywhere, as if the loss were quadratic; wrong wherever |x| > δ. */
const unclippedHuber = huberWith((x) => x);

// softsign(x) = x / (1 + |x|), elementwise, as a custom op: a vector-valued f, so its backward pass is
// a vector-Jacobian product, checked with toHaveVJP. tf.grad(op)(x, dy) is dyᵀJ for the cotangent dy.
const softsignWith = (derivative) =>
  tf.customGrad((x, save) => {
    save([x]);
    return {
      value: tf.div(x, tf.add(1, tf.abs(x))),
      gradFunc: (dy, [saved]) => tf.mul(dy, derivative(saved)),
    };
  });
/** The right derivative 1 / (1 + |x|)². */
const softsign = softsignWith((x) => tf.reciprocal(tf.square(tf.add(1, tf.abs(x)))));
/** The bug: the square forgotten, 1 / (1 + |x|). */
const softsignMissingSquare = softsignWith((x) => tf.reciprocal(tf.add(1, tf.abs(x))));

describe('TensorFlow.js gradients against gradcheck', () => {
  test('tf.grad of a logistic-regression loss', () => {
    const { f, gradient, like } = tfGradient(tf, logisticLoss, [4]);
    expect(f).toHaveGradient(gradient, { like });
  });

  test('tf.customGrad with the right gradient (Huber loss)', () => {
    // [-2, 2] puts some coordinates beyond δ = 1.
    const { f, gradient, like } = tfGradient(tf, huber, [8]);
    expect(f).toHaveGradient(gradient, { like, domain: [-2, 2] });
  });

  test('tf.customGrad of a vector op, checked through its VJP', () => {
    const right = tfVJP(tf, softsign, [5]);
    expect(right.f).toHaveVJP(right.vjp, { like: right.like, domain: [-3, 3] });
    // The custom gradient that forgets the square is caught, coordinate by coordinate.
    const wrong = tfVJP(tf, softsignMissingSquare, [5]);
    expect(wrong.f).not.toHaveVJP(wrong.vjp, { like: wrong.like, domain: [-3, 3] });
  });

  test('conv2d in its two inputs, each named: paths read x[0][4][4][1] and filter[0][2][1][0]', () => {
    const conv = (x, filter) => tf.conv2d(x, filter, 1, 'valid');
    const { f, vjp, like } = tfVJP(tf, conv, { x: [1, 5, 5, 2], filter: [3, 3, 2, 4] });
    expect(f).toHaveVJP(vjp, { like, samples: 2, vectors: 1 });
  });

  // This test fails on purpose: the custom gradient forgets to clip, so every coordinate with |x| > 1
  // disagrees (analytic x, numeric ±1) and every other one agrees.
  test('tf.customGrad with a gradient that forgets to clip (fails on purpose)', () => {
    const { f, gradient, like } = tfGradient(tf, unclippedHuber, [8]);
    expect(f).toHaveGradient(gradient, { like, domain: [-2, 2] });
  });
});
