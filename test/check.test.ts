/**
 * checkGradient and checkJacobian end to end, through the public API: correct gradients pass, wrong
 * ones fail and name exactly the coordinates that are wrong, async stays async and sync stays sync,
 * evaluations are counted exactly, and bad input is refused with messages that say what was expected.
 */
import { describe, expect, it } from 'vitest';
import { checkGradient, checkJacobian, EvaluationError, type Report } from '../src/index.js';
import {
  type LogisticParams,
  logisticLoss,
  logisticLossGradient,
  type MlpParams,
  mlpGradient,
  mlpLoss,
  mlpPoint,
  rosenbrock,
  rosenbrockGradient,
  sumOfSquares,
  sumOfSquaresGradient,
} from './helpers/functions.js';
import { centralEvaluations, counted, failingPaths, failingPathsInSamples } from './helpers/report.js';

const LOGISTIC_TEMPLATE: LogisticParams = { w: [0, 0, 0], b: 0 };
const MLP_PATHS = [
  ...[0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => `W1[${i}][${j}]`)),
  'b1[0]',
  'b1[1]',
  'b1[2]',
  ...[0, 1].flatMap((k) => [0, 1, 2].map((j) => `W2[${k}][${j}]`)),
  'b2[0]',
  'b2[1]',
];
const range = (n: number, name = 'x') => Array.from({ length: n }, (_, i) => `${name}[${i}]`);

/** A passing report: no mismatches anywhere, no problems, every coordinate ok. */
function expectPass(report: Report, n: number, samples = 3): void {
  expect(report.problems).toEqual([]);
  expect(report.samples).toHaveLength(samples);
  for (const sample of report.samples) {
    expect(sample.mismatches).toBe(0);
    expect(sample.coordinates).toHaveLength(n);
    expect(sample.coordinates.every((c) => c.ok && c.status === 'ok')).toBe(true);
  }
  expect(failingPaths(report)).toEqual(new Set());
  expect(report.n).toBe(n);
  expect(report.pass).toBe(true);
}

/** A failing report that names exactly `paths` as mismatches, in every sample. */
function expectMismatches(report: Report, paths: readonly string[], samples = 3): void {
  expect(report.pass).toBe(false);
  expect(report.problems).toEqual([]);
  expect(report.samples).toHaveLength(samples);
  expect(failingPathsInSamples(report)).toEqual(new Set(paths));
  if (paths.length * samples <= 50) expect(failingPaths(report)).toEqual(new Set(paths));
  for (const sample of report.samples) {
    expect(sample.mismatches).toBe(paths.length);
    const wrong = sample.coordinates.filter((c) => !c.ok);
    expect(wrong.every((c) => c.status === 'mismatch')).toBe(true);
  }
  // Every failing coordinate ranks above every passing one.
  const firstOk = report.worst.findIndex((c) => c.ok);
  if (firstOk >= 0) expect(report.worst.slice(firstOk).every((c) => c.ok)).toBe(true);
}

describe('correct gradients pass', () => {
  it('x² (a bare number)', () => {
    expectPass(
      checkGradient(
        (x: number) => x * x,
        (x) => 2 * x,
      ),
      1,
    );
  });

  it('Σx² in 10 dimensions', () => {
    expectPass(checkGradient(sumOfSquares, sumOfSquaresGradient, { dim: 10 }), 10);
  });

  it('Rosenbrock in 10 dimensions', () => {
    expectPass(checkGradient(rosenbrock, rosenbrockGradient, { dim: 10 }), 10);
  });

  it('logistic loss on a fixed data set, as { w, b }', () => {
    const report = checkGradient(logisticLoss, logisticLossGradient, { like: LOGISTIC_TEMPLATE });
    expectPass(report, 4);
    expect(report.samples[0]!.coordinates.map((c) => c.path)).toEqual(['w[0]', 'w[1]', 'w[2]', 'b']);
  });

  it('a parameter-dict MLP { W1, b1, W2, b2 } with tanh', () => {
    const report = checkGradient(mlpLoss, mlpGradient, { like: mlpPoint() });
    expectPass(report, 20);
    expect(report.samples[0]!.coordinates.map((c) => c.path)).toEqual(MLP_PATHS);
  });

  it('the MLP at a fixed point, with the gradient returned as a flat array', () => {
    const flat = (p: MlpParams) => {
      const g = mlpGradient(p);
      return [...g.W1.flat(), ...g.b1, ...g.W2.flat(), ...g.b2];
    };
    expectPass(checkGradient(mlpLoss, flat, { points: [mlpPoint()] }), 20, 1);
  });
});

