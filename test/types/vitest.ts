/**
 * Type test of the Vitest augmentation: compiled by `tsc -p test/types/tsconfig.vitest.json` against
 * the built `gradcheck/vitest` (its .d.mts), as a user's project sees it. Every `@ts-expect-error` line
 * must be an error, or tsc fails ("unused directive").
 */
import { matchers } from 'gradcheck/vitest';
import { expect } from 'vitest';
import {
  asyncGrad,
  asyncLoss,
  backprop,
  double,
  f,
  jac,
  type Labelled,
  type Layer,
  labelled,
  labelledLoss,
  layer,
  layerGrad,
  layerLoss,
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
expect(loss).toHaveGradient(lossGrad, 1e-6, 1e-7, { dim: 3, samples: 2 });
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

// @ts-expect-error the gradient must be a function
expect(square).toHaveGradient(2);
// @ts-expect-error the derivative's input is f's: a number has no W1
expect(square).toHaveGradient((x) => x.W1);
// @ts-expect-error the gradient must be a function
expect(loss).toHaveGradient([2, 2], { dim: 2 });
// @ts-expect-error a misspelt option name
expect(net).toHaveGradient(backprop, { like: params, sampels: 5 });
// @ts-expect-error an option that does not exist
expect(square).toHaveGradient(double, 1e-6, 1e-7, { tolerance: 1e-3 });
// @ts-expect-error tol is a number
expect(square).toHaveGradient(double, 1e-6, '1e-7');
// @ts-expect-error `like` must have the input's shape
expect(net).toHaveGradient(backprop, { like: [1, 2] });
// @ts-expect-error the Jacobian must be a function
expect(f).toHaveJacobian([[1, 0, 0, 0]], { dim: 4 });
// @ts-expect-error a misspelt option name
expect(f).toHaveJacobian(jac, { dims: 4 });
// @ts-expect-error a Jacobian returns rows, not a number
expect(f).toHaveJacobian((x: number[]) => x[0]!, { dim: 4 });

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
expect((x: number[], y: number) => x[0]! * y).toHaveGradient((x: number[], y: number) => [[y, 0], x[0]!], {
  args: [[0, 0], 0],
});
// @ts-expect-error the Hessian must be a function
expect(loss).toHaveHessian([[2]], { dim: 1 });
// @ts-expect-error a misspelt option name
expect(f).toHaveJVP((_, v) => v, { dim: 4, vector: 2 });

// More misuse, each a type error rather than a run-time surprise.
// @ts-expect-error the gradient is required
expect(square).toHaveGradient();
// @ts-expect-error an option of the wrong type
expect(loss).toHaveGradient(lossGrad, { dim: 3, samples: '3' });
// @ts-expect-error method is one of the named stencils
expect(loss).toHaveGradient(lossGrad, { dim: 3, method: 'centre' });
// @ts-expect-error a domain is a pair [lo, hi]
expect(square).toHaveGradient(double, { domain: [1] });
// @ts-expect-error the seed is a string or a number
expect(square).toHaveGradient(double, { seed: { value: 1 } });
// @ts-expect-error points are inputs of f: numbers here, not arrays
expect(square).toHaveGradient(double, { points: [[1, 2]] });
// @ts-expect-error eps is a number
expect(square).toHaveGradient(double, '1e-6');
// @ts-expect-error at most (eps, tol, options)
expect(square).toHaveGradient(double, 1e-6, 1e-7, {}, {});
// @ts-expect-error a gradient returns numbers
expect(loss).toHaveGradient((x) => x.map(String), { dim: 3 });

// Parameters typed by an interface: accepted by their fields, unlike a type with a string field.
expect(layerLoss).toHaveGradient(layerGrad, { like: layer });
expect(layerLoss).toHaveGradient((p) => ({ W: p.W, b: [1] }), { like: layer, samples: 2 });
expect(layerLoss).not.toHaveGradient(layerGrad, { points: [layer] });
expect(layerLoss).toHaveHessian((p) => [p, p, p], { like: layer, gradient: layerGrad });
expect((x: number[], p: Layer) => x[0]! * p.b[0]!).toHaveGradient((x: number[], p: Layer) => [x, p], {
  args: [[0], layer],
});
expect((x: number[], p: Layer) => x[0]! * p.b[0]!).toHaveGradient((x: number[], p: Layer) => ({ x, p }), {
  args: { x: [0], p: layer },
});
// @ts-expect-error a string field is not a coordinate
expect(labelledLoss).toHaveGradient((p: Labelled) => p.W, { like: labelled });
// @ts-expect-error a Map is not an input
expect((m: Map<string, number>) => m.size).toHaveGradient(() => [0], { like: new Map<string, number>() });
// @ts-expect-error the gradient of an interface-typed input holds numbers
expect(layerLoss).toHaveGradient((p) => ({ W: p.W, b: ['1'] }), { like: layer });
// @ts-expect-error a misspelt option name, with an interface-typed template
expect(layerLoss).toHaveGradient(layerGrad, { like: layer, sampels: 3 });
