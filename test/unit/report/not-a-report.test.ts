/**
 * formatReport handed something else than a Report: a TypeError that says what it expected and what it
 * received, whose stack starts at the user's call, instead of "cannot read properties of undefined".
 */
import { describe, expect, it } from 'vitest';
import { checkGradient, formatReport, type Report } from '../../../src/index.js';

function refusal(value: unknown): TypeError {
  try {
    formatReport(value as Report);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return error as TypeError;
  }
  throw new Error('expected formatReport to throw');
}

const EXPECTED =
  'gradcheck: formatReport: expected a Report (what checkGradient, checkJacobian, checkHessian, checkJVP and checkVJP return), but received';

describe('formatReport refuses what is not a Report', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['42', 42],
    ['an array of length 0', []],
    ['an object with keys pass, whose kind is undefined', { pass: true }],
    ['an object with keys kind, pass, whose samples is undefined', { kind: 'gradient', pass: true }],
  ])('%s', (received, value) => {
    expect(refusal(value).message).toBe(`${EXPECTED} ${received}.`);
  });

  it('says to await a Promise of a Report', () => {
    const pending = checkGradient(
      async (x: number) => x * x,
      (x: number) => 2 * x,
    );
    expect(refusal(pending).message).toContain('received a Promise: await the check first');
    return pending;
  });

  it('throws from the user’s call: no frame of gradcheck is in its stack', () => {
    const frames = (refusal(undefined).stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    expect(frames.some((line) => line.includes('/src/report/'))).toBe(false);
    expect(frames[0]).toContain('not-a-report.test.ts');
  });

  it('formats a Report, and a copy of one through JSON', () => {
    const report = checkGradient(
      (x: number) => x * x,
      (x: number) => 2 * x,
    );
    expect(formatReport(report)).toContain('gradient check passed');
    expect(formatReport(JSON.parse(JSON.stringify(report)) as Report)).toContain('gradient check passed');
  });
});
