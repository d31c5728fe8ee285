/**
 * Runs a real `bun test` on test/fixtures/runners/bun, whose test files import 'gradcheck/bun' from the
 * built package, and checks what a user sees. Bun prints only a matcher's message (it ignores
 * `expected`/`actual`), so the diff is part of it, and Bun's `this.utils` lacks most of Jest's
 * utilities, so the message renders with gradcheck's plain-text ones.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import * as expected from './expectations.js';
import { changedLines, ensureBuilt, fixtures, linkPackage, type Run, repo } from './runners.js';

const BUN = join(repo, 'node_modules/.bin/bun');
const fx = createRequire(import.meta.url)(join(fixtures, 'functions.cjs')) as {
  asyncLoss: (x: number) => Promise<number>;
  asyncWrongGrad: (x: number) => Promise<number>;
};

/** `bun test` on one fixture directory, from the repository root, as CI would: no colours, no seed override. */
function bunTest(dir: string): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true' };
  delete env.GRADCHECK_SEED;
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  delete env.NODE_OPTIONS;
  // A trailing slash makes the argument a path, not a filter that also matches bun-wrong-entry/.
  const result = spawnSync(BUN, ['test', `./test/fixtures/runners/${dir}/`], {
    cwd: repo,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

let bun: Run;

/**
 * One failing test's report: Bun prints a code frame of the failing line, then the error, then
 * `(fail) failing > name`. The code frame repeats the test's source (its options, its seed), so the
 * block starts at the error line, where what the matcher printed begins.
 */
function failure(name: string): string {
  const lines = bun.output.split('\n');
  const end = lines.findIndex((line) => line.startsWith(`(fail) failing > ${name} `));
  if (end < 0) throw new Error(`no failed test "${name}" in the output:\n${bun.output}`);
  let previous = end - 1; // the line that ends the block before: a test's verdict or a file's name
  while (previous >= 0 && !/^\((pass|fail|skip)\) |^\S.*\.ts:$/.test(lines[previous]!)) previous--;
  const block = lines.slice(previous + 1, end);
  const start = block.findIndex((line) => /^(error: |\w*Error: )/.test(line));
  if (start < 0) throw new Error(`no error for "${name}" in:\n${block.join('\n')}`);
  return block.slice(start).join('\n');
}

beforeAll(() => {
  ensureBuilt();
  linkPackage();
  bun = bunTest('bun');
});

describe('gradcheck/bun in a real bun test run', () => {
  test('exits 1, with every passing test passed and every failing test failed', () => {
    expect(bun.status, bun.output).toBe(1);
    expect(bun.output).not.toMatch(/\(fail\) passing > /);
    expect(bun.output.match(/^\(pass\) passing > /gm)).toHaveLength(7);
    expect(bun.output.match(/^\(fail\) failing > /gm)).toHaveLength(10);
    expect(bun.output).toMatch(/^ 7 pass$/m);
    expect(bun.output).toMatch(/^ 10 fail$/m);
    // What Bun's own utilities lack must not surface as a crash of the message.
    expect(bun.output).not.toMatch(/TypeError|is not a function\. \(In /);
  });

  test('an async check the test does not await still fails that test, with its table', () => {
    const text = failure('FAIL unawaited async wrong gradient');
    expect(text).toMatch(/gradient check failed: the only coordinate disagrees in sample 1 of 3/);
    expect(text).toContain('reproduce: sample 1 of 3, rerun with { seed: 3 } or GRADCHECK_SEED=3');
  });

  test('a wrong backprop of a parameter dict: paths, numbers, seed line, and a diff of the two bad coordinates', async () => {
    const text = failure('FAIL wrong backprop of a parameter dict');
    await expected.expectDictFailure(text);
    expect(text).toContain('- Expected (analytic gradient)');
    expect(text).toContain('+ Received (numeric estimate)');
  });

  test("Bun's header names the matcher that was called", () => {
    const text = failure('FAIL wrong backprop of a parameter dict');
    expect(text.split('\n')[0]).toBe('error: expect(received).toHaveGradient(gradient, ...options)');
    expect(failure('FAIL wrong Jacobian entry').split('\n')[0]).toBe(
      'error: expect(received).toHaveJacobian(jacobian, ...options)',
    );
  });

  test('.not on a correct gradient', () =>
    expected.expectNotFailure(failure('FAIL not on a correct gradient')));
  test('async f and gradient, awaited', async () => {
    // Not expectAsyncFailure: JavaScriptCore's Math.exp differs from V8's in the last digits, so the
    // values agree with Node's only to rounding, not digit for digit.
    const text = failure('FAIL async wrong gradient');
    const { checkGradient, formatReport } = await import('gradcheck');
    const report = await checkGradient(fx.asyncLoss, fx.asyncWrongGrad, { seed: 3 });
    const [summary = '', ...table] = formatReport(report).split('\n');
    expect(text).toContain('expect(f).toHaveGradient(gradient)');
    expect(text).toContain(summary);
    for (const row of table.filter((line) => /^\s+x\s/.test(line))) expect(text).toContain(row.trim());
    expect(text).toContain('reproduce: sample 1 of 3, rerun with { seed: 3 } or GRADCHECK_SEED=3');
    const changed = changedLines(text);
    expect(changed.map(([sign, path]) => `${sign}${path}`)).toEqual(['-x', '+x']);
    const x = report.samples[0]!.coordinates[0]!;
    expect(Number(changed[0]![2])).toBeCloseTo(x.analytic, 12);
    expect(Number(changed[1]![2])).toBeCloseTo(x.numeric, 9);
  });
  test('a wrong Jacobian entry', () => expected.expectJacobianFailure(failure('FAIL wrong Jacobian entry')));

  test('a received value that is not a function', () => {
    const text = failure('FAIL received is not a function');
    expected.expectNotAFunction(text);
    // Bun's RECEIVED_COLOR quotes its text; a colour must only colour it.
    expect(text).toContain('Matcher error: received value must be a function');
  });

  test('f returning NaN', async () => {
    const text = failure('FAIL f returns NaN');
    await expected.expectNaNFailure(text);
    expect(text).toMatch(/^ {2}problem: f returned NaN/m);
  });
  test('.not with f returning NaN fails too', () =>
    expected.expectNotWithNaNFailure(failure('FAIL not with f returning NaN')));
  test('f throwing', () => expected.expectThrowFailure(failure('FAIL f throws')));
  test('more wrong coordinates than a message shows', () =>
    expected.expectManyFailure(failure('FAIL many wrong coordinates')));
});

describe("'gradcheck/vitest' under bun test", () => {
  test("fails with a message that points to 'gradcheck/bun'", () => {
    const wrong = bunTest('bun-wrong-entry');
    expect(wrong.status, wrong.output).toBe(1);
    expect(wrong.output).toContain(
      "error: gradcheck/vitest: this is Bun, which has no Vitest expect to extend. Under `bun test`, import 'gradcheck/bun' instead",
    );
  });
});
