/**
 * The public entry points of the core: validate the call, set up the point source and working copy,
 * and run the mode, synchronously or asynchronously as f and the derivative require.
 */

import { callContext } from '../calls/blame.js';
import { Budget } from '../calls/budget.js';
import { type Call, type Callee, directCaller, drive } from '../calls/driver.js';
import { firstMistakes } from '../calls/hints.js';
import { withAtolJudged } from '../compare/tolerance.js';
import { normalizeArguments } from '../options/positional.js';
import { resolveOptions } from '../options/resolve.js';
import { spreadArguments } from '../params/arguments.js';
import type { Shape } from '../params/shape.js';
import { PointSource } from '../sample/points.js';
import type {
  ArgumentsLike,
  CheckArguments,
  CheckOptions,
  Gradient,
  Jacobian,
  Params,
  ParamsLike,
  Report,
} from '../types.js';
import { atCallSite, describeInput, describeValue, inputError } from '../util/errors.js';
import { andThen } from '../util/maybe-async.js';
import { chooseMode, pointBuffer, runMode } from './choose-mode.js';
import type { CheckSetup, PointWords, Position } from './setup.js';

/** What f returns for a Jacobian: an array of m numbers, or any structured value (a gradient does). */
type Vector = Params;

/** How a derived check lays out its entries: structured outputs, and how an entry is named. */
export interface CheckLayout {
  /** f returns a structured value: the input's shape (`'input'`, a gradient does), or this shape. */
  outputs?: 'input' | Shape;
  /** The name of an entry from the names of its output and of its coordinate. */
  entryPath?: (output: string, coordinate: string) => string;
  /**
   * The names of f and of the derivative as the user knows them, where a derived check runs functions of
   * its own in their place (a Hessian's `gradient` option is the inner check's f). Default f and the
   * gradient (the Jacobian).
   */
  names?: readonly [string, string];
  /** The number of the first sample, where a derived check runs one inner check per sample of its own. */
  firstSample?: number;
  /**
   * The inner check's outputs are not outputs of the user's f (a Hessian's numeric gradient of f): a
   * message about a non-finite value names f at the point, not an "output k" that f does not have.
   */
  outputsAreNotF?: true;
  /**
   * Every row stays an object, however many (see check/rows.ts): a Hessian's symmetry check reads each
   * entry and its mirror by name.
   */
  everyRow?: true;
  /**
   * The user's point, where the inner check runs at an input of its own (a JVP's t): messages print it in
   * place of the inner input, followed by `moved(inner)` for the inner input away from the point (`moved
   * by t = 1e-5 along the tangent v`), which is undefined at the point itself.
   */
  at?: { point: unknown; moved: (inner: unknown) => string | undefined };
  /**
   * When the time limit started to run (budgetClock), where a derived check runs several inner checks:
   * they share its `timeLimit` rather than each taking a whole one. Default: now.
   */
  startedAt?: number;
}

/** How messages print the check's whereabouts: the inner input as it is, or the user's point (layout.at). */
function pointWords(
  setup: Pick<CheckSetup, 'shape' | 'working' | 'position'>,
  at: CheckLayout['at'],
): PointWords {
  const { shape, working, position } = setup;
  if (at !== undefined) {
    const point = describeInput(at.point);
    // Read from the working copy, not the position: the noise probe moves the input too.
    const moved = () => at.moved(working.value);
    return {
      input: () => `${point}${moved() === undefined ? '' : ` ${moved()}`}`,
      point: () => point,
      moved: () => (moved() === undefined ? '' : ` with the input ${moved()}`),
    };
  }
  return {
    input: () =>
      `${describeInput(working.value)}${position.coordinate >= 0 ? ` with ${shape.path(position.coordinate)} set to ${position.value}` : ''}`,
    point: (x0) => describeInput(shape.plain(x0)),
    moved: () =>
      position.coordinate >= 0 ? ` with ${shape.path(position.coordinate)} = ${position.value}` : '',
  };
}

