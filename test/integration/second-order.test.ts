/**
 * Runs real Vitest and Jest processes on test/fixtures/runners/second-order, where toHaveHessian,
 * toHaveJVP and toHaveVJP are used through the built package, and checks what a user sees.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { changedLines, fixtures, vitestAndJest } from './runners.js';

const [vitest, jest] = vitestAndJest(join(fixtures, 'second-order'), 'failing');

const runners = [
  { ...vitest, totals: /Tests {2}5 failed \| 2 passed \(7\)/ },
  { ...jest, totals: /Tests: +5 failed, 2 passed, 7 total/ },
];

for (const runner of runners) {
  describe(`second-order matchers in a real ${runner.name} run`, () => {
    test('the correct derivatives pass, .not included, and every failing test fails', () => {
      expect(runner.output().status, runner.output().output).toBe(1);
      expect(runner.output().output).toMatch(runner.totals);
    });

    test('a wrong Hessian entry is named by both coordinates, and only it differs', () => {
      const text = runner.failure('FAIL wrong Hessian entry');
      expect(text).toContain('expect(f).toHaveHessian(hessian)');
      expect(text).toContain('Hessian check failed: 1 of 9 Hessian entries disagree in sample 1 of 1');
      expect(text).toMatch(/^\s*H\[x\[2\], x\[2\]\]\s/m);
      expect(changedLines(text).map(([sign, path]) => `${sign}${path}`)).toEqual([
        '-H[x[2], x[2]]',
        '+H[x[2], x[2]]',
      ]);
      expect(text).toContain('GRADCHECK_SEED=1');
    });

    test('an asymmetric Hessian says so in words', () => {
      const text = runner.failure('FAIL asymmetric Hessian');
      expect(text).toMatch(
        /problem: the analytic Hessian is not symmetric: H\[x\[0\], x\[1\]\] = .* but H\[x\[1\], x\[0\]\] = /,
      );
    });

    test('a wrong JVP names the output', () => {
      const text = runner.failure('FAIL wrong JVP');
      expect(text).toContain('expect(f).toHaveJVP(jvp)');
      expect(text).toContain(
        'JVP check failed: 1 of 2 entries of J·v disagree in point 1 of 1, vector 1 of 1',
      );
      expect(changedLines(text).map(([sign, path]) => `${sign}${path}`)).toEqual([
        '-J·v[y[1]]',
        '+J·v[y[1]]',
      ]);
    });

    test('a wrong VJP is localized to the coordinate of the cotangent', () => {
      const text = runner.failure('FAIL wrong VJP');
      expect(text).toContain(
        'VJP check failed: 1 of 3 coordinates of uᵀJ disagree in point 1 of 1, vector 1 of 1',
      );
      expect(changedLines(text).map(([sign, path]) => `${sign}${path}`)).toEqual(['-x[2]', '+x[2]']);
    });

    test('.not on a correct VJP', () => {
      const text = runner.failure('FAIL not on a correct VJP');
      expect(text).toContain(
        'expected the VJP to be wrong, but all 3 coordinates of uᵀJ matched across 1 sample',
      );
    });
  });
}
