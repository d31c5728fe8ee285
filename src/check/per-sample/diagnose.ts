/**
 * What can be wrong with f or the derivative themselves, whatever their values: writing to their input,
 * and returning something else at the same point. Found here, these are named in plain words instead
 * of surfacing as disagreeing coordinates.
 */
import { CALL_F, type Call } from '../../calls/driver.js';
import type { Problem } from '../../types.js';
import { printNumber } from '../../util/errors.js';
import { type Precision, SUBNORMAL_SPACING, UNIT_ROUNDOFF } from '../../util/float.js';
import type { CheckSetup } from '../setup.js';
import type { Outputs } from './outputs.js';

/**
 * Two values of f, or of one entry of a derivative, that are the same number: 0 and -0 are (every
 * difference gradcheck takes treats them alike, and a sum's order alone can flip the sign of a 0), and so
 * are two NaNs (the same failure twice is no nondeterminism).
 */
export function sameNumber(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Where the working copy differs from x0, if anywhere: f or the derivative wrote to its input.
 *
 * A write of the same number is no mutation: every later call sees the same values, and the check's
 * differences the same steps. That includes a -0 turned into 0 (`x[i] += 0`, `Math.max(x[i], 0)` in
 * place): such a zero is put back as the point has it, so that f keeps seeing the point the report
 * shows, and the check goes on.
 */
export function mutation(setup: CheckSetup): string | undefined {
  const { shape, working, x0 } = setup;
  for (let i = working.firstDifference(x0); i >= 0 && i < shape.n; i++) {
    const v = working.get(i);
    if (Object.is(v, x0[i])) continue;
    if (v === x0[i]) {
      working.set(i, x0[i]!);
      continue;
    }
    return `${shape.path(i)} was ${printNumber(x0[i]!)} before the call and ${printNumber(v)} after`;
  }
  return undefined;
}

/** A row of a sample as `constancy` reads it: a coordinate's or a direction's verdict, and its name. */
export interface ConstancyRow {
  analytic: number;
  ok: boolean;
  step: number;
  label: string;
}

/** How many roundings of f the change the derivative predicts over a step must exceed to be missed. */
const ROUNDINGS_MISSED = 4;

/**
 * A problem when f returned f0 at every point the sample evaluated it at (the point, the noise probe,
 * every step: `outputs.varied` is false) while a row disagrees whose analytic derivative says that f
 * should have changed over its step by more than f's rounding could hide, so that a float32 f whose
 * values round to one number is not accused. Such an f is constant there, or it caches by the identity
 * of its argument, which is one working copy for every call.
 */
export function constancy(
  setup: CheckSetup,
  outputs: Outputs,
  f0: Float64Array,
  precision: Precision,
  rows: () => readonly ConstancyRow[],
  sampleIndex: number,
  problems: readonly Problem[],
): Problem | undefined {
  // Once a check: the same words for every sample would only repeat themselves.
  if (outputs.varied || problems.some((p) => p.kind === 'constant')) return undefined;
  const scale = f0.reduce((largest, v) => Math.max(largest, Math.abs(v)), 0);
  const rounding = UNIT_ROUNDOFF[precision] * scale + SUBNORMAL_SPACING[precision];
  // The rows only now, in the rare sample where f never varied: a check of n coordinates would copy n.
  const row = rows().find(
    (r) =>
      !r.ok && Number.isFinite(r.analytic) && Math.abs(r.analytic) * r.step > ROUNDINGS_MISSED * rounding,
  );
  if (row === undefined) return undefined;
  const [fName, dName] = setup.names;
  const value = f0.length === 1 ? printNumber(f0[0]!) : 'the same values';
  return {
    kind: 'constant',
    sample: sampleIndex,
    message: `${fName} returned ${value} at every point of sample ${sampleIndex}, the point and every step taken from it, while ${dName} is not 0 there (${row.label} = ${printNumber(row.analytic)}). Either ${fName} does not depend on its input there, and ${dName} should be 0, or ${fName} caches its value by the identity of its argument (a WeakMap or Map keyed by the input): gradcheck calls ${fName} with one working copy of the point, which it perturbs in place, so such a cache returns ${fName}(x) at every step. Key the cache by the input's values, or turn it off in the test.`,
  };
}

/** The largest relative change from a to b, entry by entry: Infinity where one side is 0 or not finite. */
export function maxRelativeChange(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let k = 0; k < a.length; k++) {
    if (sameNumber(a[k]!, b[k]!)) continue;
    const scale = Math.max(Math.abs(a[k]!), Math.abs(b[k]!));
    worst = Math.max(
      worst,
      scale === 0 || !Number.isFinite(scale) ? Number.POSITIVE_INFINITY : Math.abs(a[k]! - b[k]!) / scale,
    );
  }
  return worst;
}

