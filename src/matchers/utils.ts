/**
 * The matcher utilities a message renders with, whatever the runner provides. Jest and Vitest give a
 * complete `this.utils`; Bun gives only a few printers and colours. Each utility is the runner's own
 * when it has one that works, so that its colours and settings apply, and a plain-text one otherwise, so
 * that a failure is reported instead of a TypeError.
 */
import type { MatcherUtils } from './types.js';

type HintOptions = { isNot?: boolean; promise?: string };

/** Items of an array, keys of an object, that a one-line print shows before `…`. */
const MAX_ITEMS = 50;
/** Jest's default depth for `stringify`. */
const MAX_DEPTH = 10;
/** Longest diff, in lines per side, that gets a line-by-line alignment; longer ones are shown whole. */
const MAX_ALIGNED_LINES = 2000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
const ANSI = /\u001b\[[0-9;]*m/g;

/** `text` without colour codes. */
export function stripColors(text: string): string {
  return text.replace(ANSI, '');
}

/** Jest's header, `expect(f).resolves.not.toHaveGradient(gradient)`, without colours. */
export function plainMatcherHint(
  matcherName: string,
  received = 'received',
  expected = 'expected',
  options: HintOptions = {},
): string {
  let hint = received === '' ? '' : `expect(${received})`;
  if (options.promise) hint += `.${options.promise}`;
  if (options.isNot) hint += '.not';
  return `${hint}.${matcherName}(${expected})`;
}

function typeName(value: object): string {
  if (Object.getPrototypeOf(value) === null) return '';
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== 'Object' ? `${name} ` : '';
}

function printPrimitive(value: unknown): string | undefined {
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'string':
      return JSON.stringify(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return `[Function ${value.name || 'anonymous'}]`;
    case 'object':
      return value === null ? 'null' : undefined;
    default:
      return String(value);
  }
}

function items(list: readonly string[], total: number): string {
  return total > list.length ? [...list, `… ${total - list.length} more`].join(', ') : list.join(', ');
}

function printOne(value: unknown, depth: number, seen: Set<object>): string {
  const primitive = printPrimitive(value);
  if (primitive !== undefined) return primitive;
  const object = value as object;
  if (seen.has(object)) return '[Circular]';
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (object instanceof RegExp) return String(object);
  if (object instanceof Error) return `[${object.name}: ${object.message}]`;
  const isList = Array.isArray(object) || ArrayBuffer.isView(object);
  if (depth <= 0) return `[${isList ? 'Array' : 'Object'}]`;
  seen.add(object);
  try {
    const inner = (v: unknown) => printOne(v, depth - 1, seen);
    if (ArrayBuffer.isView(object) && !(object instanceof DataView)) {
      const list = Array.from(object as unknown as ArrayLike<number>).slice(0, MAX_ITEMS);
      return `${typeName(object)}[${items(list.map(inner), (object as unknown as ArrayLike<number>).length)}]`;
    }
    if (Array.isArray(object)) {
      const list = object.slice(0, MAX_ITEMS).map(inner);
      return `${typeName(object).replace(/^Array $/, '')}[${items(list, object.length)}]`;
    }
    if (object instanceof Map) {
      const list = [...object].slice(0, MAX_ITEMS).map(([k, v]) => `${inner(k)} => ${inner(v)}`);
      return `Map {${items(list, object.size)}}`;
    }
    if (object instanceof Set)
      return `Set {${items([...object].slice(0, MAX_ITEMS).map(inner), object.size)}}`;
    const keys = Object.keys(object);
    const list = keys.slice(0, MAX_ITEMS).map((key) => {
      let shown: string;
      try {
        shown = inner((object as Record<string, unknown>)[key]);
      } catch {
        shown = '[Throws]'; // a getter that throws must not hide the failure being reported
      }
      return `${JSON.stringify(key)}: ${shown}`;
    });
    return `${typeName(object)}{${items(list, keys.length)}}`;
  } finally {
    seen.delete(object);
  }
}

/**
 * One line, as Jest's `stringify`: `{"W1": [[0.1, 0.2]], "b1": [NaN, -0]}`. It never throws: NaN,
 * Infinity and -0 print as such, typed arrays with their type, functions by name, a cycle as
 * `[Circular]`, and long arrays and deep objects shortened.
 */
export function plainStringify(value: unknown, maxDepth = MAX_DEPTH): string {
  try {
    return printOne(value, maxDepth, new Set());
  } catch {
    return '[unprintable value]';
  }
}

/** Jest's names for a value's type in `printWithType`. */
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value !== 'object') return typeof value;
  if (value instanceof Map) return 'map';
  if (value instanceof Set) return 'set';
  if (value instanceof RegExp) return 'regexp';
  if (value instanceof Date) return 'date';
  return 'object';
}

/** Jest's `Received has type:  number` / `Received has value: 42`. */
export function plainPrintWithType(name: string, value: unknown, print: (value: unknown) => string): string {
  const type = typeOf(value);
  const hasType = type === 'null' || type === 'undefined' ? '' : `${name} has type:  ${type}\n`;
  return `${hasType}${name} has value: ${print(value)}`;
}

