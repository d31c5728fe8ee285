/**
 * The adversarial matrix: functions built to make a WRONG gradient pass the check. Every case's gradient
 * is wrong (mostly all 0, or missing a term), so a pass is a hole; `expected` is the diagnosis the check
 * should give instead (see adversarial-diagnosis.ts). Run by test/adversarial.test.ts in both modes and
 * with several seeds.
 */
import type { CheckOptions, Mode } from '../../src/index.js';
import {
  allOf,
  anyOf,
  type Diagnosis,
  hasProblem,
  hasStatus,
  noAcceptedKink,
  resolvedMismatch,
} from './adversarial-diagnosis.js';
import {
  cacheLastX,
  DROPOUT_RATE,
  dropout,
  type F,
  flatInFloat32,
  freezeAfter,
  type G,
  glitchOn,
  hashedDropout,
  hashNoise,
  jitter,
  oscillating,
  oscillatingGradient,
  smooth,
  smoothGradient,
  squares,
  twice,
  zeros,
} from './adversarial-functions.js';

export interface AdversarialCase {
  name: string;
  /** A fresh f and gradient per run, from the run's seed: many of these f keep state between calls. */
  make: (seed: number) => { f: F; grad: G };
  /** Every option but `mode` and `seed`, which the runner sets. */
  options: CheckOptions<number[]>;
  /** Default: both. */
  modes?: readonly Exclude<Mode, 'auto'>[];
  expected: Diagnosis;
}

/** The make of a stateless case. */
const fixed = (f: F, grad: G) => (): { f: F; grad: G } => ({ f, grad });

const nondeterministic = hasProblem('nondeterministic');
/**
 * The check cannot decide, or it resolved the true derivative (`truth`) and found the gradient off it:
 * a mismatch against a numeric value that is wrong as well is no diagnosis.
 */
const undecidedOr = (truth: G) => anyOf(hasStatus('inconclusive'), resolvedMismatch(truth));
const notExcusedAsKink = (d: Diagnosis) => allOf(d, noAcceptedKink);
const cosines: G = (x) => x.map(Math.cos);

/** The calls (counted from 1) a glitch lands on, and what it does to f's value there. */
const every = (n: number) => (call: number) => call % n === 0;
const glitch = (v: number) => v + 0.3;
const relative = (v: number) => v * (1 + 1e-9);
const nan = () => Number.NaN;

const dropoutCases: AdversarialCase[] = [5, 20, 100].flatMap((n) => [
  {
    name: `dropout ${DROPOUT_RATE}, n = ${n}, gradient all 0`,
    make: (seed: number) => ({ f: dropout(seed), grad: zeros }),
    options: { dim: n },
    expected: nondeterministic,
  },
  {
    name: `dropout ${DROPOUT_RATE}, n = ${n}, gradient of the mask-free f`,
    make: (seed: number) => ({ f: dropout(seed), grad: smoothGradient }),
    options: { dim: n },
    expected: nondeterministic,
  },
]);

const cachedDropoutCases: AdversarialCase[] = [
  {
    name: 'dropout behind a cache of the last x, n = 20, gradient all 0',
    make: (seed) => ({ f: cacheLastX(dropout(seed)), grad: zeros }),
    options: { dim: 20 },
    expected: nondeterministic,
  },
  {
    name: 'dropout behind a cache of the last x, n = 20, gradient of the mask-free f',
    make: (seed) => ({ f: cacheLastX(dropout(seed)), grad: smoothGradient }),
    options: { dim: 20 },
    expected: nondeterministic,
  },
];

/** With f = smooth + 1e-3·Σxᵢ and the gradient of smooth: a term small enough for the noise to hide. */
const smallTerm: F = (x) => smooth(x) + 1e-3 * x.reduce((s, v) => s + v, 0);
const smallTermGradient: G = (x) => smoothGradient(x).map((g) => g + 1e-3);

