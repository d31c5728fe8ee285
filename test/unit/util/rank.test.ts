/**
 * The Report's `worst` (util/rank.ts, rule 'report'): a bounded insertion that must keep exactly what a
 * stable sort of every row by badness, worst first, would keep, each row copied with its sample and
 * with the keys of `{ ...row, sample }` in their order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CoordinateResult, SampleReport } from '../../../src/types.js';
import { badness, worstFirst } from '../../../src/util/rank.js';

/** Rows with few distinct errors and allowances, so that ties are common, and some with a note or power. */
const row = fc
  .record({
    absErr: fc.constantFrom(0, 1e-9, 1e-8, 1, Number.POSITIVE_INFINITY, Number.NaN),
    allowed: fc.constantFrom(0, 1e-8, 1e-6),
    ok: fc.boolean(),
    note: fc.option(fc.constant('a note'), { nil: undefined }),
    power: fc.option(fc.constantFrom(1e-7, 3e-3), { nil: undefined }),
  })
  .map(({ absErr, allowed, ok: agreeing, note, power }) => {
    // As the verdict has it: a row agrees only within what it allows.
    const ok = agreeing && absErr <= allowed;
    const r: CoordinateResult = {
      path: '',
      x: 0.5,
      analytic: 1,
      numeric: 1 + absErr,
      absErr,
      relErr: absErr,
      allowed,
      errorEstimate: 1e-10,
      step: 1e-5,
      stencil: 'central',
      ok,
      status: ok ? 'ok' : 'mismatch',
    };
    if (note !== undefined) r.note = note;
    if (power !== undefined) r.power = power;
    return r;
  });

const samples = fc.array(fc.array(row, { maxLength: 40 }), { minLength: 1, maxLength: 4 }).map((all) =>
  all.map(
    (coordinates, s) =>
      ({
        index: s + 1,
        coordinates: coordinates.map((c, j) => ({ ...c, path: `x[${j}]` })),
      }) as unknown as SampleReport,
  ),
);

describe('worstFirst', () => {
  it('keeps what a stable sort by badness keeps, copied with its sample, keys in order', () => {
    fc.assert(
      fc.property(samples, fc.constantFrom(1, 3, 50, Number.POSITIVE_INFINITY), (all, kept) => {
        const expected = all
          .flatMap((s) => s.coordinates.map((c) => ({ ...c, sample: s.index })))
          .map((c, order) => ({ c, order, r: badness(c) }))
          .sort((p, q) => q.r - p.r || p.order - q.order)
          .slice(0, kept)
          .map(({ c }) => c);
        const got = worstFirst(all, { kept });
        expect(got).toStrictEqual(expected);
        expect(got.map((c) => Object.keys(c))).toEqual(expected.map((c) => Object.keys(c)));
      }),
      { numRuns: 2000 },
    );
  });
});
