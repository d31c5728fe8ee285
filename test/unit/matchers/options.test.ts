/**
 * formatReport's options in the matchers (src/matchers/core.ts): every matcher takes `maxRows`, passes it
 * to formatReport for its message, and keeps it from its check, which would refuse it; a check given
 * maxRows says where it belongs.
 */
import { describe, expect, it } from 'vitest';
import { checkGradient } from '../../../src/index.js';
import { createMatchers } from '../../../src/matchers/core.js';
import type { MatcherContext, MatcherResult } from '../../../src/matchers/types.js';
import { typeErrorOf } from '../../helpers/errors.js';

const matchers = createMatchers({ diffInMessage: true });
const ctx: MatcherContext = { isNot: false, promise: '' };

/** Σ x_i², and a gradient wrong in every one of 30 coordinates, so that the table has 30 rows. */
const f = (x: number[]) => x.reduce((sum, v) => sum + v * v, 0);
const everyWrong = (x: number[]) => x.map((v) => 3 * v + 1);
const options = { dim: 30, samples: 1, seed: 3 };

/** The rows of the table in a message: the lines after its header, up to the first blank line. */
function rowsOf(message: string): string[] {
  const lines = message.split('\n');
  const header = lines.findIndex((line) => line.trimStart().startsWith('coordinate'));
  const end = lines.findIndex((line, i) => i > header && line.trim() === '');
  return lines.slice(header + 1, end).filter((line) => /^\s+x\[\d+\]/.test(line));
}

function messageOf(result: MatcherResult | Promise<MatcherResult>): string {
  if (result instanceof Promise) throw new Error('expected a synchronous result');
  expect(result.pass).toBe(false);
  return result.message();
}

describe('maxRows in the matchers', () => {
  it('caps the table of the failure message, as formatReport does', () => {
    const message = messageOf(matchers.toHaveGradient.call(ctx, f, everyWrong, { ...options, maxRows: 5 }));
    expect(rowsOf(message)).toHaveLength(5);
    expect(message).toContain('  … and 25 more (showing 5; set maxRows to see more)');
  });

  it('shows every row with maxRows: Infinity, and 20 without it', () => {
    const all = messageOf(
      matchers.toHaveGradient.call(ctx, f, everyWrong, { ...options, maxRows: Number.POSITIVE_INFINITY }),
    );
    expect(rowsOf(all)).toHaveLength(30);
    expect(all).not.toContain('set maxRows');
    const capped = messageOf(matchers.toHaveGradient.call(ctx, f, everyWrong, options));
    expect(rowsOf(capped)).toHaveLength(20);
  });

  it('comes after (eps, tol) too', () => {
    const message = messageOf(
      matchers.toHaveGradient.call(ctx, f, everyWrong, undefined, 1e-7, { ...options, maxRows: 2 }),
    );
    expect(rowsOf(message)).toHaveLength(2);
  });

  it('is taken by every matcher, next to its own options', () => {
    const jac = (x: number[]) => [x.map((v) => 3 * v + 1)];
    const jacobian = messageOf(
      matchers.toHaveJacobian.call(ctx, (x: number[]) => [f(x)], jac, { ...options, maxRows: 3 }),
    );
    expect(jacobian).toContain('(showing 3; set maxRows to see more)');
    const hessian = messageOf(
      matchers.toHaveHessian.call(
        ctx,
        f,
        (x: number[]) => x.map((_, i) => x.map((__, j) => (i === j ? 3 : 1))),
        { dim: 6, samples: 1, seed: 3, gradient: (x: number[]) => x.map((v) => 2 * v), maxRows: 4 },
      ),
    );
    expect(hessian).toContain('(showing 4; set maxRows to see more)');
    const vjp = messageOf(
      matchers.toHaveVJP.call(
        ctx,
        (x: number[]) => [f(x), x[0]!],
        (x: number[]) => x.map((v) => 5 * v),
        {
          ...options,
          vectors: 1,
          maxRows: 6,
        },
      ),
    );
    expect(vjp).toContain('(showing 6; set maxRows to see more)');
    const jvp = messageOf(
      matchers.toHaveJVP.call(
        ctx,
        (x: number[]) => x.map((v) => v * v),
        (x: number[], v: number[]) => x.map((xi, i) => 3 * xi * v[i]! + 1),
        { ...options, vectors: 1, maxRows: 7 },
      ),
    );
    expect(jvp).toContain('(showing 7; set maxRows to see more)');
  });

  it('must be a whole number ≥ 1, or Infinity', () => {
    for (const maxRows of [0, 2.5, '5', Number.NaN]) {
      expect(
        typeErrorOf(() => matchers.toHaveGradient.call(ctx, f, everyWrong, { ...options, maxRows })),
      ).toContain('toHaveGradient: maxRows must be a whole number ≥ 1');
    }
  });

  it('is suggested for a misspelt maxRows', () => {
    expect(
      typeErrorOf(() => matchers.toHaveGradient.call(ctx, f, everyWrong, { ...options, maxRow: 5 })),
    ).toContain('toHaveGradient: unknown option "maxRow". Did you mean "maxRows"?');
  });
});

describe('maxRows in a check', () => {
  it('is refused with where it belongs: formatReport, or a matcher', () => {
    expect(typeErrorOf(() => checkGradient(f, everyWrong, { ...options, maxRows: 5 } as never))).toBe(
      'gradcheck: checkGradient: maxRows is an option of formatReport and of the matchers, not of a check: pass it to formatReport(report, { maxRows }).',
    );
  });
});
