/**
 * Drawing a direction sums grad·v and Σ|grad_i·v_i| in its own loop (modes/directions.ts), so that
 * directional mode need not make a pass over the gradient for them: the sums must be rangeLine's
 * `analytic`, bit for bit, over all coordinates or a list of them, wherever nothing is left out of v.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LineContext, rangeLine } from '../../../src/check/line.js';
import { alongDrawn, drawDirection } from '../../../src/check/modes/directions.js';

describe('a direction drawn with a row of the gradient', () => {
  it("gives rangeLine's grad·u and Σ|∂f/∂x_i·u_i|, number for number", () => {
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(0, -0, 1e-300, -1e300, 2.5) },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 60 }),
        fc.integer(),
        fc.boolean(),
        fc.boolean(),
        (pairs, seed, scaled, listed) => {
          const n = pairs.length;
          const x0 = Float64Array.from(pairs, ([x]) => x);
          const row = Float64Array.from(pairs, ([, g]) => g);
          const candidates = listed
            ? Int32Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 1)
            : null;
          const v = new Float32Array(n);
          const drawn = drawDirection(v, seed, x0, candidates, scaled, new Set(), row);
          const count = candidates === null ? n : candidates.length;
          if (drawn.norm === 0) return;
          const ctx = { x0, candidates, n, m: 1, analytic: row } as unknown as LineContext;
          const expected = new Float64Array(1);
          const a = rangeLine(ctx, v, drawn.norm, 0, count).analytic(expected);
          const magnitude = new Float64Array(1);
          const fused = alongDrawn(drawn, magnitude);
          expect(Object.is(fused[0], a[0])).toBe(true);
          expect(Object.is(magnitude[0], expected[0])).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
