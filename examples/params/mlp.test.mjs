// Nested parameter objects: gradcheck flattens any mix of objects and arrays, names every coordinate by
// its path (layers[1].W[2][0], head.w[3], temperature), and prints those paths on failure.
// Run: npx vitest run --root examples/params (after npm run build).
import { describe, expect, test } from 'vitest';
import { backprop, loss, offByOneBackprop, template } from './mlp.mjs';

// The temperature divides the logits, so it is drawn from [0.5, 2]; every other value from [-1, 1].
const domain = (path) => (path === 'temperature' ? [0.5, 2] : [-1, 1]);

describe('a network whose parameters are { layers: [{ W, b }, …], head: { w }, temperature }', () => {
  test('backprop is the gradient of the loss', () => {
    expect(loss).toHaveGradient(backprop, { like: template, domain });
  });

  test('checking only some coordinates: those of the second layer', () => {
    expect(loss).toHaveGradient(backprop, {
      like: template,
      domain,
      coordinates: (path) => path.startsWith('layers[1].'),
    });
  });

  // This test fails on purpose: the bias loop stops one entry short, so layers[0].b[3] and
  // layers[1].b[4] get no gradient. The failure names exactly these two coordinates.
  test('an off-by-one in the bias loop (fails on purpose)', () => {
    expect(loss).toHaveGradient(offByOneBackprop, { like: template, domain });
  });
});
