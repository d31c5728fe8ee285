/**
 * Directional mode skips its mutation check after the sweep where f was not called since a restore of
 * every coordinate (modes/rest.ts): each move rewrites the whole working copy, so nothing is left to find.
 * Where the lines leave coordinates out (`coordinates`), a write there stays, and is still found.
 */
import { describe, expect, it } from 'vitest';
import type { Line } from '../../../src/check/line.js';
import { AtRest } from '../../../src/check/modes/rest.js';
import { checkGradient } from '../../../src/index.js';
import { weightedSquares } from '../../helpers/functions.js';

describe('AtRest', () => {
  const line = (): Line => ({ move: (tau) => tau, restore: () => {} });

  it('is at rest after a full restore, until f is called again', () => {
    const counter = { evaluations: 5 };
    const rest = new AtRest(counter, true);
    expect(rest.moved()).toBe(true);
    const tracked = rest.track(line());
    tracked.restore();
    expect(rest.moved()).toBe(false);
    counter.evaluations++;
    expect(rest.moved()).toBe(true);
  });

  it('never is where the lines leave coordinates out', () => {
    const counter = { evaluations: 5 };
    const rest = new AtRest(counter, false);
    rest.track(line()).restore();
    expect(rest.moved()).toBe(true);
  });

  it('a write to a coordinate the directions leave out, during the sweep, is found', () => {
    const n = 100;
    const { f, gradient } = weightedSquares(n);
    let calls = 0;
    // Call 10 is along the first direction, after the noise probe's moves.
    const writes = (x: Float64Array) => {
      const value = f(x);
      if (++calls === 10) x[n - 3] = 0.5;
      return value;
    };
    const report = checkGradient(writes, gradient(), {
      like: new Float64Array(n),
      mode: 'directional',
      samples: 1,
      coordinates: (path) => path !== `x[${n - 3}]`,
    });
    expect(report.problems.map((p) => p.kind)).toEqual(['mutates-input']);
    expect(report.problems[0]!.message).toContain('while it was evaluated along directions');
  });
});
