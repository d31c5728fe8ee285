/**
 * The Hessian check: a Hessian is the Jacobian of the gradient, so it is checked as one, against central
 * differences of the user's gradient, or of a 4th-order numeric gradient of f when none is given. An
 * analytic Hessian that is not symmetric where the numeric one is, fails.
 */
import { requireFunction, runCheck } from '../check/run-check.js';
import { applyStencil, STENCIL_OFFSETS } from '../difference/stencils.js';
import { relativeStep, stepFor } from '../difference/steps.js';
import { normalizeArguments } from '../options/positional.js';
import { Shape } from '../params/shape.js';
import type {
  CheckArguments,
  CoordinateResult,
  Hessian,
  HessianOptions,
  Params,
  ParamsLike,
  Report,
} from '../types.js';
import { aboutValue, atCallSite, describeInput, describeValue, inputError } from '../util/errors.js';
import { andThen, sequence } from '../util/maybe-async.js';

/**
 * Checks an analytic Hessian (n×n: one row per coordinate, each row the input's shape or a flat array)
 * against differences of the gradient (`{ gradient }`) or second differences of f. Entries are named
 * `H[W1[0][1], b1[2]]`. An analytic Hessian that is not symmetric where the numeric one is, fails.
 * Trailing arguments as for checkGradient: `(options)`, `(eps, tol)` or `(eps, tol, options)`.
 */
export function checkHessian<X extends ParamsLike<X> = Params>(
  f: (x: X) => number,
  hess: (x: X) => Hessian<X>,
  ...args: CheckArguments<X, HessianOptions<X>>
): Report;
export function checkHessian<X extends ParamsLike<X> = Params>(
  f: (x: X) => number | Promise<number>,
  hess: (x: X) => Hessian<X> | Promise<Hessian<X>>,
  ...args: CheckArguments<X, HessianOptions<X>>
): Report | Promise<Report>;
export function checkHessian<X extends ParamsLike<X> = Params>(
  f: (x: X) => number | Promise<number>,
  hess: (x: X) => Hessian<X> | Promise<Hessian<X>>,
  ...args: CheckArguments<X, HessianOptions<X>>
): Report | Promise<Report> {
  return atCallSite(() => runHessian(f, hess, args, 'checkHessian'), checkHessian);
}

/** The name of the entry in `row`, `column` (the paths of two coordinates). */
function entryName(row: string, column: string): string {
  return `H[${row}, ${column}]`;
}

/** The row and the column of each entry, by its name: kept as the check names it, never parsed back. */
type Entries = Map<string, { row: string; column: string }>;

/** checkHessian as the entry point `where` (a matcher, say) runs it. */
export function runHessian(
  f: unknown,
  hess: unknown,
  args: readonly unknown[],
  where: string,
): Report | Promise<Report> {
  requireFunction(f, 'f (the function to differentiate)', where);
  requireFunction(hess, 'the Hessian', where);
  const { gradient, ...rest } = normalizeArguments(args, where) as HessianOptions<Params>;
  if (gradient !== undefined) requireFunction(gradient, 'the `gradient` option', where);
  // Without a gradient, every call of the inner numeric gradient costs 4n calls of f: count those.
  let calls = 0;
  const counted = (x: Params) => {
    calls++;
    return (f as (x: Params) => unknown)(x);
  };
  const first = gradient ?? numericGradient(counted);
  const entries: Entries = new Map();
  // The inner check's f is the user's gradient, or the numeric gradient of f, which calls f itself.
  const names = [gradient === undefined ? 'f' : 'the `gradient` option', 'the Hessian'] as const;
  const report = runCheck('jacobian', first, hess, [rest], where, {
    names,
    ...(gradient === undefined ? { outputsAreNotF: true as const } : {}),
    outputs: 'input',
    // Its symmetry check reads each entry and its mirror by name, however many entries there are.
    everyRow: true,
    entryPath: (row, column) => {
      const name = entryName(row, column);
      entries.set(name, { row, column });
      return name;
    },
  });
  return andThen(report, (r) =>
    withSymmetry(
      gradient === undefined
        ? { ...r, kind: 'hessian', evaluations: calls }
        : { ...r, kind: 'hessian', evaluated: 'the gradient' },
      entries,
    ),
  );
}

