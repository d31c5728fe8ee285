/**
 * The public entry points of the core: validate the call, set up the point source and working copy,
 * and run the engine, synchronously or asynchronously as f and the derivative require.
 */
import { type Call, drive } from './drive.js';
import { runChecks } from './engine.js';
import { atCallSite, describeInput, describeValue, inputError } from './errors.js';
import { normalizeArguments, resolveOptions } from './options.js';
import { PointSource } from './sample.js';
import type { CheckOptions, NumericArray, Params, Report } from './types.js';

/** A gradient: the input's shape with the partial derivatives as values, or a flat array of n numbers. */
export type Gradient = Params | NumericArray;
/** A Jacobian: one row per output of f, each the input's shape or a flat array of n numbers. */
export type Jacobian = ReadonlyArray<Gradient>;

type Vector = readonly number[] | Float64Array | Float32Array;

/** Trailing arguments of a check: `(options)`, or the course's `(eps, tol)`, optionally with options. */
export type CheckArguments<X extends Params> =
  | []
  | [options: CheckOptions<X>]
  | [eps: number, tol?: number]
  | [eps: number, tol: number, options: CheckOptions<X>];

function requireFunction(value: unknown, role: string, where: string): void {
  if (typeof value !== 'function') {
    throw inputError(`${where}: ${role} must be a function, but received ${describeValue(value)}.`);
  }
}

/**
 * A check as the entry point `where` (checkGradient, or a matcher such as toHaveGradient) runs it, so
 * that a message about the call names the function the user called.
 */
export function runCheck(
  kind: 'gradient' | 'jacobian',
  f: unknown,
  derivative: unknown,
  args: readonly unknown[],
  where: string,
): Report | Promise<Report> {
  requireFunction(f, 'f (the function to differentiate)', where);
  requireFunction(derivative, kind === 'gradient' ? 'the gradient' : 'the Jacobian', where);
  const options = resolveOptions(normalizeArguments(args, where), where);
  const source = new PointSource(options, where);
  const shape = source.shape;
  const working = shape.working(new Float64Array(shape.n), shape.float32);
  const position = { sample: 0, coordinate: -1, value: 0, phase: 'value' };
  const names = ['f', kind === 'gradient' ? 'the gradient' : 'the Jacobian'] as const;
  const engine: Generator<Call, Report, unknown> = runChecks({
    kind,
    where,
    names,
    options,
    source,
    shape,
    working,
    position,
  });
  return drive(engine, {
    f: f as (x: never) => unknown,
    derivative: derivative as (x: never) => unknown,
    names,
    argument: () => working.value,
    context: () => {
      const coordinate =
        position.coordinate >= 0 ? ` with ${shape.path(position.coordinate)} set to ${position.value}` : '';
      return `at sample ${position.sample} (seed ${options.seed}) on input ${describeInput(working.value)}${coordinate}`;
    },
  });
}

/**
 * Checks an analytic gradient against central differences of f at seeded random points.
 *
 * @param f - the function, from an input X to a number.
 * @param grad - its gradient: X's shape, or a flat array of n numbers.
 * @returns a Report, or a Promise of one when f or grad returns a Promise.
 */
export function checkGradient<X extends Params>(
  f: (x: X) => Promise<number>,
  grad: (x: X) => Gradient | Promise<Gradient>,
  ...args: CheckArguments<X>
): Promise<Report>;
export function checkGradient<X extends Params>(
  f: (x: X) => number,
  grad: (x: X) => Promise<Gradient>,
  ...args: CheckArguments<X>
): Promise<Report>;
export function checkGradient<X extends Params>(
  f: (x: X) => number,
  grad: (x: X) => Gradient,
  ...args: CheckArguments<X>
): Report;
export function checkGradient<X extends Params>(
  f: (x: X) => number | Promise<number>,
  grad: (x: X) => Gradient | Promise<Gradient>,
  ...args: CheckArguments<X>
): Report | Promise<Report>;
export function checkGradient(f: unknown, grad: unknown, ...args: unknown[]): Report | Promise<Report> {
  return atCallSite(() => runCheck('gradient', f, grad, args, 'checkGradient'), checkGradient);
}

/**
 * Checks an analytic Jacobian `J[i][j] = ∂f_i/∂x_j` of a function with m outputs.
 *
 * @returns a Report, or a Promise of one when f or jac returns a Promise.
 */
export function checkJacobian<X extends Params>(
  f: (x: X) => Promise<Vector>,
  jac: (x: X) => Jacobian | Promise<Jacobian>,
  ...args: CheckArguments<X>
): Promise<Report>;
export function checkJacobian<X extends Params>(
  f: (x: X) => Vector,
  jac: (x: X) => Promise<Jacobian>,
  ...args: CheckArguments<X>
): Promise<Report>;
export function checkJacobian<X extends Params>(
  f: (x: X) => Vector,
  jac: (x: X) => Jacobian,
  ...args: CheckArguments<X>
): Report;
export function checkJacobian<X extends Params>(
  f: (x: X) => Vector | Promise<Vector>,
  jac: (x: X) => Jacobian | Promise<Jacobian>,
  ...args: CheckArguments<X>
): Report | Promise<Report>;
export function checkJacobian(f: unknown, jac: unknown, ...args: unknown[]): Report | Promise<Report> {
  return atCallSite(() => runCheck('jacobian', f, jac, args, 'checkJacobian'), checkJacobian);
}