/** A value over several lines, one entry a line, as the two sides of a diff. */
function printLines(value: unknown, indent: string, seen: Set<object>): string[] {
  const isRecord = typeof value === 'object' && value !== null && !seen.has(value);
  if (!isRecord || !(Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype)) {
    return [plainStringify(value)];
  }
  seen.add(value);
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((v) => ['', v])
    : Object.entries(value).map(([k, v]) => [`${JSON.stringify(k)}: `, v]);
  const lines = entries.flatMap(([label, v]) => {
    const [first = '', ...more] = printLines(v, `${indent}  `, seen);
    const body = [`${indent}  ${label}${first}`, ...more];
    body[body.length - 1] += ',';
    return body;
  });
  seen.delete(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return [open, ...lines, `${indent}${close}`];
}

/** The lines of `a` and `b` in order, each marked kept (' '), removed ('-') or added ('+'). */
function alignLines(a: string[], b: string[]): Array<[' ' | '-' | '+', string]> {
  if (a.length > MAX_ALIGNED_LINES || b.length > MAX_ALIGNED_LINES) {
    return [...a.map((l): ['-', string] => ['-', l]), ...b.map((l): ['+', string] => ['+', l])];
  }
  // Longest common subsequence of the suffixes; removals come before additions, as in Jest's diff.
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: Array<[' ' | '-' | '+', string]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push([' ', a[i++]!]);
      j++;
    } else if (j >= b.length || (i < a.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push(['-', a[i++]!]);
    } else {
      out.push(['+', b[j++]!]);
    }
  }
  return out;
}

/**
 * A line diff of the two values printed one entry a line, under `- Expected` / `+ Received` (or the
 * annotations), in the layout of Jest's: `-   "b1[1]": -2,` then `+   "b1[1]": -0.42,`.
 */
export function plainDiff(
  expected: unknown,
  received: unknown,
  options: { aAnnotation?: string; bAnnotation?: string } = {},
): string {
  const lines = alignLines(printLines(expected, '', new Set()), printLines(received, '', new Set()));
  if (lines.every(([mark]) => mark === ' ')) return 'Compared values have no visual difference.';
  const header = [`- ${options.aAnnotation ?? 'Expected'}`, `+ ${options.bAnnotation ?? 'Received'}`];
  return [...header, '', ...lines.map(([mark, line]) => `${mark} ${line}`)].join('\n');
}

const identity = (text: string): string => text;

/**
 * Utilities of Bun 1.4's `this.utils` that exist but print other text than Jest's: its `matcherHint`
 * prints `expect(received).X(expected)` and Expected/Received lines instead of the labels it is given,
 * and its `RECEIVED_COLOR` prints its text as a value, in quotes, around every problem line. The Bun
 * adapter drops them (see {@link withoutUtilities}), so that the plain ones stand in.
 */
export const BUN_MISPRINTS: readonly (keyof MatcherUtils)[] = ['matcherHint', 'RECEIVED_COLOR'];

/** The runner's `utils` without the utilities `names`, which a message must not use. */
export function withoutUtilities(runner: unknown, names: readonly string[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  if ((typeof runner !== 'object' && typeof runner !== 'function') || runner === null) return kept;
  for (const key of Object.keys(runner)) {
    if (names.includes(key)) continue;
    try {
      kept[key] = (runner as Record<string, unknown>)[key];
    } catch {
      // a throwing getter is a utility the message cannot use
    }
  }
  return kept;
}

/**
 * The runner's utility `name`, called on the runner's object, or `fallback` where it has none, it
 * throws, or what it returns is not what a message can use (`accept`).
 */
function prefer<A extends unknown[], R>(
  runner: Record<string, unknown>,
  name: keyof MatcherUtils,
  fallback: (...args: A) => R,
  accept: (out: unknown) => boolean = (out) => typeof out === 'string',
): (...args: A) => R {
  let own: unknown;
  try {
    own = runner[name];
  } catch {
    return fallback;
  }
  if (typeof own !== 'function') return fallback;
  return (...args: A): R => {
    try {
      const out: unknown = own.apply(runner, args);
      return accept(out) ? (out as R) : fallback(...args);
    } catch {
      return fallback(...args);
    }
  };
}

/**
 * A complete MatcherUtils from the runner's `this.utils`, which may be partial or absent: the runner's
 * utilities where it has them and they work, so that its colours and settings apply, and plain text
 * (no colours) for the rest.
 */
export function completeUtils(runner: unknown): MatcherUtils {
  const own =
    (typeof runner === 'object' || typeof runner === 'function') && runner !== null
      ? (runner as Record<string, unknown>)
      : {};
  const RECEIVED_COLOR = prefer(own, 'RECEIVED_COLOR', identity);
  const stringify = prefer(own, 'stringify', plainStringify);
  return {
    matcherHint: prefer(own, 'matcherHint', plainMatcherHint),
    printReceived: prefer(own, 'printReceived', (value: unknown) => RECEIVED_COLOR(stringify(value))),
    printWithType: prefer(own, 'printWithType', plainPrintWithType),
    stringify,
    diff: prefer(own, 'diff', plainDiff, (out) => out == null || typeof out === 'string'),
    RECEIVED_COLOR,
    BOLD_WEIGHT: prefer(own, 'BOLD_WEIGHT', identity),
    DIM_COLOR: prefer(own, 'DIM_COLOR', identity),
  };
}

/** The complete utilities of a matcher's context (`this`), from whatever its `utils` holds. */
export function utilsOf(ctx: { utils?: unknown } | undefined): MatcherUtils {
  return completeUtils(ctx?.utils);
}