/** Throws a TypeError unless `value` is a function; `role` says which argument it is. */
export function requireFunction(value: unknown, role: string, where: string): void {
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
  userF: unknown,
  userDerivative: unknown,
  args: readonly unknown[],
  where: string,
  layout: CheckLayout = {},
): Report | Promise<Report> {
  requireFunction(userF, 'f (the function to differentiate)', where);
  requireFunction(userDerivative, kind === 'gradient' ? 'the gradient' : 'the Jacobian', where);
  const given = normalizeArguments(args, where);
  const spread = spreadArguments(kind, userF, userDerivative, given, where);
  const { f, derivative } = spread;
  const options = resolveOptions(spread.options, where);
  // Started before the setup, which takes its share of the time limit (a million coordinates to read).
  const budget = new Budget(options.timeLimit, options.maxEvaluations, layout.startedAt);
  const source = new PointSource(options, where);
  const shape = source.shape;
  // One buffer of n values serves to build the working copy and then holds the point (setup.x0).
  const plan = chooseMode({ options, shape, where });
  const x0 = pointBuffer(plan, source, shape.n);
  const working = shape.working(x0, shape.float32);
  const position: Position = { sample: 0, coordinate: -1, value: 0, localizing: false };
  const names = layout.names ?? (['f', kind === 'gradient' ? 'the gradient' : 'the Jacobian'] as const);
  const words = pointWords({ shape, working, position }, layout.at);
  const callee: Callee = {
    f: f as (x: never) => unknown,
    derivative: derivative as (x: never) => unknown,
    names,
    argument: () => working.value,
    context: () => callContext(position.sample, options.seed, words.input()),
    budget,
    hint: firstMistakes({
      f: userF,
      names,
      defaultInput: options.source.kind === 'scalar',
      // A derived check (its own names) runs functions of its own, and takes no args.
      argsPossible: layout.names === undefined && given.args === undefined,
    }),
  };
  const direct = directCaller(callee);
  const firstSample = layout.firstSample ?? 1;
  const setup: CheckSetup = {
    kind,
    where,
    names,
    firstSample,
    outputsAreNotF: layout.outputsAreNotF === true,
    everyRow: layout.everyRow === true,
    words,
    options,
    source,
    shape,
    working,
    x0,
    position,
    direct,
    budget,
    // The user's own `like`: `args` becomes one internally, and a derived check draws its own points.
    drawnLike: given.like !== undefined && given.args === undefined && layout.names === undefined,
  };
  const outputShape = layout.outputs === 'input' ? shape : layout.outputs;
  if (outputShape !== undefined) setup.outputShape = outputShape;
  if (layout.entryPath !== undefined) {
    const name = layout.entryPath;
    setup.entryPath = (k, i) => name(outputShape?.path(k) ?? String(k), shape.path(i));
  }
  const check: Generator<Call, Report, unknown> = runMode(setup, plan);
  budget.measureFrom();
  const report = drive(check, callee, direct);
  // An inner check of one sample of a derived check's (firstSample) is judged with the others, merged.
  return layout.firstSample === undefined ? andThen(report, (r) => withAtolJudged(r, options.atol)) : report;
}

/**
 * Checks an analytic gradient against central differences of f at seeded random points.
 *
 * @param f - the function, from an input X to a number.
 * @param grad - its gradient: X's shape, or a flat array of n numbers.
 * @returns a Report, or a Promise of one when f or grad returns a Promise.
 */
export function checkGradient<A extends ArgumentsLike<A>>(
  f: (...args: A) => number,
  grad: (...args: A) => readonly Gradient<A[number]>[],
  options: Omit<CheckOptions<Params>, 'args'> & { args: A },
): Report;
// Named arguments: no type follows the order of an object's keys to f's parameters, so those go unchecked.
export function checkGradient<N extends { readonly [K in keyof N]: ParamsLike<N[K]> }>(
  f: (...args: never[]) => number,
  grad: (...args: never[]) => readonly Gradient<N[keyof N]>[] | { readonly [K in keyof N]: Gradient<N[K]> },
  options: Omit<CheckOptions<Params>, 'args' | 'points'> & {
    args: N;
    points?: readonly (N | readonly N[keyof N][])[];
  },
): Report;
export function checkGradient<X extends ParamsLike<X> = Params>(
  f: (x: X) => Promise<number>,
  grad: (x: X) => Gradient<X> | Promise<Gradient<X>>,
  ...args: CheckArguments<X>
): Promise<Report>;
export function checkGradient<X extends ParamsLike<X> = Params>(
  f: (x: X) => number,
  grad: (x: X) => Promise<Gradient<X>>,
  ...args: CheckArguments<X>
): Promise<Report>;
export function checkGradient<X extends ParamsLike<X> = Params>(
  f: (x: X) => number,
  grad: (x: X) => Gradient<X>,
  ...args: CheckArguments<X>
): Report;
export function checkGradient<X extends ParamsLike<X> = Params>(
  f: (x: X) => number | Promise<number>,
  grad: (x: X) => Gradient<X> | Promise<Gradient<X>>,
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
export function checkJacobian<X extends ParamsLike<X> = Params>(
  f: (x: X) => Promise<Vector>,
  jac: (x: X) => Jacobian<X> | Promise<Jacobian<X>>,
  ...args: CheckArguments<X>
): Promise<Report>;
export function checkJacobian<X extends ParamsLike<X> = Params>(
  f: (x: X) => Vector,
  jac: (x: X) => Promise<Jacobian<X>>,
  ...args: CheckArguments<X>
): Promise<Report>;
export function checkJacobian<X extends ParamsLike<X> = Params>(
  f: (x: X) => Vector,
  jac: (x: X) => Jacobian<X>,
  ...args: CheckArguments<X>
): Report;
export function checkJacobian<X extends ParamsLike<X> = Params>(
  f: (x: X) => Vector | Promise<Vector>,
  jac: (x: X) => Jacobian<X> | Promise<Jacobian<X>>,
  ...args: CheckArguments<X>
): Report | Promise<Report>;
export function checkJacobian(f: unknown, jac: unknown, ...args: unknown[]): Report | Promise<Report> {
  return atCallSite(() => runCheck('jacobian', f, jac, args, 'checkJacobian'), checkJacobian);
}
