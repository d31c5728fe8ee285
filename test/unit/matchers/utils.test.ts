/**
 * The matcher utilities behind every message (src/matchers/utils.ts): the runner's own where they work,
 * plain text where the runner has none (Bun's `this.utils` lacks most of Jest's), and the matchers
 * still report a failure when `this.utils` is partial or absent.
 */
import { expect as standalone } from 'expect';
import { describe, expect, it } from 'vitest';
import { createMatchers } from '../../../src/matchers/core.js';
import type { MatcherContext, MatcherResult, MatcherUtils } from '../../../src/matchers/types.js';
import {
  BUN_MISPRINTS,
  completeUtils,
  plainDiff,
  plainMatcherHint,
  plainPrintWithType,
  plainStringify,
  stripColors,
  withoutUtilities,
} from '../../../src/matchers/utils.js';
import { changedLines, contextLines } from '../../integration/runners.js';

/** The complete `this.utils` of the standalone expect package (Jest's), caught by a probe matcher. */
function jestUtils(): MatcherUtils {
  let caught: MatcherUtils | undefined;
  standalone.extend({
    probeUtils(this: { utils: MatcherUtils }) {
      caught = this.utils;
      return { pass: true, message: () => '' };
    },
  });
  (standalone(0) as unknown as { probeUtils(): void }).probeUtils();
  return caught!;
}

/** What Bun 1.4 gives: a few printers, a hint with other text, and a RECEIVED_COLOR that quotes. */
const bunLike = {
  matcherHint: (name: string) => `expect(received).${name}(expected)\n\nExpected: "gradient"\n`,
  RECEIVED_COLOR: (text: string) => JSON.stringify(text),
  EXPECTED_COLOR: (text: string) => JSON.stringify(text),
  printReceived: (value: unknown) => String(value),
  printExpected: (value: unknown) => String(value),
  stringify: (value: unknown) => `bun:${String(value)}`,
};

