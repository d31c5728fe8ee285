/**
 * The noise probe: f at a few points along a short ray from x, whose differences show how much f's
 * values are rounded or jitter there. It also tells float32 code from float64 code, at the first sample.
 * The error estimates of every difference rest on the noise it measures.
 */
import { CALL_F, type Call } from '../../calls/driver.js';
import { estimateNoise } from '../../difference/noise.js';
import type { PointValues, Working } from '../../params/working.js';
import { makeRng } from '../../sample/rng.js';
import type { Problem } from '../../types.js';
import { printNumber } from '../../util/errors.js';
import { type Precision, SUBNORMAL_SPACING, UNIT_ROUNDOFF } from '../../util/float.js';
import { hash32 } from '../../util/hash.js';
import type { CheckSetup } from '../setup.js';
import { largestChangeIndex, maxRelativeChange, nondeterminismAdvice } from './diagnose.js';
import type { Outputs } from './outputs.js';

/**
 * Points of the noise probe: f at x + j·δ·p for j = 0 … 6. A ray from x rather than points around it,
 * so that at a kink (ReLU at exactly 0) the probe stays on one piece and sees rounding, not the kink.
 */
const NOISE_OFFSETS = [1, 2, 3, 4, 5, 6] as const;
/** Noise above this many roundings of f (or of the `nondeterminism` allowed) makes the probe repeat f. */
const NOISY = 2 ** 16;
/** How many rounds of repeats (two at the point, one at the probe's first point) a noisy probe makes. */
const REPEATS = 3;
/** How much wider each repeated probe is when f looked constant along the last one. */
const WIDEN_PROBE = 1024;
/** Relative size δ of the noise probe, small enough that f is a low-degree polynomial over it. */
const NOISE_STEP: Record<Precision, number> = { float64: 2 ** -30, float32: 2 ** -10 };

/**
 * The direction p of the noise probe. Each coordinate moves relative to its scale (probeScale), so that a
 * coordinate near a singularity (log at 1e-6) stays on its side.
 */
export interface NoiseRay {
  /** Draws a fresh random direction. */
  draw(rng: () => number): void;
  /** Puts the working copy at x0 + s·p/‖p‖. */
  move(s: number): void;
  /** Puts the working copy back at x0. */
  restore(): void;
}

/** Measures the noise of f at each sample's point, and decides the precision f computes in. */
export class NoiseProbe {
  /** The precision f computes in: undefined until the first sample's probe decided it. */
  precision: Precision | undefined;
  private readonly rng: () => number;
  /** The last probe's first offset and f there, which `repeatIfNoisy` goes back to. */
  private lastOffset = 0;
  private lastValue: Float64Array | undefined;

  constructor(
    private readonly setup: CheckSetup,
    private readonly outputs: Outputs,
    private readonly ray: NoiseRay,
  ) {
    const { options, shape } = setup;
    this.precision =
      options.precision === 'auto' ? (shape.float32 ? 'float32' : undefined) : options.precision;
    // Every point is then rounded to float32 before f's first call there (begin-sample.ts).
    if (this.precision === 'float32') setup.working.roundToFloat32 = true;
    this.rng = makeRng(options.seed, 'noise');
  }

  /** f at x + j·δ·p, j = 1 … 6, along a fresh random p, after f0 = f(x). */
  private *probe(f0: Float64Array, widen = 1): Generator<Call, Float64Array[], unknown> {
    this.ray.draw(this.rng);
    const delta = NOISE_STEP[this.precision ?? 'float64'] * widen;
    const values: Float64Array[] = [f0];
    for (const j of NOISE_OFFSETS) {
      this.ray.move(j * delta);
      values.push(this.outputs.read(yield CALL_F));
      this.outputs.counter.evaluations++;
    }
    this.ray.restore();
    this.lastOffset = NOISE_OFFSETS[0] * delta;
    this.lastValue = values[1];
    return values;
  }

