/**
 * The first-pass stencils: which offsets each method evaluates, how many evaluations of f a coordinate
 * costs, how much each amplifies the noise of f, and how the values combine into a derivative. Pure
 * arithmetic on values of f that the check has already evaluated.
 */
import type { Method } from '../types.js';

/**
 * How much a stencil amplifies the noise of f: the sum of its weights' magnitudes times the step, so
 * that the rounding error of the derivative is at most `amplification · noise / h`.
 */
export const NOISE_AMPLIFICATION: Record<Method, number> = {
  forward: 2,
  central: 1,
  central4: 18 / 12,
  richardson: 1,
};

/** Evaluations of f per coordinate in the first pass. */
export const EVALUATIONS_PER_COORDINATE: Record<Exclude<Method, 'richardson'>, number> = {
  forward: 1,
  central: 2,
  central4: 4,
};

/** Offsets (in multiples of h) that each first-pass stencil evaluates. */
export const STENCIL_OFFSETS: Record<Exclude<Method, 'richardson'>, readonly number[]> = {
  forward: [1],
  central: [1, -1],
  central4: [1, -1, 2, -2],
};

/**
 * Combines the values of f at `x + offset·h` (from `values[at]` on, in the order of STENCIL_OFFSETS)
 * into a derivative, using the steps actually taken.
 */
export function applyStencil(
  method: Exclude<Method, 'richardson'>,
  f0: number,
  values: ArrayLike<number>,
  at: number,
  steps: ArrayLike<number>,
): number {
  switch (method) {
    case 'forward':
      return (values[at]! - f0) / steps[0]!;
    case 'central':
      return (values[at]! - values[at + 1]!) / (steps[0]! - steps[1]!);
    case 'central4': {
      // Steps are made representable one by one, so use the mean step of each pair.
      const h1 = (steps[0]! - steps[1]!) / 2;
      const h2 = (steps[2]! - steps[3]!) / 4;
      const h = (h1 + h2) / 2;
      return (8 * (values[at]! - values[at + 1]!) - (values[at + 2]! - values[at + 3]!)) / (12 * h);
    }
  }
}
