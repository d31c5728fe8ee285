import type { Report } from '../../src/index.js';

/** The set of coordinate paths that disagree anywhere in the report, from its `worst` list. */
export function failingPaths(report: Report): Set<string> {
  return new Set(report.worst.filter((c) => !c.ok).map((c) => c.path));
}

/** The same set, from every sample's coordinates (not limited to the kept `worst` entries). */
export function failingPathsInSamples(report: Report): Set<string> {
  return new Set(report.samples.flatMap((s) => s.coordinates.filter((c) => !c.ok).map((c) => c.path)));
}

/** Wraps f so that every call is counted. */
export function counted<A extends unknown[], R>(
  fn: (...args: A) => R,
): { fn: (...args: A) => R; calls: () => number } {
  let calls = 0;
  return {
    fn: (...args: A) => {
      calls++;
      return fn(...args);
    },
    calls: () => calls,
  };
}

/** Runs `body` with GRADCHECK_SEED set to `value` (or unset), restoring the previous value after. */
export function withSeedEnv<T>(value: string | undefined, body: () => T): T {
  const had = Object.hasOwn(process.env, 'GRADCHECK_SEED');
  const previous = process.env.GRADCHECK_SEED;
  if (value === undefined) delete process.env.GRADCHECK_SEED;
  else process.env.GRADCHECK_SEED = value;
  try {
    return body();
  } finally {
    if (had) process.env.GRADCHECK_SEED = previous;
    else delete process.env.GRADCHECK_SEED;
  }
}

/**
 * Evaluations of f that a per-coordinate check with central differences costs: per sample, 1 for the
 * value, 1 repeat (the nondeterminism check), 6 for the noise probe and 2 per coordinate for the sweep;
 * then 14 (7 steps, both sides) per refined coordinate in any sample.
 */
export function centralEvaluations(n: number, samples: number, refined = 0): number {
  return samples * (1 + 1 + 6 + 2 * n) + 14 * refined;
}
