/**
 * Per-coordinate mode judges most rows by plainAgreement and builds them with agreedRow (verdict.ts),
 * without judge's Verdict object. Both must say exactly what judge and coordinateRow say of the same
 * first-pass estimate, for every number: near the tolerance, at the resolution limit, at 0, ±∞ and NaN.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreedRow, coordinateRow, judge, plainAgreement, type Rule } from '../../../src/check/verdict.js';
import { RESOLUTION } from '../../../src/compare/tolerance.js';

const names = () => ({ subject: 'f', place: ' of x[0]', near: 'x[0]' });

/** Numbers where the verdict turns: values near each other, tiny, huge, 0 and the non-finite ones. */
const value = fc.oneof(
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -0, 1, -1, 1e-300, 1e300, Number.POSITIVE_INFINITY, Number.NaN),
  fc.double({ min: 0.999, max: 1.001, noNaN: true }),
);
const error = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: false }),
  fc.constantFrom(0, 1e-12, 1e-6, 2.5e-4, 1e-2, Number.POSITIVE_INFINITY, Number.NaN),
);
const rule = fc.record({
  tol: fc.constantFrom(1e-7, 1e-6, 1e-4, 1e-2),
  atol: fc.constantFrom(0, 1e-300, 1e-12, 1e-3),
  resolution: fc.constantFrom(RESOLUTION.float64, RESOLUTION.float32),
  floor: fc.constantFrom(0, 1e-8, 1e-2, 1),
}) as fc.Arbitrary<Rule>;

describe('plainAgreement and agreedRow', () => {
  it('agree with judge and coordinateRow on every first-pass estimate', () => {
    fc.assert(
      fc.property(value, value, error, rule, (a, numeric, err, r) => {
        const estimate = { value: numeric, error: err, step: 1e-5, stencil: 'central' };
        const verdict = judge(a, estimate, r, names);
        const allowed = plainAgreement(a, numeric, err, r);
        const plain = verdict.ok && verdict.status === 'ok';
        expect(Number.isNaN(allowed)).toBe(!plain);
        if (plain) {
          expect(allowed).toBe(verdict.allowed);
          const row = agreedRow('x[0]', 0.5, a, numeric, allowed, err, 1e-5, 'central');
          const expected = coordinateRow('x[0]', 0.5, a, verdict, 'the gradient');
          expect(row).toStrictEqual(expected);
          expect(Object.keys(row)).toEqual(Object.keys(expected));
        }
      }),
      { numRuns: 20_000 },
    );
  });

  it('cover the rows they are for: an agreement well within its error estimate', () => {
    const r: Rule = { tol: 1e-6, atol: 0, resolution: RESOLUTION.float64, floor: 0 };
    expect(plainAgreement(1, 1 + 1e-9, 1e-10, r)).toBe(1e-6 * (1 + 1e-9));
    expect(plainAgreement(1, 1 + 1e-3, 1e-10, r)).toBeNaN();
    // Too imprecise to resolve a relative error of 1e-3: judge calls it inconclusive.
    expect(plainAgreement(1, 1, 1e-3, r)).toBeNaN();
  });
});