const glitchCases: AdversarialCase[] = [
  {
    name: 'glitch +0.3 on every 7th call, gradient all 0',
    make: () => ({ f: glitchOn(smooth, every(7), glitch), grad: zeros }),
    options: { dim: 3 },
    expected: nondeterministic,
  },
  {
    name: 'glitch +0.3 on every 13th call, gradient all 0',
    make: () => ({ f: glitchOn(smooth, every(13), glitch), grad: zeros }),
    options: { dim: 3 },
    expected: nondeterministic,
  },
  {
    name: 'glitch +0.3 once, on call 51, gradient all 0',
    make: () => ({ f: glitchOn(smooth, (call) => call === 51, glitch), grad: zeros }),
    options: { dim: 3 },
    // One glitch, never repeated, shows as nondeterminism only where the check comes back to its point;
    // elsewhere the ladders outvote it, and the zero gradient fails against the true derivative.
    expected: anyOf(nondeterministic, resolvedMismatch(smoothGradient)),
  },
  {
    name: 'glitch of relative size 1e-9 on every 5th call, gradient all 0',
    make: () => ({ f: glitchOn(smooth, every(5), relative), grad: zeros }),
    options: { dim: 3 },
    expected: nondeterministic,
  },
  {
    name: 'glitch of relative size 1e-9 on every 5th call, gradient missing a 1e-3 term',
    make: () => ({ f: glitchOn(smallTerm, every(5), relative), grad: smoothGradient }),
    options: { dim: 3 },
    expected: nondeterministic,
  },
  {
    name: 'NaN on every 11th call, gradient all 0',
    make: () => ({ f: glitchOn(smooth, every(11), nan), grad: zeros }),
    options: { dim: 3 },
    expected: nondeterministic,
  },
  // The freeze lands in the first sample's value, noise probe and sweep (coordinate mode, n = 3).
  ...[3, 8, 20].map(
    (calls): AdversarialCase => ({
      name: `f frozen at the value of call ${calls} from then on, gradient all 0`,
      make: () => ({ f: freezeAfter(smooth, calls), grad: zeros }),
      options: { dim: 3 },
      expected: nondeterministic,
    }),
  ),
  {
    name: 'jitter within an allowed nondeterminism of 1e-9, gradient missing a 1e-3 term',
    make: (seed) => ({ f: jitter(smallTerm, 1e-9, seed), grad: smoothGradient }),
    options: { dim: 3, nondeterminism: 1e-9 },
    expected: undecidedOr(smallTermGradient),
  },
];

const stepCases: AdversarialCase[] = [
  {
    name: 'fast oscillation x² + 1e-6·sin(1e6·x), gradient 2x (missing the cos term)',
    make: fixed(oscillating(1e-6, 1e6), twice),
    options: { dim: 3 },
    expected: notExcusedAsKink(resolvedMismatch(oscillatingGradient(1e-6, 1e6))),
  },
  {
    name: 'fast oscillation x² + 1e-4·sin(1e4·x), gradient 2x (missing the cos term)',
    make: fixed(oscillating(1e-4, 1e4), twice),
    options: { dim: 3 },
    expected: notExcusedAsKink(resolvedMismatch(oscillatingGradient(1e-4, 1e4))),
  },
  {
    name: 'forced step eps = 10, f = sin, gradient 0',
    make: fixed((x) => x.reduce((s, v) => s + Math.sin(v), 0), zeros),
    options: { dim: 2, eps: 10 },
    expected: notExcusedAsKink(undecidedOr(cosines)),
  },
  {
    name: 'forced step eps = 1, f = sin(10x), gradient 0',
    make: fixed((x) => x.reduce((s, v) => s + Math.sin(10 * v), 0), zeros),
    options: { dim: 2, eps: 1 },
    expected: notExcusedAsKink(undecidedOr((x) => x.map((v) => 10 * Math.cos(10 * v)))),
  },
  {
    name: 'sin at x = 1e6 + 0.3, gradient 0',
    make: fixed((x) => Math.sin(x[0]!), zeros),
    options: { points: [[1e6 + 0.3]] },
    expected: resolvedMismatch(cosines),
  },
  {
    name: 'sin at x = 1e12 + 0.3, gradient 0',
    make: fixed((x) => Math.sin(x[0]!), zeros),
    options: { points: [[1e12 + 0.3]] },
    expected: undecidedOr(cosines),
  },
];

const noiseCases: AdversarialCase[] = [
  {
    name: 'deterministic noise 1e-3·hash(x), gradient all 0',
    make: fixed(hashNoise(smooth, 1e-3), zeros),
    options: { dim: 3 },
    expected: undecidedOr(smoothGradient),
  },
  {
    name: 'deterministic noise 1e-3·hash(x), gradient ×1.01',
    make: fixed(hashNoise(smooth, 1e-3), (x) => smoothGradient(x).map((g) => g * 1.01)),
    options: { dim: 3 },
    expected: undecidedOr(smoothGradient),
  },
  {
    name: 'dropout mask drawn from a hash of x (deterministic), n = 20, gradient of the mask-free f',
    make: fixed(hashedDropout, smoothGradient),
    options: { dim: 20 },
    // No true derivative to resolve: f jumps by whole units between neighbouring points.
    expected: hasStatus('inconclusive', 'mismatch'),
  },
  {
    name: 'x² at x ≈ 1e-160, gradient 2x·(1 + 1e-3)',
    make: fixed(squares, (x) => twice(x).map((g) => g * (1 + 1e-3))),
    options: { dim: 2, domain: [1e-160, 2e-160] },
    expected: undecidedOr(twice),
  },
  {
    name: 'x² at x ≈ 1e-160, gradient all 0',
    make: fixed(squares, zeros),
    options: { dim: 2, domain: [1e-160, 2e-160] },
    expected: undecidedOr(twice),
  },
  {
    name: 'f constant at float32 steps (1 + 1e-4·Σx in float32), gradient all 0',
    make: fixed(flatInFloat32, zeros),
    options: { dim: 3 },
    expected: undecidedOr((x) => x.map(() => 1e-4)),
  },
];

/** Every case of the matrix. */
export const cases: AdversarialCase[] = [
  ...dropoutCases,
  ...cachedDropoutCases,
  ...glitchCases,
  ...stepCases,
  ...noiseCases,
];