/** The relative step of the inner numeric gradient: ε^(1/5), balanced for a 4th-order stencil. */
const INNER_RELATIVE_STEP = relativeStep('central4', 'float64');

/**
 * Which steps the inner gradient's 4th-order stencil divides by. The first pass of a check uses the mean
 * of the steps its two pairs (±h, ±2h) took (`'both pairs'`); the inner gradient of a Hessian has always
 * used the inner pair's alone (`'inner pair'`, the default), and keeps it so that its numbers stay bit
 * for bit what they were. Stated as twice the inner pair's, the outer pair's steps make that mean exactly
 * the inner pair's step.
 */
export type InnerStep = 'inner pair' | 'both pairs';

/**
 * A 4th-order central numeric gradient of f, as a function: f evaluated at x ± h e_i, x ± 2h e_i with
 * h = ε^(1/5)·max(1, |x_i|). Its own truncation error, O(h⁴), is far below what second differences resolve.
 * An async f makes it async: its calls are made one after the other, in the order of a sync f.
 */
function numericGradient(f: (x: Params) => unknown, step: InnerStep = 'inner pair'): (x: Params) => unknown {
  const offsets = STENCIL_OFFSETS.central4;
  const width = offsets.length;
  return (x) => {
    const shape = Shape.of(x, 'x', 'input');
    const base = new Float64Array(shape.n);
    shape.read(x, base, 'input');
    const values = new Float64Array(shape.n * width);
    const taken = new Float64Array(shape.n * width);
    const calls = sequence(shape.n * width, (c) => {
      const i = Math.floor(c / width);
      const h = stepFor(base[i]!, INNER_RELATIVE_STEP, undefined);
      const point = base.slice();
      point[i] = base[i]! + offsets[c % width]! * h;
      const input = shape.build(point) as Params;
      return andThen(f(input), (y) =>
        aboutValue(() => {
          if (typeof y !== 'number') {
            throw inputError(
              `f must return a number, but returned ${describeValue(y)} on input ${describeInput(input)}.`,
            );
          }
          values[c] = y;
          taken[c] = point[i]! - base[i]!;
        }),
      );
    });
    return andThen(calls, () => {
      const out = new Float64Array(shape.n);
      for (let i = 0; i < shape.n; i++) {
        const t = taken.subarray(i * width, (i + 1) * width);
        const steps = step === 'inner pair' ? [t[0]!, t[1]!, 2 * t[0]!, 2 * t[1]!] : t;
        // f0 is not used by a central stencil.
        out[i] = applyStencil('central4', Number.NaN, values, i * width, steps);
      }
      return shape.build(out);
    });
  };
}

/** Adds a problem when the analytic Hessian is asymmetric beyond tolerance while the numeric one is not. */
function withSymmetry(report: Report, entries: Entries): Report {
  const problems = [...report.problems];
  for (const sample of report.samples) {
    const byPath = new Map<string, CoordinateResult>(sample.coordinates.map((c) => [c.path, c]));
    for (const c of sample.coordinates) {
      const entry = entries.get(c.path);
      if (entry === undefined || entry.row === entry.column) continue;
      const mirror = byPath.get(entryName(entry.column, entry.row));
      if (mirror === undefined || c.path > mirror.path) continue;
      const allowed = Math.max(c.allowed, mirror.allowed);
      const analyticGap = Math.abs(c.analytic - mirror.analytic);
      const numericGap = Math.abs(c.numeric - mirror.numeric);
      if (analyticGap > allowed && numericGap <= allowed) {
        problems.push({
          kind: 'asymmetric',
          sample: sample.index,
          message: `the analytic Hessian is not symmetric: ${c.path} = ${c.analytic} but ${mirror.path} = ${mirror.analytic}, while the numeric Hessian has ${c.numeric} and ${mirror.numeric}.`,
        });
        break;
      }
    }
  }
  return { ...report, problems, pass: report.pass && problems.length === report.problems.length };
}
