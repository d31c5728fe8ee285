/**
 * Runs a real `vitest run` on test/fixtures/runners/vitest, where a setup file imports
 * 'gradcheck/vitest' from the built package, and checks what a user sees.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import * as expected from './expectations.js';
import { ensureBuilt, fixtures, linkPackage, type Run, run, section } from './runners.js';

let vitest: Run;
/** One failing test's block in the "Failed Tests" part of the output. */
const failure = (name: string) => section(vitest.output, `> failing > ${name}`, /⎯⎯⎯\[\d+\/\d+\]⎯/);

beforeAll(() => {
  ensureBuilt();
  linkPackage();
  vitest = run(['node_modules/vitest/vitest.mjs', 'run', '--root', join(fixtures, 'vitest')]);
});

describe('gradcheck/vitest in a real Vitest run', () => {
  test('exits 1, with every passing test passed and every failing test failed', () => {
    expect(vitest.status, vitest.output).toBe(1);
    expect(vitest.output).toMatch(/✓ passing\.test\.mjs \(7 tests\)/);
    expect(vitest.output).toMatch(/Tests {2}9 failed \| 7 passed \(16\)/);
  });

  test('a wrong backprop of a parameter dict: paths, numbers, seed line, and a diff of the two bad coordinates', async () => {
    const text = failure('FAIL wrong backprop of a parameter dict');
    await expected.expectDictFailure(text);
    // Vitest renders the diff from actual/expected; the message only points at it, so it shows once.
    expect(text.match(/^- Expected$/gm)).toHaveLength(1);
    expect(text).toContain('Diff below, at sample 1 of 2: - Expected is the analytic gradient');
  });

  test('.not on a correct gradient', () =>
    expected.expectNotFailure(failure('FAIL not on a correct gradient')));
  test('async f and gradient', () => expected.expectAsyncFailure(failure('FAIL async wrong gradient')));
  test('a wrong Jacobian entry', () => expected.expectJacobianFailure(failure('FAIL wrong Jacobian entry')));
  test('a received value that is not a function', () =>
    expected.expectNotAFunction(failure('FAIL received is not a function')));
  test('f returning NaN', () => expected.expectNaNFailure(failure('FAIL f returns NaN')));
  test('.not with f returning NaN fails too', () =>
    expected.expectNotWithNaNFailure(failure('FAIL not with f returning NaN')));
  test('f throwing', () => expected.expectThrowFailure(failure('FAIL f throws')));
  test('more wrong coordinates than a message shows', () =>
    expected.expectManyFailure(failure('FAIL many wrong coordinates')));
});
