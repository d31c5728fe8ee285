/**
 * Cases from jStat, whose derivative of each cdf is the same distribution's pdf: the two are separate
 * code paths of the library (series and continued fractions against closed forms), so they are a real
 * test of whether its analytic derivative matches its function, in the bulk, the tails, at tiny scales,
 * and through a float32 wrapper of the kind a WebGL port would add.
 */
import jStat from 'jstat';

const lib = 'jstat';
const f32 = Math.fround;
const { normal, gamma, beta, studentt, weibull, lognormal, chisquare } = jStat;
/** A distribution's cdf and pdf with fixed parameters, as f and its gradient. */
const pair = (dist, ...params) => ({
  f: (x) => dist.cdf(x, ...params),
  grad: (x) => dist.pdf(x, ...params),
});

export const cases = [
  { name: 'normal cdf → pdf', lib, ...pair(normal, 0, 1), like: 0, domain: [-5, 5], seed: 21 },
  {
    name: 'normal cdf, lower tail',
    lib,
    ...pair(normal, 0, 1),
    points: [-8, -20, -30, 6],
    refStep: () => 0.01,
  },
  {
    name: 'normal cdf, σ = 1e-9 (tiny scale)',
    lib,
    ...pair(normal, 0, 1e-9),
    points: [-1.3e-9, 2e-10, 4e-9],
    refStep: () => 1e-10,
  },
  {
    name: 'normal cdf, σ = 1e-9, drawn',
    lib,
    ...pair(normal, 0, 1e-9),
    like: 0,
    domain: [-3e-9, 3e-9],
    seed: 20,
    refStep: () => 1e-10,
  },
  {
    name: 'normal cdf, μ = 1e6 (large |x|)',
    lib,
    ...pair(normal, 1e6, 2),
    points: [1e6 + 0.3, 1e6 - 3.1],
  },
  { name: 'gamma(2.5, 1.3) cdf → pdf', lib, ...pair(gamma, 2.5, 1.3), like: 0, domain: [0.05, 15], seed: 22 },
  {
    name: 'gamma(0.5, 1) cdf near 0+',
    lib,
    ...pair(gamma, 0.5, 1),
    points: [1e-6, 1e-3, 0.2],
  },
  { name: 'beta(2, 5) cdf → pdf', lib, ...pair(beta, 2, 5), like: 0, domain: [0.01, 0.99], seed: 23 },
  {
    name: 'beta(0.5, 0.5) cdf near both ends',
    lib,
    ...pair(beta, 0.5, 0.5),
    points: [1e-6, 0.5, 1 - 1e-6],
    refStep: (x) => Math.min(x, 1 - x),
  },
  { name: 'studentt(3) cdf → pdf', lib, ...pair(studentt, 3), like: 0, domain: [-10, 10], seed: 24 },
  {
    name: 'weibull(1.5, 0.7) cdf → pdf',
    lib,
    ...pair(weibull, 1.5, 0.7),
    like: 0,
    domain: [0.01, 5],
    seed: 25,
  },
  {
    name: 'lognormal(0, 0.5) cdf → pdf',
    lib,
    ...pair(lognormal, 0, 0.5),
    like: 0,
    domain: [0.05, 6],
    seed: 26,
  },
  { name: 'chisquare(4) cdf → pdf', lib, ...pair(chisquare, 4), like: 0, domain: [0.05, 20], seed: 27 },
  {
    name: 'float32 normal cdf at float64 points',
    lib,
    float32: true,
    f: (x) => f32(normal.cdf(f32(x), 0, 1)),
    grad: (x) => f32(normal.pdf(f32(x), 0, 1)),
    mirror: (x) => normal.cdf(x, 0, 1),
    points: [0.3, -1.7, 2.2],
    precision: 'float32',
  },
  {
    name: 'float32 gamma cdf drawn (auto)',
    lib,
    float32: true,
    f: (x) => f32(gamma.cdf(f32(x), 2, 1)),
    grad: (x) => f32(gamma.pdf(f32(x), 2, 1)),
    mirror: (x) => gamma.cdf(x, 2, 1),
    like: 0,
    domain: [0.1, 6],
    seed: 28,
  },
  {
    name: 'Σ log Φ(x_i) (probit likelihood), n = 300',
    lib,
    f: (x) => x.reduce((s, v) => s + Math.log(normal.cdf(v, 0, 1)), 0),
    grad: (x) => x.map((v) => normal.pdf(v, 0, 1) / normal.cdf(v, 0, 1)),
    dim: 300,
    domain: [-4, 4],
    samples: 2,
    seed: 29,
  },
];
