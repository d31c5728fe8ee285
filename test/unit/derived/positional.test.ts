/**
 * The Hessian, JVP and VJP checks and their matchers take the trailing arguments checkGradient takes:
 * `(options)`, `(eps, tol)` and `(eps, tol, options)`, every one honoured, and refuse any other form
 * instead of dropping what follows.
 */
import { expect as standaloneExpect } from 'expect';
import { describe, expect, it } from 'vitest';
import { checkHessian, checkJVP, checkVJP } from '../../../src/index.js';
import { matchers } from '../../../src/matchers/jest.js';
import { typeErrorOf } from '../../helpers/errors.js';

standaloneExpect.extend(matchers);

const f = (x: number[]) => x[0]! * x[1]! + x[0]! ** 2;
const gradient = (x: number[]) => [x[1]! + 2 * x[0]!, x[0]!];
const hessian = () => [
  [2, 1],
  [1, 0],
];
const jvp = (x: number[], v: number[]) => (x[1]! + 2 * x[0]!) * v[0]! + x[0]! * v[1]!;
const vjp = (x: number[], u: number[]) => [u[0]! * (x[1]! + 2 * x[0]!), u[0]! * x[0]!];
const pair = (x: number[]) => [f(x)];

describe('(eps, tol, options)', () => {
  it('is honoured by checkHessian, checkJVP and checkVJP', () => {
    for (const report of [
      checkHessian(f, hessian, 1e-5, 1e-3, { gradient, dim: 2 }),
      checkJVP(f, jvp, 1e-5, 1e-3, { dim: 2, vectors: 3 }),
      checkVJP(pair, vjp, 1e-5, 1e-3, { dim: 2 }),
    ]) {
      expect(report.pass).toBe(true);
      expect(report.settings.tol).toBe(1e-3);
      expect(report.settings.eps).toBe(1e-5);
    }
    // dim: 2 reached the Hessian check (2 × 2 entries), vectors: 3 the JVP check (3 per sample).
    expect(checkHessian(f, hessian, 1e-5, 1e-3, { gradient, dim: 2 }).samples[0]!.coordinates).toHaveLength(
      4,
    );
    expect(checkJVP(f, jvp, 1e-5, 1e-3, { dim: 2, vectors: 3 }).samples).toHaveLength(9);
  });

  it('(eps, tol) alone too', () => {
    const report = checkHessian(
      (x: number) => x ** 3,
      (x: number) => [[6 * x]],
      1e-4,
      1e-4,
    );
    expect(report.pass).toBe(true);
    expect(report.settings).toMatchObject({ tol: 1e-4, eps: 1e-4 });
  });

  it('is honoured by the matchers', () => {
    standaloneExpect(f).toHaveHessian(hessian, 1e-5, 1e-3, { gradient, dim: 2 });
    standaloneExpect(f).toHaveJVP(jvp, 1e-5, 1e-3, { dim: 2 });
    standaloneExpect(pair).toHaveVJP(vjp, 1e-5, 1e-3, { dim: 2 });
  });
});

describe('other forms', () => {
  it('are refused, by the entry point called', () => {
    expect(typeErrorOf(() => checkJVP(f, jvp, 1e-5 as never, { dim: 2 } as never))).toBe(
      'gradcheck: checkJVP: the second argument (tol) must be a number, but received an object with keys dim.',
    );
    expect(
      typeErrorOf(() => (checkHessian as (...args: unknown[]) => unknown)(f, hessian, { dim: 2 }, {})),
    ).toBe('gradcheck: checkHessian: options come alone, or after (eps, tol); received a second argument.');
    expect(
      typeErrorOf(() =>
        (standaloneExpect(f).toHaveVJP as (...args: unknown[]) => unknown)(vjp, 1e-5, 1e-3, {}, {}),
      ),
    ).toContain('toHaveVJP: expected at most (eps, tol, options), but received 4 arguments.');
  });
});
