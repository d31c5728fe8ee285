/**
 * Directional mode, for inputs too large to check coordinate by coordinate (2n evaluations a sample). Per
 * sample it evaluates f and the gradient once, checks both for nondeterminism and mutation, estimates the
 * noise of f, and compares grad(x)·u with the derivative of t ↦ f(x + t·u) along a few random unit
 * directions u: 4 evaluations each, and the sharper look of per-coordinate mode (Richardson extrapolation)
 * for a direction that disagrees or cannot be verified. When a direction disagrees, adaptive group testing
 * (localize.ts) names the wrong coordinates in O(w·log n) evaluations instead of rerunning a full check.
 * docs/performance.md describes each step and measures it.
 */
import { defaultAtol, globalDifference, relativeError } from './compare.js';
import {
  EVALUATIONS_PER_COORDINATE,
  estimateNoise,
  type Ladder,
  type Precision,
  relativeStep,
  STANDARD_LADDER,
  SUBNORMAL_SPACING,
  UNIT_ROUNDOFF,
  WIDE_LADDER,
} from './difference.js';
import { CALL_DERIVATIVE, CALL_F, type Call } from './drive.js';
import {
  chooseCoordinates,
  type EngineSetup,
  largestChangeIndex,
  looksFloat32,
  maxRelativeChange,
  worstCoordinates,
} from './engine.js';
import { describeValue, inputError } from './errors.js';
import {
  agrees,
  type Candidates,
  drawDirection,
  hash32,
  judge,
  type LineContext,
  type LocalizeOutcome,
  localize,
  rangeLine,
  refineAlong,
} from './localize.js';
import { ERROR_MULTIPLE } from './options.js';
import { Shape } from './params.js';
import { makeRng } from './sample.js';
import type {
  CoordinateResult,
  DirectionResult,
  LocalizationResult,
  Problem,
  Report,
  SampleReport,
} from './types.js';

/** How often a random sample whose direction crossed a kink is replaced by a fresh one. */
const MAX_REDRAWS = 3;
/** How many of the worst coordinates a report keeps. */
const WORST_KEPT = 50;
/** Directions per sample that agree but cannot be verified to tol and get refined anyway. */
const UNCERTAIN_REFINED = 1;
/**
 * Largest input whose points the report keeps. A point of a million coordinates, once per sample, would be
 * most of the memory of a check and of the report, and nobody reads it: the seed reproduces it.
 */
const POINT_KEPT = 10_000;
/** Most coordinates localization names per sample: enough to show the pattern of a bug. */
const MAX_NAMED = 10;
/** Restricted directions localization may test per wrong coordinate it names, per level of halving. */
const TESTS_PER_LEVEL = 4;
/**
 * The first look along a direction: central differences at the two widest steps of the standard ladder,
 * 16t and 8t, and one Richardson step between them. 4 evaluations: the wide steps cut the noise 8 to 16
 * times against a plain central difference at t, and the extrapolation estimates the truncation they add.
 */
const FIRST_PASS: Ladder = { multiples: [16, 8], ratio: 2, kinks: false };
/** The noise probe of per-coordinate mode (engine.ts): f at x + j·δ·p for j = 0 … 6, a ray from x. */
const NOISE_OFFSETS = [1, 2, 3, 4, 5, 6] as const;
/** How much wider each repeated probe is when f looked constant along the last one. */
const WIDEN_PROBE = 1024;
/** Relative size δ of the noise probe, small enough that f is a low-degree polynomial over it. */
const NOISE_STEP: Record<Precision, number> = { float64: 2 ** -30, float32: 2 ** -10 };

/** Which engine runs: `mode`, or for `'auto'` per-coordinate while its cost fits `maxEvaluations`. */
export function chooseMode(setup: EngineSetup): 'coordinate' | 'directional' {
  const { options, shape } = setup;
  if (options.mode !== 'auto') return options.mode;
  const choice = options.coordinates;
  const checked =
    choice === undefined
      ? shape.n
      : typeof choice === 'number'
        ? Math.min(choice, shape.n)
        : chooseCoordinates(setup).length;
  const perCoordinate =
    options.method === 'richardson'
      ? 2 * STANDARD_LADDER.multiples.length
      : EVALUATIONS_PER_COORDINATE[options.method];
  return checked * perCoordinate * options.samples <= options.maxEvaluations ? 'coordinate' : 'directional';
}

