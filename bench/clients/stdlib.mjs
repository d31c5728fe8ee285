/**
 * Cases from stdlib's special functions, whose derivatives are other functions of the same library
 * (gammaln' = digamma, digamma' = trigamma, J0' = −J1, J1' = J0 − J1/x, the derivative that kernel-betainc
 * returns with its value), and its float32 kernels (sinf' = cosf). They bring the poles at 0+, the large
 * arguments and the float32 code that hand-written test functions rarely have.
 */
import besselj0 from '@stdlib/math-base-special-besselj0';
import besselj1 from '@stdlib/math-base-special-besselj1';
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import betainc from '@stdlib/math-base-special-kernel-betainc';
import cosf from '@stdlib/math-base-special-kernel-cosf';
import sinf from '@stdlib/math-base-special-kernel-sinf';
import trigamma from '@stdlib/math-base-special-trigamma';

const lib = 'stdlib';
const sum = (x, g) => x.reduce((s, v) => s + g(v), 0);
/** The poles of digamma are at 0, −1, −2, …: the reference's steps stay inside the point's interval. */
const awayFromIntegers = (x) => Math.min(1, Math.abs(x - Math.round(x)) || 1);

export const cases = [
  {
    name: 'gammaln near 0+',
    lib,
    f: gammaln,
    grad: digamma,
    points: [1e-6, 3e-5, 2e-3, 0.25],
  },
  {
    name: 'gammaln moderate and large',
    lib,
    f: gammaln,
    grad: digamma,
    points: [1.5, 7.3, 1e3 + 0.25, 1e6 + 0.3],
  },
  {
    name: 'digamma near 0+',
    lib,
    f: digamma,
    grad: trigamma,
    points: [1e-6, 1e-4, 0.01, 0.6],
  },
  {
    name: 'digamma between negative poles',
    lib,
    f: digamma,
    grad: trigamma,
    points: [-0.5, -2.3, -7.9, -1e-3],
    refStep: awayFromIntegers,
  },
  {
    name: 'digamma drawn',
    lib,
    f: digamma,
    grad: trigamma,
    like: 0,
    domain: [0.05, 40],
    seed: 11,
  },
  {
    name: 'besselj0 small, zero, large',
    lib,
    f: besselj0,
    grad: (x) => -besselj1(x),
    points: [0.3, 2.404825557695773, 1e6 + 0.3, 1e8 + 0.7],
  },
  {
    name: 'besselj1 = J0 − J1/x',
    lib,
    f: besselj1,
    grad: (x) => besselj0(x) - besselj1(x) / x,
    points: [1e-6, 0.5, 3.8317059702075125, 1e6 + 0.3],
  },
  {
    name: 'Σ gammaln, n = 2000',
    lib,
    f: (x) => sum(x, gammaln),
    grad: (x) => x.map(digamma),
    dim: 2000,
    domain: [0.01, 50],
    samples: 2,
    seed: 5,
  },
  {
    name: 'Σ besselj0, n = 500',
    lib,
    f: (x) => sum(x, besselj0),
    grad: (x) => x.map((v) => -besselj1(v)),
    dim: 500,
    domain: [0, 30],
    seed: 6,
  },
  {
    name: 'gammaln between negative poles',
    lib,
    f: gammaln,
    grad: digamma,
    points: [-0.5, -2.5, -3.9, -1e-5],
    refStep: awayFromIntegers,
  },
  {
    name: 'Σ gammaln near 0+, n = 200',
    lib,
    f: (x) => sum(x, gammaln),
    grad: (x) => x.map(digamma),
    dim: 200,
    domain: [1e-6, 1e-4],
    samples: 2,
    seed: 12,
  },
  {
    name: 'Σ besselj0 at large |x|, n = 200',
    lib,
    f: (x) => sum(x, besselj0),
    grad: (x) => x.map((v) => -besselj1(v)),
    dim: 200,
    domain: [1e6, 1e6 + 100],
    samples: 2,
    seed: 13,
  },
  {
    name: 'betainc(x; 2.5, 3.5) derivative',
    lib,
    f: (x) => betainc(x, 2.5, 3.5, true, false)[0],
    grad: (x) => betainc(x, 2.5, 3.5, true, false)[1],
    like: 0,
    domain: [0.01, 0.99],
    seed: 7,
  },
  {
    name: 'betainc(x; 0.5, 2) near 0+',
    lib,
    f: (x) => betainc(x, 0.5, 2, true, false)[0],
    grad: (x) => betainc(x, 0.5, 2, true, false)[1],
    points: [1e-6, 1e-3, 0.4],
  },
  {
    name: 'float32 sinf at float64 points',
    lib,
    float32: true,
    f: (x) => sinf(x),
    grad: (x) => cosf(x),
    mirror: Math.sin,
    points: [0.3, -0.7, 1e-6, 0.78],
    precision: 'float32',
  },
  {
    name: 'float32 sinf drawn (auto)',
    lib,
    float32: true,
    f: (x) => sinf(x),
    grad: (x) => cosf(x),
    mirror: Math.sin,
    like: 0,
    domain: [-0.78, 0.78],
    seed: 8,
  },
  {
    name: 'float32 Σ sinf, Float32Array n = 1000',
    lib,
    float32: true,
    f: (x) => x.reduce((s, v) => Math.fround(s + sinf(v)), 0),
    grad: (x) => Float32Array.from(x, cosf),
    mirror: (x) => sum(x, Math.sin),
    like: new Float32Array(1000),
    domain: [-0.78, 0.78],
    samples: 2,
    seed: 9,
  },
];
