import type { NumericArray, Params } from '../types.js';
import { article, describeValue, inputError } from '../util/errors.js';

/**
 * The shape of an input, independent of its values: which containers hold which coordinates, and how
 * each coordinate is named. Paths are built on demand, because a million path strings would cost far
 * more memory than the check itself.
 */
type Node =
  | { kind: 'scalar' }
  | { kind: 'array'; length: number; container: 'array' | 'f64' | 'f32' }
  | { kind: 'list'; items: Node[] }
  | { kind: 'object'; keys: string[]; items: Node[]; nullPrototype: boolean };

/** A run of coordinates that live in one container: all of an array, or one field of an object. */
interface Block {
  offset: number;
  length: number;
  /** Path of the container (array block) or of the coordinate itself (field block). */
  path: string;
  /** True for a single scalar field (its path is whole), false for an array of coordinates. */
  field: boolean;
  /** Where the value sits in a working copy: an array, or the parent of a field. */
  locate: (root: Holder) => { target: MutableSlots; key: number | string | null };
}

type MutableSlots = { [key: string | number]: unknown };
interface Holder {
  value: unknown;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function keyPath(parent: string, key: string): string {
  const part = IDENTIFIER.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (parent === '') return part;
  return part.startsWith('[') ? `${parent}${part}` : `${parent}.${part}`;
}

/** The layout of one input: number of coordinates, their names, and how to build working copies. */
export class Shape {
  readonly n: number;
  readonly float32: boolean;
  private readonly blocks: Block[];
  private readonly root: Node;

  private constructor(root: Node, blocks: Block[], n: number, float32: boolean) {
    this.root = root;
    this.blocks = blocks;
    this.n = n;
    this.float32 = float32;
  }

  /**
   * Describes `x`, or throws a TypeError that names the offending path. `rootName` names a bare number
   * or array (`x`, `x[3]`); the keys of an object name themselves (`W1[2][0]`).
   */
  static of(x: unknown, rootName = 'x', what = 'input'): Shape {
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
        if (seen.has(value))
          throw inputError(`${what} is cyclic: ${path} refers back to one of its parents.`);
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
        if (seen.has(value))
          throw inputError(`${what} is cyclic: ${path} refers back to one of its parents.`);
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
    return new Shape(root, blocks, n, float32);
  }

  /** The readable path of coordinate `i`. */
  path(i: number): string {
    const block = this.blocks[this.blockIndex(i)]!;
    return block.field ? block.path : `${block.path}[${i - block.offset}]`;
  }

  private blockIndex(i: number): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.blocks[mid]!.offset <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Builds a fresh value of this shape holding `values` (typed arrays stay typed). */
  build(values: ArrayLike<number>): unknown {
    let at = 0;
    const make = (node: Node): unknown => {
      switch (node.kind) {
        case 'scalar':
          return values[at++];
        case 'array': {
          const out =
            node.container === 'f64'
              ? new Float64Array(node.length)
              : node.container === 'f32'
                ? new Float32Array(node.length)
                : new Array<number>(node.length);
          for (let i = 0; i < node.length; i++) out[i] = values[at++]!;
          return out;
        }
        case 'list':
          return node.items.map(make);
        case 'object': {
          // Own data properties, as in the input: an assignment would make a "__proto__" key the prototype.
          const out = Object.fromEntries(node.keys.map((key, i) => [key, make(node.items[i]!)]));
          return node.nullPrototype ? Object.assign(Object.create(null), out) : out;
        }
      }
    };
    return make(this.root);
  }

  /** Like `build`, but every container is a plain array, so that the result is JSON-serialisable. */
  plain(values: ArrayLike<number>): unknown {
    let at = 0;
    const make = (node: Node): unknown => {
      switch (node.kind) {
        case 'scalar':
          return values[at++];
        case 'array':
          return Array.from({ length: node.length }, () => values[at++]!);
        case 'list':
          return node.items.map(make);
        case 'object':
          return Object.fromEntries(node.keys.map((key, i) => [key, make(node.items[i]!)]));
      }
    };
    return make(this.root);
  }

  /** A mutable copy holding `values`, whose coordinates can be perturbed in place. */
  working(values: ArrayLike<number>, roundToFloat32 = false): Working {
    return new Working(this, this.blocks, values, roundToFloat32);
  }

