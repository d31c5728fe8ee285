/**
 * The defaults of a check, as named constants: what a check does when neither its options, nor
 * `GRADCHECK_SEED`, nor `configure()` say otherwise. They live apart from the code that applies them
 * (resolve.ts) so that the docs and the bench can read them from one short file
 * (scripts/options-doc.mjs, bench/performance.mjs).
 */

/** The fixed default seed: any fixed value works; this one is the date of the course notes. */
export const DEFAULT_SEED = 20180531;
/** The course's threshold, kept as the relative tolerance per coordinate. */
export const DEFAULT_TOL = 1e-7;
/** How many points a check samples when neither `points` nor `samples` says. */
export const DEFAULT_SAMPLES = 3;
/**
 * Evaluation budget of a check, and of `mode: 'auto'`: per-coordinate checks above it switch to
 * directional. With 3 samples that is per-coordinate up to n = 16 662, where a check of a cheap O(n) f
 * already takes a second or two (the time grows as n²); docs/performance.md has the measurement.
 */
export const DEFAULT_MAX_EVALUATIONS = 100_000;
/**
 * Time limit of a check, in ms. Vitest, Jest and Bun end a test after 5 s by default, with a message that
 * says nothing of the check; 3 s leaves the check time to stop, build its report and fail with it, and
 * leaves the test a margin for its own work.
 */
export const DEFAULT_TIME_LIMIT = 3000;
/**
 * How many random directions directional mode checks in all, spread over the samples: each direction's
 * wide first look costs 4 calls, and every coordinate weighs in every direction, so that detection of a
 * wrong partial hangs on how many directions a check looks along, not on how they are shared out
 * (bench/performance.mjs measures it).
 */
export const DIRECTIONS_PER_CHECK = 3;

/** The directions per sample of a check of `samples` samples: ⌈DIRECTIONS_PER_CHECK / samples⌉. */
export function defaultDirections(samples: number): number {
  return Math.max(1, Math.ceil(DIRECTIONS_PER_CHECK / Math.max(samples, 1)));
}
