/**
 * Verdicts on code the catalog does not resemble (issue 13): each class of false alarm and of unearned
 * pass that real third-party code met, with the reproduction of its kind. Each test fails without the
 * fix of its class.
 */
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import trigamma from '@stdlib/math-base-special-trigamma';
import { describe, expect, test } from 'vitest';
import { checkGradient, formatReport } from '../src/index.js';
import '../src/matchers/vitest.js';
import { mulberry32 } from './helpers/adversarial-functions.js';

const sumSquares32 = (z: number[]) => Math.fround(z.reduce((s, v) => s + v * v, 0));
const twice = (z: number[]) => z.map((v) => 2 * v);

describe('float32 code checked at float64 points', () => {
  // A Float64Array point is written into its working copy as a whole (Working.writeRange): rounded too.
  test.each([
    ['detected', 'auto', [0.1234567891234, -0.5]],
    ['forced', 'float32', [0.1234567891234, -0.5]],
    ['detected, a Float64Array point', 'auto', Float64Array.of(0.1234567891234, -0.5)],
  ] as const)('is not accused of mutating its input (precision %s), and the report says the point was rounded', (_, precision, point) => {
    const report = checkGradient(sumSquares32, twice, { points: [point as unknown as number[]], precision });
    expect(report.problems).toEqual([]);
    expect(report.pass).toBe(true);
    expect(report.settings.precision).toBe('float32');
    expect(report.rounded).toEqual({
      sample: 1,
      path: 'x[0]',
      from: 0.1234567891234,
      to: Math.fround(0.1234567891234),
    });
    expect(formatReport(report)).toContain(
      'note: f computes in float32, so each point was rounded to float32 before f was called there (x[0] = 0.1234567891234 became 0.12345679104328156 at sample 1)',
    );
  });

  test('float32 log near 0 is checked at its float32 point', () => {
    const report = checkGradient(
      (z: number[]) => Math.fround(Math.log(Math.fround(z[0]!))),
      (z: number[]) => [1 / z[0]!],
      { points: [[1.234e-6]] },
    );
    expect(report.problems).toEqual([]);
    expect(report.pass).toBe(true);
  });

  test.each([
    [
      'a hinge loss that is exactly 0',
      (z: number[]) => Math.max(0, -9 - 0.1 * z[0]! - z[1]!),
      () => [0, 0],
      [0.123456789123, 0.3],
    ],
    ['an integer-valued f', (z: number[]) => Math.floor(1000 + 0 * z[0]!), () => [0], [0.123456789123]],
    ['f = 0·x at x = 1e39', (z: number[]) => 0 * z[0]!, () => [0], [1e39]],
    ['a linear f at a subnormal point', (z: number[]) => 3 * z[0]! + z[1]!, () => [3, 1], [1e-310, 0.5]],
  ] as const)('values that fit float32 by chance (%s) do not make f float32 code', (_, f, grad, point) => {
    const report = checkGradient(f, grad as (z: number[]) => number[], { points: [[...point]] });
    expect(report.problems).toEqual([]);
    expect(report.settings.precision).toBe('float64');
    expect(report.rounded).toBeUndefined();
    expect(report.pass).toBe(true);
  });

  test('a float32 input holding a value beyond the float32 range is refused in words', () => {
    expect(() =>
      checkGradient(
        (x: { a: number; b: Float32Array }) => x.a + (x.b[0] ?? 0),
        () => ({ a: 1, b: [1] }),
        {
          points: [{ a: 1e39, b: new Float32Array([1]) }],
        },
      ),
    ).toThrow(
      "f computes in float32, but a = 1e+39 at sample 1 is beyond the float32 range (it rounds to Infinity). Check at points within ±3.4e38, or give precision: 'float64'.",
    );
  });
});