describe('wrong gradients fail and name exactly the wrong coordinates', () => {
  it('a sign flip: x²', () => {
    const report = checkGradient(
      (x: number) => x * x,
      (x) => -2 * x,
    );
    expectMismatches(report, ['x']);
  });

  it('a sign flip: Rosenbrock, every coordinate', () => {
    const report = checkGradient(rosenbrock, (x) => rosenbrockGradient(x).map((v) => -v), { dim: 10 });
    expectMismatches(report, range(10));
  });

  it('a sign flip in one block of the MLP', () => {
    const report = checkGradient(
      mlpLoss,
      (p) => {
        const g = mlpGradient(p);
        return { ...g, b1: g.b1.map((v) => -v) };
      },
      { like: mlpPoint() },
    );
    expectMismatches(report, ['b1[0]', 'b1[1]', 'b1[2]']);
  });

  it('a factor of 2: Σx² and the logistic loss', () => {
    expectMismatches(
      checkGradient(sumOfSquares, (x) => x.map((v) => 4 * v), { dim: 10 }),
      range(10),
    );
    const logistic = checkGradient(
      logisticLoss,
      (p) => {
        const g = logisticLossGradient(p);
        return { w: g.w.map((v) => 2 * v), b: 2 * g.b };
      },
      { like: LOGISTIC_TEMPLATE },
    );
    expectMismatches(logistic, ['w[0]', 'w[1]', 'w[2]', 'b']);
  });

  it('one coordinate off by a relative 1e-5: Rosenbrock x[7]', () => {
    const report = checkGradient(
      rosenbrock,
      (x) => rosenbrockGradient(x).map((v, i) => (i === 7 ? v * (1 + 1e-5) : v)),
      { dim: 10 },
    );
    expectMismatches(report, ['x[7]']);
    const worst = report.worst[0]!;
    expect(worst.path).toBe('x[7]');
    expect(worst.relErr).toBeGreaterThan(0.5e-5);
    expect(worst.relErr).toBeLessThan(2e-5);
  });

  it('one coordinate off by a relative 1e-5: MLP W2[1][2]', () => {
    const report = checkGradient(
      mlpLoss,
      (p) => {
        const g = mlpGradient(p);
        g.W2[1]![2]! *= 1 + 1e-5;
        return g;
      },
      { like: mlpPoint() },
    );
    expectMismatches(report, ['W2[1][2]']);
  });

  it('transposed weights: the W1 gradient transposed (square W1)', () => {
    const report = checkGradient(
      mlpLoss,
      (p) => {
        const g = mlpGradient(p);
        return { ...g, W1: g.W1.map((row, i) => row.map((_, j) => g.W1[j]![i]!)) };
      },
      { like: mlpPoint() },
    );
    // The diagonal of a transposed matrix is right; every other entry is wrong.
    expectMismatches(report, ['W1[0][1]', 'W1[0][2]', 'W1[1][0]', 'W1[1][2]', 'W1[2][0]', 'W1[2][1]']);
  });

  it('ranks the worst coordinate first and reports numbers that explain the verdict', () => {
    const report = checkGradient(sumOfSquares, (x) => x.map((v, i) => (i === 2 ? 3 * v : 2 * v)), {
      points: [[0.5, -1, 0.75, 2]],
    });
    const worst = report.worst[0]!;
    expect(worst).toMatchObject({ path: 'x[2]', sample: 1, x: 0.75, analytic: 2.25, ok: false });
    expect(worst.numeric).toBeCloseTo(1.5, 9);
    expect(worst.absErr).toBeCloseTo(0.75, 9);
    expect(worst.absErr).toBeGreaterThan(worst.allowed);
  });
});

