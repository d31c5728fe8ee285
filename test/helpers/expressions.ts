/**
 * Random smooth functions with exact gradients, for property tests: polynomials in n variables, and sums,
 * products and compositions of them with exp, sin, log(1 + u²) and tanh. The gradient comes from
 * forward-mode differentiation of the same tree (a value and a gradient vector per node), so it is exact
 * up to the rounding of the arithmetic, and written independently of gradcheck.
 */
import fc from 'fast-check';

export type Unary = 'exp' | 'sin' | 'log1sq' | 'tanh';

export type Expr =
  | { op: 'poly'; terms: Array<{ c: number; powers: number[] }> }
  | { op: Unary; a: Expr }
  | { op: 'add' | 'mul'; a: Expr; b: Expr };

/** A bound on |e| over the cube [-1, 1]ⁿ, so that generated functions cannot overflow there. */
export function bound(e: Expr): number {
  switch (e.op) {
    case 'poly':
      return e.terms.reduce((s, t) => s + Math.abs(t.c), 0);
    case 'exp':
      return Math.exp(bound(e.a));
    case 'sin':
    case 'tanh':
      return 1;
    case 'log1sq':
      return Math.log1p(bound(e.a) ** 2);
    case 'add':
      return bound(e.a) + bound(e.b);
    case 'mul':
      return bound(e.a) * bound(e.b);
  }
}

/** The largest bound allowed: exp of a product of exps would overflow, and is no longer "smooth" in float64. */
const MAX_BOUND = 1e4;

/**
 * A coefficient: a multiple of 1/1000 in [-1, 1]. Coefficients from a grid keep the generated functions
 * honest: with arbitrary doubles, two terms can cancel to within rounding (0.9999999999999997·x² −
 * 0.9999999999999986·x²), or a term can be far below the rounding of the others (sin(−1) +
 * sin(e^(1e-89·x)) is exactly 0 for every x in float64). Then the computed f is constant where the exact
 * gradient is not, or the "exact" gradient is itself mostly rounding: no finite difference, and no
 * tolerance, can tell right from wrong. Tiny and huge scales are covered instead by `scaled`.
 */
const coefficient = fc.integer({ min: -1000, max: 1000 }).map((k) => k / 1000);

/** Expressions in `n` variables, at most `depth` compositions deep. */
export function expression(n: number, depth = 3): fc.Arbitrary<Expr> {
  const term = fc.record({
    c: coefficient,
    powers: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
  });
  const poly: fc.Arbitrary<Expr> = fc
    .array(term, { minLength: 1, maxLength: 4 })
    .map((terms) => ({ op: 'poly', terms }));
  const { tree } = fc.letrec<{ tree: Expr }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', maxDepth: depth, withCrossShrink: true },
      poly,
      fc.record({ op: fc.constantFrom<Unary>('exp', 'sin', 'log1sq', 'tanh'), a: tie('tree') }),
      fc.record({ op: fc.constantFrom<'add' | 'mul'>('add', 'mul'), a: tie('tree'), b: tie('tree') }),
    ),
  }));
  return tree.filter((e) => bound(e) <= MAX_BOUND);
}

/** The value of `e` at x and its exact gradient, by forward-mode differentiation. */
export function evaluate(e: Expr, x: readonly number[]): { value: number; gradient: number[] } {
  const n = x.length;
  switch (e.op) {
    case 'poly': {
      let value = 0;
      const gradient = new Array<number>(n).fill(0);
      for (const { c, powers } of e.terms) {
        value += c * powers.reduce((p, k, i) => p * x[i]! ** k, 1);
        for (let j = 0; j < n; j++) {
          const k = powers[j]!;
          if (k === 0) continue;
          gradient[j]! +=
            c * k * powers.reduce((p, kk, i) => p * (i === j ? x[i]! ** (kk - 1) : x[i]! ** kk), 1);
        }
      }
      return { value, gradient };
    }
    case 'add':
    case 'mul': {
      const a = evaluate(e.a, x);
      const b = evaluate(e.b, x);
      if (e.op === 'add')
        return { value: a.value + b.value, gradient: a.gradient.map((g, i) => g + b.gradient[i]!) };
      return {
        value: a.value * b.value,
        gradient: a.gradient.map((g, i) => g * b.value + a.value * b.gradient[i]!),
      };
    }
    default: {
      const a = evaluate(e.a, x);
      const [value, slope] = unary(e.op, a.value);
      return { value, gradient: a.gradient.map((g) => slope * g) };
    }
  }
}

function unary(op: Unary, u: number): [number, number] {
  switch (op) {
    case 'exp': {
      const v = Math.exp(u);
      return [v, v];
    }
    case 'sin':
      return [Math.sin(u), Math.cos(u)];
    case 'log1sq':
      return [Math.log1p(u * u), (2 * u) / (1 + u * u)];
    case 'tanh': {
      const t = Math.tanh(u);
      return [t, 1 - t * t];
    }
  }
}

/** The formula, for a counterexample a human can read. */
export function show(e: Expr): string {
  switch (e.op) {
    case 'poly':
      return `(${e.terms
        .map(({ c, powers }) =>
          [String(c), ...powers.flatMap((k, i) => (k === 0 ? [] : [k === 1 ? `x${i}` : `x${i}^${k}`]))].join(
            '·',
          ),
        )
        .join(' + ')})`;
    case 'add':
      return `(${show(e.a)} + ${show(e.b)})`;
    case 'mul':
      return `${show(e.a)}·${show(e.b)}`;
    case 'log1sq':
      return `log(1 + ${show(e.a)}²)`;
    default:
      return `${e.op}(${show(e.a)})`;
  }
}

/** A function of n variables for the checker: `scale · e(x)` and its exact gradient. */
export interface Smooth {
  f: (x: number[]) => number;
  grad: (x: number[]) => number[];
  /** The formula, for a counterexample. */
  formula: string;
}

/** `scale · e`, with the scale a power of ten from 1e-320 (subnormal values of f) to 1e280. */
export function scaled(e: Expr, exponent: number): Smooth {
  const scale = 10 ** exponent;
  return {
    f: (x) => scale * evaluate(e, x).value,
    grad: (x) => evaluate(e, x).gradient.map((g) => scale * g),
    formula: `1e${exponent}·${show(e)}`,
  };
}

/** A random smooth function of 1 to `maxDimension` variables, with a seed for the checker. */
export function smoothFunction(maxDimension = 4): fc.Arbitrary<{ n: number; fn: Smooth; seed: number }> {
  return fc.integer({ min: 1, max: maxDimension }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      fn: fc
        .tuple(expression(n), fc.oneof(fc.constant(0), fc.integer({ min: -320, max: 280 })))
        .map(([e, exponent]) => scaled(e, exponent)),
      seed: fc.integer(),
    }),
  );
}
