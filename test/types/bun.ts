/**
 * Type test of the Bun augmentation: compiled by `tsc -p test/types/tsconfig.bun.json` against the
 * built `gradcheck/bun` (its .d.mts) and `@types/bun`, as a Bun project sees it. Every
 * `@ts-expect-error` line must be an error, or tsc fails ("unused directive").
 */
import { expect } from 'bun:test';
import { matchers } from 'gradcheck/bun';
import {
  asyncGrad,
  asyncLoss,
  backprop,
  double,
  f,
  jac,
  loss,
  lossGrad,
  net,
  params,
  square,
} from './shared.js';

expect(square).toHaveGradient(double);
// An unannotated derivative takes the received function's input type.
expect((x: number) => x * x).toHaveGradient((x) => 2 * x);
expect(net).toHaveGradient((p) => ({ W1: p.W1, b1: p.b1 }), { like: params });
expect(f).toHaveJacobian((x) => [x, x], { dim: 4 });
expect(loss).toHaveGradient(lossGrad, 1e-6, 1e-7);
expect(net).toHaveGradient(backprop, { like: params, samples: 5, seed: 7 });
expect(f).toHaveJacobian(jac, { dim: 4 });
expect(net).not.toHaveGradient(backprop, { like: params });
await expect(asyncLoss).toHaveGradient(asyncGrad);
// An async f or derivative makes the call a Promise, so that a lint rule flags a missing await.
export const pending: Promise<void> = expect(asyncLoss).toHaveGradient(asyncGrad);
export const pendingDerivative: Promise<void> = expect(square).toHaveGradient(asyncGrad);
// @ts-expect-error a synchronous check is no Promise
export const settled: Promise<void> = expect(square).toHaveGradient(double);
await expect(Promise.resolve(square)).resolves.toHaveGradient(double);
expect.extend(matchers);

// formatReport's maxRows, for the failure message, in every matcher.
expect(net).toHaveGradient(backprop, { like: params, maxRows: 50 });
expect(loss).toHaveGradient(lossGrad, 1e-6, 1e-7, { dim: 3, maxRows: Number.POSITIVE_INFINITY });
expect(f).toHaveJacobian(jac, { dim: 4, maxRows: 5 });
expect(loss).toHaveHessian((x) => x.map((_, i) => x.map((__, j) => (i === j ? 2 : 0))), {
  dim: 3,
  gradient: lossGrad,
  maxRows: 5,
});
expect(f).toHaveJVP((x, v) => [v[0]! * x[1]! + x[0]! * v[1]!, v[2]! + v[3]!], { dim: 4, maxRows: 5 });
expect(f).toHaveVJP((x) => x.map(() => 0), { dim: 4, vectors: 1, maxRows: 5 });
expect((x: number[], y: number) => x[0]! * y).toHaveGradient((x: number[], y: number) => [[y, 0], x[0]!], {
  args: [[0, 0], 0],
  maxRows: 5,
});
// @ts-expect-error maxRows is a number
expect(net).toHaveGradient(backprop, { like: params, maxRows: '50' });
// @ts-expect-error a misspelt option name
expect(f).toHaveVJP((x) => x.map(() => 0), { dim: 4, maxRow: 5 });

// Second order and several arguments.
expect(loss).toHaveHessian((x) => x.map((_, i) => x.map((__, j) => (i === j ? 2 : 0))), {
  dim: 3,
  gradient: lossGrad,
});
expect(f).toHaveJVP((x, v) => [v[0]! * x[1]! + x[0]! * v[1]!, v[2]! + v[3]!], { dim: 4, vectors: 2 });
expect(f).toHaveVJP((x) => x.map(() => 0), { dim: 4 });

// @ts-expect-error the gradient must be a function
expect(square).toHaveGradient(2);
// @ts-expect-error the derivative's input is f's: a number has no W1
expect(square).toHaveGradient((x) => x.W1);
// @ts-expect-error a misspelt option name
expect(net).toHaveGradient(backprop, { like: params, sampels: 5 });
// @ts-expect-error an option that does not exist
expect(square).toHaveGradient(double, 1e-6, 1e-7, { tolerance: 1e-3 });
// @ts-expect-error tol is a number
expect(square).toHaveGradient(double, 1e-6, '1e-7');
// @ts-expect-error the Jacobian must be a function
expect(f).toHaveJacobian([[1, 0, 0, 0]], { dim: 4 });
// @ts-expect-error a misspelt option name
expect(f).toHaveJacobian(jac, { dims: 4 });
// @ts-expect-error the gradient is required
expect(square).toHaveGradient();
// @ts-expect-error a misspelt option name
expect(f).toHaveJVP((_, v) => v, { dim: 4, vector: 2 });
// @ts-expect-error not a matcher gradcheck adds
expect(square).toHaveGradients(double);