  /**
   * When the probe measured noise far above f's rounding (NOISY roundings, or the `nondeterminism`
   * allowed), calls f again at the point and at the probe's first point, in REPEATS rounds: noise
   * that is randomness (dropout at a low rate, a glitch every few calls) shows as a value that changes at
   * the same point. Deterministic noise (a solver's tolerance) repeats exactly, and is left to the error
   * estimates. A problem, or undefined.
   */
  *repeatIfNoisy(
    f0: Float64Array,
    noise: Float64Array,
    sampleIndex: number,
  ): Generator<Call, Problem | undefined, unknown> {
    const allowed = this.setup.options.nondeterminism;
    const roundoff = UNIT_ROUNDOFF[this.precision ?? 'float64'];
    const level = Math.max(NOISY * roundoff, NOISY * allowed);
    let noisy = false;
    for (let k = 0; k < noise.length; k++) if (noise[k]! > level * Math.abs(f0[k]!)) noisy = true;
    const probed = this.lastValue;
    if (!noisy || probed === undefined) return undefined;
    // Twice at the point, then once next to it: a value that alternates from call to call cannot match
    // in every one of them by its parity.
    for (let r = 0; r < REPEATS; r++) {
      for (const [at, expected] of [
        [0, f0],
        [0, f0],
        [this.lastOffset, probed],
      ] as const) {
        if (at === 0) this.ray.restore();
        else this.ray.move(at);
        const again = this.outputs.read(yield CALL_F);
        this.outputs.counter.evaluations++;
        if (maxRelativeChange(expected, again) <= allowed) continue;
        this.ray.restore();
        const k = largestChangeIndex(expected, again);
        const where = at === 0 ? 'the point of the sample' : 'a point next to it';
        return {
          kind: 'nondeterministic',
          sample: sampleIndex,
          message: `${this.setup.names[0]} is not deterministic: its values near the point of sample ${sampleIndex} are noisy (about ${printNumber(Number(Math.max(...noise).toPrecision(3)))}, far above their rounding), and called again at ${where} it returned ${printNumber(again[k]!)} where it had returned ${printNumber(expected[k]!)}. ${nondeterminismAdvice(allowed)}`,
        };
      }
    }
    this.ray.restore();
    return undefined;
  }

  /**
   * The noise of each output of f at x, and the precision f computes in, decided at the first sample.
   * Undefined when f turned out to compute in float32 at a point that float32 does not hold: the sample
   * must begin again at the point rounded to float32 (as every later one is), since the check would
   * otherwise compare f at float32 points with a float64 x0, and read its own rounding as f's doing.
   */
  *measure(f0: Float64Array): Generator<Call, Float64Array | undefined, unknown> {
    const { working, x0 } = this.setup;
    let noiseValues = yield* this.probe(f0);
    if (this.precision === undefined) {
      const float32 = looksFloat32(noiseValues) && x0.every((v) => Number.isFinite(Math.fround(v)));
      this.precision = float32 ? 'float32' : 'float64';
      if (float32) {
        working.roundToFloat32 = true;
        if (x0.some((v) => Math.fround(v) !== v)) return undefined;
        // Probe again at float32 points and spacing: at float64 spacing float32 code sees no change at all.
        noiseValues = yield* this.probe(f0);
      }
    }
    const precision = this.precision;
    // f looked constant along the probe: its partials are tiny next to |f|, and its rounding is unseen.
    // Wider probes let the differences show it, so that the error estimates do not rest on u·|f| alone.
    for (
      let widen = WIDEN_PROBE;
      precision === 'float64' &&
      widen <= WIDEN_PROBE ** 2 &&
      noiseValues.every((v) => v.every((y, k) => y === f0[k]));
      widen *= WIDEN_PROBE
    ) {
      noiseValues = yield* this.probe(f0, widen);
    }
    const m = f0.length;
    const noise = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const column = noiseValues.map((values) => values[k]!);
      // The probe may step outside f's domain (log near 0); then only the rounding floor is known.
      const probed = column.every(Number.isFinite) ? estimateNoise(column) : 0;
      noise[k] = Math.max(probed, UNIT_ROUNDOFF[precision] * Math.abs(f0[k]!), SUBNORMAL_SPACING[precision]);
    }
    return noise;
  }
}