describe('steps adapt to f’s length scale, and a kink must be earned', () => {
  test('sin at 1e6 + 0.3: the relative step is too long, smaller ladders find cos', () => {
    const report = checkGradient(
      (z: number[]) => Math.sin(z[0]!),
      (z: number[]) => [Math.cos(z[0]!)],
      {
        points: [[1e6 + 0.3]],
      },
    );
    expect(report.pass).toBe(true);
    expect(formatReport(report)).not.toContain('not differentiable');
  });

  test('x² + 1e-6·sin(1e6·x) without its cos term fails as a mismatch, not an accepted kink', () => {
    const f = (z: number[]) => z[0]! ** 2 + 1e-6 * Math.sin(1e6 * z[0]!);
    const wrong = checkGradient(f, (z: number[]) => [2 * z[0]!], { points: [[0.7]] });
    expect(wrong.pass).toBe(false);
    expect(wrong.samples[0]!.coordinates[0]!.status).toBe('mismatch');
    const right = checkGradient(f, (z: number[]) => [2 * z[0]! + Math.cos(1e6 * z[0]!)], { points: [[0.7]] });
    expect(right.pass).toBe(true);
  });

  test('a step forced by eps is never taken for a kink that accepts the derivative', () => {
    const report = checkGradient(
      (z: number[]) => Math.sin(z[0]!),
      () => [0],
      { points: [[0.7]], eps: 10 },
    );
    expect(report.pass).toBe(false);
    const text = formatReport(report);
    expect(text).not.toContain('accepted as a one-sided derivative');
    expect(text).toContain('gradient check inconclusive');
    expect(text).toContain('at the steps that eps forced');
  });

  // brain.js's NeuralNetwork (its Float32Array buffers and its backprop), 3-4-2 with ReLU, at a small
  // initialisation: each unit's kink is some 1e-3 away, below the float32 step, so every ladder of
  // noise-beating steps crosses one. Its wide and near-zero ladders averaged the two slopes into a
  // precise-looking half of the derivative, and 10 of 26 correct partials failed as mismatches.
  test('a ReLU net at a small init: ladders across a unit’s kink give no confident mismatch', () => {
    const sizes = [3, 4, 2];
    const input = Float32Array.of(0.3, -0.7, 0.9);
    const target = Float32Array.of(0.2, 0.8);
    const outputs = sizes.map((size) => new Float32Array(size));
    type Net = { weights: Float32Array[][]; biases: Float32Array[] };
    const run = (p: Net) => {
      let previous = input;
      for (let layer = 1; layer < sizes.length; layer++) {
        const out = outputs[layer]!;
        p.weights[layer - 1]!.forEach((w, node) => {
          let sum = p.biases[layer - 1]![node]!;
          for (let k = 0; k < w.length; k++) sum += w[k]! * previous[k]!;
          out[node] = sum < 0 ? 0 : sum;
        });
        previous = out;
      }
      return previous;
    };
    const loss = (p: Net) => run(p).reduce((s, o, i) => s + 0.5 * (target[i]! - o) ** 2, 0);
    const backprop = (p: Net) => {
      run(p);
      const deltas = sizes.map((size) => new Float32Array(size));
      for (let layer = sizes.length - 1; layer > 0; layer--) {
        for (let node = 0; node < sizes[layer]!; node++) {
          const output = outputs[layer]![node]!;
          let error = 0;
          if (layer === sizes.length - 1) error = target[node]! - output;
          else for (const [k, d] of deltas[layer + 1]!.entries()) error += d * p.weights[layer]![k]![node]!;
          deltas[layer]![node] = output > 0 ? error : 0;
        }
      }
      const from = (layer: number) => (layer === 0 ? input : outputs[layer]!);
      return {
        weights: p.weights.map((w, l) => w.map((_, node) => from(l).map((o) => -deltas[l + 1]![node]! * o))),
        biases: p.biases.map((b, l) => b.map((_, node) => -deltas[l + 1]![node]!)),
      };
    };
    const like: Net = {
      weights: [
        Array.from({ length: 4 }, () => new Float32Array(3)),
        [new Float32Array(4), new Float32Array(4)],
      ],
      biases: [new Float32Array(4), new Float32Array(2)],
    };
    const report = checkGradient(loss, backprop, { like, domain: [-1e-3, 1e-3] });
    const mismatches = report.samples.flatMap((s) => s.coordinates).filter((c) => c.status === 'mismatch');
    expect(mismatches.map((c) => c.path)).toEqual([]);
    expect(formatReport(report)).not.toContain('gradient check failed');
    // A wrong partial the net can resolve still fails: the output bias's, 2% off.
    const wrong = (p: Net) => {
      const g = backprop(p);
      g.biases[1]![1]! *= 1.02;
      return g;
    };
    const caught = checkGradient(loss, wrong, { like, domain: [-1e-3, 1e-3] });
    expect(caught.pass).toBe(false);
    expect(formatReport(caught)).toContain('biases[1][1]');
  });

  test('a real kink persists at smaller steps and is still accepted between its slopes', () => {
    const report = checkGradient(
      (z: number[]) => Math.abs(z[0]!),
      () => [1],
      { points: [[0]] },
    );
    expect(report.pass).toBe(true);
    expect(report.samples[0]!.coordinates[0]!.status).toBe('kink');
  });
});

