/**
 * Signed zeros, decided: 0 and -0 are the same number to every difference gradcheck takes. So an f that
 * turns a -0 of its input into 0 in place does not mutate it, and an f (or a derivative) that returns
 * 0 then -0 at one point is deterministic; a real mutation or nondeterminism prints a -0 as -0.
 */
import { describe, expect, it } from 'vitest';
import { checkGradient, formatReport } from '../../../src/index.js';

const sumSq = (x: number[]) => x.reduce((s, v) => s + v * v, 0);
const sumSqGrad = (x: number[]) => x.map((v) => 2 * v);

describe('a -0 in the input', () => {
  it('turned into 0 by f in place is no mutation: the check runs, and the point keeps its -0', () => {
    const seen: boolean[] = [];
    const f = (x: number[]) => {
      if (x[1] === 0.5) seen.push(Object.is(x[0], -0));
      x[0] = x[0]! + 0;
      return sumSq(x);
    };
    const report = checkGradient(f, sumSqGrad, { points: [[-0, 0.5]] });
    expect(report.problems).toEqual([]);
    expect(report.pass).toBe(true);
    expect(Object.is((report.samples[0]!.point as number[])[0], -0)).toBe(true);
    // Put back after the first call: the next call at the point (the revisit after the sweep) sees the
    // point's -0 again.
    expect([seen[0], seen.at(-1)]).toEqual([true, true]);
  });

  it('written over a value is a mutation, and printed as -0', () => {
    const report = checkGradient(
      (x: number[]) => {
        x[1] = -0;
        return sumSq(x);
      },
      sumSqGrad,
      { points: [[0.25, 0.5]] },
    );
    expect(report.problems.map((p) => p.kind)).toEqual(['mutates-input']);
    expect(formatReport(report)).toContain('x[1] was 0.5 before the call and -0 after');
  });
});

describe('0 then -0 at one point', () => {
  /** Returns a, then b, then a... */
  const alternating = <T>(a: T, b: T) => {
    let calls = 0;
    return () => (calls++ % 2 === 0 ? a : b);
  };

  it('from f is deterministic, bit-identical or not', () => {
    for (const nondeterminism of [0, 1e-12]) {
      const report = checkGradient(alternating(0, -0), () => 0, { points: [0.5], nondeterminism });
      expect(report.problems).toEqual([]);
      expect(report.pass).toBe(true);
    }
  });

  it('from the gradient is deterministic, in both modes', () => {
    for (const mode of ['coordinate', 'directional'] as const) {
      const report = checkGradient((x: number[]) => x[1]!, alternating([0, 1], [-0, 1]), {
        points: [[0.25, 0.5]],
        mode,
      });
      expect(report.problems).toEqual([]);
      expect(report.pass).toBe(true);
    }
  });

  it('a value then -0 is nondeterminism, printed with its sign', () => {
    const report = checkGradient(alternating(0.25, -0), () => 0, { points: [0.5], nondeterminism: 1e-12 });
    expect(formatReport(report)).toMatch(/f is not deterministic: .*returned (-0|0\.25) .*(0\.25|-0)/);
    expect(report.problems.map((p) => p.kind)).toEqual(['nondeterministic']);
  });
});
