/**
 * The rows a large sample keeps (src/check/rows.ts): above the limit, every row's numbers in typed
 * columns, and as objects exactly the rows that disagree and the worst agreeing ones, in the order
 * checked. What the report ranks, counts and prints from them is what it would from every row; and a
 * real check past the limit keeps its Report small, plain and JSON-serialisable.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { everyRow, Rows } from '../../../src/check/rows.js';
import { coordinateRow, judge, type Rule } from '../../../src/check/verdict.js';
import { RESOLUTION } from '../../../src/compare/tolerance.js';
import { checkJacobian, formatReport } from '../../../src/index.js';
import type { CoordinateResult, SampleReport } from '../../../src/types.js';
import { WORST_KEPT, worstFirst } from '../../../src/util/rank.js';

const rule: Rule = { tol: 1e-7, atol: 1e-12, resolution: RESOLUTION.float64, floor: 1e-9 };
const names = () => ({ subject: 'f', place: '' });

/** The sample of `entries` (analytic, numeric) pairs through Rows with the given limit on objects. */
function sampleOf(entries: ReadonlyArray<[number, number]>, objects: number): SampleReport {
  const rows = new Rows(entries.length, objects);
  entries.forEach(([a, numeric], e) => {
    const verdict = judge(a, { value: numeric, error: 1e-12, step: 1e-6, stencil: 'central' }, rule, names);
    if (rows.add(e, e / 10, a, verdict)) rows.keep(coordinateRow(`x[${e}]`, e / 10, a, verdict, 'grad'));
  });
  const kept = rows.finish();
  return { index: 1, point: [], value: 0, globalDiff: 0, mismatches: 0, noise: 0, ...kept };
}

const entry = fc.tuple(
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.constantFrom(1, 1 + 1e-9, 1 + 1e-6, 1.1),
);