/** The entry that changed most from a to b (the first of them). */
export function largestChangeIndex(a: Float64Array, b: Float64Array): number {
  let best = 0;
  let worst = -1;
  for (let k = 0; k < a.length; k++) {
    const change = sameNumber(a[k]!, b[k]!) ? 0 : Math.abs(a[k]! - b[k]!) || Number.POSITIVE_INFINITY;
    if (change > worst) {
      worst = change;
      best = k;
    }
  }
  return best;
}

/**
 * How the derivative is checked for nondeterminism on sample 1, after its first call read `analytic`:
 * a problem, or undefined when it returned the same again, within the relative difference `allowed`
 * (the `nondeterminism` option, which covers the derivative as it covers f: GPU-like jitter).
 */
export type DerivativeRepeat = (
  outputs: Outputs,
  analytic: Float64Array,
  sampleIndex: number,
  allowed: number,
) => Generator<Call, Problem | undefined, unknown>;

/** Whether a and b differ by more than the relative difference `allowed` (0: any difference). */
function differ(a: number, b: number, allowed: number): boolean {
  if (sameNumber(a, b)) return false;
  return !(Math.abs(a - b) <= allowed * Math.max(Math.abs(a), Math.abs(b)));
}

/** What to do about a nondeterministic function, with the option that allows jitter unless it was given. */
export function nondeterminismAdvice(allowed: number): string {
  return `Disable dropout and other randomness, or seed it, before checking gradients${allowed > 0 ? '' : ', or allow a small relative difference with { nondeterminism: 1e-12 }'}.`;
}

/** A second call into a second buffer, compared entry by entry (per-coordinate mode). */
export const repeatIntoSecondBuffer: DerivativeRepeat = function* (outputs, analytic, sampleIndex, allowed) {
  const second = yield* outputs.readDerivative(new Float64Array(analytic.length));
  const k = analytic.findIndex((v, i) => differ(v, second[i]!, allowed));
  if (k < 0) return undefined;
  return {
    kind: 'nondeterministic',
    sample: sampleIndex,
    message: `${dNameOf(outputs)} is not deterministic: it returned ${printNumber(analytic[k]!)} then ${printNumber(second[k]!)} for ${outputs.entryPath(k)} at the same x. ${nondeterminismAdvice(allowed)}`,
  };
};

/**
 * The second call read over the first and compared by fingerprint, so that no second buffer of n·m
 * values exists at n = 1e6; a third call, only when they differ, finds an entry that differs
 * (directional mode).
 */
export const repeatByFingerprint: DerivativeRepeat = function* (outputs, analytic, sampleIndex, allowed) {
  const first = fingerprint(analytic);
  yield* outputs.readDerivative(analytic);
  if (fingerprint(analytic) === first) return undefined;
  const third = yield* outputs.readDerivative(new Float64Array(analytic.length));
  const found = analytic.findIndex((a, e) => differ(a, third[e]!, allowed));
  if (found < 0) return undefined;
  const k = found;
  return {
    kind: 'nondeterministic',
    sample: sampleIndex,
    message: `${dNameOf(outputs)} is not deterministic: three calls at the same x returned different gradients (${outputs.entryPath(k)}: ${printNumber(analytic[k]!)}, then ${printNumber(third[k]!)}). ${nondeterminismAdvice(allowed)}`,
  };
};

function dNameOf(outputs: Outputs): string {
  return outputs.names[1];
}