describe('tiny scales', () => {
  const square = (z: number[]) => z[0]! * z[0]!;
  test('x² at 1e-160 passes with its gradient: rounding is measured where f was evaluated', () => {
    const report = checkGradient(square, (z: number[]) => [2 * z[0]!], { points: [[1.3e-160]] });
    expect(report.pass).toBe(true);
  });
  test.each([
    ['0', () => [0]],
    ['2x·1.01', (z: number[]) => [2.02 * z[0]!]],
  ])('x² at 1e-160 with a gradient of %s fails', (_, grad) => {
    const report = checkGradient(square, grad, { points: [[1.3e-160]] });
    expect(report.pass).toBe(false);
  });
});

describe('a pass must be earned', () => {
  const modes = ['coordinate', 'directional'] as const;
  const tanhSum = (keep: () => number) => (z: number[]) => z.reduce((s, v) => s + keep() * Math.tanh(v), 0);

  // A smoother of readings near 1e8 (data term and a first-difference penalty), its penalty's gradient
  // of the wrong sign. Draws rounded to float32 (spacing 8 there) made every coordinate of every sample
  // 1e8: one point, where every difference is 0, and the wrong gradient passed in 3 samples.
  test('random points in a narrow domain at a large offset are distinct points, not one float32 value', () => {
    const y = [0.3, 1.1, 0.7, 1.9, 0.2, 1.4].map((v) => 1e8 + v);
    const f = (x: number[]) =>
      x.reduce((s, v, i) => s + (v - y[i]!) ** 2 + (i > 0 ? 10 * (v - x[i - 1]!) ** 2 : 0), 0);
    const gradient = (sign: number) => (x: number[]) => {
      const g = x.map((v, i) => 2 * (v - y[i]!));
      for (let i = 1; i < x.length; i++) {
        g[i]! += sign * 20 * (x[i]! - x[i - 1]!);
        g[i - 1]! -= sign * 20 * (x[i]! - x[i - 1]!);
      }
      return g;
    };
    const options = { dim: 6, domain: [1e8, 1e8 + 2] as const };
    const wrong = checkGradient(f, gradient(-1), options);
    expect(new Set(wrong.samples.flatMap((sample) => sample.point as number[])).size).toBe(18);
    expect(wrong.pass).toBe(false);
    expect(checkGradient(f, gradient(1), options).pass).toBe(true);
  });

  test.each(modes)('low-rate dropout behind a cache of the last x is nondeterministic (%s)', (mode) => {
    const rng = mulberry32(11);
    let lastKey = '';
    let lastValue = 0;
    const dropout = tanhSum(() => (rng() > 0.05 ? 1 / 0.95 : 0));
    const cached = (z: number[]) => {
      const key = z.join(',');
      if (key !== lastKey) [lastKey, lastValue] = [key, dropout(z)];
      return lastValue;
    };
    const report = checkGradient(cached, (z: number[]) => z.map(() => 0), { dim: 20, mode });
    expect(report.problems.map((p) => p.kind)).toContain('nondeterministic');
    expect(formatReport(report)).not.toContain('passed');
  });

  test.each(modes)('a glitch on every 7th call is nondeterministic (%s)', (mode) => {
    let calls = 0;
    const f = (z: number[]) => z[0]! ** 2 + z[1]! + (++calls % 7 === 0 ? 0.3 : 0);
    const report = checkGradient(f, () => [0, 0], { points: [[0.3, 0.4]], mode });
    expect(report.problems.map((p) => p.kind)).toContain('nondeterministic');
  });

  test('an f whose value drifts with every call is caught after the sweep, not only right after f(x)', () => {
    let calls = 0;
    const f = (z: number[]) => z[0]! ** 2 + 1e-9 * calls++;
    const report = checkGradient(f, (z: number[]) => [2 * z[0]!], { points: [[0.5]] });
    expect(report.problems[0]?.message).toContain('after its coordinates were perturbed');
  });

  test.each(
    modes,
  )('deterministic noise that swamps the differences is inconclusive, never passed (%s)', (mode) => {
    // A hash of x's bits: f repeats exactly, so the randomness checks cannot see it; only the resolution can.
    const hash = (v: number) => {
      const bits = new Float64Array([v]);
      const words = new Uint32Array(bits.buffer);
      return (Math.imul(words[0]! ^ words[1]!, 0x9e3779b1) >>> 0) / 2 ** 31 - 1;
    };
    const f = (z: number[]) => z[0]! ** 2 + 1e-3 * hash(z[0]!);
    const report = checkGradient(f, (z: number[]) => [2.02 * z[0]!], { points: [[0.7]], mode });
    expect(report.pass).toBe(false);
    const text = formatReport(report);
    expect(text).not.toContain('passed');
    expect(text).toContain('inconclusive');
    expect(text).toContain('what to do: where a row is inconclusive, take the noise out of f');
  });

  test('GPU-like jitter of 1e-15 in the gradient is allowed by nondeterminism, as it is in f', () => {
    const rng = mulberry32(3);
    const jittery = (z: number[]) => [2 * z[0]! * (1 + 1e-15 * (rng() - 0.5))];
    const square = (z: number[]) => z[0]! ** 2;
    expect(checkGradient(square, jittery, { points: [[0.7]], nondeterminism: 1e-12 }).pass).toBe(true);
    const strict = checkGradient(square, jittery, { points: [[0.7]] });
    expect(strict.problems.map((p) => p.kind)).toEqual(['nondeterministic']);
  });

  test('a constant f, and an exactly-zero f, are resolved against their own values', () => {
    expect(
      checkGradient(
        () => 1000,
        () => [0, 0],
        { dim: 2 },
      ).pass,
    ).toBe(true);
    expect(
      checkGradient(
        () => 0,
        () => [0, 0],
        { dim: 2 },
      ).pass,
    ).toBe(true);
  });
});

