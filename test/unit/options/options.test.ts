/**
 * Options: validation with clear TypeErrors, the positional `(eps, tol)` form, defaults, and where the
 * seed comes from (option > GRADCHECK_SEED > configure > default).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkGradient, configure } from '../../../src/index.js';
import { DEFAULT_SAMPLES, DEFAULT_SEED, DEFAULT_TOL } from '../../../src/options/defaults.js';
import { normalizeArguments } from '../../../src/options/positional.js';
import { resolveOptions } from '../../../src/options/resolve.js';
import { typeErrorOf } from '../../helpers/errors.js';
import { sumOfSquares, sumOfSquaresGradient } from '../../helpers/functions.js';
import { withSeedEnv } from '../../helpers/report.js';

const f = sumOfSquares;
const g = sumOfSquaresGradient;

/** Resets what `configure` set, so that one test's global defaults do not leak into the next. */
afterEach(() => {
  configure({ seed: undefined, samples: undefined, tol: undefined, maxEvaluations: undefined });
});

describe('option validation', () => {
  it('suggests the nearest name for an unknown option', () => {
    const message = typeErrorOf(() => checkGradient(f, g, { dim: 2, smaples: 3 } as never));
    expect(message).toContain('checkGradient: unknown option "smaples". Did you mean "samples"?');
    expect(message).toContain('Known options: points, like, dim,');
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, seeds: 1 } as never))).toContain(
      'Did you mean "seed"?',
    );
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, Tol: 1e-6 } as never))).toContain(
      'Did you mean "tol"?',
    );
  });

  it('counts a swap of two letters as one typo', () => {
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, sampels: 3 } as never))).toContain(
      'Did you mean "samples"?',
    );
  });

  it('maps names from other tools to ours', () => {
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, epsilon: 1e-6 } as never))).toContain(
      'unknown option "epsilon". Did you mean "eps"?',
    );
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, rtol: 1e-6 } as never))).toContain(
      'Did you mean "tol"?',
    );
  });

  it('does not suggest a name that is nothing alike', () => {
    const message = typeErrorOf(() => checkGradient(f, g, { dim: 2, verbose: true } as never));
    expect(message).toContain('unknown option "verbose".');
    expect(message).not.toContain('Did you mean');
  });

  it('refuses eps ≤ 0 and non-finite eps', () => {
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, eps: 0 }))).toBe(
      'gradcheck: checkGradient: eps must be a finite number > 0, but received 0.',
    );
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, eps: -1e-6 }))).toContain(
      'eps must be a finite number > 0, but received -0.000001.',
    );
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, eps: Number.NaN }))).toContain('but received NaN');
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, eps: Infinity }))).toContain(
      'but received Infinity',
    );
  });

  it('refuses samples that are not whole numbers ≥ 1', () => {
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, samples: 0 }))).toBe(
      'gradcheck: checkGradient: samples must be a whole number ≥ 1, but received 0.',
    );
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, samples: 1.5 }))).toContain('but received 1.5');
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, samples: '3' as never }))).toContain(
      'but received a string ("3")',
    );
  });

  it('refuses more than one source of points', () => {
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, points: [[1, 2]] }))).toBe(
      'gradcheck: checkGradient: give one of points, like, dim and sample, but received points and dim.',
    );
    expect(typeErrorOf(() => checkGradient(f, g, { like: [0], sample: () => [1] }))).toContain(
      'but received like and sample',
    );
  });

  it('refuses empty points and a dim that is not a count', () => {
    expect(typeErrorOf(() => checkGradient(f, g, { points: [] }))).toContain(
      'points must be a non-empty array of inputs, but received an array of length 0.',
    );
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 0 }))).toContain(
      'dim must be a whole number ≥ 1, but received 0.',
    );
  });

  it('refuses a domain with lo ≥ hi, or that is not a pair of finite numbers', () => {
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, domain: [1, 1] }))).toBe(
      'gradcheck: checkGradient: domain must have lo < hi, but received [1, 1].',
    );
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, domain: [2, -2] }))).toContain(
      'domain must have lo < hi, but received [2, -2].',
    );
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, domain: [0, Infinity] }))).toContain(
      'domain must be a pair [lo, hi] of finite numbers, but received an array of length 2.',
    );
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, domain: [0] as never }))).toContain(
      'but received an array of length 1',
    );
  });

  it('refuses a domain function that returns a bad domain, naming the coordinate', () => {
    expect(
      typeErrorOf(() =>
        checkGradient(f, g, { dim: 2, domain: (path) => (path === 'x[1]' ? [3, 0] : [0, 1]) }),
      ),
    ).toContain('domain for x[1] must have lo < hi, but received [3, 0].');
  });

  it('refuses a seed that is neither a string nor a finite number', () => {
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, seed: {} as never }))).toBe(
      'gradcheck: checkGradient: seed must be a string or a finite number, but received an object with no keys.',
    );
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, seed: Number.NaN }))).toContain(
      'seed must be a string or a finite number, but received NaN.',
    );
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, seed: true as never }))).toContain(
      'but received a boolean (true).',
    );
  });

  it('refuses a method, precision or mode it does not know, listing the ones it does', () => {
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, method: 'centered' as never }))).toContain(
      `method must be one of 'central', 'central4', 'richardson', 'forward', but received a string ("centered").`,
    );
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, precision: 'half' as never }))).toContain(
      `precision must be one of 'auto', 'float64', 'float32'`,
    );
  });

  it('refuses negative tolerances', () => {
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, tol: -1 }))).toContain(
      'tol must be a finite number ≥ 0, but received -1.',
    );
    expect(typeErrorOf(() => checkGradient(f, g, { dim: 2, atol: -1 }))).toContain(
      'atol must be a finite number ≥ 0, but received -1.',
    );
  });

  it('validates before calling f', () => {
    let calls = 0;
    expect(() =>
      checkGradient(
        (x: number[]) => {
          calls++;
          return f(x);
        },
        g,
        { dim: 2, samples: 0 },
      ),
    ).toThrow(TypeError);
    expect(calls).toBe(0);
  });
});

