import { describe, expect, it } from 'vitest';
import { checkGradient, checkHessian, checkJacobian, checkJVP, checkVJP, type Report } from '../src/index.js';
import { cubicChain } from './helpers/functions.js';

function failingPaths(report: Report): string[] {
  return [
    ...new Set(report.samples.flatMap((s) => s.coordinates.filter((c) => !c.ok).map((c) => c.path))),
  ].sort();
}

// f(x) = Σ x_i² x_{i+1} + sin(x_0): a smooth function with a full, known Hessian.
const { f, gradient, hessian } = cubicChain;

describe('checkHessian', () => {
  it('passes a correct Hessian, from the gradient and from second differences of f', () => {
    expect(checkHessian(f, hessian, { dim: 4, gradient }).pass).toBe(true);
    expect(checkHessian(f, hessian, { dim: 4 }).pass).toBe(true);
  });

  it('names a wrong entry by both coordinates, and catches a relative 1e-4 error', () => {
    const wrong = (x: number[]) => {
      const h = hessian(x);
      h[1]![1] = h[1]![1]! * (1 + 1e-4);
      return h;
    };
    const report = checkHessian(f, wrong, { dim: 4, gradient });
    expect(report.kind).toBe('hessian');
    expect(failingPaths(report)).toEqual(['H[x[1], x[1]]']);
    expect(failingPaths(checkHessian(f, wrong, { dim: 4 }))).toEqual(['H[x[1], x[1]]']);
  });

  it('names parameter-dict entries as H[W[0][1], b[1]]', () => {
    const g = (p: { W: number[][]; b: number[] }) => p.W[0]![1]! * p.b[1]! + p.b[0]! ** 2;
    const grad = (p: { W: number[][]; b: number[] }) => ({
      W: [[0, p.b[1]!]],
      b: [2 * p.b[0]!, p.W[0]![1]!],
    });
    // Rows in the input's shape: d/d(entry) of the gradient. The cross term W[0][1]·b[1] is left out.
    const hess = (_: { W: number[][]; b: number[] }) => [
      { W: [[0, 0]], b: [0, 0] },
      { W: [[0, 0]], b: [0, 0] },
      { W: [[0, 0]], b: [2, 0] },
      { W: [[0, 0]], b: [0, 0] },
    ];
    const report = checkHessian(g, hess, { like: { W: [[0, 0]], b: [0, 0] }, gradient: grad });
    expect(failingPaths(report)).toEqual(['H[W[0][1], b[1]]', 'H[b[1], W[0][1]]']);
  });

  it('says so when the analytic Hessian is not symmetric and the numeric one is', () => {
    const lopsided = (x: number[]) => {
      const h = hessian(x);
      h[0]![1] = h[0]![1]! + 1;
      return h;
    };
    const report = checkHessian(f, lopsided, { dim: 3, gradient });
    expect(report.pass).toBe(false);
    expect(report.problems.map((p) => p.kind)).toContain('asymmetric');
    expect(report.problems.find((p) => p.kind === 'asymmetric')?.message).toMatch(
      /the analytic Hessian is not symmetric: H\[x\[0\], x\[1\]\] = .* but H\[x\[1\], x\[0\]\] = .*, while the numeric Hessian has/,
    );
  });

  it('checks the symmetry of entries whose keys contain ", " (the path is not parsed back)', () => {
    const like = { 'a, b': [0.1, 0.2] };
    const g = (p: typeof like) => p['a, b'][0]! * p['a, b'][1]!;
    const grad = (p: typeof like) => ({ 'a, b': [p['a, b'][1]!, p['a, b'][0]!] });
    const lopsided = (_: typeof like) => [{ 'a, b': [0, 2] }, { 'a, b': [1, 0] }];
    const report = checkHessian(g, lopsided, { like, gradient: grad });
    expect(failingPaths(report)).toEqual(['H[["a, b"][0], ["a, b"][1]]']);
    expect(report.problems.find((p) => p.kind === 'asymmetric')?.message).toBe(
      'the analytic Hessian is not symmetric: H[["a, b"][0], ["a, b"][1]] = 2 but H[["a, b"][1], ["a, b"][0]] = 1, while the numeric Hessian has 1 and 1.',
    );
  });

  it('is the way to check the gradient of a gradient: toHaveJacobian accepts structured outputs too', () => {
    expect(checkJacobian(gradient, hessian, { dim: 3 }).pass).toBe(true);
    const like = { w: [0, 0], b: 0 };
    const grad = (p: typeof like) => ({ w: [2 * p.w[0]! * p.b, 3 * p.w[1]! ** 2], b: p.w[0]! ** 2 });
    const hess = (p: typeof like) => [
      { w: [2 * p.b, 0], b: 2 * p.w[0]! },
      { w: [0, 6 * p.w[1]!], b: 0 },
      { w: [2 * p.w[0]!, 0], b: 0 },
    ];
    expect(checkJacobian(grad, hess, { like }).pass).toBe(true);
    const wrong = (p: typeof like) => [hess(p)[0]!, { w: [0, 5 * p.w[1]!], b: 0 }, hess(p)[2]!];
    expect(failingPaths(checkJacobian(grad, wrong, { like }))).toEqual(['J[w[1], w[1]]']);
  });
});