describe('large |x| with a short length scale', () => {
  test('cos(x)/√x at 1e8 + 0.7: wide steps that average f out do not outvote small ones', () => {
    const f = (z: number[]) => Math.cos(z[0]!) / Math.sqrt(z[0]!);
    const g = (z: number[]) => [-Math.sin(z[0]!) / Math.sqrt(z[0]!) - Math.cos(z[0]!) / (2 * z[0]! ** 1.5)];
    expect(checkGradient(f, g, { points: [[1e8 + 0.7]] }).pass).toBe(true);
  });

  test('sin² at 1e9 + 0.25: the noise probe moves by f’s length scale, not by 2^-30·|x|', () => {
    const f = (z: number[]) => Math.sin(z[0]!) ** 2;
    const g = (z: number[]) => [2 * Math.sin(z[0]!) * Math.cos(z[0]!)];
    expect(checkGradient(f, g, { points: [[1e9 + 0.25]] }).pass).toBe(true);
  });
});

describe('past the edge of f’s real domain', () => {
  test('a complex number returned at a step (math.js’s log of a negative) reads as the domain’s edge', () => {
    const complexLog = (v: number) => (v > 0 ? Math.log(v) : { re: Math.log(-v), im: Math.PI });
    const report = checkGradient(
      (z: number[]) => complexLog(z[0]!) as number,
      (z: number[]) => [1 / z[0]!],
      {
        points: [[1e-6]],
      },
    );
    expect(report.pass).toBe(true);
  });

  test('but a complex number at the point itself is refused in words', () => {
    expect(() =>
      checkGradient(
        (z: number[]) => ({ re: z[0]!, im: 1 }) as unknown as number,
        () => [1],
        { points: [[0.5]] },
      ),
    ).toThrow(/f must return a number, but returned/);
  });
});