  /**
   * Reads a value of this shape (a gradient, or a point) into `out`. A flat array or typed array of
   * length n is accepted too. Throws a TypeError naming the first path where `value` differs.
   */
  read(value: unknown, out: Float64Array, what: string): void {
    if (
      (Array.isArray(value) || value instanceof Float64Array || value instanceof Float32Array) &&
      !this.isFlat()
    ) {
      if (
        value.length === this.n &&
        Array.from(value as ArrayLike<unknown>).every((v) => typeof v === 'number')
      ) {
        for (let i = 0; i < this.n; i++) out[i] = (value as ArrayLike<number>)[i]!;
        return;
      }
    }
    let at = 0;
    const walk = (node: Node, v: unknown, path: string): void => {
      const where = path === '' ? what : `${what} at ${path}`;
      switch (node.kind) {
        case 'scalar':
          if (typeof v !== 'number')
            throw inputError(`${where} should be a number, but received ${describeValue(v)}.`);
          out[at++] = v;
          return;
        case 'array': {
          if (!(Array.isArray(v) || v instanceof Float64Array || v instanceof Float32Array)) {
            throw inputError(
              `${where} should be an array of ${node.length} numbers, but received ${describeValue(v)}.`,
            );
          }
          if (v.length !== node.length) {
            throw inputError(`${where} should have length ${node.length}, but has length ${v.length}.`);
          }
          for (let i = 0; i < node.length; i++) {
            const item = (v as ArrayLike<unknown>)[i];
            if (typeof item !== 'number') {
              throw inputError(
                `${what} at ${path}[${i}] should be a number, but received ${describeValue(item)}.`,
              );
            }
            out[at++] = item;
          }
          return;
        }
        case 'list': {
          const expected = `an array of ${itemsWord(node.items)}`;
          if (!Array.isArray(v)) {
            throw inputError(`${where} should be ${expected}, but received ${describeValue(v)}.`);
          }
          if (v.length > 0 && v.length !== node.items.length && v.every((item) => typeof item === 'number')) {
            // Flat where the input nests (a vector for a matrix): say so, rather than compare lengths.
            throw inputError(
              `${where} should be ${expected}, but received a flat array of ${v.length} numbers.`,
            );
          }
          if (v.length !== node.items.length) {
            throw inputError(`${where} should have length ${node.items.length}, but has length ${v.length}.`);
          }
          node.items.forEach((item, i) => {
            walk(item, v[i], `${path}[${i}]`);
          });
          return;
        }
        case 'object': {
          if (v === null || typeof v !== 'object' || Array.isArray(v)) {
            throw inputError(
              `${where} should be an object with keys ${node.keys.join(', ')}, but received ${describeValue(v)}.`,
            );
          }
          const record = v as Record<string, unknown>;
          const missing = node.keys.find((key) => !(key in record));
          const extra = Object.keys(record).find((key) => !node.keys.includes(key));
          if (missing !== undefined) {
            // A misspelt key is missing under one name and extra under another: name both.
            const instead = extra === undefined ? '' : ` and has ${keyPath(path, extra)} instead`;
            throw inputError(`${what} is missing ${keyPath(path, missing)}${instead}.`);
          }
          if (extra !== undefined)
            throw inputError(`${what} has ${keyPath(path, extra)}, which the input does not have.`);
          node.keys.forEach((key, i) => {
            walk(node.items[i]!, record[key], keyPath(path, key));
          });
          return;
        }
      }
    };
    const flatHint =
      this.n > 0 && this.root.kind !== 'scalar' ? ` (or a flat array of ${this.n} numbers)` : '';
    try {
      walk(this.root, value, this.root.kind === 'object' ? '' : this.rootPath());
    } catch (error) {
      if (error instanceof TypeError && flatHint !== '' && at === 0) {
        // The inner message already carries inputError's "gradcheck: " prefix; add it only once.
        const inner = error.message.replace(/^gradcheck: /, '').replace(/\.$/, '');
        throw inputError(`${inner}; expected the input's shape${flatHint}.`);
      }
      throw error;
    }
  }

