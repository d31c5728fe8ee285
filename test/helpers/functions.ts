/**
 * Functions with hand-derived gradients, shared by the end-to-end tests. Each gradient is written out
 * by hand (no autodiff), so a test that checks it exercises gradcheck, not another library.
 */

/** f(x) = Σ xᵢ². */
export function sumOfSquares(x: readonly number[]): number {
  let s = 0;
  for (const v of x) s += v * v;
  return s;
}

/** ∇ Σ xᵢ² = 2x. */
export function sumOfSquaresGradient(x: readonly number[]): number[] {
  return x.map((v) => 2 * v);
}

/** The Rosenbrock function Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)². */
export function rosenbrock(x: readonly number[]): number {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i + 1]! - x[i]! * x[i]!;
    const b = 1 - x[i]!;
    s += 100 * a * a + b * b;
  }
  return s;
}

export function rosenbrockGradient(x: readonly number[]): number[] {
  const g = new Array<number>(x.length).fill(0);
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i + 1]! - x[i]! * x[i]!;
    g[i]! += -400 * x[i]! * a - 2 * (1 - x[i]!);
    g[i + 1]! += 200 * a;
  }
  return g;
}

/** A fixed, small data set for logistic regression: 6 examples with 3 features and labels ±1. */
export const LOGISTIC_DATA: ReadonlyArray<{ features: readonly number[]; label: 1 | -1 }> = [
  { features: [0.5, -1.2, 0.3], label: 1 },
  { features: [-0.7, 0.4, 1.1], label: -1 },
  { features: [1.5, 0.2, -0.6], label: 1 },
  { features: [-0.2, -0.9, -1.4], label: -1 },
  { features: [0.9, 1.3, 0.8], label: 1 },
  { features: [-1.1, 0.6, 0.1], label: -1 },
];

// Type aliases, not interfaces: an interface has no index signature, so it does not satisfy `Params`.
export type LogisticParams = {
  w: number[];
  b: number;
};

/** Mean logistic loss (1/N) Σ log(1 + exp(−y (w·x + b))). */
export function logisticLoss(p: LogisticParams): number {
  let s = 0;
  for (const { features, label } of LOGISTIC_DATA) {
    const margin = label * (dot(p.w, features) + p.b);
    s += Math.log1p(Math.exp(-margin));
  }
  return s / LOGISTIC_DATA.length;
}

