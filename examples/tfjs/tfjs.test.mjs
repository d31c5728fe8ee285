// Checking gradients that TensorFlow.js computes, with tf.grad and with tf.customGrad, against
// gradcheck's numeric ones. TensorFlow.js computes in float32: gradcheck sees Float32Array inputs (and
// float32 values of f), and uses float32 steps and tolerances.
// Run: npx vitest run --root examples/tfjs (after npm run build).
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';

/** f(x) as a plain number, for a loss written with tensors. */
const scalar = (loss) => (x) => tf.tidy(() => loss(tf.tensor(x)).dataSync()[0]);
/** TensorFlow.js's gradient of the loss, as a Float32Array. */
const tfGradient = (loss) => (x) => tf.tidy(() => tf.grad(loss)(tf.tensor(x)).dataSync());

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

// Float32Array points make the check float32; [-2, 2] puts some coordinates beyond δ = 1.
const options = { like: new Float32Array(8), domain: [-2, 2] };

// softsign(x) = x / (1 + |x|), elementwise, as a custom op: a vector-valued f, so its backward pass is
// a vector-Jacobian product, checked with toHaveVJP. tf.grad(op)(x, u) is uᵀJ for the cotangent u.
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
const outputs = (op) => (x) => tf.tidy(() => op(tf.tensor(x)).dataSync());
const tfVjp = (op) => (x, u) => tf.tidy(() => tf.grad(op)(tf.tensor(x), tf.tensor(u)).dataSync());

describe('TensorFlow.js gradients against gradcheck', () => {
  test('tf.grad of a logistic-regression loss', () => {
    expect(scalar(logisticLoss)).toHaveGradient(tfGradient(logisticLoss), { like: new Float32Array(4) });
  });

  test('tf.customGrad with the right gradient (Huber loss)', () => {
    expect(scalar(huber)).toHaveGradient(tfGradient(huber), options);
  });

  test('tf.customGrad of a vector op, checked through its VJP', () => {
    expect(outputs(softsign)).toHaveVJP(tfVjp(softsign), { like: new Float32Array(5), domain: [-3, 3] });
    // The custom gradient that forgets the square is caught, coordinate by coordinate.
    expect(outputs(softsignMissingSquare)).not.toHaveVJP(tfVjp(softsignMissingSquare), {
      like: new Float32Array(5),
      domain: [-3, 3],
    });
  });

  // This test fails on purpose: the custom gradient forgets to clip, so every coordinate with |x| > 1
  // disagrees (analytic x, numeric ±1) and every other one agrees.
  test('tf.customGrad with a gradient that forgets to clip (fails on purpose)', () => {
    expect(scalar(unclippedHuber)).toHaveGradient(tfGradient(unclippedHuber), options);
  });
});
