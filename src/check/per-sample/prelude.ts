/**
 * What every sample does before its own comparisons, in per-coordinate mode (engine.ts) and directional
 * mode (directional.ts) alike: f at the point, checked for mutation, a non-finite value and
 * nondeterminism; the derivative, checked for mutation and (on sample 1) nondeterminism; and the noise
 * probe, which also tells float32 code from float64 code. `makePrelude` also returns the helpers both
 * engines use afterwards: reading f's output, the mutation check, the names of entries.
 *
 * Where the engines differ on purpose, a `PreludeVariant` says so, each field with its reason.
 */

import { CALL_DERIVATIVE, CALL_F, type Call } from '../../calls/driver.js';
import {
  estimateNoise,
  type Precision,
  SUBNORMAL_SPACING,
  UNIT_ROUNDOFF,
} from '../../difference/difference.js';
import { Shape, type Working } from '../../params/params.js';
import { makeRng } from '../../sample/points.js';
import type { Problem, SampleReport } from '../../types.js';
import { describeInput, describeValue, inputError } from '../../util/errors.js';
import type { EngineSetup } from '../modes/coordinate.js';
import { hash32 } from '../modes/localize.js';

/**
 * Points of the noise probe: f at x + j·δ·p for j = 0 … 6. A ray from x rather than points around it,
 * so that at a kink (ReLU at exactly 0) the probe stays on one piece and sees rounding, not the kink.
 */
const NOISE_OFFSETS = [1, 2, 3, 4, 5, 6] as const;
/** How much wider each repeated probe is when f looked constant along the last one. */
const WIDEN_PROBE = 1024;
/** Relative size δ of the noise probe, small enough that f is a low-degree polynomial over it. */
const NOISE_STEP: Record<Precision, number> = { float64: 2 ** -30, float32: 2 ** -10 };

/** How one sample went, for the loop that redraws samples on kinks. */
export interface SampleOutcome {
  report: SampleReport;
  kink: boolean;
  abort: boolean;
}

/**
 * The direction p of the noise probe. Each coordinate moves relative to |x| itself, so that a coordinate
 * near a singularity (log at 1e-6) stays on its side.
 */
export interface NoiseRay {
  /** Draws a fresh random direction. */
  draw(rng: () => number): void;
  /** Puts the working copy at x0 + s·p/‖p‖. */
  move(s: number): void;
  /** Puts the working copy back at x0. */
  restore(): void;
}

/** The ways the two engines' preludes differ, each on purpose. */
export interface PreludeVariant {
  /**
   * Whether a message about f's output names the coordinate being perturbed (`with x[3] = 0.5`), as
   * per-coordinate mode does. Directional mode names only the sample, as it always has: most of its
   * reads move every coordinate at once, along a direction.
   */
  whereNamesCoordinate: boolean;
  /** Whether the message about a non-finite f(x) quotes x: not at a million coordinates. */
  quotePoint: boolean;
  /**
   * How the derivative is checked for nondeterminism on sample 1. `'compare'`: a second call into a
   * second buffer, compared entry by entry (per-coordinate mode). `'fingerprint'`: the second call read
   * over the first and compared by fingerprint, so that no second buffer of n·m values exists at n = 1e6;
   * a third call, only when they differ, finds an entry that differs (directional mode).
   */
  secondDerivative: 'compare' | 'fingerprint';
  /**
   * Whether a non-finite derivative entry ends the sample before the noise probe. Directional mode ends
   * it: every direction would mix that entry in. Per-coordinate mode checks every other entry and reports
   * it in its row.
   */
  nonfiniteDerivativeEndsSample: boolean;
  /** The direction of the noise probe: see `coordinateRay` and `hashedRay`. */
  noiseRay: NoiseRay;
}

/** What the prelude of a sample found, or the outcome of a sample that failed in it. */
export type PreludeResult =
  | {
      f0: Float64Array;
      /** The derivative, row-major (entry (k, i) at k·n + i), in a buffer reused by the next sample. */
      analytic: Float64Array;
      noise: Float64Array;
      precision: Precision;
      /** Ends the sample with `problem` and an empty report, as the prelude's own failures do. */
      fail: (problem: Problem) => SampleOutcome;
    }
  | { outcome: SampleOutcome };

export type Prelude = ReturnType<typeof makePrelude>;

