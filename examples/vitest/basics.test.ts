// Everyday forms of the matchers: defaults, the course's <eps, tol> pair, a Jacobian and an async f.
// Run: npx vitest run --root examples/vitest (after npm run build).
import { expect, test } from 'vitest';

const sumOfSquares = (x: number[]) => x.reduce((s, v) => s + v * v, 0);
const twice = (x: number[]) => x.map((v) => 2 * v);

test('defaults: 3 seeded random points, here of dimension 5', () => {
  expect(sumOfSquares).toHaveGradient(twice, { dim: 5 });
});

test("the course's (eps, tol) pair still works", () => {
  expect(sumOfSquares).toHaveGradient(twice, 1e-7, 1e-7, { dim: 5 });
});

test('a Jacobian: J[i][j] = ∂f_i/∂x_j of polar → Cartesian coordinates', () => {
  const cartesian = ([r, theta]: number[]) => [r! * Math.cos(theta!), r! * Math.sin(theta!)];
  const jacobian = ([r, theta]: number[]) => [
    [Math.cos(theta!), -r! * Math.sin(theta!)],
    [Math.sin(theta!), r! * Math.cos(theta!)],
  ];
  expect(cartesian).toHaveJacobian(jacobian, { dim: 2, domain: [0.5, 2] });
});

test('an async f: await the matcher', async () => {
  const remoteLoss = async (x: number[]) => sumOfSquares(x);
  await expect(remoteLoss).toHaveGradient(twice, { dim: 3 });
});
