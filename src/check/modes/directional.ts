/**
 * Directional mode, for inputs too large to check coordinate by coordinate (2n evaluations a sample). Per
 * sample it evaluates f and the gradient once, checks both for nondeterminism and mutation, estimates the
 * noise of f, and compares grad(x)·u with the derivative of t ↦ f(x + t·u) along a few random unit
 * directions u: 4 evaluations each, and the sharper look of per-coordinate mode (Richardson extrapolation)
 * for a direction that disagrees or cannot be verified. When a direction disagrees, adaptive group testing
 * (localize.ts) names the wrong coordinates in O(w·log n) evaluations instead of rerunning a full check.
 * docs/performance.md describes each step and measures it. The start of each sample, up to the noise
 * estimate, is shared with per-coordinate mode (per-sample/).
 */

import type { Call } from '../../calls/driver.js';
import { globalDifference } from '../../compare/metrics.js';
import { defaultAtol, ERROR_MULTIPLE } from '../../compare/tolerance.js';
import { type Estimate, STANDARD_LADDER, WIDE_LADDER, WIDER_LOOK } from '../../difference/richardson.js';
import { chooseCoordinates } from '../../sample/coordinates.js';
import { makeRng } from '../../sample/rng.js';
import type { CoordinateResult, DirectionResult, Problem, Report, SampleReport } from '../../types.js';
import { type Candidates, lineContext, rangeLine } from '../line.js';
import { beginMeasured, type SampleOutcome, type SampleStart } from '../per-sample/begin-sample.js';
import {
  constancy,
  mutation,
  repeatByFingerprint,
  repeatedProblem,
  revisit,
} from '../per-sample/diagnose.js';
import { hashedRay, NoiseProbe } from '../per-sample/noise-probe.js';
import { Outputs, whereSample } from '../per-sample/outputs.js';
import { SamplePower } from '../power.js';
import { MAX_SHRINKS, type Plans, refineAlong } from '../refine.js';
import { checkReport, runSamples } from '../sample-loop.js';
import type { CheckSetup } from '../setup.js';
import { firstLook, judge, type Rule, verdictRow } from '../verdict.js';
import { alongDrawn } from './directions.js';
import { finiteOrZero } from './disagreement.js';
import {
  explains,
  type Found,
  localizeDirection,
  nonfiniteVet,
  recheck,
  remember,
  WIDE_LOOK,
} from './found.js';
import { HeldDerivative, POINT_KEPT } from './held.js';
import { directionRow, type LocalizeOutcome, WIDE_FROM } from './localize.js';
import { ProvenDirections } from './proven.js';
import { AtRest } from './rest.js';