describe('completeUtils', () => {
  it('is complete without any runner utilities, in plain text', () => {
    for (const runner of [undefined, null, {}, 42]) {
      const utils = completeUtils(runner);
      expect(utils.matcherHint('toHaveGradient', 'f', 'gradient', { isNot: true })).toBe(
        'expect(f).not.toHaveGradient(gradient)',
      );
      expect(utils.BOLD_WEIGHT('a')).toBe('a');
      expect(utils.DIM_COLOR('a')).toBe('a');
      expect(utils.RECEIVED_COLOR('a')).toBe('a');
      expect(utils.printReceived(42)).toBe('42');
      expect(utils.stringify([1, NaN])).toBe('[1, NaN]');
      expect(utils.printWithType('Received', 42, utils.printReceived)).toBe(
        'Received has type:  number\nReceived has value: 42',
      );
      expect(utils.diff({ a: 1 }, { a: 2 })).toContain('-   "a": 1,');
    }
  });

  it("uses Jest's utilities as they are, whose header reads as the plain one", () => {
    const jest = jestUtils();
    const utils = completeUtils(jest);
    for (const isNot of [false, true]) {
      for (const promise of ['', 'resolves', 'rejects']) {
        const theirs = jest.matcherHint('toHaveGradient', 'f', 'gradient', { isNot, promise });
        expect(utils.matcherHint('toHaveGradient', 'f', 'gradient', { isNot, promise })).toBe(theirs);
        expect(stripColors(theirs)).toBe(
          plainMatcherHint('toHaveGradient', 'f', 'gradient', { isNot, promise }),
        );
      }
    }
    expect(utils.diff({ a: 1 }, { a: 2 })).toBe(jest.diff({ a: 1 }, { a: 2 }));
    expect(utils.printWithType('Received', 42, utils.printReceived)).toBe(
      jest.printWithType('Received', 42, jest.printReceived),
    );
    expect(utils.BOLD_WEIGHT('x')).toBe(jest.BOLD_WEIGHT('x'));
  });

  it("keeps Bun's printers, but not its header or its quoting RECEIVED_COLOR", () => {
    // As the Bun adapter hands them over.
    const utils = completeUtils(withoutUtilities(bunLike, BUN_MISPRINTS));
    expect(utils.matcherHint('toHaveGradient', 'f', 'gradient')).toBe('expect(f).toHaveGradient(gradient)');
    expect(utils.RECEIVED_COLOR('received')).toBe('received');
    expect(utils.stringify(1)).toBe('bun:1');
    expect(utils.printReceived(42)).toBe('42');
    expect(utils.printWithType('Received', 42, utils.printReceived)).toBe(
      'Received has type:  number\nReceived has value: 42',
    );
  });

  it("uses a runner's own colours and header as they are, whatever their markup", () => {
    const utils = completeUtils({
      RECEIVED_COLOR: (text: string) => `<red>${text}</red>`,
      matcherHint: (name: string) => `<hint>${name}</hint>`,
    });
    expect(utils.RECEIVED_COLOR('x')).toBe('<red>x</red>');
    expect(utils.matcherHint('toHaveGradient')).toBe('<hint>toHaveGradient</hint>');
    // A getter that throws is dropped, not thrown when the message is built.
    const trap = Object.defineProperty({}, 'stringify', {
      enumerable: true,
      get: () => {
        throw new Error('trap');
      },
    });
    expect(completeUtils(withoutUtilities(trap, [])).stringify(1)).toBe('1');
  });

  it('keeps colour codes, and falls back where a utility throws or returns no text', () => {
    const utils = completeUtils({
      BOLD_WEIGHT: (text: string) => `\u001b[1m${text}\u001b[22m`,
      DIM_COLOR: () => {
        throw new Error('broken');
      },
      stringify: () => undefined,
      diff: () => null,
    });
    expect(utils.BOLD_WEIGHT('x')).toBe('\u001b[1mx\u001b[22m');
    expect(utils.DIM_COLOR('x')).toBe('x');
    expect(utils.stringify(-0)).toBe('-0');
    expect(utils.diff({ a: 1 }, { a: 2 })).toBeNull(); // the runner's "no diff" stands
  });
});

