import { describe, expect, it } from 'vitest';
// The bench modules are plain JavaScript that node runs unbuilt, so they have no declaration files; their
// JSDoc types are restated below.
// @ts-expect-error TS7016: no declaration file for a .mjs module
import * as baselinesModule from '../bench/baselines.mjs';
// @ts-expect-error TS7016: no declaration file for a .mjs module
import * as catalogModule from '../bench/catalog.mjs';
// @ts-expect-error TS7016: no declaration file for a .mjs module
import * as verifyModule from '../bench/verify.mjs';

type Group = 'well' | 'badly' | 'float32';

interface CatalogEntry {
  name: string;
  group: Group;
  f: (x: unknown) => number;
  grad: (x: unknown) => unknown;
  input: { dim?: number; like?: unknown; points?: unknown[]; domain?: [number, number] };
}

interface Verification {
  worst: number;
  ok: boolean;
  at: { sample: number; index: number; analytic: number; numeric: number; error: number } | null;
}

type Numeric = (
  f: (x: number[]) => number,
  x: number[],
  step?: number,
) => {
  numeric: Float64Array;
  evaluations: number;
};

const { flatten, unflatten, seedRecipe, seedDifference, seedVerdict, fixedStep, pytorchLikeVerdict } =
  baselinesModule as {
    flatten: (x: unknown) => number[];
    unflatten: <T>(template: T, flat: ArrayLike<number>) => T;
    seedRecipe: Numeric;
    fixedStep: Numeric;
    seedDifference: (a: ArrayLike<number>, n: ArrayLike<number>) => number;
    seedVerdict: (a: ArrayLike<number>, n: ArrayLike<number>, threshold?: number) => boolean;
    pytorchLikeVerdict: (
      a: ArrayLike<number>,
      n: ArrayLike<number>,
      options?: { atol?: number; rtol?: number },
    ) => boolean;
  };
const { catalog } = catalogModule as { catalog: CatalogEntry[] };
const { samplePoints, THRESHOLDS, verifyEntry } = verifyModule as {
  samplePoints: (entry: CatalogEntry, count?: number, seed?: number) => unknown[];
  THRESHOLDS: Record<Group, number>;
  verifyEntry: (
    entry: CatalogEntry,
    options?: { samples?: number; seed?: number; maxCoordinates?: number },
  ) => Verification;
};

describe('benchmark catalog', () => {
  it('has at least 30 entries, 8 badly scaled and 5 in float32, with unique names', () => {
    expect(catalog.length).toBeGreaterThanOrEqual(30);
    expect(catalog.filter((e) => e.group === 'badly').length).toBeGreaterThanOrEqual(8);
    expect(catalog.filter((e) => e.group === 'float32').length).toBeGreaterThanOrEqual(5);
    expect(new Set(catalog.map((e) => e.name)).size).toBe(catalog.length);
  });

  it('keeps the whole catalog small enough for a full per-coordinate benchmark', () => {
    const total = catalog.reduce((s, e) => s + flatten(samplePoints(e, 1)[0]).length, 0);
    expect(total).toBeLessThanOrEqual(3000);
  });

  it.each(
    catalog.map((e) => [e.name, e] as const),
  )('%s: grad is finite and shaped like the input', (_, entry) => {
    const [x] = samplePoints(entry, 1);
    const n = flatten(x).length;
    const g = flatten(entry.grad(x));
    expect(g).toHaveLength(n);
    expect(g.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(entry.f(x))).toBe(true);
  });

  it.each(
    catalog.map((e) => [e.name, e] as const),
  )('%s: grad agrees with an extrapolated difference', (_, entry) => {
    const res = verifyEntry(entry, { samples: 2, seed: 2, maxCoordinates: 64 });
    expect(res.worst, JSON.stringify(res.at)).toBeLessThanOrEqual(THRESHOLDS[entry.group]);
  });

  it('the verification catches a gradient off by 1e-7 in one coordinate', () => {
    for (const name of ['huge-offset', 'long-sum', 'mlp', 'mixed-scales']) {
      const entry = catalog.find((e) => e.name === name)!;
      const grad = (x: unknown) => {
        const g = flatten(entry.grad(x));
        g[g.length - 1]! *= 1 + 1e-7;
        return g;
      };
      expect(verifyEntry({ ...entry, grad }, { samples: 1, maxCoordinates: 24 }).ok, name).toBe(false);
    }
  });
});

describe('flatten / unflatten', () => {
  it('round-trips every shape of the catalog, depth-first in key order', () => {
    const template = { a: 0, b: [[0, 0], [0]], c: new Float32Array(2), d: { e: new Float64Array(1) } };
    const flat = [1, 2, 3, 4, 0.1, 6, 7];
    const x = unflatten(template, flat);
    expect(x.b).toEqual([[2, 3], [4]]);
    expect(x.c).toBeInstanceOf(Float32Array);
    expect(x.d.e).toBeInstanceOf(Float64Array);
    expect(flatten(x)).toEqual([1, 2, 3, 4, Math.fround(0.1), 6, 7]);
    expect(() => unflatten(template, [1, 2])).toThrow(RangeError);
    expect(() => unflatten([0, 0, 0], [1, 2])).toThrow(RangeError);
    const vector = [0, 0];
    expect(unflatten(vector, [1, 2])).toEqual([1, 2]);
    expect(unflatten(vector, new Float64Array([3, 4]))).toEqual([3, 4]);
    for (const entry of catalog) {
      const [p] = samplePoints(entry, 1);
      expect(flatten(unflatten(p, flatten(p)))).toEqual(flatten(p));
    }
  });
});

describe('baselines', () => {
  const f = (x: number[]) => x.reduce((s, v) => s + v * v * v, 0);
  const x = [0.5, -1.25, 2];
  const exact = x.map((v) => 3 * v * v);

  it('seedRecipe and fixedStep: central differences, 2 evaluations a coordinate, x left alone', () => {
    for (const [numeric, step] of [
      [seedRecipe, 1e-7],
      [fixedStep, 1e-6],
    ] as const) {
      const res = numeric(f, x, step);
      expect(res.evaluations).toBe(2 * x.length);
      for (const [i, n] of res.numeric.entries()) expect(n).toBeCloseTo(exact[i]!, 6);
      expect(x).toEqual([0.5, -1.25, 2]);
    }
  });

  it("the course's difference and verdict, and PyTorch's allclose rule", () => {
    expect(seedDifference([3, 4], [3, 4])).toBe(0);
    expect(seedDifference([1, 0], [0, 1])).toBeCloseTo(Math.SQRT2 / 2, 15);
    expect(seedVerdict([1, 1], [1, 1 + 1e-8])).toBe(true);
    expect(seedVerdict([1, 1], [1, 1 + 1e-6])).toBe(false);
    expect(Number.isNaN(seedDifference([0, 0], [0, 0]))).toBe(true);
    expect(seedVerdict([0, 0], [0, 0])).toBe(false);
    expect(pytorchLikeVerdict([1, 0], [1.0009, 9e-6])).toBe(true);
    expect(pytorchLikeVerdict([1, 0], [1.0009, 2e-5])).toBe(false);
    expect(pytorchLikeVerdict([1], [1.01], { rtol: 1e-1 })).toBe(true);
    expect(pytorchLikeVerdict([Number.POSITIVE_INFINITY], [Number.POSITIVE_INFINITY])).toBe(true);
    expect(pytorchLikeVerdict([Number.NaN], [Number.NaN])).toBe(false);
  });
});
