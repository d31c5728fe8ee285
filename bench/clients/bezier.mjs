/**
 * Cases from bezier-js, whose `derivative(t)` and `dderivative(t)` are the hodographs of its curves:
 * a point's coordinate as a function of t, the first derivative's as a function of t, curves of high order
 * and at a 1e-9 scale, a sum over 2000 parameter values, and arc length against the speed |B'(t)|.
 */
import { Bezier } from 'bezier-js';

const lib = 'bezier-js';
const cubic = new Bezier(0, 0, 1, 2, 3, 3, 4, 0);
const quadratic = new Bezier(-1, 0.5, 0.2, 3, 2, -1);
/** Order 24: 25 control points on a wobbly spiral, far beyond the cubics that most code uses. */
const high = new Bezier(
  Array.from({ length: 25 }, (_, i) => ({ x: i * Math.cos(i / 3), y: i * Math.sin(i / 2) + (i % 3) })),
);
const tiny = new Bezier(0, 0, 1e-9, 2e-9, 3e-9, 3e-9, 4e-9, 0);
const speed = (curve, t) => Math.hypot(curve.derivative(t).x, curve.derivative(t).y);
const inside = [0.01, 0.99];

export const cases = [
  {
    name: 'cubic x(t)',
    lib,
    f: (t) => cubic.get(t).x,
    grad: (t) => cubic.derivative(t).x,
    like: 0,
    domain: inside,
    seed: 51,
  },
  {
    name: 'quadratic y(t), endpoints',
    lib,
    f: (t) => quadratic.get(t).y,
    grad: (t) => quadratic.derivative(t).y,
    points: [0, 1, 0.5],
    refStep: () => 0.1,
  },
  {
    name: "cubic x'(t) → dderivative",
    lib,
    f: (t) => cubic.derivative(t).x,
    grad: (t) => cubic.dderivative(t).x,
    like: 0,
    domain: inside,
    seed: 52,
  },
  {
    name: 'order-24 curve y(t)',
    lib,
    f: (t) => high.get(t).y,
    grad: (t) => high.derivative(t).y,
    like: 0,
    domain: inside,
    samples: 4,
    seed: 53,
  },
  {
    name: 'curve at 1e-9 scale, y(t)',
    lib,
    f: (t) => tiny.get(t).y,
    grad: (t) => tiny.derivative(t).y,
    points: [0.2, 0.5, 0.9],
  },
  {
    name: 'Σ |B(t_i)|², n = 2000',
    lib,
    f: (t) =>
      t.reduce((s, v) => {
        const p = cubic.get(v);
        return s + p.x * p.x + p.y * p.y;
      }, 0),
    grad: (t) =>
      t.map((v) => {
        const p = cubic.get(v);
        const d = cubic.derivative(v);
        return 2 * (p.x * d.x + p.y * d.y);
      }),
    dim: 2000,
    domain: inside,
    samples: 2,
    seed: 54,
  },
  {
    name: 'arc length s(t) = split(t).left.length() → |B′(t)|',
    lib,
    f: (t) => cubic.split(t).left.length(),
    grad: (t) => speed(cubic, t),
    like: 0,
    domain: [0.05, 0.95],
    seed: 55,
  },
];
