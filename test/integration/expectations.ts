/**
 * What every runner must print for the shared failing fixtures (test/fixtures/runners/functions.cjs):
 * assertions on one failing test's section of a runner's output, shared by the Vitest, Jest and
 * node:test integration tests. Each check is recomputed here with the built core and the fixture's
 * arguments, so the test asserts that the runner shows that Report (every line of `formatReport`, the
 * paths and numbers, the seed line) whatever its wording and samples become.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Report } from 'gradcheck';
import { expect } from 'vitest';
import { changedLines, contextLines, fixtures } from './runners.js';

type Net = { W1: number[][]; b1: number[] };
type Fixtures = {
  params: Net;
  net: (p: Net) => number;
  wrongBackprop: (p: Net) => Net;
  f: (x: number[]) => number[];
  wrongJac: (x: number[]) => number[][];
  asyncLoss: (x: number) => Promise<number>;
  asyncWrongGrad: (x: number) => Promise<number>;
  wide: (x: number[]) => number;
  wideWrong: (x: number[]) => number[];
};
const fx = createRequire(import.meta.url)(join(fixtures, 'functions.cjs')) as Fixtures;

/** The built package, loaded once dist exists (the test files build it in beforeAll when missing). */
const core = () => import('gradcheck');

/** The runner shows the whole formatted report, line by line: summary, table, global difference, seed. */
async function expectReportShown(text: string, report: Report): Promise<void> {
  const { formatReport } = await core();
  expect(report.pass).toBe(false);
  for (const line of formatReport(report).split('\n')) {
    if (line.trim() !== '') expect(text).toContain(line.trim());
  }
}

/** The coordinates of a sample by path. */
function byPath(report: Report, sample: number) {
  const coordinates = report.samples.find((s) => s.index === sample)!.coordinates;
  return (path: string) => coordinates.find((c) => c.path === path)!;
}

