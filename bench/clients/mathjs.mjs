/**
 * Cases from math.js, whose `derivative()` differentiates an expression symbolically; f and each partial
 * are compiled expressions, evaluated with the point as the scope. Points are objects keyed by the
 * variables (the shape gradcheck names coordinates by), and one expression has 100 variables.
 */
import { compile, derivative, parse } from 'mathjs';

const lib = 'mathjs';
const f32 = Math.fround;

/**
 * f and its gradient from one expression: the point is the scope, an object of the named variables, and
 * the gradient is the object of the partials that math.js derived (unsimplified where simplifying a long
 * expression would cost seconds).
 */
function symbolic(text, variables, simplify = true) {
  const node = parse(text);
  const expr = node.compile();
  const partials = variables.map((v) => [v, derivative(node, v, { simplify }).compile()]);
  return {
    f: (scope) => expr.evaluate({ ...scope }),
    grad: (scope) => Object.fromEntries(partials.map(([v, d]) => [v, d.evaluate({ ...scope })])),
  };
}

/** The same, for an expression of the one variable x and a number point. */
function symbolic1(text) {
  const expr = compile(text);
  const d = derivative(text, 'x').compile();
  return { f: (x) => expr.evaluate({ x }), grad: (x) => d.evaluate({ x }) };
}

/** A chain of 100 variables: log(1 + x_i²) terms coupled by sin(x_i · x_{i+1}). */
function chain(n) {
  const names = Array.from({ length: n }, (_, i) => `x${i}`);
  const terms = names.map((v, i) => `log(1 + ${v}^2)${i + 1 < n ? ` + sin(${v} * ${names[i + 1]})` : ''}`);
  return { names, ...symbolic(terms.join(' + '), names, false) };
}

const big = chain(100);
const zeros = (names) => Object.fromEntries(names.map((v) => [v, 0]));

export const cases = [
  {
    name: 'x²·sin y + e^{xy}/(1+z²), object point',
    lib,
    ...symbolic('x^2 * sin(y) + exp(x * y) / (1 + z^2)', ['x', 'y', 'z']),
    like: { x: 0, y: 0, z: 0 },
    domain: [-2, 2],
    seed: 31,
  },
  {
    name: 'x^y, per-variable domains',
    lib,
    ...symbolic('x^y + y * log(x)', ['x', 'y']),
    like: { x: 0, y: 0 },
    domain: (path) => (path === 'x' ? [0.1, 3] : [-2, 2]),
    seed: 32,
  },
  {
    name: 'sin x · cos(x/3) at large |x|',
    lib,
    ...symbolic1('sin(x) * cos(x / 3)'),
    points: [1e6 + 0.3, 1e7 + 0.1, 12345.678],
  },
  {
    name: 'log x + 1/sqrt(x) near 0+',
    lib,
    ...symbolic1('log(x) + 1 / sqrt(x)'),
    points: [1e-6, 3e-6, 1e-3, 0.5],
  },
  {
    name: 'tanh(1e9·x) (tiny scale)',
    lib,
    ...symbolic1('tanh(1e9 * x)'),
    points: [1e-10, -3e-10, 2e-9],
    refStep: () => 1e-10,
  },
  {
    name: 'sqrt(x² + y² + 1e-12) near the origin',
    lib,
    ...symbolic('sqrt(x^2 + y^2 + 1e-12)', ['x', 'y']),
    points: [
      { x: 1e-7, y: -2e-7 },
      { x: 3e-6, y: 1e-8 },
    ],
    refStep: () => 1e-8,
  },
  {
    name: 'asinh x · acos(x/2) + sec x',
    lib,
    ...symbolic1('asinh(x) * acos(x / 2) + sec(x)'),
    like: 0,
    domain: [-1.2, 1.2],
    seed: 33,
  },
  {
    name: 'float32 compiled expression at float64 points',
    lib,
    float32: true,
    ...(() => {
      const s = symbolic1('tanh(x) * exp(-x^2 / 4)');
      return { f: (x) => f32(s.f(f32(x))), grad: (x) => f32(s.grad(f32(x))), mirror: s.f };
    })(),
    points: [0.3, -1.25, 2.5],
    precision: 'float32',
  },
  {
    name: 'chain of 100 variables, object point',
    lib,
    f: big.f,
    grad: big.grad,
    like: zeros(big.names),
    domain: [-1.5, 1.5],
    samples: 2,
    seed: 34,
  },
];
