/**
 * Where points come from: the seeded random source, values drawn from the domain, explicit points, a
 * template, a custom sampler; and the promise that a seed reproduces a check exactly.
 */
import { describe, expect, it } from 'vitest';
import { checkGradient, formatReport, type Report } from '../../../src/index.js';
import { resolveOptions } from '../../../src/options/resolve.js';
import { PointSource } from '../../../src/sample/points.js';
import { drawValue, makeRng } from '../../../src/sample/rng.js';
import { typeErrorOf } from '../../helpers/errors.js';
import {
  mlpGradient,
  mlpLoss,
  mlpPoint,
  sumOfSquares,
  sumOfSquaresGradient,
} from '../../helpers/functions.js';

const take = (rng: () => number, count: number) => Array.from({ length: count }, () => rng());

describe('the seeded random source', () => {
  it('repeats its sequence for the same seed and stream', () => {
    expect(take(makeRng(42, 'points'), 20)).toEqual(take(makeRng(42, 'points'), 20));
    expect(take(makeRng('abc', 'points'), 20)).toEqual(take(makeRng('abc', 'points'), 20));
  });

  it('differs between seeds and between streams of one seed', () => {
    const base = take(makeRng(42, 'points'), 5);
    expect(take(makeRng(43, 'points'), 5)).not.toEqual(base);
    expect(take(makeRng(42, 'noise'), 5)).not.toEqual(base);
  });

  it('draws uniformly from [0, 1)', () => {
    const values = take(makeRng(1, 'u'), 4000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
    expect(values.filter((v) => v < 0.25).length / values.length).toBeCloseTo(0.25, 1);
  });
});

describe('drawValue', () => {
  it('stays within [lo, hi] and gives values that float32 holds exactly', () => {
    const rng = makeRng(3, 'draw');
    for (const [lo, hi] of [
      [-1, 1],
      [0.5, 2],
      [-1e6, 1e6],
      [1e-3, 1e-2],
    ] as const) {
      for (let j = 0; j < 200; j++) {
        const v = drawValue(rng, lo, hi);
        expect(v).toBeGreaterThanOrEqual(lo);
        expect(v).toBeLessThanOrEqual(hi);
        expect(Math.fround(v)).toBe(v);
      }
    }
  });

  it('keeps the unrounded value when no float32 lies inside the domain', () => {
    const lo = 1 + 1e-12;
    const hi = 1 + 2e-12;
    const v = drawValue(() => 0.5, lo, hi);
    expect(v).toBeGreaterThanOrEqual(lo);
    expect(v).toBeLessThanOrEqual(hi);
  });
});

describe('PointSource', () => {
  const source = (options: Record<string, unknown>) => new PointSource(resolveOptions(options, 'w'), 'w');
  const next = (s: PointSource) => {
    const out = new Float64Array(s.shape.n);
    s.next(out);
    return Array.from(out);
  };

  it('draws points of dimension dim from the domain', () => {
    const s = source({ dim: 5, domain: [2, 3], seed: 1 });
    expect(s.shape.n).toBe(5);
    expect(s.random).toBe(true);
    const point = next(s);
    expect(point.every((v) => v >= 2 && v <= 3)).toBe(true);
    expect(next(s)).not.toEqual(point);
  });

  it('draws each coordinate of a template from the domain its path names', () => {
    const s = source({
      like: { a: [0, 0], b: 0 },
      domain: (path: string) => (path.startsWith('a') ? [10, 11] : [-1, -0.5]),
    });
    const [a0, a1, b] = next(s);
    expect(a0).toBeGreaterThanOrEqual(10);
    expect(a1).toBeLessThanOrEqual(11);
    expect(b).toBeLessThanOrEqual(-0.5);
  });

  it('reads explicit points in order, and is not random', () => {
    const s = source({ points: [Float32Array.from([1, 2]), [3, 4]] });
    expect(s.random).toBe(false);
    expect(next(s)).toEqual([1, 2]);
    expect(next(s)).toEqual([3, 4]);
  });

  it('calls a custom sampler with the seeded random source', () => {
    const seen: number[] = [];
    const s = source({
      seed: 9,
      sample: (rng: () => number) => {
        const v = rng();
        seen.push(v);
        return { w: [v, 2 * v] };
      },
    });
    expect(s.shape.n).toBe(2);
    const first = next(s);
    expect(first).toEqual([seen[0], 2 * seen[0]!]);
    next(s);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(makeRng(9, 'points')());
  });

  it('refuses an input with no coordinates', () => {
    expect(typeErrorOf(() => source({ like: { a: [] } }))).toContain(
      'the input has no coordinates (n = 0); there is no gradient to check.',
    );
  });

  it('refuses a sampler that returns a Promise', () => {
    expect(typeErrorOf(() => source({ sample: async () => [1] }))).toContain(
      'sample must return an input, but returned a Promise.',
    );
  });

  it('refuses explicit points with non-finite values or different shapes, naming which', () => {
    expect(typeErrorOf(() => source({ points: [[1, Number.NaN]] }))).toContain(
      'points[0] must hold finite numbers, but x[1] is NaN.',
    );
    const s = source({ points: [[1, 2], [3]] });
    next(s);
    expect(typeErrorOf(() => next(s))).toContain('points[1] at x should have length 2, but has length 1');
    const t = source({
      points: [
        [1, 2],
        [3, Infinity],
      ],
    });
    next(t);
    expect(typeErrorOf(() => next(t))).toContain('points[1] must hold finite numbers, but x[1] is Infinity.');
  });
});

describe('a seed reproduces a check exactly', () => {
  const wrongAtOne = (x: number[]) => x.map((v, i) => (i === 1 ? 2.1 * v : 2 * v));
  const run = (seed?: string | number): Report =>
    checkGradient(sumOfSquares, wrongAtOne, { dim: 6, ...(seed === undefined ? {} : { seed }) });

  it('gives a deep-equal report and byte-identical text for the same seed', () => {
    for (const seed of [1, 123456789, 'a string seed']) {
      const first = run(seed);
      const second = run(seed);
      expect(second).toEqual(first);
      expect(formatReport(second)).toBe(formatReport(first));
      expect(first.seed).toBe(seed);
      expect(first.pass).toBe(false);
    }
  });

  it('is reproducible with the default seed', () => {
    expect(run()).toEqual(run());
  });

  it('draws different points for different seeds', () => {
    const points = (seed: number) => run(seed).samples.map((s) => s.point);
    expect(points(1)).not.toEqual(points(2));
    expect(points(2)).not.toEqual(points(3));
    // Every sample of one check is a different point, too.
    const [a, b, c] = points(1);
    expect(a).not.toEqual(b);
    expect(b).not.toEqual(c);
  });

  it('reproduces a structured check with a typed array, and its report is plain JSON', () => {
    const first = checkGradient(mlpLoss, mlpGradient, { like: mlpPoint(), seed: 5 });
    const second = checkGradient(mlpLoss, mlpGradient, { like: mlpPoint(), seed: 5 });
    expect(second).toEqual(first);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    const point = first.samples[0]!.point as { b1: unknown };
    expect(Array.isArray(point.b1)).toBe(true);
  });

  it('feeds f the very point the report shows', () => {
    const seen: number[][] = [];
    const report = checkGradient(
      (x: number[]) => {
        seen.push([...x]);
        return sumOfSquares(x);
      },
      sumOfSquaresGradient,
      { dim: 3, seed: 11 },
    );
    const first = report.samples[0]!;
    expect(seen[0]).toEqual(first.point);
    expect(first.value).toBe(sumOfSquares(first.point as number[]));
    expect(first.coordinates.map((c) => c.x)).toEqual(first.point);
  });
});
