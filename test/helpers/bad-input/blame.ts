/**
 * Cases of the bad-input matrix (see case.ts): messages must blame the function the user passed, under
 * the name they know it by (the `gradient` option, the Hessian, the JVP, the VJP), at the user's point
 * and sample, never an inner check's own function (a numeric gradient, f in t) or input (the scalar t).
 */
import { type BadInputCase, fails, typeError } from './case.js';

const AT = { points: [[0.25, 0.5]], seed: 7 };
const POINT = 'x = [0.25, 0.5]';
const cubic = (x: number[]) => x[0]! ** 3 + x[0]! * x[1]! ** 2;
const cubicGradient = (x: number[]) => [3 * x[0]! ** 2 + x[1]! ** 2, 2 * x[0]! * x[1]!];
const cubicHessian = (x: number[]) => [
  [6 * x[0]!, 2 * x[1]!],
  [2 * x[1]!, 2 * x[0]!],
];
const pair = (x: number[]) => [x[0]! * x[1]!, x[0]! + x[1]!];
const pairJVP = (x: number[], v: number[]) => [v[0]! * x[1]! + x[0]! * v[1]!, v[0]! + v[1]!];
const pairVJP = (x: number[], u: number[]) => [u[0]! * x[1]! + u[1]!, u[0]! * x[0]! + u[1]!];
const thrower = (message: string) => () => {
  throw new Error(message);
};
const threw = (cause: string) => ({ type: 'throws', name: 'GradcheckEvaluationError', cause }) as const;

const boom = thrower('boom');

/** A case where `who` (f, or `boom` in its place) throws at the point of sample 1, and is blamed there. */
function throwsAtPoint(
  name: string,
  kind: BadInputCase['kind'],
  [f, derivative]: [unknown, unknown],
  who: string,
  options: object = {},
): BadInputCase {
  const says = () => [`${who} threw at sample 1 (seed 7) on input ${POINT}: boom`];
  return { name, kind, f, derivative, args: [{ ...AT, ...options }], outcome: threw('boom'), says };
}

/** `fn`, which writes 0 into x[0] after each call. */
function zeroing<A extends unknown[]>(fn: (x: number[], ...rest: A) => unknown) {
  return (x: number[], ...rest: A) => {
    const out = fn(x, ...rest);
    x[0] = 0;
    return out;
  };
}

/** `fn`, whose values drift a little with every call. */
function drifting<A extends unknown[]>(fn: (...args: A) => number[]) {
  let calls = 0;
  return (...args: A) => fn(...args).map((v) => v + 1e-3 * calls++);
}

const hessian: BadInputCase[] = [
  throwsAtPoint(
    'checkHessian: the gradient option throws',
    'hessian',
    [cubic, cubicHessian],
    'the `gradient` option',
    { gradient: boom },
  ),
  {
    name: 'checkHessian: the gradient option is not deterministic',
    kind: 'hessian',
    f: cubic,
    derivative: cubicHessian,
    args: [{ ...AT, gradient: drifting(cubicGradient) }],
    outcome: fails('nondeterministic'),
    says: () => ['the `gradient` option is not deterministic:'],
  },
  {
    name: 'checkHessian: the gradient option mutates its input',
    kind: 'hessian',
    f: cubic,
    derivative: cubicHessian,
    args: [{ ...AT, gradient: zeroing(cubicGradient) }],
    outcome: fails('mutates-input'),
    says: () => ['the `gradient` option mutates its input: x[0] was 0.25 before the call and 0 after.'],
  },
  {
    name: 'checkHessian: the gradient option returns NaN at the point',
    kind: 'hessian',
    f: cubic,
    derivative: cubicHessian,
    args: [{ ...AT, gradient: () => [Number.NaN, 1] }],
    outcome: fails('nonfinite-value'),
    says: () => [`the \`gradient\` option returned NaN in output 0 at the point of sample 1 (${POINT})`],
  },
  throwsAtPoint('checkHessian: the Hessian throws', 'hessian', [cubic, boom], 'the Hessian'),
  {
    name: 'checkHessian: an async f, without a gradient, with a wrong Hessian',
    kind: 'hessian',
    f: async (x: number[]) => cubic(x),
    derivative: (x: number[]) => cubicHessian(x).map((row) => row.map((v) => 2 * v)),
    args: [AT],
    async: true,
    outcome: fails('mismatch'),
    says: () => ['4 of 4 Hessian entries disagree in sample 1 of 1', 'H[x[0], x[0]]'],
  },
  {
    name: 'checkHessian: an async f resolves to a string',
    kind: 'hessian',
    f: async () => 'a string',
    derivative: cubicHessian,
    args: [AT],
    async: true,
    outcome: typeError,
    says: () => ['f must return a number, but returned a string ("a string") on input x = [0.25'],
  },
  {
    name: 'checkHessian: f returns a string, without a gradient',
    kind: 'hessian',
    f: () => 'a string',
    derivative: cubicHessian,
    args: [AT],
    outcome: typeError,
    says: () => ['f must return a number, but returned a string ("a string") on input x = [0.25'],
  },
];

