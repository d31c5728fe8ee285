/**
 * An async check that its test does not await must fail that test, not pass it and surface later as an
 * unhandled rejection blamed on another test. Runs real Vitest and Jest processes on
 * test/fixtures/runners/unawaited and checks what a user sees.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { changedLines, fixtures, vitestAndJest } from './runners.js';

const [vitest, jest] = vitestAndJest(join(fixtures, 'unawaited'), 'unawaited');

const runners = [
  {
    ...vitest,
    failed: (name: string) => new RegExp(`^\\s+× ${name}`, 'm'),
    passed: (name: string) => new RegExp(`^\\s+✓ ${name}`, 'm'),
    totals: /Tests {2}2 failed \| 3 passed \(5\)/,
  },
  {
    ...jest,
    failed: (name: string) => new RegExp(`^\\s+✕ ${name}`, 'm'),
    passed: (name: string) => new RegExp(`^\\s+✓ ${name}`, 'm'),
    totals: /Tests: +2 failed, 3 passed, 5 total/,
  },
];

const ADVICE =
  'expect(f).toHaveGradient(gradient) was not awaited. f or the derivative is async, so the check returns a Promise, and the test ended before it settled. Write `await expect(f).toHaveGradient(gradient)`.';

for (const runner of runners) {
  describe(`un-awaited async checks in a real ${runner.name} run`, () => {
    test('the tests that forgot await fail, and only they: the awaited ones and the test after them pass', () => {
      const { status, output } = runner.output();
      expect(status, output).toBe(1);
      expect(output).toMatch(runner.totals);
      expect(output).toMatch(runner.failed('FAIL unawaited wrong async gradient'));
      expect(output).toMatch(runner.failed('FAIL unawaited correct async gradient'));
      for (const name of [
        'awaited async gradient',
        'awaited later, after other work',
        'a later synchronous test',
      ])
        expect(output).toMatch(runner.passed(name));
      expect(output).not.toMatch(/Unhandled|unhandled/);
    });

    test("a wrong gradient's failure says to await, then shows the check's own table and diff", () => {
      const text = runner.failure('FAIL unawaited wrong async gradient');
      expect(text).toContain(ADVICE);
      expect(text).toContain('gradcheck awaited the check at the end of the test instead; it failed:');
      expect(text).toMatch(/gradient check failed: the only coordinate disagrees in sample 1 of 3/);
      expect(text).toMatch(/^\s+x +1 +-0\.664109 +0\.519879 +0\.514732 /m);
      expect(text).toContain('reproduce: sample 1 of 3, rerun with { seed: 3 } or GRADCHECK_SEED=3');
      expect(changedLines(text)).toEqual([
        ['-', 'x', '0.519879149518821'],
        ['+', 'x', '0.5147318312069034'],
      ]);
      // The code frame is the user's expect(...) line, not a frame inside gradcheck.
      expect(text).toMatch(/\d+ ?\|\s+expect\(fx\.asyncLoss\)\.toHaveGradient\(fx\.asyncWrongGrad/);
    });

    test('a correct gradient that is not awaited fails too, and says that it passed', () => {
      const text = runner.failure('FAIL unawaited correct async gradient');
      expect(text).toContain(ADVICE);
      expect(text).toContain('it passed, but a check that is not awaited cannot fail its test.');
      expect(text).not.toContain('gradient check failed');
    });
  });
}
