/**
 * The bad-input matrix: every way a user can call a check wrongly, with what they must read. Shared by
 * test/bad-input.test.ts (the core and the matchers in-process) and by a real Vitest run of the built
 * package (test/fixtures/runners/bad-input), so it imports nothing from gradcheck: only plain data and
 * the user's functions.
 *
 * `says(entry)` lists the texts the message must contain, where `entry` is the function the user called
 * (checkGradient, toHaveGradient...): a message about the call names that function, and only that one.
 */

import { blameCases } from './bad-input/blame.js';
import { budgetCases } from './bad-input/budget.js';
import { type BadInputCase, fails, typeError } from './bad-input/case.js';
import { crashesCases } from './bad-input/crashes.js';
import { droppedCases } from './bad-input/dropped.js';
import { hintsCases } from './bad-input/hints.js';
import { optionsCases } from './bad-input/options.js';

export type { BadInputCase, Kind, Outcome } from './bad-input/case.js';

const square = (x: number) => x * x;
const double = (x: number) => 2 * x;
const sumSq = (x: number[]) => x.reduce((s, v) => s + v * v, 0);
const sumSqGrad = (x: number[]) => x.map((v) => 2 * v);
const matrix = {
  W: [
    [0.1, 0.2],
    [0.3, 0.4],
  ],
};
const matrixLoss = (p: typeof matrix) => p.W.flat().reduce((s, v) => s + v * v, 0);
const logistic = { w: [0.5, -0.5], b: 0.1 };
const logisticLoss = (p: typeof logistic) => Math.log1p(Math.exp(-(p.w[0]! - p.w[1]! + p.b)));
const pair = (x: number[]) => [x[0]! * x[1]!, x[0]! + x[1]!];
const pairJacobian = (x: number[]) => [
  [x[1]!, x[0]!],
  [1, 1],
];
const KNOWN = 'Known options: points, like, dim, sample, domain, samples, seed, eps, tol, atol, method,';

class Parameters {
  w = [1, 2];
}

const cyclic: Record<string, unknown> = { w: [1, 2] };
cyclic.self = cyclic;

/** Throws only while x[1] is perturbed (x[0] exactly at its value), so the throw happens mid-sweep. */
function throwsWhileX1Moves(x: number[]): number {
  if (x[0] === 0.25 && x[1] !== 0.5) throw new RangeError('x[1] out of range');
  return sumSq(x);
}

/** Writes to x[0] only while x[1] is perturbed: a mutation that only the sweep can see. */
function writesDuringSweep(x: number[]): number {
  const value = sumSq(x);
  if (x[0] === 0.25 && x[1] !== 0.5) x[0] = 0.75;
  return value;
}

