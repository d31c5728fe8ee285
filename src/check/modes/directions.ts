/**
 * The random directions of directional mode. A direction u is stored unnormalised as v (float32 is
 * plenty: the same stored v is used for the analytic product and for the perturbation, so its precision
 * does not matter) with u = v/‖v‖. Its components are a hash of (seed, index), so they cost no generator
 * state, and a million of them cost about two passes over the input.
 */
import type { PointValues } from '../../params/working.js';
import { hash32 } from '../../util/hash.js';
import type { Candidates } from '../line.js';

/** What drawing a direction sums on the way: ‖v‖, and over the gradient's row grad·v and Σ|grad_i·v_i|. */
export interface Drawn {
  norm: number;
  /** Σ row_i·v_i, in the order rangeLine's `analytic` sums it: its value before the left-out are zeroed. */
  dot: number;
  /** Σ |row_i·v_i|, likewise. */
  size: number;
}

/**
 * grad·u and Σ|∂f/∂x_i·u_i| (into `magnitude`) of one output from what drawing u summed: what rangeLine's
 * `analytic` gives for that output, where nothing was left out of v.
 */
export function alongDrawn(drawn: Drawn, magnitude: Float64Array): Float64Array {
  magnitude[0] = drawn.size / drawn.norm;
  return Float64Array.of(drawn.dot / drawn.norm);
}

/**
 * Fills `v` with a random direction over the candidates, leaving out `excluded`, and returns ‖v‖ with the
 * sums over `row` (a row of the gradient) that grad·u needs, taken in the same loop: a pass over a million
 * entries less. `dot` and `size` are those of rangeLine's `analytic` only where nothing is left out.
 *
 * Each component is a random sign times a magnitude uniform in [1, 2), times the coordinate's scale
 * max(1, |x|) (1 when the user fixed `eps`). Random signs give every coordinate the same weight in every
 * direction, so that no coordinate is left out by chance (a Gaussian component is below a tenth of its
 * typical size one time in twelve); the random magnitudes keep errors of opposite sign in two coordinates
 * from cancelling exactly. With the step t = h·‖v‖ each coordinate then moves by 1 to 2 times the step h
 * that per-coordinate mode would use for it.
 */
export function drawDirection(
  v: Float32Array,
  seed: number,
  x0: PointValues,
  candidates: Candidates,
  scaled: boolean,
  excluded: ReadonlySet<number>,
  row: Float64Array,
): Drawn {
  let norm2 = 0;
  let dot = 0;
  let size = 0;
  seed |= 0;
  if (candidates === null) {
    // component, inlined: a call per coordinate and the scale's two branches cost half the loop.
    for (let i = 0; i < v.length; i++) {
      const bits = hash32(seed, i);
      const magnitude = 1 + (bits & 0x7fffffff) * 2 ** -31;
      const x = scaled ? Math.abs(x0[i]!) : 0;
      const stored = Math.fround(magnitude * ((bits >> 31) | 1) * (x > 1 ? x : 1));
      v[i] = stored;
      norm2 += stored * stored;
      const term = row[i]! * stored;
      dot += term;
      size += Math.abs(term);
    }
  } else {
    v.fill(0);
    for (const i of candidates) {
      v[i] = component(seed, i, scaled ? x0[i]! : 0);
      const stored = v[i]!;
      norm2 += stored * stored;
      const term = row[i]! * stored;
      dot += term;
      size += Math.abs(term);
    }
  }
  for (const i of excluded) {
    norm2 -= v[i]! * v[i]!;
    v[i] = 0;
  }
  return { norm: Math.sqrt(Math.max(norm2, 0)), dot, size };
}

/**
 * ±(1 + r)·max(1, |x|), with the sign and r in [0, 1) from the hash of (seed, i). The sign is applied
 * without a branch: a branch on a random bit is mispredicted half the time, and costs more than the hash.
 */
function component(seed: number, i: number, x: number): number {
  const bits = hash32(seed, i);
  const magnitude = 1 + (bits & 0x7fffffff) * 2 ** -31;
  const scale = x > 1 ? x : x < -1 ? -x : 1;
  return magnitude * ((bits >> 31) | 1) * scale;
}