/** A wrong backprop of {W1, b1}: W1[1][0] and b1[1] disagree, the table, the seed line and the diff. */
export async function expectDictFailure(text: string): Promise<void> {
  const { checkGradient } = await core();
  const report = checkGradient(fx.net, fx.wrongBackprop, { like: fx.params, samples: 2, seed: 7 });
  await expectReportShown(text, report);
  expect(text).toContain('expect(f).toHaveGradient(gradient)');
  expect(report.samples.map((s) => s.mismatches)).toEqual([2, 2]);
  expect(text).toMatch(/^\s*b1\[1\]\s+1\s+\S+\s+-2\s+\S+/m); // table row: the analytic b1[1] is the bug's -2
  expect(text).toMatch(/^\s*W1\[1\]\[0\]\s+2\s/m);
  expect(text).toMatch(/global relative difference .*: \d\.\d\de[-+]\d+ \(sample 1;/);
  expect(text).toContain('{ seed: 7 }');
  expect(text).toContain('GRADCHECK_SEED=7');

  // The diff: -/+ lines only for the two wrong coordinates, analytic then numeric, at sample 1.
  const coordinate = byPath(report, 1);
  const changed = changedLines(text);
  expect(changed.map(([sign, path]) => `${sign}${path}`).sort()).toEqual(
    ['+W1[1][0]', '+b1[1]', '-W1[1][0]', '-b1[1]'].sort(),
  );
  for (const path of ['W1[1][0]', 'b1[1]']) {
    expect(changed).toContainEqual(['-', path, String(coordinate(path).analytic)]);
    expect(changed).toContainEqual(['+', path, String(coordinate(path).numeric)]);
  }
  // The six coordinates that agree print once, identically, as context.
  const context = contextLines(text);
  expect(context.map(([path]) => path).sort()).toEqual(
    ['W1[0][0]', 'W1[0][1]', 'W1[0][2]', 'W1[1][1]', 'W1[1][2]', 'b1[0]'].sort(),
  );
  for (const [path, value] of context) expect(value).toBe(String(coordinate(path).analytic));
}

export function expectNotFailure(text: string): void {
  expect(text).toContain('expect(f).not.toHaveGradient(gradient)');
  expect(text).toMatch(
    /expected the gradient to be wrong, but all 8 coordinates matched across 3 samples \(max relative error \d\.\d\de-\d+\)/,
  );
  expect(text).toContain('{ seed: 7 }');
  expect(changedLines(text)).toEqual([]);
}

export async function expectAsyncFailure(text: string): Promise<void> {
  const { checkGradient } = await core();
  const report = await checkGradient(fx.asyncLoss, fx.asyncWrongGrad, { seed: 3 });
  await expectReportShown(text, report);
  expect(text).toContain('{ seed: 3 }');
  const changed = changedLines(text);
  expect(changed.map(([sign, path]) => `${sign}${path}`)).toEqual(['-x', '+x']);
  expect(changed[1]![2]).toBe(String(byPath(report, 1)('x').numeric));
}

export async function expectJacobianFailure(text: string): Promise<void> {
  const { checkJacobian } = await core();
  const report = checkJacobian(fx.f, fx.wrongJac, { dim: 4, samples: 1, seed: 11 });
  await expectReportShown(text, report);
  expect(text).toContain('expect(f).toHaveJacobian(jacobian)');
  expect(text).toMatch(/^\s*J\[1, x\[3\]\]\s+\S+\s+2\s+3\s/m);
  const changed = changedLines(text);
  expect(changed.map(([sign, path]) => `${sign}${path}`)).toEqual(['-J[1, x[3]]', '+J[1, x[3]]']);
  expect(changed[0]![2]).toBe('2');
  expect(changed[1]![2]).toBe(String(byPath(report, 1)('J[1, x[3]]').numeric));
  // Agreeing entries are context (Vitest may fold those far from the change, Jest shows all 7).
  const context = contextLines(text).map(([path]) => path);
  expect(context.length).toBeGreaterThanOrEqual(5);
  expect(context).not.toContain('J[1, x[3]]');
}

export function expectNotAFunction(text: string): void {
  expect(text).toContain('expect(f).toHaveGradient(gradient)');
  expect(text).toContain('received value must be a function');
  expect(text).toContain('Received has value: 42');
}

/** The core's own words for log(-0.5), so the test follows its wording. */
async function nanProblem(): Promise<string> {
  const { checkGradient } = await core();
  const report = checkGradient(
    (x: number) => Math.log(x),
    (x: number) => 1 / x,
    { points: [-0.5] },
  );
  expect(report.problems.map((p) => p.kind)).toEqual(['nonfinite-value']);
  return report.problems[0]!.message;
}

export async function expectNaNFailure(text: string): Promise<void> {
  const problem = await nanProblem();
  expect(problem).toMatch(/returned NaN/);
  expect(text).toContain(problem);
  expect(text).toContain('point of sample 1: -0.5');
  expect(text).not.toContain('Expected');
  expect(changedLines(text)).toEqual([]);
}

export async function expectNotWithNaNFailure(text: string): Promise<void> {
  expect(text).toContain('expect(f).not.toHaveGradient(gradient)');
  expect(text).toContain('expected the gradient to be wrong, but the check could not judge it');
  expect(text).toContain(await nanProblem());
  expect(text).toContain('point of sample 1: -0.5');
}

export function expectThrowFailure(text: string): void {
  expect(text).toMatch(/GradcheckEvaluationError: f threw at sample 1 \(seed \d+\)[^\n]*: boom from f/);
}

export async function expectManyFailure(text: string): Promise<void> {
  const { checkGradient } = await core();
  const report = checkGradient(fx.wide, fx.wideWrong, { dim: 30, samples: 1, seed: 5 });
  await expectReportShown(text, report);
  expect(report.samples[0]!.mismatches).toBe(25);
  expect(text).toMatch(/… and 5 more/); // the table stops at 20 rows
  const changed = changedLines(text);
  expect(changed.filter(([sign]) => sign === '-')).toHaveLength(20);
  expect(changed.filter(([sign]) => sign === '+')).toHaveLength(20);
  expect(text).toContain('"…": "10 more coordinates not shown, 5 of them disagree (see the table)"');
}
