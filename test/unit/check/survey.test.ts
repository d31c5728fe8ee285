/**
 * What directional mode reads off a sample's derivative before its first difference (modes/held.ts,
 * survey): the first entry that is not finite and the largest finite |entry|, the same as the separate
 * loops it replaces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { survey } from '../../../src/check/modes/held.js';
import { largestMagnitude } from '../../../src/compare/tolerance.js';

describe('survey', () => {
  it('finds the first entry that is not finite and the largest finite |entry|', () => {
    const entry = fc.oneof(
      { weight: 8, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0),
      },
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (list) => {
        const values = Float64Array.from(list);
        const first = list.findIndex((v) => !Number.isFinite(v));
        expect(survey(values)).toEqual({
          nonfinite: first < 0 ? values.length : first,
          largest: largestMagnitude(values),
        });
      }),
      { numRuns: 1000 },
    );
  });
});
