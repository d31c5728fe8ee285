/**
 * Hints for the first mistakes (src/calls/hints.ts), and named arguments (src/params/arguments.ts).
 *
 * An f that takes an array, checked with no dim, like or points, is called with the default input, one
 * number, and throws `x.reduce is not a function`; an f of two parameters, checked without args, gets
 * undefined for its second. Either message must say what gradcheck did and what to give it, and only
 * when that is what happened. The bad-input matrix (test/helpers/bad-input/hints.ts) runs the main
 * cases through every way in; this file pins the conditions and the named form of args.
 */
import { describe, expect, it } from 'vitest';
import '../src/matchers/vitest.js';
import { checkGradient, checkHessian, checkJacobian, type Report } from '../src/index.js';
import { ONE_NUMBER, TWO_PARAMETERS } from './helpers/bad-input/hints.js';

const sumSq = (x: number[]) => x.reduce((s, v) => s + v * v, 0);
const sumSqGrad = (x: number[]) => x.map((v) => 2 * v);

/** The message of what `body` threw, or rejected with. */
async function messageOf(body: () => unknown): Promise<string> {
  try {
    await body();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

const paths = (report: Report) => report.samples[0]!.coordinates.map((c) => c.path);
const failing = (report: Report) => [
  ...new Set(report.samples.flatMap((s) => s.coordinates.filter((c) => !c.ok).map((c) => c.path))),
];

describe('the default input is one number', () => {
  it('says so when f throws a TypeError on it, and what to give instead', async () => {
    const message = await messageOf(() => checkGradient(sumSq, sumSqGrad, { seed: 7 }));
    expect(message).toMatch(
      /^f threw at sample 1 \(seed 7\) on input x = -?[\d.]+: x\.reduce is not a function\. /,
    );
    expect(message.endsWith(` ${ONE_NUMBER}`)).toBe(true);
  });

  it('keeps the user error as the cause, unchanged', async () => {
    try {
      checkGradient(sumSq, sumSqGrad);
    } catch (error) {
      expect((error as Error).cause).toBeInstanceOf(TypeError);
      expect(((error as Error).cause as Error).message).toBe('x.reduce is not a function');
      return;
    }
    throw new Error('expected a throw');
  });

  it('names the function that threw: the gradient, with the default input too', async () => {
    const message = await messageOf(() => checkGradient((x: number) => x * x, sumSqGrad as never));
    expect(message).toContain('the gradient threw at sample 1');
    expect(message).toContain('the gradient was called with one number, the default input');
    expect(message).toContain('if the gradient takes an array or an object, give its shape');
  });

  it('says so through a matcher, and for an async f', async () => {
    expect(() => expect(sumSq).toHaveGradient(sumSqGrad)).toThrow(ONE_NUMBER);
    const rejected = await messageOf(() => checkGradient(async (x: number[]) => sumSq(x), sumSqGrad));
    expect(rejected).toMatch(/^f rejected at sample 1 /);
    expect(rejected).toContain(ONE_NUMBER);
  });

  it('says nothing when a shape was given: the input is then what the user asked for', async () => {
    const throwsOnScalar = (x: number[] | number) => {
      if (typeof x === 'number' || x.length < 3) throw new TypeError('too short');
      return sumSq(x);
    };
    for (const options of [
      { dim: 2 },
      { like: [0, 0] },
      { points: [[1, 2]] },
      { points: [1] },
      { sample: () => [1, 2] },
    ]) {
      const message = await messageOf(() => checkGradient(throwsOnScalar, sumSqGrad as never, options));
      expect(message, JSON.stringify(options)).toMatch(/: too short$/);
    }
  });

  it('says nothing when f throws an error other than a TypeError', async () => {
    const message = await messageOf(() =>
      checkGradient(
        () => {
          throw new RangeError('out of range');
        },
        () => 0,
      ),
    );
    expect(message).toMatch(/: out of range$/);
  });

  it('says so for a Hessian checked without a shape, whose f the numeric gradient calls', async () => {
    const message = await messageOf(() => checkHessian(sumSq, () => [[2]]));
    expect(message).toMatch(/^f threw at sample 1 /);
    expect(message).toContain(ONE_NUMBER);
  });

  it('adds a full stop only where the user error has none', async () => {
    const message = await messageOf(() =>
      checkGradient(
        () => {
          throw new TypeError('no arrays here.');
        },
        () => 0,
      ),
    );
    expect(message).toContain(`: no arrays here. ${ONE_NUMBER}`);
  });
});

describe('f of several parameters, without args', () => {
  const scaled = (x: number[], p: { w: number }) => p.w * x[0]!;
  const scaledGrad = (x: number[], p: { w: number }) => [[p.w], { w: x[0]! }];

  it('points to args, one template per parameter, whatever the input', async () => {
    for (const options of [{}, { dim: 1 }, { points: [[1]] }]) {
      const message = await messageOf(() => checkGradient(scaled as never, scaledGrad as never, options));
      expect(message).toMatch(
        /^f threw at sample 1 .*: Cannot read properties of undefined \(reading 'w'\)\. /,
      );
      // Not the hint of the default input: a dim would not give f its second argument.
      expect(message.endsWith(` ${TWO_PARAMETERS}`), message).toBe(true);
    }
  });

  it('says so when the gradient throws on the missing argument, naming f', async () => {
    const message = await messageOf(() =>
      checkGradient(((x: number[], _p: { w: number }) => x[0]!) as never, scaled as never, { dim: 1 }),
    );
    expect(message).toMatch(/^the gradient threw at sample 1 .*\(reading 'w'\)\. f declares 2 parameters/);
  });

  it('says nothing of args when only the gradient declares two parameters', async () => {
    const message = await messageOf(() => checkGradient((x: number[]) => x[0]!, scaled as never, { dim: 1 }));
    expect(message).toMatch(/^the gradient threw at sample 1 .*\(reading 'w'\)$/);
  });

  it('counts the parameters f declares', async () => {
    const three = (x: number[], y: number[], z: number[]) => x[0]! + y[0]! + z[0]!;
    const message = await messageOf(() => checkGradient(three as never, () => [0], { dim: 1 }));
    expect(message).toContain(
      'f declares 3 parameters but is called with one input; for a function of several arguments, give { args: [template0, template1, template2] }, one template per argument, or { args: { name0: template0, name1: template1, name2: template2 } } to name them.',
    );
  });

  it('says nothing once args is given, nor for a parameter with a default value', async () => {
    const broken = (_x: number[], _p: { w: number }) => {
      throw new TypeError('always');
    };
    const withArgs = await messageOf(() => checkGradient(broken, scaledGrad, { args: [[0], { w: 0 }] }));
    expect(withArgs).toMatch(/: always$/);
    const named = await messageOf(() => checkGradient(broken, scaledGrad, { args: { x: [0], p: { w: 0 } } }));
    expect(named).toMatch(/: always$/);
    const optional = (x: number[], scale = 1) => {
      throw new TypeError(`no ${x.length * scale}`);
    };
    expect(await messageOf(() => checkGradient(optional, sumSqGrad, { dim: 1 }))).toMatch(/: no 1$/);
  });

  it('says nothing of args where a check takes none (checkHessian: wrap f there)', async () => {
    const message = await messageOf(() => checkHessian(scaled as never, () => [[0]], { dim: 1 }));
    expect(message).toMatch(/^f threw at sample 1 .*: Cannot read properties of undefined \(reading 'w'\)$/);
  });
});

describe('named arguments: args as an object', () => {
  const f = (x: number[], W: number[][]) => x[0]! * W[0]![1]! + x[1]! ** 2 + W[0]![0]! ** 3;
  const parts = (x: number[], W: number[][]) => ({
    x: [W[0]![1]!, 2 * x[1]!],
    W: [[3 * W[0]![0]! ** 2, x[0]!]],
  });
  const args = { x: [0, 0], W: [[0, 0]] };

  it('names every coordinate by its argument, and calls f in the order of the keys', () => {
    const report = checkGradient(f, parts, { args, seed: 7 });
    expect(report.pass).toBe(true);
    expect(paths(report)).toEqual(['x[0]', 'x[1]', 'W[0][0]', 'W[0][1]']);
    expect(Object.keys(report.samples[0]!.point as object)).toEqual(['x', 'W']);
  });

  it('takes the gradient as a list in the order of the keys too', () => {
    const list = (x: number[], W: number[][]) => {
      const p = parts(x, W);
      return [p.x, p.W];
    };
    expect(checkGradient(f, list, { args, seed: 7 }).pass).toBe(true);
  });

  it('names a wrong coordinate by its argument', () => {
    const wrong = (x: number[], W: number[][]) => {
      const p = parts(x, W);
      return { ...p, W: [[p.W[0]![0]! + 0.1, p.W[0]![1]!]] };
    };
    const report = checkGradient(f, wrong, { args, seed: 7 });
    expect(report.pass).toBe(false);
    expect(failing(report)).toEqual(['W[0][0]']);
  });

  it('takes points as objects with the same keys, in any order, or as lists in the order of the keys', () => {
    const report = checkGradient(f, parts, {
      args,
      points: [{ x: [1, 2], W: [[3, 4]] }, { W: [[0.5, 0.25]], x: [-1, 0] }, [[0.1, 0.2], [[0.3, 0.4]]]],
    });
    expect(report.pass).toBe(true);
    expect(report.samples.map((s) => s.point)).toEqual([
      { x: [1, 2], W: [[3, 4]] },
      { x: [-1, 0], W: [[0.5, 0.25]] },
      { x: [0.1, 0.2], W: [[0.3, 0.4]] },
    ]);
    expect(paths(report)).toEqual(['x[0]', 'x[1]', 'W[0][0]', 'W[0][1]']);
  });

  it('checks a Jacobian, each row a list or an object', () => {
    const g = (x: number[], W: number[][]) => [x[0]! * W[0]![0]!, x[1]!];
    const jac = (x: number[], W: number[][]) => [{ x: [W[0]![0]!, 0], W: [[x[0]!]] }, [[0, 1], [[0]]]];
    // checkJacobian's types know no args (the gradient's overloads do): called here as plain JavaScript.
    const jacobian = checkJacobian as unknown as (...args: unknown[]) => Report;
    const report = jacobian(g, jac, { args: { x: [0, 0], W: [[0]] } });
    expect(report.pass).toBe(true);
    expect(paths(report)).toContain('J[0, W[0][0]]');
  });

  it('works through the matcher', () => {
    expect(f).toHaveGradient(parts, { args, seed: 7 });
    expect(f).not.toHaveGradient(() => ({ x: [0, 0], W: [[0, 0]] }), { args, seed: 7 });
  });

  it('says what a point or a gradient must be, with the keys of args', async () => {
    expect(
      await messageOf(() => checkGradient(f, parts, { args, points: [{ x: [1, 2], b: 1 } as never] })),
    ).toBe(
      'gradcheck: checkGradient: points[0] should have one part per argument of f, under the keys of args (x, W), but is missing W and has b, which args does not name.',
    );
    expect(await messageOf(() => checkGradient(f, parts, { args, points: [[[1, 2]]] as never }))).toBe(
      'gradcheck: checkGradient: points[0] should be an array of 2 parts, one per argument of f, or an object with keys x, W, but received an array of length 1.',
    );
    expect(await messageOf(() => checkGradient(f, parts, { args, points: 3 as never }))).toBe(
      'gradcheck: checkGradient: points must be an array of argument lists or of objects of arguments, but received 3.',
    );
    expect(await messageOf(() => checkGradient(f, () => ({ x: [0, 0] }) as never, { args }))).toContain(
      'the value returned by the gradient should have one part per argument of f, under the keys of args (x, W), but is missing W.',
    );
    expect(await messageOf(() => checkGradient(f, parts, { args, like: [0] } as never))).toContain(
      'give args or like, not both',
    );
  });

  it('keeps the messages of positional args as they were', async () => {
    expect(await messageOf(() => checkGradient(f, parts as never, { args: [] as never }))).toContain(
      'args must be a non-empty array of templates, one per argument of f, but received an array of length 0.',
    );
    expect(await messageOf(() => checkGradient(f, parts as never, { args: [[0, 0], [[0, 0]]] }))).toContain(
      'the value returned by the gradient should be an array of 2 parts, one per argument of f, but received an object with keys x, W.',
    );
  });
});
