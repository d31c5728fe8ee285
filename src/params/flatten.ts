/**
 * An input flattened: its tree of containers, its blocks of coordinates, and the name of each
 * coordinate by its path (`layers[1].b[4]`). This is the one walk over a user's value that decides what
 * counts as a coordinate and which inputs are refused; Shape keeps what it finds, and working copies
 * use the blocks to find each coordinate again.
 */
import { article, describeValue, inputError } from '../util/errors.js';

/**
 * The shape of an input, independent of its values: which containers hold which coordinates, and how
 * each coordinate is named. Paths are built on demand, because a million path strings would cost far
 * more memory than the check itself.
 */
export type Node =
  | { kind: 'scalar' }
  | { kind: 'array'; length: number; container: 'array' | 'f64' | 'f32' }
  | { kind: 'list'; items: Node[] }
  | { kind: 'object'; keys: string[]; items: Node[]; nullPrototype: boolean };

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

  const visit = (
    value: unknown,
    path: string,
    locate: (root: Holder) => { target: MutableSlots; key: number | string | null },
  ): Node => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        throw inputError(`${what} must hold finite numbers, but ${path} is ${value}.`);
      }
      blocks.push({ offset: n, length: 1, path, field: true, locate });
      n += 1;
      return { kind: 'scalar' };
    }
    if (value instanceof Float64Array || value instanceof Float32Array) {
      const bad = value.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0)
        throw inputError(`${what} must hold finite numbers, but ${path}[${bad}] is ${value[bad]}.`);
      if (value instanceof Float32Array) float32 = true;
      blocks.push({ offset: n, length: value.length, path, field: false, locate: leafArray(locate) });
      n += value.length;
      return {
        kind: 'array',
        length: value.length,
        container: value instanceof Float32Array ? 'f32' : 'f64',
      };
    }
    if (ArrayBuffer.isView(value)) {
      throw inputError(
        `${what} at ${path} is ${article(value.constructor.name)}; gradcheck perturbs coordinates by tiny steps, so it supports number, number[], Float64Array and Float32Array leaves.`,
      );
    }
    if (Array.isArray(value)) {
      if (seen.has(value)) throw inputError(`${what} is cyclic: ${path} refers back to one of its parents.`);
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) throw inputError(`${what} is a sparse array: ${path}[${i}] is a hole.`);
      }
      if (value.length > 0 && value.every((v) => typeof v === 'number')) {
        const bad = value.findIndex((v) => !Number.isFinite(v));
        if (bad >= 0)
          throw inputError(`${what} must hold finite numbers, but ${path}[${bad}] is ${value[bad]}.`);
        blocks.push({ offset: n, length: value.length, path, field: false, locate: leafArray(locate) });
        n += value.length;
        return { kind: 'array', length: value.length, container: 'array' };
      }
      seen.add(value);
      const items = value.map((item, i) => visit(item, `${path}[${i}]`, childOf(locate, i)));
      seen.delete(value);
      return { kind: 'list', items };
    }
    if (value !== null && typeof value === 'object') {
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        const name = (value as object).constructor?.name ?? 'object';
        throw inputError(
          `${what} at ${path === '' ? 'the top level' : path} is ${article(name)}; supported are numbers, arrays, Float64Array, Float32Array and plain objects of these.`,
        );
      }
      if (seen.has(value)) throw inputError(`${what} is cyclic: ${path} refers back to one of its parents.`);
      seen.add(value);
      const keys = Object.keys(value);
      const items = keys.map((key) =>
        visit((value as Record<string, unknown>)[key], keyPath(path, key), childOf(locate, key)),
      );
      seen.delete(value);
      return { kind: 'object', keys, items, nullPrototype: proto === null };
    }
    throw inputError(
      `${what} must be a number, an array, a Float64Array/Float32Array, or a plain object of these, but ${path === '' ? 'it' : path} is ${describeValue(value)}.`,
    );
  };

  const isObjectRoot = x !== null && typeof x === 'object' && !Array.isArray(x) && !ArrayBuffer.isView(x);
  const root = visit(x, isObjectRoot ? '' : rootName, (holder) => ({
    target: holder as never,
    key: 'value',
  }));
  return { root, blocks, n, float32 };
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
