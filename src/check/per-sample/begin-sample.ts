/**
 * What every sample does before its own comparisons, in both modes: f at the point, checked for
 * mutation and a non-finite value; then the derivative, checked for mutation and (on sample 1)
 * nondeterminism. The noise probe follows (noise-probe.ts), which repeats f where its values are noisy;
 * f at the point is called again once the sample's sweep is over (diagnose.ts, revisit), where a value
 * that depends on the calls before shows far more often than right after the first call. Where the modes differ, they pass
 * their own way of doing it (a `SampleStart`), not a flag.
 */
import { CALL_F, type Call } from '../../calls/driver.js';
import type { PointValues } from '../../params/working.js';
import type { Problem, SampleReport } from '../../types.js';
import { inputError } from '../../util/errors.js';
import { spacing } from '../../util/float.js';
import type { CheckSetup } from '../setup.js';
import { type DerivativeRepeat, mutation } from './diagnose.js';
import type { NoiseProbe } from './noise-probe.js';
import type { Outputs } from './outputs.js';

/** How one sample went, for the loop that redraws samples on kinks. */
export interface SampleOutcome {
  report: SampleReport;
  kink: boolean;
  abort: boolean;
}

/** How a mode starts its samples. */
export interface SampleStart {
  /** Where the point is shown in the message about a non-finite f(x): in full, or not at all (n = 1e6). */
  quotePoint: (x0: PointValues) => string;
  /** How the derivative is checked for nondeterminism on sample 1. */
  repeatDerivative: DerivativeRepeat;
}

/** What the start of a sample found, or the outcome of a sample that failed in it. */
export type SampleBegun =
  | {
      f0: Float64Array;
      /** The derivative, row-major (entry (k, i) at k·n + i), in a buffer reused by the next sample. */
      analytic: Float64Array;
      /** Ends the sample with `problem` and an empty report, as the start's own failures do. */
      fail: (problem: Problem) => SampleOutcome;
    }
  | { outcome: SampleOutcome };

/**
 * The start of sample `sampleIndex`, with the point already in x0: f(x), its checks, the derivative and
 * its checks. Problems found go to `problems`.
 */
export function* beginSample(
  setup: CheckSetup,
  outputs: Outputs,
  start: SampleStart,
  problems: Problem[],
  sampleIndex: number,
): Generator<Call, SampleBegun, unknown> {
  const { options, shape, working, position, x0 } = setup;
  const [fName, dName] = setup.names;
  const { counter } = outputs;
  position.sample = sampleIndex;
  position.coordinate = -1;
  working.writeAll(x0);
  if (working.roundToFloat32) noteRounding(setup, sampleIndex);
  // The point as stored: a pass over a million coordinates, where storing it may round it.
  if (!working.keepsExactly(x0)) working.readAll(x0);
  if (options.eps !== undefined) requireStepsTaken(setup, options.eps, sampleIndex);

  const f0 = outputs.read(yield CALL_F);
  counter.evaluations++;
  // A sample where f or the derivative failed keeps its point whatever its size: it is what to look at.
  const fail = (problem: Problem): SampleOutcome => {
    problems.push(problem);
    const report: SampleReport = {
      index: sampleIndex,
      point: shape.plain(x0),
      value: setup.kind === 'gradient' ? f0[0]! : Array.from(f0),
      globalDiff: Number.NaN,
      mismatches: 0,
      coordinates: [],
      noise: Number.NaN,
    };
    return { report, kink: false, abort: problem.kind !== 'nonfinite-value' };
  };
  const failed = (problem: Problem) => ({ outcome: fail(problem) });

  const touched = mutation(setup);
  if (touched !== undefined) {
    return failed({
      kind: 'mutates-input',
      sample: sampleIndex,
      message: `${fName} mutates its input: ${touched}. gradcheck evaluates f at perturbed copies of the point, so a function that writes to its argument corrupts the check. Copy the input inside ${fName}, or stop writing to it.`,
    });
  }
  const bad = f0.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    return failed({
      kind: 'nonfinite-value',
      sample: sampleIndex,
      message: `${fName} returned ${f0[bad]}${outputs.m > 1 && !setup.outputsAreNotF ? ` in output ${bad}` : ''} at the point of sample ${sampleIndex}${start.quotePoint(x0)}, so there is nothing to differentiate there. If the point is outside f's domain (log or sqrt of a negative number), set \`domain\` or \`points\`.`,
    });
  }

  // From here on, a value of f other than f0 shows that f changed in the sample (see constancy).
  outputs.watch(f0);
  const analytic = yield* outputs.readDerivative();
  // Before the second call: a derivative that writes to its input would otherwise read as nondeterministic.
  const touchedByDerivative = mutation(setup);
  if (touchedByDerivative !== undefined) {
    return failed({
      kind: 'mutates-input',
      sample: sampleIndex,
      message: `${dName} mutates its input: ${touchedByDerivative}. Copy the input inside ${dName}, or stop writing to it.`,
    });
  }
  if (sampleIndex === setup.firstSample) {
    const problem = yield* start.repeatDerivative(outputs, analytic, sampleIndex, options.nondeterminism);
    if (problem !== undefined) return failed(problem);
  }
  return { f0, analytic, fail };
}

