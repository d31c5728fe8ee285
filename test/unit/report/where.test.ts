/**
 * How the text names a sample (src/report/where.ts), and the vector a JVP or VJP sample stores
 * (SampleReport.vector): a product check's samples are (point, random vector) pairs, which the text
 * names as such ("point 1 of 3, vector 2 of 2", not "sample 2 of 6"), printing the vector as well.
 */
import { describe, expect, it } from 'vitest';
import { checkGradient, checkJVP, checkVJP, type Report } from '../../../src/index.js';
import { createMatchers } from '../../../src/matchers/core.js';
import type { MatcherResult } from '../../../src/matchers/types.js';
import {
  pointName,
  sampleList,
  sampleName,
  sampleShortName,
  vectorLines,
} from '../../../src/report/where.js';

/** f: R³ → R², and a VJP whose x[2] has the wrong sign. */
const f = (x: number[]) => [x[0]! * x[1]!, Math.sin(x[2]!)];
const wrongVJP = (x: number[], u: number[]) => [u[0]! * x[1]!, u[0]! * x[0]!, -u[1]! * Math.cos(x[2]!)];
const rightVJP = (x: number[], u: number[]) => [u[0]! * x[1]!, u[0]! * x[0]!, u[1]! * Math.cos(x[2]!)];
/** J·v of f, with the second output's term wrong. */
const wrongJVP = (x: number[], v: number[]) => [v[0]! * x[1]! + x[0]! * v[1]!, 2 * Math.cos(x[2]!) * v[2]!];

const norm = (v: number[]) => Math.hypot(...v);

describe('the vector of a JVP or VJP sample', () => {
  it('is stored per sample: which point, which vector, and the cotangent u in the shape of f', () => {
    const report = checkVJP(f, wrongVJP, { dim: 3, seed: 'where' });
    expect(report.samples).toHaveLength(6);
    expect(report.samples.map((s) => [s.vector?.point, s.vector?.index])).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
      [3, 1],
      [3, 2],
    ]);
    for (const s of report.samples) {
      expect(s.vector).toMatchObject({ points: 3, vectors: 2 });
      const u = s.vector!.value as number[];
      expect(u).toHaveLength(2);
      expect(norm(u)).toBeCloseTo(1, 12);
    }
    // Each (point, vector) its own u; the report stays plain JSON.
    expect(new Set(report.samples.map((s) => JSON.stringify(s.vector!.value))).size).toBe(6);
    expect(JSON.parse(JSON.stringify(report.samples[0]!.vector))).toEqual(report.samples[0]!.vector);
  });

  it('is the cotangent the VJP was called with', () => {
    const seen: number[][] = [];
    const report = checkVJP(
      f,
      (x: number[], u: number[]) => {
        seen.push([...u]);
        return rightVJP(x, u);
      },
      { dim: 3, seed: 'where', samples: 2, vectors: 3 },
    );
    expect(report.pass).toBe(true);
    const stored = report.samples.map((s) => s.vector!.value);
    for (const u of stored) expect(seen).toContainEqual(u);
    expect(report.samples.map((s) => s.vector!.vectors)).toEqual([3, 3, 3, 3, 3, 3]);
  });

  it('is the tangent v of a JVP, in the shape of the input', () => {
    const seen: unknown[] = [];
    const like = { a: [0, 0], b: 0 };
    const g = (x: typeof like) => x.a[0]! * x.a[1]! + x.b;
    const report = checkJVP(
      g,
      (x: typeof like, v: typeof like) => {
        seen.push(structuredClone(v));
        return v.a[0]! * x.a[1]! + x.a[0]! * v.a[1]! + v.b;
      },
      { like, seed: 'where', samples: 1 },
    );
    expect(report.pass).toBe(true);
    expect(report.samples.map((s) => s.vector!.value)).toEqual(seen);
    const v = report.samples[0]!.vector!.value as typeof like;
    expect(Object.keys(v)).toEqual(['a', 'b']);
    expect(norm([...v.a, v.b])).toBeCloseTo(1, 12);
  });

  it('is absent from the samples of other checks', () => {
    const report = checkGradient(
      (x: number[]) => x[0]! * x[0]!,
      (x: number[]) => [2 * x[0]!],
      { dim: 1 },
    );
    expect(report.samples.every((s) => s.vector === undefined)).toBe(true);
  });
});

