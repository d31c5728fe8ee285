/**
 * Functions and derivatives of every kind the README shows, shared by the Vitest and Jest type tests.
 * Nothing here runs: these files are only compiled (`tsc --noEmit`).
 */
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
