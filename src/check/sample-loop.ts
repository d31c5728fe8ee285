/**
 * The loop over the samples of a check, which replaces a random sample that met a kink, and the Report
 * it ends with. Shared by per-coordinate mode (modes/coordinate.ts) and directional mode (modes/directional.ts).
 */
import { BudgetExceeded } from '../calls/budget.js';
import type { Call } from '../calls/driver.js';
import { ERROR_MULTIPLE } from '../compare/tolerance.js';
import type { CoordinateResult, PowerSummary, Problem, Report, SampleReport } from '../types.js';
import type { Precision } from '../util/float.js';
import { WORST_KEPT, worstFirst } from '../util/rank.js';
import { planOf, stopProblem } from './budget.js';
import { findPatterns } from './patterns/find.js';
import type { SampleOutcome } from './per-sample/begin-sample.js';
import { powerFromRows } from './power.js';
import { everyRow } from './rows.js';
import type { CheckSetup } from './setup.js';

/** How often a random sample that met a kink is replaced by a fresh one. */
const MAX_REDRAWS = 3;

/**
 * Runs `checkSample` for each of `samples` samples. A random sample whose check met a kink (at a
 * coordinate, or along a direction) is replaced by a fresh one, at most MAX_REDRAWS times, and marked, so
 * that the printed point is known to be a second draw. A sample whose outcome aborts ends the check, and
 * so does running out of budget (BudgetExceeded): the report then keeps the samples checked in full.
 */
export function* runSamples(
  setup: CheckSetup,
  checkSample: (sampleIndex: number) => Generator<Call, SampleOutcome, unknown>,
): Generator<Call, SampleReport[], unknown> {
  const reports: SampleReport[] = [];
  const first = setup.firstSample;
  for (let s = first; s < first + setup.options.samples; s++) {
    let outcome: SampleOutcome | undefined;
    try {
      for (let attempt = 0; attempt <= MAX_REDRAWS; attempt++) {
        setup.source.next(setup.x0);
        outcome = yield* checkSample(s);
        if (attempt > 0) outcome.report.redrawn = true;
        if (!(outcome.kink && setup.source.random && attempt < MAX_REDRAWS)) break;
      }
    } catch (signal) {
      if (!(signal instanceof BudgetExceeded)) throw signal;
      // Where it stopped, for checkReport's problem; the half-checked sample is left out.
      signal.at = {
        sample: s,
        coordinate: setup.position.coordinate,
        localizing: setup.position.localizing,
      };
      break;
    }
    if (outcome === undefined) break;
    reports.push(outcome.report);
    if (outcome.abort) break;
  }
  return reports;
}

/** What a mode counted and found over its samples, for the report. */
export interface CheckCounts {
  problems: Problem[];
  counter: { evaluations: number; derivativeEvaluations: number };
  /** Outputs of f (-1 when f never returned one). */
  m: number;
  /** The precision f computes in, when a sample's noise probe decided it. */
  precision: Precision | undefined;
  /** The check's power, where the mode worked it out itself (directional); else read off the rows. */
  power?: PowerSummary | undefined;
  /** Names entry e (k·n + i), for the rows that a large sample keeps only in its columns. */
  entryPath?: (e: number) => string;
}

/** The report of a check: its samples, with the counts and settings the mode kept. */
export function checkReport(
  setup: CheckSetup,
  counts: CheckCounts,
  mode: Report['mode'],
  samples: SampleReport[],
): Report {
  const { options } = setup;
  const stop = setup.budget.stopped;
  const problems =
    stop?.at === undefined
      ? counts.problems
      : [...counts.problems, stopProblem(setup, planOf(setup, mode), stop, stop.at, samples)];
  return {
    pass: problems.length === 0 && samples.every((sample) => sample.mismatches === 0),
    kind: setup.kind,
    mode,
    seed: options.seed,
    n: setup.shape.n,
    m: Math.max(counts.m, 1),
    // A stopped check counts the calls of its unfinished sample too, which only the budget saw.
    evaluations: stop === undefined ? counts.counter.evaluations : setup.budget.calls,
    gradientEvaluations:
      stop === undefined ? counts.counter.derivativeEvaluations : setup.budget.derivativeCalls,
    settings: {
      tol: options.tol,
      atol: options.atol ?? 'auto',
      k: ERROR_MULTIPLE,
      method: options.method,
      precision: counts.precision ?? 'float64',
      eps: options.eps ?? 'auto',
    },
    samples,
    worst: worstCoordinates(samples, WORST_KEPT),
    problems,
    ...withPower(counts.power ?? powerFromRows(samples)),
    ...shapesOfTheBug(setup, mode, samples, problems, counts.entryPath),
    ...(setup.drawnLike && { drawnLike: true as const }),
    ...(setup.rounded !== undefined && { rounded: { ...setup.rounded } }),
  };
}

/**
 * The bug's patterns and the blocks' counts, for a per-coordinate gradient check that found disagreeing
 * coordinates and nothing wrong with f (a problem's numbers say nothing of the gradient's shape).
 */
function shapesOfTheBug(
  setup: CheckSetup,
  mode: Report['mode'],
  samples: readonly SampleReport[],
  problems: readonly Problem[],
  entryPath: ((e: number) => string) | undefined,
): Pick<Report, 'patterns' | 'blocks'> {
  if (setup.kind !== 'gradient' || mode !== 'coordinate' || problems.length > 0) return {};
  if (samples.every((s) => s.mismatches === 0)) return {};
  // A pattern is read off every entry of a block, those that a large sample keeps only as numbers too.
  const path = entryPath ?? ((e: number) => setup.shape.path(e));
  const { patterns, blocks } = findPatterns(
    samples.map((s) => (s.columns === undefined ? s : { ...s, coordinates: everyRow(s, path) })),
    setup.options.tol,
    setup.options.coordinates !== undefined,
  );
  return {
    ...(patterns.length > 0 && { patterns }),
    ...(blocks.length > 1 && { blocks }),
  };
}

function withPower(power: PowerSummary | undefined): { power?: PowerSummary } {
  return power === undefined ? {} : { power };
}

/**
 * The `kept` coordinates with the largest absErr / allowed over all samples, worst first, ties in the order
 * checked (as a stable sort would give). A bounded insertion: a check of n coordinates copies `kept` of
 * them, not n, and sorts nothing of size n.
 */
export function worstCoordinates(
  samples: readonly SampleReport[],
  kept: number,
): Array<CoordinateResult & { sample: number }> {
  return worstFirst(samples, { kept });
}
