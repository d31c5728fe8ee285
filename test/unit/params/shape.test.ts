/**
 * Shape and Working: flattening any input into coordinates, naming each coordinate by its path, building
 * values of the same shape back, and reading gradients (shaped or flat) with errors that name the path.
 */
import { describe, expect, it, vi } from 'vitest';
import { Shape } from '../../../src/params/shape.js';
import { typeErrorOf } from '../../helpers/errors.js';

/** Every coordinate's path, in order. */
function paths(shape: Shape): string[] {
  return Array.from({ length: shape.n }, (_, i) => shape.path(i));
}

/** Reads `value` with `shape` and returns the flat coordinates. */
function flatten(shape: Shape, value: unknown): number[] {
  const out = new Float64Array(shape.n);
  shape.read(value, out, 'value');
  return Array.from(out);
}

describe('Shape.of names every coordinate by its path', () => {
  const cases: Array<{ name: string; input: unknown; paths: string[] }> = [
    { name: 'a number', input: 3, paths: ['x'] },
    { name: 'a number[]', input: [1, 2, 3, 4], paths: ['x[0]', 'x[1]', 'x[2]', 'x[3]'] },
    { name: 'a Float64Array', input: Float64Array.from([1, 2]), paths: ['x[0]', 'x[1]'] },
    { name: 'a Float32Array', input: Float32Array.from([1, 2, 3]), paths: ['x[0]', 'x[1]', 'x[2]'] },
    {
      name: 'nested arrays',
      input: [
        [1, 2, 3],
        [4, 5, 6],
      ],
      paths: ['x[0][0]', 'x[0][1]', 'x[0][2]', 'x[1][0]', 'x[1][1]', 'x[1][2]'],
    },
    {
      name: 'an object of a matrix and a vector',
      input: { W1: [[1], [2], [3]], b1: [1, 2, 3, 4, 5] },
      paths: ['W1[0][0]', 'W1[1][0]', 'W1[2][0]', 'b1[0]', 'b1[1]', 'b1[2]', 'b1[3]', 'b1[4]'],
    },
    {
      name: 'an array of objects',
      input: { layers: [{ b: [1, 2] }, { b: [1, 2, 3, 4, 5], s: 1 }] },
      paths: [
        'layers[0].b[0]',
        'layers[0].b[1]',
        'layers[1].b[0]',
        'layers[1].b[1]',
        'layers[1].b[2]',
        'layers[1].b[3]',
        'layers[1].b[4]',
        'layers[1].s',
      ],
    },
    {
      name: 'keys that are not identifiers',
      input: { 'my key': [1, 2], nested: { 'a-b': 7, '0': 8 } },
      paths: ['["my key"][0]', '["my key"][1]', 'nested["0"]', 'nested["a-b"]'],
    },
    {
      name: 'mixed lists of numbers and arrays',
      input: [1, [2, 3], Float32Array.from([4])],
      paths: ['x[0]', 'x[1][0]', 'x[1][1]', 'x[2][0]'],
    },
  ];

  for (const { name, input, paths: expected } of cases) {
    it(`names the coordinates of ${name}`, () => {
      const shape = Shape.of(input);
      expect(shape.n).toBe(expected.length);
      expect(paths(shape)).toEqual(expected);
    });
  }

  it('names a bare input with the root name it is given', () => {
    expect(paths(Shape.of([1, 2], 'g'))).toEqual(['g[0]', 'g[1]']);
    expect(paths(Shape.of(5, 'g'))).toEqual(['g']);
  });

  it('finds the path of a coordinate deep in a large input (binary search over blocks)', () => {
    const input = { a: 1, layers: Array.from({ length: 30 }, () => ({ W: [[1, 2, 3]], b: [4, 5] })), z: 2 };
    const shape = Shape.of(input);
    expect(shape.n).toBe(2 + 30 * 5);
    expect(shape.path(0)).toBe('a');
    expect(shape.path(1 + 17 * 5 + 2)).toBe('layers[17].W[0][2]');
    expect(shape.path(1 + 17 * 5 + 4)).toBe('layers[17].b[1]');
    expect(shape.path(shape.n - 1)).toBe('z');
  });

  it('marks Float32Array inputs as float32', () => {
    expect(Shape.of(Float32Array.from([1])).float32).toBe(true);
    expect(Shape.of({ a: [1], b: Float32Array.from([1]) }).float32).toBe(true);
    expect(Shape.of(Float64Array.from([1])).float32).toBe(false);
    expect(Shape.of([1, 2]).float32).toBe(false);
  });
});

