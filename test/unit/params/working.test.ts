/**
 * Working's bulk operations, which directional mode runs over a million coordinates: each must store
 * exactly what the per-coordinate `set` of the same values would, over any range of any blocks.
 */
import { describe, expect, it } from 'vitest';
import { Shape } from '../../../src/params/shape.js';

/** An input of every kind of block: a Float64Array, a Float32Array, a plain array and a bare number. */
function input() {
  return {
    a: new Float64Array(21),
    b: new Float32Array(13),
    c: Array.from({ length: 9 }, () => 0),
    s: 0,
    d: new Float64Array(8),
  };
}

describe('Working, bulk', () => {
  const shape = Shape.of(input());
  const n = shape.n;
  const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1) * (1 + i));
  const d = Float32Array.from({ length: n }, (_, i) => Math.cos(3 * i + 2));
  const c = 1e-3 / 3;

  it('moveAlong stores x[i] + c·d[i] in [lo, hi) and leaves the rest, as set would', () => {
    for (const [lo, hi] of [
      [0, n],
      [3, 30],
      [21, 34],
      [5, 6],
      [40, n],
    ] as const) {
      const bulk = shape.working(new Float64Array(n));
      const each = shape.working(new Float64Array(n));
      bulk.moveAlong(x, d, c, lo, hi);
      for (let i = lo; i < hi; i++) each.set(i, x[i]! + c * d[i]!);
      for (let i = 0; i < n; i++)
        expect(Object.is(bulk.get(i), each.get(i)), `${lo}–${hi} at ${i}`).toBe(true);
    }
  });

  it('firstDifference finds the first value that is not the same number, a zero of the other sign too', () => {
    // The point as its working copy holds it (the Float32Array block rounds it).
    const point = new Float64Array(n);
    shape.working(x).readAll(point);
    const reference = (working: ReturnType<typeof shape.working>) => {
      for (let i = 0; i < n; i++) if (!Object.is(working.get(i), point[i])) return i;
      return -1;
    };
    const at = [0, 1, 7, 8, 9, 16, 20, 21, 25, 40, 45, 50, n - 1];
    for (const i of at) {
      for (const written of [x[i]! + 1, Number.NaN, 0, -0]) {
        const working = shape.working(point);
        expect(working.firstDifference(point)).toBe(-1);
        working.set(i, written);
        expect(working.firstDifference(point), `${written} at ${i}`).toBe(reference(working));
      }
    }
    const zeros = Float64Array.from(point, (v, i) => (i % 5 === 0 ? 0 : v));
    const working = shape.working(zeros);
    working.set(10, -0);
    expect(working.firstDifference(zeros)).toBe(10);
  });

  it('firstDifference compares a long Float64Array block four at a time, to a float64 or a float32 point', () => {
    // 203 values: the fast path (sameValues) from 64 on, blocks of 4 and a tail. Tiny values make a
    // product of four underflow to 0, which only hands the block to the exact comparison.
    const long = Shape.of({ w: new Float64Array(203), s: 0 });
    const size = long.n;
    const values = Float32Array.from({ length: size }, (_, i) =>
      i % 17 === 0 ? 0 : Math.sin(i + 1) * (i % 3 === 0 ? 1e-30 : 1),
    );
    for (const point of [Float64Array.from(values), values]) {
      const reference = (working: ReturnType<typeof long.working>) => {
        for (let i = 0; i < size; i++) if (!Object.is(working.get(i), point[i])) return i;
        return -1;
      };
      for (const i of [0, 3, 4, 63, 64, 65, 100, 199, 200, 201, 202, 203]) {
        for (const written of [point[i]! * (1 + 2 ** -40), Number.NaN, 0, -0, point[i]! + 1]) {
          const working = long.working(point);
          expect(working.firstDifference(point)).toBe(-1);
          working.set(i, written);
          expect(working.firstDifference(point), `${written} at ${i} (${point.constructor.name})`).toBe(
            reference(working),
          );
        }
      }
    }
  });

  it('shares says whether a view is over the memory of a typed container of the copy', () => {
    const working = shape.working(x);
    const value = working.value as ReturnType<typeof input>;
    expect(working.shares(value.a)).toBe(true);
    expect(working.shares(value.d.subarray(2, 5))).toBe(true);
    expect(working.shares(value.b)).toBe(true);
    expect(working.shares(Float64Array.from(value.a))).toBe(false);
    expect(working.shares(new Float64Array(n))).toBe(false);
  });

  it('keepsExactly says whether a point reads back as written, so that its read-back pass can be skipped', () => {
    // The shape has a Float32Array block, which rounds a float64 value; float32 values it holds exactly.
    expect(shape.working(x).keepsExactly(x)).toBe(false);
    expect(shape.working(x).keepsExactly(Float32Array.from(x))).toBe(true);
    const plain = Shape.of({ a: new Float64Array(3), c: [0, 0], s: 0 });
    const values = Float64Array.from([0.1, -0, 3e-320, 1 / 3, 5, 7]);
    for (const rounding of [false, true]) {
      const working = plain.working(values, rounding);
      working.writeAll(values);
      const back = new Float64Array(values.length);
      working.readAll(back);
      const exact = values.every((v, i) => Object.is(v, back[i]));
      expect(working.keepsExactly(values)).toBe(exact);
      expect(exact).toBe(!rounding);
    }
  });
});
