/**
 * Second-order benchmark: Hessians (from the gradient, and from second differences of f) and VJPs, on
 * functions with exact second derivatives. Prints the accuracy of the numeric Hessian, the false alarms
 * on exact Hessians and VJPs (target 0), and the detection of a relative 1e-4 error in one Hessian
 * entry or one VJP coordinate.
 *
 * Run: `npm run bench -- second-order` or `node bench/second-order.mjs` (after `npm run build`).
 */
import { checkHessian, checkVJP } from '../dist/index.mjs';

const SEEDS = [1, 2, 3, 4, 5];

/** Functions with exact gradient and Hessian (flat number[] inputs). */
export const hessianCatalog = [
  {
    name: 'quadratic form',
    dim: 4,
    f: (x) => x.reduce((s, v, i) => s + (i + 1) * v * v + v * x[(i + 1) % x.length], 0),
    grad: (x) => x.map((v, i) => 2 * (i + 1) * v + x[(i + 1) % x.length] + x[(i - 1 + x.length) % x.length]),
    hess: (x) =>
      x.map((_, i) =>
        x.map(
          (__, j) =>
            (i === j ? 2 * (i + 1) : 0) +
            (j === (i + 1) % x.length ? 1 : 0) +
            (i === (j + 1) % x.length ? 1 : 0),
        ),
      ),
  },
  {
    name: 'rosenbrock',
    dim: 5,
    f: (x) => x.slice(1).reduce((s, v, i) => s + 100 * (v - x[i] ** 2) ** 2 + (1 - x[i]) ** 2, 0),
    grad: (x) =>
      x.map((v, i) => {
        let g = 0;
        if (i + 1 < x.length) g += -400 * v * (x[i + 1] - v * v) - 2 * (1 - v);
        if (i > 0) g += 200 * (v - x[i - 1] ** 2);
        return g;
      }),
    hess: (x) =>
      x.map((v, i) =>
        x.map((_, j) => {
          if (i === j) return (i + 1 < x.length ? 1200 * v * v - 400 * x[i + 1] + 2 : 0) + (i > 0 ? 200 : 0);
          if (j === i + 1) return -400 * v;
          if (i === j + 1) return -400 * x[j];
          return 0;
        }),
      ),
    domain: [-2, 2],
  },
  {
    name: 'log-sum-exp',
    dim: 5,
    f: (x) => Math.log(x.reduce((s, v) => s + Math.exp(v), 0)),
    grad: (x) => {
      const e = x.map(Math.exp);
      const z = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / z);
    },
    hess: (x) => {
      const e = x.map(Math.exp);
      const z = e.reduce((a, b) => a + b, 0);
      const p = e.map((v) => v / z);
      return p.map((pi, i) => p.map((pj, j) => (i === j ? pi : 0) - pi * pj));
    },
    domain: [-3, 3],
  },
  {
    name: 'sin · cos products',
    dim: 3,
    f: (x) => Math.sin(x[0]) * Math.cos(x[1]) + x[1] * x[2] ** 3,
    grad: (x) => [
      Math.cos(x[0]) * Math.cos(x[1]),
      -Math.sin(x[0]) * Math.sin(x[1]) + x[2] ** 3,
      3 * x[1] * x[2] ** 2,
    ],
    hess: (x) => [
      [-Math.sin(x[0]) * Math.cos(x[1]), -Math.cos(x[0]) * Math.sin(x[1]), 0],
      [-Math.cos(x[0]) * Math.sin(x[1]), -Math.sin(x[0]) * Math.cos(x[1]), 3 * x[2] ** 2],
      [0, 3 * x[2] ** 2, 6 * x[1] * x[2]],
    ],
  },
  {
    name: 'exp(3x)·y²',
    dim: 2,
    f: (x) => Math.exp(3 * x[0]) * x[1] ** 2,
    grad: (x) => [3 * Math.exp(3 * x[0]) * x[1] ** 2, 2 * Math.exp(3 * x[0]) * x[1]],
    hess: (x) => [
      [9 * Math.exp(3 * x[0]) * x[1] ** 2, 6 * Math.exp(3 * x[0]) * x[1]],
      [6 * Math.exp(3 * x[0]) * x[1], 2 * Math.exp(3 * x[0])],
    ],
  },
  {
    name: '1e6 · quartic',
    dim: 3,
    f: (x) => 1e6 * x.reduce((s, v) => s + v ** 4, 0),
    grad: (x) => x.map((v) => 4e6 * v ** 3),
    hess: (x) => x.map((v, i) => x.map((_, j) => (i === j ? 12e6 * v * v : 0))),
  },
  {
    name: 'logistic',
    dim: 3,
    f: (x) => Math.log1p(Math.exp(-(x[0] + 2 * x[1] - x[2]))),
    grad: (x) => {
      const s = 1 / (1 + Math.exp(x[0] + 2 * x[1] - x[2]));
      return [-s, -2 * s, s];
    },
    hess: (x) => {
      const s = 1 / (1 + Math.exp(x[0] + 2 * x[1] - x[2]));
      const w = s * (1 - s);
      const a = [1, 2, -1];
      return a.map((ai) => a.map((aj) => w * ai * aj));
    },
    domain: [-2, 2],
  },
];