describe('build, plain and read round-trip every kind of input', () => {
  const inputs: Array<{ name: string; input: unknown }> = [
    { name: 'a number', input: 3 },
    { name: 'a number[]', input: [1, 2, 3] },
    { name: 'a Float64Array', input: Float64Array.from([1, 2]) },
    { name: 'a Float32Array', input: Float32Array.from([1, 2]) },
    { name: 'nested arrays', input: [[1, 2], [3]] },
    {
      name: 'a parameter dict',
      input: { W1: [[1, 2]], b1: Float64Array.from([3, 4]), s: 5, 'my key': [6] },
    },
    {
      name: 'deep objects',
      input: {
        layers: [
          { W: [[1]], b: [2, 3] },
          { W: [[4]], b: [5, 6] },
        ],
      },
    },
  ];

  for (const { name, input } of inputs) {
    it(`round-trips ${name}`, () => {
      const shape = Shape.of(input);
      // Distinct values that float32 can hold, so that every slot is told apart.
      const values = Array.from({ length: shape.n }, (_, i) => 0.5 + i);
      const built = shape.build(values);
      // Same shape: it reads back to the same values, and has the same paths.
      const again = Shape.of(built);
      expect(paths(again)).toEqual(paths(shape));
      expect(again.float32).toBe(shape.float32);
      expect(flatten(shape, built)).toEqual(values);
      // plain() is the JSON-friendly twin: same values, typed arrays turned into arrays.
      const plain = shape.plain(values);
      expect(JSON.parse(JSON.stringify(plain))).toEqual(plain);
      expect(flatten(shape, plain)).toEqual(values);
      // A working copy holds the same values and passes a value of the same shape to f.
      const working = shape.working(values);
      expect(flatten(shape, working.value)).toEqual(values);
      const out = new Float64Array(shape.n);
      working.readAll(out);
      expect(Array.from(out)).toEqual(values);
    });
  }

  it('keeps typed arrays typed in build, and makes them plain arrays in plain', () => {
    const shape = Shape.of({ a: Float64Array.from([1, 2]), b: Float32Array.from([3]), c: [4] });
    const built = shape.build([0.25, 0.5, 0.75, 1]) as Record<string, unknown>;
    expect(built.a).toBeInstanceOf(Float64Array);
    expect(built.b).toBeInstanceOf(Float32Array);
    expect(Array.isArray(built.c)).toBe(true);
    expect(Array.from(built.a as Float64Array)).toEqual([0.25, 0.5]);
    const plain = shape.plain([0.25, 0.5, 0.75, 1]);
    expect(plain).toEqual({ a: [0.25, 0.5], b: [0.75], c: [1] });
  });

  it('copies a long typed container in one call, from float64 and from float32 values', () => {
    // A million coordinates took 5 ms as a loop and 0.3 ms as one copy: a large directional check holds
    // its point in a Float32Array (check/choose-mode.ts), and builds its working copy from it.
    const shape = Shape.of(new Float64Array(100));
    const set = vi.spyOn(Float64Array.prototype, 'set');
    try {
      for (const values of [
        Float64Array.from({ length: 100 }, (_, i) => i / 4),
        Float32Array.from({ length: 100 }, (_, i) => i / 4),
      ]) {
        set.mockClear();
        const built = shape.build(values) as Float64Array;
        expect(Array.from(built)).toEqual(Array.from(values));
        expect(set).toHaveBeenCalledTimes(1);
      }
    } finally {
      set.mockRestore();
    }
  });

  it('builds a value independent of the input it was described from', () => {
    const input = { W: [[1, 2]] };
    const shape = Shape.of(input);
    const built = shape.build([7, 8]) as { W: number[][] };
    expect(built).toEqual({ W: [[7, 8]] });
    expect(input).toEqual({ W: [[1, 2]] });
    expect(built.W).not.toBe(input.W);
  });

  it('writes each coordinate of a working copy into the slot its path names', () => {
    const shape = Shape.of({ layers: [{ b: [0, 0] }, { b: Float64Array.from([0, 0, 0]), s: 0 }], t: 0 });
    const working = shape.working(new Float64Array(shape.n));
    const value = working.value as {
      layers: [{ b: number[] }, { b: Float64Array; s: number }];
      t: number;
    };
    const slots: Record<string, () => number> = {
      'layers[0].b[0]': () => value.layers[0].b[0]!,
      'layers[0].b[1]': () => value.layers[0].b[1]!,
      'layers[1].b[0]': () => value.layers[1].b[0]!,
      'layers[1].b[1]': () => value.layers[1].b[1]!,
      'layers[1].b[2]': () => value.layers[1].b[2]!,
      'layers[1].s': () => value.layers[1].s,
      t: () => value.t,
    };
    expect(Object.keys(slots)).toEqual(paths(shape));
    for (let i = 0; i < shape.n; i++) {
      expect(working.set(i, 10 + i)).toBe(10 + i);
      expect(working.get(i)).toBe(10 + i);
      expect(slots[shape.path(i)]!()).toBe(10 + i);
    }
    // The argument passed to f is the same object throughout: perturbations happen in place.
    expect(working.value).toBe(value);
  });

  it('perturbs a bare number in place of the whole input', () => {
    const working = Shape.of(2).working([2]);
    expect(working.value).toBe(2);
    working.set(0, 2.5);
    expect(working.value).toBe(2.5);
  });

  it('rounds written values to float32 when asked, and not otherwise', () => {
    const shape = Shape.of([0, 0]);
    const exact = shape.working([0.1, 0.2]);
    expect(exact.get(0)).toBe(0.1);
    expect(exact.set(1, 1 / 3)).toBe(1 / 3);
    const rounded = shape.working([0.1, 0.2], true);
    expect(rounded.get(0)).toBe(Math.fround(0.1));
    expect(rounded.set(1, 1 / 3)).toBe(Math.fround(1 / 3));
    expect((rounded.value as number[])[1]).toBe(Math.fround(1 / 3));
    // A Float32Array stores float32 whatever the flag says, and set() returns what it stored.
    const typed = Shape.of(Float32Array.from([0])).working([0]);
    expect(typed.set(0, 1 / 3)).toBe(Math.fround(1 / 3));
  });

  it('writes and reads all coordinates at once', () => {
    const shape = Shape.of({ a: [0, 0], b: 0 });
    const working = shape.working([0, 0, 0]);
    working.writeAll([1, 2, 3]);
    expect(working.value).toEqual({ a: [1, 2], b: 3 });
    const out = new Float64Array(3);
    working.readAll(out);
    expect(Array.from(out)).toEqual([1, 2, 3]);
  });
});

