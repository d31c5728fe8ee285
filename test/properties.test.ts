/**
 * Properties of the checker over random inputs (fast-check):
 * - no false alarms: a correct gradient of a random smooth function passes, at any scale;
 * - detection: the same gradient with one coordinate off by a relative 1e-4 fails, naming that coordinate
 *   and no other;
 * - flatten/unflatten round trips over arbitrary nested parameters, with unique, readable paths;
 * - determinism: the same seed and options give a byte-identical report, different seeds other points;
 * - the user's points and templates are never mutated.
 *
 * A failure prints the formula, the seed and the formatted report: a false alarm is a bug in the
 * numerics, to be fixed there, never by loosening a property.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkGradient, formatReport, type Report } from '../src/index.js';
import { Shape } from '../src/params/shape.js';
import { type Smooth, smoothFunction } from './helpers/expressions.js';

/** The same in every run, so that CI is reproducible; set FC_SEED to explore other cases. */
const FC_SEED = process.env.FC_SEED === undefined ? 20250601 : Number(process.env.FC_SEED);
const runs = (numRuns: number): fc.Parameters<unknown> => ({ numRuns, seed: FC_SEED });

function describeCase(fn: Smooth, seed: number, report: Report): string {
  return `f = ${fn.formula}\ncheck seed ${seed}\n${formatReport(report)}`;
}

describe('no false alarms on correct gradients', () => {
  test('a random smooth function (polynomials, exp, sin, log(1+u²), tanh) with its exact gradient passes', () => {
    fc.assert(
      fc.property(smoothFunction(4), ({ n, fn, seed }) => {
        const report = checkGradient(fn.f, fn.grad, { dim: n, seed });
        expect(report.pass, describeCase(fn, seed, report)).toBe(true);
      }),
      runs(300),
    );
  });

  test('also on a wider domain and with parameters in a dict', () => {
    fc.assert(
      fc.property(smoothFunction(3), ({ n, fn, seed }) => {
        const f = (p: { w: number[] }) => fn.f(p.w);
        const grad = (p: { w: number[] }) => ({ w: fn.grad(p.w) });
        const report = checkGradient(f, grad, {
          like: { w: new Array(n).fill(0) },
          domain: [-1.5, 1.5],
          seed,
        });
        expect(report.pass, describeCase(fn, seed, report)).toBe(true);
      }),
      runs(100),
    );
  });
});

describe('examples the properties found', () => {
  test('f with subnormal values (1e-320·x²): rounding there is absolute, so the check cannot judge, and passes', () => {
    const report = checkGradient(
      (x: number) => 1e-320 * x * x,
      (x: number) => 2e-320 * x,
      { seed: 1 },
    );
    expect(report.pass, formatReport(report)).toBe(true);
  });

  test('a "__proto__" key is an own key of the copy f receives, and a null-prototype object stays one', () => {
    const input = JSON.parse('{"__proto__": [0.5], "b": 1}') as Record<string, unknown>;
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { w: [1, 2] });
    for (const x of [input, bare]) {
      const shape = Shape.of(x);
      const copy = shape.build(Float64Array.from([3, 4])) as Record<string, unknown>;
      expect(Object.keys(copy)).toEqual(Object.keys(x));
      expect(Object.getPrototypeOf(copy)).toBe(Object.getPrototypeOf(x));
    }
    const seen: string[][] = [];
    checkGradient(
      (p: Record<string, unknown>) => {
        seen.push(Object.keys(p));
        return leaves(p).reduce((s, v) => s + v * v, 0);
      },
      (p: Record<string, unknown>) => leaves(p).map((v) => 2 * v),
      { like: input as never, samples: 1 },
    );
    expect(new Set(seen.map((keys) => keys.join()))).toEqual(new Set(['__proto__,b']));
  });
});

