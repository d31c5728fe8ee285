/**
 * What can be wrong with f or the derivative themselves, whatever their values: writing to their input,
 * and returning something else at the same point. Found here, these are named in plain words instead
 * of surfacing as disagreeing coordinates.
 */
import type { Call } from '../../calls/driver.js';
import type { Problem } from '../../types.js';
import type { CheckSetup } from '../setup.js';
import type { Outputs } from './outputs.js';

/** Where the working copy differs from x0, if anywhere: f or the derivative wrote to its input. */
export function mutation(setup: CheckSetup): string | undefined {
  const { shape, working, x0 } = setup;
  for (let i = 0; i < shape.n; i++) {
    const v = working.get(i);
    if (!Object.is(v, x0[i])) return `${shape.path(i)} was ${x0[i]} before the call and ${v} after`;
  }
  return undefined;
}

/** The largest relative change from a to b, entry by entry: Infinity where one side is 0 or not finite. */
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

/** The entry that changed most from a to b (the first of them). */
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
 * How the derivative is checked for nondeterminism on sample 1, after its first call read `analytic`:
 * a problem, or undefined when it returned the same again.
 */
export type DerivativeRepeat = (
  outputs: Outputs,
  analytic: Float64Array,
  sampleIndex: number,
) => Generator<Call, Problem | undefined, unknown>;

const ADVICE = 'Disable dropout and other randomness, or seed it, before checking gradients.';

/** A second call into a second buffer, compared entry by entry (per-coordinate mode). */
export const repeatIntoSecondBuffer: DerivativeRepeat = function* (outputs, analytic, sampleIndex) {
  const second = yield* outputs.readDerivative(new Float64Array(analytic.length));
  const k = analytic.findIndex((v, i) => !Object.is(v, second[i]));
  if (k < 0) return undefined;
  return {
    kind: 'nondeterministic',
    sample: sampleIndex,
    message: `${dNameOf(outputs)} is not deterministic: it returned ${analytic[k]} then ${second[k]} for ${outputs.entryPath(k)} at the same x. ${ADVICE}`,
  };
};

/**
 * The second call read over the first and compared by fingerprint, so that no second buffer of n·m
 * values exists at n = 1e6; a third call, only when they differ, finds an entry that differs
 * (directional mode).
 */
export const repeatByFingerprint: DerivativeRepeat = function* (outputs, analytic, sampleIndex) {
  const first = fingerprint(analytic);
  yield* outputs.readDerivative(analytic);
  if (fingerprint(analytic) === first) return undefined;
  const third = yield* outputs.readDerivative(new Float64Array(analytic.length));
  const k = Math.max(
    0,
    analytic.findIndex((a, e) => !Object.is(a, third[e])),
  );
  return {
    kind: 'nondeterministic',
    sample: sampleIndex,
    message: `${dNameOf(outputs)} is not deterministic: three calls at the same x returned different gradients (${outputs.entryPath(k)}: ${analytic[k]}, then ${third[k]}). ${ADVICE}`,
  };
};

function dNameOf(outputs: Outputs): string {
  return outputs.names[1];
}

/**
 * A hash (FNV-1a over 32-bit words) of the exact bits of every value: equal arrays give equal
 * fingerprints, and arrays that differ almost never do.
 */
function fingerprint(values: Float64Array): number {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  let h = 0x811c9dc5;
  for (let w = 0; w < words.length; w++) h = Math.imul(h ^ words[w]!, 0x01000193);
  return h >>> 0;
}
