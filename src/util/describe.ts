/**
 * Values in words, for messages: what a function returned or threw, what an option received, the point a
 * call was made at. Every value here comes from the user, so that nothing here may throw: a revoked Proxy
 * throws on any inspection, a live Proxy or a getter on any read, an object without a prototype cannot
 * become a string. A message that crashed while it was being written would hide the user's own error
 * behind one from inside gradcheck.
 */
import { isThenable } from './maybe-async.js';

/** A number as a message prints it: like String, but -0 stays -0, so that a change of sign shows. */
export function printNumber(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

/** A name with its indefinite article: "a Map", "an Int32Array". */
export function article(name: string): string {
  return `${/^[AEIOUaeiou]/.test(name) ? 'an' : 'a'} ${name}`;
}

/** True for a revoked Proxy: the one value that throws even when asked whether it is an array. */
export function isRevokedProxy(value: unknown): boolean {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  try {
    // The result is used: a bundler drops a call it deems free of side effects, and the throw with it.
    return (Array.isArray(value) as unknown) === undefined;
  } catch {
    return true;
  }
}

/** What a description says when reading the value itself threw (a Proxy trap, a getter). */
function uninspectable(value: unknown): string {
  return isRevokedProxy(value) ? 'a revoked Proxy' : 'an object that cannot be inspected (reading it threw)';
}

/** A short, safe description of any value for an error message. It never throws. */
export function describeValue(value: unknown): string {
  try {
    return describe(value);
  } catch {
    return uninspectable(value);
  }
}

/** Tags of the objects that a generator function, or an iterator method, returns instead of a value. */
const ITERATOR_TAG = /^(Async)?Generator$|Iterator$/;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return printNumber(value);
  if (typeof value === 'bigint') return `a bigint (${value}n)`;
  if (typeof value === 'string')
    return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (typeof value === 'boolean') return `a boolean (${value})`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) {
    const length = (value as unknown as { length?: number }).length;
    return `${article(typeName(value))}${length === undefined ? '' : ` of length ${length}`}`;
  }
  if (isThenable(value)) return 'a Promise';
  const proto: unknown = Object.getPrototypeOf(value);
  const keys = Object.keys(value);
  const listed =
    keys.length === 0 ? '' : `keys ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}`;
  if (proto === Object.prototype) return `an object with ${listed || 'no keys'}`;
  if (proto === null) return `an object with no prototype${listed ? `, with ${listed}` : ' and no keys'}`;
  const tag = toStringTag(value);
  if (ITERATOR_TAG.test(tag)) {
    // What a function* returns: the usual way to get one where a value was meant.
    return `${article(tag)} object${tag.endsWith('Generator') ? ' (what calling a function* returns)' : ''}`;
  }
  if (tag === 'Map' || tag === 'Set') {
    const size = (value as { size?: unknown }).size;
    const count = typeof size === 'number' ? size : 0;
    const noun = tag === 'Map' ? 'entr' : 'value';
    return `${article(typeName(value))} with ${count} ${noun}${count === 1 ? (tag === 'Map' ? 'y' : '') : tag === 'Map' ? 'ies' : 's'}`;
  }
  if (tag === 'Error') {
    const message = errorMessage(value);
    return `${article(typeName(value))}${message === undefined ? '' : ` (${JSON.stringify(shorten(message, 60))})`}`;
  }
  return `${article(typeName(value))} with ${listed || 'no keys'}`;
}

/** `Object.prototype.toString`'s tag of an object: "Map", "Generator", "Error", or "Object". */
function toStringTag(value: object): string {
  return Object.prototype.toString.call(value).slice(8, -1);
}

/**
 * The name of an object's type, never empty: its class, from its `constructor`, or else its tag
 * ("Generator"). A generator object's `constructor` is no class (and its name is empty), nor has an
 * instance of an anonymous class a name. It may throw (a Proxy trap); describeValue catches that.
 */
export function typeName(value: object): string {
  const maker: unknown = (value as { constructor?: unknown }).constructor;
  const name = typeof maker === 'function' && typeof maker.name === 'string' ? maker.name : '';
  if (name !== '') return name;
  const tag = toStringTag(value);
  return tag === 'Object' ? 'instance of an anonymous class' : tag;
}