describe('checkHessian for large n', () => {
  it('checks Hessian-vector products along random directions and localizes a wrong entry', () => {
    const n = 300;
    const f = (x: number[]) => x.reduce((s, v, i) => s + ((i + 1) * v ** 3) / 3, 0);
    const grad = (x: number[]) => x.map((v, i) => (i + 1) * v * v);
    const hess = (wrong: number) => (x: number[]) =>
      x.map((v, i) => x.map((_, j) => (i === j ? 2 * (i + 1) * v * (i === wrong ? 1.01 : 1) : 0)));
    const options = { dim: n, gradient: grad, mode: 'directional' as const, samples: 1 };
    expect(checkHessian(f, hess(-1), options).pass).toBe(true);
    const report = checkHessian(f, hess(17), options);
    expect(report.mode).toBe('directional');
    expect(failingPaths(report)).toEqual(['H[x[17], x[17]]']);
    // Far fewer calls of the gradient than the 2n of a per-coordinate check.
    expect(report.evaluations).toBeLessThan(n);
  });
});

describe('checkJVP', () => {
  const g = (x: number[]) => [x[0]! * x[1]!, Math.sin(x[2]!) + x[0]!];
  const jvp = (x: number[], v: number[]) => [v[0]! * x[1]! + x[0]! * v[1]!, Math.cos(x[2]!) * v[2]! + v[0]!];

  it('passes a correct JVP and counts the tangents as samples', () => {
    const report = checkJVP(g, jvp, { dim: 3, samples: 2, vectors: 3 });
    expect(report.pass).toBe(true);
    expect(report.kind).toBe('jvp');
    expect(report.samples).toHaveLength(6);
  });

  it('fails a wrong JVP, naming the output', () => {
    const wrong = (x: number[], v: number[]) => [jvp(x, v)[0]!, -Math.cos(x[2]!) * v[2]! + v[0]!];
    expect(failingPaths(checkJVP(g, wrong, { dim: 3 }))).toEqual(['J·v[y[1]]']);
  });

  it('works for a scalar f', () => {
    const scalar = (x: number[]) => x[0]! ** 2 * x[1]!;
    const ok = checkJVP(scalar, (x, v) => 2 * x[0]! * x[1]! * v[0]! + x[0]! ** 2 * v[1]!, { dim: 2 });
    expect(ok.pass).toBe(true);
    const bad = checkJVP(scalar, (x, v) => 2 * x[0]! * x[1]! * v[0]!, { dim: 2 });
    expect(failingPaths(bad)).toEqual(['J·v']);
  });
});

