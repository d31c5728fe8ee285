/**
 * Runs a real `jest` on test/fixtures/runners/jest, where `setupFilesAfterEnv` requires 'gradcheck/jest'
 * from the built package, and checks what a user sees. Jest shows only a matcher's message, so the diff
 * is part of it.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import * as expected from './expectations.js';
import { ensureBuilt, fixtures, linkPackage, type Run, runJest, section } from './runners.js';

let jest: Run;
/** One failing test's block: from its "● failing › name" header to the next header or summary. */
const failure = (name: string) =>
  section(jest.output, `● failing › ${name}`, /^\s*● |^(PASS|FAIL) |^Test Suites:/);

beforeAll(() => {
  ensureBuilt();
  linkPackage();
  const dir = join(fixtures, 'jest');
  jest = runJest(dir);
});

describe('gradcheck/jest in a real Jest run', () => {
  test('exits 1, with every passing test passed and every failing test failed', () => {
    expect(jest.status, jest.output).toBe(1);
    expect(jest.output).toMatch(/^PASS .*passing\.test\.cjs$/m);
    expect(jest.output).toMatch(/Tests: +9 failed, 7 passed, 16 total/);
  });

  test('a wrong backprop of a parameter dict: paths, numbers, seed line, and a diff of the two bad coordinates', async () => {
    const text = failure('FAIL wrong backprop of a parameter dict');
    await expected.expectDictFailure(text);
    expect(text).toContain('- Expected (analytic gradient)');
    expect(text).toContain('+ Received (numeric estimate)');
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
