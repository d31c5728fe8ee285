/**
 * The adapter's wiring, with a stand-in for the runner's matcher context: every colour goes through
 * the runner's utils (so NO_COLOR and runner settings apply), the diff goes to the message only in the
 * Jest style, and `pass` follows the Report, `.not` included. The real runners are in the other tests.
 */
import { describe, expect, test } from 'vitest';
import { createMatchers } from '../../src/matchers/core.js';
import type { MatcherContext, MatcherResult } from '../../src/matchers/types.js';

/** Utils that mark what they colour, so a test can see which text went through which colour. */
function context(isNot = false): MatcherContext {
  return {
    isNot,
    promise: '',
    utils: {
      matcherHint: (name, received, expectedName, options) =>
        `<hint>expect(${received})${options?.isNot ? '.not' : ''}.${name}(${expectedName})</hint>`,
      printReceived: (value) => `<received>${String(value)}</received>`,
      printWithType: (name, value, print) => `${name} has value: ${print(value)}`,
      stringify: (value) => JSON.stringify(value),
      diff: (a, b) => `<diff>${JSON.stringify(a)} vs ${JSON.stringify(b)}</diff>`,
      RECEIVED_COLOR: (text) => `<red>${text}</red>`,
      BOLD_WEIGHT: (text) => `<bold>${text}</bold>`,
      DIM_COLOR: (text) => `<dim>${text}</dim>`,
    },
  };
}

const vitestStyle = createMatchers({ diffInMessage: false });
const jestStyle = createMatchers({ diffInMessage: true });
const f = (x: number[]) => x[0]! * x[0]! + 3 * x[1]!;
const grad = (x: number[]) => [2 * x[0]!, 3];
const wrongGrad = (x: number[]) => [2 * x[0]!, 4];

function sync(result: MatcherResult | Promise<MatcherResult>): MatcherResult {
  if (result instanceof Promise) throw new Error('expected a synchronous result');
  return result;
}

describe('a failing gradient', () => {
  test('Vitest style: actual/expected for the runner to diff, and no diff in the message', () => {
    const result = sync(vitestStyle.toHaveGradient.call(context(), f, wrongGrad, { dim: 2, samples: 1 }));
    expect(result.pass).toBe(false);
    const message = result.message();
    expect(message).toMatch(
      /^<hint>expect\(f\)\.toHaveGradient\(gradient\)<\/hint>\n\n<bold>gradient check failed: /,
    );
    expect(message).not.toContain('<diff>');
    expect(message).toContain('<dim>Diff below, at sample 1 of 1:');
    expect(Object.keys(result.expected!)).toEqual(['x[0]', 'x[1]']);
    expect(result.expected!['x[1]']).toBe(4);
    expect(result.actual!['x[1]']).toBeCloseTo(3, 8);
    // The coordinate that agrees is identical on both sides, so the runner shows no change for it.
    expect(result.actual!['x[0]']).toBe(result.expected!['x[0]']);
  });

  test('Jest style: the diff of analytic against numeric inside the message, nothing for the runner', () => {
    const result = sync(jestStyle.toHaveGradient.call(context(), f, wrongGrad, { dim: 2, samples: 1 }));
    expect(result.pass).toBe(false);
    expect(result.actual).toBeUndefined();
    expect(result.expected).toBeUndefined();
    expect(result.message()).toMatch(
      /<dim>Diff at sample 1 of 1; [^<]*<\/dim>\n\n<diff>\{"x\[0\]":[^}]*,"x\[1\]":4\} vs/,
    );
  });
});

describe('pass and .not', () => {
  test('a correct gradient passes; under .not its message says every coordinate matched', () => {
    const result = sync(jestStyle.toHaveGradient.call(context(true), f, grad, { dim: 2, seed: 5 }));
    expect(result.pass).toBe(true);
    expect(result.message()).toMatch(
      /^<hint>expect\(f\)\.not\.toHaveGradient\(gradient\)<\/hint>\n\nexpected the gradient to be wrong, but all 2 coordinates matched across 3 samples \(max relative error /,
    );
    expect(result.message()).toContain('rerun with { seed: 5 }');
  });

  test('a NaN from f fails both the assertion and its negation, with the problem in red', () => {
    const log = (x: number) => Math.log(x);
    const inverse = (x: number) => 1 / x;
    const plain = sync(vitestStyle.toHaveGradient.call(context(), log, inverse, { points: [-1] }));
    expect(plain.pass).toBe(false);
    expect(plain.message()).toContain('<red>  problem: f returned NaN at the point of sample 1');
    expect(plain.message()).toContain('point of sample 1: -1');
    expect(plain.expected).toBeUndefined();
    const negated = sync(vitestStyle.toHaveGradient.call(context(true), log, inverse, { points: [-1] }));
    expect(negated.pass).toBe(true); // so that `.not` fails: NaN is no evidence of a wrong gradient
    expect(negated.message()).toContain('could not judge it');
  });

  test('a wrong received value or derivative throws the runner-style matcher error, .not or not', () => {
    for (const isNot of [false, true]) {
      expect(() => jestStyle.toHaveGradient.call(context(isNot), 42, grad)).toThrow(
        /<bold>Matcher error<\/bold>: <red>received<\/red> value must be a function\n\nReceived has value: <received>42<\/received>/,
      );
      expect(() => jestStyle.toHaveJacobian.call(context(isNot), f, [[1, 2]])).toThrow(
        /Matcher error<\/bold>: the expected Jacobian must be a function/,
      );
    }
  });

  test('an async f makes the matcher return a Promise of the result', async () => {
    const result = vitestStyle.toHaveGradient.call(
      context(),
      async (x: number) => x * x,
      (x: number) => 2 * x,
    );
    expect(result).toBeInstanceOf(Promise);
    expect((await result).pass).toBe(true);
  });
});
