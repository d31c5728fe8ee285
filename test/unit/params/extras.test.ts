/**
 * What a point carries besides its coordinates (an array's named property, an object's symbol-keyed or
 * non-enumerable one) reaches f on every copy gradcheck builds, unperturbed and without a gradient entry;
 * a later point must carry the same, or the check says exactly which property differs.
 */
import { describe, expect, it } from 'vitest';
import { checkGradient } from '../../../src/index.js';
import { Shape } from '../../../src/params/shape.js';
import { typeErrorOf } from '../../helpers/errors.js';

const SCALE = Symbol('scale');

describe('extra properties', () => {
  it('are carried by every value built from the shape, and left out of the plain one', () => {
    const array = Object.assign([1, 2], { scale: 3 });
    const typed = Object.assign(new Float32Array([1, 2]), { scale: 3 });
    const matrix = Object.assign([[1], [2]], { rows: 2 });
    const object = Object.defineProperty({ w: [1], [SCALE]: 3 }, 'hidden', { value: 4 });
    for (const point of [array, typed, matrix, object]) {
      const shape = Shape.of(point);
      const values = new Float64Array(shape.n).fill(0.5);
      const built = shape.build(values) as Record<string | symbol, unknown>;
      const working = shape.working(values).value as Record<string | symbol, unknown>;
      for (const key of Reflect.ownKeys(point).filter(
        (k) => !/^\d+$/.test(String(k)) && k !== 'length' && k !== 'w',
      )) {
        expect(built[key], String(key)).toBe((point as Record<string | symbol, unknown>)[key]);
        expect(working[key], String(key)).toBe((point as Record<string | symbol, unknown>)[key]);
      }
      expect(JSON.stringify(shape.plain(values))).not.toContain('scale');
    }
  });

  it('let a check of an f that reads them pass', () => {
    const f = (x: number[] & { scale: number }) => x.scale * (x[0]! ** 2 + x[1]! ** 2);
    const grad = (x: number[] & { scale: number }) => [2 * x.scale * x[0]!, 2 * x.scale * x[1]!];
    const points = [Object.assign([1, 2], { scale: 3 }), Object.assign([0.5, 0.25], { scale: 3 })];
    expect(checkGradient(f, grad, { points }).pass).toBe(true);
  });

  it('must be the same on every point: the message names the property that differs', () => {
    const f = (x: number[]) => x[0]!;
    const points = [Object.assign([1, 2], { scale: 3 }), [1, 2]];
    expect(typeErrorOf(() => checkGradient(f, () => [1, 0], { points }))).toContain(
      'checkGradient: points[1] at x has no scale, but the first point has scale = 3.',
    );
  });

  it('are not looked for in a container of more than 100 000 items, where listing its keys would cost more than the check', () => {
    const big = Object.assign(new Float64Array(100_001), { scale: 3 });
    expect((Shape.of(big).build(big) as { scale?: number }).scale).toBeUndefined();
    const small = Object.assign(new Float64Array(100_000), { scale: 3 });
    expect((Shape.of(small).build(small) as { scale?: number }).scale).toBe(3);
  });
});