/** The first matrix: mistakes in how a gradient or Jacobian check is called. */
const calls: BadInputCase[] = [
  // The received value and the derivative.
  {
    name: 'received value is not a function',
    kind: 'gradient',
    f: 42,
    derivative: double,
    args: [],
    outcome: typeError,
    says: (entry) => [`${entry}: f (the function to differentiate) must be a function, but received 42.`],
    matcherSays: ['received value must be a function', 'Received has value: 42'],
  },
  {
    name: 'gradient is not a function',
    kind: 'gradient',
    f: sumSq,
    derivative: [2, 2],
    args: [{ dim: 2 }],
    outcome: typeError,
    says: (entry) => [`${entry}: the gradient must be a function, but received an array of length 2.`],
    matcherSays: ['the expected gradient must be a function of the same input as f', 'Expected has value: '],
  },
  {
    name: 'Jacobian is not a function',
    kind: 'jacobian',
    f: pair,
    derivative: undefined,
    args: [{ dim: 2 }],
    outcome: typeError,
    says: (entry) => [`${entry}: the Jacobian must be a function, but received undefined.`],
    matcherSays: ['the expected Jacobian must be a function of the same input as f'],
  },
  // The gradient's value.
  {
    name: 'gradient of the wrong length',
    kind: 'gradient',
    f: sumSq,
    derivative: () => [1, 2],
    args: [{ dim: 3 }],
    outcome: typeError,
    says: () => [
      'the value returned by the gradient at x should have length 3, but has length 2',
      'expected the input',
    ],
  },
  {
    name: 'gradient flat where the input nests',
    kind: 'gradient',
    f: matrixLoss,
    derivative: () => ({ W: [1, 1, 1, 1] }),
    args: [{ like: matrix }],
    outcome: typeError,
    says: () => [
      'the value returned by the gradient at W should be an array of 2 arrays, but received a flat array of 4 numbers',
      '(or a flat array of 4 numbers)',
    ],
  },
  {
    name: 'gradient nested one level too shallow inside',
    kind: 'gradient',
    f: matrixLoss,
    derivative: () => ({ W: [1, [1, 1]] }),
    args: [{ like: matrix }],
    outcome: typeError,
    says: () => [
      'the value returned by the gradient at W[0] should be an array of 2 numbers, but received 1',
    ],
  },
  {
    name: 'gradient with a misspelt key',
    kind: 'gradient',
    f: logisticLoss,
    derivative: (p: typeof logistic) => ({ w: p.w, bias: 0 }),
    args: [{ like: logistic }],
    outcome: typeError,
    says: () => ['the value returned by the gradient is missing b and has bias instead'],
  },
  {
    name: 'gradient with an extra key',
    kind: 'gradient',
    f: logisticLoss,
    derivative: (p: typeof logistic) => ({ w: p.w, b: 0, c: 1 }),
    args: [{ like: logistic }],
    outcome: typeError,
    says: () => ['the value returned by the gradient has c, which the input does not have'],
  },
  {
    name: 'gradient entry that is a string',
    kind: 'gradient',
    f: sumSq,
    derivative: () => [1, '2', 3],
    args: [{ dim: 3 }],
    outcome: typeError,
    says: () => [
      'the value returned by the gradient at x[1] should be a number, but received a string ("2").',
    ],
  },
  {
    name: 'gradient that returns nothing',
    kind: 'gradient',
    f: square,
    derivative: () => undefined,
    args: [],
    outcome: typeError,
    says: () => ['the value returned by the gradient at x should be a number, but received undefined.'],
  },
  {
    name: 'gradient returns NaN',
    kind: 'gradient',
    f: square,
    derivative: () => Number.NaN,
    args: [{ points: [0.5] }],
    outcome: fails('nonfinite-gradient'),
    says: () => ['the gradient returned NaN for x at sample 1.'],
  },
  // What f returns.
  {
    name: 'f returns an array',
    kind: 'gradient',
    f: (x: number[]) => x,
    derivative: sumSqGrad,
    args: [{ dim: 2 }],
    outcome: typeError,
    says: () => [
      'f must return a number, but returned an array of length 2 at sample 1.',
      'For a function with several outputs, use checkJacobian / toHaveJacobian.',
    ],
  },
  {
    name: 'f returns an object',
    kind: 'gradient',
    f: (x: number) => ({ loss: x * x }),
    derivative: double,
    args: [],
    outcome: typeError,
    says: () => ['f must return a number, but returned an object with keys loss at sample 1.'],
  },
  {
    name: 'f returns a string',
    kind: 'gradient',
    f: (x: number) => (x * x).toFixed(3),
    derivative: double,
    args: [{ points: [0.5] }],
    outcome: typeError,
    says: () => ['f must return a number, but returned a string ("0.250") at sample 1.'],
  },
  {
    name: 'f returns undefined',
    kind: 'gradient',
    f: (x: number) => {
      x * x;
    },
    derivative: double,
    args: [],
    outcome: typeError,
    says: () => ['f must return a number, but returned undefined at sample 1.'],
  },
  {
    name: 'f returns a bigint',
    kind: 'gradient',
    f: () => 4n,
    derivative: double,
    args: [],
    outcome: typeError,
    says: () => ['f must return a number, but returned a bigint (4n) at sample 1.'],
  },
  {
    name: 'f returns NaN at the point',
    kind: 'gradient',
    f: Math.log,
    derivative: (x: number) => 1 / x,
    args: [{ points: [-0.5] }],
    outcome: fails('nonfinite-value'),
    says: () => [
      'f returned NaN at the point of sample 1 (x = -0.5), so there is nothing to differentiate there.',
    ],
  },
  {
    name: 'f returns Infinity at the point',
    kind: 'gradient',
    f: (x: number[]) => 1 / x[0]!,
    derivative: (x: number[]) => [-1 / x[0]! ** 2, 0],
    args: [{ points: [[0, 0.5]] }],
    outcome: fails('nonfinite-value'),
    says: () => ['f returned Infinity at the point of sample 1 (x = [0, 0.5])'],
  },
  {
    name: 'f returns -Infinity at the point',
    kind: 'gradient',
    f: (p: { a: number }) => Math.log(p.a),
    derivative: (p: { a: number }) => ({ a: 1 / p.a }),
    args: [{ points: [{ a: 0 }] }],
    outcome: fails('nonfinite-value'),
    says: () => ['f returned -Infinity at the point of sample 1 ({ a: 0 })'],
  },
  {
    name: 'f returns a Promise of a string',
    kind: 'gradient',
    f: async (x: number) => String(x),
    derivative: double,
    args: [{ points: [0.5] }],
    async: true,
    outcome: typeError,
    says: () => ['f must return a number, but returned a string ("0.5") at sample 1.'],
  },
  // f or the derivative throws.
  {
    name: 'f throws at the point',
    kind: 'gradient',
    f: () => {
      throw new Error('boom from f');
    },
    derivative: double,
    args: [{ points: [0.25], seed: 7 }],
    outcome: { type: 'throws', name: 'GradcheckEvaluationError', cause: 'boom from f' },
    says: () => ['f threw at sample 1 (seed 7) on input x = 0.25: boom from f'],
  },
  {
    name: 'f throws while a coordinate is perturbed',
    kind: 'gradient',
    f: throwsWhileX1Moves,
    derivative: sumSqGrad,
    args: [{ points: [[0.25, 0.5]], seed: 7 }],
    outcome: { type: 'throws', name: 'GradcheckEvaluationError', cause: 'x[1] out of range' },
    says: () => [
      'f threw at sample 1 (seed 7) on input x = [0.25, 0.5',
      ' with x[1] set to 0.5',
      ': x[1] out of range',
    ],
  },
  {
    name: 'the gradient throws',
    kind: 'gradient',
    f: square,
    derivative: () => {
      throw new TypeError('grad is broken');
    },
    args: [{ points: [0.25], seed: 7 }],
    outcome: { type: 'throws', name: 'GradcheckEvaluationError', cause: 'grad is broken' },
    says: () => ['the gradient threw at sample 1 (seed 7) on input x = 0.25: grad is broken'],
  },
  {
    name: 'async f rejects',
    kind: 'gradient',
    f: async () => {
      throw new Error('no network in f');
    },
    derivative: double,
    args: [{ points: [0.25], seed: 7 }],
    async: true,
    outcome: { type: 'throws', name: 'GradcheckEvaluationError', cause: 'no network in f' },
    says: () => ['f rejected at sample 1 (seed 7) on input x = 0.25: no network in f'],
  },
  {
    name: 'async gradient rejects',
    kind: 'gradient',
    f: square,
    derivative: () => Promise.reject(new Error('no gradient today')),
    args: [{ points: [0.25], seed: 7 }],
    async: true,
    outcome: { type: 'throws', name: 'GradcheckEvaluationError', cause: 'no gradient today' },
    says: () => ['the gradient rejected at sample 1 (seed 7) on input x = 0.25: no gradient today'],
  },
  // Options.
  {
    name: 'eps = 0, positionally',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [0, 1e-7],
    outcome: typeError,
    says: (entry) => [`${entry}: eps must be a finite number > 0, but received 0.`],
  },
  {
    name: 'eps < 0',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [{ eps: -1e-6 }],
    outcome: typeError,
    says: (entry) => [`${entry}: eps must be a finite number > 0, but received -0.000001.`],
  },
  {
    name: 'eps NaN',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [{ eps: Number.NaN }],
    outcome: typeError,
    says: (entry) => [`${entry}: eps must be a finite number > 0, but received NaN.`],
  },
  {
    name: 'tol < 0',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [{ tol: -1e-7 }],
    outcome: typeError,
    says: (entry) => [`${entry}: tol must be a finite number ≥ 0, but received -1e-7.`],
  },
  {
    name: 'tol given as a string, positionally',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [1e-6, '1e-7'],
    outcome: typeError,
    says: (entry) => [
      `${entry}: the second argument (tol) must be a number, but received a string ("1e-7").`,
    ],
  },
  {
    name: 'samples = 0',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [{ samples: 0 }],
    outcome: typeError,
    says: (entry) => [`${entry}: samples must be a whole number ≥ 1, but received 0.`],
  },
  {
    name: 'fractional samples',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [{ samples: 2.5 }],
    outcome: typeError,
    says: (entry) => [`${entry}: samples must be a whole number ≥ 1, but received 2.5.`],
  },
  {
    name: 'unknown option: a swap of two letters',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [{ sampels: 5 }],
    outcome: typeError,
    says: (entry) => [`${entry}: unknown option "sampels". Did you mean "samples"?`, KNOWN],
  },
  {
    name: 'unknown option: a misspelt long name',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [{ tolerence: 1e-6 }],
    outcome: typeError,
    says: (entry) => [`${entry}: unknown option "tolerence". Did you mean "tol"?`],
  },
  {
    name: 'unknown option: nothing alike',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [{ foo: 1 }],
    outcome: typeError,
    says: (entry) => [`${entry}: unknown option "foo". Known options:`],
  },
  {
    name: 'both points and dim',
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    args: [{ points: [[1, 2]], dim: 2 }],
    outcome: typeError,
    says: (entry) => [`${entry}: give one of points, like, dim and sample, but received points and dim.`],
  },
  {
    name: 'domain with lo = hi',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [{ domain: [1, 1] }],
    outcome: typeError,
    says: (entry) => [`${entry}: domain must have lo < hi, but received [1, 1].`],
  },
  {
    name: 'domain function with lo > hi',
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    args: [{ dim: 2, domain: (path: string) => (path === 'x[1]' ? [2, 1] : [0, 1]) }],
    outcome: typeError,
    says: (entry) => [`${entry}: domain for x[1] must have lo < hi, but received [2, 1].`],
  },
  {
    name: 'seed that is an object',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [{ seed: { value: 1 } }],
    outcome: typeError,
    says: (entry) => [
      `${entry}: seed must be a string or a finite number, but received an object with keys value.`,
    ],
  },
  {
    name: 'seed that is NaN',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [{ seed: Number.NaN }],
    outcome: typeError,
    says: (entry) => [`${entry}: seed must be a string or a finite number, but received NaN.`],
  },
  {
    name: 'too many arguments',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [1e-6, 1e-7, {}, {}],
    outcome: typeError,
    says: (entry) => [`${entry}: expected at most (eps, tol, options), but received 4 arguments.`],
  },
  // Inputs.
  {
    name: 'empty input (n = 0)',
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    args: [{ points: [[]] }],
    outcome: typeError,
    says: (entry) => [`${entry}: the input has no coordinates (n = 0); there is no gradient to check.`],
  },
  {
    name: 'empty object template',
    kind: 'gradient',
    f: () => 0,
    derivative: () => ({}),
    args: [{ like: {} }],
    outcome: typeError,
    says: (entry) => [`${entry}: the input has no coordinates (n = 0)`],
  },
  {
    name: 'input containing NaN',
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    args: [{ points: [[1, Number.NaN]] }],
    outcome: typeError,
    says: (entry) => [`${entry}: points[0] must hold finite numbers, but x[1] is NaN.`],
  },
  {
    name: 'template containing Infinity',
    kind: 'gradient',
    f: matrixLoss,
    derivative: (p: typeof matrix) => p,
    args: [{ like: { W: [[0, Number.POSITIVE_INFINITY]] } }],
    outcome: typeError,
    says: (entry) => [`${entry}: like must hold finite numbers, but W[0][1] is Infinity.`],
  },
  {
    name: 'a later point containing NaN',
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    args: [
      {
        points: [
          [1, 2],
          [3, Number.NaN],
        ],
      },
    ],
    outcome: typeError,
    says: (entry) => [`${entry}: points[1] must hold finite numbers, but x[1] is NaN.`],
  },
  {
    name: 'sparse array',
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    // biome-ignore lint/suspicious/noSparseArray: the hole is the bad input under test.
    args: [{ points: [[1, , 2]] }],
    outcome: typeError,
    says: (entry) => [`${entry}: points[0] is a sparse array: x[1] is a hole.`],
  },
  {
    name: 'a Map',
    kind: 'gradient',
    f: () => 0,
    derivative: () => 0,
    args: [{ like: new Map([['w', 1]]) }],
    outcome: typeError,
    says: (entry) => [
      `${entry}: like at the top level is a Map; supported are numbers, arrays, Float64Array, Float32Array and plain objects of these.`,
    ],
  },
  {
    name: 'a class instance',
    kind: 'gradient',
    f: () => 0,
    derivative: () => 0,
    args: [{ points: [new Parameters()] }],
    outcome: typeError,
    says: (entry) => [`${entry}: points[0] at the top level is a Parameters; supported are numbers, arrays,`],
  },
  {
    name: 'an integer typed array',
    kind: 'gradient',
    f: () => 0,
    derivative: () => 0,
    args: [{ like: { w: new Int32Array(3) } }],
    outcome: typeError,
    says: (entry) => [
      `${entry}: like at w is an Int32Array; gradcheck perturbs coordinates by tiny steps, so it supports number, number[], Float64Array and Float32Array leaves.`,
    ],
  },
  {
    name: 'a string inside the input',
    kind: 'gradient',
    f: () => 0,
    derivative: () => 0,
    args: [{ like: { w: [1], name: 'layer 1' } }],
    outcome: typeError,
    says: (entry) => [`${entry}: like must be a number, an array,`, 'but name is a string ("layer 1").'],
  },
  {
    name: 'a cyclic object',
    kind: 'gradient',
    f: () => 0,
    derivative: () => 0,
    args: [{ like: cyclic }],
    outcome: typeError,
    says: (entry) => [`${entry}: like is cyclic: self refers back to one of its parents.`],
  },
  {
    name: 'points of different shapes',
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    args: [{ points: [[1, 2], [1]] }],
    outcome: typeError,
    says: (entry) => [`${entry}: points[1] at x should have length 2, but has length 1`],
  },
  // Jacobians.
  {
    name: 'Jacobian with too few rows',
    kind: 'jacobian',
    f: pair,
    derivative: (x: number[]) => [[x[1]!, x[0]!]],
    args: [{ dim: 2 }],
    outcome: typeError,
    says: () => [
      'the value returned by the Jacobian should be an array of 2 rows (one per output of f), each with 2 entries, but received an array of length 1.',
    ],
  },
  {
    name: 'Jacobian with a short row',
    kind: 'jacobian',
    f: pair,
    derivative: (x: number[]) => [[x[1]!, x[0]!], [1]],
    args: [{ dim: 2 }],
    outcome: typeError,
    says: () => ['row 1 of the value returned by the Jacobian at x should have length 2, but has length 1'],
  },
  {
    name: 'Jacobian transposed (3 outputs, 2 inputs)',
    kind: 'jacobian',
    f: (x: number[]) => [x[0]!, x[1]!, x[0]! * x[1]!],
    derivative: (x: number[]) => [
      [1, 0, x[1]!],
      [0, 1, x[0]!],
    ],
    args: [{ dim: 2 }],
    outcome: typeError,
    says: () => [
      'should be an array of 3 rows (one per output of f), each with 2 entries, but received an array of length 2.',
    ],
  },
  {
    name: 'f returns a number for a Jacobian',
    kind: 'jacobian',
    f: sumSq,
    derivative: pairJacobian,
    args: [{ dim: 2 }],
    outcome: typeError,
    says: () => ['f must return an array of numbers for a Jacobian, but returned'],
  },
  // Mutation of the input.
  {
    name: 'f mutates its input',
    kind: 'gradient',
    f: (x: number[]) => {
      x[0] = 0;
      return sumSq(x);
    },
    derivative: sumSqGrad,
    args: [{ points: [[0.25, 0.5]] }],
    outcome: fails('mutates-input'),
    says: () => [
      'f mutates its input: x[0] was 0.25 before the call and 0 after.',
      'Copy the input inside f',
    ],
  },
  {
    name: 'f mutates its input only while a coordinate is perturbed',
    kind: 'gradient',
    f: writesDuringSweep,
    derivative: sumSqGrad,
    args: [{ points: [[0.25, 0.5]] }],
    outcome: fails('mutates-input'),
    says: () => [
      'f mutates its input: x[0] was 0.25 before the call and 0.75 after while coordinates were perturbed.',
    ],
  },
  {
    name: 'the gradient mutates its input',
    kind: 'gradient',
    f: sumSq,
    derivative: (x: number[]) => {
      const g = sumSqGrad(x);
      x.fill(0);
      return g;
    },
    args: [{ points: [[0.25, 0.5]] }],
    outcome: fails('mutates-input'),
    says: () => ['the gradient mutates its input: x[0] was 0.25 before the call and 0 after.'],
  },
];

/** Every case of the matrix. */
export const cases: BadInputCase[] = [
  ...calls,
  ...crashesCases,
  ...droppedCases,
  ...blameCases,
  ...optionsCases,
  ...budgetCases,
  ...hintsCases,
];