const jvp: BadInputCase[] = [
  throwsAtPoint('checkJVP: f throws at the point', 'jvp', [boom, pairJVP], 'f'),
  {
    name: 'checkJVP: f throws only along the tangent',
    kind: 'jvp',
    f: (x: number[]) => {
      if (x[0] !== 0.25) throw new RangeError('off the point');
      return pair(x);
    },
    derivative: pairJVP,
    args: [AT],
    outcome: threw('off the point'),
    says: () => [
      `f threw at sample 1 (seed 7) on input ${POINT} moved by t = `,
      ' along the tangent v: off the point',
    ],
  },
  {
    name: 'checkJVP: f throws at the second point, which is the second sample',
    kind: 'jvp',
    f: (x: number[]) => {
      if (x[0]! > 0.5) throw new RangeError('far out');
      return x[0]! * x[1]!;
    },
    derivative: (x: number[], v: number[]) => v[0]! * x[1]! + x[0]! * v[1]!,
    args: [
      {
        points: [
          [0.25, 0.5],
          [0.75, 0.5],
        ],
        vectors: 1,
        seed: 7,
      },
    ],
    outcome: threw('far out'),
    says: () => ['f threw at sample 2 (seed 7) on input x = [0.75, 0.5]: far out'],
  },
  {
    name: 'checkJVP: f returns NaN at the point',
    kind: 'jvp',
    f: (x: number[]) => Math.log(x[0]!),
    derivative: (x: number[], v: number[]) => v[0]! / x[0]!,
    args: [{ points: [[-0.5, 1]] }],
    outcome: fails('nonfinite-value'),
    says: () => [
      'f returned NaN at the point of sample 1 (x = [-0.5, 1]), so there is nothing to differentiate',
    ],
  },
  {
    name: 'checkJVP: the JVP has more entries than f has outputs',
    kind: 'jvp',
    f: pair,
    derivative: () => [1, 2, 3],
    args: [AT],
    outcome: typeError,
    says: () => [
      `the JVP returned an array of length 3, but f returned an array of length 2 at the point of sample 1 (${POINT}): J·v has the shape of f's output.`,
    ],
  },
  {
    name: 'checkJVP: the JVP is a number where f returns an array',
    kind: 'jvp',
    f: pair,
    derivative: () => 1,
    args: [AT],
    outcome: typeError,
    says: () => ['the JVP returned 1, but f returned an array of length 2 at the point of sample 1'],
  },
  throwsAtPoint('checkJVP: the JVP throws', 'jvp', [pair, boom], 'the JVP'),
  {
    name: 'checkJVP: an async JVP rejects',
    kind: 'jvp',
    f: pair,
    derivative: () => Promise.reject(new Error('no product today')),
    args: [AT],
    async: true,
    outcome: threw('no product today'),
    says: () => [`the JVP rejected at sample 1 (seed 7) on input ${POINT}: no product today`],
  },
  {
    name: 'checkJVP: the JVP writes into its point',
    kind: 'jvp',
    f: pair,
    derivative: zeroing(pairJVP),
    args: [AT],
    outcome: fails('mutates-input'),
    says: () => ['the JVP mutates its input: x[0] was 0.25 before the call and 0 after.'],
  },
];

