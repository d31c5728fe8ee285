/**
 * Cases of the bad-input matrix (see case.ts): options that would make a check meaningless, or that are
 * no value of the option at all. A tolerance that accepts a gradient of the wrong sign, or a step below
 * the spacing of the numbers at the point, must be refused in words, never pass or print rows of NaN.
 */
import { type BadInputCase, fails, typeError } from './case.js';

const square = (x: number) => x * x;
const double = (x: number) => 2 * x;
const sumSq = (x: number[]) => x.reduce((s, v) => s + v * v, 0);
const sumSqGrad = (x: number[]) => x.map((v) => 2 * v);
const flipped = (x: number[]) => x.map((v) => -2 * v);
const pair = (x: number[]) => [x[0]! * x[1]!, x[0]! + x[1]!];
const pairJVP = (x: number[], v: number[]) => [v[0]! * x[1]! + x[0]! * v[1]!, v[0]! + v[1]!];
const TOL = 'tol must be below 1, but received';
const WHY =
  'an analytic gradient of 0 agrees with any numeric one (at tol ≥ 2 one of the wrong sign does too)';
const AT = { points: [[0.25, 0.5]] };

/** A case refused with a TypeError whose message starts with `entry: ` and `text`. */
function refused(name: string, kind: BadInputCase['kind'], args: unknown[], text: string): BadInputCase {
  const [f, derivative] =
    kind === 'gradient'
      ? [sumSq, sumSqGrad]
      : kind === 'jvp'
        ? [pair, pairJVP]
        : [
            sumSq,
            () => [
              [2, 0],
              [0, 2],
            ],
          ];
  return { name, kind, f, derivative, args, outcome: typeError, says: (entry) => [`${entry}: ${text}`] };
}

const tolerances: BadInputCase[] = [
  {
    name: 'tol = 1e6 accepts a sign-flipped gradient',
    kind: 'gradient',
    f: sumSq,
    derivative: flipped,
    args: [{ dim: 2, tol: 1e6 }],
    outcome: typeError,
    says: (entry) => [`${entry}: ${TOL} 1000000: tol is relative, and at tol ≥ 1 ${WHY}`],
  },
  refused('tol = 1 exactly', 'gradient', [{ dim: 2, tol: 1 }], `${TOL} 1:`),
  refused('tol = 2, positionally', 'gradient', [1e-6, 2, { dim: 2 }], `${TOL} 2:`),
  refused('tol ≥ 1 on a Hessian', 'hessian', [{ dim: 2, tol: 5 }], `${TOL} 5:`),
  refused('tol ≥ 1 on a JVP', 'jvp', [{ dim: 2, tol: 10 }], `${TOL} 10:`),
  refused(
    'tol = Infinity',
    'gradient',
    [{ dim: 2, tol: Number.POSITIVE_INFINITY }],
    'tol must be a finite number ≥ 0, but received Infinity.',
  ),
  refused(
    'tol NaN',
    'gradient',
    [{ dim: 2, tol: Number.NaN }],
    'tol must be a finite number ≥ 0, but received NaN.',
  ),
  refused(
    'tol as a string in the options',
    'gradient',
    [{ dim: 2, tol: '1e-7' }],
    'tol must be a finite number ≥ 0, but received a string ("1e-7").',
  ),
  refused(
    'tol as a bigint',
    'gradient',
    [{ dim: 2, tol: 1n }],
    'tol must be a finite number ≥ 0, but received a bigint (1n).',
  ),
  {
    name: 'atol above twice the gradient accepts a sign-flipped gradient',
    kind: 'gradient',
    f: (x: number[]) => 0.1 * sumSq(x),
    derivative: (x: number[]) => x.map((v) => -0.2 * v),
    args: [{ dim: 2, atol: 1 }],
    outcome: fails('meaningless-tolerance'),
    says: () => [
      'its tolerance accepts any derivative here',
      'atol = 1 is at least twice every entry of the numeric derivative, in every sample (the largest is ',
      'so the derivative negated, or 0, would pass as well: this check cannot fail.',
    ],
  },
  {
    name: 'atol that accepts a zero Jacobian',
    kind: 'jacobian',
    f: (x: number[]) => [1e-3 * x[0]!, 1e-3 * x[1]!],
    derivative: () => [
      [0, 0],
      [0, 0],
    ],
    args: [{ dim: 2, atol: 0.01 }],
    outcome: fails('meaningless-tolerance'),
    says: () => ['atol = 0.01 is at least twice every entry of the numeric derivative, in every sample'],
  },
  {
    name: 'atol that accepts anything on a JVP',
    kind: 'jvp',
    f: pair,
    derivative: (x: number[], v: number[]) => pairJVP(x, v).map((p) => -p),
    args: [{ dim: 2, atol: 100 }],
    outcome: fails('meaningless-tolerance'),
    says: () => ['atol = 100 is at least twice every entry of the numeric derivative'],
  },
  refused(
    'atol = Infinity',
    'gradient',
    [{ dim: 2, atol: Number.POSITIVE_INFINITY }],
    'atol must be a finite number ≥ 0, but received Infinity.',
  ),
  refused(
    'atol NaN',
    'gradient',
    [{ dim: 2, atol: Number.NaN }],
    'atol must be a finite number ≥ 0, but received NaN.',
  ),
  refused(
    'atol < 0',
    'gradient',
    [{ dim: 2, atol: -1e-9 }],
    'atol must be a finite number ≥ 0, but received -1e-9.',
  ),
];

