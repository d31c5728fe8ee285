/**
 * The working copy of an input: one mutable value of the input's shape, whose coordinates the check
 * reads and writes in place, one at a time or a whole direction at once. It is what f is called with,
 * so that a check allocates nothing per coordinate.
 */
import type { Block, Holder, MutableSlots } from './flatten.js';

/**
 * The values of a point, as the check holds them: float64, or float32 where every value of every point
 * is a float32 (a directional check of drawn points: half the memory, and the same numbers).
 */
export type PointValues = Float64Array | Float32Array;

/**
 * What a working copy needs of the Shape that makes it (Shape.working): the number of coordinates and
 * a fresh value holding given ones. Named here, not imported, so that shape.ts and working.ts do not
 * import each other.
 */
export interface Template {
  readonly n: number;
  build(values: ArrayLike<number>): unknown;
}

/**
 * Fewest values a container's bulk copies, moves and comparisons take views for (`set`, `subarray`, the
 * bits of a Float64Array): below it a plain loop, since each view costs a few hundred nanoseconds, and a
 * small check made some twenty of them.
 */
const BULK = 64;

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

  /** A copy of `shape` holding `values`; made by Shape.working, which passes its own blocks. */
  constructor(shape: Template, blocks: readonly Block[], values: ArrayLike<number>, roundToFloat32: boolean) {
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

  /**
   * Whether `view` shares memory with a typed container of this copy: a derivative that returns the
   * input (or a view of it) must be copied before the check moves the input, not read in place.
   */
  shares(view: ArrayBufferView): boolean {
    return this.containers.some((c) => ArrayBuffer.isView(c) && c.buffer === view.buffer);
  }

  /** Reads coordinate i. */
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

  /**
   * Whether every coordinate holds exactly what `writeAll` of `values` wrote: no rounding to float32, by
   * the option or by a Float32Array container, or values that are float32 already.
   */
  keepsExactly(values: PointValues): boolean {
    if (values instanceof Float32Array) return true;
    return !this.roundToFloat32 && !this.containers.some((c) => c instanceof Float32Array);
  }

  /** Copies every coordinate into `out`, container by container. */
  readAll(out: PointValues): void {
    for (let b = 0; b < this.offsets.length; b++) {
      const offset = this.offsets[b]!;
      const key = this.keys[b]!;
      const container = this.containers[b]!;
      if (key !== null) out[offset] = container[key] as number;
      else if (container instanceof Float64Array && this.lengths[b]! >= BULK)
        out.set(container.subarray(0, this.lengths[b]), offset);
      else for (let j = 0, end = this.lengths[b]!; j < end; j++) out[offset + j] = container[j] as number;
    }
  }

  /** Writes every coordinate from `values`. */
  writeAll(values: ArrayLike<number>): void {
    if (values instanceof Float64Array || values instanceof Float32Array)
      this.writeRange(values, 0, values.length);
    else for (let i = 0; i < values.length; i++) this.set(i, values[i]!);
  }

  /**
   * Writes x[i] + c·d[i] into every coordinate, container by container: the noise probe's moves of all n
   * coordinates, without a block lookup per coordinate. Float32 storage rounds as `set` does.
   */
  writeShifted(x: PointValues, d: Float64Array, c: number): void {
    const round = this.roundToFloat32;
    for (let b = 0; b < this.offsets.length; b++) {
      const offset = this.offsets[b]!;
      const key = this.keys[b]!;
      const container = this.containers[b]!;
      if (key !== null) {
        const value = x[offset]! + c * d[offset]!;
        container[key] = round ? Math.fround(value) : value;
        continue;
      }
      for (let j = 0, end = this.lengths[b]!; j < end; j++) {
        const value = x[offset + j]! + c * d[offset + j]!;
        container[j] = round ? Math.fround(value) : value;
      }
    }
  }

  /**
   * The first coordinate whose stored value is not `x[i]` (Object.is: a -0 turned into 0 counts), or -1:
   * the mutation check after every call of f, as one pass over the containers.
   */
  firstDifference(x: PointValues): number {
    for (let b = 0; b < this.offsets.length; b++) {
      const offset = this.offsets[b]!;
      const key = this.keys[b]!;
      const container = this.containers[b]!;
      if (key !== null) {
        if (!Object.is(container[key], x[offset])) return offset;
        continue;
      }
      const end = this.lengths[b]!;
      for (
        let j = container instanceof Float64Array && end >= BULK ? sameValues(container, x, offset, end) : 0;
        j < end;
        j++
      ) {
        const v = container[j] as number;
        // A plain comparison first: Object.is only where they are equal (a zero's sign) or NaN.
        if (v !== x[offset + j] || v === 0 || Number.isNaN(v)) {
          if (!Object.is(v, x[offset + j])) return offset + j;
        }
      }
    }
    return -1;
  }

  /**
   * Writes x[i] + c·d[i] into every coordinate i in [lo, hi), container by container: the bulk form of
   * `set` that directional mode uses to move a million coordinates at once (one monomorphic loop per
   * container instead of a lookup per coordinate). Float32 storage rounds as `set` does.
   */
  moveAlong(x: PointValues, d: Float32Array, c: number, lo: number, hi: number): void {
    for (let b = this.seek(lo); b < this.offsets.length && this.offsets[b]! < hi; b++) {
      const offset = this.offsets[b]!;
      const start = Math.max(lo, offset);
      const end = Math.min(hi, offset + this.lengths[b]!);
      const container = this.containers[b]!;
      if (this.keys[b] !== null) {
        for (let i = start; i < end; i++) this.set(i, x[i]! + c * d[i]!);
      } else if (container instanceof Float64Array || container instanceof Float32Array) {
        if (end - start < BULK) {
          for (let i = start; i < end; i++) container[i - offset] = x[i]! + c * d[i]!;
          continue;
        }
        shift(
          container.subarray(start - offset, end - offset),
          x.subarray(start, end),
          d.subarray(start, end),
          c,
        );
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

  /**
   * Writes x[i] into every coordinate i in [lo, hi): moveAlong with c = 0, as a copy where the container
   * is a typed array (a tenth of the time of the loop at n = 1e6: directional mode restores its point
   * after every difference). Float32 storage rounds as `set` does: a Float32Array by its own conversion,
   * a Float64Array that stores float32 values through `set`.
   */
  writeRange(x: PointValues, lo: number, hi: number): void {
    for (let b = this.seek(lo); b < this.offsets.length && this.offsets[b]! < hi; b++) {
      const offset = this.offsets[b]!;
      const start = Math.max(lo, offset);
      const end = Math.min(hi, offset + this.lengths[b]!);
      const container = this.containers[b]!;
      // Float32 values need no rounding: a copy stores them as `set` would.
      const copies =
        container instanceof Float32Array ||
        (container instanceof Float64Array && (!this.roundToFloat32 || x instanceof Float32Array));
      if (this.keys[b] === null && copies && end - start >= BULK) {
        container.set(x.subarray(start, end), start - offset);
      } else {
        for (let i = start; i < end; i++) this.set(i, x[i]!);
      }
    }
  }
}

/**
 * out[i] = x[i] + c·d[i], eight at a time: V8 does not unroll loops, and the unrolled loop takes half the
 * time of the plain one at n = 1e6 (1.1 ms against 2.1), the same values. Directional mode makes ten such
 * moves a sample.
 */
function shift(out: Float64Array | Float32Array, x: PointValues, d: Float32Array, c: number): void {
  const n = out.length;
  let i = 0;
  for (; i + 7 < n; i += 8) {
    out[i] = x[i]! + c * d[i]!;
    out[i + 1] = x[i + 1]! + c * d[i + 1]!;
    out[i + 2] = x[i + 2]! + c * d[i + 2]!;
    out[i + 3] = x[i + 3]! + c * d[i + 3]!;
    out[i + 4] = x[i + 4]! + c * d[i + 4]!;
    out[i + 5] = x[i + 5]! + c * d[i + 5]!;
    out[i + 6] = x[i + 6]! + c * d[i + 6]!;
    out[i + 7] = x[i + 7]! + c * d[i + 7]!;
  }
  for (; i < n; i++) out[i] = x[i]! + c * d[i]!;
}

/**
 * How many leading values of `container` are x[offset …] (a multiple of 4, at most `end`): the mutation
 * check's fast path, four at a time. Equal numbers none of which is 0 are the same number (Object.is;
 * NaN is never equal), and the first block that differs or holds a 0 (or a product that underflows) is
 * left to the exact comparison. As fast as comparing the bits of two Float64Arrays (1.2 ms at n = 1e6,
 * against 2.2 for the plain loop), and it compares a float32 point too.
 */
function sameValues(container: Float64Array, x: PointValues, offset: number, end: number): number {
  let k = 0;
  for (; k + 3 < end; k += 4) {
    const a0 = container[k]!;
    const a1 = container[k + 1]!;
    const a2 = container[k + 2]!;
    const a3 = container[k + 3]!;
    const o = offset + k;
    if (a0 !== x[o] || a1 !== x[o + 1] || a2 !== x[o + 2] || a3 !== x[o + 3] || a0 * a1 * a2 * a3 === 0)
      break;
  }
  return k;
}
