/**
 * The tolerance rule: |a − n| ≤ max(tol·max(|a|, |n|), atol, k·errorEstimate), at its edges, in
 * isolation and through a whole check.
 */
import { describe, expect, it } from 'vitest';
import { globalDifference, relativeError } from '../../../src/compare/metrics.js';
import { allowedError, defaultAtol } from '../../../src/compare/tolerance.js';
import { type CheckOptions, checkGradient } from '../../../src/index.js';

/** The rule as the engine applies it. */
function agrees(a: number, n: number, tol: number, atol: number, k: number, error: number): boolean {
  return Math.abs(a - n) <= allowedError(a, n, tol, atol, k, error);
}

describe('allowedError', () => {
  it('is the largest of the relative, absolute and error-estimate terms', () => {
    expect(allowedError(2, -4, 0.5, 0, 0, 0)).toBe(2); // tol · max(|a|, |n|) = 0.5 · 4
    expect(allowedError(2, -4, 0.5, 3, 0, 0)).toBe(3); // atol
    expect(allowedError(2, -4, 0.5, 3, 4, 1)).toBe(4); // k · error
    expect(allowedError(0, 0, 1e-7, 0, 4, 0)).toBe(0);
  });

  it('scales with the larger magnitude of the two sides, whichever side it is', () => {
    expect(allowedError(-10, 1, 0.25, 0, 0, 0)).toBe(2.5);
    expect(allowedError(1, -10, 0.25, 0, 0, 0)).toBe(2.5);
  });

  it('passes exactly at the relative limit and fails just over it', () => {
    const tol = 2 ** -20;
    // |1 − (1 − 2⁻²⁰)| = 2⁻²⁰ = tol · 1, exactly.
    expect(agrees(1, 1 - tol, tol, 0, 0, 0)).toBe(true);
    expect(agrees(1 - tol, 1, tol, 0, 0, 0)).toBe(true);
    // One unit in the last place more.
    expect(agrees(1, 1 - tol - 2 ** -53, tol, 0, 0, 0)).toBe(false);
  });

  it('passes exactly at the absolute limit and fails just over it', () => {
    const atol = 2 ** -30;
    expect(agrees(atol, 0, 0, atol, 0, 0)).toBe(true);
    expect(agrees(0, -atol, 0, atol, 0, 0)).toBe(true);
    expect(agrees(atol + 2 ** -80, 0, 0, atol, 0, 0)).toBe(false);
  });

  it('passes exactly at k error estimates and fails just over them', () => {
    expect(agrees(1, 1 + 2 ** -10, 0, 0, 4, 2 ** -12)).toBe(true);
    expect(agrees(1, 1 + 2 ** -10 + 2 ** -40, 0, 0, 4, 2 ** -12)).toBe(false);
  });

  it('never agrees with NaN', () => {
    expect(agrees(Number.NaN, 1, 1, 1, 4, 1)).toBe(false);
    expect(agrees(1, Number.NaN, 1, 1, 4, 1)).toBe(false);
  });
});

describe('relativeError', () => {
  it('is |a − n| / max(|a|, |n|)', () => {
    expect(relativeError(2, 1)).toBe(0.5);
    expect(relativeError(1, 2)).toBe(0.5);
    expect(relativeError(-1, 1)).toBe(2);
  });

  it('is 0 when both sides are 0, and 1 when exactly one is', () => {
    expect(relativeError(0, 0)).toBe(0);
    expect(relativeError(-0, 0)).toBe(0);
    expect(relativeError(0, 3)).toBe(1);
    expect(relativeError(-3, 0)).toBe(1);
  });
});

describe('globalDifference', () => {
  it("is the course's ‖a − n‖ / (‖a‖ + ‖n‖)", () => {
    // ‖(3, 4) − (0, 0)‖ = 5; (5 + 0) → 1.
    expect(globalDifference([3, 4], [0, 0])).toBe(1);
    // a = (3, 4), n = (3, 0): ‖(0, 4)‖ = 4, ‖a‖ + ‖n‖ = 5 + 3 = 8.
    expect(globalDifference([3, 4], [3, 0])).toBe(0.5);
    expect(globalDifference([1, 2, 3], [1, 2, 3])).toBe(0);
    // A sign flip is as far apart as two vectors get.
    expect(globalDifference([1, -2], [-1, 2])).toBe(1);
  });

  it('is 0 for two zero vectors and for empty ones', () => {
    expect(globalDifference([0, 0, 0], [0, 0, 0])).toBe(0);
    expect(globalDifference([], [])).toBe(0);
  });
});

