/**
 * The per-coordinate check, as a generator of calls (see drive.ts). For each sample it evaluates f at
 * the point, checks f and the gradient for nondeterminism and mutation, estimates the noise of f, sweeps
 * every coordinate with the first-pass stencil (2 evaluations each for central differences), and gives
 * only the coordinates that look wrong a second, sharper look before reporting them.
 */
import { allowedError, defaultAtol, globalDifference, relativeError } from './compare.js';
import {
  applyStencil,
  type Estimate,
  estimateNoise,
  type Ladder,
  type Level,
  NOISE_AMPLIFICATION,
  type Precision,
  refine,
  relativeStep,
  STANDARD_LADDER,
  STENCIL_OFFSETS,
  SUBNORMAL_SPACING,
  stepFor,
  UNIT_ROUNDOFF,
  WIDE_LADDER,
} from './difference.js';
import { CALL_DERIVATIVE, CALL_F, CALL_PENDING, type Call, type Direct, PENDING } from './drive.js';
import { describeInput, describeValue, inputError } from './errors.js';
import { ERROR_MULTIPLE, type ResolvedOptions } from './options.js';
import { Shape, type Working } from './params.js';
import { makeRng, type PointSource } from './sample.js';
import type { CoordinateResult, CoordinateStatus, Problem, Report, SampleReport } from './types.js';

/** Below this |x|, an inconclusive coordinate also gets a refinement ladder scaled to |x|. */
const SMALL_COORDINATE = 0.01;
/** How many coordinates per sample that pass only within their error estimate get refined anyway. */
const UNCERTAIN_REFINED = 4;
/** How many times a coordinate next to a domain edge gets a ladder of 64× smaller steps. */
const MAX_EDGE_LADDERS = 2;
/** How often a random sample that landed on a kink is replaced by a fresh one. */
const MAX_REDRAWS = 3;
/** How many of the worst coordinates a report keeps. */
const WORST_KEPT = 50;
/**
 * Points of the noise probe: f at x + j·δ·p for j = 0 … 6. A ray from x rather than points around it,
 * so that at a kink (ReLU at exactly 0) the probe stays on one piece and sees rounding, not the kink.
 */
const NOISE_OFFSETS = [1, 2, 3, 4, 5, 6] as const;
/** How much wider each repeated probe is when f looked constant along the last one. */
const WIDEN_PROBE = 1024;
/** Relative size δ of the noise probe, small enough that f is a low-degree polynomial over it. */
const NOISE_STEP: Record<Precision, number> = { float64: 2 ** -30, float32: 2 ** -10 };

export interface EngineSetup {
  kind: 'gradient' | 'jacobian';
  where: string;
  names: readonly [string, string];
  options: ResolvedOptions;
  source: PointSource;
  shape: Shape;
  working: Working;
  /** Mutable: where the engine is, for messages about errors thrown by f. */
  position: { sample: number; coordinate: number; value: number; phase: string };
  /**
   * For a Jacobian whose f returns a structured value (a gradient returns the input's shape): the shape
   * of one output, read like any input. Without it, f returns a flat array of numbers.
   */
  outputShape?: Shape;
  /** Names entry (output k, coordinate i), for Hessians (`H[a, b]`) and products; default `J[k, path]`. */
  entryPath?: (k: number, i: number) => string;
  /** Calls f in place of `yield CALL_F` in the sweep over coordinates (see drive.ts). */
  direct?: Direct;
  /** The buffer for the point, when the caller already has one of n values (it built the working copy). */
  x0?: Float64Array;
}

interface SampleOutcome {
  report: SampleReport;
  kink: boolean;
  abort: boolean;
}

