/**
 * An input flattened: its tree of containers, its blocks of coordinates, and the name of each
 * coordinate by its path (`layers[1].b[4]`). This is the one walk over a user's value that decides what
 * counts as a coordinate and which inputs are refused; Shape keeps what it finds, and working copies
 * use the blocks to find each coordinate again.
 */
import { isRevokedProxy, typeName } from '../util/describe.js';
import { article, describeValue, guarded, inputError } from '../util/errors.js';

/**
 * The shape of an input, independent of its values: which containers hold which coordinates, and how
 * each coordinate is named. Paths are built on demand, because a million path strings would cost far
 * more memory than the check itself.
 */
export type Node =
  | { kind: 'scalar' }
  | { kind: 'array'; length: number; container: 'array' | 'f64' | 'f32'; extras?: Extra[] }
  | { kind: 'list'; items: Node[]; extras?: Extra[] }
  | { kind: 'object'; keys: string[]; items: Node[]; nullPrototype: boolean; extras?: Extra[] };

/**
 * An own property of a container that is not a coordinate: a named property of an array (`p.scale = 3`
 * on `[1, 2]`), a symbol-keyed or non-enumerable one of an object. f may read it, so every value built
 * from the shape (the working copy above all) carries it as it was, neither perturbed nor differentiated.
 */
export type Extra = readonly [key: PropertyKey, descriptor: PropertyDescriptor];

/**
 * Containers longer than this are not searched for extra properties: listing an array's keys makes a
 * string per item (about 100 ms at a million), more than all the rest of flattening. Inputs that large
 * are checked in directional mode; points with named extras are small and hand-written.
 */
const EXTRAS_SCANNED = 100_000;

/** `key` is the index of one of the `length` items of an array. */
function isIndex(key: string, length: number): boolean {
  const i = Number(key);
  return Number.isInteger(i) && i >= 0 && i < length && String(i) === key;
}

/**
 * The extras of `value` (see Extra): of an array or typed array of `items` items, or of an object when
 * `items` is undefined (its enumerable string keys are its coordinates). Undefined when it has none.
 */
export function extrasOf(value: object, items: number | undefined): Extra[] | undefined {
  const keys: PropertyKey[] = [];
  if (items === undefined) {
    for (const key of Object.getOwnPropertyNames(value))
      if (!Object.prototype.propertyIsEnumerable.call(value, key)) keys.push(key);
  } else if (items <= EXTRAS_SCANNED) {
    const names = Object.keys(value);
    if (names.length > items) for (const key of names) if (!isIndex(key, items)) keys.push(key);
  }
  keys.push(...Object.getOwnPropertySymbols(value));
  if (keys.length === 0) return undefined;
  return keys.map((key) => [key, Object.getOwnPropertyDescriptor(value, key)!] as const);
}

/** Gives `target`, a value just built from a shape, the extras of its container. */
export function defineExtras(target: object, extras: readonly Extra[] | undefined): void {
  if (extras !== undefined)
    for (const [key, descriptor] of extras) Object.defineProperty(target, key, descriptor);
}

/** A run of coordinates that live in one container: all of an array, or one field of an object. */
export interface Block {
  offset: number;
  length: number;
  /** Path of the container (array block) or of the coordinate itself (field block). */
  path: string;
  /** True for a single scalar field (its path is whole), false for an array of coordinates. */
  field: boolean;
  /** Where the value sits in a working copy: an array, or the parent of a field. */
  locate: (root: Holder) => { target: MutableSlots; key: number | string | null };
}