describe('the positional (eps, tol) form', () => {
  it('checkGradient(f, g, eps, tol) sets eps as an absolute step and tol', () => {
    const report = checkGradient(
      (x: number) => x * x,
      (x) => 2 * x,
      1e-6,
      1e-7,
    );
    expect(report.pass).toBe(true);
    expect(report.settings.eps).toBe(1e-6);
    expect(report.settings.tol).toBe(1e-7);
    for (const sample of report.samples) {
      // The step actually taken is eps up to the rounding of x + eps.
      expect(sample.coordinates[0]!.step).toBeCloseTo(1e-6, 15);
    }
  });

  it('(eps) alone keeps the default tol, and (eps, tol, options) merges the options', () => {
    const square = checkGradient(
      (x: number) => x * x,
      (x) => 2 * x,
      1e-5,
    );
    expect(square.settings).toMatchObject({ eps: 1e-5, tol: DEFAULT_TOL });
    const report = checkGradient(f, g, 1e-5, 1e-6, { dim: 3, samples: 2 });
    expect(report.settings).toMatchObject({ eps: 1e-5, tol: 1e-6 });
    expect(report.n).toBe(3);
    expect(report.samples).toHaveLength(2);
  });

  it('validates the positional values like the options', () => {
    expect(typeErrorOf(() => checkGradient(f, g, 0, 1e-7))).toContain(
      'eps must be a finite number > 0, but received 0.',
    );
    expect(typeErrorOf(() => checkGradient(f, g, -1e-6, 1e-7))).toContain('eps must be a finite number > 0');
    expect(typeErrorOf(() => checkGradient(f, g, 1e-6, -1))).toContain(
      'tol must be a finite number ≥ 0, but received -1.',
    );
    expect(typeErrorOf(() => checkGradient(f, g, 1e-6, '1e-7' as never))).toContain(
      'the second argument (tol) must be a number, but received a string ("1e-7").',
    );
    expect(typeErrorOf(() => checkGradient(f, g, 1e-6, 1e-7, 5 as never))).toContain(
      'the third argument must be an options object, but received 5.',
    );
  });

  it('refuses arguments in any other arrangement', () => {
    expect(typeErrorOf(() => checkGradient(f, g, ...([1e-6, 1e-7, {}, 1] as unknown as [number])))).toContain(
      'expected at most (eps, tol, options), but received 4 arguments.',
    );
    expect(typeErrorOf(() => checkGradient(f, g, ...([{ dim: 2 }, 1e-7] as unknown as [number])))).toContain(
      'options come alone, or after (eps, tol); received a second argument.',
    );
    expect(typeErrorOf(() => checkGradient(f, g, 'fast' as never))).toContain(
      'expected an options object or (eps, tol), but received a string ("fast").',
    );
  });

  it('normalizes every accepted form to one options object', () => {
    expect(normalizeArguments([], 'w')).toEqual({});
    expect(normalizeArguments([{ dim: 2 }], 'w')).toEqual({ dim: 2 });
    expect(normalizeArguments([1e-6], 'w')).toEqual({ eps: 1e-6 });
    expect(normalizeArguments([1e-6, 1e-8], 'w')).toEqual({ eps: 1e-6, tol: 1e-8 });
    expect(normalizeArguments([1e-6, 1e-8, { dim: 2 }], 'w')).toEqual({ dim: 2, eps: 1e-6, tol: 1e-8 });
    expect(normalizeArguments([undefined, 1e-8], 'w')).toEqual({ tol: 1e-8 });
  });
});

