/**
 * Functions and derivatives of every kind the README shows, shared by the Vitest and Jest type tests,
 * and the typings of the core's checks, which both compile. Nothing here runs: these files are only
 * compiled (`tsc --noEmit`).
 */
import { checkGradient, checkHessian, checkJacobian, checkVJP, type ParamsLike } from 'gradcheck';

export const square = (x: number): number => x * x;
export const double = (x: number): number => 2 * x;

export const loss = (x: number[]): number => x.reduce((sum, v) => sum + v * v, 0);
export const lossGrad = (x: number[]): number[] => x.map((v) => 2 * v);

export const params = {
  W1: [
    [0.1, 0.2],
    [0.3, 0.4],
  ],
  b1: [0, 0],
};
export type Net = typeof params;
export const net = (p: Net): number => p.W1.flat().reduce((s, v) => s + v * v, 0) + p.b1[0]! + p.b1[1]!;
export const backprop = (p: Net): Net => ({ W1: p.W1.map((row) => row.map((v) => 2 * v)), b1: [1, 1] });

export const f = (x: number[]): number[] => [x[0]! * x[1]!, x[2]! + x[3]!];
export const jac = (x: number[]): number[][] => [
  [x[1]!, x[0]!, 0, 0],
  [0, 0, 1, 1],
];

export const asyncLoss = async (x: number): Promise<number> => x * x;
export const asyncGrad = async (x: number): Promise<number> => 2 * x;

/** Parameters typed by an interface, as users write them: an interface has no index signature. */
export interface Layer {
  W: number[][];
  b: number[];
}
export const layer: Layer = { W: [[0.1, 0.2]], b: [0] };
export const layerLoss = (p: Layer): number => p.W[0]![0]! * p.W[0]![1]! + p.b[0]!;
export const layerGrad = (p: Layer): Layer => ({ W: [[p.W[0]![1]!, p.W[0]![0]!]], b: [1] });

/** Not an input: a field that holds no numbers. */
export interface Labelled {
  W: number[][];
  name: string;
}
export const labelled: Labelled = { W: [[0]], name: 'layer 1' };
export const labelledLoss = (p: Labelled): number => p.W[0]![0]!;

/** Not an input either: an optional field (a template without it has no such coordinates). */
export interface Partly {
  W: number[][];
  b?: number[];
}

// The core's checks take an interface-typed input, template, points and gradient.
checkGradient(layerLoss, layerGrad, { like: layer });
checkGradient(layerLoss, layerGrad, { points: [layer], samples: 1 });
checkGradient(layerLoss, (p) => ({ W: p.W, b: [1] }), { like: layer });
checkGradient(layerLoss, (p) => p.W.flat().concat(p.b), 1e-6, 1e-7, { like: layer });
checkJacobian(
  (p: Layer) => [p.b[0]!],
  (p: Layer) => [layerGrad(p)],
  { like: layer },
);
checkHessian(layerLoss, (p) => [p, p, p], { like: layer, gradient: layerGrad });
checkVJP(
  (p: Layer) => [p.b[0]!],
  (_, u) => ({ W: [[0, 0]], b: [u[0]!] }),
  { like: layer },
);
checkGradient(
  (x: number[], p: Layer) => x[0]! * p.b[0]!,
  (x, p) => [x, p],
  { args: [[0], layer] },
);
// Named arguments: the keys of args name them, in f's order; the gradient's parts, a list or an object.
checkGradient(
  (x: number[], p: Layer) => x[0]! * p.b[0]!,
  (x: number[], p: Layer) => [x, p],
  { args: { x: [0], p: layer } },
);
checkGradient(
  (x: number[], p: Layer) => x[0]! * p.b[0]!,
  (x: number[], p: Layer) => ({ x, p }),
  { args: { x: [0], p: layer }, points: [{ x: [1], p: layer }] },
);
// Interfaces nest, in arrays and with typed arrays, and a generic helper over Params still compiles.
interface Model {
  layers: Layer[];
  scale: Float64Array;
}
checkGradient(
  (m: Model) => m.scale[0]!,
  (m: Model) => m,
  { like: { layers: [layer], scale: new Float64Array(1) } },
);
export function checkWith<X extends ParamsLike<X>>(f: (x: X) => number, grad: (x: X) => X, like: X): void {
  checkGradient(f, grad, { like });
}

const labelledGrad = (p: Labelled): number[][] => p.W;
const anyLoss = (_: unknown): number => 0;
const mapLoss = (m: Map<string, number>): number => m.size;
const partlyLoss = (p: Partly): number => p.W[0]![0]!;
const partly: Partly = { W: [[0]] };
const twoLoss = (x: number[], p: Labelled): number => x[0]! * p.W[0]![0]!;
const fnLoss = (g: () => number): number => g();

// @ts-expect-error a string field is not a coordinate
checkGradient(labelledLoss, labelledGrad, { like: labelled });
// @ts-expect-error the template must be an input: a Labelled is not, even for an f of any input
checkGradient(anyLoss, () => 0, { like: labelled });
// @ts-expect-error a Map is not an input
checkGradient(mapLoss, () => [0], { like: new Map<string, number>() });
// @ts-expect-error an optional field is not an input
checkGradient(partlyLoss, () => [[0]], { like: partly });
// @ts-expect-error the gradient of an interface-typed input holds numbers
checkGradient(layerLoss, (p) => ({ W: p.W, b: ['1'] }), { like: layer });
// @ts-expect-error a misspelt option name, with an interface-typed template
checkGradient(layerLoss, layerGrad, { like: layer, sampels: 3 });
// @ts-expect-error points are inputs: a Layer, not its parts
checkGradient(layerLoss, layerGrad, { points: [[0.1, 0.2]] });
// @ts-expect-error a function is not an input
checkGradient(fnLoss, () => 0, { points: [() => 1] });
// @ts-expect-error one of several arguments is not an input
checkGradient(twoLoss, () => [[0], [[0]]], { args: [[0], labelled] });
// @ts-expect-error one of several named arguments is not an input
checkGradient(twoLoss, () => [[0], [[0]]], { args: { x: [0], p: labelled } });
// @ts-expect-error the gradient's part of a named argument holds numbers
checkGradient(twoLoss, () => ({ x: ['0'], p: [[0]] }), { args: { x: [0], p: [[0]] } });