const steps: BadInputCase[] = [
  {
    name: 'eps = 1e-300, below the spacing of every coordinate',
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    args: [{ ...AT, eps: 1e-300 }],
    outcome: typeError,
    says: (entry) => [
      `${entry}: eps = 1e-300 is below the spacing of float64 numbers at x[0] = 0.25 (sample 1), which is 5.551115123125783e-17: x[0] ± eps rounds back to 0.25, so there is no difference to take.`,
      'Leave eps unset',
    ],
  },
  refused(
    'eps below the spacing at one large coordinate',
    'gradient',
    [{ points: [[0.5, 1e6]], eps: 1e-12 }],
    'eps = 1e-12 is below the spacing of float64 numbers at x[1] = 1000000 (sample 1), which is 1.1641532182693481e-10',
  ),
  {
    name: 'eps below the spacing of a Float32Array input',
    kind: 'gradient',
    f: (x: Float32Array) => x.reduce((s, v) => s + v * v, 0),
    derivative: (x: Float32Array) => x.map((v) => 2 * v),
    args: [{ points: [new Float32Array([0.5, 0.25])], eps: 1e-9 }],
    outcome: typeError,
    says: (entry) => [
      `${entry}: eps = 1e-9 is below the spacing of float32 numbers at x[0] = 0.5 (sample 1)`,
    ],
  },
  refused(
    'eps below the spacing on a Hessian',
    'hessian',
    [{ ...AT, eps: 1e-300 }],
    'eps = 1e-300 is below the spacing of float64 numbers at x[0] = 0.25',
  ),
  refused(
    'eps = Infinity',
    'gradient',
    [{ dim: 2, eps: Number.POSITIVE_INFINITY }],
    'eps must be a finite number > 0, but received Infinity.',
  ),
  refused(
    'eps as a string',
    'gradient',
    [{ dim: 2, eps: '1e-6' }],
    'eps must be a finite number > 0, but received a string ("1e-6").',
  ),
];

const others: BadInputCase[] = [
  refused(
    'samples < 0',
    'gradient',
    [{ dim: 2, samples: -1 }],
    'samples must be a whole number ≥ 1, but received -1.',
  ),
  refused(
    'samples = Infinity',
    'gradient',
    [{ dim: 2, samples: Number.POSITIVE_INFINITY }],
    'samples must be a whole number ≥ 1, but received Infinity.',
  ),
  refused(
    'samples as a string',
    'gradient',
    [{ dim: 2, samples: '3' }],
    'samples must be a whole number ≥ 1, but received a string ("3").',
  ),
  refused(
    'samples = 0 on a JVP',
    'jvp',
    [{ dim: 2, samples: 0 }],
    'samples must be a whole number ≥ 1, but received 0.',
  ),
  refused(
    'vectors = 0 on a JVP',
    'jvp',
    [{ dim: 2, vectors: 0 }],
    'vectors must be a whole number ≥ 1, but received 0.',
  ),
  refused(
    'nondeterminism < 0',
    'gradient',
    [{ dim: 2, nondeterminism: -1e-12 }],
    'nondeterminism must be a finite number ≥ 0, but received -1e-12.',
  ),
  refused(
    'nondeterminism NaN',
    'gradient',
    [{ dim: 2, nondeterminism: Number.NaN }],
    'nondeterminism must be a finite number ≥ 0, but received NaN.',
  ),
  refused(
    'directions = 0',
    'gradient',
    [{ dim: 2, directions: 0 }],
    'directions must be a whole number ≥ 1, but received 0.',
  ),
  refused(
    'coordinates = 0',
    'gradient',
    [{ dim: 2, coordinates: 0 }],
    'coordinates must be a whole number ≥ 1, but received 0.',
  ),
  refused(
    'method in the wrong case',
    'gradient',
    [{ dim: 2, method: 'Central' }],
    `method must be one of 'central', 'central4', 'richardson', 'forward', but received a string ("Central").`,
  ),
  refused(
    'precision that does not exist',
    'gradient',
    [{ dim: 2, precision: 'float16' }],
    `precision must be one of 'auto', 'float64', 'float32', but received a string ("float16").`,
  ),
  refused(
    'refine as a string',
    'gradient',
    [{ dim: 2, refine: 'yes' }],
    'refine must be true or false, but received a string ("yes").',
  ),
  refused('dim = 0', 'gradient', [{ dim: 0 }], 'dim must be a whole number ≥ 1, but received 0.'),
  refused(
    'domain with a NaN end',
    'gradient',
    [{ dim: 2, domain: [Number.NaN, 1] }],
    'domain must be a pair [lo, hi] of finite numbers, but received an array of length 2.',
  ),
  refused(
    'options given as an array',
    'gradient',
    [[1e-6, 1e-7]],
    'expected an options object or (eps, tol), but received an array of length 2.',
  ),
  refused(
    'the gradient option of a Hessian that is no function',
    'hessian',
    [{ dim: 2, gradient: [1, 2] }],
    'the `gradient` option must be a function, but received an array of length 2.',
  ),
  {
    name: 'square with tol ≥ 1 and a wrong derivative',
    kind: 'gradient',
    f: square,
    derivative: (x: number) => -double(x),
    args: [1e-6, 3],
    outcome: typeError,
    says: (entry) => [`${entry}: ${TOL} 3:`],
  },
];

/** The cases of this class. */
export const optionsCases: BadInputCase[] = [...tolerances, ...steps, ...others];