/**
 * How far the probe moves a coordinate at x, per unit of its step: |x| below 1, so that a coordinate near a
 * singularity (log at 1e-6) stays on its side, and 1 above, so that at x = 1e9 the probe stays within f's
 * length scale (sin² there varies over 1, not over 1e9·2^-30); a probe that rounds back to x is widened.
 */
function probeScale(x: number): number {
  const size = Math.abs(x);
  // Compared, not Math.min(size, 1) || 1 (the same values, NaN and 0 included): a seventh faster in
  // fillRay's loop over a million coordinates.
  return size < 1 && size > 0 ? size : 1;
}

/**
 * The noise probe's direction in per-coordinate mode: n random numbers, and every coordinate set one by
 * one. Kept so, not replaced by `hashedRay`, because another direction would change every noise estimate
 * and so the reports of per-coordinate checks.
 */
export function coordinateRay(working: Working, x0: PointValues): NoiseRay {
  const n = x0.length;
  // The direction already scaled per coordinate and normalised, so that a move is one bulk write.
  const direction = new Float64Array(n);
  return {
    draw(rng) {
      let norm = 0;
      for (let i = 0; i < n; i++) {
        direction[i] = rng() * 2 - 1;
        norm += direction[i]! * direction[i]!;
      }
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < n; i++) direction[i] = (direction[i]! * probeScale(x0[i]!)) / norm;
    },
    move(s) {
      working.writeShifted(x0, direction, s);
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
export function hashedRay(working: Working, x0: PointValues, v: Float32Array): NoiseRay {
  const n = v.length;
  let norm = 1;
  return {
    draw(rng) {
      norm = Math.sqrt(fillRay(v, x0, Math.floor(rng() * 2 ** 32) | 0)) || 1;
    },
    move(s) {
      working.moveAlong(x0, v, s / norm, 0, n);
    },
    restore() {
      working.writeRange(x0, 0, n);
    },
  };
}

/**
 * Fills `v` with the ray of `seed` (each coordinate a hash scaled by probeScale) and returns the sum of
 * the squares of the hashes. A function of its own, not a loop in `draw`: each check makes a new `draw`,
 * whose loop ran in unoptimised code that boxed a number per coordinate (48 MB of garbage a check at
 * n = 1e6, and twice the time); and the sum is local, not the `norm` the closures share, which lives on
 * the heap.
 */
function fillRay(v: Float32Array, x0: PointValues, seed: number): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    const p = hash32(seed, i) * 2 ** -31;
    sum += p * p;
    v[i] = p * probeScale(x0[i]!);
  }
  return sum;
}

/**
 * f is taken to compute in float32 when every value seen is a float32, and some value is one that only
 * float32 arithmetic makes: not an integer, and with more significant bits than a short binary fraction.
 * The probe points are not float32 (their offsets are far below float32 spacing), so float64 code,
 * linear code included, returns values that float32 cannot hold; code that rounds to float32 returns
 * float32 values, often all equal. Values such as 0, 3 or 0.25 (a hinge loss at 0, a count, f = 0·x)
 * fit both precisions and so tell nothing: f is then taken to be float64, as it most likely is.
 */
export function looksFloat32(values: readonly Float64Array[]): boolean {
  let evidence = false;
  for (const v of values) {
    for (const y of v) {
      if (Math.fround(y) !== y) return false;
      if (!evidence && !isShortBinary(y)) evidence = true;
    }
  }
  return evidence;
}

/** Significant bits up to which a value reads as a short binary fraction, not a float32 result. */
const SHORT_BITS = 12;

/** Whether y is an integer, or has at most SHORT_BITS significant bits. */
function isShortBinary(y: number): boolean {
  if (Number.isInteger(y) || !Number.isFinite(y)) return true;
  const exponent = Math.floor(Math.log2(Math.abs(y)));
  return Number.isInteger(y * 2 ** (SHORT_BITS - 1 - exponent));
}
