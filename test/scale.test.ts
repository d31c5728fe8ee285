/**
 * Checks at scale: which mode `'auto'` picks and when, the `coordinates` option in both modes, and the
 * per-coordinate check at its limit of 2n evaluations a sample, through one working copy, with f called in
 * place while it stays synchronous. Costs are asserted as evaluation counts, never as times.
 */
import { describe, expect, it } from 'vitest';
import { checkGradient, formatReport } from '../src/index.js';
import { DEFAULT_MAX_EVALUATIONS, defaultDirections } from '../src/options/defaults.js';
import { weightedSquares } from './helpers/functions.js';
import { counted, failingPathsInSamples } from './helpers/report.js';

/** A per-coordinate check of a well-scaled f: value, repeat, noise probe (6), 2 per coordinate. */
const coordinateEvaluations = (checked: number, samples: number) => samples * (8 + 2 * checked);

describe("mode: 'auto' runs per-coordinate while samples·(8 + 2n) fits maxEvaluations", () => {
  const n = 100;
  const { f, gradient } = weightedSquares(n);
  const like = new Float64Array(n);

  it.each([
    { samples: 2, maxEvaluations: 416, mode: 'coordinate' },
    { samples: 2, maxEvaluations: 415, mode: 'directional' },
    { samples: 1, maxEvaluations: 208, mode: 'coordinate' },
    { samples: 3, maxEvaluations: 623, mode: 'directional' },
  ] as const)('$samples samples, maxEvaluations $maxEvaluations: $mode', ({
    samples,
    maxEvaluations,
    mode,
  }) => {
    const report = checkGradient(f, gradient(), { like, samples, maxEvaluations, domain: [0.5, 1] });
    expect(report.mode).toBe(mode);
    expect(report.pass).toBe(true);
    expect(formatReport(report)).toContain(`(${mode},`);
    if (mode === 'coordinate') expect(report.evaluations).toBe(coordinateEvaluations(n, samples));
    else expect(report.samples.every((s) => s.directions!.length === defaultDirections(samples))).toBe(true);
  });

  it('the default budget: per-coordinate up to n = (maxEvaluations / 3 − 8) / 2 with 3 samples, directional above', () => {
    const largest = Math.floor((DEFAULT_MAX_EVALUATIONS / 3 - 8) / 2);
    const { f: big, gradient: bigGradient } = weightedSquares(largest + 1);
    const report = checkGradient(big, bigGradient(), { like: new Float64Array(largest + 1) });
    expect(report.mode).toBe('directional');
    const { f: small, gradient: smallGradient } = weightedSquares(1000);
    expect(checkGradient(small, smallGradient(), { like: new Float64Array(1000) }).mode).toBe('coordinate');
  });

  it('counts only the coordinates it will check: a few of a million are checked one by one', () => {
    const size = 1_000_000;
    const { f: big, gradient: bigGradient } = weightedSquares(size);
    const fc = counted(big);
    const report = checkGradient(fc.fn, bigGradient(), {
      like: new Float64Array(size),
      samples: 1,
      coordinates: 20,
    });
    expect(report.mode).toBe('coordinate');
    expect(report.evaluations).toBe(fc.calls());
    expect(report.samples[0]!.coordinates).toHaveLength(20);
  });

  it("an explicit mode wins over 'auto'", () => {
    const report = checkGradient(f, gradient(), { like, mode: 'directional', maxEvaluations: 10 ** 9 });
    expect(report.mode).toBe('directional');
    const forced = checkGradient(f, gradient(), { like, mode: 'coordinate', maxEvaluations: 1 });
    expect(forced.mode).toBe('coordinate');
    // maxEvaluations is a cap in every mode: a plan above it fails before the first call of f.
    expect(forced.problems.map((p) => p.kind)).toEqual(['budget']);
    expect(forced.evaluations).toBe(0);
  });
});

