/**
 * gradcheck/tfjs against real TensorFlow.js on its CPU backend: tensor functions whose gradients TF.js
 * computes (tf.grad, tf.grads, and the user's tf.customGrad) are checked by the matchers and the check
 * functions. Right ones pass; planted bugs (a dropped dy, a wrong factor, a forgotten column, a
 * transposed block, a 1 % error in one entry) fail and name their coordinates by the tensor's shape.
 * Every case asserts that the check leaves tf.memory().numTensors as it found it, whether it passes,
 * fails or throws, and the async path (data() instead of dataSync()) is checked like the sync one.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, expectTypeOf, test, vi } from 'vitest';
import { checkGradient, checkVJP, EvaluationError, formatReport } from '../src/index.js';
import '../src/matchers/vitest.js';
import { type TensorValue, tfGradient, tfVJP } from '../src/tfjs.js';
import { failingPathsInSamples } from './helpers/report.js';
import { ensureBuilt, run } from './integration/runners.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  // Silences TF.js's advice to install tfjs-node, printed on the first tensor.
  tf.env().set('IS_TEST', true);
});

/**
 * Runs `body` (sync or async) and asserts that it left as many tensors as it found, whatever it did:
 * returned, failed an assertion, or threw. Rethrows what it threw.
 */
function withoutLeaks<T>(body: () => T): T {
  const before = tf.memory().numTensors;
  const same = () => expect(tf.memory().numTensors, 'tensors left behind').toBe(before);
  let result: T;
  try {
    result = body();
  } catch (error) {
    same();
    throw error;
  }
  if (result instanceof Promise) return result.finally(same) as T;
  same();
  return result;
}

/** A tf.customGrad of one tensor, typed: TF.js's own type takes its arguments as a union. */
function customGrad(
  forward: (
    x: tf.Tensor,
    save: tf.GradSaveFunc,
  ) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[] },
): (x: tf.Tensor) => tf.Tensor {
  const op = tf.customGrad(forward as unknown as Parameters<typeof tf.customGrad>[0]);
  return (x) => op(x);
}

// softsign(x) = x / (1 + |x|), elementwise, whose derivative is 1 / (1 + |x|)².
const softsignDerivative = (x: tf.Tensor) => tf.reciprocal(tf.square(tf.add(1, tf.abs(x))));
const softsignWith = (backward: (dy: tf.Tensor, x: tf.Tensor) => tf.Tensor) =>
  customGrad((x, save) => {
    save([x]);
    return { value: tf.div(x, tf.add(1, tf.abs(x))), gradFunc: (dy, [saved]) => backward(dy, saved!) };
  });
const softsign = softsignWith((dy, x) => tf.mul(dy, softsignDerivative(x)));
/** The bug of a backward pass that returns the op's derivative and forgets to multiply by dy. */
const droppedDy = softsignWith((_dy, x) => softsignDerivative(x));
/** A factor 2 too many. */
const doubled = softsignWith((dy, x) => tf.mul(2, tf.mul(dy, softsignDerivative(x))));
/** One entry of the product off by 1 %: x[2]. */
const onePercent = softsignWith((dy, x) =>
  tf.mul(tf.mul(dy, softsignDerivative(x)), tf.tensor1d([1, 1, 1.01, 1, 1])),
);

const vjpOptions = { domain: [-3, 3] as const };

