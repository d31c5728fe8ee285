/**
 * Cases of the bad-input matrix (see case.ts): input that gradcheck silently dropped or misread. Options
 * after a positional `(eps, tol)`, properties of a point that f reads, a gradient in a Map, signed
 * zeros, a domain whose width overflows, an f that caches by the identity of its argument: each must
 * either be honoured or be refused in words that say exactly what was dropped.
 */
import { type BadInputCase, fails, type Outcome, typeError } from './case.js';

const sumSq = (x: number[]) => x.reduce((s, v) => s + v * v, 0);
const sumSqGrad = (x: number[]) => x.map((v) => 2 * v);
const typeErrorWithCause = (cause: string): Outcome => ({ type: 'throws', name: 'TypeError', cause });

// A Hessian that is not symmetric, for f = x0·x1 + x0², whose gradient is given.
const coupled = (x: number[]) => x[0]! * x[1]! + x[0]! ** 2;
const coupledGradient = (x: number[]) => [x[1]! + 2 * x[0]!, x[0]!];
const asymmetricHessian = () => [
  [2, 1],
  [0, 0],
];
const product = (x: number[]) => x[0]! * x[1]!;
/** J·v of the product, without the x[0]·v[1] term. */
const halfJVP = (x: number[], v: number[]) => v[0]! * x[1]!;
/** uᵀJ of [x0·x1], without its second entry. */
const halfVJP = (x: number[], u: number[]) => [u[0]! * x[1]!, 0];
const TOL = 'tol·|value| = 0.001·|value|';

/** The positional `(eps, tol)` before options, as toHaveGradient takes it, for the derived checks. */
const positional: BadInputCase[] = [
  {
    name: 'Hessian with (eps, tol, options)',
    kind: 'hessian',
    f: coupled,
    derivative: asymmetricHessian,
    args: [1e-6, 1e-3, { gradient: coupledGradient, dim: 2 }],
    outcome: fails('asymmetric'),
    says: () => ['the analytic Hessian is not symmetric: H[x[0], x[1]] = 1 but H[x[1], x[0]] = 0', TOL],
  },
  {
    name: 'Hessian with options and a second argument',
    kind: 'hessian',
    f: product,
    derivative: () => [
      [0, 1],
      [1, 0],
    ],
    args: [{ dim: 2 }, { gradient: (x: number[]) => [x[1]!, x[0]!] }],
    outcome: typeError,
    says: (entry) => [`${entry}: options come alone, or after (eps, tol); received a second argument.`],
  },
  {
    name: 'JVP with (eps, options)',
    kind: 'jvp',
    f: product,
    derivative: (x: number[], v: number[]) => v[0]! * x[1]! + x[0]! * v[1]!,
    args: [1e-6, { dim: 2 }],
    outcome: typeError,
    says: (entry) => [
      `${entry}: the second argument (tol) must be a number, but received an object with keys dim.`,
    ],
  },
  {
    name: 'JVP with (eps, tol, options)',
    kind: 'jvp',
    f: product,
    derivative: halfJVP,
    args: [1e-6, 1e-3, { dim: 2 }],
    outcome: fails('mismatch'),
    says: () => ['J·v', TOL],
  },
  {
    name: 'VJP with (eps, tol, options)',
    kind: 'vjp',
    f: (x: number[]) => [product(x)],
    derivative: halfVJP,
    args: [1e-6, 1e-3, { dim: 2 }],
    outcome: fails('mismatch'),
    says: () => ['x[1]', TOL],
  },
];

/** An array [1, 2] with `scale = 3` as an extra property, as a user builds a point with a setting. */
function scaled<T extends number[] | Float64Array>(values: T, scale = 3): T & { scale: number } {
  return Object.assign(values, { scale });
}
/** f reads the scale of its point; the gradient forgets it, so that the check fails on the coordinates. */
const scaledLoss = (x: number[] & { scale: number }) => x.scale * sumSq(Array.from(x));
const SCALE = Symbol('scale');
const withSymbol = { w: [1, 2], [SCALE]: 3 };
const withHidden = Object.defineProperty({ w: [1, 2] }, 'scale', { value: 3 });

