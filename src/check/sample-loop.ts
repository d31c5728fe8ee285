/**
 * The loop over the samples of a check, which replaces a random sample that met a kink, and the Report
 * it ends with. Shared by per-coordinate mode (engine.ts) and directional mode (directional.ts).
 */
import type { Call } from '../calls/driver.js';
import { ERROR_MULTIPLE } from '../options/options.js';
import type { CoordinateResult, Report, SampleReport } from '../types.js';
import type { EngineSetup } from './modes/coordinate.js';
import type { Prelude, SampleOutcome } from './per-sample/prelude.js';

/** How often a random sample that met a kink is replaced by a fresh one. */
const MAX_REDRAWS = 3;
/** How many of the worst coordinates a report keeps. */
export const WORST_KEPT = 50;

/**
 * Runs `checkSample` for each of `samples` samples. A random sample whose check met a kink (at a
 * coordinate, or along a direction) is replaced by a fresh one, at most MAX_REDRAWS times, and marked, so
 * that the printed point is known to be a second draw. A sample whose outcome aborts ends the check.
 */
export function* runSamples(
  setup: EngineSetup,
  x0: Float64Array,
  checkSample: (sampleIndex: number) => Generator<Call, SampleOutcome, unknown>,
): Generator<Call, SampleReport[], unknown> {
  const reports: SampleReport[] = [];
  for (let s = 1; s <= setup.options.samples; s++) {
    let outcome: SampleOutcome | undefined;
    for (let attempt = 0; attempt <= MAX_REDRAWS; attempt++) {
      setup.source.next(x0);
      outcome = yield* checkSample(s);
      if (attempt > 0) outcome.report.redrawn = true;
      if (!(outcome.kink && setup.source.random && attempt < MAX_REDRAWS)) break;
    }
    if (outcome === undefined) break;
    reports.push(outcome.report);
    if (outcome.abort) break;
  }
  return reports;
}

/** The report of a check: its samples, with the counts and settings the prelude kept. */
export function checkReport(
  setup: EngineSetup,
  prelude: Prelude,
  mode: Report['mode'],
  samples: SampleReport[],
): Report {
  const { options } = setup;
  return {
    pass: prelude.problems.length === 0 && samples.every((sample) => sample.mismatches === 0),
    kind: setup.kind,
    mode,
    seed: options.seed,
    n: setup.shape.n,
    m: Math.max(prelude.m, 1),
    evaluations: prelude.counter.evaluations,
    gradientEvaluations: prelude.counter.derivativeEvaluations,
    settings: {
      tol: options.tol,
      atol: options.atol ?? 'auto',
      k: ERROR_MULTIPLE,
      method: options.method,
      precision: prelude.precision ?? 'float64',
      eps: options.eps ?? 'auto',
    },
    samples,
    worst: worstCoordinates(samples, WORST_KEPT),
    problems: prelude.problems,
  };
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
  const chosen: Array<{ c: CoordinateResult; r: number; sample: number }> = [];
  for (const sample of samples) {
    for (const c of sample.coordinates) {
      const r = ratio(c);
      if (chosen.length === kept && !(r > chosen[kept - 1]!.r)) continue;
      let at = chosen.length;
      while (at > 0 && chosen[at - 1]!.r < r) at--;
      chosen.splice(at, 0, { c, r, sample: sample.index });
      if (chosen.length > kept) chosen.pop();
    }
  }
  return chosen.map(({ c, sample }) => ({ ...c, sample }));
}

function ratio(c: CoordinateResult): number {
  if (!c.ok && !Number.isFinite(c.absErr)) return Number.POSITIVE_INFINITY;
  return c.allowed > 0 ? c.absErr / c.allowed : c.absErr > 0 ? Number.POSITIVE_INFINITY : 0;
}