describe('tfVJP: a custom op, through its VJP', () => {
  test('the right tf.customGrad passes, in float32, and leaves no tensor behind', () => {
    const { f, vjp, like } = tfVJP(tf, softsign, [5]);
    withoutLeaks(() => expect(f).toHaveVJP(vjp, { like, ...vjpOptions }));
    const report = withoutLeaks(() => checkVJP(f, vjp, { like, ...vjpOptions }));
    expect(report.pass).toBe(true);
    expect(report.settings.precision).toBe('float32');
  });

  test('a dropped dy fails in every coordinate, named x[0] … x[4]', () => {
    const { f, vjp, like } = tfVJP(tf, droppedDy, [5]);
    const report = withoutLeaks(() => checkVJP(f, vjp, { like, ...vjpOptions }));
    expect(report.pass).toBe(false);
    expect(failingPathsInSamples(report)).toEqual(new Set(['x[0]', 'x[1]', 'x[2]', 'x[3]', 'x[4]']));
    withoutLeaks(() =>
      expect(() => expect(f).toHaveVJP(vjp, { like, ...vjpOptions })).toThrow(/^ {2}x\[\d\] /m),
    );
  });

  test('a wrong factor fails, and the report names the factor', () => {
    const { f, vjp, like } = tfVJP(tf, doubled, [5]);
    const report = withoutLeaks(() => checkVJP(f, vjp, { like, ...vjpOptions }));
    expect(report.pass).toBe(false);
    expect(failingPathsInSamples(report).size).toBe(5);
    for (const c of report.worst) expect(c.analytic / c.numeric).toBeCloseTo(2, 3);
  });

  test('a relative error of 1e-2 in one coordinate fails, naming that coordinate alone', () => {
    const { f, vjp, like } = tfVJP(tf, onePercent, [5]);
    const report = withoutLeaks(() => checkVJP(f, vjp, { like, ...vjpOptions }));
    expect(report.pass).toBe(false);
    expect(failingPathsInSamples(report)).toEqual(new Set(['x[2]']));
    withoutLeaks(() => expect(f).not.toHaveVJP(vjp, { like, ...vjpOptions }));
  });

  test("an op's output keeps its shape: f returns nested numbers, dy comes back in that shape", () => {
    const { f, vjp, like } = tfVJP(tf, (x) => tf.matMul(x, x, false, true), [2, 3]);
    const y = withoutLeaks(() => f(like));
    expect(y).toEqual([
      [0, 0],
      [0, 0],
    ]);
    const dx = withoutLeaks(() =>
      vjp(
        [[1, 2, 3], new Float32Array([4, 5, 6])],
        [
          [1, 0],
          [0, 0],
        ],
      ),
    );
    // d⟨dy, x·xᵀ⟩/dx = (dy + dyᵀ)·x: only row 0 of x, twice.
    expect(dx).toEqual([Float32Array.of(2, 4, 6), Float32Array.of(0, 0, 0)]);
    withoutLeaks(() => expect(f).toHaveVJP(vjp, { like }));
  });
});

// Logistic regression on 6 examples with 3 features, its parameters one tensor [w0, w1, w2, b].
const FEATURES = tf.tensor2d([
  [0.5, -1.2, 0.3],
  [-0.7, 0.4, 1.1],
  [1.5, 0.2, -0.6],
  [-0.2, -0.9, -1.4],
  [0.9, 1.3, 0.8],
  [-1.1, 0.6, 0.1],
]);
const LABELS = tf.tensor1d([1, -1, 1, -1, 1, -1]);
function logisticLoss(params: tf.Tensor): tf.Tensor {
  const w = tf.reshape(tf.slice(params, [0], [3]), [3, 1]);
  const logits = tf.add(tf.reshape(tf.matMul(FEATURES, w), [6]), tf.slice(params, [3], [1]));
  return tf.mean(tf.softplus(tf.neg(tf.mul(LABELS, logits))));
}