describe('checkVJP', () => {
  const g = (x: number[]) => [x[0]! * x[1]!, Math.sin(x[2]!) + x[0]!, x[3]! ** 3];
  const vjp = (x: number[], u: number[]) => [
    u[0]! * x[1]! + u[1]!,
    u[0]! * x[0]!,
    u[1]! * Math.cos(x[2]!),
    3 * u[2]! * x[3]! ** 2,
  ];

  it('passes a correct VJP', () => {
    const report = checkVJP(g, vjp, { dim: 4 });
    expect(report.pass).toBe(true);
    expect(report.kind).toBe('vjp');
  });

  it('localizes a wrong VJP to the coordinates of the cotangent', () => {
    const wrong = (x: number[], u: number[]) => {
      const out = vjp(x, u);
      out[2] = -out[2]!;
      return out;
    };
    expect(failingPaths(checkVJP(g, wrong, { dim: 4 }))).toEqual(['x[2]']);
  });
});

describe('several arguments', () => {
  const f2 = (x: number[], p: { W: number[][] }) => x[0]! * p.W[0]![1]! + x[1]! ** 2;
  const g2 = (x: number[], p: { W: number[][] }) => [[p.W[0]![1]!, 2 * x[1]!], { W: [[0, x[0]!]] }];

  it('checks f(x, y) with args, naming each argument', () => {
    const template: [number[], { W: number[][] }] = [[0, 0], { W: [[0, 0]] }];
    expect(checkGradient(f2, g2, { args: template }).pass).toBe(true);
    const wrong = (x: number[], p: { W: number[][] }) => [[p.W[0]![1]!, 2 * x[1]!], { W: [[1, x[0]!]] }];
    const report = checkGradient(f2, wrong, { args: template });
    expect(failingPaths(report)).toEqual(['arg1.W[0][0]']);
  });

  it('takes explicit points as argument lists', () => {
    const report = checkGradient(
      f2 as never,
      g2 as never,
      { args: [[0, 0], { W: [[0, 0]] }], points: [[[1, 2], { W: [[3, 4]] }]] } as never,
    );
    expect(report.pass).toBe(true);
    expect(report.samples[0]!.point).toEqual({ arg0: [1, 2], arg1: { W: [[3, 4]] } });
  });
});

describe('several arguments: bad input', () => {
  const f2 = (x: number[], y: number) => x[0]! * y;
  const g2 = (x: number[], y: number) => [[y, 0], x[0]!];
  const message = (body: () => unknown) => {
    try {
      body();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected a TypeError');
  };

  it('says what args must be, and what it cannot be combined with', () => {
    expect(message(() => checkGradient(f2, g2, { args: [] as unknown as [number[], number] }))).toContain(
      'args must be a non-empty array of templates, one per argument of f, but received an array of length 0.',
    );
    expect(message(() => checkGradient(f2, g2, { args: [[0, 0], 0], dim: 2 } as never))).toContain(
      'give args or dim, not both',
    );
    expect(message(() => checkGradient(f2, g2, { args: [[0, 0], 0], points: 3 } as never))).toContain(
      'points must be an array of argument lists, but received 3.',
    );
    expect(
      message(() => checkGradient(f2, g2, { args: [[0, 0], 0], points: [[[1, 2]]] } as never)),
    ).toContain(
      'points[0] should be an array of 2 parts, one per argument of f, but received an array of length 1.',
    );
  });

  it('says so when the gradient does not return one part per argument', () => {
    expect(
      message(() => checkGradient(f2, (x: number[]) => [x[0]!, 0, 0] as never, { args: [[0, 0], 0] })),
    ).toContain('the value returned by the gradient should be an array of 2 parts, one per argument of f');
  });

  it('is refused by checks that do not spread arguments', () => {
    expect(
      message(() => checkVJP(f2 as never, (() => [0, 0]) as never, { args: [[0, 0], 0] } as never)),
    ).toContain('args is for checkGradient and checkJacobian');
  });
});
