/**
 * Per-coordinate mode, as a generator of calls (see calls/driver.ts). For each sample it starts as every
 * sample does (per-sample/), sweeps every chosen coordinate with the first-pass stencil (2 evaluations
 * each for central differences), and gives only the coordinates that look wrong, or that the first pass
 * cannot verify, the sharper look along their axis (line.ts) before judging every row (verdict.ts).
 */
import type { Call } from '../../calls/driver.js';
import { GlobalDifference } from '../../compare/metrics.js';
import { defaultAtol, ERROR_MULTIPLE, RESOLUTION, verifiableError } from '../../compare/tolerance.js';
import { type Estimate, type Ladder, STANDARD_LADDER, WIDE_LADDER } from '../../difference/richardson.js';
import { chooseCoordinates } from '../../sample/coordinates.js';
import type { Problem, Report } from '../../types.js';
import { keepLargest } from '../../util/rank.js';
import { type LineContext, lineContext, scaleFloor } from '../line.js';
import { beginMeasured, type SampleOutcome, type SampleStart } from '../per-sample/begin-sample.js';
import {
  constancy,
  mutation,
  repeatedProblem,
  repeatIntoSecondBuffer,
  revisit,
} from '../per-sample/diagnose.js';
import { coordinateRay, NoiseProbe } from '../per-sample/noise-probe.js';
import { Outputs, whereCoordinate } from '../per-sample/outputs.js';
import { powerFromRows } from '../power.js';
import { lookWider, refineCoordinate } from '../refine.js';
import { Rows } from '../rows.js';
import { checkReport, runSamples } from '../sample-loop.js';
import type { CheckSetup } from '../setup.js';
import {
  agreedRow,
  coordinateNames,
  coordinateRow,
  firstLook,
  type Judged,
  judge,
  plainAgreement,
  type Rule,
} from '../verdict.js';
import { sweep } from './sweep.js';

/** The sweep's central difference as a ladder: one level, at the step h that refinement starts from. */
const SWEEP_LADDER: Ladder = { multiples: [1], ratio: 2, kinks: false };
/** How many coordinates per sample that pass only within their error estimate get refined anyway. */
const UNCERTAIN_REFINED = 4;
/**
 * How many evaluations a whole check spends on them: a spot check of the least precise agreements, not
 * a cost per sample (at n = 1e4 four of them a sample cost 152 calls and settled nothing).
 */
const UNCERTAIN_EVALUATIONS = 40;
/** What one spot refinement usually costs: its standard ladder and its wide one. */
const SPOT_COST = 2 * (STANDARD_LADDER.multiples.length + WIDE_LADDER.multiples.length);

