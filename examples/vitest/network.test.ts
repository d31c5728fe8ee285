// The deep-learning course's gradient-checking exercise as a Vitest test: the 3-layer network
// (LINEAR→RELU→LINEAR→RELU→LINEAR→SIGMOID) with its correct backprop and the course's buggy one.
// Run: npx vitest run --root examples/vitest (after npm run build), or npm run demo.
import { describe, expect, test } from 'vitest';
import { backprop, buggyBackprop, cost, initParams } from '../network/network.mjs';

// The course checks at one fixed set of parameters. These are chosen so that no ReLU input sits at its
// kink and every hidden unit is active, so every entry of dW2 and db1 can show the planted bugs.
const params = initParams();

describe("the course's 3-layer network", () => {
  test('backprop is the gradient of the cost', () => {
    expect(cost).toHaveGradient(backprop, { points: [params] });
  });

  test('backprop is the gradient at random parameters of the same shape too', () => {
    expect(cost).toHaveGradient(backprop, { like: params, samples: 3 });
  });

  // This test fails on purpose: it is the course's exercise. The failure names the W2 and b1 entries.
  test("the course's buggy backprop, dW2 × 2 and db1 with 4/m (fails on purpose)", () => {
    expect(cost).toHaveGradient(buggyBackprop, { points: [params] });
  });
});