interface SampleOutcome {
  report: SampleReport;
  kink: boolean;
  abort: boolean;
}

export function* runDirectional(setup: EngineSetup): Generator<Call, Report, unknown> {
  const { options, shape, source, working, position } = setup;
  const [fName, dName] = setup.names;
  const n = shape.n;
  let m = setup.kind === 'gradient' ? 1 : -1;
  let precision: Precision | undefined =
    options.precision === 'auto' ? (shape.float32 ? 'float32' : undefined) : options.precision;
  const counter = { evaluations: 0 };
  let derivativeEvaluations = 0;
  const problems: Problem[] = [];
  const samples: SampleReport[] = [];
  const x0 = setup.x0 ?? new Float64Array(n);
  // One buffer for every direction (and the noise probe): n float32 values, the largest allocation here.
  const v = new Float32Array(n);
  const candidates: Candidates = options.coordinates === undefined ? null : chooseCoordinates(setup);
  const candidateCount = candidates === null ? n : candidates.length;
  const directionRng = makeRng(options.seed, 'directions');
  const noiseRng = makeRng(options.seed, 'noise');

  const where = () => `at sample ${position.sample}`;

  /** Reads what f returned into a fresh array of m values, validating its type. */
  const read = (raw: unknown): Float64Array => {
    if (setup.kind === 'gradient') {
      if (typeof raw !== 'number') {
        const hint =
          Array.isArray(raw) || ArrayBuffer.isView(raw)
            ? ' For a function with several outputs, use checkJacobian / toHaveJacobian.'
            : '';
        throw inputError(
          `${fName} must return a number, but returned ${describeValue(raw)} ${where()}.${hint}`,
        );
      }
      const out = new Float64Array(1);
      out[0] = raw;
      return out;
    }
    const flat = Array.isArray(raw) && raw.every((value) => typeof value === 'number');
    if (
      m === -1 &&
      setup.outputShape === undefined &&
      !flat &&
      !ArrayBuffer.isView(raw) &&
      isStructured(raw)
    ) {
      // A structured output (a gradient of a parameter dict): its entries are named by their paths.
      setup.outputShape = Shape.of(raw, 'y', `the value returned by ${fName}`);
    }
    if (setup.outputShape !== undefined) {
      if (m === -1) m = setup.outputShape.n;
      const out = new Float64Array(m);
      setup.outputShape.read(raw, out, `the value returned by ${fName} ${where()}`);
      return out;
    }
    if (!(Array.isArray(raw) || raw instanceof Float64Array || raw instanceof Float32Array)) {
      throw inputError(
        `${fName} must return an array of numbers for a Jacobian, but returned ${describeValue(raw)} ${where()}.`,
      );
    }
    if (m === -1) {
      if (raw.length === 0)
        throw inputError(`${fName} returned an empty array ${where()}; a Jacobian needs outputs.`);
      m = raw.length;
    }
    if (raw.length !== m)
      throw inputError(`${fName} returned ${raw.length} outputs ${where()}, but ${m} before.`);
    const out = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const value = (raw as ArrayLike<unknown>)[k];
      if (typeof value !== 'number')
        throw inputError(`${fName} returned ${describeValue(value)} as output ${k} ${where()}.`);
      out[k] = value;
    }
    return out;
  };

  /** The point for the report, unless it is too large to be worth keeping (the seed reproduces it). */
  const keptPoint = () => (n <= POINT_KEPT ? shape.plain(x0) : undefined);

  const mutated = (): string | undefined => {
    for (let i = 0; i < n; i++) {
      const value = working.get(i);
      if (!Object.is(value, x0[i])) return `${shape.path(i)} was ${x0[i]} before the call and ${value} after`;
    }
    return undefined;
  };

  function entryPath(e: number): string {
    const k = Math.floor(e / n);
    if (setup.entryPath !== undefined) return setup.entryPath(k, e - k * n);
    if (setup.kind === 'gradient') return shape.path(e);
    return `J[${setup.outputShape?.path(k) ?? String(k)}, ${shape.path(e - k * n)}]`;
  }

  /**
   * Reads the derivative into `out` (n·m values), or into one buffer kept for the whole check: at a million
   * coordinates a fresh one per sample would be the largest garbage of the check.
   */
  let analyticBuffer: Float64Array | undefined;
  function* readDerivative(out?: Float64Array): Generator<Call, Float64Array, unknown> {
    const raw = yield CALL_DERIVATIVE;
    derivativeEvaluations++;
    if (out === undefined) {
      analyticBuffer ??= new Float64Array(n * m);
      out = analyticBuffer;
    }
    if (setup.kind === 'gradient') {
      shape.read(raw, out, `the value returned by ${dName}`);
      return out;
    }
    if (!(Array.isArray(raw) || ArrayBuffer.isView(raw)) || (raw as ArrayLike<unknown>).length !== m) {
      throw inputError(
        `the value returned by ${dName} should be an array of ${m} rows (one per output of ${fName}), each with ${n} entries, but received ${describeValue(raw)}.`,
      );
    }
    const table = raw as ArrayLike<unknown>;
    for (let k = 0; k < m; k++) {
      shape.read(table[k], out.subarray(k * n, (k + 1) * n), `row ${k} of the value returned by ${dName}`);
    }
    return out;
  }

  /**
   * f at x + j·δ·p, j = 1 … 6, along a random p: the probe of per-coordinate mode (engine.ts), written with
   * the bulk `moveAlong` and the direction buffer, so that it allocates nothing of size n.
   */
  function* probeNoise(f0: Float64Array, widen = 1): Generator<Call, Float64Array[], unknown> {
    const seed = Math.floor(noiseRng() * 2 ** 32) | 0;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const p = hash32(seed, i) * 2 ** -31;
      norm += p * p;
      // Relative to |x| itself, so that a coordinate near a singularity (log at 1e-6) stays on its side.
      v[i] = p * (Math.abs(x0[i]!) || 1);
    }
    norm = Math.sqrt(norm) || 1;
    const delta = NOISE_STEP[precision ?? 'float64'] * widen;
    const values: Float64Array[] = [f0];
    for (const j of NOISE_OFFSETS) {
      working.moveAlong(x0, v, (j * delta) / norm, 0, n);
      values.push(read(yield CALL_F));
      counter.evaluations++;
    }
    working.moveAlong(x0, v, 0, 0, n);
    return values;
  }

  function* checkSample(sampleIndex: number): Generator<Call, SampleOutcome, unknown> {
    position.sample = sampleIndex;
    position.coordinate = -1;
    position.phase = 'value';
    working.writeAll(x0);
    working.readAll(x0);

    const f0 = read(yield CALL_F);
    counter.evaluations++;
    const value = setup.kind === 'gradient' ? f0[0]! : Array.from(f0);
    // A sample where f or the gradient failed keeps its point whatever its size: it is what to look at.
    const emptyReport = (): SampleReport => ({
      index: sampleIndex,
      point: shape.plain(x0),
      value,
      globalDiff: Number.NaN,
      mismatches: 0,
      coordinates: [],
      noise: Number.NaN,
    });
    const fail = (problem: Problem): SampleOutcome => {
      problems.push(problem);
      return { report: emptyReport(), kink: false, abort: problem.kind !== 'nonfinite-value' };
    };
    const touched = mutated();
    if (touched !== undefined) {
      return fail({
        kind: 'mutates-input',
        sample: sampleIndex,
        message: `${fName} mutates its input: ${touched}. gradcheck evaluates f at perturbed copies of the point, so a function that writes to its argument corrupts the check. Copy the input inside ${fName}, or stop writing to it.`,
      });
    }
    const bad = f0.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) {
      return fail({
        kind: 'nonfinite-value',
        sample: sampleIndex,
        message: `${fName} returned ${f0[bad]}${m > 1 ? ` in output ${bad}` : ''} at the point of sample ${sampleIndex}, so there is nothing to differentiate there. If the point is outside f's domain (log or sqrt of a negative number), set \`domain\` or \`points\`.`,
      });
    }

    position.phase = 'repeat';
    const again = read(yield CALL_F);
    counter.evaluations++;
    if (maxRelativeChange(f0, again) > options.nondeterminism) {
      const k = largestChangeIndex(f0, again);
      return fail({
        kind: 'nondeterministic',
        sample: sampleIndex,
        message: `${fName} is not deterministic: ${fName}(x) returned ${f0[k]} then ${again[k]} at the same x (sample ${sampleIndex}). Disable dropout and other randomness, or seed it, before checking gradients${options.nondeterminism > 0 ? '' : ', or allow a small relative difference with { nondeterminism: 1e-12 }'}.`,
      });
    }

    position.phase = 'derivative';
    const analytic = yield* readDerivative();
    // Before the second call: a derivative that writes to its input would otherwise read as nondeterministic.
    const touchedByDerivative = mutated();
    if (touchedByDerivative !== undefined) {
      return fail({
        kind: 'mutates-input',
        sample: sampleIndex,
        message: `${dName} mutates its input: ${touchedByDerivative}. Copy the input inside ${dName}, or stop writing to it.`,
      });
    }
    if (sampleIndex === 1) {
      // Compared by fingerprint, and the second call read over the first, so that this costs no second
      // buffer of n·m values; only when they differ does a third call find an entry that differs.
      const first = fingerprint(analytic);
      yield* readDerivative(analytic);
      if (fingerprint(analytic) !== first) {
        const third = yield* readDerivative(new Float64Array(analytic.length));
        const k = Math.max(
          0,
          analytic.findIndex((a, e) => !Object.is(a, third[e])),
        );
        return fail({
          kind: 'nondeterministic',
          sample: sampleIndex,
          message: `${dName} is not deterministic: three calls at the same x returned different gradients (${entryPath(k)}: ${analytic[k]}, then ${third[k]}). Disable dropout and other randomness, or seed it, before checking gradients.`,
        });
      }
    }
    const nonfiniteGradient = analytic.findIndex((a) => !Number.isFinite(a));
    if (nonfiniteGradient >= 0) {
      problems.push({
        kind: 'nonfinite-gradient',
        sample: sampleIndex,
        message: `${dName} returned ${analytic[nonfiniteGradient]} for ${entryPath(nonfiniteGradient)} at sample ${sampleIndex}.`,
      });
      return { report: emptyReport(), kink: false, abort: true };
    }

    position.phase = 'noise';
    if (precision === 'float32') working.roundToFloat32 = true;
    let noiseValues = yield* probeNoise(f0);
    if (precision === undefined) {
      precision = looksFloat32(noiseValues) ? 'float32' : 'float64';
      if (precision === 'float32') {
        working.roundToFloat32 = true;
        noiseValues = yield* probeNoise(f0);
      }
    }
    for (
      let widen = WIDEN_PROBE;
      precision === 'float64' &&
      widen <= WIDEN_PROBE ** 2 &&
      noiseValues.every((values) => values.every((y, k) => y === f0[k]));
      widen *= WIDEN_PROBE
    ) {
      noiseValues = yield* probeNoise(f0, widen);
    }
    const noise = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const column = noiseValues.map((values) => values[k]!);
      // The probe may step outside f's domain (log near 0); then only the rounding floor is known.
      const probed = column.every(Number.isFinite) ? estimateNoise(column) : 0;
      noise[k] = Math.max(probed, UNIT_ROUNDOFF[precision] * Math.abs(f0[k]!), SUBNORMAL_SPACING[precision]);
    }

    const ctx: LineContext = {
      n,
      m,
      shape,
      working,
      x0,
      analytic,
      f0,
      noise,
      tol: options.tol,
      eps: options.eps,
      relative: relativeStep('central', precision),
      candidates,
      position,
      read,
      counter,
      fName,
      dName,
      entryPath,
    };
    const named = new Set<number>();
    const directions: DirectionResult[] = [];
    const coordinates: CoordinateResult[] = [];
    let localization: LocalizationResult | undefined;
    let kink = false;
    let uncertainRefined = 0;

    for (let j = 1; j <= options.directions; j++) {
      position.phase = `direction ${j}`;
      const seed = Math.floor(directionRng() * 2 ** 32) | 0;
      const norm = drawDirection(v, seed, x0, candidates, options.eps === undefined, named);
      if (norm === 0) break; // every candidate is already named
      const line = rangeLine(ctx, v, norm, 0, candidateCount);
      const magnitude = new Float64Array(m);
      const a = line.analytic(magnitude);
      // Each coordinate moves by 1 to 2 times t·(step per-coordinate mode would take for it).
      const t = (options.eps ?? ctx.relative) * norm;
      let estimates = yield* refineAlong(ctx, line, [[t, FIRST_PASS]], a, 0);
      const atol =
        options.atol ??
        defaultAtol(
          magnitude,
          estimates.map((estimate) => finiteOrZero(estimate.value)),
          precision,
        );
      // A direction that disagrees gets the sharper look, as a suspect coordinate does. So does the first
      // one that agrees only within an error too large to verify it to tol: one precise direction checks
      // every coordinate at once, a spot check that per-coordinate mode cannot match (docs/performance.md).
      const suspicious = estimates.some(
        (estimate, k) =>
          !Number.isFinite(estimate.value) ||
          !agrees(a[k]!, estimate.value, options.tol, atol, 1, estimate.error),
      );
      const uncertain = estimates.some(
        (estimate, k) =>
          ERROR_MULTIPLE * estimate.error >
          Math.max(options.tol * Math.max(Math.abs(a[k]!), Math.abs(estimate.value)), atol),
      );
      if (options.refine && (suspicious || (uncertain && uncertainRefined < UNCERTAIN_REFINED))) {
        if (!suspicious) uncertainRefined++;
        position.phase = `refine direction ${j}`;
        const plans: Array<readonly [number, Ladder]> = [[t, STANDARD_LADDER]];
        // The wide ladder moves each coordinate by up to 1/8 of its scale max(1, |x|).
        if (options.eps === undefined) plans.push([norm, WIDE_LADDER]);
        // The standard ladder includes the first look's two steps, so its estimate is never worse; and
        // only a ladder of 3 or more steps tells a kink from a wrong derivative.
        estimates = yield* refineAlong(ctx, line, plans, a, atol);
      }

      const verdicts = estimates.map((estimate, k) =>
        judge(a[k]!, estimate, options.tol, atol, `${fName} along direction ${j}`),
      );
      verdicts.forEach((verdict, k) => {
        const result: DirectionResult = {
          index: j,
          output: k,
          analytic: a[k]!,
          numeric: verdict.numeric,
          absErr: Math.abs(a[k]! - verdict.numeric),
          relErr: relativeError(a[k]!, verdict.numeric),
          allowed: verdict.allowed,
          errorEstimate: verdict.errorEstimate,
          step: verdict.step,
          stencil: verdict.stencil,
          ok: verdict.ok,
          status: verdict.status,
        };
        if (verdict.note !== undefined) result.note = verdict.note;
        directions.push(result);
      });
      const failing = verdicts.findIndex((verdict) => !verdict.ok);
      if (failing < 0) continue;
      const failed = directions[directions.length - verdicts.length + failing]!;
      if (failed.status === 'kink') {
        // As in per-coordinate mode, a random sample is redrawn; a kink in every draw fails the check.
        kink = true;
        coordinates.push(directionRow(failed, 'kink'));
        continue;
      }

      // Localise at the step where the direction was measured most precisely.
      let outcome: LocalizeOutcome | undefined;
      if (named.size < MAX_NAMED) {
        const before = counter.evaluations;
        const budget = {
          names: MAX_NAMED - named.size,
          tests: TESTS_PER_LEVEL * (MAX_NAMED - named.size) * Math.ceil(Math.log2(candidateCount + 1)),
        };
        outcome = yield* localize(
          ctx,
          v,
          norm,
          {
            tau: estimates[failing]!.step,
            directionError: Float64Array.from(estimates, (estimate) => finiteOrZero(estimate.error)),
            scale: a.map(Math.abs),
            atol,
          },
          budget,
        );
        for (const i of outcome.named) named.add(i);
        coordinates.push(...outcome.coordinates);
        localization ??= { named: [], evaluations: 0, tests: 0, complete: true };
        localization.evaluations += counter.evaluations - before;
        localization.tests += outcome.tests;
        localization.named.push(...outcome.named.map((i) => shape.path(i)));
        if (!outcome.complete) localization.complete = false;
      } else if (localization) {
        localization.complete = false;
      }
      if (outcome === undefined || outcome.named.length === 0) {
        coordinates.push(directionRow(failed, outcome === undefined ? 'budget' : 'searched'));
      }
    }

    position.phase = 'done';
    const touchedInSweep = mutated();
    if (touchedInSweep !== undefined) {
      return fail({
        kind: 'mutates-input',
        sample: sampleIndex,
        message: `${fName} mutates its input: ${touchedInSweep} while it was evaluated along directions. Copy the input inside ${fName}, or stop writing to it.`,
      });
    }
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
    if (localization) report.localization = localization;
    return { report, kink, abort: false };
  }

  for (let s = 1; s <= options.samples; s++) {
    let outcome: SampleOutcome | undefined;
    for (let attempt = 0; attempt <= MAX_REDRAWS; attempt++) {
      source.next(x0);
      outcome = yield* checkSample(s);
      if (attempt > 0) outcome.report.redrawn = true;
      if (!(outcome.kink && source.random && attempt < MAX_REDRAWS)) break;
    }
    if (outcome === undefined) break;
    samples.push(outcome.report);
    if (outcome.abort) break;
  }

  return {
    // Every disagreeing direction left a row in its sample's coordinates: a named coordinate, or itself.
    pass: problems.length === 0 && samples.every((sample) => sample.mismatches === 0),
    kind: setup.kind,
    mode: 'directional',
    seed: options.seed,
    n,
    m: Math.max(m, 1),
    evaluations: counter.evaluations,
    gradientEvaluations: derivativeEvaluations,
    settings: {
      tol: options.tol,
      atol: options.atol ?? 'auto',
      k: ERROR_MULTIPLE,
      method: options.method,
      precision: precision ?? 'float64',
      eps: options.eps ?? 'auto',
    },
    samples,
    worst: worstCoordinates(samples, WORST_KEPT),
    problems,
  };
}

