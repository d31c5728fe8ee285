/**
 * Finite differences: the step rule, steps that are representable (the step used is the step taken),
 * the stencils, the noise estimate, Richardson refinement and the kink test.
 */
import { describe, expect, it } from 'vitest';
import { estimateNoise } from '../../../src/difference/noise.js';
import { extrapolate, kinkSlopes, type Level, refine } from '../../../src/difference/richardson.js';
import {
  applyStencil,
  EVALUATIONS_PER_COORDINATE,
  STENCIL_OFFSETS,
} from '../../../src/difference/stencils.js';
import { relativeStep, stepFor } from '../../../src/difference/steps.js';
import { checkGradient } from '../../../src/index.js';
import { Shape } from '../../../src/params/shape.js';
import { makeRng } from '../../../src/sample/rng.js';

/** Coordinates at many magnitudes: tiny, huge, negative, powers of two, and 1e4. */
const MAGNITUDES = [
  0,
  1e-300,
  -1e-300,
  1e-200,
  1e-10,
  -3e-7,
  2 ** -20,
  0.1,
  -0.1,
  1 / 3,
  0.5,
  1,
  -1,
  2,
  1024,
  2 ** 30,
  -(2 ** 31),
  1e4,
  -1e4,
  12345.678,
  3.7e7,
  1e100,
  -1e150,
  1e300,
  -1e300,
];

describe('the step rule', () => {
  it('uses the optimal relative step of each stencil', () => {
    expect(relativeStep('central', 'float64')).toBe(Math.cbrt(2 ** -52));
    expect(relativeStep('central', 'float64')).toBeCloseTo(6.0555e-6, 9);
    expect(relativeStep('forward', 'float64')).toBe(2 ** -26);
    expect(relativeStep('central4', 'float64')).toBe((2 ** -52) ** (1 / 5));
    expect(relativeStep('richardson', 'float64')).toBe(Math.cbrt(2 ** -52));
    expect(relativeStep('central', 'float32')).toBe(Math.cbrt(2 ** -23));
    expect(relativeStep('forward', 'float32')).toBe(Math.sqrt(2 ** -23));
  });

  it('scales the step with |x|, never below the relative step itself', () => {
    const r = relativeStep('central', 'float64');
    expect(stepFor(0, r, undefined)).toBe(r);
    expect(stepFor(0.5, r, undefined)).toBe(r);
    expect(stepFor(-1, r, undefined)).toBe(r);
    expect(stepFor(1e4, r, undefined)).toBe(r * 1e4);
    expect(stepFor(-1e4, r, undefined)).toBe(r * 1e4);
  });

  it("takes the user's eps as an absolute step, whatever the magnitude of x", () => {
    const r = relativeStep('central', 'float64');
    expect(stepFor(1e6, r, 0.01)).toBe(0.01);
    expect(stepFor(1e-6, r, 0.01)).toBe(0.01);
  });

  it('lists as many stencil offsets as evaluations per coordinate', () => {
    for (const method of ['forward', 'central', 'central4'] as const) {
      expect(STENCIL_OFFSETS[method]).toHaveLength(EVALUATIONS_PER_COORDINATE[method]);
    }
    expect(STENCIL_OFFSETS.central).toEqual([1, -1]);
  });
});