/** What the start of a sample and its noise probe found, or the outcome of a sample that failed in them. */
export type SampleMeasured =
  | (Extract<SampleBegun, { f0: Float64Array }> & { noise: Float64Array })
  | { outcome: SampleOutcome };

/**
 * The start of a sample (beginSample), an optional check of what it found (`vet`: a problem ends the
 * sample), then the noise probe. When the probe finds that f computes in float32 at a point float32 does
 * not hold, the sample begins again at the point rounded to float32: every value of f the check compares
 * is then taken where f really was.
 */
export function* beginMeasured(
  setup: CheckSetup,
  outputs: Outputs,
  start: SampleStart,
  problems: Problem[],
  sampleIndex: number,
  probe: NoiseProbe,
  vet?: (analytic: Float64Array) => Problem | undefined,
): Generator<Call, SampleMeasured, unknown> {
  for (;;) {
    const begun = yield* beginSample(setup, outputs, start, problems, sampleIndex);
    if ('outcome' in begun) return begun;
    const problem = vet?.(begun.analytic);
    if (problem !== undefined) return { outcome: begun.fail(problem) };
    const noise = yield* probe.measure(begun.f0);
    if (noise === undefined) continue;
    const random = yield* probe.repeatIfNoisy(begun.f0, noise, sampleIndex);
    if (random !== undefined) return { outcome: begun.fail(random) };
    return { ...begun, noise };
  }
}

/**
 * Keeps the first coordinate that float32 storage moved, before x0 takes the stored values: the check
 * then runs at the float32 point, the one float32 code sees, and the report says so. A point that float32
 * cannot hold (1e39 becomes Infinity) is refused, since no float32 code could be called there.
 */
function noteRounding(setup: CheckSetup, sampleIndex: number): void {
  const { working, x0, shape } = setup;
  for (let i = 0; i < x0.length; i++) {
    const to = working.get(i);
    if (to === x0[i]) continue;
    if (!Number.isFinite(to)) {
      throw inputError(
        `${setup.where}: f computes in float32, but ${shape.path(i)} = ${x0[i]} at sample ${sampleIndex} is beyond the float32 range (it rounds to ${to}). Check at points within ±3.4e38, or give precision: 'float64'.`,
      );
    }
    setup.rounded ??= { sample: sampleIndex, path: shape.path(i), from: x0[i]!, to };
    return;
  }
}

/**
 * Throws when the user's step vanishes at a coordinate of the point: x ± eps rounds back to x there, so
 * the difference would be 0/0 and every row NaN. The step is fixed by the user, so this is their call.
 */
function requireStepsTaken(setup: CheckSetup, eps: number, sampleIndex: number): void {
  const { shape, working, x0 } = setup;
  const precision = working.roundToFloat32 ? 'float32' : 'float64';
  const stored = (v: number) => (working.roundToFloat32 ? Math.fround(v) : v);
  for (let i = 0; i < x0.length; i++) {
    const x = x0[i]!;
    if (stored(x + eps) !== x && stored(x - eps) !== x) continue;
    const path = shape.path(i);
    throw inputError(
      `${setup.where}: eps = ${eps} is below the spacing of ${precision} numbers at ${path} = ${x} (sample ${sampleIndex}), which is ${spacing(x, precision)}: ${path} ± eps rounds back to ${x}, so there is no difference to take. Leave eps unset, for a step scaled to each coordinate, or give one far above that spacing.`,
    );
  }
}