describe('read accepts a flat array of n numbers as a gradient for a structured input', () => {
  const shape = Shape.of({ W1: [[0, 0, 0]], b1: [0, 0] });

  it('accepts a number[] of length n', () => {
    expect(flatten(shape, [1, 2, 3, 4, 5])).toEqual([1, 2, 3, 4, 5]);
  });

  it('accepts a Float64Array or Float32Array of length n', () => {
    expect(flatten(shape, Float64Array.from([1, 2, 3, 4, 5]))).toEqual([1, 2, 3, 4, 5]);
    expect(flatten(shape, Float32Array.from([1, 2, 3, 4, 5]))).toEqual([1, 2, 3, 4, 5]);
  });

  it('accepts the shaped gradient, with typed or plain leaves', () => {
    expect(flatten(shape, { W1: [Float32Array.from([1, 2, 3])], b1: Float64Array.from([4, 5]) })).toEqual([
      1, 2, 3, 4, 5,
    ]);
  });

  it('accepts a flat array for nested arrays and a one-element array for a number', () => {
    expect(flatten(Shape.of([[0, 0], [0]]), [1, 2, 3])).toEqual([1, 2, 3]);
    expect(flatten(Shape.of(0), [4])).toEqual([4]);
  });

  it('rejects a flat array of the wrong length, saying both lengths', () => {
    const message = typeErrorOf(() => flatten(shape, [1, 2, 3, 4]));
    expect(message).toContain('a flat array of 5 numbers');
    expect(message).toContain('an array of length 4');
  });
});