  private rootPath(): string {
    return this.blocks[0]?.path.replace(/\[.*$/, '') ?? 'x';
  }

  private isFlat(): boolean {
    return this.root.kind === 'array';
  }
}

/** How many items a nested array holds and what they are, in words: "2 arrays", "1 object", "3 entries". */
function itemsWord(items: readonly Node[]): string {
  const word = items.every((item) => item.kind === 'array' || item.kind === 'list')
    ? 'array'
    : items.every((item) => item.kind === 'object')
      ? 'object'
      : 'entry';
  if (items.length === 1) return `1 ${word}`;
  return `${items.length} ${word === 'entry' ? 'entries' : `${word}s`}`;
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

/**
 * One mutable copy of an input. The checker perturbs one coordinate at a time in place and restores it,
 * so that a check allocates nothing per coordinate.
 */
export class Working {
  private readonly holder: Holder;
  private readonly containers: MutableSlots[];
  private readonly keys: Array<number | string | null>;
  private readonly offsets: Int32Array;
  private readonly lengths: Int32Array;
  /** Round written values to float32, so that float32 code sees exactly the steps taken. */
  roundToFloat32: boolean;
  private cursor = 0;

  constructor(shape: Shape, blocks: readonly Block[], values: ArrayLike<number>, roundToFloat32: boolean) {
    this.roundToFloat32 = roundToFloat32;
    this.holder = { value: shape.build(values) };
    this.containers = [];
    this.keys = [];
    this.offsets = new Int32Array(blocks.length);
    this.lengths = new Int32Array(blocks.length);
    blocks.forEach((block, b) => {
      const { target, key } = block.locate(this.holder);
      this.containers.push(target);
      this.keys.push(key);
      this.offsets[b] = block.offset;
      this.lengths[b] = block.length;
    });
    if (roundToFloat32) for (let i = 0; i < shape.n; i++) this.set(i, this.get(i));
  }

  /** The value to pass to f. */
  get value(): unknown {
    return this.holder.value;
  }

  private seek(i: number): number {
    let b = this.cursor;
    if (i >= this.offsets[b]! && i < this.offsets[b]! + this.lengths[b]!) return b;
    let lo = 0;
    let hi = this.offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    b = lo;
    this.cursor = b;
    return b;
  }

  get(i: number): number {
    const b = this.seek(i);
    const key = this.keys[b]!;
    return (key === null ? this.containers[b]![i - this.offsets[b]!] : this.containers[b]![key]) as number;
  }

  /** Writes coordinate i and returns the value actually stored (float32 storage rounds it). */
  set(i: number, v: number): number {
    const b = this.seek(i);
    const key = this.keys[b]!;
    const container = this.containers[b]!;
    const stored = this.roundToFloat32 ? Math.fround(v) : v;
    if (key === null) {
      const j = i - this.offsets[b]!;
      container[j] = stored;
      return container[j] as number;
    }
    container[key] = stored;
    return stored;
  }

  /** Copies every coordinate into `out`. */
  readAll(out: Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.get(i);
  }

  /** Writes every coordinate from `values`. */
  writeAll(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.set(i, values[i]!);
  }

  /**
   * Writes x[i] + c·d[i] into every coordinate i in [lo, hi), container by container: the bulk form of
   * `set` that directional mode uses to move a million coordinates at once (one monomorphic loop per
   * container instead of a lookup per coordinate). Float32 storage rounds as `set` does.
   */
  moveAlong(x: Float64Array, d: Float32Array, c: number, lo: number, hi: number): void {
    for (let b = this.seek(lo); b < this.offsets.length && this.offsets[b]! < hi; b++) {
      const offset = this.offsets[b]!;
      const start = Math.max(lo, offset);
      const end = Math.min(hi, offset + this.lengths[b]!);
      const container = this.containers[b]!;
      if (this.keys[b] !== null) {
        for (let i = start; i < end; i++) this.set(i, x[i]! + c * d[i]!);
      } else if (container instanceof Float64Array || container instanceof Float32Array) {
        for (let i = start; i < end; i++) container[i - offset] = x[i]! + c * d[i]!;
      } else {
        const array = container as unknown as number[];
        const round = this.roundToFloat32;
        for (let i = start; i < end; i++) {
          const value = x[i]! + c * d[i]!;
          array[i - offset] = round ? Math.fround(value) : value;
        }
      }
    }
  }
}

export type { NumericArray, Params };
