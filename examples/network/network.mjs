// The 3-layer network from the deep-learning course's "Gradient Checking"
// assignment (LINEAR->RELU->LINEAR->RELU->LINEAR->SIGMOID, cross-entropy cost),
// with its correct backprop and the assignment's deliberately buggy one.

/** @typedef {number[][]} Matrix */
/** @typedef {{ W1: Matrix, b1: Matrix, W2: Matrix, b2: Matrix, W3: Matrix, b3: Matrix }} Params */

// The course builds X with np.random.seed(1); np.random.randn(4, 3), so these
// are its values (rounded); 4 features x m = 3 examples.
/** @type {Matrix} */
export const X = [
  [1.62434536, -0.61175641, -0.52817175],
  [-1.07296862, 0.86540763, -2.3015387],
  [1.74481176, -0.7612069, 0.3190391],
  [-0.24937038, 1.46210794, -2.06014071],
];

/** @type {Matrix} */
export const Y = [[1, 1, 0]];

/** @type {Array<[keyof Params, number, number]>} */
const SHAPES = [
  ['W1', 5, 4],
  ['b1', 5, 1],
  ['W2', 3, 5],
  ['b2', 3, 1],
  ['W3', 1, 3],
  ['b3', 1, 1],
];

// mulberry32: a tiny seedable PRNG, so parameters are reproducible without numpy.
/** @param {number} seed */
function mulberry32(seed) {
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
 * Standard-normal entries, like the course's np.random.randn test case.
 * The default seed was chosen so that no ReLU input sits near its kink and every
 * hidden unit is active on some example, which makes every dW2 and db1 entry
 * nonzero (see network.verify.mjs).
 * @param {number} [seed]
 * @returns {Params}
 */
export function initParams(seed = 115) {
  const rand = mulberry32(seed);
  // Box-Muller; 1 - u keeps the log argument in (0, 1].
  const randn = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  /** @type {Partial<Params>} */
  const params = {};
  for (const [name, rows, cols] of SHAPES) {
    params[name] = Array.from({ length: rows }, () => Array.from({ length: cols }, randn));
  }
  return /** @type {Params} */ (params);
}

/** @param {Matrix} a @param {Matrix} b @returns {Matrix} */
function matmul(a, b) {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, aik, k) => s + aik * b[k][j], 0)));
}

/** @param {Matrix} a @returns {Matrix} */
function transpose(a) {
  return a[0].map((_, j) => a.map((row) => row[j]));
}

/**
 * W·A + b, broadcasting the column vector b across the m examples.
 * @param {Matrix} W @param {Matrix} A @param {Matrix} b @returns {Matrix}
 */
function linear(W, A, b) {
  return matmul(W, A).map((row, i) => row.map((v) => v + b[i][0]));
}

/** @param {Matrix} a @param {(v: number, i: number, j: number) => number} f @returns {Matrix} */
function map(a, f) {
  return a.map((row, i) => row.map((v, j) => f(v, i, j)));
}

/**
 * scale·np.sum(dZ, axis=1, keepdims=True): a column vector, like the b's.
 * @param {Matrix} dZ @param {number} scale @returns {Matrix}
 */
function rowSums(dZ, scale) {
  return dZ.map((row) => [scale * row.reduce((s, v) => s + v, 0)]);
}

const relu = (/** @type {number} */ z) => (z > 0 ? z : 0);

/** @param {Params} params */
export function forward(params) {
  const Z1 = linear(params.W1, X, params.b1);
  const A1 = map(Z1, relu);
  const Z2 = linear(params.W2, A1, params.b2);
  const A2 = map(Z2, relu);
  const Z3 = linear(params.W3, A2, params.b3);
  const A3 = map(Z3, (z) => 1 / (1 + Math.exp(-z)));
  return { Z1, A1, Z2, A2, Z3, A3 };
}

/**
 * Mean cross-entropy, (1/m)·Σ -(y·log a3 + (1-y)·log(1-a3)).
 * @param {Params} params
 * @returns {number}
 */
export function cost(params) {
  const { Z3 } = forward(params);
  const m = Y[0].length;
  // Same value written in terms of the logit z: max(z,0) - z·y + log1p(e^-|z|).
  // Finite differences divide cost differences by 2h, so avoiding the rounding
  // of log(1 - sigmoid(z)) keeps the numerical gradient honest.
  const losses = Z3[0].map((z, k) => Math.max(z, 0) - z * Y[0][k] + Math.log1p(Math.exp(-Math.abs(z))));
  return losses.reduce((s, v) => s + v, 0) / m;
}

/**
 * @param {Params} params
 * @param {boolean} buggy reproduce backward_propagation_n's two planted bugs
 * @returns {Params}
 */
function backward(params, buggy) {
  const { A1, A2, A3 } = forward(params);
  const m = Y[0].length;
  const dZ3 = map(A3, (a, i, k) => a - Y[i][k]);
  const dW3 = map(matmul(dZ3, transpose(A2)), (v) => v / m);
  const db3 = rowSums(dZ3, 1 / m);
  // ReLU'(z) is taken as 0 at z = 0, like the course's dA2 * (A2 > 0).
  const dZ2 = map(matmul(transpose(params.W3), dZ3), (v, i, k) => (A2[i][k] > 0 ? v : 0));
  // Course bug 1: dW2 = 1./m * np.dot(dZ2, A1.T) * 2
  const dW2 = map(matmul(dZ2, transpose(A1)), (v) => (v / m) * (buggy ? 2 : 1));
  const db2 = rowSums(dZ2, 1 / m);
  const dZ1 = map(matmul(transpose(params.W2), dZ2), (v, i, k) => (A1[i][k] > 0 ? v : 0));
  const dW1 = map(matmul(dZ1, transpose(X)), (v) => v / m);
  // Course bug 2: db1 = 4./m * np.sum(dZ1, axis=1, keepdims=True)
  const db1 = rowSums(dZ1, (buggy ? 4 : 1) / m);
  return { W1: dW1, b1: db1, W2: dW2, b2: db2, W3: dW3, b3: db3 };
}

/**
 * Gradient of `cost`, keyed like the params so it has their shape.
 * @param {Params} params
 * @returns {Params}
 */
export function backprop(params) {
  return backward(params, false);
}

/**
 * The course's backward_propagation_n: dW2 doubled and db1 scaled by 4/m
 * instead of 1/m; everything else is correct.
 * @param {Params} params
 * @returns {Params}
 */
export function buggyBackprop(params) {
  return backward(params, true);
}
