/**
 * Cases from nerdamer, a symbolic algebra library: `diff` differentiates, `buildFunction` turns the
 * expression and its derivative into JavaScript. Some of its rules are wrong (atan2) or replace
 * constants by rationals (erf); those cases are here to show that the harness's reference catches a wrong
 * library derivative before gradcheck is blamed for it.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const nerdamer = require('nerdamer');
require('nerdamer/Calculus');

const lib = 'nerdamer';

/** f and its gradient from one expression of `variables`, for a number point (one variable) or an array. */
function symbolic(text, variables = ['x']) {
  const f = nerdamer(text).buildFunction(variables);
  const partials = variables.map((v) => nerdamer.diff(text, v).buildFunction(variables));
  if (variables.length === 1) return { f, grad: partials[0] };
  return { f: (x) => f(...x), grad: (x) => partials.map((d) => d(...x)) };
}

export const cases = [
  {
    name: 'atan(x²)·log(1+x)',
    lib,
    ...symbolic('atan(x^2)*log(1+x)'),
    like: 0,
    domain: [0, 3],
    seed: 41,
  },
  {
    name: 'x^x near 0+',
    lib,
    ...symbolic('x^x'),
    points: [1e-4, 0.05, 0.5, 2],
  },
  {
    name: 'xyz + sin(xz) − y³/(1+z²)',
    lib,
    ...symbolic('x*y*z + sin(x*z) - y^3/(1+z^2)', ['x', 'y', 'z']),
    dim: 3,
    domain: [-2, 2],
    seed: 42,
  },
  {
    name: 'sin(x)² at large |x|',
    lib,
    ...symbolic('sin(x)^2'),
    points: [1e6 + 0.3, 1e9 + 0.25],
  },
  {
    name: '1/sqrt(x) near 0+',
    lib,
    ...symbolic('1/sqrt(x)'),
    points: [1e-6, 1e-4, 0.3],
  },
  {
    name: 'cosh(x)/(1+x⁴) − tanh(3x)',
    lib,
    ...symbolic('cosh(x)/(1+x^4) - tanh(3*x)'),
    like: 0,
    domain: [-3, 3],
    seed: 43,
  },
  {
    name: 'erf(x)·e^{−x} (rational constants)',
    lib,
    ...symbolic('erf(x)*exp(-x)'),
    points: [0.2, 1.1, 2.5],
  },
  {
    name: 'atan2(y, x) (rule gives 0)',
    lib,
    ...symbolic('atan2(y, x)', ['x', 'y']),
    points: [[0.5, 1.2]],
  },
];
