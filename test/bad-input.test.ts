/**
 * The bad-input matrix (test/helpers/bad-input-cases.ts) through every way in: the core, the Vitest
 * matchers and the `expect` package's (Jest's) matchers in-process from src, and a real Vitest run of the
 * built package. Each case must fail loudly (never a silent pass), with a message that names what was
 * expected and what was received, in the words of the function the user called, and a stack that starts
 * at the user's call rather than inside gradcheck.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { expect as standaloneExpect } from 'expect';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  checkGradient,
  checkHessian,
  checkJacobian,
  checkJVP,
  checkVJP,
  EvaluationError,
  formatReport,
  type Report,
} from '../src/index.js';
import { matchers as jestMatchers } from '../src/matchers/jest.js';
import '../src/matchers/vitest.js';
import { ENTRIES, type Kind } from './helpers/bad-input/case.js';
import { type BadInputCase, cases } from './helpers/bad-input-cases.js';
import { ensureBuilt, fixtures, linkPackage, repo, run } from './integration/runners.js';

standaloneExpect.extend(jestMatchers);

/** How a call ended: thrown at once, rejected later, or returned/resolved a value. */
interface Settled {
  sync: boolean;
  error?: unknown;
  value?: unknown;
}

async function settle(body: () => unknown): Promise<Settled> {
  let value: unknown;
  try {
    value = body();
  } catch (error) {
    return { sync: true, error };
  }
  if (!(value instanceof Promise)) return { sync: true, value };
  try {
    return { sync: false, value: await value };
  } catch (error) {
    return { sync: false, error };
  }
}

type Loose = Record<string, (...args: unknown[]) => unknown>;
const matcherName = (c: BadInputCase) => ENTRIES[c.kind].matcher;
const coreName = (c: BadInputCase) => ENTRIES[c.kind].core;
const CORE: Record<Kind, (...args: never[]) => unknown> = {
  gradient: checkGradient,
  jacobian: checkJacobian,
  hessian: checkHessian,
  jvp: checkJVP,
  vjp: checkVJP,
};

/** Stack frames inside gradcheck's own sources or build: a user must never have to read those. */
function internalFrames(error: Error): string[] {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .filter((line) => line.includes(join(repo, 'src/')) || line.includes(join(repo, 'dist/')));
}

function expectSays(text: string, expected: readonly string[]): void {
  // The in-process matchers colour their messages when the runner does.
  const plain = stripVTControlCharacters(text);
  for (const part of expected) expect(plain).toContain(part);
}

/** The checks every error a user sees must pass, whichever way it came. */
function expectCleanError(c: BadInputCase, error: unknown, otherEntry: string): Error {
  expect(error).toBeInstanceOf(Error);
  const e = error as Error;
  expect(internalFrames(e), e.stack).toEqual([]);
  // A message about the call names the function the user called, not another entry point.
  expect(e.message).not.toContain(`${otherEntry}:`);
  if (c.outcome.type === 'throws' && c.outcome.cause !== undefined) {
    expect((e.cause as Error | undefined)?.message).toBe(c.outcome.cause);
  }
  return e;
}

test('the matrix has at least 100 cases, each with a distinct name', () => {
  expect(cases.length).toBeGreaterThanOrEqual(100);
  expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
});

describe('how a message prints the input', () => {
  const boom = () => {
    throw new Error('boom');
  };

  test('a large input is cut short, so that the message stays readable', () => {
    const error = expectThrows(() =>
      checkGradient(boom, boom, { points: [Array.from({ length: 1000 }, (_, i) => i)] }),
    );
    expect(error.message).toMatch(/^f threw at sample 1 \(seed \S+\) on input x = \[0, 1, 2, .*, …\]: boom$/);
    expect(error.message.length).toBeLessThan(260);
  });

  test('object keys print as paths do: identifiers bare, anything else quoted', () => {
    const error = expectThrows(() => checkGradient(boom, boom, { points: [{ w: [0.5], 'a b': 2 }] }));
    expect(error.message).toContain('on input { w: [0.5], "a b": 2 }: boom');
  });
});

