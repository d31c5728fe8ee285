/**
 * The noise of f, estimated from its values along a line (after Moré and Wild's ECnoise). The rounding
 * error of every difference, and so the tolerance and the choice of step, rest on this estimate.
 */

/**
 * Estimates the noise (standard deviation) of f from values at equally spaced points, after Moré and
 * Wild's ECnoise: differences of increasing order remove the smooth part of f; when successive orders
 * agree, what is left is noise. Returns 0 when the values do not reveal any noise.
 */
export function estimateNoise(values: readonly number[]): number {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi === lo) return 0;
  // Scaled by a power of 2 (exact) so that squares of differences of huge values (1e300) do not overflow.
  const scale = 2 ** Math.ceil(Math.log2(Math.max(Math.abs(lo), Math.abs(hi))));
  return scale * noiseOfScaled(values.map((v) => v / scale));
}

function noiseOfScaled(values: readonly number[]): number {
  const m = values.length;
  const table = values.slice();
  const levels: number[] = [0];
  const signChange: boolean[] = [false];
  let gamma = 1;
  for (let k = 1; k < m; k++) {
    for (let i = 0; i < m - k; i++) table[i] = table[i + 1]! - table[i]!;
    gamma = (gamma * k) / (2 * k - 1);
    let sum = 0;
    let positive = false;
    let negative = false;
    for (let i = 0; i < m - k; i++) {
      sum += table[i]! * table[i]!;
      if (table[i]! > 0) positive = true;
      if (table[i]! < 0) negative = true;
    }
    levels.push(Math.sqrt((gamma * sum) / (m - k)));
    signChange.push(positive && negative);
  }
  for (let k = 1; k + 2 < m; k++) {
    const window = levels.slice(k, k + 3);
    const emin = Math.min(...window);
    const emax = Math.max(...window);
    if (emax <= 4 * emin && signChange[k]) return levels[k]!;
  }
  // No order settled: every level still bounds noise plus smooth variation, so the least is an upper bound.
  return Math.min(...levels.slice(1));
}