describe('async f or gradient', () => {
  const sync = () => checkGradient(rosenbrock, rosenbrockGradient, { dim: 4, seed: 7 });

  it('a sync check returns a Report, not a Promise', () => {
    const report = sync();
    expect(report).not.toBeInstanceOf(Promise);
    expect(typeof (report as unknown as { then?: unknown }).then).toBe('undefined');
    expect(report.pass).toBe(true);
  });

  it('an async f gives a Promise of the same report', async () => {
    const pending = checkGradient(async (x: number[]) => rosenbrock(x), rosenbrockGradient, {
      dim: 4,
      seed: 7,
    });
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toEqual(sync());
  });

  it('an async gradient gives a Promise of the same report', async () => {
    const pending = checkGradient(rosenbrock, async (x: number[]) => rosenbrockGradient(x), {
      dim: 4,
      seed: 7,
    });
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toEqual(sync());
  });

  it('async f and gradient give the same failing report as the sync version', async () => {
    const wrong = (x: number[]) => rosenbrockGradient(x).map((v, i) => (i === 1 ? -v : v));
    const expected = checkGradient(rosenbrock, wrong, { dim: 4, seed: 7 });
    const report = await checkGradient(
      async (x: number[]) => rosenbrock(x),
      async (x: number[]) => wrong(x),
      { dim: 4, seed: 7 },
    );
    expect(report).toEqual(expected);
    expect(failingPaths(report)).toEqual(new Set(['x[1]']));
  });

  it('an f that turns async only later still resolves to the same report', async () => {
    let calls = 0;
    const report = await checkGradient(
      (x: number[]) => (++calls > 5 ? Promise.resolve(rosenbrock(x)) : rosenbrock(x)),
      rosenbrockGradient,
      { dim: 4, seed: 7 },
    );
    expect(report).toEqual(sync());
  });

  it('a rejection of f becomes an EvaluationError that says where, keeping the cause', async () => {
    const cause = new Error('boom');
    const pending = checkGradient(
      async () => {
        throw cause;
      },
      () => [0],
      { dim: 1 },
    );
    await expect(pending).rejects.toBeInstanceOf(EvaluationError);
    await expect(pending).rejects.toThrow(
      /f rejected at sample 1 \(seed \d+\) on input x = \[-?[\d.]+\]: boom/,
    );
    await expect(pending).rejects.toMatchObject({ cause });
  });

  it('a throw in a sync gradient becomes an EvaluationError thrown at the call', () => {
    expect(() =>
      checkGradient(sumOfSquares, () => {
        throw new Error('no gradient');
      }),
    ).toThrow(EvaluationError);
  });
});

