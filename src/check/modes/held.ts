/**
 * The derivative of a directional sample read in place (Outputs.derivativeInPlace): at n = 1e6 a copy of
 * the gradient is 8 MB and a pass over it, and a gradient that fills an array of its own, or returns a
 * fresh one, is read through the sample as it is. Unsafe only when something rewrites that array while
 * the sample reads it: f writing to a buffer it shares with the gradient (a value-and-gradient cache), or
 * a gradient that returns the input (never read in place: the working copy moves). So the array's
 * fingerprint, taken when it was read, is taken again after its last use in the sample; where it changed,
 * the sample runs again, with the derivative copied from then on. Driven by directional.ts.
 */
import type { Problem } from '../../types.js';
import { fingerprint } from '../per-sample/diagnose.js';
import type { Outputs } from '../per-sample/outputs.js';

/**
 * Largest input whose points the report keeps. A point of a million coordinates, once per sample, would be
 * most of the memory of a check and of the report, and nobody reads it: the seed reproduces it.
 */
export const POINT_KEPT = 10_000;

/** Inputs from which the derivative is read in place: where its copy is most of a check's memory. */
export const IN_PLACE_FROM = 2 ** 16;

/** Whether the derivative a sample reads in place still holds the values it was read with. */
export class HeldDerivative {
  /** The fingerprint of the derivative read in place, or undefined when it was copied. */
  private print: number | undefined;
  /** The largest finite |entry| of the derivative last read (lineContext's `largest`). */
  largest = 0;

  constructor(
    private readonly outputs: Outputs,
    n: number,
  ) {
    outputs.derivativeInPlace = n >= IN_PLACE_FROM;
  }

  /**
   * `vet` (beginMeasured's check of the derivative just read, before any call of f, given its first entry
   * that is not finite), which first notes the derivative's fingerprint, if it was read in place, and its
   * largest finite |entry| (survey): two passes over it for the three.
   */
  watching(
    vet: (analytic: Float64Array, nonfinite: number) => Problem | undefined,
  ): (analytic: Float64Array) => Problem | undefined {
    return (analytic) => {
      const found = survey(analytic);
      this.print = this.outputs.inPlace ? fingerprint(analytic) : undefined;
      this.largest = found.largest;
      return vet(analytic, found.nonfinite);
    };
  }

  /**
   * Whether the derivative held is as it was read. When it is not, every later read copies it, and the
   * sample, whose comparisons read other values than the derivative's at its point, must run again.
   */
  intact(analytic: Float64Array): boolean {
    if (this.print === undefined || fingerprint(analytic) === this.print) return true;
    this.outputs.derivativeInPlace = false;
    this.print = undefined;
    return false;
  }
}

/**
 * What the start of a sample reads off its derivative: its first entry that is not finite (its length if
 * none) and its largest finite |entry| (largestMagnitude). Its fingerprint is taken apart: a call after
 * the loop, which a check below IN_PLACE_FROM never makes, had V8 drop the loop's compiled code at the
 * first large check.
 */
export function survey(values: Float64Array): { nonfinite: number; largest: number } {
  let largest = 0;
  // NaN from the first entry that is not finite on: a finite number less itself is 0, NaN and ±∞ give
  // NaN. Where to stop is looked for only then, so that the loop has no exit (1.1 ms at n = 1e6, where
  // the two loops it replaces took 2.5 ms).
  let sum = 0;
  for (let e = 0; e < values.length; e++) {
    const v = values[e]!;
    sum += v - v;
    const size = Math.abs(v);
    if (size > largest && size !== Number.POSITIVE_INFINITY) largest = size;
  }
  let nonfinite = sum === 0 ? values.length : 0;
  while (nonfinite < values.length && values[nonfinite]! - values[nonfinite]! === 0) nonfinite++;
  return { nonfinite, largest };
}
