/**
 * The printers of values for messages (src/util/describe.ts): every value comes from the user, so none of
 * them may throw, whatever it is handed, and each says what the value is in words a user recognises.
 */
import { describe, expect, it } from 'vitest';
import {
  describeInput,
  describeThrown,
  describeValue,
  isRevokedProxy,
  printNumber,
  thrownMessage,
} from '../../../src/util/describe.js';

function revoked(target: object = {}): object {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

/** A live Proxy whose every trap throws. */
const trapped = new Proxy(
  {},
  {
    get() {
      throw new Error('get trap');
    },
    getPrototypeOf() {
      throw new Error('getPrototypeOf trap');
    },
    ownKeys() {
      throw new Error('ownKeys trap');
    },
  },
);

/** Values that broke the printers, or that they misnamed. */
const HOSTILE: unknown[] = [
  Object.create(null),
  revoked(),
  revoked([]),
  trapped,
  {
    toString() {
      throw new Error('toString');
    },
  },
  { [Symbol.toPrimitive]: () => ({}) },
  Object.defineProperty(new Error('x'), 'message', {
    get() {
      throw new Error('message getter');
    },
  }),
  Symbol('s'),
  (function* () {})(),
  new (class {})(),
];

describe('the printers never throw', () => {
  it.each(HOSTILE.map((value, i) => [i, value] as const))('value %i', (_, value) => {
    for (const print of [describeValue, describeInput, describeThrown]) {
      expect(typeof print(value)).toBe('string');
    }
    expect(typeof thrownMessage('f', 'threw', 'at sample 1', value)).toBe('string');
  });
});

describe('describeValue', () => {
  it.each([
    ['an object with no prototype and no keys', Object.create(null)],
    ['an object with no prototype, with keys a', Object.assign(Object.create(null), { a: 1 })],
    ['a revoked Proxy', revoked()],
    ['an object that cannot be inspected (reading it threw)', trapped],
    ['a Generator object (what calling a function* returns)', (function* () {})()],
    ['an AsyncGenerator object (what calling a function* returns)', (async function* () {})()],
    ['an Array Iterator object', [1].values()],
    ['an instance of an anonymous class with no keys', new (class {})()],
    ['a Map with 1 entry', new Map([['w', 1]])],
    ['a Set with 2 values', new Set([1, 2])],
    ['a RangeError ("out of range")', new RangeError('out of range')],
    ['-0', -0],
    ['an object with keys w', { w: 1 }],
  ])('%s', (words, value) => {
    expect(describeValue(value)).toBe(words);
  });
});

describe('describeThrown and thrownMessage', () => {
  it('describe what is no Error', () => {
    expect(describeThrown({ code: 42 })).toBe('a plain object { code: 42 }');
    expect(describeThrown({ nested: { deeper: { deepest: { x: 1 } } } })).toBe(
      'a plain object { nested: { deeper: { deepest: {…} } } }',
    );
    expect(describeThrown(Object.assign(Object.create(null), { s: 'text' }))).toBe(
      'an object with no prototype { s: "text" }',
    );
    expect(describeThrown(Symbol('boom'))).toBe('a symbol (Symbol(boom))');
    expect(describeThrown(new TypeError())).toBe('a TypeError with no message');
    expect(describeThrown(undefined)).toBe('undefined');
  });

  it('keep the user’s own words when it is an Error with a message, or a string', () => {
    expect(thrownMessage('f', 'threw', 'at sample 1', new Error('boom'))).toBe('f threw at sample 1: boom');
    expect(thrownMessage('f', 'rejected', 'at sample 1', 'no network')).toBe(
      'f rejected at sample 1: no network',
    );
  });

  it('name what was thrown otherwise, after the verb', () => {
    expect(thrownMessage('f', 'threw', 'at sample 1', revoked())).toBe(
      'f threw a revoked Proxy at sample 1.',
    );
    expect(thrownMessage('f', 'rejected', 'at sample 1', null)).toBe('f rejected with null at sample 1.');
    expect(thrownMessage('checkGradient: sample', 'threw', '', 42)).toBe('checkGradient: sample threw 42.');
  });

  it('read an Error of another realm by its tag', async () => {
    const { runInNewContext } = await import('node:vm');
    const foreign = runInNewContext('new Error("from afar")') as unknown;
    expect(foreign instanceof Error).toBe(false);
    expect(thrownMessage('f', 'threw', 'at sample 1', foreign)).toBe('f threw at sample 1: from afar');
  });
});

describe('signed zeros and revoked proxies', () => {
  it('print -0 as -0, in values and inputs alike', () => {
    expect(printNumber(-0)).toBe('-0');
    expect(printNumber(0)).toBe('0');
    expect(describeInput([-0, 0.5])).toBe('x = [-0, 0.5]');
    expect(describeInput({ w: -0 })).toBe('{ w: -0 }');
  });

  it('tell a revoked Proxy from a live one without calling a trap', () => {
    expect(isRevokedProxy(revoked())).toBe(true);
    expect(isRevokedProxy(revoked([]))).toBe(true);
    expect(isRevokedProxy(trapped)).toBe(false);
    expect(isRevokedProxy({})).toBe(false);
    expect(isRevokedProxy(0)).toBe(false);
  });
});
