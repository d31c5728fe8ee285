/**
 * Directional mode's compact power store (src/check/compact-power.ts): each figure coded to 16 bits,
 * never below the power proven and at most 2^-7 above it; and CompactPower.addAlong, its loop over a
 * direction's million entries, against `add` entry by entry: the same codes and the same samples.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactPower, decodePower, encodePower } from '../../../src/check/compact-power.js';

/** The codes and samples a store holds, read through its private fields. */
function figures(store: CompactPower): { codes: number[]; where: number[] } {
  const inside = store as unknown as { codes: Uint16Array; where: Uint8Array | Uint16Array };
  return { codes: Array.from(inside.codes), where: Array.from(inside.where) };
}

describe('encodePower', () => {
  it('codes a power at or above it, within 2^-7 of it', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-37, max: 1e38, noNaN: true }), (power) => {
        const coded = decodePower(encodePower(power));
        expect(coded).toBeGreaterThanOrEqual(power);
        expect(coded).toBeLessThanOrEqual(power * (1 + 2 ** -7));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the order of powers, and gives +∞ and NaN no figure', () => {
    expect(encodePower(0)).toBe(0);
    expect(decodePower(encodePower(0.75))).toBe(0.75);
    expect(encodePower(1e-3)).toBeLessThan(encodePower(1.01e-3));
    expect(encodePower(Number.POSITIVE_INFINITY)).toBe(0x7f80);
    expect(encodePower(Number.NaN)).toBeGreaterThanOrEqual(0x7f80);
    expect(encodePower(0 / 0)).toBeGreaterThanOrEqual(0x7f80);
  });
});

describe('CompactPower.addAlong', () => {
  const size = 257;
  const analytic = Float64Array.from({ length: size }, (_, i) =>
    i % 11 === 0 ? 0 : Math.sin(i) * 3 ** (i % 5),
  );
  const direction = (r: number) =>
    Float32Array.from({ length: size }, (_, i) => (i % 13 === 0 ? 0 : Math.cos(7 * i + r)));

  for (const [norm, limit] of [
    [5.5, 1e-3],
    [3, 0.7],
    [1e300, 1e300],
    [2, 0],
  ] as const) {
    // As addAlong: one division where limit·‖v‖ is finite and positive.
    const scaled = limit * norm;
    const fused = Number.isFinite(scaled) && scaled > 0;
    it(`stores what add would, sample after sample (‖v‖ = ${norm}, allowed ${limit})`, () => {
      const along = new CompactPower(size, 4);
      const each = new CompactPower(size, 4);
      for (let sample = 4; sample < 8; sample++) {
        const v = direction(sample);
        along.addAlong(0, analytic, v, norm, limit, sample);
        for (let i = 0; i < size; i++) {
          const term = Math.abs(analytic[i]! * v[i]!);
          if (term > 0) each.add(i, fused ? scaled / term : limit / (term / norm), sample);
        }
      }
      expect(figures(along)).toEqual(figures(each));
    });
  }

  it('stores what add would at any offset, length and count of samples (slots of 1 to 16 bits)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom(1, 2, 3, 4, 5, 16, 17, 256, 257),
        fc.integer({ min: 0, max: 1000 }),
        (length, outputs, samples, seed) => {
          // Output k of m = outputs + 1 starts at k·length: an offset anywhere within a slot of `where`.
          const size = length * (outputs + 1);
          const values = Float64Array.from({ length: size }, (_, e) =>
            (e + seed) % 7 === 0 ? 0 : Math.sin(e + seed) * 2 ** ((e % 9) - 4),
          );
          const along = new CompactPower(size, samples);
          const each = new CompactPower(size, samples);
          for (let sample = 0; sample < Math.min(samples, 6); sample++) {
            const at = sample === 5 ? samples - 1 : sample;
            const v = Float32Array.from({ length }, (_, i) => Math.cos(3 * i + seed + at));
            for (let k = 0; k <= outputs; k++) {
              along.addAlong(k * length, values, v, 2.5, 1e-4, at);
              for (let i = 0; i < length; i++) {
                const term = Math.abs(values[k * length + i]! * v[i]!);
                if (term > 0) each.add(k * length + i, (1e-4 * 2.5) / term, at);
              }
            }
          }
          expect(figures(along)).toEqual(figures(each));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sums up the figures: the median, the least sensitive entry and its sample', () => {
    const store = new CompactPower(5, 3);
    [4, 1, 3, 2].forEach((power, e) => {
      store.add(e, power, 7);
    });
    store.add(0, 0.5, 8);
    expect(store.summary((e) => `x[${e}]`)).toEqual({
      worst: 3,
      path: 'x[2]',
      sample: 7,
      median: 1,
      entries: 4,
    });
  });

  it('keeps each entry its sample, in as few bits as the samples need', () => {
    for (const samples of [1, 2, 3, 4, 5, 16, 17, 256, 300]) {
      const size = 37;
      const store = new CompactPower(size, samples);
      // Entry e's least figure comes from sample 10 + (e·7 mod samples), written over earlier ones.
      for (let s = 0; s < samples; s++) {
        for (let e = 0; e < size; e++) if ((e * 7) % samples >= s) store.add(e, (1 + e) * 0.98 ** s, 10 + s);
      }
      for (let e = 0; e < size; e++) {
        const inside = store as unknown as { sampleOf(e: number): number };
        expect(inside.sampleOf(e), `entry ${e} of ${samples} samples`).toBe(10 + ((e * 7) % samples));
      }
    }
  });
});
