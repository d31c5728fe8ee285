/**
 * Which mode runs a check, and within what budget: the mode the options name, or for `'auto'`
 * per-coordinate mode while its calls fit `maxEvaluations` and, once the first calls of f have measured
 * its cost, its projected time fits a share of `timeLimit`; directional mode beyond. A check whose plan
 * needs more calls of f than `maxEvaluations` does not start: its report says so.
 */

import { ModeSwitch } from '../calls/budget.js';
import type { Call } from '../calls/driver.js';
import type { PointValues } from '../params/working.js';
import { PointSource } from '../sample/points.js';
import type { Report } from '../types.js';
import { AUTO_TIME_SHARE, overPlanProblem, type Plan, planOf, switchNote } from './budget.js';
import { runCoordinate } from './modes/coordinate.js';
import { runDirectional } from './modes/directional.js';
import { checkReport } from './sample-loop.js';
import type { CheckSetup } from './setup.js';

/**
 * The buffer of n values that holds each point of a check of `plan`: a Float32Array for a directional check
 * whose points are all float32 (PointSource.float32), 4n bytes where a Float64Array takes 8n, beside the
 * working copy and the direction; else a Float64Array. At every n, so that directional mode's loops over a
 * point see one kind of array, and a small check compiles them as a large one runs them.
 */
export function pointBuffer(plan: Plan, source: PointSource, n: number): PointValues {
  return plan.mode === 'directional' && source.float32 ? new Float32Array(n) : new Float64Array(n);
}

/**
 * The mode of `setup`'s check and its plan: `options.mode`, or for `'auto'` per-coordinate mode when its
 * calls fit `maxEvaluations`. A predicate of `coordinates` is called once per coordinate to count them: the
 * plan is made once.
 */
export function chooseMode(setup: Pick<CheckSetup, 'options' | 'shape' | 'where'>): Plan {
  const { options } = setup;
  if (options.mode === 'directional') return planOf(setup, 'directional');
  const coordinate = planOf(setup, 'coordinate');
  if (options.mode === 'coordinate' || coordinate.calls <= options.maxEvaluations) return coordinate;
  return planOf(setup, 'directional');
}

/**
 * The check of `setup`, in the mode of `plan` (chooseMode's, made once per check). In `mode: 'auto'` a
 * per-coordinate check projects its time from the measured cost of f (calls/budget.ts) and, when it would
 * not fit AUTO_TIME_SHARE of `timeLimit`, starts again in directional mode, from the first sample's point:
 * its report is the one `mode: 'directional'` gives, with the calls already made added and a note that
 * says why.
 */
export function* runMode(setup: CheckSetup, plan: Plan): Generator<Call, Report, unknown> {
  const { options, budget } = setup;
  const mode = plan.mode;
  if (plan.calls > options.maxEvaluations) {
    const counts = {
      problems: [overPlanProblem(setup, plan)],
      counter: { evaluations: 0, derivativeEvaluations: 0 },
      m: -1,
      precision: undefined,
    };
    return checkReport(setup, counts, mode, []);
  }
  if (mode === 'directional') return yield* runDirectional(setup);
  if (options.mode !== 'auto') return yield* runCoordinate(setup);
  // maxEvaluations chose this mode, from a plan of 2 calls a coordinate and 8 a sample. The second look
  // at uncertain coordinates, or at every suspect of a wrong gradient, goes past the plan: it must not
  // turn a verdict into a budget failure. The time limit still bounds the check.
  budget.uncapCalls();
  if (!Number.isFinite(budget.limit)) return yield* runCoordinate(setup);
  let signal: ModeSwitch;
  try {
    // The derivative is called once a sample, and once more at the first (its nondeterminism check).
    const derivativeCalls = options.samples + 1;
    budget.project({ calls: plan.calls, derivativeCalls, within: AUTO_TIME_SHARE * budget.limit });
    return yield* runCoordinate(setup);
  } catch (error) {
    if (!(error instanceof ModeSwitch)) throw error;
    signal = error;
  } finally {
    budget.project(undefined);
  }
  // From the first point again, so that { mode: 'directional' } with the same seed reproduces the check.
  setup.source = new PointSource(options, setup.where);
  const report = yield* runDirectional(setup);
  // Every call counts, those of the per-coordinate start too: the budget counted them all.
  return {
    ...report,
    evaluations: budget.calls,
    gradientEvaluations: budget.derivativeCalls,
    modeReason: switchNote(setup, plan, signal),
  };
}
