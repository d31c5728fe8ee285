/**
 * Cases of the bad-input matrix (see case.ts): the first mistakes of a new user, whose symptom is a
 * TypeError from inside their own f. An f that takes an array, checked with no shape, is called with
 * the default input, one number (`x.reduce is not a function`); an f of two parameters, checked without
 * `args`, gets undefined for the second (`Cannot read properties of undefined`). The message must say
 * what gradcheck did and what to give it. Also the mistakes of named arguments (`args` an object).
 */
import type { BadInputCase } from './case.js';

const sumSq = (x: number[]) => x.reduce((s, v) => s + v * v, 0);
const sumSqGrad = (x: number[]) => x.map((v) => 2 * v);
const scaled = (x: number[], p: { w: number }) => p.w * x[0]!;
const scaledGrad = (x: number[], p: { w: number }) => [[p.w], { w: x[0]! }];
const threw = { type: 'throws', name: 'GradcheckEvaluationError' } as const;

/** The hint of an f that takes an array and was called with one number, the default input. */
export const ONE_NUMBER =
  'f was called with one number, the default input when no dim, like, points or sample is given; if f takes an array or an object, give its shape: { dim: n } for n random numbers, { like: template } for random values in the shape of a template, or { points: [...] } for inputs of your own.';

/** The hint of an f of two parameters, called without args. */
export const TWO_PARAMETERS =
  'f declares 2 parameters but is called with one input; for a function of several arguments, give { args: [template0, template1] }, one template per argument, or { args: { name0: template0, name1: template1 } } to name them.';

/** The cases of this file. */
export const hintsCases: BadInputCase[] = [
  {
    name: 'hint: f takes an array, but no dim, like or points was given',
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    args: [{ seed: 7 }],
    outcome: { ...threw, cause: 'x.reduce is not a function' },
    says: () => ['f threw at sample 1 (seed 7) on input x = ', `: x.reduce is not a function. ${ONE_NUMBER}`],
  },
  {
    name: 'hint: an async f takes an array, but no shape was given',
    kind: 'gradient',
    f: async (x: number[]) => sumSq(x),
    derivative: sumSqGrad,
    args: [{ seed: 7 }],
    async: true,
    outcome: { ...threw, cause: 'x.reduce is not a function' },
    says: () => [
      'f rejected at sample 1 (seed 7) on input x = ',
      `x.reduce is not a function. ${ONE_NUMBER}`,
    ],
  },
  {
    name: 'hint: a Jacobian check of an f that takes an array, with no shape',
    kind: 'jacobian',
    f: (x: number[]) => x.map((v) => v * v),
    derivative: () => [[1]],
    args: [{ seed: 7 }],
    outcome: { ...threw, cause: 'x.map is not a function' },
    says: () => [`x.map is not a function. ${ONE_NUMBER}`],
  },
  {
    name: 'hint: checkHessian of an f that takes an array, with no shape',
    kind: 'hessian',
    f: sumSq,
    derivative: () => [[2]],
    args: [{ seed: 7 }],
    outcome: { ...threw, cause: 'x.reduce is not a function' },
    says: () => [`x.reduce is not a function. ${ONE_NUMBER}`],
  },
  {
    name: 'hint: f of two parameters, without args',
    kind: 'gradient',
    f: scaled,
    derivative: scaledGrad,
    args: [{ dim: 1, seed: 7 }],
    outcome: threw,
    says: () => [
      'f threw at sample 1 (seed 7) on input x = [',
      `Cannot read properties of undefined (reading 'w'). ${TWO_PARAMETERS}`,
    ],
  },
  {
    name: 'hint: f of two parameters, without args or a shape',
    kind: 'gradient',
    f: scaled,
    derivative: scaledGrad,
    args: [{ seed: 7 }],
    outcome: threw,
    says: () => [`Cannot read properties of undefined (reading 'w'). ${TWO_PARAMETERS}`],
  },
  {
    name: 'args, named: a point misses an argument',
    kind: 'gradient',
    f: scaled,
    derivative: scaledGrad,
    args: [{ args: { x: [0], p: { w: 0 } }, points: [{ x: [1] }] }],
    outcome: { type: 'throws', name: 'TypeError' },
    says: (entry) => [
      `${entry}: points[0] should have one part per argument of f, under the keys of args (x, p), but is missing p.`,
    ],
  },
  {
    name: 'args, named: the gradient returns a part args does not name',
    kind: 'gradient',
    f: scaled,
    derivative: (x: number[], p: { w: number }) => ({ x: [p.w], w: x[0]! }),
    args: [{ args: { x: [0], p: { w: 0 } }, seed: 7 }],
    outcome: { type: 'throws', name: 'TypeError' },
    says: () => [
      'the value returned by the gradient should have one part per argument of f, under the keys of args (x, p), but is missing p and has w, which args does not name.',
    ],
  },
  {
    name: 'args, named: the gradient returns a number',
    kind: 'gradient',
    f: scaled,
    derivative: () => 1,
    args: [{ args: { x: [0], p: { w: 0 } }, seed: 7 }],
    outcome: { type: 'throws', name: 'TypeError' },
    says: () => [
      'the value returned by the gradient should be an array of 2 parts, one per argument of f, or an object with keys x, p, but received 1.',
    ],
  },
  {
    name: 'args, named: an object with no keys',
    kind: 'gradient',
    f: scaled,
    derivative: scaledGrad,
    args: [{ args: {} }],
    outcome: { type: 'throws', name: 'TypeError' },
    says: (entry) => [
      `${entry}: args must be a non-empty array of templates, one per argument of f, or an object of them whose keys name the arguments, but received an object with no keys.`,
    ],
  },
];