/**
 * A hash (FNV-1a steps over 32-bit words) of the exact bits of every value, but -0 hashed as 0
 * (sameNumber): equal arrays give equal fingerprints, and arrays that differ almost never do. Four
 * interleaved chains (the two words of even and of odd entries), joined at the end: one chain of 2n
 * dependent multiplications cost 8 ms at n = 1e6.
 */
export function fingerprint(values: Float64Array): number {
  const words = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
  const p = 0x01000193;
  let h0 = 0x811c9dc5 | 0;
  let h1 = h0 ^ 1;
  let h2 = h0 ^ 2;
  let h3 = h0 ^ 3;
  const pairs = values.length >> 1;
  for (let j = 0; j < pairs; j++) {
    const w = 4 * j;
    const lo0 = words[w]!;
    const hi0 = words[w + 1]!;
    const lo1 = words[w + 2]!;
    const hi1 = words[w + 3]!;
    // The high word of -0 is the sign bit alone, and its low word 0.
    h0 = Math.imul(h0 ^ lo0, p);
    h1 = Math.imul(h1 ^ (hi0 === -0x80000000 && lo0 === 0 ? 0 : hi0), p);
    h2 = Math.imul(h2 ^ lo1, p);
    h3 = Math.imul(h3 ^ (hi1 === -0x80000000 && lo1 === 0 ? 0 : hi1), p);
  }
  if (values.length & 1) {
    const lo = words[4 * pairs]!;
    const hi = words[4 * pairs + 1]!;
    h0 = Math.imul(h0 ^ lo, p);
    h1 = Math.imul(h1 ^ (hi === -0x80000000 && lo === 0 ? 0 : hi), p);
  }
  let h = Math.imul(h0 ^ h1, p);
  h = Math.imul(h ^ h2, p);
  h = Math.imul(h ^ h3, p);
  return h >>> 0;
}

/**
 * f at the point again, after the sample's sweep (`after`: what the check did in between): a value other
 * than f0, beyond the `nondeterminism` allowed, shows that f depends on what it was called with before,
 * not on x alone. One repeat right after f(x) misses much of that: a fresh dropout mask per call may give
 * the same value twice, a cache of the last input returns it, a glitch every 7th call falls elsewhere.
 * One call a sample.
 */
export function* revisit(
  setup: CheckSetup,
  outputs: Outputs,
  f0: Float64Array,
  sampleIndex: number,
  after: string,
): Generator<Call, Problem | undefined, unknown> {
  setup.position.coordinate = -1;
  const before = outputs.counter.evaluations;
  const again = outputs.read(yield CALL_F);
  outputs.counter.evaluations++;
  const allowed = setup.options.nondeterminism;
  if (maxRelativeChange(f0, again) <= allowed) return undefined;
  const k = largestChangeIndex(f0, again);
  const fName = setup.names[0];
  return {
    kind: 'nondeterministic',
    sample: sampleIndex,
    message: `${fName} is not deterministic: at the point of sample ${sampleIndex} it returned ${printNumber(f0[k]!)} first, and ${printNumber(again[k]!)} at the same x ${after}, ${before - 1} evaluations later. Its value depends on the calls before, not on x alone (a fresh random mask per call, a cache of the last input, a counter, a glitch), so no difference of its values means anything. ${nondeterminismAdvice(allowed)}`,
  };
}

/**
 * The problem when a ladder came back to the points of the sweep at a coordinate and f gave other values
 * there (LineContext.repeated): the same central difference, taken twice, differed.
 */
export function repeatedProblem(
  setup: CheckSetup,
  repeated: { coordinate: number; first: number; again: number },
  sampleIndex: number,
): Problem {
  const fName = setup.names[0];
  const where =
    repeated.coordinate >= 0
      ? `the central difference at ${setup.shape.path(repeated.coordinate)} ± h gave ${printNumber(repeated.first)} in the sweep over the coordinates`
      : `the difference along a random direction gave ${printNumber(repeated.first)} at its first look`;
  return {
    kind: 'nondeterministic',
    sample: sampleIndex,
    message: `${fName} is not deterministic: ${where} and ${printNumber(repeated.again)} when the check came back to the same points (sample ${sampleIndex}). Its value depends on the calls before, not on x alone. ${nondeterminismAdvice(setup.options.nondeterminism)}`,
  };
}
