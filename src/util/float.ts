/**
 * The floating-point facts every layer reasons with: the two precisions a check knows, the unit
 * roundoff of each, and the spacing of its subnormal numbers. They are leaves, so that the difference
 * arithmetic, the tolerance rule and the noise probe read them from one place and not from each other.
 */

/** The precision f computes in: IEEE double or single. */
export type Precision = 'float64' | 'float32';

/** Unit roundoff u: the largest relative rounding error of one operation. */
export const UNIT_ROUNDOFF: Record<Precision, number> = { float64: 2 ** -53, float32: 2 ** -24 };

/**
 * The spacing of the subnormal numbers: below the smallest normal number rounding is absolute, not
 * relative, so a value of f near 1e-320 is only known to this much, however small u·|f| is.
 */
export const SUBNORMAL_SPACING: Record<Precision, number> = { float64: 2 ** -1074, float32: 2 ** -149 };

/** The spacing of `precision` numbers at x: the distance from |x| to the next larger representable number. */
export function spacing(x: number, precision: Precision): number {
  const a = Math.abs(x);
  const subnormal = SUBNORMAL_SPACING[precision];
  if (!(a > 0)) return subnormal;
  let exponent = Math.floor(Math.log2(a));
  // log2 rounds up just below a power of two.
  if (2 ** exponent > a) exponent--;
  return Math.max(2 ** (exponent + 1) * UNIT_ROUNDOFF[precision], subnormal);
}
