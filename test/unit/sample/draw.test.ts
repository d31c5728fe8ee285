/**
 * Drawing from a domain whose width overflows ([-1.7e308, 1.7e308]): the draws stay finite and inside
 * it, and every other domain keeps the draws it always had, bit for bit (the golden files rest on them).
 */
import { describe, expect, it } from 'vitest';
import { checkGradient } from '../../../src/index.js';
import { drawValue, makeRng } from '../../../src/sample/rng.js';

describe('drawValue', () => {
  it('draws finite values inside a domain wider than the largest double', () => {
    for (const [lo, hi] of [
      [-1.7e308, 1.7e308],
      [-Number.MAX_VALUE, Number.MAX_VALUE],
      [-Number.MAX_VALUE, 1],
    ] as const) {
      const rng = makeRng(1, 'points');
      for (let i = 0; i < 200; i++) {
        const v = drawValue(rng, lo, hi);
        expect(Number.isFinite(v)).toBe(true);
        expect(v >= lo && v <= hi).toBe(true);
      }
    }
  });

  it('draws what it always drew where the width is finite', () => {
    const rng = makeRng(3, 'points');
    const replay = makeRng(3, 'points');
    for (const [lo, hi] of [
      [-1, 1],
      [0.5, 2],
      [-1e300, 1e300],
    ] as const) {
      for (let i = 0; i < 50; i++) {
        const raw = lo + (hi - lo) * replay();
        const rounded = Math.fround(raw);
        expect(drawValue(rng, lo, hi)).toBe(rounded >= lo && rounded <= hi ? rounded : raw);
      }
    }
  });

  it('lets a check pass at such points', () => {
    const report = checkGradient(
      (x: number) => x / 4,
      () => 0.25,
      { domain: [-1.7e308, 1.7e308] },
    );
    expect(report.pass).toBe(true);
    expect(report.samples.every((s) => Number.isFinite(s.point as number))).toBe(true);
  });
});