describe('tfGradient: a scalar loss, through tf.grad', () => {
  test("TF.js's own gradient of a logistic loss passes", () => {
    const { f, gradient, like } = tfGradient(tf, logisticLoss, [4]);
    withoutLeaks(() => expect(f).toHaveGradient(gradient, { like }));
  });

  test('paths follow the shape: a wrong entry of a [2, 4] tensor reads x[1][3]', () => {
    const mask = tf.tensor2d([
      [1, 1, 1, 1],
      [1, 1, 1, 1.5],
    ]);
    const loss = customGrad((x, save) => {
      save([x]);
      return {
        value: tf.sum(tf.mul(0.5, tf.square(x))),
        gradFunc: (dy, [saved]) => tf.mul(tf.mul(dy, saved!), mask),
      };
    });
    const { f, gradient, like } = tfGradient(tf, loss, [2, 4]);
    expect(like).toEqual([new Float32Array(4), new Float32Array(4)]);
    const report = withoutLeaks(() => checkGradient(f, gradient, { like }));
    expect(failingPathsInSamples(report)).toEqual(new Set(['x[1][3]']));
    expect(formatReport(report)).toMatch(/^ {2}x\[1\]\[3\] {2,}1 /m);
    withoutLeaks(() => expect(() => expect(f).toHaveGradient(gradient, { like })).toThrow(/x\[1\]\[3\]/));
    mask.dispose();
  });

  test('a dropped dy in a custom loss passes alone (its dy is 1) and fails once the loss is scaled', () => {
    // Σ x²/2 whose backward pass returns x and ignores dy.
    const half = customGrad((x, save) => {
      save([x]);
      return { value: tf.sum(tf.mul(0.5, tf.square(x))), gradFunc: (_dy, [saved]) => tf.clone(saved!) };
    });
    const alone = tfGradient(tf, half, [3]);
    withoutLeaks(() => expect(alone.f).toHaveGradient(alone.gradient, { like: alone.like }));
    const scaled = tfGradient(tf, (x) => tf.mul(3, half(x)), [3]);
    const report = withoutLeaks(() => checkGradient(scaled.f, scaled.gradient, { like: scaled.like }));
    expect(failingPathsInSamples(report)).toEqual(new Set(['x[0]', 'x[1]', 'x[2]']));
  });

  test('a scalar tensor is x[0]', () => {
    const { f, gradient, like } = tfGradient(tf, (x) => tf.mul(tf.square(x), tf.sin(x)), []);
    expect(like).toEqual(new Float32Array(1));
    const report = withoutLeaks(() => checkGradient(f, gradient, { like }));
    expect(report.pass).toBe(true);
    expect(report.samples[0]!.coordinates.map((c) => c.path)).toEqual(['x[0]']);
  });

  test('a non-scalar loss is refused with a pointer to tfVJP, and leaves nothing behind', () => {
    const { f, gradient, like } = tfGradient(tf, (x) => tf.square(x), [2]);
    const run = () => withoutLeaks(() => checkGradient(f, gradient, { like }));
    expect(run).toThrow(EvaluationError);
    expect(run).toThrow(/the loss should return a scalar, but returned a tensor of shape \[2\].*tfVJP/);
  });
});

// A batch of one 5×5 image with 2 channels, convolved with a 3×3 filter to 4 channels ('valid': 3×3 out).
const IMAGE = tf.tidy(() => tf.reshape(tf.sin(tf.range(0, 50)), [1, 5, 5, 2])) as tf.Tensor4D;
const WEIGHTS = tf.tidy(() => tf.reshape(tf.cos(tf.range(0, 36)), [1, 3, 3, 4]));
const FILTER = { filter: [3, 3, 2, 4] };

/**
 * The filter gradient of a 'valid' conv2d written by hand, as a custom op would: for each offset (i, j)
 * of the filter, the image patch at that offset times dy, summed over the output positions.
 * `columns` is how many filter columns the loop covers: 3 is right, 2 forgets the last one.
 */
function filterGradient(dy: tf.Tensor, columns: number): tf.Tensor {
  const rows: tf.Tensor[] = [];
  for (let i = 0; i < 3; i++) {
    const row: tf.Tensor[] = [];
    for (let j = 0; j < 3; j++) {
      if (j >= columns) {
        row.push(tf.zeros([2, 4]));
        continue;
      }
      const patch = tf.reshape(tf.slice(IMAGE, [0, i, j, 0], [1, 3, 3, 2]), [9, 2]);
      row.push(tf.matMul(patch, tf.reshape(dy, [9, 4]), true, false));
    }
    rows.push(tf.stack(row));
  }
  return tf.stack(rows);
}

const convWith = (columns: number) =>
  customGrad((filter) => ({
    value: tf.conv2d(IMAGE, filter as tf.Tensor4D, 1, 'valid'),
    gradFunc: (dy) => filterGradient(dy, columns),
  }));
const convLoss = (conv: (filter: tf.Tensor) => tf.Tensor) => (filter: tf.Tensor) =>
  tf.sum(tf.mul(conv(filter), WEIGHTS));