describe('a coordinate off by a relative 1e-4 is caught and named', () => {
  test('it fails where the error is resolvable, and no other coordinate is blamed', () => {
    let resolvable = 0;
    let samples = 0;
    fc.assert(
      fc.property(smoothFunction(4), fc.nat(), ({ n, fn, seed }, pick) => {
        const j = pick % n;
        const path = `x[${j}]`;
        const wrong = (x: number[]) => {
          const g = fn.grad(x);
          g[j] = g[j]! * (1 + 1e-4);
          return g;
        };
        const report = checkGradient(fn.f, wrong, { dim: n, seed });
        const context = describeCase(fn, seed, report);
        for (const sample of report.samples) {
          samples++;
          const x = sample.point as number[];
          const exact = fn.grad(x);
          // Resolvable: the partial is not drowned by the rounding of f or of the other partials, and is
          // above the subnormal range (where f is only known to 5e-324 absolute). The 1e-4 error is then
          // far above what central differences with refinement can resolve (~1e-8).
          const scale = Math.max(Math.abs(fn.f(x)), ...exact.map(Math.abs));
          const wrongOne = sample.coordinates.find((c) => c.path === path)!;
          if (Math.abs(exact[j]!) > 1e-290 && Math.abs(exact[j]!) >= 1e-3 * scale) {
            resolvable++;
            expect(wrongOne.ok, `${path} at sample ${sample.index} was not caught\n${context}`).toBe(false);
          }
          for (const c of sample.coordinates) {
            if (c.path !== path)
              expect(c.ok, `${c.path} was blamed at sample ${sample.index}\n${context}`).toBe(true);
          }
        }
        expect(report.problems, context).toEqual([]);
        if (!report.pass) {
          expect(report.worst[0]?.path).toBe(path);
          expect(formatReport(report)).toMatch(new RegExp(`^ {2}${path.replace(/[[\]]/g, '\\$&')} `, 'm'));
        }
      }),
      runs(200),
    );
    // The property must not hold vacuously: most samples have a resolvable partial.
    expect(resolvable).toBeGreaterThan(samples / 2);
  });
});

/** Nested parameters of every kind Shape accepts: numbers, arrays, typed arrays, (null-prototype) objects. */
const key = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'toString',
    '',
    '0',
    '1e3',
    'a b',
    'x',
    'W1',
    '"',
    "it's",
    'ünï',
    '$_',
  ),
);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const { params } = fc.letrec<{ params: unknown }>((tie) => ({
  params: fc.oneof(
    { depthSize: 'small', maxDepth: 4, withCrossShrink: true },
    finite,
    fc.array(finite, { maxLength: 5 }),
    fc.float64Array({ noNaN: true, noDefaultInfinity: true, maxLength: 5 }),
    fc.float32Array({ noNaN: true, noDefaultInfinity: true, maxLength: 5 }),
    fc.array(tie('params'), { maxLength: 4 }),
    fc.dictionary(key, tie('params'), { maxKeys: 4 }),
  ),
}));

/** Follows a coordinate path (`W1[0][2]`, `layers[1].b`, `["a b"][0]`, `x[3]`) into `root`. */
function resolvePath(root: unknown, path: string, objectRoot: boolean): unknown {
  const segment = /^(?:\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;
  let rest = path;
  let value = root;
  if (!objectRoot) {
    expect(rest.startsWith('x')).toBe(true);
    rest = rest.slice(1);
  }
  let first = true;
  while (rest !== '') {
    const m = segment.exec(rest);
    if (m === null) throw new Error(`unreadable path ${JSON.stringify(path)} at ${JSON.stringify(rest)}`);
    // A dot separates identifiers, except before the first key of an object.
    if (m[1] !== undefined) expect(m[0].startsWith('.')).toBe(!first);
    const name = m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]!) as string));
    if (m[2] !== undefined) expect(Array.isArray(value) || ArrayBuffer.isView(value)).toBe(true);
    else expect(Object.hasOwn(value as object, name)).toBe(true);
    value = (value as Record<string | number, unknown>)[name];
    rest = rest.slice(m[0].length);
    first = false;
  }
  return value;
}

const isObjectRoot = (x: unknown) =>
  x !== null && typeof x === 'object' && !Array.isArray(x) && !ArrayBuffer.isView(x);

/**
 * A canonical text of a value that tells -0 from 0, a Float32Array from an array and a null-prototype
 * object from a plain one. (toStrictEqual would be fooled by an own key named "constructor".)
 */
