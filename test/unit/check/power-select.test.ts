/**
 * The median of a check's power (src/check/power.ts) is found by selection, not by a sort: `select`
 * returns what a sort would put at position k, for any finite values, repeated ones and signed zeros
 * included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { select } from '../../../src/check/power.js';

describe('select', () => {
  it('returns the k-th smallest, as a sort would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, 1, 2)), {
          minLength: 1,
          maxLength: 200,
        }),
        fc.nat(),
        (values, at) => {
          const k = at % values.length;
          const sorted = Float64Array.from(values).sort();
          // === rather than Object.is: a sort orders -0 before 0, which are one value to a median.
          expect(select(Float64Array.from(values), k) === sorted[k]).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