export function logisticLossGradient(p: LogisticParams): LogisticParams {
  const w = p.w.map(() => 0);
  let b = 0;
  for (const { features, label } of LOGISTIC_DATA) {
    const margin = label * (dot(p.w, features) + p.b);
    // d/dm log(1 + e^−m) = −σ(−m).
    const coefficient = -label / (1 + Math.exp(margin)) / LOGISTIC_DATA.length;
    features.forEach((v, j) => {
      w[j]! += coefficient * v;
    });
    b += coefficient;
  }
  return { w, b };
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * A two-layer tanh network as a parameter dict: W1 is 3×3 (square, so a transposed gradient has the
 * right shape and only its values are wrong), b1 a Float64Array, W2 2×3, b2 2 outputs.
 */
export type MlpParams = {
  W1: number[][];
  b1: Float64Array;
  W2: number[][];
  b2: number[];
};

export type MlpGradient = {
  W1: number[][];
  b1: number[];
  W2: number[][];
  b2: number[];
};

const MLP_INPUTS: readonly (readonly number[])[] = [
  [0.3, -0.8, 1.2],
  [-1.0, 0.5, 0.2],
  [0.7, 0.9, -0.4],
  [-0.2, -0.6, -1.1],
];
const MLP_TARGETS: readonly (readonly number[])[] = [
  [0.5, -0.3],
  [-0.2, 0.8],
  [1.0, 0.1],
  [-0.7, -0.5],
];

function forward(p: MlpParams, input: readonly number[]): { hidden: number[]; output: number[] } {
  const hidden = p.W1.map((row, i) => Math.tanh(dot(row, input) + p.b1[i]!));
  const output = p.W2.map((row, k) => dot(row, hidden) + p.b2[k]!);
  return { hidden, output };
}

/** Mean squared error ½·(1/N) Σ ‖ŷ − y‖² of the network over the fixed data set. */
export function mlpLoss(p: MlpParams): number {
  let s = 0;
  MLP_INPUTS.forEach((input, t) => {
    const { output } = forward(p, input);
    output.forEach((v, k) => {
      const r = v - MLP_TARGETS[t]![k]!;
      s += 0.5 * r * r;
    });
  });
  return s / MLP_INPUTS.length;
}

/** Backpropagation through the network, written out by hand. */
export function mlpGradient(p: MlpParams): MlpGradient {
  const g: MlpGradient = {
    W1: p.W1.map((row) => row.map(() => 0)),
    b1: Array.from(p.b1, () => 0),
    W2: p.W2.map((row) => row.map(() => 0)),
    b2: p.b2.map(() => 0),
  };
  const scale = 1 / MLP_INPUTS.length;
  MLP_INPUTS.forEach((input, t) => {
    const { hidden, output } = forward(p, input);
    const dOutput = output.map((v, k) => (v - MLP_TARGETS[t]![k]!) * scale);
    dOutput.forEach((d, k) => {
      g.b2[k]! += d;
      hidden.forEach((h, j) => {
        g.W2[k]![j]! += d * h;
      });
    });
    const dHidden = hidden.map((h, j) => {
      let back = 0;
      dOutput.forEach((d, k) => {
        back += p.W2[k]![j]! * d;
      });
      return back * (1 - h * h);
    });
    dHidden.forEach((d, i) => {
      g.b1[i]! += d;
      input.forEach((v, j) => {
        g.W1[i]![j]! += d * v;
      });
    });
  });
  return g;
}

/** A typical starting point for the network (a template for `like`, or a fixed point). */
export function mlpPoint(): MlpParams {
  return {
    W1: [
      [0.4, -0.3, 0.8],
      [-0.6, 0.2, 0.5],
      [0.1, 0.9, -0.7],
    ],
    b1: Float64Array.from([0.1, -0.2, 0.05]),
    W2: [
      [0.3, -0.5, 0.7],
      [-0.8, 0.6, 0.2],
    ],
    b2: [0.05, -0.1],
  };
}

/**
 * f(x) = Σ c_i x_i², c_i in [1, 2): cheap, O(n), for the scale tests. `gradient(at, wrong)` plants relative
 * errors at coordinates `at`: one size for all (`wrong`, default 1e-3) or one each (`wrong[j]`).
 */
export function weightedSquares(n: number) {
  const c = Float64Array.from({ length: n }, (_, i) => 1 + (i % 7) / 7);
  const f = (x: Float64Array) => {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += c[i]! * x[i]! * x[i]!;
    return s;
  };
  const gradient =
    (at: readonly number[] = [], wrong: number | readonly number[] = 1e-3) =>
    (x: Float64Array) => {
      const g = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) g[i] = 2 * c[i]! * x[i]!;
      at.forEach((i, j) => {
        g[i]! *= 1 + (typeof wrong === 'number' ? wrong : wrong[j]!);
      });
      return g;
    };
  return { f, gradient };
}

/** f(x) = Σ x_i² x_{i+1} + sin(x_0): a smooth function with a full, known Hessian. */
export const cubicChain = {
  f: (x: number[]) =>
    x.reduce((s, v, i) => s + (i + 1 < x.length ? v * v * x[i + 1]! : 0), 0) + Math.sin(x[0]!),
  gradient: (x: number[]) =>
    x.map(
      (v, i) =>
        (i + 1 < x.length ? 2 * v * x[i + 1]! : 0) +
        (i > 0 ? x[i - 1]! ** 2 : 0) +
        (i === 0 ? Math.cos(v) : 0),
    ),
  hessian: (x: number[]) =>
    x.map((_, i) =>
      x.map((__, j) => {
        let h = 0;
        if (i === j && i + 1 < x.length) h += 2 * x[i + 1]!;
        if (j === i + 1) h += 2 * x[i]!;
        if (i === j + 1) h += 2 * x[j]!;
        if (i === 0 && j === 0) h -= Math.sin(x[0]!);
        return h;
      }),
    ),
};
