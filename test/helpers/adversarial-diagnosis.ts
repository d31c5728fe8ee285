/**
 * The diagnoses the adversarial matrix expects, as small predicates on a Report, so that a case says
 * what it expects in one readable line and a change of policy is one edit. `says` is both the test's
 * name and its failure message, next to `summarize`, which tells what the report said instead.
 */
import type { CoordinateStatus, Problem, Report, Verdict } from '../../src/index.js';

/**
 * A row status, including 'inconclusive', which is being added to CoordinateStatus (a numeric estimate
 * too imprecise to decide). Spelled out here so that this file compiles before and after that change.
 */
export type Status = CoordinateStatus | 'inconclusive';

/** What a case expects of the report of its (wrong) gradient. */
export interface Diagnosis {
  says: string;
  holds: (report: Report) => boolean;
}

/** Every verdict of the report: coordinates, and in directional mode the directions too. */
export function rows(report: Report): Verdict[] {
  return report.samples.flatMap((s) => [...s.coordinates, ...(s.directions ?? [])]);
}

/** A problem of one of these kinds. */
export function hasProblem(...kinds: Problem['kind'][]): Diagnosis {
  return {
    says: `a problem of kind ${kinds.map((k) => `'${k}'`).join(' or ')}`,
    holds: (report) => report.problems.some((p) => kinds.includes(p.kind)),
  };
}

/** A row (coordinate or direction) of one of these statuses. */
export function hasStatus(...statuses: Status[]): Diagnosis {
  return {
    says: `a row of status ${statuses.map((s) => `'${s}'`).join(' or ')}`,
    holds: (report) => rows(report).some((row) => statuses.includes(row.status)),
  };
}

/** The index of coordinate path `x[i]`, as every case here has a `number[]` input. */
function coordinateIndex(path: string): number {
  const match = /\[(\d+)\]$/.exec(path);
  return match === null ? 0 : Number(match[1]);
}

/**
 * A 'mismatch' coordinate whose numeric side is at least twice as near the true derivative as the
 * analytic side is: the check resolved the right value. A mismatch against a numeric value that is itself
 * wrong (0 from a step that swamps x ≈ 1e-160, or a difference across a whole period of sin) fails the
 * check but shows the user a wrong number as the right one.
 */
export function resolvedMismatch(truth: (x: number[]) => number[]): Diagnosis {
  return {
    says: "a 'mismatch' row whose numeric side is near the true derivative",
    holds: (report) =>
      report.samples.some((sample) => {
        if (!Array.isArray(sample.point)) return false;
        const exact = truth(sample.point as number[]);
        return sample.coordinates.some((row) => {
          const t = exact[coordinateIndex(row.path)]!;
          return row.status === 'mismatch' && Math.abs(row.numeric - t) <= Math.abs(row.analytic - t) / 2;
        });
      }),
  };
}

const ONE_SIDED = 'accepted as a one-sided derivative';

/**
 * No row that the kink rule let through. A fast oscillation or a forced step makes one-sided slopes
 * jump without any kink, and a wrong derivative that lies between them must not be excused as one.
 */
export const noAcceptedKink: Diagnosis = {
  says: 'no kink accepted as a one-sided derivative',
  holds: (report) => !rows(report).some((row) => row.status === 'kink' && row.note?.includes(ONE_SIDED)),
};

export function allOf(...parts: Diagnosis[]): Diagnosis {
  return {
    says: parts.map((p) => p.says).join(', and '),
    holds: (report) => parts.every((p) => p.holds(report)),
  };
}

export function anyOf(...parts: Diagnosis[]): Diagnosis {
  return {
    says: parts.map((p) => p.says).join(', or '),
    holds: (report) => parts.some((p) => p.holds(report)),
  };
}

/**
 * One line on what a report said, for the message of a failed expectation: whether it passed, its
 * problems, and how many rows of each status (kinks accepted as one-sided counted apart).
 */
export function summarize(report: Report): string {
  const counts = new Map<string, number>();
  for (const row of rows(report)) {
    const key = row.status === 'kink' && row.note?.includes(ONE_SIDED) ? 'kink (accepted)' : row.status;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const statuses = [...counts].map(([status, count]) => `${status} ×${count}`).join(', ');
  const problems = report.problems.map((p) => p.kind).join(', ') || 'none';
  return `pass: ${report.pass}; problems: ${problems}; rows: ${statuses || 'none'}`;
}