/** A container of a working copy, written by index or key. */
export type MutableSlots = { [key: string | number]: unknown };
/** The box around a working copy's value, so that a bare number can be located and written too. */
export interface Holder {
  value: unknown;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The path of field `key` of the value at `parent`: `W.b`, or `W["odd key"]` when it is no identifier. */
export function keyPath(parent: string, key: string): string {
  const part = IDENTIFIER.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (parent === '') return part;
  return part.startsWith('[') ? `${parent}${part}` : `${parent}.${part}`;
}

/** What flattening an input finds: its tree, its blocks in order, its number of coordinates. */
export interface Flattened {
  root: Node;
  blocks: Block[];
  n: number;
  /** True when any leaf is a Float32Array. */
  float32: boolean;
}

/**
 * Walks `x` into its tree and blocks, or throws a TypeError that names the offending path. `rootName`
 * names a bare number or array (`x`, `x[3]`); the keys of an object name themselves (`W1[2][0]`).
 */
export function flatten(x: unknown, rootName: string, what: string): Flattened {
  const blocks: Block[] = [];
  let n = 0;
  let float32 = false;
  const seen = new Set<object>();

  type Locate = (root: Holder) => { target: MutableSlots; key: number | string | null };
  const place = (path: string) => (path === '' ? 'the top level' : path);
  // A getter, a Proxy trap or a revoked Proxy in the user's value throws while it is read: name the path.
  const visit = (value: unknown, path: string, locate: Locate): Node => {
    if (isRevokedProxy(value))
      throw inputError(`${what} at ${place(path)} is a revoked Proxy, which cannot be read at all.`);
    return guarded(
      () => visitValue(value, path, locate),
      () => `${what} at ${place(path)} could not be read: a getter or Proxy trap`,
    );
  };
  /** The property `key` of the container at `path`, read as the value at `child`. */
  const property = (container: object, key: string, child: string): unknown =>
    guarded(
      () => (container as Record<string, unknown>)[key],
      () => `${what} at ${child} could not be read: a getter or Proxy trap`,
    );

  const visitValue = (value: unknown, path: string, locate: Locate): Node => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        throw inputError(`${what} must hold finite numbers, but ${path} is ${value}.`);
      }
      blocks.push({ offset: n, length: 1, path, field: true, locate });
      n += 1;
      return { kind: 'scalar' };
    }
    if (value instanceof Float64Array || value instanceof Float32Array) {
      const bad = firstNonfinite(value);
      if (bad >= 0)
        throw inputError(`${what} must hold finite numbers, but ${path}[${bad}] is ${value[bad]}.`);
      if (value instanceof Float32Array) float32 = true;
      blocks.push({ offset: n, length: value.length, path, field: false, locate: leafArray(locate) });
      n += value.length;
      return withExtras(
        { kind: 'array', length: value.length, container: value instanceof Float32Array ? 'f32' : 'f64' },
        extrasOf(value, value.length),
      );
    }
    if (ArrayBuffer.isView(value)) {
      throw inputError(
        `${what} at ${path} is ${article(typeName(value))}; gradcheck perturbs coordinates by tiny steps, so it supports number, number[], Float64Array and Float32Array leaves.`,
      );
    }
    if (Array.isArray(value)) {
      if (seen.has(value)) throw inputError(`${what} is cyclic: ${path} refers back to one of its parents.`);
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) throw inputError(`${what} is a sparse array: ${path}[${i}] is a hole.`);
      }
      if (value.length > 0 && value.every((v) => typeof v === 'number')) {
        const bad = firstNonfinite(value as number[]);
        if (bad >= 0)
          throw inputError(`${what} must hold finite numbers, but ${path}[${bad}] is ${value[bad]}.`);
        blocks.push({ offset: n, length: value.length, path, field: false, locate: leafArray(locate) });
        n += value.length;
        return withExtras(
          { kind: 'array', length: value.length, container: 'array' },
          extrasOf(value, value.length),
        );
      }
      seen.add(value);
      const items = value.map((item, i) => visit(item, `${path}[${i}]`, childOf(locate, i)));
      seen.delete(value);
      return withExtras({ kind: 'list', items }, extrasOf(value, value.length));
    }
    if (value !== null && typeof value === 'object') {
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw inputError(
          `${what} at ${place(path)} is ${article(typeName(value))}; supported are numbers, arrays, Float64Array, Float32Array and plain objects of these.`,
        );
      }
      if (seen.has(value)) throw inputError(`${what} is cyclic: ${path} refers back to one of its parents.`);
      seen.add(value);
      const keys = Object.keys(value);
      const items = keys.map((key) => {
        const child = keyPath(path, key);
        return visit(property(value, key, child), child, childOf(locate, key));
      });
      seen.delete(value);
      return withExtras(
        { kind: 'object', keys, items, nullPrototype: proto === null },
        extrasOf(value, undefined),
      );
    }
    throw inputError(
      `${what} must be a number, an array, a Float64Array/Float32Array, or a plain object of these, but ${path === '' ? 'it' : path} is ${describeValue(value)}.`,
    );
  };

  const isObjectRoot =
    x !== null && typeof x === 'object' && !isRevokedProxy(x) && !Array.isArray(x) && !ArrayBuffer.isView(x);
  const root = visit(x, isObjectRoot ? '' : rootName, (holder) => ({
    target: holder as never,
    key: 'value',
  }));
  return { root, blocks, n, float32 };
}

