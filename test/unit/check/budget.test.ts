/**
 * The budget in the words of the check (src/check/budget.ts, choose-mode.ts): the plan of calls each mode
 * makes, which `maxEvaluations` caps and `mode: 'auto'` compares; the switch to directional mode from the
 * measured cost of f; and the report of a check that stopped. The bad-input matrix (helpers/bad-input/
 * budget.ts) checks the messages through every entry point.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { planOf } from '../../../src/check/budget.js';
import { checkGradient, configure, formatReport } from '../../../src/index.js';
import { DEFAULT_TIME_LIMIT } from '../../../src/options/defaults.js';
import { resolveOptions } from '../../../src/options/resolve.js';
import { PointSource } from '../../../src/sample/points.js';
import { weightedSquares } from '../../helpers/functions.js';
import { counted } from '../../helpers/report.js';

afterEach(() => {
  configure({ timeLimit: undefined });
});

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

/** The plan of a check of `options`, as chooseMode sees it. */
function plan(options: Record<string, unknown>, mode: 'coordinate' | 'directional') {
  const resolved = resolveOptions(options, 'test');
  const shape = new PointSource(resolved, 'test').shape;
  return planOf({ options: resolved, shape, where: 'test' }, mode);
}

describe('the plan of each mode is the count of calls a well-scaled check makes', () => {
  const n = 40;
  const { f, gradient } = weightedSquares(n);
  const base = { like: new Float64Array(n), domain: [0.5, 1], refine: false, samples: 2 } as const;

  it.each(['coordinate', 'directional'] as const)('%s', (mode) => {
    const fc = counted(f);
    const report = checkGradient(fc.fn, gradient(), { ...base, mode });
    expect(report.pass).toBe(true);
    expect(report.evaluations).toBe(fc.calls());
    expect(plan({ ...base, mode }, mode).calls).toBe(report.evaluations);
  });

  it('counts only the chosen coordinates, and the stencil of `method`', () => {
    expect(plan({ ...base, coordinates: 7 }, 'coordinate').calls).toBe(2 * (8 + 2 * 7));
    expect(plan({ ...base, method: 'central4' }, 'coordinate').calls).toBe(2 * (8 + 4 * n));
    expect(plan({ ...base, directions: 3 }, 'directional').calls).toBe(2 * (8 + 4 * 3));
  });
});

describe("mode: 'auto' from the measured cost of f", () => {
  const n = 32;
  const { f, gradient } = weightedSquares(n);
  // 2 ms a call: per-coordinate mode (72 calls) would take about 144 ms, past 80% of the 100 ms limit.
  const slow = (x: Float64Array) => {
    busy(2);
    return f(x);
  };
  const options = { like: new Float64Array(n), samples: 1, timeLimit: 100, seed: 3 } as const;

  it('switches to directional mode when per-coordinate mode would take more than 80% of the limit', () => {
    const fc = counted(slow);
    const report = checkGradient(fc.fn, gradient(), options);
    expect(report.mode).toBe('directional');
    expect(report.pass).toBe(true);
    // Every call counts, the per-coordinate start's too.
    expect(report.evaluations).toBe(fc.calls());
    expect(report.modeReason).toMatch(
      /^per-coordinate mode would take about \d+ ms \(1 sample × \(8 \+ 2 × 32 coordinates\) evaluations of f, at the measured [\d.]+ ms each\), more than 80% of the time limit \(timeLimit: 100 ms\), so the check ran along random directions\./,
    );
    expect(formatReport(report)).toContain(`  note: ${report.modeReason}`);
    // From the first point again: the samples are those of { mode: 'directional' } with the same seed.
    const directional = checkGradient(slow, gradient(), { ...options, mode: 'directional' });
    expect(report.samples).toEqual(directional.samples);
  });

  it('stays per-coordinate when that fits, and a report without a switch has no modeReason', () => {
    const report = checkGradient(f, gradient(), { like: new Float64Array(n), timeLimit: 200 });
    expect(report.mode).toBe('coordinate');
    expect('modeReason' in report).toBe(false);
  });

  it('an explicit mode, or timeLimit: Infinity, does not switch', () => {
    const stopped = checkGradient(slow, gradient(), { ...options, mode: 'coordinate', timeLimit: 30 });
    expect(stopped.mode).toBe('coordinate');
    expect(stopped.problems.map((p) => p.kind)).toEqual(['budget']);
    const unlimited = checkGradient(slow, gradient(), { ...options, timeLimit: Number.POSITIVE_INFINITY });
    expect(unlimited.mode).toBe('coordinate');
    expect(unlimited.pass).toBe(true);
  });
});

