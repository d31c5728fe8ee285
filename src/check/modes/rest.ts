/**
 * Whether a directional sample's working copy can differ from its point after the sweep. Its mutation
 * check (a pass over n values, 2 ms at n = 1e6) finds only what f wrote after the last time the whole
 * copy was put back at x0, since each move and restore rewrites every coordinate: where no call of f
 * followed a restore of every coordinate, there is nothing it could find. Driven by directional.ts.
 */
import type { Line } from '../line.js';

/** Notes when a line along every coordinate put the working copy back at x0, and what f did since. */
export class AtRest {
  /** The evaluations counted when the working copy was last restored in full, or -1. */
  private restoredAt = -1;

  /** `whole`: the lines tracked move every coordinate (no `coordinates` option). */
  constructor(
    private readonly counter: { readonly evaluations: number },
    private readonly whole: boolean,
  ) {}

  /** `line`, whose restore is noted (when the lines cover every coordinate). */
  track<L extends Line>(line: L): L {
    if (!this.whole) return line;
    const restore = line.restore;
    line.restore = () => {
      restore.call(line);
      this.restoredAt = this.counter.evaluations;
    };
    return line;
  }

  /** Whether f may have written to the working copy since its last full restore. */
  moved(): boolean {
    return this.restoredAt !== this.counter.evaluations;
  }
}
