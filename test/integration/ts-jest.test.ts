/**
 * Runs a real `jest` with ts-jest on test/fixtures/runners/ts-jest: a TypeScript project set up as the
 * README says (setupFilesAfterEnv: ['gradcheck/jest'], and "types" in tsconfig.json for the compiler),
 * with CommonJS and node10 resolution, type-checking on. ts-jest fails a test file that does not
 * compile before any of its tests run, so the passing tests prove that the matcher typings reach Jest's
 * globals and `@jest/globals` alike, for parameters typed by an interface; typo.test.ts proves that a
 * misspelt option is a type error the user sees.
 */
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { loss, params, wrongGrad } from '../fixtures/runners/ts-jest/model.js';
import { ensureBuilt, fixtures, linkPackage, run, runJest, section } from './runners.js';

const dir = join(fixtures, 'ts-jest');
/** What jest printed, without the colours ts-jest puts on its diagnostics whatever NO_COLOR says. */
let output: string;
let status: number | null;

/** One failing test's block: from its "● name" header to the next header or summary. */
const failure = (name: string) => section(output, `● ${name}`, /^\s*● |^(PASS|FAIL) |^Test Suites:/);

beforeAll(() => {
  ensureBuilt();
  linkPackage();
  // No cache: a transform cached from an earlier run would skip type-checking a file.
  const jest = runJest(dir, '--no-cache');
  output = stripVTControlCharacters(jest.output);
  status = jest.status;
});

describe('gradcheck/jest in a real ts-jest run, type-checked', () => {
  test('every test file but typo.test.ts compiles and runs; only the FAIL tests fail', () => {
    expect(status, output).toBe(1);
    const headers = [...output.matchAll(/^ {2}● (.+)$/gm)].map((m) => m[1]).sort();
    expect(headers, output).toEqual([
      'Test suite failed to run',
      'globals › FAIL wrong gradient',
      'imported › FAIL wrong gradient',
    ]);
    expect(output).toMatch(/Tests: +2 failed, 5 passed, 7 total/);
    // The one type error of the run is the misspelt option.
    expect(output.match(/error TS\d+/g)).toEqual(['error TS2769']);
  });

  for (const suite of ['globals', 'imported']) {
    test(`${suite}: a wrong gradient of an interface-typed parameter object prints its report`, async () => {
      const text = failure(`${suite} › FAIL wrong gradient`);
      const { checkGradient, formatReport } = await import('gradcheck');
      const report = checkGradient(loss, wrongGrad, { like: params, samples: 1, seed: 7 });
      expect(report.pass).toBe(false);
      for (const line of formatReport(report).split('\n')) {
        if (line.trim() !== '') expect(text).toContain(line.trim());
      }
      expect(text).toContain('expect(f).toHaveGradient(gradient)');
      expect(text).toContain('gradient check failed: 2 of 8 coordinates disagree in sample 1 of 1');
      // Table rows named by path: b[1] lost a factor (analytic 1), W[1][0] is doubled.
      expect(text).toMatch(/^\s*b\[1\]\s+\S+\s+1\s/m);
      expect(text).toMatch(/^\s*W\[1\]\[0\]\s/m);
      expect(text).toMatch(/^\s*- {3}"b\[1\]": 1,$/m);
      expect(text).toContain('GRADCHECK_SEED=7');
    });
  }

  test('a misspelt option is reported by ts-jest as a type error, and that file runs no test', () => {
    const text = section(output, 'typo.test.ts', /^(PASS|FAIL) |^Test Suites:/);
    expect(text).toContain('● Test suite failed to run');
    expect(text).toMatch(/typo\.test\.ts:5:16 - error TS2769: No overload matches this call\./);
    expect(text).toContain(
      "Object literal may only specify known properties, but 'sampels' does not exist in type " +
        "'MatcherOptions<Params>'. Did you mean to write 'samples'?",
    );
    expect(output).not.toContain('a misspelt option');
  });
});

describe('the setup line ("types": ["jest", "gradcheck/jest"]) outside ts-jest', () => {
  for (const config of ['tsconfig.json', 'tsconfig.node16.json']) {
    test(`tsc -p ${config}: the misspelt option is the only error`, () => {
      const tsc = run(['node_modules/typescript/bin/tsc', '--noEmit', '-p', join(dir, config)]);
      const errors = [...tsc.output.matchAll(/^(\S+)\((\d+),(\d+)\): error (TS\d+)/gm)].map((m) => m[0]);
      expect(errors, tsc.output).toEqual(['test/fixtures/runners/ts-jest/typo.test.ts(5,16): error TS2769']);
      expect(tsc.output).toContain(
        "'sampels' does not exist in type 'MatcherOptions<Params>'. Did you mean to write 'samples'?",
      );
    });
  }
});
