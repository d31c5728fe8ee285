// A two-layer tanh network for binary classification whose parameters are a nested object, the way a
// hand-written model keeps them: { layers: [{ W, b }, { W, b }], head: { w }, temperature }.

/** Six examples with 3 features and labels ±1. */
const DATA = [
  { x: [0.5, -1.2, 0.3], y: 1 },
  { x: [-0.7, 0.4, 1.1], y: -1 },
  { x: [1.5, 0.2, -0.6], y: 1 },
  { x: [-0.2, -0.9, -1.4], y: -1 },
  { x: [0.9, 1.3, 0.8], y: 1 },
  { x: [-1.1, 0.6, 0.1], y: -1 },
];

/** Parameters of a 3 → 4 → 5 → 1 network; gradcheck only uses their shape when checking with `like`. */
export const template = {
  layers: [
    { W: zeros(4, 3), b: new Array(4).fill(0) },
    { W: zeros(5, 4), b: new Array(5).fill(0) },
  ],
  head: { w: new Array(5).fill(0) },
  temperature: 1,
};

function zeros(rows, cols) {
  return Array.from({ length: rows }, () => new Array(cols).fill(0));
}

/** The activations of every layer for one input. */
function forward(params, x) {
  const activations = [x];
  for (const { W, b } of params.layers) {
    const input = activations[activations.length - 1];
    activations.push(W.map((row, i) => Math.tanh(row.reduce((s, wij, j) => s + wij * input[j], b[i]))));
  }
  const last = activations[activations.length - 1];
  const out = params.head.w.reduce((s, wi, i) => s + wi * last[i], 0) / params.temperature;
  return { activations, out };
}

/** Mean logistic loss, (1/N) Σ log(1 + e^(−y·out)). */
export function loss(params) {
  let total = 0;
  for (const { x, y } of DATA) total += Math.log1p(Math.exp(-y * forward(params, x).out));
  return total / DATA.length;
}

/**
 * Backpropagation by hand. `biasEntries(n)` is how many of a layer's n bias entries get a gradient: all
 * of them in `backprop`, one fewer in `offByOneBackprop`, whose loop stops at `b.length − 1`.
 */
function backward(params, biasEntries) {
  const grad = {
    layers: params.layers.map(({ W, b }) => ({ W: zeros(W.length, W[0].length), b: b.map(() => 0) })),
    head: { w: params.head.w.map(() => 0) },
    temperature: 0,
  };
  for (const { x, y } of DATA) {
    const { activations, out } = forward(params, x);
    // d/dout of log(1 + e^(−y·out)), averaged over the data.
    const dOut = -y / (1 + Math.exp(y * out)) / DATA.length;
    const last = activations[activations.length - 1];
    grad.temperature += (-dOut * out) / params.temperature;
    params.head.w.forEach((_, i) => {
      grad.head.w[i] += (dOut * last[i]) / params.temperature;
    });
    // δ of the last layer: dOut · w / T through tanh' = 1 − tanh².
    let delta = last.map((h, i) => ((dOut * params.head.w[i]) / params.temperature) * (1 - h * h));
    for (let l = params.layers.length - 1; l >= 0; l--) {
      const input = activations[l];
      const { W } = params.layers[l];
      for (let i = 0; i < biasEntries(W.length); i++) grad.layers[l].b[i] += delta[i];
      W.forEach((row, i) => {
        row.forEach((_, j) => {
          grad.layers[l].W[i][j] += delta[i] * input[j];
        });
      });
      if (l > 0) {
        delta = input.map((h, j) => W.reduce((s, row, i) => s + row[j] * delta[i], 0) * (1 - h * h));
      }
    }
  }
  return grad;
}

/** The gradient of `loss`, in the shape of the parameters. */
export function backprop(params) {
  return backward(params, (n) => n);
}

/** The same with an off-by-one in the bias loop: the last bias of every layer gets no gradient. */
export function offByOneBackprop(params) {
  return backward(params, (n) => n - 1);
}
