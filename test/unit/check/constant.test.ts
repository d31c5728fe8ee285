/**
 * An f that returned one value at every point of a sample while the derivative is not 0 there: constant
 * where it is checked, or caching its value by the identity of its argument (gradcheck passes one working
 * copy, perturbed in place). The 'constant' problem says so; a constant f with a zero gradient, and a
 * float32 f whose values round to one float32, are not accused.
 */
import { describe, expect, it } from 'vitest';
import { checkGradient, formatReport } from '../../../src/index.js';

const sumSq = (x: number[]) => x.reduce((s, v) => s + v * v, 0);
const sumSqGrad = (x: number[]) => x.map((v) => 2 * v);
const kinds = (report: { problems: Array<{ kind: string }> }) => report.problems.map((p) => p.kind);

function cached<X extends object>(fn: (x: X) => number, key: (x: X) => unknown = (x) => x) {
  const cache = new Map<unknown, number>();
  return (x: X) => {
    const k = key(x);
    if (!cache.has(k)) cache.set(k, fn(x));
    return cache.get(k)!;
  };
}

describe('the constant problem', () => {
  it('names identity caching, once for the whole check, in both modes', () => {
    for (const mode of ['coordinate', 'directional'] as const) {
      const report = checkGradient(cached(sumSq), sumSqGrad, { dim: 3, mode });
      expect(report.pass).toBe(false);
      expect(kinds(report)).toEqual(['constant']);
      expect(formatReport(report)).toContain('caches its value by the identity of its argument');
    }
  });

  it('is not raised for a cache keyed by the values', () => {
    const report = checkGradient(
      cached(sumSq, (x) => x.join()),
      sumSqGrad,
      { dim: 3 },
    );
    expect(report.pass).toBe(true);
  });

  it('is not raised for a constant f whose gradient is 0', () => {
    const report = checkGradient(
      () => 3,
      () => [0, 0],
      { dim: 2 },
    );
    expect(report.pass).toBe(true);
    expect(report.problems).toEqual([]);
  });

  it('is raised for a piecewise constant f with a gradient that is not 0, which it says may be right', () => {
    const report = checkGradient(
      (x: number) => Math.floor(4 * x),
      () => 4,
      { domain: [0.1, 0.2] },
    );
    expect(kinds(report)).toContain('constant');
    expect(formatReport(report)).toContain(
      'Either f does not depend on its input there, and the gradient should be 0',
    );
  });

  it('does not accuse a float32 f whose values round to one float32', () => {
    // 1e4 + 1e-6·x: the float32 spacing at 1e4 is 1e-3, far above what x moves it by. No difference of
    // f can see a derivative of 1e-6 there: the check cannot tell, and says so, rather than pass.
    const f = (x: Float32Array) => Math.fround(1e4 + Math.fround(1e-6 * x[0]!));
    const report = checkGradient(f, () => [1e-6], { like: new Float32Array(1) });
    expect(report.settings.precision).toBe('float32');
    expect(kinds(report)).not.toContain('constant');
    expect(report.pass).toBe(false);
    expect(report.samples.flatMap((s) => s.coordinates.map((c) => c.status))).toContain('inconclusive');
  });
});