/** Per-coordinate mode: see the top of this file. */
export function* runCoordinate(setup: CheckSetup): Generator<Call, Report, unknown> {
  const { options, shape, working, x0 } = setup;
  const n = shape.n;
  const [fName, dName] = setup.names;
  const indices = chooseCoordinates(shape, options, setup.where);
  const outputs = new Outputs(setup, whereCoordinate(setup));
  const probe = new NoiseProbe(setup, outputs, coordinateRay(working, x0));
  const start: SampleStart = {
    quotePoint: (x) => ` (${setup.words.point(x)})`,
    repeatDerivative: repeatIntoSecondBuffer,
  };
  const problems: Problem[] = [];
  const { counter } = outputs;
  const entryPath = (e: number) => outputs.entryPath(e);
  let uncertainSpent = 0;

  function* checkSample(sampleIndex: number): Generator<Call, SampleOutcome, unknown> {
    const begun = yield* beginMeasured(setup, outputs, start, problems, sampleIndex, probe);
    if ('outcome' in begun) return begun.outcome;
    const { f0, analytic, fail, noise } = begun;
    const precision = probe.precision ?? 'float64';
    const m = f0.length;
    const point = shape.plain(x0);

    // First pass: every chosen coordinate, with the stencil of `method` (sweep.ts).
    const method = options.method;
    const { numeric, errorEstimate, steps } = yield* sweep(setup, outputs, indices, precision, f0, noise);

    const atol =
      options.atol ??
      // largestMagnitude skips entries that are not finite, as a copy with 0 in their place would.
      defaultAtol(analytic, numeric, precision);
    const rule: Rule = {
      tol: options.tol,
      atol,
      forcedStep: options.eps !== undefined,
      resolution: RESOLUTION[precision],
      floor: scaleFloor(analytic, f0, x0, RESOLUTION[precision]),
    };
    const { suspects, unresolved, uncertain } = screen(analytic, numeric, errorEstimate, rule, m, noise);

    // The sharper look at the suspects, along their axes (line.ts).
    const refined = new Map<number, Estimate[]>();
    let repeated: LineContext['repeated'];
    if (options.refine || method === 'richardson') {
      const ctx = lineContext(setup, outputs, { analytic, f0, noise, precision }, null);
      // An agreement too imprecise to count gets a wider look first (4 calls): only where that does not
      // settle it does it join the suspects' full refinement.
      for (const i of unresolved) {
        const wider = yield* lookWider(ctx, i, atol);
        const looks = wider.map((e, k) => firstLook(analytic[k * n + i]!, e.value, e.error, rule));
        if (looks.every((look) => look === 'settled' || look === 'uncertain')) refined.set(i, wider);
        else suspects.push(i);
      }
      const spots = new Set(uncertain);
      for (const i of [...suspects, ...uncertain]) {
        const spot = spots.has(i);
        // Stop before a refinement (its standard and wide ladders: 24 calls) could pass the budget.
        if (spot && uncertainSpent + SPOT_COST > UNCERTAIN_EVALUATIONS) break;
        const before = counter.evaluations;
        // The sweep's points are evaluated again by the first ladder (its level at multiple 1).
        const sweep =
          method === 'central'
            ? {
                ladder: SWEEP_LADDER,
                estimates: Array.from({ length: m }, (_, k) => ({
                  value: numeric[k * n + i]!,
                  error: errorEstimate[k * n + i]!,
                  step: steps[i]!,
                  stencil: method,
                })),
              }
            : undefined;
        refined.set(i, yield* refineCoordinate(ctx, i, atol, sweep, spot));
        if (spot) uncertainSpent += counter.evaluations - before;
      }
      repeated = ctx.repeated;
    }

    const touchedInSweep = mutation(setup);
    if (touchedInSweep !== undefined) {
      return fail({
        kind: 'mutates-input',
        sample: sampleIndex,
        message: `${fName} mutates its input: ${touchedInSweep} while coordinates were perturbed. Copy the input inside ${fName}, or stop writing to it.`,
      });
    }
    // After the mutation check: a function that writes to its input also gives other values at one point.
    if (repeated !== undefined) return fail(repeatedProblem(setup, repeated, sampleIndex));
    const changed = yield* revisit(setup, outputs, f0, sampleIndex, 'after its coordinates were perturbed');
    if (changed !== undefined) return fail(changed);

    const collected = new Rows(indices.length * m, setup.everyRow ? Number.POSITIVE_INFINITY : undefined);
    let mismatches = 0;
    let kink = false;
    const global = new GlobalDifference();
    // One names function for every row, built only where a note needs it, for the row being judged.
    let judged = 0;
    const names = coordinateNames(fName, () => shape.path(judged));
    // The first pass's estimate of the row being judged: judge copies what it reads, so one object serves.
    const first: Judged = { value: 0, error: 0, step: 0, stencil: method };
    for (let k = 0; k < m; k++) {
      for (let p = 0; p < indices.length; p++) {
        const i = indices[p]!;
        const e = k * n + i;
        const a = analytic[e]!;
        const x = x0[i]!;
        let estimate: Judged | undefined = refined.size > 0 ? refined.get(i)?.[k] : undefined;
        if (estimate === undefined) {
          const value = numeric[e]!;
          const allowed = plainAgreement(a, value, errorEstimate[e]!, rule);
          // Most rows: a plain agreement, its row built without a Verdict (verdict.ts).
          if (!Number.isNaN(allowed)) {
            if (collected.addAgreed(e, x, a, value, allowed))
              collected.keep(
                agreedRow(entryPath(e), x, a, value, allowed, errorEstimate[e]!, steps[i]!, method),
              );
            global.add(a, value);
            continue;
          }
          first.value = value;
          first.error = errorEstimate[e]!;
          first.step = steps[i]!;
          estimate = first;
        }
        judged = i;
        const verdict = judge(a, estimate, rule, names);
        if (verdict.kinked) kink = true;
        if (!verdict.ok) mismatches++;
        if (collected.add(e, x, a, verdict))
          collected.keep(coordinateRow(entryPath(e), x, a, verdict, dName));
        global.add(a, verdict.numeric);
      }
    }
    const { coordinates, checked: kept, columns } = collected.finish();
    const nonfinite = coordinates.find((c) => !Number.isFinite(c.analytic));
    if (nonfinite !== undefined) {
      problems.push({
        kind: 'nonfinite-gradient',
        sample: sampleIndex,
        message: `${dName} returned ${nonfinite.analytic} for ${nonfinite.path} at sample ${sampleIndex}.`,
      });
    }
    const rows = () => coordinates.map((c) => ({ ...c, label: c.path }));
    const constant = constancy(setup, outputs, f0, precision, rows, sampleIndex, problems);
    if (constant !== undefined) problems.push(constant);
    return {
      report: {
        index: sampleIndex,
        point,
        value: setup.kind === 'gradient' ? f0[0]! : Array.from(f0),
        globalDiff: global.value(),
        mismatches,
        coordinates,
        noise: noise.reduce((p, v) => Math.max(p, v), Number.NEGATIVE_INFINITY),
        ...(columns !== undefined && { checked: kept, columns }),
      },
      kink,
      abort: false,
    };
  }

  /**
   * The coordinates to refine: every one that fails the screening rule (one error estimate, not k: a
   * coordinate that fails it only costs a second look), then the few that passed only because their
   * error estimate is too large to verify them, least precise first, and only those that refinement can
   * verify. A wrong partial can hide in the noise of f at the first-pass step; refining a few such
   * coordinates is a spot check, at most UNCERTAIN_EVALUATIONS calls a check.
   */
  function screen(
    analytic: Float64Array,
    numeric: Float64Array,
    errorEstimate: Float64Array,
    rule: Rule,
    m: number,
    noise: Float64Array,
  ): { suspects: number[]; unresolved: number[]; uncertain: number[] } {
    const suspects: number[] = [];
    const unresolved: number[] = [];
    const uncertain: number[] = [];
    const imprecisions: number[] = [];
    for (const i of indices) {
      let suspicious = options.method === 'richardson';
      let imprecise = false;
      let imprecision = 0;
      for (let k = 0; k < m && !suspicious; k++) {
        const e = k * n + i;
        const a = analytic[e]!;
        const num = numeric[e]!;
        const look = firstLook(a, num, errorEstimate[e]!, rule);
        if (look === 'suspect') suspicious = true;
        else if (look === 'unresolved') imprecise = true;
        else if (look === 'uncertain') {
          const verifiable = verifiableError(a, num, options.tol, rule.atol);
          const spread = ERROR_MULTIPLE * errorEstimate[e]!;
          // Worth a look only where even the wide ladder's largest step, a quarter of max(1, |x|), could
          // see 4 times sharper than the first pass did: elsewhere refinement would decide nothing.
          const best = (ERROR_MULTIPLE * 4 * noise[k]!) / Math.max(1, Math.abs(x0[i]!));
          const reachable = 4 * best <= spread;
          if (reachable) imprecision = Math.max(imprecision, spread / Math.max(verifiable, Number.MIN_VALUE));
        }
      }
      if (suspicious) suspects.push(i);
      else if (imprecise) unresolved.push(i);
      else if (imprecision > 0) keepLargest(uncertain, imprecisions, i, imprecision, UNCERTAIN_REFINED);
    }
    return { suspects, unresolved, uncertain: options.refine ? uncertain : [] };
  }

  const samples = yield* runSamples(setup, checkSample);
  return checkReport(
    setup,
    {
      problems,
      counter,
      m: outputs.m,
      precision: probe.precision,
      // Read off the rows, those that large samples keep only as numbers too.
      power: powerFromRows(samples, entryPath),
      entryPath,
    },
    'coordinate',
    samples,
  );
}
