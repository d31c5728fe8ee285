/**
 * Accuracy and detection benchmark over the function catalog (bench/catalog.mjs).
 *
 * - Accuracy: median and worst relative error of the numeric gradient for each stencil, next to the
 *   course's recipe (central, h = 1e-7) and a fixed step h = 1e-6, at the same points in the same run.
 * - Detection: mutants of the exact gradient, checked at default settings; false alarms on the exact
 *   gradients; the same mutants judged by the course's rule and by PyTorch's allclose rule.
 *
 * Run: `npm run bench -- accuracy` or `node bench/accuracy.mjs` (after `npm run build`).
 */
import { checkGradient } from '../dist/index.mjs';
import { fixedStep, flatten, pytorchLikeVerdict, seedRecipe, seedVerdict, unflatten } from './baselines.mjs';
import { catalog } from './catalog.mjs';

const SEED = 2024;
const SAMPLES = 3;
const DELTAS = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6];
const GROUPS = ['well', 'badly', 'float32'];

/**
 * Relative error of one numeric partial, with the denominator floored at 1e-6 of the gradient's largest
 * entry so that an exactly-zero partial does not divide by zero.
 */
function relativeErrors(numeric, exact) {
  const scale = Math.max(...exact.map(Math.abs));
  return numeric.map(
    (n, i) => Math.abs(n - exact[i]) / Math.max(Math.abs(exact[i]), 1e-6 * scale, Number.MIN_VALUE),
  );
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function options(entry, extra = {}) {
  return { ...entry.input, seed: SEED, samples: SAMPLES, ...extra };
}

/** The points a check of this entry visits: the same for every method, as they depend on the seed only. */
function pointsOf(report) {
  return report.samples.map((s) => s.point);
}

/** f and its exact gradient on flat vectors, for the baselines. */
function flatFunctions(entry, point) {
  const template = entry.input.like ?? point;
  const f = (v) => entry.f(unflatten(template, v));
  const grad = (v) => Array.from(flatten(entry.grad(unflatten(template, v))));
  return { f, grad };
}

export function accuracy() {
  const methods = ['central', 'central4', 'richardson', 'forward'];
  const columns = ['default', ...methods, 'course h=1e-7', 'fixed h=1e-6'];
  const errors = Object.fromEntries(GROUPS.map((g) => [g, Object.fromEntries(columns.map((c) => [c, []]))]));
  for (const entry of catalog) {
    const sink = errors[entry.group];
    const reference = checkGradient(entry.f, entry.grad, options(entry));
    const exact = reference.samples.flatMap((s) => s.coordinates.map((c) => c.analytic));
    sink.default.push(
      ...relativeErrors(
        reference.samples.flatMap((s) => s.coordinates.map((c) => c.numeric)),
        exact,
      ),
    );
    for (const method of methods) {
      const report = checkGradient(
        entry.f,
        entry.grad,
        options(entry, { method, refine: method === 'richardson' }),
      );
      sink[method].push(
        ...relativeErrors(
          report.samples.flatMap((s) => s.coordinates.map((c) => c.numeric)),
          exact,
        ),
      );
    }
    for (const point of pointsOf(reference)) {
      const { f, grad } = flatFunctions(entry, point);
      const x = Array.from(flatten(point));
      const g = grad(x);
      sink['course h=1e-7'].push(...relativeErrors(Array.from(seedRecipe(f, x, 1e-7).numeric), g));
      sink['fixed h=1e-6'].push(...relativeErrors(Array.from(fixedStep(f, x, 1e-6).numeric), g));
    }
  }
  const rows = [];
  for (const group of GROUPS) {
    for (const column of columns) {
      const values = errors[group][column].map((v) => (Number.isNaN(v) ? Number.POSITIVE_INFINITY : v));
      rows.push({
        group,
        method: column,
        median: median(values),
        worst: Math.max(...values),
        count: values.length,
      });
    }
  }
  return rows;
}

/** Index of the largest and of the smallest nonzero |g|. */
function extremes(g) {
  let largest = 0;
  let smallest = -1;
  for (let i = 0; i < g.length; i++) {
    if (Math.abs(g[i]) > Math.abs(g[largest])) largest = i;
    if (g[i] !== 0 && (smallest < 0 || Math.abs(g[i]) < Math.abs(g[smallest]))) smallest = i;
  }
  return { largest, smallest };
}

/** Mutant classes: each maps a flat exact gradient (a copy) to a wrong one, or returns false to skip. */
function mutants() {
  const list = [
    {
      name: 'flip sign of largest',
      mutate: (g, { largest }) => {
        g[largest] = -g[largest];
        return g[largest] !== 0;
      },
    },
    {
      name: 'zero largest',
      mutate: (g, { largest }) => {
        g[largest] = 0;
        return true;
      },
    },
    {
      name: 'swap largest and smallest',
      mutate: (g, { largest, smallest }) => {
        if (smallest < 0 || g[largest] === g[smallest]) return false;
        [g[largest], g[smallest]] = [g[smallest], g[largest]];
        return true;
      },
    },
    {
      name: 'double all',
      mutate: (g) => {
        for (let i = 0; i < g.length; i++) g[i] *= 2;
        return g.some((v) => v !== 0);
      },
    },
  ];
  for (const which of ['largest', 'smallest']) {
    for (const delta of DELTAS) {
      list.push({
        name: `${which} × (1+δ)`,
        which,
        delta,
        mutate: (g, ext) => {
          const i = ext[which];
          if (i < 0 || g[i] === 0) return false;
          g[i] *= 1 + delta;
          return true;
        },
      });
    }
  }
  return list;
}

export function detection() {
  const results = [];
  let falseAlarms = 0;
  let checks = 0;
  const falseAlarmNames = [];
  for (const entry of catalog) {
    const exactReport = checkGradient(entry.f, entry.grad, options(entry));
    checks++;
    if (!exactReport.pass) {
      falseAlarms++;
      falseAlarmNames.push(entry.name);
    }
    for (const mutant of mutants()) {
      let applicable = true;
      const wrongGrad = (x) => {
        const g = Array.from(flatten(entry.grad(x)));
        if (!mutant.mutate(g, extremes(g))) applicable = false;
        return g;
      };
      const report = checkGradient(entry.f, wrongGrad, options(entry));
      if (!applicable) continue;
      // The same mutant judged by the course's global rule and by PyTorch's allclose at its default step.
      let courseCaught = false;
      let torchCaught = false;
      for (const point of pointsOf(report)) {
        const { f, grad } = flatFunctions(entry, point);
        const x = Array.from(flatten(point));
        const wrong = grad(x);
        mutant.mutate(wrong, extremes(wrong));
        if (!seedVerdict(wrong, seedRecipe(f, x, 1e-7).numeric)) courseCaught = true;
        if (!pytorchLikeVerdict(wrong, fixedStep(f, x, 1e-6).numeric)) torchCaught = true;
      }
      results.push({
        entry: entry.name,
        group: entry.group,
        mutant: mutant.name,
        delta: mutant.delta,
        caught: !report.pass,
        courseCaught,
        torchCaught,
        evaluationsPerCoordinate: report.evaluations / (report.n * report.samples.length),
      });
    }
  }
  return { results, falseAlarms, checks, falseAlarmNames };
}

function percent(part, whole) {
  return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(part === whole ? 0 : 1)}%`;
}

function pad(cells, widths) {
  return cells
    .map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
    .join('  ');
}

function printTable(title, header, rows) {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => String(r[j]).length)));
  const lines = [
    title,
    '',
    pad(header, widths),
    pad(
      widths.map((w) => '-'.repeat(w)),
      widths,
    ),
    ...rows.map((r) => pad(r, widths)),
  ];
  return lines.join('\n');
}

export function formatAccuracy(rows) {
  return printTable(
    'Accuracy: relative error of the numeric gradient over the catalog (3 samples each)',
    ['group', 'method', 'median', 'worst', 'partials'],
    rows.map((r) => [r.group, r.method, r.median.toExponential(1), r.worst.toExponential(1), r.count]),
  );
}

export function formatDetection({ results, falseAlarms, checks, falseAlarmNames }) {
  const classes = [
    ...new Set(results.map((r) => `${r.mutant}${r.delta ? ` δ=${r.delta.toExponential(0)}` : ''}`)),
  ];
  const rows = classes.map((name) => {
    const of = results.filter(
      (r) => `${r.mutant}${r.delta ? ` δ=${r.delta.toExponential(0)}` : ''}` === name,
    );
    const cells = [name];
    for (const group of GROUPS) {
      const g = of.filter((r) => r.group === group);
      cells.push(`${percent(g.filter((r) => r.caught).length, g.length)} of ${g.length}`);
    }
    const f64 = of.filter((r) => r.group !== 'float32');
    cells.push(percent(f64.filter((r) => r.courseCaught).length, f64.length));
    cells.push(percent(f64.filter((r) => r.torchCaught).length, f64.length));
    return cells;
  });
  const table = printTable(
    'Detection at default settings (a mutant counts as caught when the check fails)',
    ['mutant', 'well', 'badly', 'float32', 'course rule (f64)', 'PyTorch rule (f64)'],
    rows,
  );
  const evals = results.map((r) => r.evaluationsPerCoordinate);
  return [
    table,
    '',
    `False alarms on the exact gradients: ${falseAlarms} of ${checks} catalog functions${falseAlarmNames.length ? ` (${falseAlarmNames.join(', ')})` : ''}`,
    `Evaluations of f per coordinate and sample on the mutants: median ${median(evals).toFixed(2)}, worst ${Math.max(...evals).toFixed(2)}`,
  ].join('\n');
}

export function run() {
  const accuracyRows = accuracy();
  console.log(formatAccuracy(accuracyRows));
  console.log('');
  const detected = detection();
  console.log(formatDetection(detected));
  return { accuracy: accuracyRows, detection: detected };
}

if (import.meta.url === `file://${process.argv[1]}`) run();