function expectThrows(body: () => unknown): Error {
  try {
    body();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('through the core', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const check = CORE[c.kind] as (...args: unknown[]) => unknown;
    const settled = await settle(() => check(c.f, c.derivative, ...c.args));
    expect(settled.sync, 'thrown at the call unless the mistake shows only in a Promise').toBe(
      c.async !== true,
    );
    const entry = coreName(c);
    if (c.outcome.type === 'throws') {
      const error = expectCleanError(c, settled.error, matcherName(c));
      expect(error.name).toBe(c.outcome.name);
      if (c.outcome.name === 'TypeError') expect(error).toBeInstanceOf(TypeError);
      else expect(error).toBeInstanceOf(EvaluationError);
      expect(error.message).toMatch(
        /^gradcheck: |^(f|the gradient|the Jacobian|the Hessian|the JVP|the VJP|the `gradient` option) (threw|rejected|did not settle) /,
      );
      expectSays(error.message, c.says(entry));
      return;
    }
    expect(settled.error).toBeUndefined();
    const report = settled.value as Report;
    expect(report.pass).toBe(false);
    // A mismatch is no problem of the function: it is a coordinate that disagrees.
    if (c.outcome.problem === 'mismatch') expect(report.samples.some((s) => s.mismatches > 0)).toBe(true);
    else expect(report.problems.map((p) => p.kind)).toContain(c.outcome.problem);
    expectSays(formatReport(report), c.says(entry));
  });
});

/** Runs a case through a matcher of `expect(f)` and checks what the user would read. */
async function throughMatcher(c: BadInputCase, assertion: Loose, isAssertionError: (e: Error) => boolean) {
  const settled = await settle(() => assertion[matcherName(c)]!(c.derivative, ...c.args));
  expect(settled.error, 'a bad input must never pass').toBeDefined();
  const error = expectCleanError(c, settled.error, coreName(c));
  const expected = c.matcherSays ?? c.says(matcherName(c));
  expectSays(error.message, expected);
  // The runner colours the hint when colours are on (CI=true turns them on): read it as plain text.
  const message = stripVTControlCharacters(error.message);
  if (c.matcherSays !== undefined) {
    expect(message).toContain('Matcher error');
    expect(message).toContain(`.${matcherName(c)}(`);
  } else if (c.outcome.type === 'throws') {
    expect(error.name).toBe(c.outcome.name);
    expect(settled.sync).toBe(c.async !== true);
  } else {
    // A failed check is the runner's assertion failure, with the runner's hint first.
    expect(isAssertionError(error), `${error.name}: ${error.message}`).toBe(true);
    expect(message).toContain(`expect(f).${matcherName(c)}(`);
  }
}

describe('through the Vitest matchers (src, in-process)', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) =>
    throughMatcher(c, expect(c.f) as unknown as Loose, (e) => e.constructor.name === 'JestExtendError'));
});

describe('through the expect package (Jest) matchers (src, in-process)', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) =>
    throughMatcher(
      c,
      standaloneExpect(c.f) as unknown as Loose,
      (e) => e.constructor.name === 'JestAssertionError',
    ));
});

interface JsonReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: Array<{
    assertionResults: Array<{ title: string; status: string; failureMessages: string[] }>;
  }>;
}

describe('through a real Vitest run of the built package', () => {
  let report: JsonReport;
  let output: string;
  const scratch = mkdtempSync(join(tmpdir(), 'gradcheck-bad-input-'));

  beforeAll(() => {
    ensureBuilt();
    linkPackage();
    const file = join(scratch, 'report.json');
    const vitest = run([
      'node_modules/vitest/vitest.mjs',
      'run',
      '--root',
      join(fixtures, 'bad-input'),
      '--reporter=json',
      `--outputFile=${file}`,
    ]);
    output = vitest.output;
    expect(vitest.status, output).toBe(1);
    report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
  });

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('every case fails, none passes', () => {
    expect(report.numPassedTests, output).toBe(0);
    expect(report.numFailedTests).toBe(cases.length);
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const result = report.testResults[0]!.assertionResults.find((r) => r.title === c.name);
    expect(result?.status).toBe('failed');
    const text = result!.failureMessages.join('\n');
    expectSays(text, c.matcherSays ?? c.says(matcherName(c)));
    expect(text).not.toContain(`${coreName(c)}:`);
    // The frames a user reads are the runner's and the test's, never gradcheck's build.
    expect(text).not.toMatch(/\bat .*\/dist\/\S+\.mjs/);
  });
});