function snapshot(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (ArrayBuffer.isView(value))
    return `${value.constructor.name}(${snapshot(Array.from(value as Float64Array))})`;
  if (Array.isArray(value)) return `[${value.map(snapshot).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) === null ? 'null-proto' : '';
    return `${proto}{${Object.keys(value)
      .map((k) => `${JSON.stringify(k)}:${snapshot((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return String(value);
}

describe('flatten and unflatten', () => {
  test('read → build round-trips any nested parameters, typed arrays, -0 and odd keys included', () => {
    fc.assert(
      fc.property(params, (x) => {
        const shape = Shape.of(x);
        const flat = new Float64Array(shape.n);
        shape.read(x, flat, 'x');
        expect(snapshot(shape.build(flat))).toBe(snapshot(x));
        // A flat array of the n values is accepted wherever a shaped value is.
        const again = new Float64Array(shape.n);
        shape.read(Array.from(flat), again, 'x');
        expect(again).toStrictEqual(flat);
        // The working copy is the input's shape, and moves one coordinate at a time.
        const working = shape.working(flat);
        expect(snapshot(working.value)).toBe(snapshot(x));
        if (shape.n > 0) {
          const i = shape.n - 1;
          working.set(i, 0.5);
          const moved = new Float64Array(shape.n);
          shape.read(working.value, moved, 'x');
          expect(Array.from(moved)).toStrictEqual(Array.from(flat, (v, k) => (k === i ? 0.5 : v)));
        }
      }),
      runs(300),
    );
  });

  test('every path is unique, readable, and leads to its coordinate', () => {
    fc.assert(
      fc.property(params, (x) => {
        const shape = Shape.of(x);
        const flat = new Float64Array(shape.n);
        shape.read(x, flat, 'x');
        const paths = Array.from({ length: shape.n }, (_, i) => shape.path(i));
        expect(new Set(paths).size).toBe(shape.n);
        paths.forEach((path, i) => {
          expect(Object.is(resolvePath(x, path, isObjectRoot(x)), flat[i])).toBe(true);
        });
      }),
      runs(300),
    );
  });
});

describe('determinism', () => {
  const seed = fc.oneof(
    fc.integer(),
    fc.string({ maxLength: 8 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );

  test('the same seed and options give a byte-identical report; another seed gives other points', () => {
    fc.assert(
      fc.property(smoothFunction(3), fc.nat(), seed, seed, ({ n, fn }, pick, s1, s2) => {
        fc.pre(String(s1) !== String(s2));
        const j = pick % n;
        // A wrong coordinate, so that the report has a table of disagreements to compare too.
        const wrong = (x: number[]) => fn.grad(x).map((g, i) => (i === j ? g + 1 : g));
        const first = checkGradient(fn.f, wrong, { dim: n, seed: s1 });
        const second = checkGradient(fn.f, wrong, { dim: n, seed: s1 });
        expect(formatReport(second)).toBe(formatReport(first));
        expect(second).toEqual(first);
        const other = checkGradient(fn.f, wrong, { dim: n, seed: s2 });
        first.samples.forEach((sample, i) => {
          expect(other.samples[i]!.point).not.toEqual(sample.point);
        });
      }),
      runs(100),
    );
  });
});

/** Leaves in Shape's order: depth first, arrays in order, object keys in insertion order. */
function leaves(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (ArrayBuffer.isView(value)) return Array.from(value as Float64Array);
  if (Array.isArray(value)) return value.flatMap(leaves);
  return Object.keys(value as object).flatMap((k) => leaves((value as Record<string, unknown>)[k]));
}

describe("the user's input is never mutated", () => {
  const f = (x: unknown) => leaves(x).reduce((s, v) => s + Math.sin(v), 0);
  const grad = (x: unknown) => leaves(x).map(Math.cos);

  test('points and like templates are deep-equal before and after a check, whatever its outcome', () => {
    fc.assert(
      fc.property(params, fc.integer(), (x, seed) => {
        const before = snapshot(x);
        for (const options of [{ points: [x, x] }, { like: x }]) {
          try {
            checkGradient(f as never, grad as never, { ...options, seed, samples: 2 } as never);
          } catch (error) {
            // An input with no coordinates is refused, and so is a float32 input (one with a Float32Array
            // leaf) holding a value beyond the float32 range; refusing must not touch it either.
            expect((error as Error).message).toMatch(/n = 0|beyond the float32 range/);
          }
          expect(snapshot(x)).toBe(before);
        }
      }),
      runs(150),
    );
  });
});
