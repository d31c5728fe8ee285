/**
 * Directional mode reads a large gradient in place (check/modes/held.ts): the gradient's own array, not
 * a copy of it, through each sample. The verdicts must be those of a copy when something rewrites that
 * array during the sample, or when the gradient returns the input itself.
 */
import { describe, expect, it } from 'vitest';
import { IN_PLACE_FROM } from '../../../src/check/modes/held.js';
import { checkGradient } from '../../../src/index.js';

const n = IN_PLACE_FROM;
const weights = Float64Array.from({ length: n }, (_, i) => 1 + (i % 5) / 5);
/** The right gradient of Σ w·x², into `out`, with a relative error of `wrong` at `at`. */
const fill = (out: Float64Array, x: Float64Array, at = -1, wrong = 0) => {
  for (let i = 0; i < n; i++) out[i] = 2 * weights[i]! * x[i]!;
  if (at >= 0) out[at]! *= 1 + wrong;
  return out;
};

describe('a gradient read in place', () => {
  it('is judged right when f uses the array the gradient returns as its scratch space', () => {
    // f writes its terms into the gradient's own buffer at every call: read in place without a second
    // look, the check would compare grad·u from f's terms (w·x² at a moved point) and fail a right gradient.
    const shared = new Float64Array(n);
    const f = (x: Float64Array) => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        shared[i] = weights[i]! * x[i]! * x[i]!;
        s += shared[i]!;
      }
      return s;
    };
    const report = checkGradient(f, (x: Float64Array) => fill(shared, x), {
      like: new Float64Array(n),
      mode: 'directional',
      seed: 3,
    });
    expect(report.problems).toEqual([]);
    expect(report.pass).toBe(true);

    const wrong = checkGradient(f, (x: Float64Array) => fill(shared, x, 1234, 1e-3), {
      like: new Float64Array(n),
      mode: 'directional',
      seed: 3,
    });
    expect(wrong.pass).toBe(false);
    expect(new Set(wrong.samples.flatMap((s) => s.localization?.named ?? []))).toEqual(new Set(['x[1234]']));
  });

  it('is copied when the gradient returns the input itself', () => {
    // f = ½Σx², whose gradient is x: the array f is called with, which the check moves along directions.
    const f = (x: Float64Array) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += 0.5 * x[i]! * x[i]!;
      return s;
    };
    const report = checkGradient(f, (x: Float64Array) => x, {
      like: new Float64Array(n),
      mode: 'directional',
      seed: 5,
    });
    expect(report.problems).toEqual([]);
    expect(report.pass).toBe(true);
  });

  it('gives the report of a copy when nothing rewrites it', () => {
    // The same check with the gradient returning a fresh array, one of its own, or a plain array
    // (copied): the same report, number for number.
    const f = (x: Float64Array) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += weights[i]! * x[i]! * x[i]!;
      return s;
    };
    const own = new Float64Array(n);
    const reports = [
      (x: Float64Array) => fill(new Float64Array(n), x, 77, 1e-4),
      (x: Float64Array) => fill(own, x, 77, 1e-4),
      (x: Float64Array) => Array.from(fill(new Float64Array(n), x, 77, 1e-4)),
    ].map((gradient) =>
      checkGradient(f, gradient, { like: new Float64Array(n), mode: 'directional', seed: 9 }),
    );
    const [fresh, ownBuffer, copied] = reports.map((r) => JSON.stringify(r));
    expect(fresh).toBe(copied);
    expect(ownBuffer).toBe(copied);
    expect(reports[0]!.pass).toBe(false);
  });
});
