/**
 * What every runner must print for the shared failing fixtures (test/fixtures/runners/functions.cjs):
 * assertions on one failing test's section of a runner's output, shared by the Vitest, Jest and
 * node:test integration tests. The numbers are recomputed here with the built core, so the test checks
 * that the runner shows the Report, whatever the samples are.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { checkGradient, formatReport } from 'gradcheck';
import { expect } from 'vitest';
import { changedLines, contextLines, fixtures } from './runners.js';

type Net = { W1: number[][]; b1: number[] };
const fx = createRequire(import.meta.url)(join(fixtures, 'functions.cjs')) as {
  params: Net;
  net: (p: Net) => number;
  wrongBackprop: (p: Net) => Net;
};

/** The failing check of the parameter dict, as the fixtures run it. */
export function dictReport() {
  return checkGradient(fx.net, fx.wrongBackprop, { like: fx.params, samples: 2, seed: 7 });
}

/** A wrong backprop of {W1, b1}: W1[1][0] and b1[1] disagree, the table, the seed line and the diff. */
export function expectDictFailure(text: string): void {
  const report = dictReport();
  expect(report.pass).toBe(false);
  expect(text).toContain('expect(f).toHaveGradient(gradient)');
  // The whole formatted report, line by line: summary, table rows, global difference, seed line.
  for (const line of formatReport(report)
    .split('\n')
    .filter((l) => l.trim() !== '')) {
    expect(text).toContain(line.trim());
  }
  expect(text).toContain('gradient check failed: 2 of 8 coordinates disagree in sample 1 of 2');
  expect(text).toMatch(/^\s*b1\[1\]\s+1\s+\S+\s+-2\s+\S+/m); // the analytic b1[1] is the bug's -2
  expect(text).toMatch(/^\s*W1\[1\]\[0\]\s+2\s/m);
  expect(text).toMatch(/global relative difference .*: \d\.\d\de[-+]\d+ \(sample 1;/);
  expect(text).toContain('reproduce: sample 1 of 2, rerun with { seed: 7 } or GRADCHECK_SEED=7');

  // The diff: -/+ lines only for the two wrong coordinates, analytic then numeric, at sample 1.
  const first = report.samples[0]!;
  const coordinate = (path: string) => first.coordinates.find((c) => c.path === path)!;
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
  expect(text).toContain('reproduce: rerun with { seed: 7 } or GRADCHECK_SEED=7');
  expect(changedLines(text)).toEqual([]);
}

export function expectAsyncFailure(text: string): void {
  expect(text).toContain('gradient check failed: 1 of 1 coordinates disagree in sample 1 of 3');
  expect(text).toContain('reproduce: sample 1 of 3, rerun with { seed: 3 } or GRADCHECK_SEED=3');
  expect(changedLines(text).map(([sign, path]) => `${sign}${path}`)).toEqual(['-x', '+x']);
}

export function expectJacobianFailure(text: string): void {
  expect(text).toContain('expect(f).toHaveJacobian(jacobian)');
  expect(text).toContain('Jacobian check failed: 1 of 8 Jacobian entries disagree in sample 1 of 1');
  expect(text).toMatch(/^\s*J\[1, x\[3\]\]\s+\S+\s+2\s+3\s/m);
  const changed = changedLines(text);
  expect(changed.map(([sign, path]) => `${sign}${path}`)).toEqual(['-J[1, x[3]]', '+J[1, x[3]]']);
  expect(changed[0]![2]).toBe('2');
  expect(Number(changed[1]![2])).toBeCloseTo(3, 10);
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

export function expectNaNFailure(text: string): void {
  expect(text).toContain('f returned NaN at the point of sample 1');
  expect(text).toContain('point of sample 1: -0.5');
  expect(text).toContain('reproduce: sample 1 of 1');
  expect(text).not.toContain('Expected');
  expect(changedLines(text)).toEqual([]);
}

export function expectNotWithNaNFailure(text: string): void {
  expect(text).toContain('expect(f).not.toHaveGradient(gradient)');
  expect(text).toContain('expected the gradient to be wrong, but the check could not judge it');
  expect(text).toContain('f returned NaN at the point of sample 1');
  expect(text).toContain('point of sample 1: -0.5');
}

export function expectThrowFailure(text: string): void {
  expect(text).toMatch(/GradcheckEvaluationError: f threw at sample 1 \(seed \d+\)[^\n]*: boom from f/);
}

export function expectManyFailure(text: string): void {
  expect(text).toContain('gradient check failed: 25 of 30 coordinates disagree in sample 1 of 1');
  expect(text).toContain('… and 5 more (showing 20; set maxRows to see more)');
  const changed = changedLines(text);
  expect(changed.filter(([sign]) => sign === '-')).toHaveLength(20);
  expect(changed.filter(([sign]) => sign === '+')).toHaveLength(20);
  expect(text).toContain('"…": "10 more coordinates not shown, 5 of them disagree (see the table)"');
}