describe('defaults and configure', () => {
  it('fills in the documented defaults', () => {
    const resolved = withSeedEnv(undefined, () => resolveOptions({}, 'w'));
    expect(resolved).toMatchObject({
      seed: DEFAULT_SEED,
      samples: DEFAULT_SAMPLES,
      tol: DEFAULT_TOL,
      atol: undefined,
      eps: undefined,
      method: 'central',
      refine: true,
      nondeterminism: 0,
      precision: 'auto',
      source: { kind: 'scalar' },
    });
    expect(DEFAULT_TOL).toBe(1e-7);
    expect(DEFAULT_SAMPLES).toBe(3);
    expect(resolved.domain('x')).toEqual([-1, 1]);
  });

  it('checks as many samples as there are explicit points', () => {
    expect(resolveOptions({ points: [[1], [2]], samples: 5 }, 'w').samples).toBe(2);
  });

  it('configure sets samples and tol for later checks; options still win', () => {
    configure({ samples: 2, tol: 1e-5 });
    expect(checkGradient(f, g, { dim: 2 }).samples).toHaveLength(2);
    expect(checkGradient(f, g, { dim: 2 }).settings.tol).toBe(1e-5);
    expect(checkGradient(f, g, { dim: 2, samples: 4, tol: 1e-9 }).samples).toHaveLength(4);
    expect(checkGradient(f, g, { dim: 2, samples: 4, tol: 1e-9 }).settings.tol).toBe(1e-9);
  });

  it('configure refuses unknown keys and bad values', () => {
    expect(typeErrorOf(() => configure({ eps: 1 } as never))).toContain(
      'configure() takes seed, samples, tol, maxEvaluations and timeLimit, but received eps.',
    );
    expect(typeErrorOf(() => configure({ seed: [] as never }))).toContain(
      'configure(): seed must be a string or a finite number, but received an array of length 0.',
    );
    expect(typeErrorOf(() => configure({ samples: 0 }))).toContain('samples must be a whole number ≥ 1');
    // A suite-wide tolerance that accepts a gradient of 0 (or of the wrong sign) would pass every check.
    expect(typeErrorOf(() => configure({ tol: 1e3 }))).toContain(
      'configure(): tol must be below 1, but received 1000: tol is relative, and at tol ≥ 1 an analytic gradient of 0 agrees with any numeric one',
    );
  });
});

describe('where the seed comes from: option > GRADCHECK_SEED > configure > default', () => {
  const seedOf = (options: Record<string, unknown> = {}) => resolveOptions(options, 'w').seed;
  const firstPoint = (options: { seed?: string | number } = {}) =>
    checkGradient(f, g, { dim: 3, samples: 1, ...options }).samples[0]!.point;

  it('uses the fixed default when nothing else is set', () => {
    withSeedEnv(undefined, () => {
      expect(seedOf()).toBe(DEFAULT_SEED);
      expect(checkGradient(f, g, { dim: 2 }).seed).toBe(DEFAULT_SEED);
    });
  });

  it('configure beats the default', () => {
    withSeedEnv(undefined, () => {
      configure({ seed: 'suite' });
      expect(seedOf()).toBe('suite');
      expect(firstPoint()).toEqual(firstPoint({ seed: 'suite' }));
      expect(firstPoint()).not.toEqual(firstPoint({ seed: DEFAULT_SEED }));
    });
  });

  it('GRADCHECK_SEED beats configure, so that a printed reproduction line always works', () => {
    configure({ seed: 'suite' });
    withSeedEnv('4242', () => {
      expect(seedOf()).toBe(4242);
      expect(checkGradient(f, g, { dim: 2 }).seed).toBe(4242);
      expect(firstPoint()).toEqual(firstPoint({ seed: 4242 }));
    });
    // And it is read at each call: once unset, configure applies again.
    withSeedEnv(undefined, () => expect(seedOf()).toBe('suite'));
  });

  it('the seed option beats GRADCHECK_SEED and configure', () => {
    configure({ seed: 'suite' });
    withSeedEnv('4242', () => {
      expect(seedOf({ seed: 7 })).toBe(7);
      expect(checkGradient(f, g, { dim: 2, seed: 'mine' }).seed).toBe('mine');
    });
  });

  it('reads GRADCHECK_SEED as a number when it is one, and as a string otherwise', () => {
    withSeedEnv('42', () => expect(seedOf()).toBe(42));
    withSeedEnv(' 42 ', () => expect(seedOf()).toBe(42));
    withSeedEnv('-3.5', () => expect(seedOf()).toBe(-3.5));
    withSeedEnv('abc', () => expect(seedOf()).toBe('abc'));
    withSeedEnv('007', () => expect(seedOf()).toBe('007'));
    withSeedEnv('', () => expect(seedOf()).toBe(DEFAULT_SEED));
    withSeedEnv('   ', () => expect(seedOf()).toBe(DEFAULT_SEED));
  });

  it('restores GRADCHECK_SEED after each test that sets it', () => {
    const before = process.env.GRADCHECK_SEED;
    withSeedEnv('1', () => expect(process.env.GRADCHECK_SEED).toBe('1'));
    expect(process.env.GRADCHECK_SEED).toBe(before);
  });
});