describe('evaluations are counted exactly', () => {
  // Well scaled: every partial 2x is at least 1 in size, so the first pass verifies each one to tol and
  // nothing needs a second look. (Near x = 0 a partial is too small for that, and may be refined.)
  const cases: Array<{ n: number; samples: number; domain: readonly [number, number] }> = [
    { n: 1, samples: 1, domain: [0.5, 2] },
    { n: 4, samples: 3, domain: [-2, -0.5] },
    { n: 25, samples: 2, domain: [0.5, 2] },
    { n: 60, samples: 5, domain: [0.5, 2] },
  ];

  for (const { n, samples, domain } of cases) {
    it(`a correct Σx² with n = ${n}, ${samples} samples: no refinement at all`, () => {
      const f = counted(sumOfSquares);
      const grad = counted(sumOfSquaresGradient);
      const report = checkGradient(f.fn, grad.fn, { dim: n, samples, domain });
      expect(report.pass).toBe(true);
      expect(report.evaluations).toBe(f.calls());
      expect(report.evaluations).toBe(centralEvaluations(n, samples));
      expect(report.gradientEvaluations).toBe(grad.calls());
      expect(report.gradientEvaluations).toBe(samples + 1);
    });
  }

  it('counts every call of f, refinements included, on the default domain too', () => {
    for (const seed of [1, 2, 3]) {
      const f = counted(sumOfSquares);
      const report = checkGradient(f.fn, sumOfSquaresGradient, { dim: 60, samples: 5, seed });
      expect(report.pass).toBe(true);
      expect(report.evaluations).toBe(f.calls());
      expect(report.evaluations).toBeGreaterThanOrEqual(centralEvaluations(60, 5));
    }
  });

  it('holds at explicit points too', () => {
    const f = counted(sumOfSquares);
    const report = checkGradient(f.fn, sumOfSquaresGradient, {
      points: [
        [1, 2, 3],
        [-0.5, 0.25, 4],
      ],
    });
    expect(report.evaluations).toBe(f.calls());
    expect(report.evaluations).toBe(centralEvaluations(3, 2));
    expect(report.gradientEvaluations).toBe(3);
  });

  it('one wrong coordinate costs exactly 14 more evaluations in each sample', () => {
    const f = counted(sumOfSquares);
    const report = checkGradient(f.fn, (x) => x.map((v, i) => (i === 3 ? 2 * v * (1 + 1e-5) : 2 * v)), {
      dim: 8,
      samples: 3,
      domain: [0.5, 2],
    });
    expect(failingPaths(report)).toEqual(new Set(['x[3]']));
    expect(report.evaluations).toBe(f.calls());
    expect(report.evaluations).toBe(centralEvaluations(8, 3, 3));
    expect(report.evaluations - centralEvaluations(8, 3)).toBe(14 * 3);
  });

  it('two wrong coordinates cost 28 more in the one sample where they are wrong', () => {
    const f = counted(sumOfSquares);
    const points = [
      [1, 2, 3, 4],
      [-1, -2, -3, -4],
    ];
    // Wrong only where x[0] < 0, that is in sample 2.
    const grad = (x: number[]) => x.map((v, i) => (x[0]! < 0 && i >= 2 ? 2.5 * v : 2 * v));
    const report = checkGradient(f.fn, grad, { points });
    expect(report.samples.map((s) => s.mismatches)).toEqual([0, 2]);
    expect(report.evaluations).toBe(f.calls());
    expect(report.evaluations).toBe(centralEvaluations(4, 2, 2));
  });

  it('refine: false never refines', () => {
    const f = counted(sumOfSquares);
    const report = checkGradient(f.fn, (x) => x.map((v) => 3 * v), { dim: 5, refine: false });
    expect(report.pass).toBe(false);
    expect(report.evaluations).toBe(f.calls());
    expect(report.evaluations).toBe(centralEvaluations(5, 3));
  });
});

