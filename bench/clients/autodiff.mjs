/**
 * Cases from two reverse-mode autodiff libraries: simplegrad (compiles a scalar graph to JavaScript, with
 * float64 or float32 storage) and adnn (scalar and tensor tapes, with determinant, inverse and softmax).
 * Their gradients come from backpropagation, the setting gradcheck is for. simplegrad's rule for sign()
 * is wrong (it passes sign(x) back instead of 0): that case shows the harness catching a library bug.
 */
import { createRequire } from 'node:module';
import { ValueStorage, Variable } from 'simplegrad';

const require = createRequire(import.meta.url);
const ad = require('adnn/ad');
const Tensor = require('adnn/tensor');

/**
 * A simplegrad graph over n inputs, compiled once, as f and its gradient. Its gradients accumulate across
 * backward passes, so every gradient call clears them first, as a training loop would.
 */
function simplegrad(n, build, dtype = 'Float64Array') {
  const vs = new ValueStorage();
  vs.dtype = dtype;
  const xs = Array.from({ length: n }, () => new Variable(vs));
  const out = build(xs);
  out.compile();
  const forward = (x) => {
    const v = typeof x === 'number' ? [x] : x;
    for (let i = 0; i < n; i++) xs[i].setValue(v[i]);
    out.forward();
    return out.getValue();
  };
  const f = (x) => forward(x);
  const grad = (x) => {
    forward(x);
    vs.gv.fill(0);
    out.setGradient(1);
    out.backward();
    const g = xs.map((v) => v.getGradient());
    return typeof x === 'number' ? g[0] : g;
  };
  return { f, grad };
}

/** Σ tanh(x_i x_{i+1}) + softplus(x_i) + sin(x_i)·x_i: a chain that couples neighbours. */
const chain = (xs) =>
  xs.reduce((acc, x, i) => {
    let term = x.exp().add(1).log().add(x.sin().mul(x));
    if (i + 1 < xs.length) term = term.add(x.mul(xs[i + 1]).tanh());
    return acc ? acc.add(term) : term;
  }, null);

/** An adnn function of a flat array, lifted to a Tensor of `shape`; the gradient is the backprop. */
function adnnTensor(shape, body) {
  const size = shape.reduce((a, b) => a * b, 1);
  const lift = (x) => ad.lift(new Tensor(shape).fromFlatArray(Array.from(x.flat ? x.flat() : x)));
  const f = (x) => ad.value(body(lift(x)));
  const grad = (x) => {
    const t = lift(x);
    body(t).backprop();
    const g = ad.derivative(t).toFlatArray();
    if (g.length !== size) throw new Error('adnn gradient has the wrong size');
    return Array.isArray(x[0]) ? x.map((row, i) => row.map((_, j) => g[i * row.length + j])) : Array.from(g);
  };
  return { f, grad };
}

const shift = (n, c) =>
  new Tensor([n, n]).fromFlatArray(Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? c : 0)));
const eye3 = shift(5, 3);

export const cases = [
  {
    name: 'simplegrad chain, n = 200',
    lib: 'simplegrad',
    ...simplegrad(200, chain),
    dim: 200,
    domain: [-2, 2],
    samples: 2,
    seed: 61,
  },
  {
    name: 'simplegrad Σ x·sin x, n = 2000',
    lib: 'simplegrad',
    ...simplegrad(2000, (xs) =>
      xs.reduce((acc, x) => (acc ? acc.add(x.sin().mul(x)) : x.sin().mul(x)), null),
    ),
    dim: 2000,
    domain: [-3, 3],
    samples: 2,
    seed: 62,
  },
  {
    name: 'simplegrad x^y + atan(xy)/y',
    lib: 'simplegrad',
    ...simplegrad(2, ([x, y]) => x.pow(y).add(x.mul(y).atan().div(y))),
    points: [
      [0.5, 1.5],
      [2.5, -0.7],
      [1e-3, 2.2],
    ],
  },
  {
    name: 'float32 simplegrad chain (Float32Array storage), n = 50',
    lib: 'simplegrad',
    float32: true,
    ...simplegrad(50, chain, 'Float32Array'),
    mirror: simplegrad(50, chain).f,
    dim: 50,
    domain: [-2, 2],
    samples: 2,
    seed: 63,
  },
  {
    name: 'simplegrad sign(x) + x² (wrong sign rule)',
    lib: 'simplegrad',
    ...simplegrad(1, ([x]) => x.sign().add(x.mul(x))),
    points: [0.7, -1.3],
  },
  {
    name: 'adnn log Σ exp, n = 1000',
    lib: 'adnn',
    ...adnnTensor([1000], (t) => ad.scalar.log(ad.tensor.sumreduce(ad.tensor.exp(t)))),
    dim: 1000,
    domain: [-3, 3],
    samples: 2,
    seed: 64,
  },
  {
    name: 'adnn determinant 4×4, nested point',
    lib: 'adnn',
    ...adnnTensor([4, 4], (t) => ad.tensor.determinant(t)),
    like: Array.from({ length: 4 }, () => [0, 0, 0, 0]),
    domain: [-1, 1],
    seed: 65,
  },
  {
    name: 'adnn Σ (A + 3I)⁻¹, 5×5',
    lib: 'adnn',
    ...adnnTensor([5, 5], (t) => ad.tensor.sumreduce(ad.tensor.inverse(ad.tensor.add(t, eye3)))),
    dim: 25,
    domain: [-1, 1],
    seed: 66,
  },
  {
    name: 'adnn softmax cross-entropy, n = 100',
    lib: 'adnn',
    ...adnnTensor([100], (t) => ad.scalar.neg(ad.scalar.log(ad.tensor.get(ad.tensor.softmax(t), 7)))),
    dim: 100,
    domain: [-4, 4],
    seed: 67,
  },
];
