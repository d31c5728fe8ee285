/**
 * Cases of the bad-input matrix (see case.ts): values that crashed gradcheck itself. A thrown value that
 * cannot become a string or that `instanceof` cannot inspect, a value read through a getter or a Proxy
 * trap that throws, a revoked Proxy anywhere: whatever the user's code throws or hands over must reach
 * the user described, with their own error as cause, never as an error from inside gradcheck.
 */
import type { BadInputCase, Outcome } from './case.js';

const AT = { points: [0.25], seed: 7 };
const CONTEXT = 'at sample 1 (seed 7) on input x = 0.25';
const square = (x: number) => x * x;
const double = (x: number) => 2 * x;
const sumSq = (x: number[]) => x.reduce((s, v) => s + v * v, 0);
const sumSqGrad = (x: number[]) => x.map((v) => 2 * v);

/** A revoked Proxy, made afresh: it throws at any look, even `Array.isArray` or `instanceof`. */
function revoked(target: object = {}): object {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

/** An Error whose `message` getter throws. */
function errorWithThrowingMessage(): Error {
  const error = new Error('never read');
  Object.defineProperty(error, 'message', {
    get() {
      throw new Error('message getter');
    },
  });
  return error;
}

const evaluationError: Outcome = { type: 'throws', name: 'GradcheckEvaluationError' };
const typeErrorWithCause = (cause: string): Outcome => ({ type: 'throws', name: 'TypeError', cause });
const typeError: Outcome = { type: 'throws', name: 'TypeError' };

/** f (or the gradient, as `who`) throws `make()` at the point of sample 1, or rejects with it. */
function throwing(
  name: string,
  make: () => unknown,
  described: string,
  { who = 'f', rejects = false }: { who?: 'f' | 'the gradient'; rejects?: boolean } = {},
): BadInputCase {
  const thrower = rejects
    ? async () => {
        throw make();
      }
    : () => {
        throw make();
      };
  const verb = rejects ? 'rejected with' : 'threw';
  return {
    name,
    kind: 'gradient',
    f: who === 'f' ? thrower : square,
    derivative: who === 'f' ? double : thrower,
    args: [AT],
    ...(rejects ? { async: true } : {}),
    outcome: evaluationError,
    says: () => [`${who} ${verb} ${described} ${CONTEXT}.`],
  };
}

/** Thrown values that cannot become a string, or that `instanceof` cannot inspect. */
const thrown: BadInputCase[] = [
  throwing(
    'f throws an object with no prototype',
    () => Object.create(null),
    'an object with no prototype and no keys',
  ),
  throwing('f throws a revoked Proxy', () => revoked(), 'a revoked Proxy'),
  throwing(
    'async f rejects with an object with no prototype',
    () => Object.create(null),
    'an object with no prototype and no keys',
    { rejects: true },
  ),
  throwing('async f rejects with a revoked Proxy', () => revoked(), 'a revoked Proxy', { rejects: true }),
  throwing('f throws a plain object', () => ({ code: 42 }), 'a plain object { code: 42 }'),
  throwing(
    'the gradient throws an object with no prototype',
    () => Object.assign(Object.create(null), { reason: 'no gradient' }),
    'an object with no prototype { reason: "no gradient" }',
    { who: 'the gradient' },
  ),
  throwing('async gradient rejects with a revoked Proxy', () => revoked(), 'a revoked Proxy', {
    who: 'the gradient',
    rejects: true,
  }),
  throwing(
    'f throws an Error whose message getter throws',
    errorWithThrowingMessage,
    'an Error with no message',
  ),
  throwing(
    'f throws an object whose toString throws',
    () => ({
      toString() {
        throw new Error('toString');
      },
    }),
    'a plain object { toString: a function }',
  ),
  throwing('f throws an Error without a message', () => new RangeError(), 'a RangeError with no message'),
  // Its source code is no message.
  throwing('f throws a function', () => () => 0, 'a function'),
  throwing('f throws undefined', () => undefined, 'undefined'),
  throwing('async f rejects with null', () => null, 'null', { rejects: true }),
];

/** Values f or the derivative return, or options, that throw when gradcheck reads them. */
const read: BadInputCase[] = [
  {
    name: 'f returns a revoked Proxy',
    kind: 'gradient',
    f: () => revoked(),
    derivative: double,
    args: [AT],
    outcome: typeError,
    says: () => ['the value returned by f at sample 1 is a revoked Proxy, which cannot be read at all.'],
  },
  {
    name: 'f returns an object whose then getter throws',
    kind: 'gradient',
    f: () => ({
      // biome-ignore lint/suspicious/noThenProperty: a `then` that throws when read is the attack.
      get then() {
        throw new Error('then getter');
      },
    }),
    derivative: double,
    args: [AT],
    outcome: typeError,
    says: () => ['f must return a number, but returned an object with keys then at sample 1.'],
  },
  {
    name: 'the gradient returns a revoked Proxy',
    kind: 'gradient',
    f: sumSq,
    derivative: () => revoked([]),
    args: [{ points: [[0.25, 0.5]] }],
    outcome: typeError,
    says: () => ['the value returned by the gradient is a revoked Proxy, which cannot be read at all.'],
  },
  {
    name: 'the gradient returns an object whose getter throws',
    kind: 'gradient',
    f: (p: { w: number }) => p.w * p.w,
    derivative: () => ({
      get w() {
        throw new Error('gradient getter');
      },
    }),
    args: [{ points: [{ w: 0.25 }] }],
    outcome: typeErrorWithCause('gradient getter'),
    says: () => [
      'the value returned by the gradient at w could not be read: a getter or Proxy trap threw: gradient getter',
    ],
  },
  {
    name: 'the Jacobian returns a Proxy whose trap throws',
    kind: 'jacobian',
    f: (x: number[]) => [x[0]! * x[1]!],
    derivative: (x: number[]) =>
      new Proxy([[x[1]!, x[0]!]], {
        get(target, key) {
          if (key === '0') throw new Error('row trap');
          return Reflect.get(target, key);
        },
      }),
    args: [{ points: [[0.25, 0.5]] }],
    outcome: typeErrorWithCause('row trap'),
    says: () => [
      'the value returned by the Jacobian could not be read: a getter or Proxy trap threw: row trap',
    ],
  },
  {
    name: 'f of a Jacobian returns an object whose getter throws',
    kind: 'jacobian',
    f: () => ({
      get loss() {
        throw new Error('output getter');
      },
    }),
    derivative: () => [[1, 1]],
    args: [{ points: [[0.25, 0.5]] }],
    outcome: typeErrorWithCause('output getter'),
    says: () => [
      'the value returned by f at loss could not be read: a getter or Proxy trap threw: output getter',
    ],
  },
  {
    name: 'an option that is a revoked Proxy',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [{ seed: revoked() }],
    outcome: typeError,
    says: (entry) => [`${entry}: seed is a revoked Proxy, which cannot be read at all.`],
  },
  {
    name: 'options with a getter that throws',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [
      {
        get samples() {
          throw new Error('samples getter');
        },
      },
    ],
    outcome: typeErrorWithCause('samples getter'),
    says: (entry) => [`${entry}: reading the option samples threw: samples getter`],
  },
  {
    name: 'options that are a revoked Proxy',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [revoked()],
    outcome: typeError,
    says: (entry) => [`${entry}: expected an options object or (eps, tol), but received a revoked Proxy.`],
  },
  {
    name: 'a point that is a revoked Proxy',
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    args: [{ points: [revoked([])] }],
    outcome: typeError,
    says: (entry) => [`${entry}: points[0] at x is a revoked Proxy, which cannot be read at all.`],
  },
  {
    name: 'a sampler that throws',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [
      {
        sample: () => {
          throw new Error('no sampler today');
        },
      },
    ],
    outcome: typeErrorWithCause('no sampler today'),
    says: (entry) => [`${entry}: sample threw: no sampler today`],
  },
  {
    name: 'a coordinates predicate that throws',
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    args: [
      {
        dim: 2,
        coordinates: () => {
          throw new Error('no predicate today');
        },
      },
    ],
    outcome: typeErrorWithCause('no predicate today'),
    says: (entry) => [`${entry}: coordinates, called for x[0], threw: no predicate today`],
  },
  {
    name: 'a domain function that returns a revoked Proxy',
    kind: 'gradient',
    f: square,
    derivative: double,
    args: [{ domain: () => revoked([]) }],
    outcome: typeError,
    says: (entry) => [
      `${entry}: domain for x must be a pair [lo, hi] of finite numbers, but received a revoked Proxy.`,
    ],
  },
];

/** The cases of this class. */
export const crashesCases: BadInputCase[] = [...thrown, ...read];
