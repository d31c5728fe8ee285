// node:test with the standalone `expect` package: nothing registers matchers for you, so the test calls
// expect.extend(matchers) with the matchers of gradcheck/jest (their messages carry the diff).
// Run: node --test examples/node-test/ (after npm run build).
import { test } from 'node:test';
import { setImmediate } from 'node:timers/promises';
import { expect } from 'expect';
import { matchers } from 'gradcheck/jest';

expect.extend(matchers);

/** A tiny regression data set: 4 examples with 3 features. */
const DATA = [
  { x: [0.5, -1.2, 0.3], y: 1.1 },
  { x: [-0.7, 0.4, 1.1], y: -0.4 },
  { x: [1.5, 0.2, -0.6], y: 0.9 },
  { x: [-0.2, -0.9, -1.4], y: -1.3 },
];
const LAMBDA = 0.1;

const predict = ({ w, b }, x) => w.reduce((s, wi, i) => s + wi * x[i], b);

/**
 * Ridge regression loss, mean squared error + λ‖w‖². Async, as a loss computed in a worker or read back
 * from a GPU would be: gradcheck awaits every call.
 */
async function ridgeLoss(params) {
  await setImmediate();
  const mse = DATA.reduce((s, { x, y }) => s + (predict(params, x) - y) ** 2, 0) / DATA.length;
  return mse + LAMBDA * params.w.reduce((s, wi) => s + wi * wi, 0);
}

/** Its gradient, with the regularisation term's factor as a parameter so that a bug can drop the 2. */
function ridgeGradientWith(regularisationFactor) {
  return ({ w, b }) => {
    const dw = w.map((wi) => regularisationFactor * LAMBDA * wi);
    let db = 0;
    for (const { x, y } of DATA) {
      const residual = (2 * (predict({ w, b }, x) - y)) / DATA.length;
      x.forEach((xi, i) => {
        dw[i] += residual * xi;
      });
      db += residual;
    }
    return { w: dw, b: db };
  };
}

const params = { w: [0, 0, 0], b: 0 };

test('the ridge gradient is right (async f: await the matcher)', async () => {
  await expect(ridgeLoss).toHaveGradient(ridgeGradientWith(2), { like: params });
});

// This test fails on purpose: d(λ‖w‖²)/dw = 2λw, and this gradient has λw, so every w[i] is off.
test('a ridge gradient that drops the 2 of 2λw (fails on purpose)', async () => {
  await expect(ridgeLoss).toHaveGradient(ridgeGradientWith(1), { like: params });
});