describe('the step is representable: the step used is the step actually taken', () => {
  const relative = relativeStep('central', 'float64');

  for (const x of MAGNITUDES) {
    it(`round-trips x + h and x − h at x = ${x}`, () => {
      const working = Shape.of([x]).working([x]);
      const h = stepFor(x, relative, undefined);
      const up = working.set(0, x + h) - x;
      const storedUp = working.get(0);
      const down = x - working.set(0, x - h);
      const storedDown = working.get(0);
      expect(up).toBeGreaterThan(0);
      expect(down).toBeGreaterThan(0);
      // x + (step taken) lands exactly on the value f saw, on both sides.
      expect(x + up).toBe(storedUp);
      expect(x - down).toBe(storedDown);
      // The steps taken differ from the nominal one by at most the rounding of x ± h.
      expect(Math.abs(up - h)).toBeLessThanOrEqual(2 * Number.EPSILON * Math.max(Math.abs(x), h));
      expect(Math.abs(down - h)).toBeLessThanOrEqual(2 * Number.EPSILON * Math.max(Math.abs(x), h));
      if (Math.abs(x) >= h) {
        // Where x and x ± h are within a factor 2, the subtraction is exact (Sterbenz): no rounding at all.
        expect(storedUp - up).toBe(x);
        expect(storedDown + down).toBe(x);
      }
    });
  }

  it('differentiates f(x) = x to exactly 1 at every magnitude, which only the steps taken can give', () => {
    for (const x of MAGNITUDES) {
      const h = stepFor(x, relative, undefined);
      const report = checkGradient(
        (v: number[]) => v[0]!,
        () => [1],
        {
          points: [[x]],
          precision: 'float64',
        },
      );
      const coordinate = report.samples[0]!.coordinates[0]!;
      expect(coordinate.numeric, `numeric derivative at x = ${x}`).toBe(1);
      // The reported step is the step actually taken to the right.
      expect(coordinate.step, `step at x = ${x}`).toBe(x + h - x);
      expect(report.pass).toBe(true);
    }
  });

  it('gives a different answer with the nominal step, so the test above can fail', () => {
    // Sanity check of the test itself: at x = 0.1 the nominal h is not the step taken.
    const x = 0.1;
    const h = stepFor(x, relative, undefined);
    expect((x + h - (x - h)) / (2 * h)).not.toBe(1);
  });

  it('stores float32-representable perturbed values for a Float32Array input, and uses those steps', () => {
    const relative32 = relativeStep('central', 'float32');
    for (const raw of [1e-30, 0.1, 1 / 3, 1, 3, -7.5, 1e4, 12345.678, 1e30]) {
      const x = Math.fround(raw);
      const working = Shape.of(Float32Array.from([x])).working([x], true);
      const h = stepFor(x, relative32, undefined);
      const up = working.set(0, x + h);
      const down = working.set(0, x - h);
      expect(Math.fround(up)).toBe(up);
      expect(Math.fround(down)).toBe(down);
      expect(x + (up - x)).toBe(up);
      expect(x - (x - down)).toBe(down);

      const seen: number[] = [];
      const report = checkGradient(
        (v: Float32Array) => {
          seen.push(...v);
          return v[0]!;
        },
        () => [1],
        { points: [Float32Array.from([x])] },
      );
      expect(report.settings.precision).toBe('float32');
      expect(seen.every((v) => Math.fround(v) === v)).toBe(true);
      // Exactly 1 only when every difference is divided by the float32 step actually taken.
      expect(report.samples[0]!.coordinates[0]!.numeric).toBe(1);
    }
  });

  it('passes only float32 values to f when precision is float32 for a number[] input', () => {
    const seen: number[] = [];
    const report = checkGradient(
      (v: number[]) => {
        // Only the sweep and refinement are promised float32 steps; record every call anyway.
        seen.push(...v);
        return Math.fround(v[0]! * v[0]! + v[1]!);
      },
      (v) => [2 * v[0]!, 1],
      { dim: 2, precision: 'float32', samples: 1 },
    );
    expect(report.settings.precision).toBe('float32');
    // The point itself (value and repeat: the first 2 calls) and every value of the sweep and of any
    // refinement (after the 6 calls of the noise probe) are float32.
    expect(seen.slice(0, 2 * 2).every((v) => Math.fround(v) === v)).toBe(true);
    const sweep = seen.slice(2 * 8);
    expect(sweep.length).toBeGreaterThanOrEqual(2 * 2 * 2);
    expect(sweep.every((v) => Math.fround(v) === v)).toBe(true);
  });
});

describe('stencils', () => {
  // Dyadic points and steps keep every value exact, so the stencils can be compared with ===.
  const x = 3;
  const h = 2 ** -10;
  const square = (v: number) => v * v;
  const quartic = (v: number) => v ** 4;

  it('central differences are exact for a quadratic', () => {
    const values = [square(x + h), square(x - h)];
    expect(applyStencil('central', square(x), values, 0, [h, -h])).toBe(6);
  });

  it('forward differences carry the first-order truncation error h·f″/2', () => {
    expect(applyStencil('forward', square(x), [square(x + h)], 0, [h])).toBe(6 + h);
  });

  it('the fourth-order stencil is exact for a quartic', () => {
    const g = 2 ** -4;
    const values = [quartic(1 + g), quartic(1 - g), quartic(1 + 2 * g), quartic(1 - 2 * g)];
    expect(applyStencil('central4', 1, values, 0, [g, -g, 2 * g, -2 * g])).toBe(4);
  });

  it('reads its values from the given offset and divides by the steps taken, not nominal ones', () => {
    // Unequal steps: (f(x + a) − f(x − b)) / (a + b).
    const values = [99, 99, 10, 4];
    expect(applyStencil('central', 0, values, 2, [0.5, -0.25])).toBe(6 / 0.75);
  });
});

