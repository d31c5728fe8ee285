/**
 * Cases of the bad-input matrix (see case.ts): a check with no end. An async f or derivative that never
 * settles, a slow f, counts of samples or directions that mean days of work, and `maxEvaluations` in every
 * mode: each fails with a `'budget'` problem (or a TypeError at the call) that says where the check
 * stopped and how to make it cheaper. Every case ends in a few tens of milliseconds: the matrix runs each
 * one four times.
 */
import { type BadInputCase, fails, typeError } from './case.js';

/** A time limit far below a test's, so that the cases stay fast. */
const SHORT = 50;

const sumSq = (x: number[]) => x.reduce((s, v) => s + v * v, 0);
const sumSqGrad = (x: number[]) => x.map((v) => 2 * v);
const pair = (x: number[]) => [x[0]! * x[1]!, x[0]! + x[1]!];
const pairJacobian = (x: number[]) => [
  [x[1]!, x[0]!],
  [1, 1],
];
const pairJVP = (x: number[], v: number[]) => [v[0]! * x[1]! + x[0]! * v[1]!, v[0]! + v[1]!];
const cubic = (x: number[]) => x[0]! ** 3 + x[0]! * x[1]! ** 2;
const cubicHessian = (x: number[]) => [
  [6 * x[0]!, 2 * x[1]!],
  [2 * x[1]!, 2 * x[0]!],
];

/** A Promise that never settles: a lost resolve(), a callback never called. */
const never = () => new Promise<never>(() => {});

/** Waits `ms` on the wall clock: a synchronous f that is slow, whatever the machine's load. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

/** Σ x², at 2 ms a call: a per-coordinate check of 64 coordinates takes about 0.8 s. */
const slowSumSq = (x: number[]) => {
  busy(2);
  return sumSq(x);
};

/** Σ x², resolved after `ms` milliseconds. */
const lateSumSq = (ms: number) => (x: number[]) =>
  new Promise<number>((resolve) => setTimeout(() => resolve(sumSq(x)), ms));

/** Σ x², asynchronous, which never settles once x[1] is perturbed from 0.5 at the point [0.25, 0.5]. */
const hangsWhileX1Moves = (x: number[]) =>
  x[0] === 0.25 && x[1] !== 0.5 ? never() : Promise.resolve(sumSq(x));

/** Every partial 3 times too large: each coordinate is a suspect, and refined. */
const wrongGrad = (x: number[]) => x.map((v) => 3 * v);