describe('sampleName and its kin', () => {
  const vjp = checkVJP(f, wrongVJP, { dim: 3, seed: 'where' });
  const gradient = checkGradient(
    (x: number[]) => x[0]! * x[0]!,
    (x: number[]) => [3 * x[0]!],
    { dim: 1 },
  );

  it('names a JVP or VJP sample by its point and vector', () => {
    expect(sampleName(vjp, 1)).toBe('point 1 of 3, vector 1 of 2');
    expect(sampleName(vjp, 4)).toBe('point 2 of 3, vector 2 of 2');
    expect(sampleShortName(vjp, 5)).toBe('point 3, vector 1');
    expect(pointName(vjp, 4)).toBe('point 2 of 3');
  });

  it('names a sample of any other check as before', () => {
    expect(sampleName(gradient, 2)).toBe('sample 2 of 3');
    expect(sampleShortName(gradient, 2)).toBe('sample 2');
    expect(pointName(gradient, 2)).toBe('point of sample 2');
  });

  it('lists samples with their counts, separated by semicolons where names hold a comma', () => {
    const list = [{ index: 2, count: 1 }, { index: 3, count: 4 }, { index: 6 }];
    expect(sampleList(gradient, list)).toBe('sample 2 (1), sample 3 (4), sample 6');
    expect(sampleList(vjp, list)).toBe('point 1, vector 2 (1); point 2, vector 1 (4); point 3, vector 2');
  });

  it('falls back to the sample number for a sample the report does not hold', () => {
    expect(sampleName(vjp, 9)).toBe('sample 9 of 6');
  });
});

describe('vectorLines', () => {
  it('prints the cotangent u of each failed sample of a VJP, 6 significant digits', () => {
    const report = checkVJP(f, wrongVJP, { dim: 3, seed: 'where' });
    expect(report.pass).toBe(false);
    const lines = vectorLines(report);
    expect(lines).toHaveLength(6);
    const u = report.samples[3]!.vector!.value as number[];
    expect(lines[3]).toBe(
      `  cotangent u at point 2 of 3, vector 2 of 2: [${u.map((v) => Number(v.toPrecision(6))).join(', ')}]`,
    );
  });

  it('prints the tangent v of a JVP, its shape kept, and at most maxRows of them', () => {
    const report = checkJVP(f, wrongJVP, { dim: 3, seed: 'where' });
    expect(report.pass).toBe(false);
    const lines = vectorLines(report, 2);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^ {2}tangent v at point 1 of 3, vector 1 of 2: \[-?\d\.\d+, -?\d\.\d+, -?\d\.\d+\]$/,
    );
    expect(lines[2]).toBe('  … and 4 more vectors');
    const like = { w: [0, 0], b: 0 };
    const object = checkJVP(
      (x: typeof like) => x.w[0]! * x.b,
      () => 0,
      { like, seed: 'where', samples: 1, vectors: 1 },
    );
    expect(vectorLines(object)[0]).toMatch(
      /^ {2}tangent v at point 1 of 1, vector 1 of 1: \{ w: \[\S+, \S+\], b: \S+ \}$/,
    );
  });

  it('prints nothing for a check that passed, or one without vectors', () => {
    expect(vectorLines(checkVJP(f, rightVJP, { dim: 3, seed: 'where' }))).toEqual([]);
    const gradient: Report = checkGradient(
      (x: number[]) => x[0]! * x[0]!,
      (x: number[]) => [3 * x[0]!],
      { dim: 1 },
    );
    expect(vectorLines(gradient)).toEqual([]);
  });

  it('cuts a long vector short', () => {
    const big = (x: number[]) => x.map((v) => v * v);
    const report = checkVJP(big, (x: number[], u: number[]) => x.map((v, i) => 3 * v * u[i]!), {
      dim: 100,
      samples: 1,
      vectors: 1,
      seed: 'where',
      mode: 'directional',
    });
    const [line] = vectorLines(report);
    expect(line!.endsWith('…')).toBe(true);
    expect(line!.length).toBeLessThan(300);
  });
});

describe("the matchers' messages", () => {
  const matchers = createMatchers({ diffInMessage: true });
  const ctx = { isNot: false, promise: '' };
  const message = (result: MatcherResult | Promise<MatcherResult>) => (result as MatcherResult).message();

  it('name the sample of the diff by its point and vector', () => {
    const text = message(matchers.toHaveVJP.call(ctx, f, wrongVJP, { dim: 3, seed: 'where' }));
    expect(text).toContain(
      'Diff at point 1 of 3, vector 1 of 2; only the disagreeing coordinates of uᵀJ differ:',
    );
  });

  it('print a point where f failed once, for all its vectors', () => {
    const nanAtFirst = (x: number[]) => [x[0]! > 0 ? Number.NaN : x[0]!, x[1]!];
    const text = message(
      matchers.toHaveVJP.call(ctx, nanAtFirst, (_x: number[], u: number[]) => [u[0]!, u[1]!, 0], {
        points: [
          [0.5, 1, 1],
          [-0.5, 1, 1],
        ],
        seed: 'where',
      }),
    );
    expect(text.split('\n').filter((line) => line.startsWith('  point '))).toEqual([
      '  point 1 of 2: [0.5, 1, 1]',
    ]);
  });
});