describe('a check that ran out of time', () => {
  const n = 20;
  const { f, gradient } = weightedSquares(n);
  const slow = (x: Float64Array) => {
    busy(1);
    return f(x);
  };
  const options = { like: new Float64Array(n), mode: 'coordinate', domain: [0.5, 1] } as const;

  it('keeps the samples it checked in full, counts every call, and says where it stopped', () => {
    const fc = counted(slow);
    // A sample is 8 + 40 calls of 1 ms: the limit ends the check in its second sample.
    const report = checkGradient(fc.fn, gradient(), { ...options, timeLimit: 80 });
    expect(report.pass).toBe(false);
    expect(report.samples.map((s) => s.index)).toEqual([1]);
    expect(report.evaluations).toBe(fc.calls());
    const [problem] = report.problems;
    expect(problem?.kind).toBe('budget');
    expect(problem?.sample).toBeUndefined();
    expect(problem?.message).toMatch(
      /^the check ran out of time in sample 2 of 3(, while x\[\d+\] was perturbed)?:/,
    );
    expect(problem?.message).toContain('1 of 3 samples was checked in full before it stopped, and agrees.');
    const text = formatReport(report);
    expect(text).toMatch(/^gradient check failed: the check ran out of its budget\n/);
    // The reproduction line names no sample: the one where the check stopped is not in the report.
    expect(text).toContain('  reproduce: rerun with { seed: ');
  });

  it('past its plan, it says where the rest went, not a projection below the time it spent', () => {
    // 1e8 + Σx²: so noisy at the first-pass step that every coordinate is refined past the plan of 28.
    const noisy = (x: number[]) => {
      busy(1);
      return 1e8 + x.reduce((s, v) => s + v * v, 0);
    };
    const report = checkGradient(noisy, (x: number[]) => x.map((v) => 2 * v), {
      dim: 10,
      samples: 1,
      mode: 'coordinate',
      // About 95 calls at 1 ms: past the plan of 28 even at 3 ms a call, and short of the 140 that the
      // refinements take.
      timeLimit: 100,
    });
    const message = report.problems[0]?.message ?? '';
    expect(report.evaluations).toBeGreaterThan(28);
    expect(message).toContain(
      'That is past the 28 evaluations it plans for a gradient that agrees: the rest went to looking again at what did not.',
    );
    expect(message).not.toContain('At that cost the whole check takes');
  });

  it('configure({ timeLimit }) sets the limit of every later check', () => {
    configure({ timeLimit: 20 });
    const report = checkGradient(slow, gradient(), options);
    expect(report.problems.map((p) => p.kind)).toEqual(['budget']);
    expect(report.problems[0]!.message).toContain('timeLimit is 20 ms');
  });
});

describe('the default time limit', () => {
  it('ends a check before the 5 s default timeout of a Vitest, Jest or Bun test, as the docs say', () => {
    expect(DEFAULT_TIME_LIMIT).toBeLessThan(5000);
    const matchers = readFileSync(new URL('../../../docs/matchers.md', import.meta.url), 'utf8');
    expect(matchers).toContain(
      `| \`timeLimit\` | how long a check may run, in ms; past it, it fails and says where it stopped | \`${DEFAULT_TIME_LIMIT}\` |`,
    );
  });
});

describe('a check stopped while it localises a direction that disagrees', () => {
  it('says that the direction disagrees, and asks for more budget, not for fewer samples or directions', () => {
    const f = (x: number[]) => x.reduce((s, v, i) => s + (1 + (i % 3)) * v * v, 0);
    const wrong = (x: number[]) => x.map((v, i) => 2 * (1 + (i % 3)) * v * (i === 17 ? 1.01 : 1));
    const options = { dim: 1000, mode: 'directional', samples: 1 } as const;
    const report = checkGradient(f, wrong, { ...options, maxEvaluations: 30 });
    expect(report.pass).toBe(false);
    expect(report.problems.map((p) => p.message)).toEqual([
      'the check reached maxEvaluations (30 evaluations of f) in sample 1. No sample was checked in full. A direction of sample 1 disagrees with the gradient: the check was naming the coordinates to blame when it stopped. To name them, raise the cap with { maxEvaluations: 60 }.',
    ]);
    // With the budget, it names the coordinate.
    expect(formatReport(checkGradient(f, wrong, options))).toContain('x[17]');
  });
});

describe("maxEvaluations under mode: 'auto' chooses the mode, and does not fail a verdict", () => {
  // 1e8 + Σx²: so noisy at the first-pass step that every coordinate is refined past the plan.
  const noisy = (x: number[]) => 1e8 + x.reduce((s, v) => s + v * v, 0);
  const grad = (x: number[]) => x.map((v) => 2 * v);
  const options = { dim: 10, samples: 1, maxEvaluations: 28, seed: 3 } as const;

  it('a per-coordinate check that auto mode chose may refine past its plan, and passes', () => {
    const report = checkGradient(noisy, grad, options);
    expect(report.mode).toBe('coordinate');
    expect(report.evaluations).toBeGreaterThan(options.maxEvaluations);
    expect(report.problems).toEqual([]);
    expect(report.pass).toBe(true);
  });

  it("under mode: 'coordinate' the same cap is a cap", () => {
    const report = checkGradient(noisy, grad, { ...options, mode: 'coordinate' });
    expect(report.evaluations).toBe(options.maxEvaluations);
    expect(report.problems.map((p) => p.kind)).toEqual(['budget']);
  });
});
