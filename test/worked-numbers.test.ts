/**
 * The course's worked example: f(x) = x² at x = 3 with h = 0.01. The notes print 6.1 for the forward
 * difference and 6.045 for the central one; the arithmetic gives 6.01 and 6.
 */
import { describe, expect, it } from 'vitest';
import { checkGradient } from '../src/index.js';

const f = (x: number) => x * x;
const df = (x: number) => 2 * x;
const h = 0.01;

describe('the worked numbers of the course', () => {
  const forward = (f(3 + h) - f(3)) / h;
  const central = (f(3 + h) - f(3 - h)) / (2 * h);

  it('forward difference: (f(3.01) − f(3)) / 0.01 = 6.01', () => {
    // (3 + h)² − 9 = 6h + h², so the quotient is 6 + h.
    expect(Math.abs(forward - 6.01)).toBeLessThan(1e-12);
  });

  it('central difference: (f(3.01) − f(2.99)) / 0.02 = 6, exact for a quadratic', () => {
    // (3 + h)² − (3 − h)² = 12h, so the quotient is 6: the h² terms cancel.
    expect(Math.abs(central - 6)).toBeLessThan(1e-12);
  });

  it("the notes' 6.1 and 6.045 are not what the arithmetic gives", () => {
    expect(Math.abs(forward - 6.1)).toBeGreaterThan(0.08);
    expect(Math.abs(central - 6.045)).toBeGreaterThan(0.04);
    // 6.045 is not even the forward difference; 6.1 would be the forward difference at h = 0.1.
    expect(Math.abs(forward - 6.045)).toBeGreaterThan(0.03);
    expect(Math.abs((f(3.1) - f(3)) / 0.1 - 6.1)).toBeLessThan(1e-12);
  });
});

describe('the worked example through checkGradient', () => {
  it('checkGradient(x => x*x, x => 2*x, { points: [3] }): numeric 6 at x = 3', () => {
    const report = checkGradient(f, df, { points: [3] });
    expect(report.pass).toBe(true);
    expect(report.samples).toHaveLength(1);
    const coordinate = report.samples[0]!.coordinates[0]!;
    expect(coordinate).toMatchObject({ path: 'x', x: 3, analytic: 6, ok: true });
    expect(Math.abs(coordinate.numeric - 6)).toBeLessThan(1e-12);
    expect(report.samples[0]!.value).toBe(9);
  });

  it('the positional form checkGradient(f, g, 0.01, 1e-7, { points: [3] }) uses 0.01 as an absolute step', () => {
    const report = checkGradient(f, df, 0.01, 1e-7, { points: [3] });
    expect(report.pass).toBe(true);
    expect(report.settings).toMatchObject({ eps: 0.01, tol: 1e-7 });
    const coordinate = report.samples[0]!.coordinates[0]!;
    // The step actually taken: 3.01 is not a double, so it is 3.01 − 3 as rounded, not 0.01 exactly.
    expect(coordinate.step).toBe(3.01 - 3);
    expect(Math.abs(coordinate.step - 0.01)).toBeLessThan(1e-15);
    expect(Math.abs(coordinate.numeric - 6)).toBeLessThan(1e-12);
  });

  it('forward differences at h = 0.01 give 6.01, and the check sees the 0.01 of truncation', () => {
    const report = checkGradient(f, df, { points: [3], eps: 0.01, method: 'forward', refine: false });
    const coordinate = report.samples[0]!.coordinates[0]!;
    expect(Math.abs(coordinate.numeric - 6.01)).toBeLessThan(1e-12);
    // Without refinement, a first-order stencil at a large step is 1.7e-3 off in relative terms.
    expect(report.pass).toBe(false);
    // With refinement, Richardson extrapolation removes the truncation error and the check passes.
    const refined = checkGradient(f, df, { points: [3], eps: 0.01, method: 'forward' });
    expect(refined.pass).toBe(true);
    expect(Math.abs(refined.samples[0]!.coordinates[0]!.numeric - 6)).toBeLessThan(1e-9);
  });
});