describe('bad input is refused with a message that says what was expected and what was received', () => {
  const f = (x: number[]) => x[0]!;
  const g = () => [1];

  it('f or the gradient that is not a function', () => {
    expect(() => checkGradient(3 as never, g)).toThrow(TypeError);
    expect(() => checkGradient(3 as never, g)).toThrow(
      'checkGradient: f (the function to differentiate) must be a function, but received 3.',
    );
    expect(() => checkGradient(f, 'g' as never)).toThrow(
      'checkGradient: the gradient must be a function, but received a string ("g").',
    );
    expect(() => checkGradient(f, undefined as never)).toThrow(
      'the gradient must be a function, but received undefined',
    );
    expect(() => checkJacobian(f as never, {} as never)).toThrow(
      'checkJacobian: the Jacobian must be a function, but received an object with no keys.',
    );
  });

  it('a gradient of the wrong length', () => {
    expect(() => checkGradient(sumOfSquares, () => [1, 2], { dim: 3 })).toThrow(
      /gradient.* at x should have length 3, but has length 2/,
    );
  });

  it('a gradient with the wrong nesting', () => {
    const like = {
      W: [
        [0, 0],
        [0, 0],
      ],
    };
    const loss = (p: typeof like) => p.W.flat().reduce((s, v) => s + v, 0);
    expect(() => checkGradient(loss, () => ({ W: [1, 1, 1, 1] }) as never, { like })).toThrow(
      /gradient.* at W should be an array of 2 arrays, but received a flat array of 4 numbers/,
    );
    expect(() => checkGradient(loss, () => ({ W: [1, [1, 1]] }) as never, { like })).toThrow(
      /gradient.* at W\[0\] should be an array of 2 numbers, but received 1/,
    );
    expect(() => checkGradient(loss, () => ({ W: [[1, 1], [1]] }), { like })).toThrow(
      /gradient.* at W\[1\] should have length 2, but has length 1/,
    );
  });

  it('a gradient with the wrong keys', () => {
    expect(() =>
      checkGradient(logisticLoss, () => ({ w: [0, 0, 0], bias: 0 }) as never, { like: LOGISTIC_TEMPLATE }),
    ).toThrow(
      /gradient.* is missing b and has bias instead;.*expected the input's shape \(or a flat array of 4 numbers\)/,
    );
    expect(() =>
      checkGradient(logisticLoss, () => ({ w: [0, 0, 0], b: 0, c: 1 }) as never, {
        like: LOGISTIC_TEMPLATE,
      }),
    ).toThrow(/gradient.* has c, which the input does not have/);
  });

  it('a gradient entry that is not a number names its path and what it received', () => {
    expect(() => checkGradient(sumOfSquares, () => [1, '2', 3] as never, { dim: 3 })).toThrow(
      /gradient.* at x\[1\] should be a number, but received a string \("2"\)/,
    );
  });

  it('f returning an array: the message hints at checkJacobian', () => {
    expect(() =>
      checkGradient(
        (x: number[]) => x as never,
        (x) => x,
        { dim: 3 },
      ),
    ).toThrow(
      'f must return a number, but returned an array of length 3 at sample 1. For a function with several outputs, use checkJacobian',
    );
  });

  it('f returning another non-number says what it returned', () => {
    expect(() =>
      checkGradient(
        () => '1' as never,
        () => [0],
        { dim: 1 },
      ),
    ).toThrow('f must return a number, but returned a string ("1") at sample 1.');
    expect(() =>
      checkGradient(
        () => undefined as never,
        () => [0],
        { dim: 1 },
      ),
    ).toThrow('f must return a number, but returned undefined at sample 1.');
  });

  it('every error above is a TypeError prefixed once with "gradcheck:"', () => {
    const attempts = [
      () => checkGradient(3 as never, g),
      () => checkGradient(sumOfSquares, () => [1, 2], { dim: 3 }),
      () => checkGradient(logisticLoss, () => ({ w: [0, 0, 0] }) as never, { like: LOGISTIC_TEMPLATE }),
      () =>
        checkGradient(
          (x: number[]) => x as never,
          (x) => x,
          { dim: 3 },
        ),
    ];
    for (const attempt of attempts) {
      let caught: unknown;
      try {
        attempt();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(TypeError);
      expect((caught as TypeError).message).toMatch(/^gradcheck: (?!gradcheck:)/);
    }
  });
});

describe('non-finite values fail the check, never pass it', () => {
  it('NaN from f at the point of one sample: a problem naming that sample', () => {
    const report = checkGradient(
      (x: number[]) => Math.log(x[0]!),
      (x) => [1 / x[0]!],
      { points: [[1], [-1], [2]] },
    );
    expect(report.pass).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ kind: 'nonfinite-value', sample: 2 });
    expect(report.problems[0]!.message).toContain('f returned NaN at the point of sample 2');
    // The other samples are still checked, and they agree.
    expect(report.samples.map((s) => s.mismatches)).toEqual([0, 0, 0]);
    expect(report.samples[2]!.coordinates[0]!.ok).toBe(true);
  });

  it('+Infinity and −Infinity from f at the point', () => {
    const infinite = checkGradient(
      (x: number[]) => 1 / x[0]!,
      (x) => [-1 / x[0]! ** 2],
      { points: [[1], [0]] },
    );
    expect(infinite.pass).toBe(false);
    expect(infinite.problems).toEqual([
      expect.objectContaining({
        kind: 'nonfinite-value',
        sample: 2,
        message: expect.stringContaining('Infinity'),
      }),
    ]);
    const negative = checkGradient(
      (x: number[]) => Math.log(x[0]!),
      (x) => [1 / x[0]!],
      { points: [[0]] },
    );
    expect(negative.pass).toBe(false);
    expect(negative.problems[0]).toMatchObject({ kind: 'nonfinite-value', sample: 1 });
    expect(negative.problems[0]!.message).toContain('f returned -Infinity at the point of sample 1');
  });

  it('NaN everywhere: fails with a problem in every sample', () => {
    const report = checkGradient(
      () => Number.NaN,
      () => [0, 0],
      { dim: 2 },
    );
    expect(report.pass).toBe(false);
    expect(report.problems.map((p) => [p.kind, p.sample])).toEqual([
      ['nonfinite-value', 1],
      ['nonfinite-value', 2],
      ['nonfinite-value', 3],
    ]);
  });

  it('NaN in the gradient: fails and names the coordinate', () => {
    const report = checkGradient(
      (x: number[]) => x[0]! * x[1]!,
      (x) => [x[1]!, Number.NaN],
      { dim: 2 },
    );
    expect(report.pass).toBe(false);
    expect(failingPaths(report)).toEqual(new Set(['x[1]']));
    expect(report.worst[0]).toMatchObject({ path: 'x[1]', status: 'nonfinite', ok: false });
    expect(report.problems[0]).toMatchObject({ kind: 'nonfinite-gradient', sample: 1 });
    expect(report.problems[0]!.message).toContain('NaN for x[1]');
  });

  it('Infinity in a structured gradient names the path', () => {
    const report = checkGradient(
      logisticLoss,
      (p) => ({ ...logisticLossGradient(p), b: Number.POSITIVE_INFINITY }),
      { like: LOGISTIC_TEMPLATE },
    );
    expect(report.pass).toBe(false);
    expect(failingPaths(report)).toEqual(new Set(['b']));
    expect(report.problems[0]!.message).toContain('Infinity for b');
  });
});