describe('a conv2d filter gradient', () => {
  test("TF.js's own conv2d filter gradient passes, named filter[i][j][c][k]", () => {
    const loss = convLoss((filter) => tf.conv2d(IMAGE, filter as tf.Tensor4D, 1, 'valid'));
    const { f, gradient, like } = tfGradient(tf, loss, FILTER);
    const report = withoutLeaks(() => checkGradient(f, gradient, { like }));
    expect(report.pass).toBe(true);
    expect(report.samples[0]!.coordinates.map((c) => c.path)).toContain('filter[0][2][1][0]');
  });

  test('a hand-written filter gradient passes when right', () => {
    const { f, gradient, like } = tfGradient(tf, convLoss(convWith(3)), FILTER);
    withoutLeaks(() => expect(f).toHaveGradient(gradient, { like }));
  });

  test('the one that forgets the last filter column fails exactly at filter[i][2][c][k]', () => {
    const { f, gradient, like } = tfGradient(tf, convLoss(convWith(2)), FILTER);
    const report = withoutLeaks(() => checkGradient(f, gradient, { like }));
    const expected = [0, 1, 2].flatMap((i) =>
      [0, 1].flatMap((c) => [0, 1, 2, 3].map((k) => `filter[${i}][2][${c}][${k}]`)),
    );
    expect(failingPathsInSamples(report)).toEqual(new Set(expected));
    withoutLeaks(() =>
      expect(() => expect(f).toHaveGradient(gradient, { like })).toThrow(/filter\[\d\]\[2\]\[\d\]\[\d\]/),
    );
  });

  test('the VJP of conv2d in both its inputs, named x and filter, passes', () => {
    const conv = (x: tf.Tensor4D, filter: tf.Tensor4D) => tf.conv2d(x, filter, 1, 'valid');
    const { f, vjp, like } = tfVJP(tf, conv, { x: [1, 5, 5, 2], filter: [3, 3, 2, 4] });
    const report = withoutLeaks(() => checkVJP(f, vjp, { like, vectors: 1, samples: 2 }));
    expect(report.pass).toBe(true);
    const paths = report.samples[0]!.coordinates.map((c) => c.path);
    expect(paths).toContain('x[0][4][4][1]');
    expect(paths).toContain('filter[0][2][1][0]');
    expect(paths).toHaveLength(50 + 72);
  });
});