function shorten(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

/**
 * The message of an Error (of this realm or another), when it has a readable, non-empty string one;
 * undefined for anything else, a getter of `message` that throws included.
 */
export function errorMessage(error: unknown): string | undefined {
  try {
    const isError = error instanceof Error || toStringTag(error as object) === 'Error';
    if (!isError) return undefined;
    const message: unknown = (error as { message?: unknown }).message;
    return typeof message === 'string' && message !== '' ? message : undefined;
  } catch {
    return undefined;
  }
}

/** Longest input printed in a message; the seed reproduces the point exactly anyway. */
const MAX_INPUT_LENGTH = 160;

/** How deep a thrown object is printed: its fields and theirs, then `{…}`. */
const MAX_DEPTH = 2;

/**
 * A value in the notation of coordinate paths: numbers bare, arrays and typed arrays as `[0.5, …]`,
 * objects as `{ W: [[0.1]], "a b": 2 }` (keys that are no identifier quoted), anything else in words.
 * `depth` levels of objects are printed, then `{…}`. An input prints every object by its fields, as it
 * always has; a thrown value only a plain one, and its strings and booleans as literals.
 */
function print(v: unknown, depth: number, thrown: boolean): string {
  if (typeof v === 'number') return printNumber(v);
  if (Array.isArray(v) || v instanceof Float64Array || v instanceof Float32Array) {
    // A million coordinates would print for long before the text is cut: print the first few only.
    const items = Array.from(
      (v as ArrayLike<unknown>).length > 40 ? Array.prototype.slice.call(v, 0, 40) : v,
    );
    return `[${items.map((item) => print(item, depth, thrown)).join(', ')}${items.length < v.length ? ', …' : ''}]`;
  }
  if (v !== null && typeof v === 'object' && (!thrown || isPlain(v))) {
    if (depth < 0) return '{…}';
    const entries = Object.entries(v).map(
      ([key, item]) =>
        `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${print(item, depth - 1, thrown)}`,
    );
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  if (thrown && typeof v === 'string') return JSON.stringify(shorten(v, 40));
  if (thrown && (typeof v === 'boolean' || typeof v === 'bigint'))
    return typeof v === 'bigint' ? `${v}n` : String(v);
  return describeValue(v);
}

function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * An input of f for a message, in the notation of coordinate paths: `x = 0.5`, `x = [0.5, -0.25]`, or
 * `{ W: [[0.1, 0.2]], b: [0] }` for an object (whose keys name themselves). Typed arrays print as arrays.
 * It never throws: an input that cannot be read is described instead.
 */
export function describeInput(value: unknown): string {
  try {
    const isObject =
      value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value);
    const text = isObject
      ? print(value, Number.POSITIVE_INFINITY, false)
      : `x = ${print(value, Number.POSITIVE_INFINITY, false)}`;
    return shorten(text, MAX_INPUT_LENGTH);
  } catch {
    return uninspectable(value);
  }
}

/**
 * What a user's function threw or rejected with, in words, for a value that is neither an Error with a
 * message nor a string: `a plain object { code: 42 }`, `an object with no prototype and no keys`,
 * `a revoked Proxy`, `undefined`. It never throws.
 */
export function describeThrown(value: unknown): string {
  try {
    if (typeof value === 'symbol') return `a symbol (${String(value)})`;
    if (value === null || typeof value !== 'object') return describeValue(value);
    if (errorMessage(value) === undefined && toStringTag(value) === 'Error')
      return `${article(typeName(value))} with no message`;
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === Object.prototype)
      return `a plain object ${shorten(print(value, MAX_DEPTH, true), MAX_INPUT_LENGTH)}`;
    if (proto === null && Object.keys(value).length > 0)
      return `an object with no prototype ${shorten(print(value, MAX_DEPTH, true), MAX_INPUT_LENGTH)}`;
    return describeValue(value);
  } catch {
    return uninspectable(value);
  }
}

/**
 * The sentence for a throw (or a rejection) of the user's `subject` (`f`, `checkGradient: domain`),
 * `context` saying where (or ''): `f threw at sample 1 …: boom` when it threw an Error with a message or a
 * string, which is then the user's own words; otherwise what it threw, described:
 * `f threw a plain object { code: 42 } at sample 1 ….` It never throws.
 */
export function thrownMessage(
  subject: string,
  verb: 'threw' | 'rejected',
  context: string,
  error: unknown,
): string {
  const at = context === '' ? '' : ` ${context}`;
  const message = typeof error === 'string' && error !== '' ? error : errorMessage(error);
  if (message !== undefined) return `${subject} ${verb}${at}: ${message}`;
  return `${subject} ${verb}${verb === 'rejected' ? ' with' : ''} ${describeThrown(error)}${at}.`;
}
