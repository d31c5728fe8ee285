/**
 * The function catalog of the accuracy and detection benchmark: smooth functions with exact gradients, from
 * well-scaled textbook cases to badly scaled ones where a finite difference with a fixed step goes wrong, and
 * functions computed in float32 with gradients computed in float32 (the case of TF.js and friends).
 *
 * Plain JavaScript with JSDoc, so that `node` and vitest both import it without a build step.
 * Every gradient is checked to ~1e-8 (float64) by `bench/verify-catalog.mjs`.
 */

/**
 * @typedef {{
 *   name: string,
 *   group: 'well' | 'badly' | 'float32',
 *   f: (x: any) => number,
 *   grad: (x: any) => any,
 *   input: { dim?: number, like?: any, points?: any[], domain?: [number, number] },
 * }} CatalogEntry
 */

/**
 * A tiny seeded PRNG (mulberry32), so that the fixed data below are identical on every import and machine.
 * @param {number} seed
 * @returns {() => number} uniform on [0, 1)
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @param {number} seed
 * @param {number} count
 * @param {number} [lo]
 * @param {number} [hi]
 * @returns {number[]}
 */
function uniforms(seed, count, lo = -1, hi = 1) {
  const next = mulberry32(seed);
  return Array.from({ length: count }, () => lo + (hi - lo) * next());
}

/**
 * @param {number} seed
 * @param {number} rows
 * @param {number} cols
 * @param {number} [lo]
 * @param {number} [hi]
 * @returns {number[][]}
 */
function matrix(seed, rows, cols, lo = -1, hi = 1) {
  const v = uniforms(seed, rows * cols, lo, hi);
  return Array.from({ length: rows }, (_, r) => v.slice(r * cols, (r + 1) * cols));
}

/** @param {number} n */
const zeros = (n) => new Array(n).fill(0);

/** @param {number} rows @param {number} cols */
const zeroMatrix = (rows, cols) => Array.from({ length: rows }, () => zeros(cols));