export function* runChecks(setup: EngineSetup): Generator<Call, Report, unknown> {
  const { options, shape, source, working, position, direct } = setup;
  const n = shape.n;
  let m = setup.kind === 'gradient' ? 1 : -1;
  let precision: Precision | undefined =
    options.precision === 'auto' ? (shape.float32 ? 'float32' : undefined) : options.precision;
  let evaluations = 0;
  let derivativeEvaluations = 0;
  const problems: Problem[] = [];
  const samples: SampleReport[] = [];
  const x0 = setup.x0 ?? new Float64Array(n);
  const noiseRng = makeRng(options.seed, 'noise');
  const indices = chooseCoordinates(setup);

  const [fName, dName] = setup.names;
  /** The absolute floor of the sample being checked. */
  let currentAtol = 0;

  /**
   * Reads what f returned into `target` (m outputs), validating its type. The sweep passes one scratch
   * buffer, so that nothing is allocated per coordinate.
   */
  const readOutput = (
    raw: unknown,
    target: Float64Array = new Float64Array(Math.max(m, 1)),
  ): Float64Array => {
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
      target[0] = raw;
      return target;
    }
    const flat = Array.isArray(raw) && raw.every((v) => typeof v === 'number');
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
      if (m === -1) {
        m = setup.outputShape.n;
        target = new Float64Array(m);
      }
      setup.outputShape.read(raw, target, `the value returned by ${fName} ${where()}`);
      return target;
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
      target = new Float64Array(m);
    }
    if (raw.length !== m)
      throw inputError(`${fName} returned ${raw.length} outputs ${where()}, but ${m} before.`);
    for (let k = 0; k < m; k++) {
      const v = (raw as ArrayLike<unknown>)[k];
      if (typeof v !== 'number')
        throw inputError(`${fName} returned ${describeValue(v)} as output ${k} ${where()}.`);
      target[k] = v;
    }
    return target;
  };

  const where = () =>
    position.coordinate >= 0
      ? `at sample ${position.sample} with ${shape.path(position.coordinate)} = ${position.value}`
      : `at sample ${position.sample}`;

  const mutated = (): string | undefined => {
    for (let i = 0; i < n; i++) {
      const v = working.get(i);
      if (!Object.is(v, x0[i])) return `${shape.path(i)} was ${x0[i]} before the call and ${v} after`;
    }
    return undefined;
  };

  function* checkSample(sampleIndex: number): Generator<Call, SampleOutcome, unknown> {
    position.sample = sampleIndex;
    position.coordinate = -1;
    working.writeAll(x0);
    working.readAll(x0);

    position.phase = 'value';
    const f0 = readOutput(yield CALL_F);
    evaluations++;
    const point = shape.plain(x0);
    const emptyReport = (): SampleReport => ({
      index: sampleIndex,
      point,
      value: setup.kind === 'gradient' ? f0[0]! : Array.from(f0),
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
    const bad = f0.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      return fail({
        kind: 'nonfinite-value',
        sample: sampleIndex,
        message: `${fName} returned ${f0[bad]}${m > 1 ? ` in output ${bad}` : ''} at the point of sample ${sampleIndex} (${describeInput(point)}), so there is nothing to differentiate there. If the point is outside f's domain (log or sqrt of a negative number), set \`domain\` or \`points\`.`,
      });
    }

    position.phase = 'repeat';
    const again = readOutput(yield CALL_F);
    evaluations++;
    const drift = maxRelativeChange(f0, again);
    if (drift > options.nondeterminism) {
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
      const second = yield* readDerivative();
      const k = analytic.findIndex((v, i) => !Object.is(v, second[i]));
      if (k >= 0) {
        return fail({
          kind: 'nondeterministic',
          sample: sampleIndex,
          message: `${dName} is not deterministic: it returned ${analytic[k]} then ${second[k]} for ${entryPath(k)} at the same x. Disable dropout and other randomness, or seed it, before checking gradients.`,
        });
      }
    }

    position.phase = 'noise';
    if (precision === 'float32') working.roundToFloat32 = true;
    let noiseValues = yield* probeNoise(f0);
    if (precision === undefined) {
      precision = looksFloat32(noiseValues) ? 'float32' : 'float64';
      if (precision === 'float32') {
        // Probe again at float32 points and spacing: at float64 spacing float32 code sees no change at all.
        working.roundToFloat32 = true;
        noiseValues = yield* probeNoise(f0);
      }
    }
    // f looked constant along the probe: its partials are tiny next to |f|, and its rounding is unseen.
    // Wider probes let the differences show it, so that the error estimates do not rest on u·|f| alone.
    for (
      let widen = WIDEN_PROBE;
      precision === 'float64' &&
      widen <= WIDEN_PROBE ** 2 &&
      noiseValues.every((v) => v.every((y, k) => y === f0[k]));
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

    // First pass: every chosen coordinate, with the stencil of `method`.
    const relative = relativeStep(options.method === 'richardson' ? 'central' : options.method, precision);
    const numeric = new Float64Array(n * m).fill(Number.NaN);
    const errorEstimate = new Float64Array(n * m).fill(Number.POSITIVE_INFINITY);
    const steps = new Float64Array(n);
    const stencils: Array<string | undefined> = new Array(n);
    const notes: Array<string | undefined> = new Array(n);
    const statuses: Array<CoordinateStatus | undefined> = new Array(n);
    const method = options.method;
    position.phase = 'sweep';
    if (method !== 'richardson') {
      const offsets = STENCIL_OFFSETS[method];
      const taken = new Float64Array(offsets.length);
      const values = new Float64Array(offsets.length * m);
      const scratch = new Float64Array(m);
      for (const i of indices) {
        const xi = x0[i]!;
        const h = stepFor(xi, relative, options.eps);
        position.coordinate = i;
        for (let o = 0; o < offsets.length; o++) {
          const target = xi + offsets[o]! * h;
          position.value = target;
          taken[o] = working.set(i, target) - xi;
          let raw = direct ? direct.f() : yield CALL_F;
          if (raw === PENDING) raw = yield CALL_PENDING;
          const out = readOutput(raw, scratch);
          for (let k = 0; k < m; k++) values[k * offsets.length + o] = out[k]!;
        }
        evaluations += offsets.length;
        working.set(i, xi);
        steps[i] = Math.abs(taken[0]!);
        for (let k = 0; k < m; k++) {
          numeric[k * n + i] = applyStencil(method, f0[k]!, values, k * offsets.length, taken);
          errorEstimate[k * n + i] = (NOISE_AMPLIFICATION[method] * noise[k]!) / steps[i]!;
        }
        stencils[i] = method;
      }
    }
    position.coordinate = -1;

    const atol =
      options.atol ??
      defaultAtol(
        analytic,
        numeric.map((v) => (Number.isFinite(v) ? v : 0)),
        precision,
      );
    currentAtol = atol;
    const suspects: number[] = [];
    // Coordinates that passed only because their error estimate is large, least precise first: the few
    // that will be refined, kept by bounded insertion, so that nothing is allocated per coordinate.
    const uncertain: number[] = [];
    const imprecisions: number[] = [];
    for (const i of indices) {
      let suspicious = method === 'richardson';
      let imprecision = 0;
      for (let k = 0; k < m && !suspicious; k++) {
        const e = k * n + i;
        const a = analytic[e]!;
        const num = numeric[e]!;
        // Screening uses one error estimate, not k: a coordinate that fails it only costs a second look.
        if (
          !Number.isFinite(num) ||
          !(Math.abs(a - num) <= allowedError(a, num, options.tol, atol, 1, errorEstimate[e]!))
        ) {
          suspicious = true;
        }
        const verifiable = Math.max(options.tol * Math.max(Math.abs(a), Math.abs(num)), atol);
        const spread = ERROR_MULTIPLE * errorEstimate[e]!;
        if (spread > verifiable)
          imprecision = Math.max(imprecision, spread / Math.max(verifiable, Number.MIN_VALUE));
      }
      if (suspicious) suspects.push(i);
      else if (imprecision > 0) keepLargest(uncertain, imprecisions, i, imprecision, UNCERTAIN_REFINED);
    }
    // A wrong partial can hide in the noise of f at the first-pass step. A few of the least precise
    // coordinates get the sharper look too: a fixed cost per sample, not per coordinate.
    if (options.refine) {
      for (const i of uncertain) suspects.push(i);
    }

    // Second, sharper look at the suspects: Richardson extrapolation over a ladder of steps. Near 0 a
    // step scaled to max(1, |x|) can span a singularity (log x at x = 1e-6), so an inconclusive
    // coordinate with |x| small gets a second ladder scaled to |x| itself, and the better estimate wins.
    let kink = false;
    if (options.refine || method === 'richardson') {
      position.phase = 'refine';
      const relativeCentral = relativeStep('central', precision);
      for (const i of suspects) {
        const xi = x0[i]!;
        position.coordinate = i;
        const h = stepFor(xi, relativeCentral, options.eps);
        const plans: Array<[number, Ladder]> = [[h, STANDARD_LADDER]];
        if (options.eps === undefined) {
          if (Math.abs(xi) < SMALL_COORDINATE && xi !== 0)
            plans.push([relativeCentral * Math.abs(xi), STANDARD_LADDER]);
          plans.push([Math.max(1, Math.abs(xi)), WIDE_LADDER]);
        }
        let best: Estimate[] | undefined;
        let edgeLadders = 0;
        for (let p = 0; p < plans.length; p++) {
          const [base, plan] = plans[p]!;
          const levels = yield* ladder(i, xi, base, plan);
          const estimates = levels.map((column, k) => refine(f0[k]!, column, noise[k]!, plan));
          if (best === undefined || worstError(estimates) < worstError(best)) best = estimates;
          if (best.every((estimate, k) => conclusive(estimate, analytic[k * n + i]!))) break;
          // A domain edge closer than the steps tried: smaller steps may fit between it and x.
          const atEdge = estimates.some((estimate) => estimate.oneSided || estimate.nonfinite);
          if (
            atEdge &&
            plan === STANDARD_LADDER &&
            options.eps === undefined &&
            edgeLadders < MAX_EDGE_LADDERS
          ) {
            edgeLadders++;
            plans.splice(p + 1, 0, [base / 64, STANDARD_LADDER]);
          }
        }
        best!.forEach((estimate, k) => {
          const e = k * n + i;
          numeric[e] = estimate.value;
          errorEstimate[e] = estimate.error;
          steps[i] = estimate.step;
          stencils[i] = estimate.stencil;
          if (estimate.nonfinite) {
            statuses[i] = 'nonfinite';
            notes[i] = `${fName} is not finite on either side of ${shape.path(i)} at any step tried`;
          } else if (estimate.oneSided) {
            notes[i] =
              `${fName} is not finite on the ${estimate.oneSided === 'right' ? 'left' : 'right'} of ${shape.path(i)} (a domain edge?); used a one-sided stencil on the ${estimate.oneSided}`;
          } else if (estimate.nearKink) {
            notes[i] =
              `a kink lies near ${shape.path(i)} (the one-sided slopes jump at larger steps); judged by the smallest step, ${fmt(estimate.step)}, alone`;
          }
          const a = analytic[e]!;
          if (estimate.slopes && !agrees(a, estimate.value, estimate.error)) {
            const { left, right } = estimate.slopes;
            const allowed = allowedError(
              a,
              estimate.value,
              options.tol,
              atol,
              ERROR_MULTIPLE,
              estimate.error,
            );
            const between = a >= Math.min(left, right) - allowed && a <= Math.max(left, right) + allowed;
            statuses[i] = 'kink';
            kink = true;
            notes[i] =
              `not differentiable here: the slope from the left is ${fmt(left)}, from the right ${fmt(right)}${between ? `; ${fmt(a)} lies between them, so it is accepted as a one-sided derivative` : ''}`;
            if (between) numeric[e] = a;
          }
        });
      }
      position.coordinate = -1;
    }

    const touchedInSweep = mutated();
    if (touchedInSweep !== undefined) {
      return fail({
        kind: 'mutates-input',
        sample: sampleIndex,
        message: `${fName} mutates its input: ${touchedInSweep} while coordinates were perturbed. Copy the input inside ${fName}, or stop writing to it.`,
      });
    }

    const coordinates: CoordinateResult[] = [];
    let mismatches = 0;
    const checkedAnalytic = new Float64Array(indices.length * m);
    const checkedNumeric = new Float64Array(indices.length * m);
    let checked = 0;
    for (let k = 0; k < m; k++) {
      for (const i of indices) {
        const e = k * n + i;
        const a = analytic[e]!;
        const num = numeric[e]!;
        const error = errorEstimate[e]!;
        const absErr = Math.abs(a - num);
        const allowed = allowedError(
          a,
          num,
          options.tol,
          atol,
          ERROR_MULTIPLE,
          Number.isFinite(error) ? error : 0,
        );
        let status: CoordinateStatus = statuses[i] ?? 'ok';
        if (!Number.isFinite(a) || !Number.isFinite(num)) status = 'nonfinite';
        const ok = status === 'kink' ? numeric[e] === a : status !== 'nonfinite' && absErr <= allowed;
        if (status === 'ok' && !ok) status = 'mismatch';
        if (!ok) mismatches++;
        const result: CoordinateResult = {
          path: entryPath(e),
          x: x0[i]!,
          analytic: a,
          numeric: num,
          absErr,
          relErr: relativeError(a, num),
          allowed,
          errorEstimate: error,
          step: steps[i]!,
          stencil: stencils[i] ?? method,
          ok,
          status,
        };
        if (!Number.isFinite(a)) result.note = `${dName} returned ${a} for this coordinate`;
        else if (notes[i] !== undefined) result.note = notes[i];
        coordinates.push(result);
        checkedAnalytic[checked] = a;
        checkedNumeric[checked++] = num;
      }
    }
    if (coordinates.some((c) => !Number.isFinite(c.analytic))) {
      const first = coordinates.find((c) => !Number.isFinite(c.analytic))!;
      problems.push({
        kind: 'nonfinite-gradient',
        sample: sampleIndex,
        message: `${dName} returned ${first.analytic} for ${first.path} at sample ${sampleIndex}.`,
      });
    }
    return {
      report: {
        index: sampleIndex,
        point,
        value: setup.kind === 'gradient' ? f0[0]! : Array.from(f0),
        globalDiff: globalDifference(checkedAnalytic, checkedNumeric),
        mismatches,
        coordinates,
        noise: Math.max(...noise),
      },
      kink,
      abort: false,
    };
  }

  /** Evaluates f on both sides of coordinate i at every step of the refinement ladder from h. */
  function* ladder(i: number, xi: number, h: number, plan: Ladder): Generator<Call, Level[][], unknown> {
    const levels: Level[][] = Array.from({ length: Math.max(m, 1) }, () => []);
    for (const multiple of plan.multiples) {
      const s = h * multiple;
      position.value = xi + s;
      const up = working.set(i, xi + s) - xi;
      const plus = readOutput(yield CALL_F);
      position.value = xi - s;
      const down = xi - working.set(i, xi - s);
      const minus = readOutput(yield CALL_F);
      evaluations += 2;
      levels.forEach((column, k) => {
        column.push({ up, down, plus: plus[k]!, minus: minus[k]! });
      });
    }
    working.set(i, xi);
    return levels;
  }

  function agrees(a: number, numericValue: number, error: number): boolean {
    return (
      Math.abs(a - numericValue) <=
      allowedError(a, numericValue, options.tol, currentAtol, ERROR_MULTIPLE, error)
    );
  }

  /**
   * An estimate settles a coordinate when it is precise enough to verify it to tol (or atol), or when it
   * disagrees by far more than its own error. Agreement only within a large error is not settled.
   */
  function conclusive(estimate: Estimate, a: number): boolean {
    if (estimate.nonfinite || estimate.oneSided) return false;
    const verifiable = Math.max(options.tol * Math.max(Math.abs(a), Math.abs(estimate.value)), currentAtol);
    if (ERROR_MULTIPLE * estimate.error <= verifiable) return true;
    return Math.abs(a - estimate.value) > 64 * ERROR_MULTIPLE * estimate.error;
  }

  function entryPath(e: number): string {
    const k = Math.floor(e / n);
    if (setup.entryPath !== undefined) return setup.entryPath(k, e - k * n);
    if (setup.kind === 'gradient') return shape.path(e);
    const output = setup.outputShape?.path(k) ?? String(k);
    return `J[${output}, ${shape.path(e - k * n)}]`;
  }

  function* readDerivative(): Generator<Call, Float64Array, unknown> {
    const raw = yield CALL_DERIVATIVE;
    derivativeEvaluations++;
    if (setup.kind === 'gradient') {
      const out = new Float64Array(n);
      shape.read(raw, out, `the value returned by ${dName}`);
      return out;
    }
    const rows = m === -1 ? undefined : m;
    if (
      !(Array.isArray(raw) || ArrayBuffer.isView(raw)) ||
      (rows !== undefined && (raw as ArrayLike<unknown>).length !== rows)
    ) {
      throw inputError(
        `the value returned by ${dName} should be an array of ${rows ?? 'm'} rows (one per output of ${fName}), each with ${n} entries, but received ${describeValue(raw)}.`,
      );
    }
    const out = new Float64Array(n * m);
    const table = raw as ArrayLike<unknown>;
    for (let k = 0; k < m; k++) {
      const row = new Float64Array(n);
      shape.read(table[k], row, `row ${k} of the value returned by ${dName}`);
      out.set(row, k * n);
    }
    return out;
  }

  function* probeNoise(f0: Float64Array, widen = 1): Generator<Call, Float64Array[], unknown> {
    const direction = new Float64Array(n);
    let norm = 0;
    for (let i = 0; i < n; i++) {
      direction[i] = noiseRng() * 2 - 1;
      norm += direction[i]! * direction[i]!;
    }
    norm = Math.sqrt(norm) || 1;
    const delta = NOISE_STEP[precision ?? 'float64'] * widen;
    const values: Float64Array[] = [];
    for (const j of NOISE_OFFSETS) {
      // Relative to |x| itself, so that a coordinate near a singularity (log at 1e-6) stays on its side.
      for (let i = 0; i < n; i++) {
        working.set(i, x0[i]! + (j * delta * direction[i]! * (Math.abs(x0[i]!) || 1)) / norm);
      }
      values.push(readOutput(yield CALL_F));
      evaluations++;
    }
    working.writeAll(x0);
    values.unshift(f0);
    return values;
  }

  for (let s = 1; s <= options.samples; s++) {
    let outcome: SampleOutcome | undefined;
    for (let attempt = 0; attempt <= MAX_REDRAWS; attempt++) {
      source.next(x0);
      outcome = yield* checkSample(s);
      // A replacement sample is marked, so that the printed point is known to be a second draw.
      if (attempt > 0) outcome.report.redrawn = true;
      if (!(outcome.kink && source.random && attempt < MAX_REDRAWS)) break;
    }
    if (outcome === undefined) break;
    samples.push(outcome.report);
    if (outcome.abort) break;
  }

  const worst = worstCoordinates(samples, WORST_KEPT);

  return {
    pass: problems.length === 0 && samples.every((sample) => sample.mismatches === 0),
    kind: setup.kind,
    mode: 'coordinate',
    seed: options.seed,
    n,
    m: Math.max(m, 1),
    evaluations,
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
    worst,
    problems,
  };
}

/** An output that is not a flat list of numbers: nested arrays or a plain object of them. */
function isStructured(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype)
  );
}