describe('plainStringify', () => {
  it('prints numbers as they are: NaN, ±Infinity, -0', () => {
    expect(plainStringify([NaN, Infinity, -Infinity, -0, 0, 1.5, 10n])).toBe(
      '[NaN, Infinity, -Infinity, -0, 0, 1.5, 10n]',
    );
  });

  it('prints typed arrays, functions, strings, objects and their classes', () => {
    function named() {}
    class Net {
      W = [1];
    }
    expect(plainStringify(new Float32Array([1, 0.5]))).toBe('Float32Array [1, 0.5]');
    expect(plainStringify({ f: named, g: () => 0 })).toBe('{"f": [Function named], "g": [Function g]}');
    expect(plainStringify([() => 0])).toBe('[[Function anonymous]]');
    expect(plainStringify({ s: 'a"b', n: null, u: undefined, y: Symbol('k') })).toBe(
      '{"s": "a\\"b", "n": null, "u": undefined, "y": Symbol(k)}',
    );
    expect(plainStringify(new Net())).toBe('Net {"W": [1]}');
    expect(plainStringify(Object.create(null))).toBe('{}');
    expect(plainStringify(new Map([['a', new Set([1])]]))).toBe('Map {"a" => Set {1}}');
  });

  it('never throws: cycles, throwing getters, deep and long values', () => {
    const cycle: { self?: unknown; list: unknown[] } = { list: [] };
    cycle.self = cycle;
    cycle.list.push(cycle);
    expect(plainStringify(cycle)).toBe('{"list": [[Circular]], "self": [Circular]}');
    const shared = [1];
    expect(plainStringify([shared, shared])).toBe('[[1], [1]]'); // repeated, not circular
    const getter = Object.defineProperty({}, 'bad', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(plainStringify(getter)).toBe('{"bad": [Throws]}');
    expect(plainStringify({ a: { b: { c: 1 } } }, 2)).toBe('{"a": {"b": [Object]}}');
    expect(plainStringify(Array.from({ length: 60 }, () => 0))).toMatch(/^\[0(, 0){49}, … 10 more\]$/);
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(plainStringify(revoked.proxy)).toBe('[unprintable value]');
  });
});

describe('plainPrintWithType', () => {
  it("reads as Jest's", () => {
    expect(plainPrintWithType('Expected', [1], plainStringify)).toBe(
      'Expected has type:  array\nExpected has value: [1]',
    );
    expect(plainPrintWithType('Received', null, plainStringify)).toBe('Received has value: null');
  });
});

describe('plainDiff', () => {
  const expectedSide = { 'W1[0][0]': 0.5, 'b1[1]': -2, '…': '3 more coordinates not shown, all agree' };
  const receivedSide = { 'W1[0][0]': 0.5, 'b1[1]': -0.25, '…': '3 more coordinates not shown, all agree' };

  it('marks the entries that differ, under the two annotations, in the layout of Jest', () => {
    expect(plainDiff(expectedSide, receivedSide, { aAnnotation: 'Expected (analytic)' })).toBe(
      [
        '- Expected (analytic)',
        '+ Received',
        '',
        '  {',
        '    "W1[0][0]": 0.5,',
        '-   "b1[1]": -2,',
        '+   "b1[1]": -0.25,',
        '    "…": "3 more coordinates not shown, all agree",',
        '  }',
      ].join('\n'),
    );
  });

  it('reads as the integration tests read a diff', () => {
    const text = plainDiff(expectedSide, receivedSide);
    expect(changedLines(text)).toEqual([
      ['-', 'b1[1]', '-2'],
      ['+', 'b1[1]', '-0.25'],
    ]);
    expect(contextLines(text).map(([path]) => path)).toEqual(['W1[0][0]', '…']);
  });

  it('nests, and says so when nothing differs', () => {
    expect(plainDiff({ a: [1, 2] }, { a: [1, 3] })).toContain('      1,\n-     2,\n+     3,');
    expect(plainDiff({ a: 1 }, { a: 1 })).toBe('Compared values have no visual difference.');
  });
});

describe('the matchers with a partial or absent this.utils', () => {
  const { toHaveGradient } = createMatchers({ diffInMessage: true });
  // Bun's, as the Bun adapter hands it over.
  const bun = { utils: withoutUtilities(bunLike, BUN_MISPRINTS) };
  const contexts: Record<string, MatcherContext> = { absent: {}, bun };
  const wrong = (p: { b: number[] }) => ({ b: p.b.map((v, i) => (i === 1 ? 0 : 2 * v)) });
  const sumOfSquares = (p: { b: number[] }) => p.b.reduce((s, v) => s + v * v, 0);

  for (const [name, ctx] of Object.entries(contexts)) {
    it(`reports a wrong gradient in full (${name})`, () => {
      const result = toHaveGradient.call(ctx, sumOfSquares, wrong, { like: { b: [0, 0] }, seed: 7 });
      const message = (result as MatcherResult).message();
      expect(result).toMatchObject({ pass: false });
      expect(message).toMatch(/^expect\(f\)\.toHaveGradient\(gradient\)\n\ngradient check failed: /);
      expect(message).toMatch(/^ {2}b\[1\] /m);
      expect(message).toContain('- Expected (analytic gradient)');
      expect(changedLines(message).map(([sign, path]) => `${sign}${path}`)).toEqual(['-b[1]', '+b[1]']);
      expect(message).toContain('reproduce: ');
    });

    it(`says that the received value must be a function (${name})`, () => {
      expect(() => toHaveGradient.call(ctx, 42, (x: number) => 2 * x)).toThrow(
        'expect(f).toHaveGradient(gradient)\n\nMatcher error: received value must be a function\n\n' +
          'Received has type:  number\nReceived has value: 42',
      );
    });
  }
});