describe('checkJacobian', () => {
  // f(x, y, z) = (x·y, y + sin z): J = [[y, x, 0], [0, 1, cos z]].
  const f = (v: number[]) => [v[0]! * v[1]!, v[1]! + Math.sin(v[2]!)];
  const jacobian = (v: number[]) => [
    [v[1]!, v[0]!, 0],
    [0, 1, Math.cos(v[2]!)],
  ];

  it('passes a correct Jacobian and names entries J[k, path]', () => {
    const report = checkJacobian(f, jacobian, { dim: 3 });
    expect(report.pass).toBe(true);
    expect(report.kind).toBe('jacobian');
    expect(report.m).toBe(2);
    expect(report.samples[0]!.coordinates.map((c) => c.path)).toEqual([
      'J[0, x[0]]',
      'J[0, x[1]]',
      'J[0, x[2]]',
      'J[1, x[0]]',
      'J[1, x[1]]',
      'J[1, x[2]]',
    ]);
  });

  it('fails a wrong entry and names it', () => {
    const wrong = (v: number[]) => [
      [v[1]!, v[0]!, 0],
      [0, 1, -Math.cos(v[2]!)],
    ];
    const report = checkJacobian(f, wrong, { dim: 3 });
    expect(report.pass).toBe(false);
    expect(failingPaths(report)).toEqual(new Set(['J[1, x[2]]']));
  });

  it('refuses a Jacobian with the wrong number of rows', () => {
    expect(() => checkJacobian(f, () => [[1, 2, 3]], { dim: 3 })).toThrow(
      /should be an array of 2 rows \(one per output of f\), each with 3 entries, but received an array of length 1/,
    );
  });
});
