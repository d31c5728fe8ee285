/**
 * The per-coordinate check, as a generator of calls (see drive.ts). For each sample it evaluates f at
 * the point, checks f and the gradient for nondeterminism and mutation, estimates the noise of f, sweeps
 * every coordinate with the first-pass stencil (2 evaluations each for central differences), and gives
 * only the coordinates that look wrong a second, sharper look before reporting them. The start of each
 * sample, up to the noise estimate, is shared with directional mode (prelude.ts).
 */

import { CALL_F, CALL_PENDING, type Call, type Direct, PENDING } from '../../calls/driver.js';
import { allowedError, defaultAtol, globalDifference, relativeError } from '../../compare/compare.js';
import {
  applyStencil,
  type Estimate,
  type Ladder,
  type Level,
  NOISE_AMPLIFICATION,
  refine,
  relativeStep,
  STANDARD_LADDER,
  STENCIL_OFFSETS,
  stepFor,
  WIDE_LADDER,
} from '../../difference/difference.js';
import { ERROR_MULTIPLE, type ResolvedOptions } from '../../options/options.js';
import type { Shape, Working } from '../../params/params.js';
import { makeRng, type PointSource } from '../../sample/points.js';
import type { CoordinateResult, CoordinateStatus, Report } from '../../types.js';
import { inputError } from '../../util/errors.js';
import { coordinateRay, makePrelude, type SampleOutcome } from '../per-sample/prelude.js';
import { checkReport, runSamples } from '../sample-loop.js';

/** Below this |x|, an inconclusive coordinate also gets a refinement ladder scaled to |x|. */
const SMALL_COORDINATE = 0.01;
/** How many coordinates per sample that pass only within their error estimate get refined anyway. */
const UNCERTAIN_REFINED = 4;
/** How many times a coordinate next to a domain edge gets a ladder of 64× smaller steps. */
const MAX_EDGE_LADDERS = 2;

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

export function* runChecks(setup: EngineSetup): Generator<Call, Report, unknown> {
  const { options, shape, working, position, direct } = setup;
  const n = shape.n;
  const x0 = setup.x0 ?? new Float64Array(n);
  const indices = chooseCoordinates(setup);
  const prelude = makePrelude(setup, x0, {
    whereNamesCoordinate: true,
    quotePoint: true,
    secondDerivative: 'compare',
    nonfiniteDerivativeEndsSample: false,
    noiseRay: coordinateRay(working, x0),
  });
  // Destructured once: the sweep calls readOutput per evaluation, without a lookup on `prelude`.
  const { counter, problems, fName, dName, readOutput, mutated, entryPath } = prelude;

  /** The absolute floor of the sample being checked. */
  let currentAtol = 0;

  function* checkSample(sampleIndex: number): Generator<Call, SampleOutcome, unknown> {
    const start = yield* prelude.samplePrelude(sampleIndex);
    if ('outcome' in start) return start.outcome;
    const { f0, analytic, noise, precision, fail } = start;
    const m = f0.length;
    const point = shape.plain(x0);

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
        counter.evaluations += offsets.length;
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
    const levels: Level[][] = Array.from({ length: prelude.m }, () => []);
    for (const multiple of plan.multiples) {
      const s = h * multiple;
      position.value = xi + s;
      const up = working.set(i, xi + s) - xi;
      const plus = readOutput(yield CALL_F);
      position.value = xi - s;
      const down = xi - working.set(i, xi - s);
      const minus = readOutput(yield CALL_F);
      counter.evaluations += 2;
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

  const samples = yield* runSamples(setup, x0, checkSample);
  return checkReport(setup, prelude, 'coordinate', samples);
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

function fmt(v: number): string {
  return Number(v.toPrecision(6)).toString();
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