/** Functions R^n → R^m with exact VJPs. */
export const vjpCatalog = [
  {
    name: 'polar to cartesian',
    dim: 2,
    f: (x) => [x[0] * Math.cos(x[1]), x[0] * Math.sin(x[1])],
    vjp: (x, u) => [
      u[0] * Math.cos(x[1]) + u[1] * Math.sin(x[1]),
      -u[0] * x[0] * Math.sin(x[1]) + u[1] * x[0] * Math.cos(x[1]),
    ],
  },
  {
    name: 'softmax',
    dim: 4,
    f: (x) => {
      const e = x.map(Math.exp);
      const z = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / z);
    },
    vjp: (x, u) => {
      const e = x.map(Math.exp);
      const z = e.reduce((a, b) => a + b, 0);
      const p = e.map((v) => v / z);
      const dot = p.reduce((s, pi, i) => s + pi * u[i], 0);
      return p.map((pi, i) => pi * (u[i] - dot));
    },
  },
  {
    name: 'matrix-vector tanh layer',
    dim: 3,
    f: (x) => [Math.tanh(x[0] - 2 * x[1]), Math.tanh(0.5 * x[1] + x[2]), x[0] * x[2]],
    vjp: (x, u) => {
      const d0 = 1 - Math.tanh(x[0] - 2 * x[1]) ** 2;
      const d1 = 1 - Math.tanh(0.5 * x[1] + x[2]) ** 2;
      return [u[0] * d0 + u[2] * x[2], -2 * u[0] * d0 + 0.5 * u[1] * d1, u[1] * d1 + u[2] * x[0]];
    },
  },
];

function relErr(exact, numeric, floor) {
  const scale = Math.max(Math.abs(exact), floor);
  return scale === 0 ? 0 : Math.abs(exact - numeric) / scale;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The largest-magnitude entry of the Hessian, scaled by (1 + delta). */
function mutateHessian(hess, delta) {
  return (x) => {
    const h = hess(x).map((row) => row.slice());
    let best = [0, 0];
    h.forEach((row, i) => {
      row.forEach((v, j) => {
        if (Math.abs(v) > Math.abs(h[best[0]][best[1]])) best = [i, j];
      });
    });
    h[best[0]][best[1]] *= 1 + delta;
    return h;
  };
}

export function hessianFigures() {
  const rows = [];
  for (const source of ['gradient', 'second differences of f']) {
    const errors = [];
    let falseAlarms = 0;
    let checks = 0;
    let caught = 0;
    let mutants = 0;
    let evaluations = 0;
    for (const entry of hessianCatalog) {
      for (const seed of SEEDS) {
        const options = { dim: entry.dim, seed, ...(entry.domain ? { domain: entry.domain } : {}) };
        if (source === 'gradient') options.gradient = entry.grad;
        const report = checkHessian(entry.f, entry.hess, options);
        checks++;
        evaluations += report.evaluations / report.samples.length;
        if (!report.pass) falseAlarms++;
        for (const s of report.samples) {
          // Entries that are exactly 0 are measured against 1e-6 of the sample's largest entry.
          const scale = Math.max(...s.coordinates.map((c) => Math.abs(c.analytic)));
          for (const c of s.coordinates) errors.push(relErr(c.analytic, c.numeric, 1e-6 * scale));
        }
        mutants++;
        if (!checkHessian(entry.f, mutateHessian(entry.hess, 1e-4), options).pass) caught++;
      }
    }
    rows.push({
      source,
      median: median(errors),
      worst: Math.max(...errors),
      falseAlarms: `${falseAlarms} of ${checks}`,
      detection: `${((100 * caught) / mutants).toFixed(0)}% of ${mutants}`,
      evaluations: (evaluations / checks).toFixed(0),
    });
  }
  return rows;
}

export function vjpFigures() {
  let falseAlarms = 0;
  let checks = 0;
  let caught = 0;
  let named = 0;
  let mutants = 0;
  for (const entry of vjpCatalog) {
    for (const seed of SEEDS) {
      const options = { dim: entry.dim, seed };
      checks++;
      if (!checkVJP(entry.f, entry.vjp, options).pass) falseAlarms++;
      for (let k = 0; k < entry.dim; k++) {
        const wrong = (x, u) => entry.vjp(x, u).map((v, i) => (i === k ? v * (1 + 1e-4) : v));
        const report = checkVJP(entry.f, wrong, options);
        mutants++;
        if (!report.pass) caught++;
        const paths = new Set(
          report.samples.flatMap((s) => s.coordinates.filter((c) => !c.ok).map((c) => c.path)),
        );
        if (paths.size === 1 && paths.has(`x[${k}]`)) named++;
      }
    }
  }
  return { falseAlarms, checks, caught, named, mutants };
}

export function run() {
  const hessian = hessianFigures();
  const lines = [
    'Hessians: numeric against exact, over 7 functions × 5 seeds × 3 samples (zero entries measured against 1e-6 of the largest)',
    '',
    'source                     median rel. error  worst rel. error  false alarms  1e-4 in largest entry caught  calls/sample',
    ...hessian.map(
      (r) =>
        `${r.source.padEnd(26)} ${r.median.toExponential(1).padStart(17)}  ${r.worst.toExponential(1).padStart(16)}  ${r.falseAlarms.padStart(12)}  ${r.detection.padStart(29)}  ${r.evaluations.padStart(12)}`,
    ),
  ];
  lines.push(
    '(calls/sample: of the gradient in the first row, of f in the second: each numeric gradient costs 4n calls of f)',
  );
  const vjp = vjpFigures();
  lines.push(
    '',
    `VJPs over 3 functions × 5 seeds: false alarms ${vjp.falseAlarms} of ${vjp.checks}; a relative 1e-4 error in one coordinate of uᵀJ caught in ${vjp.caught} of ${vjp.mutants}, named exactly (that coordinate alone) in ${vjp.named} of ${vjp.mutants}`,
  );
  const text = lines.join('\n');
  console.log(text);
  return { hessian, vjp, text };
}

if (import.meta.url === `file://${process.argv[1]}`) run();