describe('defaultAtol', () => {
  it('is 64 roundings of the largest finite entry, analytic or numeric', () => {
    expect(defaultAtol([1, -8], [2, 3], 'float64')).toBe(64 * 2 ** -53 * 8);
    expect(defaultAtol([1, 2], [-16, 3], 'float64')).toBe(64 * 2 ** -53 * 16);
    expect(defaultAtol([1, 2], [4, 3], 'float32')).toBe(64 * 2 ** -24 * 4);
  });

  it('ignores non-finite entries and is 0 for a zero gradient', () => {
    expect(defaultAtol([Number.NaN, 2], [Number.POSITIVE_INFINITY, 1], 'float64')).toBe(64 * 2 ** -53 * 2);
    expect(defaultAtol([0, 0], [0, 0], 'float64')).toBe(0);
  });
});

describe('the rule at its edges through a whole check', () => {
  // f(x) = x at x = 0.5 with a dyadic step: every value and step is exact, so the numeric derivative
  // is exactly 1 and |analytic − 1| is exactly the error we put in.
  const identity = (x: number[]) => x[0]!;
  const at: CheckOptions<number[]> = { points: [[0.5]], eps: 2 ** -10, precision: 'float64' };

  it('numeric derivative is exactly 1, so the edges below are exact', () => {
    const report = checkGradient(identity, () => [1], at);
    expect(report.samples[0]!.coordinates[0]!.numeric).toBe(1);
    expect(report.samples[0]!.coordinates[0]!.absErr).toBe(0);
  });

  it('passes with |a − n| exactly equal to atol, and fails just over it', () => {
    const delta = 2 ** -20;
    const exact = checkGradient(identity, () => [1 + delta], { ...at, tol: 0, atol: delta });
    expect(exact.samples[0]!.coordinates[0]!.absErr).toBe(delta);
    expect(exact.samples[0]!.coordinates[0]!.allowed).toBe(delta);
    expect(exact.pass).toBe(true);
    const over = checkGradient(identity, () => [1 + delta], { ...at, tol: 0, atol: delta - 2 ** -60 });
    expect(over.pass).toBe(false);
    expect(over.worst[0]!.status).toBe('mismatch');
    expect(over.worst[0]!.path).toBe('x[0]');
  });

  it('passes with |a − n| exactly equal to tol·max(|a|, |n|), and fails just over it', () => {
    const tol = 2 ** -20;
    const exact = checkGradient(identity, () => [1 - tol], { ...at, tol });
    expect(exact.samples[0]!.coordinates[0]!.allowed).toBe(tol);
    expect(exact.pass).toBe(true);
    const over = checkGradient(identity, () => [1 - tol - 2 ** -53], { ...at, tol });
    expect(over.pass).toBe(false);
  });

  it('reports relErr and absErr of the coordinate by the same formulas', () => {
    const report = checkGradient(identity, () => [1.5], at);
    const c = report.samples[0]!.coordinates[0]!;
    expect(c.absErr).toBe(0.5);
    expect(c.relErr).toBe(relativeError(1.5, 1));
    const atol = defaultAtol([1.5], [1], 'float64');
    expect(c.allowed).toBe(
      allowedError(1.5, 1, report.settings.tol, atol, report.settings.k, c.errorEstimate),
    );
    expect(c.allowed).toBe(1.5e-7);
    expect(report.samples[0]!.globalDiff).toBe(globalDifference([1.5], [1]));
  });
});

describe('an atol that accepts the derivative negated', () => {
  // As above: the numeric derivative of the identity at 0.5 with a dyadic step is exactly 1.
  const identity = (x: number[]) => x[0]!;
  const at: CheckOptions<number[]> = { points: [[0.5]], eps: 2 ** -10, precision: 'float64' };
  const meaningless = (options: CheckOptions<number[]>, f = identity, grad = (_: number[]) => [1]) =>
    checkGradient(f, grad, options).problems.some((p) => p.kind === 'meaningless-tolerance');

  it('fails the check from atol = 2·|numeric| on, where a = −n passes, and not just below it', () => {
    expect(meaningless({ ...at, atol: 2 })).toBe(true);
    expect(checkGradient(identity, () => [-1], { ...at, atol: 2 }).pass).toBe(false);
    expect(meaningless({ ...at, atol: 2 - 2 ** -51 })).toBe(false);
  });

  it('leaves alone a derivative that is 0 everywhere, and a check with one sample that can tell', () => {
    expect(
      meaningless(
        { ...at, atol: 1 },
        () => 0,
        () => [0],
      ),
    ).toBe(false);
    const square = (x: number[]) => x[0]! ** 2;
    const twice = (x: number[]) => [2 * x[0]!];
    expect(meaningless({ points: [[1e-9], [0.5]], atol: 0.01 }, square, twice)).toBe(false);
    expect(meaningless({ points: [[1e-9], [1e-6]], atol: 0.01 }, square, twice)).toBe(true);
  });
});