/** The cases of this class. */
export const budgetCases: BadInputCase[] = [
  {
    name: 'budget: an async f that never settles',
    kind: 'gradient',
    f: never,
    derivative: sumSqGrad,
    args: [{ dim: 3, timeLimit: SHORT }],
    async: true,
    outcome: fails('budget'),
    says: () => [
      `f did not settle: its call in sample 1 of 3 was still pending when the time limit ran out (timeLimit: ${SHORT} ms`,
      'No sample was checked in full.',
      'A Promise that never resolves',
    ],
  },
  {
    name: 'budget: an async gradient that never settles',
    kind: 'gradient',
    f: sumSq,
    derivative: never,
    args: [{ dim: 3, timeLimit: SHORT }],
    async: true,
    outcome: fails('budget'),
    says: () => [
      `the gradient did not settle: its call in sample 1 of 3 was still pending when the time limit ran out (timeLimit: ${SHORT} ms`,
    ],
  },
  {
    name: 'budget: an async Jacobian that never settles',
    kind: 'jacobian',
    f: pair,
    derivative: never,
    args: [{ dim: 2, timeLimit: SHORT }],
    async: true,
    outcome: fails('budget'),
    says: () => ['the Jacobian did not settle: its call in sample 1 of 3 was still pending'],
  },
  {
    name: 'budget: an async f that hangs in the middle of the sweep names the coordinate',
    kind: 'gradient',
    f: hangsWhileX1Moves,
    derivative: sumSqGrad,
    // A call counts as hung once it waited 10 times f's measured cost: a longer limit than SHORT keeps
    // one slow early call (a GC pause on a loaded machine) from making it read as merely slow.
    args: [{ points: [[0.25, 0.5]], timeLimit: 4 * SHORT }],
    async: true,
    outcome: fails('budget'),
    says: () => ['f did not settle: its call in sample 1, while x[1] was perturbed, was still pending'],
  },
  {
    name: 'budget: the gradient option of a Hessian that never settles',
    kind: 'hessian',
    f: cubic,
    derivative: cubicHessian,
    args: [{ points: [[0.25, 0.5]], gradient: never, timeLimit: SHORT }],
    async: true,
    outcome: fails('budget'),
    says: () => ['did not settle: its call in sample 1 was still pending', `timeLimit: ${SHORT} ms`],
  },
  {
    // 3 samples × 2 tangents are 6 inner checks: they share one time limit, not 6 of them.
    name: 'budget: checkJVP with an f that never settles stops at one time limit',
    kind: 'jvp',
    f: never,
    derivative: pairJVP,
    args: [{ dim: 2, timeLimit: SHORT }],
    async: true,
    outcome: fails('budget'),
    says: () => ['f did not settle: its call in sample 1 was still pending', `timeLimit: ${SHORT} ms`],
  },
  {
    // The JVP itself is called by checkJVP, outside any inner check: its own wait is bounded too.
    name: 'budget: a JVP that never settles',
    kind: 'jvp',
    f: pair,
    derivative: never,
    args: [{ points: [[0.25, 0.5]], timeLimit: SHORT }],
    async: true,
    outcome: { type: 'throws', name: 'GradcheckEvaluationError' },
    says: () => [
      'the JVP did not settle at sample 1 (seed',
      'on input x = [0.25, 0.5]',
      `still pending when the time limit ran out (timeLimit: ${SHORT} ms)`,
    ],
  },
  {
    // checkVJP calls f once at each point for the shape of its output, before any inner check.
    name: 'budget: checkVJP with an f that never settles at its first call',
    kind: 'vjp',
    f: never,
    derivative: (_x: number[], u: number[]) => u,
    args: [{ points: [[0.25, 0.5]], timeLimit: SHORT }],
    async: true,
    outcome: { type: 'throws', name: 'GradcheckEvaluationError' },
    says: () => [
      'f did not settle at sample 1 (seed',
      `still pending when the time limit ran out (timeLimit: ${SHORT} ms)`,
    ],
  },
  {
    name: 'budget: an async f slower than the time limit',
    kind: 'gradient',
    f: lateSumSq(5),
    derivative: sumSqGrad,
    args: [{ dim: 4, mode: 'coordinate', timeLimit: SHORT }],
    async: true,
    outcome: fails('budget'),
    says: () => [
      `the check ran out of time in sample 1 of 3`,
      `timeLimit is ${SHORT} ms`,
      'evaluations of f (',
      'To make it cheaper,',
    ],
  },
  {
    name: "budget: a slow sync f under mode: 'coordinate' stops at a small timeLimit",
    kind: 'gradient',
    f: slowSumSq,
    derivative: sumSqGrad,
    args: [{ dim: 64, mode: 'coordinate', timeLimit: 40 }],
    outcome: fails('budget'),
    says: () => [
      'the check ran out of time in sample 1 of 3',
      'timeLimit is 40 ms',
      "check along random directions with { mode: 'directional' }",
      'take fewer samples with { samples: 1 }',
      "(and the test's timeout above it)",
    ],
  },
  {
    name: "budget: mode: 'auto' checks along directions when f's measured cost says per-coordinate would not fit",
    kind: 'gradient',
    f: slowSumSq,
    derivative: sumSqGrad,
    // Six directions a sample, so that the directional check too runs past the limit (3 would fit).
    args: [{ dim: 64, timeLimit: 100, directions: 6 }],
    outcome: fails('budget'),
    says: () => [
      'per-coordinate mode would take about',
      '(3 samples × (8 + 2 × 64 coordinates) evaluations of f, at the measured',
      'more than 80% of the time limit (timeLimit: 100 ms), so the check ran along random directions',
      'the check ran out of time in sample',
    ],
  },
  {
    name: "budget: maxEvaluations under mode: 'coordinate' fails before the first call",
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    args: [{ dim: 512, mode: 'coordinate', maxEvaluations: 1000 }],
    outcome: fails('budget'),
    says: () => [
      'the check needs at least 3096 evaluations of f in per-coordinate mode (3 samples × (8 + 2 × 512 coordinates)), more than maxEvaluations (1000), so it did not start.',
      'check a random subset with { coordinates: 162 }',
      'or raise the cap with { maxEvaluations: 3100 }',
    ],
  },
  {
    name: "budget: maxEvaluations under mode: 'directional' fails before the first call",
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    args: [{ dim: 100, mode: 'directional', directions: 6, maxEvaluations: 50 }],
    outcome: fails('budget'),
    says: () => [
      'the check needs at least 96 evaluations of f in directional mode (3 samples × (8 + 4 × 6 directions)), more than maxEvaluations (50)',
    ],
  },
  {
    name: 'budget: maxEvaluations reached while refining suspects',
    kind: 'gradient',
    f: sumSq,
    derivative: wrongGrad,
    args: [{ dim: 50, mode: 'coordinate', maxEvaluations: 400 }],
    outcome: fails('budget'),
    says: () => [
      'the check reached maxEvaluations (400 evaluations of f) in sample 1 of 3, while x[',
      'raise the cap with { maxEvaluations: 800 }',
    ],
  },
  {
    name: 'budget: a Jacobian check over maxEvaluations',
    kind: 'jacobian',
    f: pair,
    derivative: pairJacobian,
    args: [{ dim: 2, samples: 10, mode: 'coordinate', maxEvaluations: 100 }],
    outcome: fails('budget'),
    says: () => [
      'the check needs at least 120 evaluations of f in per-coordinate mode (10 samples × (8 + 2 × 2 coordinates)), more than maxEvaluations (100)',
      'take fewer samples with { samples: 8 }',
    ],
  },
  {
    name: 'budget: samples: 1e9 is refused',
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    args: [{ dim: 2, samples: 1e9 }],
    outcome: typeError,
    says: (entry) => [
      `${entry}: samples must be at most 10000, but received 1000000000: each sample is a full check`,
    ],
  },
  {
    name: 'budget: directions: 1e9 is refused',
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    args: [{ dim: 2, mode: 'directional', directions: 1e9 }],
    outcome: typeError,
    says: (entry) => [
      `${entry}: directions must be at most 10000, but received 1000000000: each direction costs 4 evaluations of f a sample`,
    ],
  },
  {
    name: 'budget: a time limit of 0 is refused',
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    args: [{ dim: 2, timeLimit: 0 }],
    outcome: typeError,
    says: (entry) => [
      `${entry}: timeLimit must be a number of milliseconds > 0 (Infinity for no limit), but received 0.`,
    ],
  },
  {
    name: 'budget: a time limit given as a string is refused',
    kind: 'gradient',
    f: sumSq,
    derivative: sumSqGrad,
    args: [{ dim: 2, timeLimit: '5s' }],
    outcome: typeError,
    says: (entry) => [
      `${entry}: timeLimit must be a number of milliseconds > 0`,
      'but received a string ("5s").',
    ],
  },
];
