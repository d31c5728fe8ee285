/**
 * The step of a finite difference: the relative step that balances truncation against rounding for
 * each stencil and precision, and the step it gives at a coordinate. Part of the pure arithmetic on
 * values of f (docs/numerics.md explains the rule).
 */
import type { Method } from '../types.js';
import type { Precision } from '../util/float.js';

/** Machine epsilon, the spacing of floats just above 1. */
const MACHINE_EPSILON: Record<Precision, number> = { float64: 2 ** -52, float32: 2 ** -23 };

/**
 * The relative step of each stencil. A stencil of order p balances truncation (∝ h^p) against
 * rounding (∝ ε/h), which is smallest near h = ε^(1/(p+1)): ∛ε for central differences (6.06e-6 in
 * float64), √ε for forward ones.
 */
export function relativeStep(method: Method, precision: Precision): number {
  const epsilon = MACHINE_EPSILON[precision];
  switch (method) {
    case 'forward':
      return Math.sqrt(epsilon);
    case 'central4':
      return epsilon ** (1 / 5);
    default:
      return Math.cbrt(epsilon);
  }
}

/** The step for a coordinate at x: relative to |x| (never below the relative step itself), or the user's. */
export function stepFor(x: number, relative: number, absolute: number | undefined): number {
  return absolute ?? relative * Math.max(1, Math.abs(x));
}