// A product a·b of a 2×3 and a 3×3 matrix as a custom op of two tensors, with its backward pass.
const C = tf.tensor2d([
  [0.3, -1.1, 0.8],
  [1.4, 0.2, -0.5],
]);
const matMulWith = (transposeDb: boolean) => {
  const op = tf.customGrad(((a: tf.Tensor2D, b: tf.Tensor2D, save: tf.GradSaveFunc) => {
    save([a, b]);
    return {
      value: tf.matMul(a, b),
      gradFunc: (dy: tf.Tensor2D, [sa, sb]: tf.Tensor2D[]) => {
        const db = tf.matMul(sa!, dy, true, false);
        // The bug: dbᵀ, as when the order of a product is swapped (dyᵀ·a instead of aᵀ·dy).
        return [tf.matMul(dy, sb!, false, true), transposeDb ? tf.transpose(db) : db];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(op(a, b), C));
};
const AB = { a: [2, 3], b: [3, 3] };

describe('a function of two tensors (tf.grads), each input named', () => {
  test('the right backward pass passes, with paths a[i][j] and b[i][j]', () => {
    const { f, gradient, like } = tfGradient(tf, matMulWith(false), AB);
    expect(Object.keys(like)).toEqual(['a', 'b']);
    const report = withoutLeaks(() => checkGradient(f, gradient, { like }));
    expect(report.pass).toBe(true);
    expect(report.samples[0]!.coordinates.map((c) => c.path).slice(5, 8)).toEqual([
      'a[1][2]',
      'b[0][0]',
      'b[0][1]',
    ]);
    withoutLeaks(() => expect(f).toHaveGradient(gradient, { like }));
  });

  test('a transposed db fails in b alone, off the diagonal', () => {
    const { f, gradient, like } = tfGradient(tf, matMulWith(true), AB);
    const report = withoutLeaks(() => checkGradient(f, gradient, { like }));
    const failing = [...failingPathsInSamples(report)];
    expect(failing.length).toBeGreaterThan(0);
    for (const path of failing) expect(path).toMatch(/^b\[(\d)\]\[(?!\1)\d\]$/);
  });

  test('points may be given as plain nested arrays under the names', () => {
    const { f, gradient } = tfGradient(tf, matMulWith(false), AB);
    const point = {
      a: [
        [0.1, 0.2, 0.3],
        [0.4, -0.5, 0.6],
      ],
      b: [
        [1, 0, -1],
        [0.5, 0.25, 0],
        [-0.75, 0.3, 0.9],
      ],
    };
    const report = withoutLeaks(() => checkGradient(f, gradient, { points: [point], precision: 'float32' }));
    expect(report.pass).toBe(true);
  });
});

const FILTER_TENSOR = tf.zeros([3, 3, 2, 4]) as tf.Tensor4D;

describe('no tensor leaks when the check throws', () => {
  test('a loss that throws in its forward pass', () => {
    const broken = (x: tf.Tensor) => {
      tf.square(x);
      return tf.matMul(x, tf.ones([4, 1]));
    };
    const { f, gradient, like } = tfGradient(tf, broken, [2, 3]);
    expect(() => withoutLeaks(() => checkGradient(f, gradient, { like }))).toThrow(EvaluationError);
    // The gradient alone, where the throw happens under tf.grad's tape.
    expect(() => withoutLeaks(() => gradient(like))).toThrow(/matMul/);
  });

  test('a custom gradient that throws, after the forward pass saved its tensors', () => {
    const throwing = softsignWith(() => {
      throw new Error('backward pass not written yet');
    });
    const { f, vjp, like } = tfVJP(tf, throwing, [5]);
    expect(() => withoutLeaks(() => checkVJP(f, vjp, { like }))).toThrow(/the VJP threw .*not written yet/s);
    expect(() => withoutLeaks(() => expect(f).toHaveVJP(vjp, { like }))).toThrow(EvaluationError);
  });

  test('a loss that does not depend on its input', () => {
    const constant = (_x: tf.Tensor) => softsign(tf.tensor1d([1, 2]));
    const { f, vjp, like } = tfVJP(tf, constant, [3]);
    expect(() => withoutLeaks(() => checkVJP(f, vjp, { like }))).toThrow(/Cannot compute gradient/);
  });

  test('a shape that does not fit the op', () => {
    const { f, gradient, like } = tfGradient(
      tf,
      (x) => tf.sum(tf.conv2d(x as tf.Tensor4D, FILTER_TENSOR, 1, 'valid')),
      [1, 5, 5, 3],
    );
    expect(() => withoutLeaks(() => checkGradient(f, gradient, { like }))).toThrow(/f threw/);
  });
});

describe('async: tensors read with await data(), never dataSync()', () => {
  test('the matchers return a Promise that passes or fails, and nothing leaks', async () => {
    const dataSync = vi.spyOn(tf.Tensor.prototype, 'dataSync');
    try {
      const right = tfVJP(tf, softsign, [5], { async: true });
      const pending = withoutLeaks(() =>
        expect(right.f).toHaveVJP(right.vjp, { like: right.like, ...vjpOptions }),
      );
      expect(pending).toBeInstanceOf(Promise);
      await pending;
      const wrong = tfVJP(tf, onePercent, [5], { async: true });
      await withoutLeaks(() => expect(wrong.f).not.toHaveVJP(wrong.vjp, { like: wrong.like, ...vjpOptions }));
      const loss = tfGradient(tf, logisticLoss, [4], { async: true });
      const report = await withoutLeaks(() => checkGradient(loss.f, loss.gradient, { like: loss.like }));
      expect(report.pass).toBe(true);
      expect(report.settings.precision).toBe('float32');
      expect(dataSync).not.toHaveBeenCalled();
    } finally {
      dataSync.mockRestore();
    }
  });

  test('a throw rejects the check, and leaves nothing behind', async () => {
    const throwing = softsignWith(() => {
      throw new Error('backward pass not written yet');
    });
    const { f, vjp, like } = tfVJP(tf, throwing, [5], { async: true });
    await expect(withoutLeaks(() => checkVJP(f, vjp, { like }))).rejects.toThrow(/not written yet/);
    const nonScalar = tfGradient(tf, (x) => tf.square(x), [2], { async: true });
    await expect(withoutLeaks(() => nonScalar.f([1, 2]))).rejects.toThrow(/should return a scalar/);
  });

  test('sync by default: plain values, and the matcher returns no Promise', () => {
    const { f, gradient, like } = tfGradient(tf, logisticLoss, [4]);
    expect(typeof f(like)).toBe('number');
    expect(gradient(like)).toBeInstanceOf(Float32Array);
    expect(expect(f).toHaveGradient(gradient, { like })).not.toBeInstanceOf(Promise);
  });
});

describe('the types', () => {
  test('follow the shapes and the async option', () => {
    const one = tfGradient(tf, logisticLoss, [4]);
    expectTypeOf(one.f).returns.toEqualTypeOf<number>();
    expectTypeOf(one.like).toEqualTypeOf<TensorValue>();
    const named = tfVJP(tf, (x: tf.Tensor4D, filter: tf.Tensor4D) => tf.conv2d(x, filter, 1, 'valid'), {
      x: [1, 5, 5, 2],
      filter: [3, 3, 2, 4],
    });
    expectTypeOf(named.like).toEqualTypeOf<{ readonly x: TensorValue; readonly filter: TensorValue }>();
    const later = tfGradient(tf, logisticLoss, [4], { async: true });
    expectTypeOf(later.f).returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf(later.gradient).returns.toEqualTypeOf<Promise<TensorValue>>();
    // An async check is a Promise to the matcher's types too (not called: it would run the check).
    const awaited = () => expect(later.f).toHaveGradient(later.gradient, { like: later.like });
    expectTypeOf(awaited).returns.toEqualTypeOf<Promise<void>>();
    // A function of two tensors needs two named shapes.
    // @ts-expect-error one shape for two tensors
    expect(() => tfGradient(tf, (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.add(a, b)), [2])).toThrow(
      TypeError,
    );
  });
});

describe('the built typings, as a user compiles them', () => {
  test('test/types/tfjs.ts compiles against dist, with its @ts-expect-error lines all errors', () => {
    ensureBuilt();
    const tsc = run(['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'test/types/tsconfig.tfjs.json']);
    expect(tsc.output.trim(), tsc.output).toBe('');
    expect(tsc.status).toBe(0);
  });
});

describe('a call with the wrong arguments says what was meant', () => {
  const loss = (x: tf.Tensor) => tf.sum(x);
  const twoTensors = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.add(a, b));
  test.each([
    {
      name: 'not the TF.js namespace',
      call: () => tfGradient({} as typeof tf, loss, [2]),
      message: /first argument must be the TensorFlow\.js namespace/,
    },
    {
      name: 'no function',
      call: () => tfGradient(tf, 3 as never, [2]),
      message: /second argument must be a function of tensors/,
    },
    {
      name: 'a shape of no whole numbers',
      call: () => tfGradient(tf, loss, [2.5]),
      message: /the shape must be a tensor shape/,
    },
    {
      name: 'no shape',
      call: () => tfGradient(tf, loss, 'x' as unknown as number[]),
      message: /third argument must be the input tensor's shape/,
    },
    {
      name: 'a named shape that is wrong',
      call: () => tfGradient(tf, loss, { x: [2], w: [-1] }),
      message: /the shape of w must be a tensor shape/,
    },
    {
      name: 'one shape for two tensors',
      call: () => tfGradient(tf, twoTensors as unknown as typeof loss, [2]),
      message: /takes 2 tensors, but one shape was given/,
    },
    {
      name: 'a misspelt option',
      call: () => tfGradient(tf, loss, [2], { asynch: true } as never),
      message: /unknown option asynch/,
    },
    {
      name: 'async not a boolean',
      call: () => tfGradient(tf, loss, [2], { async: 1 } as never),
      message: /async must be true or false/,
    },
  ])('$name', ({ call, message }) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });

  test('an input with the wrong number of entries is named', () => {
    const { f } = tfGradient(tf, loss, [2, 3]);
    expect(() => withoutLeaks(() => f([1, 2, 3]))).toThrow(
      /the input x holds 3 numbers, but its tensor holds 6/,
    );
  });
});