describe('read rejects a value of another shape, naming the first differing path', () => {
  const shape = Shape.of({ W1: [[0, 0, 0]], b1: [0, 0] });

  it('names a leaf array of the wrong length with expected and received lengths', () => {
    const message = typeErrorOf(() => flatten(shape, { W1: [[1, 2, 3]], b1: [1] }));
    expect(message).toBe('gradcheck: value at b1 should have length 2, but has length 1.');
  });

  it('names a nested list of the wrong length', () => {
    const message = typeErrorOf(() => flatten(shape, { W1: [[1, 2, 3], [4]], b1: [1, 2] }));
    expect(message).toContain('value at W1 should have length 1, but has length 2');
  });

  it('names a wrong nesting: a flat row where a matrix was expected', () => {
    const message = typeErrorOf(() => flatten(shape, { W1: [1, 2, 3], b1: [1, 2] }));
    expect(message).toContain(
      'value at W1 should be an array of 1 array, but received a flat array of 3 numbers',
    );
    const square = Shape.of({
      M: [
        [0, 0],
        [0, 0],
      ],
    });
    expect(typeErrorOf(() => flatten(square, { M: [1, 2] }))).toContain(
      'value at M[0] should be an array of 2 numbers, but received 1',
    );
  });

  it('names an entry that is an array where a number was expected', () => {
    const message = typeErrorOf(() => flatten(Shape.of([0, 0]), [[1], 2]));
    expect(message).toContain('value at x[0] should be a number, but received an array of length 1');
  });

  it('names an entry of the wrong type, deep inside', () => {
    const message = typeErrorOf(() => flatten(shape, { W1: [[1, 'a', 3]], b1: [1, 2] }));
    expect(message).toBe('gradcheck: value at W1[0][1] should be a number, but received a string ("a").');
  });

  it('names a missing key and an extra key', () => {
    expect(typeErrorOf(() => flatten(shape, { W1: [[1, 2, 3]] }))).toContain('value is missing b1');
    expect(typeErrorOf(() => flatten(shape, { W1: [[1, 2, 3]], b1: [1, 2], c: 1 }))).toContain(
      'value has c, which the input does not have',
    );
    expect(typeErrorOf(() => flatten(shape, { W1: [[1, 2, 3]], b2: [1, 2] }))).toContain(
      'value is missing b1',
    );
  });

  it('names a missing key deep inside, with its full path', () => {
    const deep = Shape.of({
      layers: [
        { W: [0], b: [0] },
        { W: [0], b: [0] },
      ],
    });
    const message = typeErrorOf(() => flatten(deep, { layers: [{ W: [1], b: [2] }, { W: [3] }] }));
    expect(message).toContain('value is missing layers[1].b');
  });

  it('says an object was expected, with its keys, when it received something else', () => {
    const message = typeErrorOf(() => flatten(shape, 5));
    expect(message).toContain('value should be an object with keys W1, b1, but received 5');
    expect(message).toContain("expected the input's shape (or a flat array of 5 numbers)");
  });

  it('says a number was expected for a scalar input', () => {
    expect(typeErrorOf(() => flatten(Shape.of(0), 'a'))).toBe(
      'gradcheck: value at x should be a number, but received a string ("a").',
    );
  });

  it('prefixes the message with "gradcheck:" exactly once', () => {
    // The flat-array hint is added to an inner message; the prefix must not be repeated.
    for (const bad of [5, { W1: [[1, 2, 3]] }, { W1: [1, 2, 3], b1: [1, 2] }, [1, 2]]) {
      const message = typeErrorOf(() => flatten(shape, bad));
      expect(message.startsWith('gradcheck: ')).toBe(true);
      expect(message).not.toContain('gradcheck: gradcheck:');
    }
  });
});

describe('Shape.of rejects inputs it cannot perturb', () => {
  it('rejects non-finite numbers, naming the path and the value', () => {
    expect(typeErrorOf(() => Shape.of({ a: [1, Number.NaN] }))).toContain('a[1] is NaN');
    expect(typeErrorOf(() => Shape.of(Number.POSITIVE_INFINITY))).toContain('x is Infinity');
    expect(typeErrorOf(() => Shape.of({ t: Float64Array.from([0, -Infinity]) }))).toContain(
      't[1] is -Infinity',
    );
  });

  it('rejects integer typed arrays, naming the type and what is supported', () => {
    const message = typeErrorOf(() => Shape.of({ w: Int32Array.from([1]) }));
    expect(message).toContain('at w is an Int32Array');
    expect(message).toContain('Float64Array and Float32Array');
  });

  it('rejects class instances and other leaves, naming what was received', () => {
    expect(typeErrorOf(() => Shape.of({ m: new Map() }))).toContain('at m is a Map');
    expect(typeErrorOf(() => Shape.of({ s: 'a' }))).toContain('but s is a string ("a")');
    expect(typeErrorOf(() => Shape.of(null))).toContain('but x is null');
  });

  it('rejects cyclic and sparse inputs', () => {
    const cyclic: Record<string, unknown> = { a: [1] };
    cyclic.self = cyclic;
    expect(typeErrorOf(() => Shape.of(cyclic))).toContain('cyclic');
    // biome-ignore lint/suspicious/noSparseArray: a sparse array is the point of this test
    expect(typeErrorOf(() => Shape.of([1, , 3]))).toContain('x[1] is a hole');
  });

  it('accepts the same sub-object twice when it is not a cycle', () => {
    const shared = [1, 2];
    expect(paths(Shape.of({ a: shared, b: shared }))).toEqual(['a[0]', 'a[1]', 'b[0]', 'b[1]']);
  });
});