/**
 * Throws unless every container of `value` (a later point, read as `what`, at `path`) has the extras of
 * the first point's container at the same place (`node`): every copy passed to f carries the first
 * point's (see Extra), so a later point with other ones would reach f without them, or with the first
 * point's values. A container of another kind (a flat array for a nested point) is not compared.
 */
export function compareExtras(node: Node, value: unknown, what: string, path: string): void {
  if (node.kind === 'scalar' || value === null || typeof value !== 'object') return;
  const isArray = Array.isArray(value) || value instanceof Float64Array || value instanceof Float32Array;
  if (isArray !== (node.kind !== 'object')) return;
  if (node.kind === 'list' && Array.isArray(value)) {
    for (let i = 0; i < node.items.length; i++)
      compareExtras(node.items[i]!, value[i], what, `${path}[${i}]`);
  }
  if (node.kind === 'object') {
    const record = value as Record<string, unknown>;
    for (let i = 0; i < node.keys.length; i++) {
      const key = node.keys[i]!;
      compareExtras(node.items[i]!, record[key], what, keyPath(path, key));
    }
  }
  const mine = extrasOf(value, isArray ? (value as ArrayLike<unknown>).length : undefined) ?? [];
  const first = node.extras ?? [];
  const keys = new Set<PropertyKey>([...first.map(([key]) => key), ...mine.map(([key]) => key)]);
  for (const key of keys) {
    const a = first.find(([k]) => k === key)?.[1];
    const b = mine.find(([k]) => k === key)?.[1];
    if (a !== undefined && b !== undefined && sameDescriptor(a, b)) continue;
    const name = typeof key === 'symbol' ? `[${String(key)}]` : key;
    const printed = (d: PropertyDescriptor) => ('value' in d ? describeValue(d.value) : 'a getter');
    const where = path === '' ? what : `${what} at ${path}`;
    throw inputError(
      `${where} has ${b === undefined ? `no ${name}` : `${name} = ${printed(b)}`}, but the first point has ${a === undefined ? 'none' : `${name} = ${printed(a)}`}. gradcheck passes f copies of each point that keep the properties the first point has besides its coordinates, so every point must have the same ones; check such points in calls of their own.`,
    );
  }
}

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return Object.is(a.value, b.value) && a.get === b.get && a.set === b.set;
}

/** `node`, with its container's extras when it has any (a node without stays as it always was). */
function withExtras<N extends Node>(node: N, extras: Extra[] | undefined): N {
  if (extras !== undefined) (node as { extras?: Extra[] }).extras = extras;
  return node;
}

function childOf(
  locate: (root: Holder) => { target: MutableSlots; key: number | string | null },
  key: number | string,
): (root: Holder) => { target: MutableSlots; key: number | string | null } {
  return (root) => {
    const { target, key: parentKey } = locate(root);
    return { target: (parentKey === null ? target : target[parentKey]) as MutableSlots, key };
  };
}

function leafArray(
  locate: (root: Holder) => { target: MutableSlots; key: number | string | null },
): (root: Holder) => { target: MutableSlots; key: number | string | null } {
  return (root) => {
    const { target, key } = locate(root);
    return { target: (key === null ? target : target[key]) as MutableSlots, key: null };
  };
}

/** The index of the first entry that is not finite, or -1: a loop, where findIndex's callback per entry cost 5 ms at n = 1e6. */
function firstNonfinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}