/** What a point carries besides its coordinates, and values read as another type. */
const carried: BadInputCase[] = [
  {
    name: 'an array point with an extra property that f reads',
    kind: 'gradient',
    f: scaledLoss,
    derivative: sumSqGrad,
    args: [{ points: [scaled([1, 2])] }],
    // The working copy keeps scale: f computes 3·(x0² + x1²), whose gradient is not 2x.
    outcome: fails('mismatch'),
    says: () => ['2 of 2 coordinates disagree'],
  },
  {
    name: 'a Float64Array point with an extra property that f reads',
    kind: 'gradient',
    f: scaledLoss,
    derivative: sumSqGrad,
    args: [{ points: [scaled(new Float64Array([1, 2]))] }],
    outcome: fails('mismatch'),
    says: () => ['2 of 2 coordinates disagree'],
  },
  {
    name: 'an object point with a symbol-keyed property that f reads',
    kind: 'gradient',
    f: (p: typeof withSymbol) => p[SCALE] * sumSq(p.w),
    derivative: (p: typeof withSymbol) => ({ w: sumSqGrad(p.w) }),
    args: [{ like: withSymbol }],
    outcome: fails('mismatch'),
    says: () => ['w[0]', 'w[1]'],
  },
  {
    name: 'an object point with a non-enumerable property that f reads',
    kind: 'gradient',
    f: (p: { w: number[]; scale: number }) => p.scale * sumSq(p.w),
    derivative: (p: { w: number[] }) => ({ w: sumSqGrad(p.w) }),
    args: [{ points: [withHidden] }],
    outcome: fails('mismatch'),
    says: () => ['w[0]', 'w[1]'],
  },
  {
    name: 'points whose extra properties differ',
    kind: 'gradient',
    f: scaledLoss,
    derivative: (x: number[] & { scale: number }) => sumSqGrad(x).map((g) => x.scale * g),
    args: [{ points: [scaled([1, 2]), scaled([3, 4], 5)] }],
    outcome: typeError,
    says: (entry) => [
      `${entry}: points[1] at x has scale = 5, but the first point has scale = 3.`,
      'every point must have the same ones',
    ],
  },
  {
    name: 'a gradient returned as a Map',
    kind: 'gradient',
    f: (p: { w: number }) => p.w * p.w,
    derivative: (p: { w: number }) => new Map([['w', 2 * p.w]]),
    args: [{ like: { w: 0.5 } }],
    outcome: typeError,
    says: () => [
      'the value returned by the gradient should be an object with keys w, but received a Map with 1 entry; a Map is not supported',
    ],
  },
  {
    name: 'a Jacobian row returned as a Map',
    kind: 'jacobian',
    f: (p: { w: number }) => [p.w * p.w],
    derivative: (p: { w: number }) => [new Map([['w', 2 * p.w]])],
    args: [{ like: { w: 0.5 } }],
    outcome: typeError,
    says: () => [
      'row 0 of the value returned by the Jacobian should be an object with keys w',
      'a Map is not supported',
    ],
  },
  {
    name: 'a getter in like that throws',
    kind: 'gradient',
    f: (p: { w: number }) => p.w,
    derivative: () => ({ w: 1 }),
    args: [
      {
        like: {
          get w(): number {
            throw new Error('no w today');
          },
        },
      },
    ],
    outcome: typeErrorWithCause('no w today'),
    says: (entry) => [`${entry}: like at w could not be read: a getter or Proxy trap threw: no w today`],
  },
  {
    name: 'a getter in a point that throws',
    kind: 'gradient',
    f: (p: { b: { w: number } }) => p.b.w,
    derivative: () => ({ b: { w: 1 } }),
    args: [
      {
        points: [
          {
            b: {
              get w(): number {
                throw new Error('no b.w today');
              },
            },
          },
        ],
      },
    ],
    outcome: typeErrorWithCause('no b.w today'),
    says: (entry) => [
      `${entry}: points[0] at b.w could not be read: a getter or Proxy trap threw: no b.w today`,
    ],
  },
  {
    name: 'a domain function that throws',
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    args: [
      {
        dim: 2,
        domain: () => {
          throw new Error('no domain today');
        },
      },
    ],
    outcome: typeErrorWithCause('no domain today'),
    says: (entry) => [`${entry}: domain, called for x[0], threw: no domain today`],
  },
  {
    name: 'a generator function as f',
    kind: 'gradient',
    f: function* () {},
    derivative: () => 0,
    args: [{ points: [0.5] }],
    outcome: typeError,
    says: () => [
      'f must return a number, but returned a Generator object (what calling a function* returns) at sample 1.',
    ],
  },
  {
    name: 'an async generator function as f',
    kind: 'gradient',
    f: async function* () {},
    derivative: () => 0,
    args: [{ points: [0.5] }],
    outcome: typeError,
    says: () => ['f must return a number, but returned an AsyncGenerator object'],
  },
  {
    name: 'f returns an instance of an anonymous class',
    kind: 'gradient',
    f: () => new (class {})(),
    derivative: () => 0,
    args: [{ points: [0.5] }],
    outcome: typeError,
    says: () => [
      'f must return a number, but returned an instance of an anonymous class with no keys at sample 1.',
    ],
  },
  {
    name: 'an iterator as the gradient',
    kind: 'gradient',
    f: sumSq,
    derivative: (x: number[]) => sumSqGrad(x).values(),
    args: [{ points: [[0.25, 0.5]] }],
    outcome: typeError,
    says: () => ['the value returned by the gradient', 'but received an Array Iterator object'],
  },
];