/**
 * Inserts `item` into `items`, kept sorted by `key` from largest (ties in arrival order, as a stable sort
 * would leave them) and at most `limit` long; `keys` holds the keys alongside.
 */
function keepLargest(items: number[], keys: number[], item: number, key: number, limit: number): void {
  if (items.length === limit && !(key > keys[limit - 1]!)) return;
  let at = items.length;
  while (at > 0 && keys[at - 1]! < key) at--;
  items.splice(at, 0, item);
  keys.splice(at, 0, key);
  if (items.length > limit) {
    items.pop();
    keys.pop();
  }
}

function worstError(estimates: readonly Estimate[]): number {
  return Math.max(...estimates.map((e) => (Number.isNaN(e.error) ? Number.POSITIVE_INFINITY : e.error)));
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

function fmt(v: number): string {
  return Number(v.toPrecision(6)).toString();
}

export function maxRelativeChange(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let k = 0; k < a.length; k++) {
    if (Object.is(a[k], b[k])) continue;
    const scale = Math.max(Math.abs(a[k]!), Math.abs(b[k]!));
    worst = Math.max(
      worst,
      scale === 0 || !Number.isFinite(scale) ? Number.POSITIVE_INFINITY : Math.abs(a[k]! - b[k]!) / scale,
    );
  }
  return worst;
}

