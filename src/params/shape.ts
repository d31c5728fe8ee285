/**
 * The Shape of an input: how many coordinates it has, the path of each, and how to turn n numbers back
 * into a value of the input's kind (a fresh value, a plain JSON one, or a working copy), and a value of
 * that kind (a gradient, a point) into n numbers. The check only ever deals in flat vectors; this is
 * where they meet the user's nested parameters.
 */
import { isRevokedProxy } from '../util/describe.js';
import { describeValue, guarded, inputError } from '../util/errors.js';
import { type Block, compareExtras, defineExtras, flatten, keyPath, type Node } from './flatten.js';
import { Working } from './working.js';

/** The layout of one input: number of coordinates, their names, and how to build working copies. */
export class Shape {
  /** The number of coordinates. */
  readonly n: number;
  /** True when any leaf is a Float32Array. */
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
    const { root, blocks, n, float32 } = flatten(x, rootName, what);
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
          // A typed array copies in one call (a million coordinates: 5 ms as a loop, 0.3 ms so), where
          // it is long enough to pay for the view that call needs.
          const typed = values instanceof Float64Array || values instanceof Float32Array;
          if (typed && !Array.isArray(out) && node.length >= 64) {
            out.set(values.subarray(at, at + node.length));
            at += node.length;
          } else {
            for (let i = 0; i < node.length; i++) out[i] = values[at++]!;
          }
          defineExtras(out, node.extras);
          return out;
        }
        case 'list': {
          const out = node.items.map(make);
          defineExtras(out, node.extras);
          return out;
        }
        case 'object': {
          // Own data properties, as in the input: an assignment would make a "__proto__" key the prototype.
          const fields = Object.fromEntries(node.keys.map((key, i) => [key, make(node.items[i]!)]));
          const out = node.nullPrototype ? Object.assign(Object.create(null), fields) : fields;
          defineExtras(out, node.extras);
          return out;
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
        case 'array': {
          const array = new Array<number>(node.length);
          for (let i = 0; i < node.length; i++) array[i] = values[at++]!;
          return array;
        }
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
   * length n is accepted too. Throws a TypeError naming the first path where `value` differs, or where
   * reading it threw (a getter, a Proxy trap). With `sameExtras` (a later point), its containers must
   * also have the extras of the first point, which every copy passed to f carries (see flatten.ts).
   */
  read(value: unknown, out: Float64Array, what: string, sameExtras = false): void {
    if (isRevokedProxy(value)) throw inputError(`${what} is a revoked Proxy, which cannot be read at all.`);
    const progress = { path: '' };
    guarded(
      () => this.readValue(value, out, what, sameExtras, progress),
      () =>
        `${progress.path === '' ? what : `${what} at ${progress.path}`} could not be read: a getter or Proxy trap`,
    );
  }

  /** `read`, which records in `progress` the path it is reading, for the message when reading throws. */
  private readValue(
    value: unknown,
    out: Float64Array,
    what: string,
    sameExtras: boolean,
    progress: { path: string },
  ): void {
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
      progress.path = path;
      const where = path === '' ? what : `${what} at ${path}`;
      if (isRevokedProxy(v)) throw inputError(`${where} is a revoked Proxy, which cannot be read at all.`);
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
          if (v instanceof Float64Array || v instanceof Float32Array) {
            // Every entry of a typed array is a number: one copy, not a check per entry.
            out.set(v, at);
            at += v.length;
            return;
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
          const tag = Object.prototype.toString.call(v).slice(8, -1);
          if (tag === 'Map' || tag === 'Set' || tag === 'WeakMap' || tag === 'WeakSet') {
            // Its entries are no properties: every key would read as missing.
            throw inputError(
              `${where} should be an object with keys ${node.keys.join(', ')}, but received ${describeValue(v)}; a ${tag} is not supported: return a plain object (for a Map, Object.fromEntries(map)).`,
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
            progress.path = keyPath(path, key);
            walk(node.items[i]!, record[key], progress.path);
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
      // Only a message of gradcheck's own gets the hint; what a getter threw goes on to `read` as it is.
      const ours = error instanceof TypeError && error.message.startsWith('gradcheck: ');
      if (ours && flatHint !== '' && at === 0) {
        // The inner message already carries inputError's "gradcheck: " prefix; add it only once.
        const inner = error.message.replace(/^gradcheck: /, '').replace(/\.$/, '');
        throw inputError(`${inner}; expected the input's shape${flatHint}.`);
      }
      throw error;
    }
    // Once the point reads as the shape: only then can its containers be compared, one by one.
    if (sameExtras) compareExtras(this.root, value, what, this.root.kind === 'object' ? '' : this.rootPath());
  }

  /**
   * The parameter blocks, as runs of coordinates: the leaf containers of one named parameter (the rows of
   * `W1`, or `b1`) grouped under its name, the path without trailing indices.
   */
  parameters(): Array<{ name: string; lo: number; hi: number }> {
    const runs: Array<{ name: string; lo: number; hi: number }> = [];
    for (const block of this.blocks) {
      const name = block.path.replace(/(\[\d+\])+$/, '') || block.path;
      const last = runs.at(-1);
      if (last !== undefined && last.name === name && last.hi === block.offset) last.hi += block.length;
      else runs.push({ name, lo: block.offset, hi: block.offset + block.length });
    }
    return runs;
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