describe('coordinates: a seeded random subset, or a predicate on the path', () => {
  const n = 500;
  const { f, gradient } = weightedSquares(n);
  const like = new Float64Array(n);

  it('a count checks that many coordinates, the same ones for the same seed, at 2 evaluations each', () => {
    const fc = counted(f);
    // refine: false, so that the few coordinates too noisy to verify at the first look are not refined.
    const options = { like, samples: 2, coordinates: 37, domain: [0.5, 1], seed: 11, refine: false } as const;
    const report = checkGradient(fc.fn, gradient(), options);
    expect(report.mode).toBe('coordinate');
    expect(report.evaluations).toBe(fc.calls());
    expect(report.evaluations).toBe(coordinateEvaluations(37, 2));
    const paths = report.samples.map((s) => s.coordinates.map((c) => c.path));
    expect(paths[0]).toHaveLength(37);
    expect(new Set(paths[0])).toEqual(new Set(paths[1]));
    const again = checkGradient(f, gradient(), options);
    expect(again.samples[0]!.coordinates.map((c) => c.path)).toEqual(paths[0]);
    const other = checkGradient(f, gradient(), { ...options, seed: 12 });
    expect(other.samples[0]!.coordinates.map((c) => c.path)).not.toEqual(paths[0]);
  });

  it('a count of n or more checks every coordinate', () => {
    const report = checkGradient(f, gradient(), { like, samples: 1, coordinates: 10 * n });
    expect(report.samples[0]!.coordinates).toHaveLength(n);
  });

  it('a predicate checks exactly the coordinates it selects, and finds a wrong one among them', () => {
    const even = (path: string) => Number(path.slice(2, -1)) % 2 === 0;
    const fc = counted(f);
    const report = checkGradient(fc.fn, gradient([10, 11]), {
      like,
      samples: 1,
      coordinates: even,
      domain: [0.5, 1],
    });
    expect(report.samples[0]!.coordinates.map((c) => c.path)).toEqual(
      Array.from({ length: n / 2 }, (_, j) => `x[${2 * j}]`),
    );
    // x[11] is wrong too, but not selected.
    expect(failingPathsInSamples(report)).toEqual(new Set(['x[10]']));
    expect(report.evaluations).toBe(fc.calls());
  });

  it('in directional mode, directions and localization stay within the selected coordinates', () => {
    const size = 20_000;
    const q = weightedSquares(size);
    const selected = (path: string) => Number(path.slice(2, -1)) < 5000;
    const outside = checkGradient(q.f, q.gradient([12_345]), {
      like: new Float64Array(size),
      mode: 'directional',
      coordinates: selected,
      domain: [0.5, 1],
    });
    // The wrong coordinate is not selected: no direction moves it, so nothing disagrees.
    expect(outside.pass).toBe(true);
    const inside = checkGradient(q.f, q.gradient([4321]), {
      like: new Float64Array(size),
      mode: 'directional',
      coordinates: selected,
      domain: [0.5, 1],
    });
    expect(inside.pass).toBe(false);
    expect(failingPathsInSamples(inside)).toEqual(new Set(['x[4321]']));
    for (const sample of inside.samples) {
      // Halving 5000 candidates, not 20 000: at most 13 levels of 2 tests.
      expect(sample.localization!.tests).toBeLessThanOrEqual(2 * 13);
    }
  });

  it('a random subset in directional mode', () => {
    const size = 10_000;
    const q = weightedSquares(size);
    const fc = counted(q.f);
    const report = checkGradient(fc.fn, q.gradient(), {
      like: new Float64Array(size),
      mode: 'directional',
      coordinates: 1000,
      samples: 2,
      directions: 3,
    });
    expect(report.pass).toBe(true);
    expect(report.evaluations).toBe(fc.calls());
    expect(report.evaluations).toBe(2 * (8 + 4 * 3));
  });

  it('a predicate that selects nothing is refused', () => {
    expect(() => checkGradient(f, gradient(), { like, coordinates: () => false })).toThrow(
      /selected none of the 500 coordinates/,
    );
  });
});