export function largestChangeIndex(a: Float64Array, b: Float64Array): number {
  let best = 0;
  let worst = -1;
  for (let k = 0; k < a.length; k++) {
    const change = Object.is(a[k], b[k]) ? 0 : Math.abs(a[k]! - b[k]!) || Number.POSITIVE_INFINITY;
    if (change > worst) {
      worst = change;
      best = k;
    }
  }
  return best;
}

/**
 * f is taken to compute in float32 when every value seen is a float32. The probe points are not float32
 * (their offsets are far below float32 spacing), so float64 code, linear code included, returns values
 * that float32 cannot hold; code that rounds to float32 returns float32 values, often all equal.
 */
export function looksFloat32(values: readonly Float64Array[]): boolean {
  return values.every((v) => v.every((y) => Math.fround(y) === y));
}

export function chooseCoordinates(setup: EngineSetup): Int32Array {
  const { shape, options } = setup;
  const n = shape.n;
  const choice = options.coordinates;
  if (choice === undefined) return Int32Array.from({ length: n }, (_, i) => i);
  if (typeof choice === 'function') {
    const picked: number[] = [];
    for (let i = 0; i < n; i++) if (choice(shape.path(i))) picked.push(i);
    if (picked.length === 0)
      throw inputError(`${setup.where}: the coordinates predicate selected none of the ${n} coordinates.`);
    return Int32Array.from(picked);
  }
  if (choice >= n) return Int32Array.from({ length: n }, (_, i) => i);
  // A partial Fisher–Yates shuffle: a seeded random subset, listed in order.
  const rng = makeRng(options.seed, 'coordinates');
  const all = Int32Array.from({ length: n }, (_, i) => i);
  for (let j = 0; j < choice; j++) {
    const r = j + Math.floor(rng() * (n - j));
    const t = all[j]!;
    all[j] = all[r]!;
    all[r] = t;
  }
  return all.slice(0, choice).sort();
}