/** Written so that exp never overflows: the naive log(1 + exp(t)) is inf for t > 709. @param {number} t */
function softplus(t) {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

/** @param {number} t */
function sigmoid(t) {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}

const r = Math.fround;

// ---------------------------------------------------------------------------------------------------------
// Fixed data. Each data set has its own seed, so adding an entry never changes the data of another.

const QF_N = 8;
// Deliberately not symmetric: the gradient of xᵀAx/2 is (A + Aᵀ)x/2, and code that writes Ax is wrong.
const QF_A = matrix(11, QF_N, QF_N);
const QF_B = uniforms(12, QF_N);

const LOG_M = 24;
const LOG_D = 5;
const LOG_X = matrix(21, LOG_M, LOG_D, -2, 2);
const LOG_Y = (() => {
  const w = uniforms(22, LOG_D);
  const noise = uniforms(23, LOG_M);
  // Labels from a noisy linear rule, so the data are not separable and the loss has a finite minimum.
  return LOG_X.map((row, k) => (row.reduce((s, v, j) => s + v * w[j], 0) + noise[k] > 0 ? 1 : -1));
})();

const MLP_M = 10;
const MLP_D = 4;
const MLP_H = 7;
const MLP_X = matrix(31, MLP_M, MLP_D);
const MLP_Y = MLP_X.map((row) => Math.sin(row.reduce((s, v) => s + v, 0)));

const NM_V = uniforms(51, 4);
const NM_T = uniforms(52, 3);

const LONG_N = 2000;
const LONG_C = uniforms(41, LONG_N, 0.5, 1.5);
// b ≥ 3 keeps every partial derivative c·x + b + x³ ≥ 0.5 on [-1, 1], so each is verifiable to 1e-8.
const LONG_B = uniforms(42, LONG_N, 3, 4);

// Curvatures from 1e-4 to 1e4 on one input; wider spans are beyond what finite differences can confirm.
const MIXED_S = [1e-2, 1e-1, 1, 1e1, 1e2];
// Natural length scales from 1e-3 to 1e3 on one input.
const MIXED_LOG_S = [1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3];

const F32_SSQ_C = Float32Array.from(uniforms(61, 8, 0.5, 2));

const F32_LOG_M = 32;
const F32_LOG_D = 5;
const F32_LOG_X = Float32Array.from(uniforms(71, F32_LOG_M * F32_LOG_D, -2, 2));
const F32_LOG_Y = (() => {
  const w = uniforms(72, F32_LOG_D);
  const noise = uniforms(73, F32_LOG_M);
  const y = new Float32Array(F32_LOG_M);
  for (let k = 0; k < F32_LOG_M; k++) {
    let z = noise[k];
    for (let j = 0; j < F32_LOG_D; j++) z += F32_LOG_X[k * F32_LOG_D + j] * w[j];
    y[k] = z > 0 ? 1 : 0;
  }
  return y;
})();

const F32_MLP_M = 8;
const F32_MLP_D = 3;
const F32_MLP_H = 6;
const F32_MLP_X = Float32Array.from(uniforms(81, F32_MLP_M * F32_MLP_D));
const F32_MLP_Y = Float32Array.from({ length: F32_MLP_M }, (_, k) =>
  Math.cos(F32_MLP_X[k * F32_MLP_D] - 2 * F32_MLP_X[k * F32_MLP_D + 1] + F32_MLP_X[k * F32_MLP_D + 2]),
);

const F32_TANH_A = Float32Array.from(uniforms(91, 5, 0.5, 2));

// ---------------------------------------------------------------------------------------------------------
// Well-scaled.

/** @type {CatalogEntry[]} */
const well = [
  {
    name: 'square',
    group: 'well',
    f: (x) => x * x,
    grad: (x) => 2 * x,
    input: { like: 0, domain: [-2, 2] },
  },
  {
    name: 'sum-of-squares',
    group: 'well',
    f: (x) => x.reduce((s, v) => s + v * v, 0),
    grad: (x) => x.map((v) => 2 * v),
    input: { dim: 6 },
  },
  {
    name: 'quadratic-form',
    group: 'well',
    f: (x) => {
      let s = 0;
      for (let i = 0; i < QF_N; i++) {
        let ax = 0;
        for (let j = 0; j < QF_N; j++) ax += QF_A[i][j] * x[j];
        s += 0.5 * x[i] * ax + QF_B[i] * x[i];
      }
      return s;
    },
    grad: (x) =>
      x.map((_, k) => {
        let s = 0;
        for (let j = 0; j < QF_N; j++) s += (QF_A[k][j] + QF_A[j][k]) * x[j];
        return 0.5 * s + QF_B[k];
      }),
    input: { dim: QF_N },
  },
  {
    name: 'rosenbrock',
    group: 'well',
    f: (x) => {
      let s = 0;
      for (let i = 0; i < x.length - 1; i++) {
        const t = x[i + 1] - x[i] * x[i];
        s += 100 * t * t + (1 - x[i]) * (1 - x[i]);
      }
      return s;
    },
    grad: (x) => {
      const g = zeros(x.length);
      for (let i = 0; i < x.length - 1; i++) {
        const t = x[i + 1] - x[i] * x[i];
        g[i] += -400 * x[i] * t - 2 * (1 - x[i]);
        g[i + 1] += 200 * t;
      }
      return g;
    },
    input: { dim: 10, domain: [-2, 2] },
  },
  {
    name: 'log-sum-exp',
    group: 'well',
    f: (x) => {
      const m = Math.max(...x);
      return m + Math.log(x.reduce((s, v) => s + Math.exp(v - m), 0));
    },
    grad: (x) => {
      const m = Math.max(...x);
      const e = x.map((v) => Math.exp(v - m));
      const s = e.reduce((a, v) => a + v, 0);
      return e.map((v) => v / s);
    },
    input: { dim: 8, domain: [-3, 3] },
  },
  {
    // Mean logistic loss on fixed data; the last coordinate is the bias.
    name: 'logistic-loss',
    group: 'well',
    f: (w) => {
      let s = 0;
      for (let k = 0; k < LOG_M; k++) {
        let z = w[LOG_D];
        for (let j = 0; j < LOG_D; j++) z += LOG_X[k][j] * w[j];
        s += softplus(-LOG_Y[k] * z);
      }
      return s / LOG_M;
    },
    grad: (w) => {
      const g = zeros(LOG_D + 1);
      for (let k = 0; k < LOG_M; k++) {
        let z = w[LOG_D];
        for (let j = 0; j < LOG_D; j++) z += LOG_X[k][j] * w[j];
        const dz = (-LOG_Y[k] * sigmoid(-LOG_Y[k] * z)) / LOG_M;
        for (let j = 0; j < LOG_D; j++) g[j] += dz * LOG_X[k][j];
        g[LOG_D] += dz;
      }
      return g;
    },
    input: { dim: LOG_D + 1, domain: [-2, 2] },
  },
  {
    // Half mean squared error of a 4-7-1 tanh network on fixed data; 43 parameters.
    name: 'mlp',
    group: 'well',
    f: (p) => {
      let s = 0;
      for (let k = 0; k < MLP_M; k++) {
        let out = p.b2[0];
        for (let j = 0; j < MLP_H; j++) {
          let z = p.b1[j];
          for (let i = 0; i < MLP_D; i++) z += p.W1[j][i] * MLP_X[k][i];
          out += p.W2[0][j] * Math.tanh(z);
        }
        const res = out - MLP_Y[k];
        s += res * res;
      }
      return s / (2 * MLP_M);
    },
    grad: (p) => {
      const g = { W1: zeroMatrix(MLP_H, MLP_D), b1: zeros(MLP_H), W2: zeroMatrix(1, MLP_H), b2: [0] };
      for (let k = 0; k < MLP_M; k++) {
        const h = zeros(MLP_H);
        let out = p.b2[0];
        for (let j = 0; j < MLP_H; j++) {
          let z = p.b1[j];
          for (let i = 0; i < MLP_D; i++) z += p.W1[j][i] * MLP_X[k][i];
          h[j] = Math.tanh(z);
          out += p.W2[0][j] * h[j];
        }
        const dout = (out - MLP_Y[k]) / MLP_M;
        g.b2[0] += dout;
        for (let j = 0; j < MLP_H; j++) {
          g.W2[0][j] += dout * h[j];
          const dz = dout * p.W2[0][j] * (1 - h[j] * h[j]);
          g.b1[j] += dz;
          for (let i = 0; i < MLP_D; i++) g.W1[j][i] += dz * MLP_X[k][i];
        }
      }
      return g;
    },
    input: {
      like: { W1: zeroMatrix(MLP_H, MLP_D), b1: zeros(MLP_H), W2: zeroMatrix(1, MLP_H), b2: [0] },
    },
  },
  {
    name: 'product',
    group: 'well',
    f: (x) => x.reduce((s, v) => s * v, 1),
    // Prefix and suffix products instead of f/x_i, which is wrong (0/0) where a coordinate is 0.
    grad: (x) => {
      const n = x.length;
      const g = zeros(n);
      let prefix = 1;
      for (let i = 0; i < n; i++) {
        g[i] = prefix;
        prefix *= x[i];
      }
      let suffix = 1;
      for (let i = n - 1; i >= 0; i--) {
        g[i] *= suffix;
        suffix *= x[i];
      }
      return g;
    },
    input: { dim: 6, domain: [-1.5, 1.5] },
  },
  {
    name: 'sin-cos',
    group: 'well',
    f: (x) => {
      const n = x.length;
      let s = Math.sin(Math.cos(x[0]) + x[n - 1] * x[n - 1]);
      for (let i = 0; i < n - 1; i++) s += Math.sin(x[i]) * Math.cos(x[i + 1]);
      return s;
    },
    grad: (x) => {
      const n = x.length;
      const g = zeros(n);
      for (let i = 0; i < n - 1; i++) {
        g[i] += Math.cos(x[i]) * Math.cos(x[i + 1]);
        g[i + 1] -= Math.sin(x[i]) * Math.sin(x[i + 1]);
      }
      const c = Math.cos(Math.cos(x[0]) + x[n - 1] * x[n - 1]);
      g[0] -= c * Math.sin(x[0]);
      g[n - 1] += 2 * c * x[n - 1];
      return g;
    },
    input: { dim: 6, domain: [-2, 2] },
  },
  {
    name: 'tanh-chain',
    group: 'well',
    f: (x) => {
      let s = 0;
      for (let i = 0; i < x.length - 1; i++) s += Math.tanh((i + 1) * x[i] + x[i + 1]);
      return s;
    },
    grad: (x) => {
      const g = zeros(x.length);
      for (let i = 0; i < x.length - 1; i++) {
        const t = Math.tanh((i + 1) * x[i] + x[i + 1]);
        const d = 1 - t * t;
        g[i] += (i + 1) * d;
        g[i + 1] += d;
      }
      return g;
    },
    input: { dim: 5 },
  },
  {
    name: 'softplus',
    group: 'well',
    f: (x) => x.reduce((s, v) => s + softplus(v), 0),
    grad: (x) => x.map(sigmoid),
    input: { dim: 6, domain: [-5, 5] },
  },
  {
    // ½‖Wv − t‖² plus a cubic, on a 3×4 matrix given as nested arrays.
    name: 'nested-matrix',
    group: 'well',
    f: (W) => {
      let s = 0;
      for (let i = 0; i < 3; i++) {
        let res = -NM_T[i];
        for (let j = 0; j < 4; j++) {
          res += W[i][j] * NM_V[j];
          s += 0.1 * W[i][j] * W[i][j] * W[i][j];
        }
        s += 0.5 * res * res;
      }
      return s;
    },
    grad: (W) =>
      W.map((row, i) => {
        let res = -NM_T[i];
        for (let j = 0; j < 4; j++) res += row[j] * NM_V[j];
        return row.map((w, j) => res * NM_V[j] + 0.3 * w * w);
      }),
    input: { like: zeroMatrix(3, 4) },
  },
  {
    name: 'float64array',
    group: 'well',
    f: (x) => {
      let s = x[0] * x[x.length - 1];
      for (let i = 0; i < x.length; i++) s += x[i] * Math.exp(-x[i] * x[i]);
      return s;
    },
    grad: (x) => {
      const g = x.map((v) => Math.exp(-v * v) * (1 - 2 * v * v));
      g[0] += x[x.length - 1];
      g[x.length - 1] += x[0];
      return g;
    },
    input: { like: new Float64Array(5), domain: [-2, 2] },
  },
  {
    // Parameters of mixed kinds in one object: a scalar, an array and a nested object of a matrix.
    name: 'nested-object',
    group: 'well',
    f: (p) => {
      const { scale, shift, inner } = p;
      const w = inner.w;
      return (
        Math.exp(0.5 * scale) * (shift[0] * shift[0] + shift[1] * w[0][0]) +
        Math.sin(w[0][1] * w[1][0]) +
        w[1][1] * scale
      );
    },
    grad: (p) => {
      const { scale, shift, inner } = p;
      const w = inner.w;
      const e = Math.exp(0.5 * scale);
      const c = Math.cos(w[0][1] * w[1][0]);
      return {
        scale: 0.5 * e * (shift[0] * shift[0] + shift[1] * w[0][0]) + w[1][1],
        shift: [2 * e * shift[0], e * w[0][0]],
        inner: {
          w: [
            [e * shift[1], c * w[1][0]],
            [c * w[0][1], scale],
          ],
        },
      };
    },
    input: {
      like: {
        scale: 0,
        shift: [0, 0],
        inner: {
          w: [
            [0, 0],
            [0, 0],
          ],
        },
      },
    },
  },
  {
    name: 'explicit-points',
    group: 'well',
    f: (x) => x[0] * Math.exp(x[1]) + x[2] / (1 + x[3] * x[3]),
    grad: (x) => {
      const q = 1 + x[3] * x[3];
      return [Math.exp(x[1]), x[0] * Math.exp(x[1]), 1 / q, (-2 * x[2] * x[3]) / (q * q)];
    },
    input: {
      points: [
        [0.3, -0.7, 1.2, 0.4],
        [-1.1, 0.25, -0.6, -1.5],
        [2.0, 1.0, 0.5, 0.0],
      ],
    },
  },
  {
    name: 'smooth-norm',
    group: 'well',
    f: (x) => Math.sqrt(1 + x.reduce((s, v) => s + v * v, 0)),
    grad: (x) => {
      const f = Math.sqrt(1 + x.reduce((s, v) => s + v * v, 0));
      return x.map((v) => v / f);
    },
    input: { dim: 5, domain: [-3, 3] },
  },
  {
    name: 'rational',
    group: 'well',
    f: (x) => x.reduce((s, v) => s + v / (1 + v * v), 0),
    grad: (x) =>
      x.map((v) => {
        const q = 1 + v * v;
        return (1 - v * v) / (q * q);
      }),
    input: { dim: 4, domain: [-3, 3] },
  },
  {
    name: 'cubic-coupled',
    group: 'well',
    f: (x) => {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += (x[i] * x[i] * x[i]) / 3;
      for (let i = 0; i < x.length - 1; i++) s -= x[i] * x[i + 1];
      return s;
    },
    grad: (x) => x.map((v, i) => v * v - (i < x.length - 1 ? x[i + 1] : 0) - (i > 0 ? x[i - 1] : 0)),
    input: { dim: 6, domain: [-2, 2] },
  },
];

// ---------------------------------------------------------------------------------------------------------
// Badly scaled, but the gradients are right: a checker that fails these raises a false alarm.

/** @type {CatalogEntry[]} */
const badly = [
  {
    // One coordinate only: with several, e^{30·(−1)} sits next to e^{30·0.9} and no finite difference in
    // float64 can resolve the small one, so its "true" answer could not be confirmed either.
    name: 'exp-30x',
    group: 'badly',
    f: (x) => Math.exp(30 * x[0]),
    grad: (x) => [30 * Math.exp(30 * x[0])],
    input: { dim: 1, domain: [-1, 1] },
  },
  {
    name: 'scaled-up-1e6',
    group: 'badly',
    f: (x) => 1e6 * x.reduce((s, v) => s + v * v, 0),
    grad: (x) => x.map((v) => 2e6 * v),
    input: { dim: 5 },
  },
  {
    name: 'scaled-down-1e-8',
    group: 'badly',
    f: (x) => 1e-8 * x.reduce((s, v) => s + v * v, 0),
    grad: (x) => x.map((v) => 2e-8 * v),
    input: { dim: 5 },
  },
  {
    name: 'large-values',
    group: 'badly',
    f: (x) => x.reduce((s, v) => s + v * Math.log(v), 0) + 1e-4 * x[0] * x[1],
    grad: (x) => {
      const g = x.map((v) => Math.log(v) + 1);
      g[0] += 1e-4 * x[1];
      g[1] += 1e-4 * x[0];
      return g;
    },
    input: { dim: 4, domain: [1e4, 2e4] },
  },
  {
    name: 'large-mixed-signs',
    group: 'badly',
    f: (x) => x.reduce((s, v) => s + Math.sqrt(1e8 + v * v), 0) + 1e-4 * x[0] * x[3],
    grad: (x) => {
      const g = x.map((v) => v / Math.sqrt(1e8 + v * v));
      g[0] += 1e-4 * x[3];
      g[3] += 1e-4 * x[0];
      return g;
    },
    input: {
      points: [
        [12345.678, -17321.25, 10500.125, -19999.5],
        [-14142.1356, 11000.5, -10001.75, 16180.339],
        [19000.25, 13579.2468, -12000.375, -10234.5678],
      ],
    },
  },
  {
    name: 'sin-1000x',
    group: 'badly',
    f: (x) => x.reduce((s, v) => s + Math.sin(1000 * v), 0),
    grad: (x) => x.map((v) => 1000 * Math.cos(1000 * v)),
    input: { dim: 3 },
  },
  {
    // Curvatures 1e-4 … 1e4 on one input: gradients span eight orders of magnitude.
    name: 'mixed-scales',
    group: 'badly',
    f: (x) => x.reduce((s, v, k) => s + (MIXED_S[k] * v) ** 2, 0),
    grad: (x) => x.map((v, k) => 2 * MIXED_S[k] * MIXED_S[k] * v),
    input: { dim: MIXED_S.length },
  },
  {
    // Each coordinate varies on its own length scale, 1e-3 … 1e3. The shift by 0.5 keeps the derivative of
    // the widest one away from 0 (2e-6·x otherwise), where its 1e-8 relative accuracy is beyond confirmation.
    name: 'mixed-scales-log',
    group: 'badly',
    f: (x) => x.reduce((s, v, k) => s + Math.log1p((MIXED_LOG_S[k] * v + 0.5) ** 2), 0),
    grad: (x) =>
      x.map((v, k) => {
        const s = MIXED_LOG_S[k];
        const u = s * v + 0.5;
        return (2 * s * u) / (1 + u * u);
      }),
    input: { dim: MIXED_LOG_S.length },
  },
  {
    // Coordinates of one point from 1e-6 to 5e6, as in a model with raw, unnormalised features.
    name: 'mixed-magnitude-points',
    group: 'badly',
    f: (x) => x.reduce((s, v) => s + Math.log(v) + Math.sqrt(v), 0),
    grad: (x) => x.map((v) => 1 / v + 0.5 / Math.sqrt(v)),
    input: {
      points: [
        [1.3e-6, 2.1e-3, 0.7, 3.3e3, 4.2e6],
        [5.1e6, 3.7e-6, 1.1e3, 0.02, 8.5],
        [0.45, 7.7e5, 6.2e-5, 2.5e-2, 1.9e2],
      ],
    },
  },
  {
    name: 'log-near-zero',
    group: 'badly',
    f: (x) => x.reduce((s, v) => s + Math.log(v), 0),
    grad: (x) => x.map((v) => 1 / v),
    input: { dim: 4, domain: [1e-3, 1e-2] },
  },
  {
    name: 'sqrt-near-zero',
    group: 'badly',
    f: (x) => x.reduce((s, v) => s + Math.sqrt(v), 0),
    grad: (x) => x.map((v) => 0.5 / Math.sqrt(v)),
    input: { dim: 4, domain: [1e-4, 1e-3] },
  },
  {
    // f never reads x[1]: its derivative is exactly 0, and a relative test of 0 against 0 must not divide.
    name: 'ignored-coordinate',
    group: 'badly',
    f: (x) => x[0] * x[0] + Math.sin(x[2]) * x[3],
    grad: (x) => [2 * x[0], 0, Math.cos(x[2]) * x[3], Math.sin(x[2])],
    input: { dim: 4 },
  },
  {
    // x0 and x1 are read but cancel exactly (a·b and b·a round identically), so both derivatives are 0.
    name: 'cancelling-coordinate',
    group: 'badly',
    f: (x) => x[0] * x[1] - x[1] * x[0] + x[2] * x[2],
    grad: (x) => [0, 0, 2 * x[2]],
    input: { dim: 3 },
  },
  {
    // A sum of 2000 per-item terms of ~1, like a summed loss: each partial derivative is O(1), but f carries
    // the rounding of a running sum that grows to ~2000, which a step of 1e-7 turns into ~1e-6 of error.
    name: 'long-sum',
    group: 'badly',
    f: (x) => {
      let s = 0;
      for (let i = 0; i < LONG_N; i++) {
        const v = x[i];
        const v2 = v * v;
        s += 1 + 0.5 * LONG_C[i] * v2 + LONG_B[i] * v + 0.25 * v2 * v2;
      }
      return s;
    },
    grad: (x) => {
      const g = zeros(LONG_N);
      for (let i = 0; i < LONG_N; i++) {
        const v = x[i];
        g[i] = LONG_C[i] * v + LONG_B[i] + v * v * v;
      }
      return g;
    },
    input: { dim: LONG_N },
  },
  {
    // The value is 1e8 and its rounding (1.5e-8) swamps what a small step changes.
    name: 'huge-offset',
    group: 'badly',
    f: (x) => 1e8 + x.reduce((s, v) => s + v * v, 0),
    grad: (x) => x.map((v) => 2 * v),
    input: { dim: 4 },
  },
  {
    // One derivative of ~1e-6 next to ones of ~1e6.
    name: 'tiny-next-to-huge',
    group: 'badly',
    f: (x) => 1e6 * (x[0] * x[0] + Math.sin(x[1])) + 1e-6 * (x[2] + 2) * (x[2] + 2),
    grad: (x) => [2e6 * x[0], 1e6 * Math.cos(x[1]), 2e-6 * (x[2] + 2)],
    input: { dim: 3 },
  },
];

// ---------------------------------------------------------------------------------------------------------
// float32: f computed in float32, and the gradient too, in float32 arithmetic as a float32 autodiff library
// computes it. Two styles: `fround` after every scalar operation, or Float32Array intermediates per operation
// (as the TF.js CPU backend does: a reduction accumulates in a JS number and is stored once as float32).

/** @type {CatalogEntry[]} */
const float32 = [
  {
    name: 'f32-sum-of-squares',
    group: 'float32',
    f: (x) => {
      let s = 0;
      for (let i = 0; i < x.length; i++) s = r(s + r(F32_SSQ_C[i] * r(x[i] * x[i])));
      return s;
    },
    grad: (x) => x.map((v, i) => r(2 * r(F32_SSQ_C[i] * v))),
    input: { like: new Float32Array(8) },
  },
  {
    // Plain number[] in, float32 inside: f rounds its input itself.
    name: 'f32-rosenbrock',
    group: 'float32',
    f: (x) => {
      const a = x.map(r);
      let s = 0;
      for (let i = 0; i < a.length - 1; i++) {
        const t = r(a[i + 1] - r(a[i] * a[i]));
        const u = r(1 - a[i]);
        s = r(s + r(r(100 * r(t * t)) + r(u * u)));
      }
      return s;
    },
    grad: (x) => {
      const a = x.map(r);
      const g = zeros(a.length);
      for (let i = 0; i < a.length - 1; i++) {
        const t = r(a[i + 1] - r(a[i] * a[i]));
        const u = r(1 - a[i]);
        g[i] = r(g[i] + r(r(-400 * r(a[i] * t)) - r(2 * u)));
        g[i + 1] = r(g[i + 1] + r(200 * t));
      }
      return g;
    },
    input: { dim: 6 },
  },
  {
    // Sigmoid cross-entropy with logits (TF's formula), labels in {0, 1}; the last coordinate is the bias.
    name: 'f32-logistic-loss',
    group: 'float32',
    f: (w) => {
      const m = F32_LOG_M;
      const d = F32_LOG_D;
      const z = new Float32Array(m);
      for (let k = 0; k < m; k++) {
        let acc = 0;
        for (let j = 0; j < d; j++) acc += F32_LOG_X[k * d + j] * w[j];
        z[k] = r(r(acc) + w[d]);
      }
      const loss = new Float32Array(m);
      for (let k = 0; k < m; k++) {
        const zk = z[k];
        const pos = r(Math.max(zk, 0) - r(zk * F32_LOG_Y[k]));
        loss[k] = r(pos + r(Math.log1p(r(Math.exp(-Math.abs(zk))))));
      }
      let total = 0;
      for (let k = 0; k < m; k++) total += loss[k];
      return r(r(total) / m);
    },
    grad: (w) => {
      const m = F32_LOG_M;
      const d = F32_LOG_D;
      const dz = new Float32Array(m);
      for (let k = 0; k < m; k++) {
        let acc = 0;
        for (let j = 0; j < d; j++) acc += F32_LOG_X[k * d + j] * w[j];
        const zk = r(r(acc) + w[d]);
        const s = r(1 / r(1 + r(Math.exp(-zk))));
        dz[k] = r(r(s - F32_LOG_Y[k]) / m);
      }
      const g = new Float32Array(d + 1);
      for (let j = 0; j < d; j++) {
        let acc = 0;
        for (let k = 0; k < m; k++) acc += F32_LOG_X[k * d + j] * dz[k];
        g[j] = acc;
      }
      let acc = 0;
      for (let k = 0; k < m; k++) acc += dz[k];
      g[d] = acc;
      return g;
    },
    input: { like: new Float32Array(F32_LOG_D + 1) },
  },
  {
    // Mean squared error of a 3-6-1 tanh network; parameters as a dict of Float32Arrays, W1 row-major (H×D).
    name: 'f32-mlp',
    group: 'float32',
    f: (p) => {
      const { Hh } = f32MlpForward(p);
      let total = 0;
      for (let k = 0; k < F32_MLP_M; k++) {
        let acc = 0;
        for (let j = 0; j < F32_MLP_H; j++) acc += Hh[k * F32_MLP_H + j] * p.W2[j];
        const res = r(r(r(acc) + p.b2[0]) - F32_MLP_Y[k]);
        total += r(res * res);
      }
      return r(r(total) / F32_MLP_M);
    },
    grad: (p) => {
      const M = F32_MLP_M;
      const D = F32_MLP_D;
      const H = F32_MLP_H;
      const { Hh } = f32MlpForward(p);
      const dr = new Float32Array(M);
      for (let k = 0; k < M; k++) {
        let acc = 0;
        for (let j = 0; j < H; j++) acc += Hh[k * H + j] * p.W2[j];
        const res = r(r(r(acc) + p.b2[0]) - F32_MLP_Y[k]);
        // The gradient of mean(square(res)), as autodiff builds it: (1/M) · (2·res).
        dr[k] = r(r(1 / M) * r(2 * res));
      }
      const g = {
        W1: new Float32Array(H * D),
        b1: new Float32Array(H),
        W2: new Float32Array(H),
        b2: new Float32Array(1),
      };
      let acc = 0;
      for (let k = 0; k < M; k++) acc += dr[k];
      g.b2[0] = acc;
      const dA = new Float32Array(M * H);
      for (let k = 0; k < M; k++) {
        for (let j = 0; j < H; j++) {
          const h = Hh[k * H + j];
          const dh = r(dr[k] * p.W2[j]);
          dA[k * H + j] = r(dh * r(1 - r(h * h)));
        }
      }
      for (let j = 0; j < H; j++) {
        let aw = 0;
        let ab = 0;
        for (let k = 0; k < M; k++) {
          aw += Hh[k * H + j] * dr[k];
          ab += dA[k * H + j];
        }
        g.W2[j] = aw;
        g.b1[j] = ab;
        for (let i = 0; i < D; i++) {
          let a = 0;
          for (let k = 0; k < M; k++) a += dA[k * H + j] * F32_MLP_X[k * D + i];
          g.W1[j * D + i] = a;
        }
      }
      return g;
    },
    input: {
      like: {
        W1: new Float32Array(F32_MLP_H * F32_MLP_D),
        b1: new Float32Array(F32_MLP_H),
        W2: new Float32Array(F32_MLP_H),
        b2: new Float32Array(1),
      },
    },
  },
  {
    name: 'f32-softplus',
    group: 'float32',
    f: (x) => {
      let s = 0;
      for (const v of x) {
        const a = r(v);
        s = r(s + r(Math.max(a, 0) + r(Math.log1p(r(Math.exp(-Math.abs(a)))))));
      }
      return s;
    },
    grad: (x) => x.map((v) => r(1 / r(1 + r(Math.exp(-r(v)))))),
    input: { dim: 6, domain: [-4, 4] },
  },
  {
    name: 'f32-tanh-chain',
    group: 'float32',
    f: (x) => {
      const n = x.length;
      let s = 0;
      for (let i = 0; i < n; i++) {
        const u = r(r(F32_TANH_A[i] * x[i]) + x[(i + 1) % n]);
        s = r(s + r(Math.tanh(u)));
      }
      return s;
    },
    grad: (x) => {
      const n = x.length;
      const g = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const t = r(Math.tanh(r(r(F32_TANH_A[i] * x[i]) + x[(i + 1) % n])));
        const d = r(1 - r(t * t));
        g[i] = r(g[i] + r(F32_TANH_A[i] * d));
        g[(i + 1) % n] = r(g[(i + 1) % n] + d);
      }
      return g;
    },
    input: { like: new Float32Array(5), domain: [-1.5, 1.5] },
  },
  {
    name: 'f32-log-sum-exp',
    group: 'float32',
    f: (x) => {
      const m = x.reduce((a, v) => Math.max(a, v), -Infinity);
      const e = x.map((v) => r(Math.exp(r(v - m))));
      let s = 0;
      for (const v of e) s += v;
      return r(m + r(Math.log(r(s))));
    },
    grad: (x) => {
      const m = x.reduce((a, v) => Math.max(a, v), -Infinity);
      const e = x.map((v) => r(Math.exp(r(v - m))));
      let s = 0;
      for (const v of e) s += v;
      const sum = r(s);
      return e.map((v) => r(v / sum));
    },
    input: { like: new Float32Array(8), domain: [-3, 3] },
  },
];

/**
 * Forward pass of `f32-mlp` up to the hidden activations, shared by f and grad as a framework's tape would.
 * @param {{ W1: Float32Array, b1: Float32Array, W2: Float32Array, b2: Float32Array }} p
 */
function f32MlpForward(p) {
  const M = F32_MLP_M;
  const D = F32_MLP_D;
  const H = F32_MLP_H;
  const Hh = new Float32Array(M * H);
  for (let k = 0; k < M; k++) {
    for (let j = 0; j < H; j++) {
      let acc = 0;
      for (let i = 0; i < D; i++) acc += F32_MLP_X[k * D + i] * p.W1[j * D + i];
      Hh[k * H + j] = Math.tanh(r(r(acc) + p.b1[j]));
    }
  }
  return { Hh };
}

/** @type {CatalogEntry[]} */
export const catalog = [...well, ...badly, ...float32];
