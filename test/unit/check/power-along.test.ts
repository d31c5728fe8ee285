/**
 * PowerAccumulator.addAlong, directional mode's loop over a direction's million entries, against `add`
 * entry by entry: the same figures, rounded up to float32 the same way, and the same samples.
 */
import { describe, expect, it } from 'vitest';
import { PowerAccumulator } from '../../../src/check/power.js';

/** The figures an accumulator holds, read through its private fields. */
function figures(accumulator: PowerAccumulator): { least: number[]; where: number[] } {
  const inside = accumulator as unknown as { least: Float32Array; where: Uint16Array };
  return { least: Array.from(inside.least), where: Array.from(inside.where) };
}

describe('PowerAccumulator.addAlong, compact', () => {
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
      const along = new PowerAccumulator(size, true);
      const each = new PowerAccumulator(size, true);
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
});
