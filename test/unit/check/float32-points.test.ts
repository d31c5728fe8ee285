/**
 * A directional check of drawn points holds each point as float32 (choose-mode.ts, pointBuffer), where
 * every value of it is one: 4n bytes where a Float64Array takes 8n. The check must then be the check it was
 * with the point in float64, bit for bit, and its mutation check must still see a write below float32's
 * resolution. At 2^16 coordinates the gradient is read in place and the power store is compact too.
 */
import { describe, expect, it } from 'vitest';
import { chooseMode, pointBuffer } from '../../../src/check/choose-mode.js';
import { checkGradient } from '../../../src/index.js';
import { resolveOptions } from '../../../src/options/resolve.js';
import { PointSource } from '../../../src/sample/points.js';
import { Stream } from '../../../src/sample/rng.js';
import type { CheckOptions } from '../../../src/types.js';

const n = 2 ** 16;
const weights = Float64Array.from({ length: n }, (_, i) => 1 + (i % 5) / 5);
const f = (x: Float64Array) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += weights[i]! * x[i]! * x[i]!;
  return s;
};
/** The gradient of f, with a relative error of 1e-3 at `at` when at ≥ 0. */
const gradient = (at: number) => (x: Float64Array) => {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 2 * weights[i]! * x[i]!;
  if (at >= 0) out[at]! *= 1 + 1e-3;
  return out;
};

/** The buffer a check with these options would hold its points in. */
function bufferFor(options: CheckOptions, size = n): string {
  const resolved = resolveOptions({ like: new Float64Array(size), ...options }, 'test');
  const source = new PointSource(resolved, 'test');
  const plan = chooseMode({ options: resolved, shape: source.shape, where: 'test' });
  return pointBuffer(plan, source, source.shape.n).constructor.name;
}

describe('the point of a directional check', () => {
  it('is float32 only where every drawn value is a float32', () => {
    expect(bufferFor({ mode: 'directional' })).toBe('Float32Array');
    expect(bufferFor({ mode: 'directional', domain: [-3, 0.5] })).toBe('Float32Array');
    // 0.1 is no float32: a draw near it keeps its float64 value, which float32 would round.
    expect(bufferFor({ mode: 'directional', domain: [0, 0.1] })).toBe('Float64Array');
    expect(bufferFor({ mode: 'directional', domain: () => [-1, 1] })).toBe('Float64Array');
    expect(bufferFor({ mode: 'coordinate' })).toBe('Float64Array');
    expect(bufferFor({ mode: 'directional' }, 10)).toBe('Float32Array');
    expect(bufferFor({ mode: 'auto' }, 10)).toBe('Float64Array');
    // A user's points and a sampler's values are never rounded.
    const points = [new Float64Array(n).fill(0.1)];
    const resolved = resolveOptions({ points, mode: 'directional' }, 'test');
    const source = new PointSource(resolved, 'test');
    const plan = chooseMode({ options: resolved, shape: source.shape, where: 'test' });
    expect(pointBuffer(plan, source, n)).toBeInstanceOf(Float64Array);
  });

  it('gives the report of the same point held in float64', () => {
    // The same drawn point, once drawn by the check (float32) and once given as `points` (float64).
    const seed = 11;
    const point = new Float64Array(n);
    new Stream(seed, 'points').fill(point, -1, 1);
    for (const at of [-1, 4321]) {
      const drawn = checkGradient(f, gradient(at), { like: new Float64Array(n), samples: 1, seed });
      const given = checkGradient(f, gradient(at), { points: [point], samples: 1, seed });
      expect(drawn.mode).toBe('directional');
      expect(drawn.pass).toBe(at < 0);
      const { samples, power, evaluations } = drawn;
      expect({ samples, power, evaluations }).toEqual({
        samples: given.samples,
        power: given.power,
        evaluations: given.evaluations,
      });
    }
  });

  it('still sees f write a change below float32 resolution into its input', () => {
    let calls = 0;
    const mutating = (x: Float64Array) => {
      // From the third call on, after the value and its repeat: a move of one part in 1e12.
      if (++calls > 2) x[777]! *= 1 + 1e-12;
      return f(x);
    };
    const report = checkGradient(mutating, gradient(-1), { like: new Float64Array(n), seed: 2 });
    expect(report.mode).toBe('directional');
    expect(report.pass).toBe(false);
    expect(report.problems.map((p) => p.kind)).toContain('mutates-input');
    expect(report.problems.find((p) => p.kind === 'mutates-input')?.message).toContain('x[777]');
  });
});