describe('Rows', () => {
  it('keeps every row as an object up to the limit, and no columns', () => {
    const sample = sampleOf(
      [
        [1, 1],
        [2, 2.2],
      ],
      10,
    );
    expect(sample.coordinates).toHaveLength(2);
    expect(sample.columns).toBeUndefined();
    expect(sample.checked).toBeUndefined();
  });

  it('above it, keeps the rows that disagree and the worst agreeing ones, as every row would rank them', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 60, maxLength: 300 }), (pairs) => {
        const entries = pairs.map(([a, factor]) => [a, a * factor] as [number, number]);
        const all = sampleOf(entries, Number.POSITIVE_INFINITY);
        const few = sampleOf(entries, 10);
        expect(few.checked).toBe(entries.length);
        expect(few.columns!.entries).toHaveLength(entries.length);
        const failing = all.coordinates.filter((c) => !c.ok);
        // Every disagreeing row is kept, in the order checked, and at most WORST_KEPT agreeing ones.
        expect(few.coordinates.filter((c) => !c.ok)).toEqual(failing);
        expect(few.coordinates.length).toBeLessThanOrEqual(failing.length + WORST_KEPT);
        const order = few.coordinates.map((c) => Number(c.path.slice(2, -1)));
        expect(order).toEqual([...order].sort((p, q) => p - q));
        // The report's worst rows are the same from the kept rows as from all of them.
        expect(worstFirst([few], { kept: WORST_KEPT })).toEqual(worstFirst([all], { kept: WORST_KEPT }));
        // And every row's numbers come back from the columns.
        const back = everyRow(few, (e) => `x[${e}]`);
        expect(back.map((c) => [c.path, c.analytic, c.numeric, c.relErr, c.allowed, c.ok])).toEqual(
          all.coordinates.map((c: CoordinateResult) => [
            c.path,
            c.analytic,
            c.numeric,
            c.relErr,
            c.allowed,
            c.ok,
          ]),
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe('a check of more rows than the limit', () => {
  // 21 outputs × 1000 inputs = 21 000 entries a sample, 2042 calls of an f that costs 1000 operations.
  const n = 1000;
  const m = 21;
  const f = (x: Float64Array) =>
    Array.from({ length: m }, (_, k) => {
      let s = 0;
      for (let i = k; i < n; i += m) s += (k + 1) * x[i]! * x[i]!;
      return s;
    });
  const jacobian = (planted: boolean) => (x: Float64Array) =>
    Array.from({ length: m }, (_, k) => {
      const row = new Float64Array(n);
      for (let i = k; i < n; i += m) row[i] = 2 * (k + 1) * x[i]!;
      if (planted && k === 3) row[3 + 5 * m]! *= 1.001;
      return row;
    });

  it('keeps its rows as numbers, names the wrong entry, counts every entry, and serialises', () => {
    const report = checkJacobian(f, jacobian(true), { like: new Float64Array(n), samples: 2 });
    expect(report.pass).toBe(false);
    for (const sample of report.samples) {
      expect(sample.checked).toBe(n * m);
      expect(sample.coordinates.length).toBeLessThanOrEqual(1 + WORST_KEPT);
      expect(sample.coordinates.filter((c) => !c.ok).map((c) => c.path)).toEqual(['J[3, x[108]]']);
      expect(sample.columns!.ok.reduce((s, ok) => s + ok, 0)).toBe(n * m - 1);
    }
    expect(report.worst[0]!.path).toBe('J[3, x[108]]');
    expect(formatReport(report)).toMatch(
      /^Jacobian check failed: 1 of 21000 Jacobian entries disagree in sample 1 of 2/,
    );
    const text = JSON.stringify(report);
    expect(text.length).toBeLessThan(8e6);
    expect(JSON.parse(text).samples[1].checked).toBe(n * m);
  });

  it('reads its power off every row, the ones kept only as numbers too', () => {
    const report = checkJacobian(f, jacobian(false), { like: new Float64Array(n), samples: 1 });
    expect(report.pass).toBe(true);
    // 1000 of the 21 000 entries are not 0: those have a power, 1e-7 (tol) for every one of them.
    expect(report.power).toMatchObject({ entries: n, median: 1e-7 });
    expect(formatReport(report)).toMatch(/^Jacobian check passed: all 21000 Jacobian entries agree/);
  });
});

describe('a Hessian of more entries than the limit', () => {
  it('keeps every entry, so that its symmetry check sees an asymmetric pair that agrees on both sides', async () => {
    const { checkHessian } = await import('../../../src/index.js');
    // f = ½ xᵀAx at n = 150 (22 500 entries): the gradient Ax, the Hessian A.
    const n = 150;
    const a = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => 1 + ((i * j + i + j) % 5) / 5),
    );
    const f = (x: number[]) => {
      let s = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += 0.5 * a[i]![j]! * x[i]! * x[j]!;
      return s;
    };
    const gradient = (x: number[]) => a.map((row) => row.reduce((s, v, j) => s + v * x[j]!, 0));
    const hessian = () => {
      const h = a.map((row) => [...row]);
      // Within tol (1e-7) on each side, 1.2e-7 apart: each entry agrees, the pair is not symmetric.
      h[0]![1] = a[0]![1]! * (1 + 0.6e-7);
      h[1]![0] = a[1]![0]! * (1 - 0.6e-7);
      // Sixty symmetric pairs closer to tol, which would crowd the pair out of the worst agreeing rows.
      for (let k = 2; k < 62; k++) {
        h[k]![k + 1] = a[k]![k + 1]! * (1 + 0.8e-7);
        h[k + 1]![k] = a[k + 1]![k]! * (1 + 0.8e-7);
      }
      return h;
    };
    const report = await checkHessian(f, hessian, { dim: n, samples: 1, gradient });
    expect(report.samples[0]!.coordinates).toHaveLength(n * n);
    expect(report.problems.map((p) => p.kind)).toContain('asymmetric');
  });
});
