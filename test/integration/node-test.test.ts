/**
 * Runs `node --test` on a fixture that uses the standalone `expect` package with
 * `expect.extend(matchers)` from 'gradcheck/jest', and checks the failure a user sees.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { expectDictFailure } from './expectations.js';
import { ensureBuilt, fixtures, linkPackage, type Run, run, section } from './runners.js';

let node: Run;

beforeAll(() => {
  ensureBuilt();
  linkPackage();
  // TAP prints each failure once, as the error's message (the spec reporter adds expect's matcherResult).
  node = run(['--test', '--test-reporter=tap', join(fixtures, 'node-test/expect.test.mjs')]);
});

describe('the standalone expect package under node:test', () => {
  test('exits 1, with 3 passing tests and 1 failing', () => {
    expect(node.status, node.output).toBe(1);
    expect(node.output).toMatch(/^# pass 3$/m);
    expect(node.output).toMatch(/^# fail 1$/m);
  });

  test('a wrong backprop of a parameter dict: the message carries the table and the diff', async () => {
    const text = section(node.output, 'not ok 4 - FAIL wrong backprop of a parameter dict', /^\s+code: /);
    await expectDictFailure(text);
    expect(text).toContain('- Expected (analytic gradient)');
  });
});