/** Directions per sample that agree but cannot be verified to tol and get refined anyway. */
const UNCERTAIN_REFINED = 1;
/** Most coordinates localization names per sample: enough to show the pattern of a bug. */
const MAX_NAMED = 10;
/** Directional mode: see the top of this file. */
export function* runDirectional(setup: CheckSetup): Generator<Call, Report, unknown> {
  const { options, shape, working, x0 } = setup;
  const n = shape.n;
  const [fName, dName] = setup.names;
  // One buffer for every direction (and the noise probe): n float32 values, the largest allocation here.
  const v = new Float32Array(n);
  const outputs = new Outputs(setup, whereSample(setup));
  const probe = new NoiseProbe(setup, outputs, hashedRay(working, x0, v));
  // Not the point, at a million coordinates; and the derivative's repeat read over its first buffer.
  const start: SampleStart = { quotePoint: () => '', repeatDerivative: repeatByFingerprint };
  const problems: Problem[] = [];
  const { counter } = outputs;
  const entryPath = (e: number) => outputs.entryPath(e);
  const candidates: Candidates =
    options.coordinates === undefined ? null : chooseCoordinates(shape, options, setup.where);
  const candidateCount = candidates === null ? n : candidates.length;
  const directionRng = makeRng(options.seed, 'directions');
  const power = new SamplePower(options.samples);
  const proven = new ProvenDirections(x0, candidates, options.eps === undefined);
  const held = new HeldDerivative(outputs, n);
  const rest = new AtRest(counter, candidates === null);
  // Coordinates named in any sample so far, with the relative discrepancy they were named with.
  const earlier = new Map<number, number>();

  /** The point for the report, unless it is too large to be worth keeping (the seed reproduces it). */
  const keptPoint = () => (n <= POINT_KEPT ? shape.plain(x0) : undefined);

  function* checkSample(sampleIndex: number): Generator<Call, SampleOutcome, unknown> {
    // A non-finite entry ends the sample before the noise probe: every direction would mix it in.
    const vet = held.watching(nonfiniteVet(dName, entryPath, sampleIndex));
    const begun = yield* beginMeasured(setup, outputs, start, problems, sampleIndex, probe, vet);
    if ('outcome' in begun) return begun.outcome;
    const { f0, analytic, fail, noise } = begun;
    const precision = probe.precision ?? 'float64';
    const m = f0.length;
    const value = setup.kind === 'gradient' ? f0[0]! : Array.from(f0);

    const values = { analytic, f0, noise, precision, largest: held.largest };
    const ctx = lineContext(setup, outputs, values, candidates);
    proven.begin();
    const named = new Set<number>();
    const directions: DirectionResult[] = [];
    const coordinates: CoordinateResult[] = [];
    let kink = false;
    let uncertainRefined = 0;
    // ‖v‖ of the direction in v, which localizeFrom reads.
    let norm = 0;
    // A direction's partials are resolved to Resolution.floor of the size Σ|∂f/∂x_i·u_i| of its terms.
    const directionRule = (atol: number, size: number): Rule => ({
      tol: options.tol,
      atol,
      forcedStep: options.eps !== undefined,
      resolution: ctx.resolution,
      floor: ctx.resolution.floor * size,
    });

    const found: Found = { named, coordinates, localization: undefined };
    const localizeFrom = (
      estimates: readonly Estimate[],
      failing: number,
      a: Float64Array,
      atol: number,
      full: boolean,
    ) =>
      localizeDirection(ctx, { v, norm, candidateCount, maxNamed: MAX_NAMED }, found, {
        estimates,
        failing,
        a,
        atol,
        full,
      });
    // Coordinates named in an earlier sample are checked here directly, and left out of the directions
    // when still wrong: the directions then need not find them again (a search of 2·log2(n) calls).
    const atolOfPartials = options.atol ?? defaultAtol([ctx.largest], [], precision);
    yield* recheck(ctx, earlier, found, MAX_NAMED, atolOfPartials);

    for (let j = 1; j <= options.directions; j++) {
      const seed = Math.floor(directionRng() * 2 ** 32) | 0;
      const drawn = proven.draw(v, seed, named, analytic);
      norm = drawn.norm;
      if (norm === 0) break; // every candidate is already named
      const line = rest.track(rangeLine(ctx, v, norm, 0, candidateCount));
      const magnitude = new Float64Array(m);
      // grad·u as the draw summed it, the same sums as line.analytic's, where nothing was left out of v.
      const a = m === 1 && named.size === 0 ? alongDrawn(drawn, magnitude) : line.analytic(magnitude);
      // Each coordinate moves by 1 to 2 times t·(step per-coordinate mode would take for it).
      const t = (options.eps ?? ctx.relative) * norm;
      const looked = (estimates: readonly Estimate[]) => {
        const atol =
          options.atol ??
          defaultAtol(
            magnitude,
            estimates.map((estimate) => finiteOrZero(estimate.value)),
            precision,
          );
        const looks = estimates.map((estimate, k) =>
          firstLook(a[k]!, estimate.value, estimate.error, directionRule(atol, magnitude[k]!)),
        );
        return { atol, looks };
      };
      // The first look is wide (WIDE_LOOK): the noise of a sum of a million terms swamps a difference at
      // the relative step, and a wide one settles most directions in 4 calls. Where it does not (f varies
      // faster than its steps, or meets an edge or a kink), the look at the relative step follows.
      let estimates: Estimate[] = [];
      // What the wide look localised; `partial` when that left some of a disagreement unexplained.
      let early: LocalizeOutcome | undefined;
      let partial: LocalizeOutcome | undefined;
      let clean = false;
      if (options.eps === undefined && candidateCount >= WIDE_FROM) {
        estimates = yield* refineAlong(ctx, line, { ladders: [[norm, WIDE_LOOK]], shrinks: 0 }, a, 0);
        const { atol, looks } = looked(estimates);
        clean =
          estimates.every((e) => Number.isFinite(e.value) && !e.oneSided && !e.nonfinite) &&
          looks.every((look) => look === 'settled' || look === 'suspect');
        // A discrepancy beyond its error is worth localising even within tol: only the per-coordinate
        // check of what it names can fail the sample.
        const significant = estimates.findIndex(
          (e, k) => Math.abs(a[k]! - e.value) > Math.max(atol, ERROR_MULTIPLE * e.error),
        );
        // Beyond tol too (full budget): what it names is confirmed by a kink-aware check, and when that
        // explains all of the discrepancy a refinement would add nothing; else it is refined as before.
        if (clean && significant >= 0 && named.size < MAX_NAMED) {
          const beyond = looks.includes('suspect');
          early = yield* localizeFrom(estimates, significant, a, atol, beyond);
          if (beyond && !explains(ctx, early, { v, norm }, { estimates, a, atol })) partial = early;
          if (partial !== undefined) early = undefined;
        }
      }
      if (!clean) estimates = yield* refineAlong(ctx, line, { ladders: [[t, WIDER_LOOK]], shrinks: 0 }, a, 0);
      const { atol, looks } = looked(estimates);
      // A direction that disagrees gets the sharper look, as a suspect coordinate does, and so does one
      // the first look cannot resolve. So does the first one that agrees only within an error too large
      // to verify it to tol: one precise direction checks every coordinate at once, a spot check that
      // per-coordinate mode cannot match (docs/performance.md). Not when the wide look's disagreement was
      // localised to wrong coordinates already: they fail the sample.
      const suspicious = looks.includes('suspect') || looks.includes('unresolved');
      const uncertain = looks.includes('uncertain');
      const explained = early !== undefined && early.named.length > 0;
      if (
        options.refine &&
        !explained &&
        (suspicious || (uncertain && uncertainRefined < UNCERTAIN_REFINED))
      ) {
        if (!suspicious) uncertainRefined++;
        // Smaller ladders along a direction too, for f whose length scale is below the relative step.
        const plans: Plans = {
          ladders: [[t, STANDARD_LADDER]],
          shrinks: options.eps === undefined ? MAX_SHRINKS : 0,
        };
        // The wide ladder moves each coordinate by up to 1/8 of its scale max(1, |x|).
        if (options.eps === undefined) plans.ladders.push([norm, WIDE_LADDER]);
        // The standard ladder includes the first look's two steps (when the look was at t), so its
        // estimate is never worse; and only a ladder of 3 or more steps tells a kink from a wrong derivative.
        const look = clean ? undefined : { estimates, ladder: WIDER_LOOK };
        estimates = yield* refineAlong(ctx, line, plans, a, atol, look);
        if (ctx.repeated !== undefined) break;
      }

      const names = () => ({ subject: `${fName} along direction ${j}`, place: '' });
      const verdicts = estimates.map((estimate, k) =>
        judge(a[k]!, estimate, directionRule(atol, magnitude[k]!), names),
      );
      verdicts.forEach((verdict, k) => {
        directions.push(verdictRow({ index: j, output: k }, a[k]!, verdict));
      });
      const allowed = verdicts.map((verdict) => (verdict.ok ? verdict.allowed : Number.NaN));
      proven.add(seed, norm, allowed);
      const failing = verdicts.findIndex((verdict) => !verdict.ok);
      if (failing < 0) continue;
      const failed = directions[directions.length - verdicts.length + failing]!;
      if (failed.status === 'kink') {
        // As in per-coordinate mode, a random sample is redrawn; a kink in every draw fails the check.
        kink = true;
        coordinates.push(directionRow(failed, 'kink', MAX_NAMED));
        continue;
      }
      if (failed.status === 'inconclusive') {
        // Nothing disagrees, so there is nothing to localise: the direction could not be verified.
        coordinates.push(directionRow(failed, 'inconclusive', MAX_NAMED));
        continue;
      }

      // Localise at the step where the direction was measured most precisely, unless the wide look did.
      let outcome = early;
      if (outcome === undefined && named.size < MAX_NAMED) {
        outcome = yield* localizeFrom(estimates, failing, a, atol, true);
      } else if (outcome === undefined && found.localization) {
        found.localization.complete = false;
      }
      if ((outcome === undefined || outcome.named.length === 0) && !partial?.named.length) {
        coordinates.push(directionRow(failed, outcome === undefined ? 'budget' : 'searched', MAX_NAMED));
      }
    }
    // f rewrote the derivative read in place: the sample again, with the derivative copied.
    if (!held.intact(analytic)) return yield* checkSample(sampleIndex);
    remember(ctx, found, earlier);
    proven.commit(power, v, analytic, sampleIndex, kink);

    const touchedInSweep = rest.moved() ? mutation(setup) : undefined;
    if (touchedInSweep !== undefined) {
      return fail({
        kind: 'mutates-input',
        sample: sampleIndex,
        message: `${fName} mutates its input: ${touchedInSweep} while it was evaluated along directions. Copy the input inside ${fName}, or stop writing to it.`,
      });
    }
    // After the mutation check: a function that writes to its input also gives other values at one point.
    if (ctx.repeated !== undefined) return fail(repeatedProblem(setup, ctx.repeated, sampleIndex));
    const changed = yield* revisit(
      setup,
      outputs,
      f0,
      sampleIndex,
      'after it was evaluated along directions',
    );
    if (changed !== undefined) return fail(changed);
    const rows = () => [
      ...directions.map((d) => ({ ...d, label: `grad·u along direction ${d.index}` })),
      ...coordinates.map((c) => ({ ...c, label: c.path })),
    ];
    const constant = constancy(setup, outputs, f0, precision, rows, sampleIndex, problems);
    if (constant !== undefined) problems.push(constant);
    const report: SampleReport = {
      index: sampleIndex,
      point: keptPoint(),
      value,
      globalDiff: globalDifference(
        directions.map((d) => d.analytic),
        directions.map((d) => d.numeric),
      ),
      mismatches: coordinates.filter((c) => !c.ok).length,
      coordinates,
      noise: Math.max(...noise),
      directions,
    };
    if (found.localization) report.localization = found.localization;
    return { report, kink, abort: false };
  }

  const samples = yield* runSamples(setup, checkSample);
  // Every disagreeing direction left a row in its sample's coordinates: a named coordinate, or itself.
  const counts = { problems, counter, m: outputs.m, precision: probe.precision };
  return checkReport(setup, { ...counts, power: power.summary(entryPath) }, 'directional', samples);
}