const vjp: BadInputCase[] = [
  throwsAtPoint('checkVJP: f throws at the point', 'vjp', [boom, pairVJP], 'f'),
  throwsAtPoint('checkVJP: the VJP throws', 'vjp', [pair, boom], 'the VJP'),
  {
    name: 'checkVJP: f returns NaN at the point',
    kind: 'vjp',
    f: (x: number[]) => [Math.log(x[0]!), x[1]!],
    derivative: (x: number[], u: number[]) => [u[0]! / x[0]!, u[1]!],
    args: [{ points: [[-0.5, 1]] }],
    outcome: fails('nonfinite-value'),
    says: () => [
      'f returned NaN at the point of sample 1 (x = [-0.5, 1]), so there is nothing to differentiate there.',
      'set `domain` or `points`',
    ],
  },
  {
    name: 'checkVJP: the VJP mutates its input',
    kind: 'vjp',
    f: pair,
    derivative: zeroing(pairVJP),
    args: [AT],
    outcome: fails('mutates-input'),
    says: () => ['the VJP mutates its input: x[0] was 0.25 before the call and 0 after.'],
  },
  {
    name: 'checkVJP: the VJP is not deterministic',
    kind: 'vjp',
    f: pair,
    derivative: drifting(pairVJP),
    args: [AT],
    outcome: fails('nondeterministic'),
    says: () => ['the VJP is not deterministic: it returned'],
  },
  {
    name: 'checkVJP: the VJP has the wrong length',
    kind: 'vjp',
    f: pair,
    derivative: () => [1, 2, 3],
    args: [AT],
    outcome: typeError,
    says: () => ['the value returned by the VJP at x should have length 2, but has length 3'],
  },
];

const args: BadInputCase[] = [
  {
    name: 'args: the gradient returns the wrong number of parts',
    kind: 'gradient',
    f: (a: number, b: number) => a * b,
    derivative: (a: number) => [a],
    args: [{ args: [1, 2], seed: 7 }],
    outcome: typeError,
    says: () => [
      'the value returned by the gradient should be an array of 2 parts, one per argument of f, but received an array of length 1.',
    ],
  },
  {
    name: 'args: an async gradient resolves to the wrong number of parts',
    kind: 'gradient',
    f: (a: number, b: number) => a * b,
    derivative: async (a: number) => [a],
    args: [{ args: [1, 2], seed: 7 }],
    async: true,
    outcome: typeError,
    says: () => ['the value returned by the gradient should be an array of 2 parts, one per argument of f'],
  },
  {
    name: 'args: a Jacobian row with the wrong number of parts',
    kind: 'jacobian',
    f: (a: number, b: number) => [a * b, a],
    derivative: () => [[1], [1]],
    args: [{ args: [1, 2], seed: 7 }],
    outcome: typeError,
    says: () => [
      'row 0 of the value returned by the Jacobian should be an array of 2 parts, one per argument of f',
    ],
  },
];

/** The cases of this class. */
export const blameCases: BadInputCase[] = [
  {
    // Without a `gradient` option the inner check differentiates the numeric gradient of f, whose
    // entries are not outputs of f: the message names f at the point, not an "output 0" f does not have.
    name: 'blame: checkHessian from second differences, f NaN at the point',
    kind: 'hessian',
    f: (x: number[]) => Math.log(x[0]!) + x[1]! * x[1]!,
    derivative: (x: number[]) => [
      [-1 / x[0]! ** 2, 0],
      [0, 2],
    ],
    args: [{ points: [[-0.5, 1]] }],
    outcome: fails('nonfinite-value'),
    says: () => ['f returned NaN at the point of sample 1 (x = [-0.5, 1])'],
  },
  ...hessian,
  ...jvp,
  ...vjp,
  ...args,
];