describe('the noise estimate', () => {
  it('finds no noise in a constant or in an exactly linear function', () => {
    expect(estimateNoise([2, 2, 2, 2, 2, 2, 2])).toBe(0);
    expect(estimateNoise([0, 1, 2, 3, 4, 5, 6])).toBe(0);
  });

  it('finds noise of the right order of magnitude on top of a smooth function', () => {
    const sigma = 1e-6;
    for (let seed = 1; seed <= 8; seed++) {
      const rng = makeRng(seed, 'noise-test');
      const gauss = () => Math.sqrt(-2 * Math.log(rng() || 1e-12)) * Math.cos(2 * Math.PI * rng());
      const values = Array.from({ length: 7 }, (_, j) => Math.sin(1 + (j - 3) * 1e-3) + sigma * gauss());
      const estimate = estimateNoise(values);
      expect(estimate).toBeGreaterThan(sigma / 2);
      expect(estimate).toBeLessThan(8 * sigma);
    }
  });

  it('does not mistake the smooth part of f for noise', () => {
    const values = Array.from({ length: 7 }, (_, j) => Math.exp(1 + (j - 3) * 2 ** -20));
    expect(estimateNoise(values)).toBeLessThan(1e-14);
  });
});

/** Levels of a refinement around x: steps from 16h down to h/4, halving, as the engine takes them. */
function levels(f: (v: number) => number, x: number, h: number): Level[] {
  return [16, 8, 4, 2, 1, 0.5, 0.25].map((multiple) => {
    const s = h * multiple;
    return { up: x + s - x, down: x - (x - s), plus: f(x + s), minus: f(x - s) };
  });
}

describe('refinement', () => {
  const h = 6e-6;
  const noise = 2 ** -53;

  it('extrapolates to a far more accurate derivative of a smooth function', () => {
    const estimate = refine(Math.sin(1), levels(Math.sin, 1, h), noise);
    expect(Math.abs(estimate.value - Math.cos(1))).toBeLessThan(1e-10);
    expect(estimate.error).toBeLessThan(1e-9);
    expect(estimate.slopes).toBeUndefined();
    expect(estimate.oneSided).toBeUndefined();
  });

  it('raises the order: Richardson on O(h²) estimates removes the h² term', () => {
    // Central differences of x³ at 1 are 3 + s²: exact after one round of extrapolation.
    const steps = [2 ** -4, 2 ** -5, 2 ** -6];
    const estimates = steps.map((s) => 3 + s * s);
    const best = extrapolate(estimates, steps, 2, () => 0);
    expect(best.value).toBe(3);
    expect(best.order).toBeGreaterThanOrEqual(4);
  });

  it('finds the one-sided slopes of a kink', () => {
    const estimate = refine(0, levels(Math.abs, 0, h), noise);
    expect(estimate.slopes).toEqual({ left: -1, right: 1 });
    const ramp = (v: number) => 3 * Math.max(0, v) + v;
    expect(kinkSlopes(0, levels(ramp, 0, h), noise)).toEqual({ left: 1, right: 4, near: false });
  });

  it('sees no kink where f is smooth', () => {
    expect(kinkSlopes(Math.exp(1), levels(Math.exp, 1, h), noise)).toBeUndefined();
    expect(
      kinkSlopes(
        0,
        levels((v) => v * v, 0, h),
        noise,
      ),
    ).toBeUndefined();
  });

  it('uses a one-sided stencil at the edge of the domain', () => {
    const edge = (v: number) => (v < 0 ? Number.NaN : Math.sqrt(v + 1) - 1);
    const estimate = refine(0, levels(edge, 0, h), noise);
    expect(estimate.oneSided).toBe('right');
    expect(estimate.value).toBeCloseTo(0.5, 8);
    const mirrored = refine(
      0,
      levels((v) => edge(-v), 0, h),
      noise,
    );
    expect(mirrored.oneSided).toBe('left');
    expect(mirrored.value).toBeCloseTo(-0.5, 8);
  });

  it('reports no estimate when f is not finite on either side', () => {
    const estimate = refine(
      0,
      levels(() => Number.NaN, 0, h),
      noise,
    );
    expect(estimate.nonfinite).toBe(true);
    expect(estimate.value).toBeNaN();
    expect(estimate.error).toBe(Number.POSITIVE_INFINITY);
  });
});
