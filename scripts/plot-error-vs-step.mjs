/**
 * Measures the error of forward and central differences against the step h for a few functions, prints
 * the worked numbers of docs/numerics.md, and renders docs/img/error-vs-step.svg with vega-lite.
 *
 * Run: node scripts/plot-error-vs-step.mjs
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';

const cases = [
  { name: 'exp(x) at x = 1', f: Math.exp, df: Math.exp, x: 1 },
  {
    name: 'sin(1000x) at x = 0.3',
    f: (x) => Math.sin(1000 * x),
    df: (x) => 1000 * Math.cos(1000 * x),
    x: 0.3,
  },
  { name: 'log(x) at x = 0.01', f: Math.log, df: (x) => 1 / x, x: 0.01 },
];

/** The step actually taken: x + h rounded, minus x, so that the difference quotient is exact in h. */
function representable(x, h) {
  return x + h - x;
}

export function measure() {
  const rows = [];
  for (const c of cases) {
    for (let e = -16; e <= -1; e += 0.25) {
      const h = representable(c.x, 10 ** e);
      if (h === 0) continue;
      const exact = c.df(c.x);
      const forward = (c.f(c.x + h) - c.f(c.x)) / h;
      const hc = Math.min(h, c.x - (c.x - h));
      const central = (c.f(c.x + hc) - c.f(c.x - hc)) / (2 * hc);
      const rel = (v) => Math.max(Math.abs(v - exact) / Math.abs(exact), 1e-17);
      rows.push({ function: c.name, h, stencil: 'forward', error: rel(forward) });
      rows.push({ function: c.name, h, stencil: 'central', error: rel(central) });
    }
  }
  return rows;
}

export function workedNumbers() {
  const f = (x) => x * x;
  const h = 0.01;
  const forward = (f(3 + h) - f(3)) / h;
  const central = (f(3 + h) - f(3 - h)) / (2 * h);
  const eps = Math.cbrt(2 ** -52);
  return { forward, central, eps, epsFloat32: Math.cbrt(2 ** -23), sqrtEps: Math.sqrt(2 ** -52) };
}

async function render(rows) {
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: 220,
    height: 200,
    data: { values: rows },
    facet: { column: { field: 'function', type: 'nominal', title: null } },
    spec: {
      width: 220,
      height: 200,
      mark: { type: 'line', point: { size: 12 } },
      encoding: {
        x: {
          field: 'h',
          type: 'quantitative',
          scale: { type: 'log' },
          title: 'step h',
          axis: { format: '.0e' },
        },
        y: {
          field: 'error',
          type: 'quantitative',
          scale: { type: 'log' },
          title: 'relative error',
          axis: { format: '.0e' },
        },
        color: { field: 'stencil', type: 'nominal' },
      },
    },
  };
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  return view.toSVG();
}

/** Relative error of the central difference of each case at the default step and at the course's 1e-7. */
export function errorsAtSteps() {
  return cases.map((c) => {
    const exact = c.df(c.x);
    const at = (h0) => {
      const h = representable(c.x, h0);
      return Math.abs((c.f(c.x + h) - c.f(c.x - h)) / (2 * h) - exact) / Math.abs(exact);
    };
    return {
      name: c.name,
      atDefault: at(Math.cbrt(2 ** -52) * Math.max(1, Math.abs(c.x))),
      atCourse: at(1e-7),
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const svg = await render(measure());
  writeFileSync(new URL('../docs/img/error-vs-step.svg', import.meta.url), svg);
  console.log(
    "Relative error of the central difference at the default step ∛(2⁻⁵²)·max(1, |x|) and at the course's 1e-7:",
  );
  for (const e of errorsAtSteps()) {
    console.log(
      `  ${e.name.padEnd(24)} default ${e.atDefault.toExponential(1)}   h = 1e-7: ${e.atCourse.toExponential(1)}`,
    );
  }
  const w = workedNumbers();
  console.log(`Worked numbers: x² at 3, h = 0.01: forward ${w.forward}, central ${w.central}`);
  console.log(
    `Default relative steps: ∛(2⁻⁵²) = ${w.eps.toExponential(3)}, ∛(2⁻²³) = ${w.epsFloat32.toExponential(3)}, √(2⁻⁵²) = ${w.sqrtEps.toExponential(3)}`,
  );
  console.log('wrote docs/img/error-vs-step.svg');
}