describe('float32 code summing many terms', () => {
  test('is verified by large steps, not left inconclusive', () => {
    const f = (z: Float32Array) => {
      let s = Math.fround(0);
      for (let i = 0; i < z.length; i++)
        s = Math.fround(s + Math.fround(Math.tanh(z[i]!) + Math.fround(z[i]! * Math.sin(z[i]!))));
      return s;
    };
    const g = (z: Float32Array) =>
      Array.from(z, (v) => 1 - Math.tanh(v) ** 2 + Math.sin(v) + v * Math.cos(v));
    const report = checkGradient(f, g, { like: new Float32Array(50), domain: [-2, 2], samples: 2, seed: 63 });
    expect(report.pass).toBe(true);
  });
});

describe('nondeterminism seen where the check comes back to its points', () => {
  test.each(['coordinate', 'directional'] as const)('a glitch on every 13th call (%s)', (mode) => {
    let calls = 0;
    const f = (z: number[]) => z[0]! ** 2 + z[1]! * z[2]! + (++calls % 13 === 0 ? 0.3 : 0);
    const report = checkGradient(f, () => [0, 0, 0], { dim: 3, mode });
    expect(report.problems.map((p) => p.kind)).toContain('nondeterministic');
  });
});

describe('a pass says what it proves', () => {
  test('Report.power: per row, and the least sensitive entry over the samples', () => {
    const f = (z: number[]) => z[0]! ** 2 + 1e-9 * z[1]!;
    const report = checkGradient(f, (z: number[]) => [2 * z[0]!, 1e-9], { points: [[0.5, 0.5]] });
    expect(report.pass).toBe(true);
    const [x0, x1] = report.samples[0]!.coordinates;
    expect(x0!.power).toBe(x0!.allowed / Math.max(Math.abs(x0!.analytic), Math.abs(x0!.numeric)));
    expect(report.power).toMatchObject({ path: 'x[1]', worst: x1!.power, entries: 2, sample: 1 });
    expect(report.power!.worst).toBeGreaterThan(report.power!.median);
    expect(formatReport(report).split('\n')[0]).toContain(
      `a relative error of ${report.power!.worst.toExponential(2)} or more in any coordinate would have failed it; the least sensitive is x[1]`,
    );
  });

  test('directional mode works out every coordinate’s power from its directions', () => {
    const n = 200;
    const f = (z: number[]) => z.reduce((s, v, i) => s + (i + 1) * v * v, 0);
    const g = (z: number[]) => z.map((v, i) => 2 * (i + 1) * v);
    const report = checkGradient(f, g, { dim: n, mode: 'directional' });
    expect(report.pass).toBe(true);
    expect(report.power!.entries).toBe(n);
    // One coordinate's share of a direction is about 1/√n of it: directions prove less per coordinate.
    expect(report.power!.median).toBeGreaterThan(1e-7);
    expect(report.power!.worst).toBeLessThan(1);
  });
});

describe('matchers', () => {
  const sin = (z: number[]) => Math.sin(z[0]!);
  test('.not fails on an inconclusive check: a check that could not judge proves no gradient wrong', () => {
    const zero = () => [0];
    expect(() => expect(sin).not.toHaveGradient(zero, { points: [[0.7]], eps: 10 })).toThrow(
      /could not judge it[\s\S]*gradient check inconclusive/,
    );
  });

  test('.not on a correct gradient says what the pass proved', () => {
    const cos = (z: number[]) => [Math.cos(z[0]!)];
    expect(() => expect(sin).not.toHaveGradient(cos, { points: [[0.7]] })).toThrow(
      /a relative error of 1\.00e-7 or more in any coordinate would have failed it/,
    );
  });
});

describe('poles next to a small |x|', () => {
  // stdlib's log-gamma is finite on both sides of its pole at 0 (log |Γ(x)|): a step across the pole
  // sees two slopes, not a domain edge. Its digamma and trigamma are its derivatives.
  test.each([
    ['gammaln', gammaln, digamma],
    ['digamma', digamma, trigamma],
  ])('%s at 1e-6 and 3e-6: the steps shrink toward |x| instead of reporting a kink', (_, f, g) => {
    const report = checkGradient(f, g, { points: [1e-6, 3e-6, 1e-3, 0.5] });
    expect(report.pass).toBe(true);
    expect(formatReport(report)).not.toContain('not differentiable');
  });
});
