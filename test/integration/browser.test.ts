/**
 * Runs a real `vitest run` in Vitest's browser mode, in a headless system Chromium, on
 * test/fixtures/runners/browser, where a setup file imports 'gradcheck/vitest' from the built package,
 * and checks what a user sees; then the same fixture under plain Vitest in Node, for the seed line.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Report } from 'gradcheck';
import { beforeAll, describe, expect, test } from 'vitest';
import * as expected from './expectations.js';
import { changedLines, ensureBuilt, fixtures, linkPackage, type Run, run, section } from './runners.js';

/** The Chromium the fixture's config launches, found the same way: CHROMIUM_PATH, then PATH. */
function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  return dirs
    .flatMap((dir) => ['chromium', 'chromium-browser'].map((name) => join(dir, name)))
    .find((path) => existsSync(path));
}

type Net = { W1: number[][]; b1: number[] };
const fx = createRequire(import.meta.url)(join(fixtures, 'functions.cjs')) as {
  params: Net;
  net: (p: Net) => number;
  wrongBackprop: (p: Net) => Net;
  asyncLoss: (x: number) => Promise<number>;
  asyncWrongGrad: (x: number) => Promise<number>;
};

const root = join(fixtures, 'browser');
let browser: Run;
let node: Run;
/** One failing test's block of the browser run, without the colours the page adds whatever NO_COLOR says. */
const failure = (name: string, of: Run = browser) =>
  section(stripVTControlCharacters(of.output), `> failing > ${name}`, /⎯⎯⎯\[\d+\/\d+\]⎯/);

/**
 * Every line of the report as Node formats it is shown, but the reproduce line only offers
 * `{ seed }`: a browser has no `process`, so `GRADCHECK_SEED` could not reach the check there.
 */
function expectShownInBrowser(text: string, report: Report, formatted: string): void {
  expect(report.pass).toBe(false);
  const shown = text.split('\n').map((line) => line.trim());
  for (const line of formatted.split('\n').map((l) => l.trim())) {
    if (line === '') continue;
    if (line.startsWith('reproduce: ')) expect(shown).toContain(line.split(' or GRADCHECK_SEED=')[0]);
    else expect(text).toContain(line);
  }
  expect(text).not.toContain('GRADCHECK_SEED');
}

beforeAll(() => {
  if (findChromium() === undefined) {
    throw new Error(
      'Vitest browser mode needs a Chromium, and none was found (CHROMIUM_PATH, or chromium or ' +
        'chromium-browser on PATH). Install it: apt-get install chromium (Debian/Ubuntu), or set CHROMIUM_PATH.',
    );
  }
  ensureBuilt();
  linkPackage();
  const vitest = ['node_modules/vitest/vitest.mjs', 'run', '--root', root];
  browser = run(vitest);
  node = run([...vitest, '--browser.enabled=false']);
});

describe('gradcheck/vitest in Vitest browser mode, in a real Chromium', () => {
  test('runs in Chromium: the passing checks pass, the failing ones fail, and the summary counts them', () => {
    const out = stripVTControlCharacters(browser.output);
    expect(browser.status, out).toBe(1);
    expect(out).toMatch(/✓ \|chromium\| passing\.test\.mjs \(3 tests\)/);
    expect(out).toMatch(/❯ \|chromium\| failing\.test\.mjs \(3 tests \| 3 failed\)/);
    expect(out).toMatch(/Test Files {2}1 failed \| 1 passed \(2\)/);
    expect(out).toMatch(/Tests {2}3 failed \| 3 passed \(6\)/);
  });

  test('a wrong backprop of a parameter dict: its table, and the diff Vitest renders from expected/actual', async () => {
    const { checkGradient, formatReport } = await import('gradcheck');
    const report = checkGradient(fx.net, fx.wrongBackprop, { like: fx.params, samples: 2, seed: 7 });
    const text = failure('FAIL wrong backprop of a parameter dict');
    expectShownInBrowser(text, report, formatReport(report));
    expect(text).toContain('expect(f).toHaveGradient(gradient)');
    expect(text).toMatch(/^\s*coordinate\s+sample\s+x\s+analytic\s+numeric\s+ratio\s+error\s+allowed$/m);
    expect(text).toMatch(/^\s*b1\[1\]\s+1\s+\S+\s+-2\s+\S+/m);
    expect(text).toMatch(/^\s*W1\[1\]\[0\]\s+2\s/m);
    // The diff shows once, as Vitest's own, with -/+ lines for the two wrong coordinates at sample 1.
    expect(text.match(/^- Expected$/gm)).toHaveLength(1);
    expect(text).toMatch(/^\+ Received$/m);
    const sample = report.samples.find((s) => s.index === 1)!;
    const at = (path: string) => sample.coordinates.find((c) => c.path === path)!;
    expect(changedLines(text).sort()).toEqual(
      [
        ['-', 'W1[1][0]', String(at('W1[1][0]').analytic)],
        ['+', 'W1[1][0]', String(at('W1[1][0]').numeric)],
        ['-', 'b1[1]', String(at('b1[1]').analytic)],
        ['+', 'b1[1]', String(at('b1[1]').numeric)],
      ].sort(),
    );
  });

  test('.not on a correct gradient', () =>
    expected.expectNotFailure(failure('FAIL not on a correct gradient')));

  test('an awaited async check', async () => {
    const { checkGradient, formatReport } = await import('gradcheck');
    const report = await checkGradient(fx.asyncLoss, fx.asyncWrongGrad, { seed: 3 });
    const text = failure('FAIL async wrong gradient');
    expectShownInBrowser(text, report, formatReport(report));
    expect(changedLines(text).map(([sign, path]) => `${sign}${path}`)).toEqual(['-x', '+x']);
  });

  test('the reproduce line names GRADCHECK_SEED under Node, where it is read, and not in the browser', () => {
    const seedLine = /^\s*(reproduce: .*)$/m;
    for (const name of ['FAIL wrong backprop of a parameter dict', 'FAIL not on a correct gradient']) {
      const where = name.includes('backprop') ? 'sample 1 of 2, ' : '';
      expect(seedLine.exec(failure(name))?.[1]).toBe(`reproduce: ${where}rerun with { seed: 7 }`);
      expect(seedLine.exec(failure(name, node))?.[1]).toBe(
        `reproduce: ${where}rerun with { seed: 7 } or GRADCHECK_SEED=7`,
      );
    }
    expect(stripVTControlCharacters(browser.output)).not.toContain('GRADCHECK_SEED');
    expect(node.status, node.output).toBe(1);
    expect(node.output).toMatch(/Tests {2}3 failed \| 3 passed \(6\)/);
  });
});