export function makePrelude(setup: EngineSetup, x0: Float64Array, variant: PreludeVariant) {
  const { options, shape, working, position } = setup;
  const [fName, dName] = setup.names;
  const n = shape.n;
  /** Outputs of f: known from the first value f returns for a Jacobian. */
  let m = setup.kind === 'gradient' ? 1 : -1;
  let precision: Precision | undefined =
    options.precision === 'auto' ? (shape.float32 ? 'float32' : undefined) : options.precision;
  /** Calls of f and of the derivative: the report's counts are exact. */
  const counter = { evaluations: 0, derivativeEvaluations: 0 };
  const problems: Problem[] = [];
  const noiseRng = makeRng(options.seed, 'noise');

  const where = variant.whereNamesCoordinate
    ? () =>
        position.coordinate >= 0
          ? `at sample ${position.sample} with ${shape.path(position.coordinate)} = ${position.value}`
          : `at sample ${position.sample}`
    : () => `at sample ${position.sample}`;

  /**
   * Reads what f returned into `target` (m outputs), validating its type. The per-coordinate sweep passes
   * one scratch buffer, so that nothing is allocated per coordinate; without it the array is fresh.
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

  /** Where the working copy differs from x0, if anywhere: f or the derivative wrote to its input. */
  const mutated = (): string | undefined => {
    for (let i = 0; i < n; i++) {
      const v = working.get(i);
      if (!Object.is(v, x0[i])) return `${shape.path(i)} was ${x0[i]} before the call and ${v} after`;
    }
    return undefined;
  };

  /** Names entry e = k·n + i as the report does: `x[3]`, or `J[k, x[3]]` for a Jacobian. */
  const entryPath = (e: number): string => {
    const k = Math.floor(e / n);
    if (setup.entryPath !== undefined) return setup.entryPath(k, e - k * n);
    if (setup.kind === 'gradient') return shape.path(e);
    return `J[${setup.outputShape?.path(k) ?? String(k)}, ${shape.path(e - k * n)}]`;
  };

  /**
   * Reads the derivative into `out` (n·m values), or into one buffer kept for the whole check: at a million
   * coordinates a fresh one per sample would be the largest garbage of the check.
   */
  let analyticBuffer: Float64Array | undefined;
  function* readDerivative(out?: Float64Array): Generator<Call, Float64Array, unknown> {
    const raw = yield CALL_DERIVATIVE;
    counter.derivativeEvaluations++;
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

  /** f at x + j·δ·p, j = 1 … 6, along a fresh random p, after f0 = f(x). */
  function* probeNoise(f0: Float64Array, widen = 1): Generator<Call, Float64Array[], unknown> {
    variant.noiseRay.draw(noiseRng);
    const delta = NOISE_STEP[precision ?? 'float64'] * widen;
    const values: Float64Array[] = [f0];
    for (const j of NOISE_OFFSETS) {
      variant.noiseRay.move(j * delta);
      values.push(readOutput(yield CALL_F));
      counter.evaluations++;
    }
    variant.noiseRay.restore();
    return values;
  }

  /** The noise of each output of f at x, and the precision f computes in, decided at the first sample. */
  function* measureNoise(f0: Float64Array): Generator<Call, Float64Array, unknown> {
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
    return noise;
  }

  /** Sample 1 only: a derivative that returns something else at the same x fails the check. */
  function* secondDerivativeProblem(
    analytic: Float64Array,
    sampleIndex: number,
  ): Generator<Call, Problem | undefined, unknown> {
    if (variant.secondDerivative === 'compare') {
      const second = yield* readDerivative(new Float64Array(analytic.length));
      const k = analytic.findIndex((v, i) => !Object.is(v, second[i]));
      if (k < 0) return undefined;
      return {
        kind: 'nondeterministic',
        sample: sampleIndex,
        message: `${dName} is not deterministic: it returned ${analytic[k]} then ${second[k]} for ${entryPath(k)} at the same x. Disable dropout and other randomness, or seed it, before checking gradients.`,
      };
    }
    const first = fingerprint(analytic);
    yield* readDerivative(analytic);
    if (fingerprint(analytic) === first) return undefined;
    const third = yield* readDerivative(new Float64Array(analytic.length));
    const k = Math.max(
      0,
      analytic.findIndex((a, e) => !Object.is(a, third[e])),
    );
    return {
      kind: 'nondeterministic',
      sample: sampleIndex,
      message: `${dName} is not deterministic: three calls at the same x returned different gradients (${entryPath(k)}: ${analytic[k]}, then ${third[k]}). Disable dropout and other randomness, or seed it, before checking gradients.`,
    };
  }

  /** The start of sample `sampleIndex`, with the point already in x0. */
  function* samplePrelude(sampleIndex: number): Generator<Call, PreludeResult, unknown> {
    position.sample = sampleIndex;
    position.coordinate = -1;
    position.phase = 'value';
    working.writeAll(x0);
    working.readAll(x0);

    const f0 = readOutput(yield CALL_F);
    counter.evaluations++;
    // A sample where f or the derivative failed keeps its point whatever its size: it is what to look at.
    const emptyReport = (): SampleReport => ({
      index: sampleIndex,
      point: shape.plain(x0),
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
    const failed = (problem: Problem) => ({ outcome: fail(problem) });

    const touched = mutated();
    if (touched !== undefined) {
      return failed({
        kind: 'mutates-input',
        sample: sampleIndex,
        message: `${fName} mutates its input: ${touched}. gradcheck evaluates f at perturbed copies of the point, so a function that writes to its argument corrupts the check. Copy the input inside ${fName}, or stop writing to it.`,
      });
    }
    const bad = f0.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      const quoted = variant.quotePoint ? ` (${describeInput(shape.plain(x0))})` : '';
      return failed({
        kind: 'nonfinite-value',
        sample: sampleIndex,
        message: `${fName} returned ${f0[bad]}${m > 1 ? ` in output ${bad}` : ''} at the point of sample ${sampleIndex}${quoted}, so there is nothing to differentiate there. If the point is outside f's domain (log or sqrt of a negative number), set \`domain\` or \`points\`.`,
      });
    }

    position.phase = 'repeat';
    const again = readOutput(yield CALL_F);
    counter.evaluations++;
    if (maxRelativeChange(f0, again) > options.nondeterminism) {
      const k = largestChangeIndex(f0, again);
      return failed({
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
      return failed({
        kind: 'mutates-input',
        sample: sampleIndex,
        message: `${dName} mutates its input: ${touchedByDerivative}. Copy the input inside ${dName}, or stop writing to it.`,
      });
    }
    if (sampleIndex === 1) {
      const problem = yield* secondDerivativeProblem(analytic, sampleIndex);
      if (problem !== undefined) return failed(problem);
    }
    if (variant.nonfiniteDerivativeEndsSample) {
      const nonfinite = analytic.findIndex((a) => !Number.isFinite(a));
      if (nonfinite >= 0) {
        return failed({
          kind: 'nonfinite-gradient',
          sample: sampleIndex,
          message: `${dName} returned ${analytic[nonfinite]} for ${entryPath(nonfinite)} at sample ${sampleIndex}.`,
        });
      }
    }

    const noise = yield* measureNoise(f0);
    return { f0, analytic, noise, precision: precision ?? 'float64', fail };
  }

  return {
    get m(): number {
      return m;
    },
    /** The precision f computes in: undefined until the first sample's probe decided it. */
    get precision(): Precision | undefined {
      return precision;
    },
    counter,
    problems,
    fName,
    dName,
    readOutput,
    mutated,
    entryPath,
    samplePrelude,
  };
}

/**
 * The noise probe's direction in per-coordinate mode: n random numbers, and every coordinate set one by
 * one. Kept so, not replaced by `hashedRay`, because another direction would change every noise estimate
 * and so the reports of per-coordinate checks.
 */
export function coordinateRay(working: Working, x0: Float64Array): NoiseRay {
  const n = x0.length;
  const direction = new Float64Array(n);
  let norm = 1;
  return {
    draw(rng) {
      norm = 0;
      for (let i = 0; i < n; i++) {
        direction[i] = rng() * 2 - 1;
        norm += direction[i]! * direction[i]!;
      }
      norm = Math.sqrt(norm) || 1;
    },
    move(s) {
      for (let i = 0; i < n; i++) {
        working.set(i, x0[i]! + (s * direction[i]! * (Math.abs(x0[i]!) || 1)) / norm);
      }
    },
    restore() {
      working.writeAll(x0);
    },
  };
}

/**
 * The noise probe's direction in directional mode: one random seed hashed per coordinate into `v` (the
 * buffer of float32 directions, scaled by |x| already), and the bulk `moveAlong`, so that the probe
 * allocates nothing of size n and draws one random number, not n.
 */
export function hashedRay(working: Working, x0: Float64Array, v: Float32Array): NoiseRay {
  const n = v.length;
  let norm = 1;
  return {
    draw(rng) {
      const seed = Math.floor(rng() * 2 ** 32) | 0;
      norm = 0;
      for (let i = 0; i < n; i++) {
        const p = hash32(seed, i) * 2 ** -31;
        norm += p * p;
        v[i] = p * (Math.abs(x0[i]!) || 1);
      }
      norm = Math.sqrt(norm) || 1;
    },
    move(s) {
      working.moveAlong(x0, v, s / norm, 0, n);
    },
    restore() {
      working.moveAlong(x0, v, 0, 0, n);
    },
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
 * A hash (FNV-1a over 32-bit words) of the exact bits of every value: equal arrays give equal fingerprints,
 * and arrays that differ almost never do.
 */
function fingerprint(values: Float64Array): number {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  let h = 0x811c9dc5;
  for (let w = 0; w < words.length; w++) h = Math.imul(h ^ words[w]!, 0x01000193);
  return h >>> 0;
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
