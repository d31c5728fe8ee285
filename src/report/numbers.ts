/**
 * How the report's text prints numbers: values with 6 significant digits, error sizes in exponent form.
 * One place, so that the summary, the table and the matchers' messages print a number alike.
 */

/** A number with 6 significant digits, without trailing zeros. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e-4 && abs < 1e7) return String(Number(v.toPrecision(6)));
  return v.toExponential(5).replace(/\.?0+e/, 'e');
}

/** An error size with 3 significant digits in exponent form. */
export function formatError(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  return v.toExponential(2);
}