describe('the per-coordinate check at its limit', () => {
  it('2 evaluations per coordinate and 8 per sample, exactly, at n = 1e4', () => {
    const n = 10_000;
    const { f, gradient } = weightedSquares(n);
    const fc = counted(f);
    const options = { like: new Float64Array(n), samples: 1, mode: 'coordinate', domain: [0.5, 1] } as const;
    const first = checkGradient(fc.fn, gradient(), { ...options, refine: false });
    expect(first.pass).toBe(true);
    expect(first.evaluations).toBe(fc.calls());
    expect(first.evaluations).toBe(coordinateEvaluations(n, 1));
    expect(first.samples[0]!.coordinates).toHaveLength(n);
    // With refinement, at most 4 of the least precise coordinates get a second look on top: ladders of
    // 7, 7 and 5 steps, both sides. A fixed cost per sample, not per coordinate.
    const refined = checkGradient(fc.fn, gradient(), options);
    expect(refined.evaluations).toBe(fc.calls() - first.evaluations);
    expect(refined.evaluations - coordinateEvaluations(n, 1)).toBeLessThanOrEqual(4 * 2 * (7 + 7 + 5));
  });

  it('spot-checks the least precise coordinates that pass only within their error, in 40 calls a check', () => {
    // Partials 2c·x: tiny ones cannot be verified to tol at the first look. Five of them are uncertain;
    // the least precise, x[10], gets the second look (its standard and wide ladders, 24 calls), and the
    // next one would take the check past its 40 calls of spot checks.
    const n = 50;
    const { f, gradient } = weightedSquares(n);
    const point = new Float64Array(n).fill(1);
    Object.assign(point, { 5: 1.2e-2, 10: 1e-4, 20: 1e-3, 30: 3e-3, 40: 1e-2 });
    const moved: number[] = [];
    let calls = 0;
    const report = checkGradient(
      (x: Float64Array) => {
        // After the value, the noise probe and the sweep, each call moves one coordinate, but for the
        // last: f at the point again (the revisit, which moves none).
        if (++calls > 7 + 2 * n) moved.push(x.findIndex((v, i) => v !== point[i]));
        return f(x);
      },
      gradient(),
      { points: [point] },
    );
    expect(report.pass).toBe(true);
    expect(moved.at(-1)).toBe(-1);
    expect(new Set(moved.slice(0, -1))).toEqual(new Set([10]));
    expect(moved.length - 1).toBeLessThanOrEqual(40);
  });

  it('f receives one working copy, perturbed in place: the same object in every call', () => {
    const n = 300;
    const { f, gradient } = weightedSquares(n);
    const seen = new Set<unknown>();
    const values: number[] = [];
    const report = checkGradient(
      (x: Float64Array) => {
        seen.add(x);
        values.push(x[7]!);
        return f(x);
      },
      gradient([7]),
      { like: new Float64Array(n), samples: 2, mode: 'coordinate' },
    );
    expect(report.pass).toBe(false);
    expect(seen.size).toBe(1);
    // Perturbed one coordinate at a time and restored: x[7] takes 2 values per sample in the sweep,
    // besides the point, the noise probe and the refinement of the wrong coordinate.
    expect(values.length).toBe(report.evaluations);
  });

  // Its first Promise is then f(x[46] + h) (after 100 calls) or f(x[46] − h) (after 101): the sweep's
  // plain loop hands over to the awaiting one at either call of a coordinate.
  it.each([
    100, 101,
  ])('an f that turns asynchronous in the middle of the sweep (after %i calls) still gives the same report', async (after) => {
    const n = 200;
    const { f, gradient } = weightedSquares(n);
    const options = { like: new Float64Array(n), samples: 2, mode: 'coordinate' } as const;
    const sync = checkGradient(f, gradient([50]), options);
    let calls = 0;
    const late = (x: Float64Array): number | Promise<number> => {
      calls++;
      const value = f(x);
      return calls > after ? Promise.resolve(value) : value;
    };
    const pending = checkGradient(late as (x: Float64Array) => number, gradient([50]), options);
    expect(pending).toBeInstanceOf(Promise);
    const report = await (pending as unknown as Promise<typeof sync>);
    expect(report).toEqual(sync);
    expect(calls).toBe(sync.evaluations);
  });

  it('a rejection of f in the sweep is an error that names the coordinate', async () => {
    const n = 50;
    const { f, gradient } = weightedSquares(n);
    let calls = 0;
    const failing = async (x: Float64Array) => {
      if (++calls === 40) throw new Error('out of memory');
      return f(x);
    };
    await expect(
      checkGradient(failing, gradient(), { like: new Float64Array(n), mode: 'coordinate' }),
    ).rejects.toThrow(/f rejected at sample 1 .* with x\[\d+\] set to .*: out of memory/);
  });
});
