/**
 * The seeded source (src/sample/rng.ts): seedrandom's state for a seed and stream seeds sfc32, once per
 * seed and stream. A stream replays exactly, whether its state came from seedrandom or from the cache;
 * streams and seeds differ; and the doubles are uniform on [0, 1) with 53 random bits.
 */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { drawValue, makeRng, Stream } from '../../../src/sample/rng.js';

const draws = (rng: () => number, count: number) => Array.from({ length: count }, () => rng());

describe('makeRng', () => {
  it('replays a stream exactly, the first time and from the cache', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.string()), fc.string(), (seed, stream) => {
        const first = draws(makeRng(seed, stream), 8);
        expect(draws(makeRng(seed, stream), 8)).toEqual(first);
      }),
    );
  });

  it('gives other numbers for another seed or another stream', () => {
    const base = draws(makeRng(7, 'points'), 4);
    expect(draws(makeRng(8, 'points'), 4)).not.toEqual(base);
    expect(draws(makeRng(7, 'noise'), 4)).not.toEqual(base);
  });

  it('is seeded by seedrandom: the state of `seed:stream` decides the stream', () => {
    // sfc32 from the four int32 of seedrandom('3:points'), as rng.ts documents it.
    const prng = seedrandom('3:points');
    let [a, b, c, d] = [prng.int32(), prng.int32(), prng.int32(), prng.int32()];
    const next = () => {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      return t >>> 0;
    };
    const expected = Array.from({ length: 5 }, () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 2 ** 53);
    expect(draws(makeRng(3, 'points'), 5)).toEqual(expected);
  });

  it('draws uniformly on [0, 1), with low bits that vary', () => {
    const values = draws(makeRng('uniform', 'test'), 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    // Each decile holds about a tenth of the draws (a χ² far beyond 9 degrees of freedom would show bias).
    const counts = new Array<number>(10).fill(0);
    for (const v of values) counts[Math.floor(v * 10)]!++;
    const chi2 = counts.reduce((s, c) => s + (c - 2000) ** 2 / 2000, 0);
    expect(chi2).toBeLessThan(30);
    // Bits below 2^-32 are random too: the double is built from two 32-bit outputs.
    const low = values.filter((v) => Math.floor(v * 2 ** 52) % 2 === 1).length;
    expect(Math.abs(low / values.length - 0.5)).toBeLessThan(0.03);
  });

  it('fills exactly the values that drawValue gives from the same stream, and leaves it where they do', () => {
    // Stream.fill keeps sfc32's state in locals: it must stay the draw of `double`, bit for bit.
    for (const [lo, hi] of [
      [-1, 1],
      [0.5, 3],
      [-Number.MAX_VALUE, Number.MAX_VALUE],
    ] as const) {
      const filled = new Stream(11, 'fill');
      const drawn = new Stream(11, 'fill');
      const out = new Float64Array(257);
      filled.fill(out, lo, hi);
      const expected = Float64Array.from({ length: 257 }, () => drawValue(() => drawn.double(), lo, hi));
      expect(out).toEqual(expected);
      expect(filled.double()).toBe(drawn.double());
    }
  });
});