/**
 * A hash (FNV-1a over 32-bit words) of the exact bits of every value: equal arrays give equal fingerprints,
 * and arrays that differ almost never do.
 */
function fingerprint(values: Float64Array): number {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  let h = 0x811c9dc5;
  for (let w = 0; w < words.length; w++) h = Math.imul(h ^ words[w]!, 0x01000193);
  return h >>> 0;
}

/** An output that is not a flat list of numbers: nested arrays or a plain object of them (as engine.ts). */
function isStructured(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype)
  );
}

function finiteOrZero(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

/**
 * A disagreeing direction whose wrong coordinates were not found (or that crosses a kink), as a row of the
 * report's table, so that the report says why it fails.
 */
function directionRow(direction: DirectionResult, why: 'kink' | 'searched' | 'budget'): CoordinateResult {
  const note =
    why === 'kink'
      ? `f is not differentiable along random unit direction ${direction.index} at this point, in every sample tried: ${direction.note ?? 'the one-sided slopes differ'}. Check with { mode: 'coordinate' } to see which coordinates have the kink.`
      : `grad·u disagrees with the derivative of f along random unit direction ${direction.index}, but ${
          why === 'searched'
            ? 'localization could not isolate single coordinates: the error may be spread thinly over many of them'
            : `localization had already named ${MAX_NAMED} coordinates in this sample`
        }. Check these coordinates with { mode: 'coordinate' } (and \`coordinates\` to limit the cost).`;
  return {
    path: `direction ${direction.index}${direction.output > 0 ? ` (output ${direction.output})` : ''}`,
    x: 0,
    analytic: direction.analytic,
    numeric: direction.numeric,
    absErr: direction.absErr,
    relErr: direction.relErr,
    allowed: direction.allowed,
    errorEstimate: direction.errorEstimate,
    step: direction.step,
    stencil: direction.stencil,
    ok: false,
    status: direction.status,
    note,
  };
}