/** Counts calls, so that a stateful f returns its two values in turn in every run of the case. */
function alternating(first: number, second: number): () => number {
  let calls = 0;
  return () => (calls++ % 2 === 0 ? first : second);
}

/** A cache keyed by the argument: gradcheck passes one working copy, so it sees one key. */
function cachedByIdentity<X extends object>(fn: (x: X) => number): (x: X) => number {
  const cache = new WeakMap<X, number>();
  return (x) => {
    if (!cache.has(x)) cache.set(x, fn(x));
    return cache.get(x)!;
  };
}

const HUGE = [-1.7e308, 1.7e308] as const;
const CACHE = 'or f caches its value by the identity of its argument';

/** Signed zeros, overflowing domains and constant values, misread as something else. */
const misread: BadInputCase[] = [
  {
    name: 'f writes -0 into its input',
    kind: 'gradient',
    f: (x: number[]) => {
      x[0] = -0;
      return sumSq(x);
    },
    derivative: sumSqGrad,
    args: [{ points: [[0.25, 0.5]] }],
    outcome: fails('mutates-input'),
    says: () => ['f mutates its input: x[0] was 0.25 before the call and -0 after.'],
  },
  {
    name: 'nondeterministic f that returns a value then -0',
    kind: 'gradient',
    f: alternating(0.25, -0),
    derivative: () => 0,
    args: [{ points: [0.5], nondeterminism: 1e-12 }],
    outcome: fails('nondeterministic'),
    says: () => [
      'f is not deterministic: its values near the point of sample 1 are noisy (about 0.25, far above their rounding), and called again at the point of the sample it returned -0 where it had returned 0.25.',
    ],
  },
  {
    name: 'nondeterministic gradient that returns a value then -0',
    kind: 'gradient',
    f: (x: number) => x * x,
    derivative: alternating(1, -0),
    args: [{ points: [0.5] }],
    outcome: fails('nondeterministic'),
    says: () => ['the gradient is not deterministic: it returned 1 then -0 for x at the same x.'],
  },
  {
    name: 'a domain wider than the largest double',
    kind: 'gradient',
    f: (x: number) => x / 4,
    derivative: () => 0.5,
    args: [{ domain: HUGE, seed: 7 }],
    // Drawn without overflow, the points are finite: what fails is the wrong derivative, not f.
    outcome: fails('mismatch'),
    says: () => ['the only coordinate disagrees in sample 1 of 3'],
  },
  {
    name: 'a domain function wider than the largest double',
    kind: 'gradient',
    f: (x: number[]) => x[0]! / 4 + x[1]! / 4,
    derivative: () => [0.5, 0.25],
    args: [{ dim: 2, domain: () => HUGE, seed: 7 }],
    outcome: fails('mismatch'),
    says: () => ['1 of 2 coordinates disagree in sample 1 of 3'],
  },
  {
    name: 'f cached by the identity of its argument',
    kind: 'gradient',
    f: cachedByIdentity(sumSq),
    derivative: sumSqGrad,
    args: [{ points: [[0.25, 0.5]] }],
    outcome: fails('constant'),
    says: () => [
      'f returned 0.3125 at every point of sample 1, the point and every step taken from it, while the gradient is not 0 there (x[0] = 0.5).',
      CACHE,
    ],
  },
  {
    name: 'f cached by the identity of its argument, in directional mode',
    kind: 'gradient',
    f: cachedByIdentity(sumSq),
    derivative: sumSqGrad,
    args: [{ points: [[0.25, 0.5]], mode: 'directional' }],
    outcome: fails('constant'),
    says: () => [
      'f returned 0.3125 at every point of sample 1',
      'while the gradient is not 0 there (grad·u along direction 1 = ',
      CACHE,
    ],
  },
  {
    name: 'a constant f with a gradient that is not 0',
    kind: 'gradient',
    f: () => 3,
    derivative: () => [1, 0],
    args: [{ points: [[0.25, 0.5]] }],
    outcome: fails('constant'),
    says: () => [
      'f returned 3 at every point of sample 1',
      'Either f does not depend on its input there, and the gradient should be 0',
    ],
  },
];

/** The cases of this class. */
export const droppedCases: BadInputCase[] = [...positional, ...carried, ...misread];
