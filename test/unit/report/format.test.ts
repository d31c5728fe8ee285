/**
 * formatReport: the summary line, the table of disagreeing coordinates, the row cap, and the line that
 * reproduces the check.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { checkGradient, checkJacobian, formatReport } from '../../../src/index.js';
import { reproductionLine } from '../../../src/report/format.js';
import { formatError, formatValue } from '../../../src/report/numbers.js';
import { sumOfSquares, sumOfSquaresGradient } from '../../helpers/functions.js';

/** Three explicit points of dimension 12; the gradient is wrong at x[4] and x[9] of the second only. */
const POINTS = [1, 2, 3].map((s) => Array.from({ length: 12 }, (_, i) => s * 0.1 + i * 0.05 + 0.3));
const wrongInSampleTwo = (x: number[]) =>
  x.map((v, i) => (Math.abs(x[0]! - 0.5) < 1e-9 && (i === 4 || i === 9) ? 2 * v + 0.5 : 2 * v));

const lines = (text: string) => text.split('\n');
const tableHeader = (text: string) => lines(text).find((line) => line.trimStart().startsWith('coordinate'));

describe('the summary line', () => {
  it('speaks of a single coordinate in the singular', () => {
    const good = formatReport(
      checkGradient(
        (x: number) => x * x,
        (x: number) => 2 * x,
      ),
    );
    expect(good).toContain('the coordinate agrees in 3 samples');
    expect(good).toContain('checked 1 coordinate × 3 samples');
    const bad = formatReport(
      checkGradient(
        (x: number) => x * x,
        (x: number) => 3 * x,
      ),
    );
    expect(bad).toContain('the only coordinate disagrees in sample 1 of 3, and in sample 2, sample 3');
  });

  it('says how many coordinates disagree in which sample', () => {
    const report = checkGradient(sumOfSquares, wrongInSampleTwo, { points: POINTS, seed: 42 });
    const text = formatReport(report);
    expect(lines(text)[0]).toBe('gradient check failed: 2 of 12 coordinates disagree in sample 2 of 3');
  });

  it('lists the other samples that disagree, with their counts', () => {
    const report = checkGradient(sumOfSquares, (x) => x.map((v, i) => (i < 2 ? -2 * v : 2 * v)), {
      dim: 5,
    });
    expect(lines(formatReport(report))[0]).toBe(
      'gradient check failed: 2 of 5 coordinates disagree in sample 1 of 3, and in sample 2 (2), sample 3 (2)',
    );
  });

  it('says that all coordinates agree, with the largest relative error and the power, when the check passes', () => {
    const report = checkGradient(sumOfSquares, sumOfSquaresGradient, { dim: 12 });
    expect(lines(formatReport(report))[0]).toMatch(
      /^gradient check passed: all 12 coordinates agree in 3 samples \(max relative error \d\.\d\de-\d+\); a relative error of \d\.\d\de-\d+ or more in any coordinate, at every point, would have failed it; the least sensitive is x\[\d+\], the median \d\.\d\de-\d+$/,
    );
    const single = checkGradient(
      (x: number) => x * x,
      (x) => 2 * x,
      { samples: 1 },
    );
    expect(lines(formatReport(single))[0]).toMatch(
      /^gradient check passed: the coordinate agrees in 1 sample \(max relative error/,
    );
  });

  it('counts Jacobian entries for a Jacobian', () => {
    const report = checkJacobian(
      (v: number[]) => [v[0]! * v[1]!, v[1]!],
      (v) => [
        [v[1]!, v[0]!],
        [0, 2],
      ],
      { dim: 2 },
    );
    expect(lines(formatReport(report))[0]).toBe(
      'Jacobian check failed: 1 of 4 Jacobian entries disagree in sample 1 of 3, and in sample 2 (1), sample 3 (1)',
    );
  });

  it('leads with the problem when there is no mismatch to count, and lists every problem', () => {
    const report = checkGradient(
      (x: number[]) => Math.log(x[0]!),
      (x) => [1 / x[0]!],
      { points: [[1], [-1]] },
    );
    const text = formatReport(report);
    expect(lines(text)[0]).toBe('gradient check failed: the function itself has a problem');
    // The problem is printed once, not in the summary line and again below it.
    expect(text.split(report.problems[0]!.message).length - 1).toBe(1);
    expect(text).toContain(`  problem: ${report.problems[0]!.message}`);
    expect(text).toContain('reproduce: sample 2 of 2,');
  });
});

describe('the table of disagreeing coordinates', () => {
  it('has the columns coordinate, x, analytic, numeric, ratio, error, allowed, and one row per mismatch', () => {
    const report = checkGradient(sumOfSquares, wrongInSampleTwo, { points: POINTS, seed: 42 });
    const text = formatReport(report);
    const header = tableHeader(text)!;
    expect(header.trim().split(/\s+/)).toEqual([
      'coordinate',
      'x',
      'analytic',
      'numeric',
      'ratio',
      'error',
      'allowed',
    ]);
    const at = lines(text).indexOf(header);
    const rows = lines(text)
      .slice(at + 1, at + 3)
      .map((line) => line.trim().split(/\s+/));
    // x[4] of the second point is 0.2 + 0.2 + 0.3 = 0.7: analytic 1.9, numeric 1.4.
    expect(rows).toContainEqual(['x[4]', '0.7', '1.9', '1.4', '1.357', '5.00e-1', '1.90e-7']);
    expect(rows).toContainEqual(['x[9]', '0.95', '2.4', '1.9', '1.263', '5.00e-1', '2.40e-7']);
    expect(lines(text)[at + 3]).toBe('');
  });

  it('adds a sample column when mismatches come from several samples', () => {
    const report = checkGradient(sumOfSquares, (x) => x.map((v, i) => (i === 0 ? 0 : 2 * v)), {
      dim: 3,
      samples: 2,
    });
    const header = tableHeader(formatReport(report))!;
    expect(header.trim().split(/\s+/)).toEqual([
      'coordinate',
      'sample',
      'x',
      'analytic',
      'numeric',
      'ratio',
      'error',
      'allowed',
    ]);
  });

  it('has no table when the check passes', () => {
    const text = formatReport(checkGradient(sumOfSquares, sumOfSquaresGradient, { dim: 3 }));
    expect(tableHeader(text)).toBeUndefined();
  });

  it('caps the rows at maxRows, saying how many more there are', () => {
    const report = checkGradient(sumOfSquares, (x) => x.map((v) => 3 * v), { dim: 30, samples: 1 });
    const text = formatReport(report, { maxRows: 5 });
    const header = tableHeader(text)!;
    const at = lines(text).indexOf(header);
    expect(
      lines(text)
        .slice(at + 1, at + 6)
        .every((line) => /^ {2}x\[\d+\] /.test(line)),
    ).toBe(true);
    expect(lines(text)[at + 6]).toBe('  … and 25 more (showing 5; set maxRows to see more)');
  });

  it('shows exactly maxRows rows, and the "more" line from one row over the cap', () => {
    const report = checkGradient(sumOfSquares, (x) => x.map((v) => 3 * v), { dim: 6, samples: 1 });
    const rowsOf = (text: string) => lines(text).filter((line) => /^ {2}x\[\d+\] /.test(line));
    expect(rowsOf(formatReport(report, { maxRows: 6 }))).toHaveLength(6);
    expect(formatReport(report, { maxRows: 6 })).not.toContain('more (showing');
    expect(rowsOf(formatReport(report, { maxRows: 5 }))).toHaveLength(5);
    expect(formatReport(report, { maxRows: 5 })).toContain(
      '  … and 1 more (showing 5; set maxRows to see more)',
    );
  });

  it('caps at 20 rows by default, and shows every row when they fit', () => {
    const report = checkGradient(sumOfSquares, (x) => x.map((v) => 3 * v), { dim: 30, samples: 1 });
    expect(formatReport(report)).toContain('  … and 10 more (showing 20;');
    expect(formatReport(report, { maxRows: 30 })).not.toContain('more (showing');
  });

  it('shows the worst coordinate first', () => {
    const report = checkGradient(
      sumOfSquares,
      (x) => x.map((v, i) => 2 * v + (i === 2 ? 1 : i === 0 ? 0.1 : 0)),
      {
        points: [[0.5, 0.5, 0.5]],
      },
    );
    const text = formatReport(report);
    const at = lines(text).indexOf(tableHeader(text)!);
    expect(lines(text)[at + 1]!.trim().startsWith('x[2]')).toBe(true);
    expect(lines(text)[at + 2]!.trim().startsWith('x[0]')).toBe(true);
  });
});

describe('the reproduction line', () => {
  it('names the first failing sample, the seed option and GRADCHECK_SEED', () => {
    const report = checkGradient(sumOfSquares, wrongInSampleTwo, { points: POINTS, seed: 42 });
    expect(lines(formatReport(report)).at(-1)).toBe(
      '  reproduce: sample 2 of 3, rerun with { seed: 42 } or GRADCHECK_SEED=42',
    );
  });

  // Vitest's browser mode runs tests without `process`; a polyfill may bring one without `env`.
  it.each([
    ['no process (a browser)', undefined],
    ['a process without env', {}],
  ])('offers only the seed option where GRADCHECK_SEED cannot be read: %s', (_, stub) => {
    vi.stubGlobal('process', stub);
    let text: string;
    try {
      text = formatReport(checkGradient(sumOfSquares, wrongInSampleTwo, { points: POINTS, seed: 42 }));
    } finally {
      vi.unstubAllGlobals();
    }
    expect(lines(text).at(-1)).toBe('  reproduce: sample 2 of 3, rerun with { seed: 42 }');
    expect(text).not.toContain('GRADCHECK_SEED');
  });

  it('quotes a string seed in the option', () => {
    const report = checkGradient(sumOfSquares, sumOfSquaresGradient, { dim: 2, seed: 'abc' });
    expect(lines(formatReport(report)).at(-1)).toBe(
      '  reproduce: rerun with { seed: "abc" } or GRADCHECK_SEED=abc',
    );
  });

  it(
    'gives a GRADCHECK_SEED assignment that a shell reads back as the same seed',
    { skip: process.platform === 'win32' },
    () => {
      for (const seed of ['abc', 'a b', "it's", 'x$HOME', 'semi;colon', 12345]) {
        const report = checkGradient(sumOfSquares, sumOfSquaresGradient, { dim: 2, seed });
        const line = reproductionLine(report);
        const assignment = line.slice(line.indexOf('GRADCHECK_SEED='));
        const echoed = execFileSync('sh', ['-c', `${assignment}; printf %s "$GRADCHECK_SEED"`], {
          encoding: 'utf8',
        });
        expect(echoed).toBe(String(seed));
      }
    },
  );

  it('reruns to the same report from the seed it prints', () => {
    const report = checkGradient(sumOfSquares, wrongInSampleTwo, { dim: 12, seed: 'replay me' });
    const printed = /\{ seed: (.*) \}/.exec(formatReport(report))![1]!;
    const again = checkGradient(sumOfSquares, wrongInSampleTwo, { dim: 12, seed: JSON.parse(printed) });
    expect(again).toEqual(report);
  });
});

describe('the rest of the text', () => {
  it('states the global metric, the cost and the tolerance rule', () => {
    const report = checkGradient(sumOfSquares, wrongInSampleTwo, { points: POINTS, seed: 42 });
    const text = formatReport(report);
    expect(text).toContain(
      `  global relative difference ‖a − n‖/(‖a‖ + ‖n‖): ${formatError(report.samples[1]!.globalDiff)} (sample 2; the rule of Andrew Ng's deep-learning course, gradient_check_n, flags > 1e-7)`,
    );
    expect(text).toContain(
      `  checked 12 coordinates × 3 samples (coordinate, central differences, float64): ${report.evaluations} evaluations of f, 4 of the gradient`,
    );
    expect(text).toContain('tol·|value| = 1e-7·|value|, atol (auto), 4·error estimate)');
  });

  it('formats values with 6 significant digits and errors with 3', () => {
    expect(formatValue(0)).toBe('0');
    expect(formatValue(1 / 3)).toBe('0.333333');
    expect(formatValue(-1234567.8)).toBe('-1234570');
    expect(formatValue(123456789)).toBe('1.23457e+8');
    expect(formatValue(1.5e-7)).toBe('1.5e-7');
    expect(formatValue(Number.NaN)).toBe('NaN');
    expect(formatError(0)).toBe('0');
    expect(formatError(0.000123456)).toBe('1.23e-4');
    expect(formatError(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});
