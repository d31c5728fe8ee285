/**
 * Bug patterns (Report.patterns): each shape of a backprop bug, planted into the course's network, is
 * named with its evidence, and its failure text is snapshotted; bugs without a shape, and the correct
 * gradient, name none (a wrong name is worse than none); the block counts and the table's ratio column.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
// @ts-expect-error TS7016: the example is plain JavaScript, with JSDoc types
import { backprop, cost, initParams } from '../examples/network/network.mjs';
import { checkGradient, formatReport, type Report } from '../src/index.js';

type Matrix = number[][];
type Params = Record<'W1' | 'b1' | 'W2' | 'b2' | 'W3' | 'b3', Matrix>;
const f = cost as (p: Params) => number;
const grad = backprop as (p: Params) => Params;
const params = (initParams as (seed: number) => Params)(101);
const map = (m: Matrix, fn: (v: number, i: number, j: number) => number) =>
  m.map((r, i) => r.map((v, j) => fn(v, i, j)));
const mapAll = (g: Params, fn: (v: number) => number) =>
  Object.fromEntries(Object.entries(g).map(([k, m]) => [k, map(m, fn)])) as Params;

const check = (gradient: (p: Params) => Params, loss = f) =>
  checkGradient(loss, gradient, { points: [params] });
const kinds = (report: Report) => (report.patterns ?? []).map((p) => [p.kind, p.blocks.join(' ')]);

const PLANTS: Array<[string, (p: Params) => Params, string, string, ((p: Params) => number)?]> = [
  ['factor', (p) => ({ ...grad(p), W2: map(grad(p).W2, (v) => 2 * v) }), 'factor', 'W2'],
  ['batch', (p) => mapAll(grad(p), (v) => v / 3), 'factor', 'W1 b1 W2 b2 W3 b3'],
  ['sign', (p) => mapAll(grad(p), (v) => -v), 'sign', 'W1 b1 W2 b2 W3 b3'],
  ['zeros', (p) => ({ ...grad(p), b2: map(grad(p).b2, () => 0) }), 'zeros', 'b2'],
  [
    'shift',
    (p) => ({ ...grad(p), b1: grad(p).b1.map((_, i, b) => [b[(i + 1) % b.length]![0]!]) }),
    'shift',
    'b1',
  ],
  [
    'swap',
    (p) => ({ ...grad(p), b2: grad(p).W3[0]!.map((v) => [v]), W3: [grad(p).b2.map((r) => r[0]!)] }),
    'swap',
    'b2 W3',
  ],
  ['l2', grad, 'l2', 'W1', (p) => f(p) + (0.01 / 2) * p.W1.flat().reduce((s, v) => s + v * v, 0)],
];

describe('bug patterns in the course network', () => {
  test.each(
    PLANTS,
  )('%s: named, with its evidence, and its failure text snapshotted', async (name, g, kind, blocks, loss) => {
    const report = check(g, loss);
    expect(report.pass).toBe(false);
    expect(kinds(report)).toEqual([[kind, blocks]]);
    await expect(formatReport(report)).toMatchFileSnapshot(`./__golden__/pattern-${name}.txt`);
  });

  test('the fitted constants are the values a user wrote', () => {
    expect(check(PLANTS[0]![1]).patterns![0]).toMatchObject({ value: 2, explained: 15, entries: 15 });
    expect(check(PLANTS[1]![1]).patterns![0]!.value).toBe(1 / 3);
    expect(check(PLANTS[1]![1]).patterns![0]!.message).toContain('every entry is 1/3 × the numeric value');
    expect(check(PLANTS[6]![1], PLANTS[6]![4]).patterns![0]!.value).toBeCloseTo(-0.01, 8);
  });

  test('the correct gradient names none', () => {
    const report = check(grad);
    expect(report.pass).toBe(true);
    expect(report.patterns).toBeUndefined();
  });

  test('bugs without a shape name none: a wrong name is worse than none', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('W1', 'b1', 'W2', 'b2', 'W3') as fc.Arbitrary<keyof Params>,
        fc.nat(20),
        fc.double({ min: 1e-3, max: 0.5, noNaN: true }),
        (block, at, delta) => {
          const cells = grad(params)[block].flat();
          const k = at % cells.length;
          // A dead unit's exact 0 stays 0 when scaled: no bug there to name.
          fc.pre(cells[k] !== 0);
          const wrong = (p: Params) => {
            const g = grad(p);
            return {
              ...g,
              [block]: map(g[block], (v, i, j) => (i * g[block][0]!.length + j === k ? v * (1 + delta) : v)),
            };
          };
          const report = check(wrong);
          return !report.pass && report.patterns === undefined;
        },
      ),
      { numRuns: 25 },
    );
  });

  // Student-t's ν at 1.6e8, wrong, next to μ and log σ near 1: one wrong entry fits a λ of its own, and
  // the others, near 0 in λ·x next to it, agreed with that λ too.
  test('one wrong entry at a large |x| is no L2 term: a relation needs two entries that disagree', () => {
    const f = (x: number[]) => x[0]! ** 2 + x[1]! ** 2 + 1e-8 * x[2]!;
    const report = checkGradient(f, (x: number[]) => [2 * x[0]!, 2 * x[1]!, 4e-8], {
      points: [[0.5, -0.3, 1.6e8]],
    });
    expect(report.pass).toBe(false);
    expect(report.patterns).toBeUndefined();
    // An extra L2 term over every entry is still named, in words that read.
    const extra = checkGradient(f, (x: number[]) => [2.01 * x[0]!, 2.01 * x[1]!, 1e-8 + 0.01 * x[2]!], {
      points: [[0.5, -0.3, 1]],
    });
    expect(extra.patterns?.[0]?.message).toContain('the gradient has an extra L2 term 0.01·x');
  });

  test('blocks: how many entries of each disagree, before the table, whose ratio column shows the factor', () => {
    const report = check(PLANTS[0]![1]);
    // Doubling an exact 0 (a dead unit's) leaves it right: those entries of W2 still agree.
    const wrongInW2 = grad(params)
      .W2.flat()
      .filter((v) => v !== 0).length;
    expect(report.blocks).toEqual([
      { name: 'W1', disagree: 0, entries: 20 },
      { name: 'b1', disagree: 0, entries: 5 },
      { name: 'W2', disagree: wrongInW2, entries: 15 },
      { name: 'b2', disagree: 0, entries: 3 },
      { name: 'W3', disagree: 0, entries: 3 },
      { name: 'b3', disagree: 0, entries: 1 },
    ]);
    const text = formatReport(report);
    expect(text).toContain(
      `  blocks: W1: 0 of 20 entries disagree; b1: 0 of 5; W2: ${wrongInW2} of 15; b2: 0 of 3; W3: 0 of 3; b3: 0 of 1`,
    );
    expect(text.indexOf('blocks:')).toBeLessThan(text.indexOf('  coordinate '));
    expect(text).toMatch(/^ {2}coordinate +x +analytic +numeric +ratio +error +allowed$/m);
    expect(text).toMatch(/^ {2}W2\[\d\]\[\d\] .* 2 +\S+ +\S+$/m);
  });
});

describe('the table', () => {
  test('prints x with enough digits to tell the point apart, and groups each coordinate’s samples', () => {
    const report = checkGradient(
      (z: number[]) => z[0]! * z[1]!,
      () => [0, 0],
      {
        points: [
          [1e6 + 0.3, 2],
          [1e6 + 0.7, 3],
        ],
      },
    );
    const rows = formatReport(report)
      .split('\n')
      .filter((l) => /^ {2}x\[\d\] /.test(l));
    const paths = rows.map((r) => r.trim().split(/\s+/)[0]);
    expect(paths.slice(0, 2)).toEqual([paths[0], paths[0]]);
    expect(paths.slice(2)).toEqual([paths[2], paths[2]]);
    expect(new Set(paths).size).toBe(2);
    expect(rows.filter((r) => r.startsWith('  x[0] ')).join('\n')).toContain('1000000.3');
  });
});

describe('summaries that fit a wide bug', () => {
  test('directional mode says "at least", and places a bug too wide to name by block', () => {
    const like = {
      W1: Array.from({ length: 20 }, () => new Array<number>(20).fill(0)),
      b1: new Array<number>(100).fill(0),
    };
    type P = typeof like;
    const loss = (p: P) =>
      p.W1.flat().reduce((s, v) => s + Math.sin(v), 0) + p.b1.reduce((s, v) => s + v * v, 0);
    const wrong = (p: P) => ({
      W1: p.W1.map((r) => r.map((v) => 2 * Math.cos(v))),
      b1: p.b1.map((v) => 2 * v),
    });
    const report = checkGradient(loss, wrong, { like, mode: 'directional' });
    const text = formatReport(report);
    expect(text).toMatch(
      /^gradient check failed: at least 10 of 500 coordinates disagree \(localization stops at 10 a sample\)/,
    );
    expect(report.samples[0]!.localization!.blocks).toEqual([
      { name: 'W1', disagrees: true },
      { name: 'b1', disagrees: false },
    ]);
    expect(text).toContain('  blocks, along a failing direction of sample 1: W1: disagrees; b1: agrees');
  });

  test('a check with `like` says that its values were not used, and how to check at them', () => {
    const like = [0.5, -1];
    const note =
      'note: the points were drawn at random in the shape of `like` (its values are not used); to check at these values, give { points: [params] }';
    const sumSquares = (z: number[]) => z[0]! ** 2 + z[1]! ** 2;
    const twice = (z: number[]) => z.map((v) => 2 * v);
    expect(formatReport(checkGradient(sumSquares, twice, { like }))).toContain(note);
    expect(formatReport(checkGradient(sumSquares, twice, { points: [like] }))).not.toContain(note);
    // `args` is drawn in the shape of its templates too, but the user gave no `like` to be misled by.
    const product = (a: number[], b: number[]) => a[0]! * b[0]!;
    const parts = (a: number[], b: number[]) => [[b[0]!], [a[0]!]];
    expect(formatReport(checkGradient(product, parts, { args: [[0], [0]] }))).not.toContain(note);
  });
});

describe('a transposed square block', () => {
  test('is named, and its failure text snapshotted', async () => {
    const like = {
      W: [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
      b: [0, 0, 0],
    };
    type P = typeof like;
    const u = [0.3, -1.2, 0.7];
    // f = Σ_i tanh(Σ_j W[i][j]·u[j] + b[i]): dW[i][j] = (1 − t_i²)·u[j], not symmetric in i, j.
    const loss = (p: P) =>
      p.W.reduce((s, row, i) => s + Math.tanh(row.reduce((a, w, j) => a + w * u[j]!, p.b[i]!)), 0);
    const gradient = (p: P) => {
      const d = p.W.map((row, i) => 1 - Math.tanh(row.reduce((a, w, j) => a + w * u[j]!, p.b[i]!)) ** 2);
      return { W: d.map((di) => u.map((uj) => di * uj)), b: d };
    };
    const transposed = (p: P) => {
      const g = gradient(p);
      return { ...g, W: g.W[0]!.map((_, j) => g.W.map((row) => row[j]!)) };
    };
    const report = checkGradient(loss, transposed, { like, seed: 5 });
    expect(kinds(report)).toEqual([['transpose', 'W']]);
    await expect(formatReport(report)).toMatchFileSnapshot('./__golden__/pattern-transpose.txt');
    expect(checkGradient(loss, gradient, { like, seed: 5 }).pass).toBe(true);
  });
});
