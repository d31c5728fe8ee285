/**
 * The targets of issue 16 ("At the limit of cost"), each printed beside the value this run measured.
 *
 *   node bench/targets.mjs           print the table (run `npx tsdown` first: it imports the BUILT package)
 *   node bench/performance.mjs       prints it too, first, with the directional and memory rows filled in
 *
 * Every ratio compares like with like in one process: a check of f against a bare in-place loop of the
 * same 2n·S calls of the same f on the same object, interleaved repeat by repeat, and the median of the
 * per-repeat ratios (other work on the machine then slows both sides of a repeat alike). Nothing here is
 * asserted by a test: the table says what was met and what was not, on this machine, in this run.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bareCalls, quadratic } from './performance.mjs';

const DIST = process.env.GRADCHECK_DIST ?? new URL('../dist/index.mjs', import.meta.url).href;
const here = fileURLToPath(import.meta.url);
const now = () => performance.now();
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const fixed = (v, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));

/**
 * f = Σ c_i x_i² over a flat Float64Array (quadratic of performance.mjs, the f of every table there), or
 * over a params object { W1: 25×30, b1: 25, W2: 9×25 } of arrays of numbers (1000 coordinates), with its
 * gradient and a bare loop of 2n perturbed calls. Compiled afresh per instance, so that each f has one
 * closure (see quadratic).
 */
export function instance(kind, n) {
  if (kind === 'flat') {
    const { f, gradient } = quadratic(n);
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = Math.sin(i + 1);
    return { f, gradient: gradient(), like: x, point: () => x.slice(), bare: (y) => bareCalls(f, y) };
  }
  const shape = { W1: [25, 30], b1: [25], W2: [9, 25] };
  const f = new Function(
    'return (p) => { let s = 0; for (const k of ["W1", "b1", "W2"]) { const a = p[k]; for (let i = 0; i < a.length; i++) { const r = a[i]; if (typeof r === "number") s += r * r; else for (let j = 0; j < r.length; j++) s += r[j] * r[j]; } } return s; };',
  )();
  const make = (fill) =>
    Object.fromEntries(
      Object.entries(shape).map(([k, [rows, cols]]) => [
        k,
        Array.from({ length: rows }, (_, i) =>
          cols === undefined ? fill(k, i) : Array.from({ length: cols }, (_, j) => fill(k, i, j)),
        ),
      ]),
    );
  const value = (k, i, j = 0) => Math.sin(k.length * 31 + i * 7 + j + 1);
  const gradient = (p) =>
    Object.fromEntries(
      Object.entries(p).map(([k, a]) => [
        k,
        a.map((r) => (typeof r === 'number' ? 2 * r : r.map((v) => 2 * v))),
      ]),
    );
  // The same loop over each leaf array of the object: the rows of W1 and W2, and b1.
  const bare = (p) => {
    let sink = 0;
    for (const leaf of [...p.W1, p.b1, ...p.W2]) sink += bareCalls(f, leaf, leaf.length, p);
    return sink;
  };
  return { f, gradient, like: make(value), point: () => make(value), bare };
}

/** Check ÷ bare 2n·S, samples: 1, interleaved repeats, the median of the per-repeat ratios. */
export function ratio(lib, kind, n, repeats = 31) {
  const { f, gradient, like, point, bare } = instance(kind, n);
  const options = {
    points: [like],
    samples: 1,
    mode: 'coordinate',
    timeLimit: Number.POSITIVE_INFINITY,
    maxEvaluations: Number.POSITIVE_INFINITY,
  };
  const inner = Math.max(1, Math.round(2e4 / n));
  for (let r = 0; r < 5 * inner; r++) lib.checkGradient(f, gradient, options);
  const y = point();
  for (let r = 0; r < 5 * inner; r++) bare(y);
  const ratios = [];
  const checks = [];
  let report;
  for (let r = 0; r < repeats; r++) {
    let t = now();
    for (let k = 0; k < inner; k++) report = lib.checkGradient(f, gradient, options);
    const check = (now() - t) / inner;
    t = now();
    for (let k = 0; k < inner; k++) bare(y);
    const base = (now() - t) / inner;
    ratios.push(check / base);
    checks.push(check);
  }
  return {
    ratio: median(ratios),
    checkMs: median(checks),
    evaluations: report.evaluations,
    pass: report.pass,
  };
}

/** The first check in a fresh process against the same check warm, in a child (`--cold n`). */
function coldChild(n) {
  const lib = globalThis.__lib;
  const { f, gradient, like } = instance('flat', n);
  const options = { points: [like], samples: 1, mode: 'coordinate' };
  return firstAndWarm(() => lib.checkGradient(f, gradient, options));
}

/**
 * The floor under the first check: the bare loop of the same 2n calls of the same f, first in a fresh
 * process of its own (`--cold-bare n`) against itself warm. f runs unoptimised at first, as does any code.
 */
function coldBareChild(n) {
  const { bare, point } = instance('flat', n);
  const y = point();
  return firstAndWarm(() => bare(y));
}

/** The time of body's first call, and the median of 200 calls after it. */
function firstAndWarm(body) {
  let t = now();
  body();
  const first = now() - t;
  const warm = [];
  for (let r = 0; r < 200; r++) {
    t = now();
    body();
    warm.push(now() - t);
  }
  return { first, warm: median(warm) };
}

/** A child of this script, given `args`: the JSON of its last line. */
function child(args) {
  const run = spawnSync(process.execPath, [here, ...args], { encoding: 'utf8', env: process.env });
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`child ${args.join(' ')} failed: ${run.stderr || run.stdout}`);
  }
}

/** Fresh processes each first-check measurement runs in: one first call moves by half from run to run. */
const COLD_RUNS = 3;

/** The run of median first ÷ warm, of COLD_RUNS children given `args`. */
function medianChild(args) {
  const runs = Array.from({ length: COLD_RUNS }, () => child(args));
  return runs.sort((a, b) => a.first / a.warm - b.first / b.warm)[runs.length >> 1];
}

/**
 * The first check at n in a fresh process and its warm time, and the same of the bare loop (see
 * coldBareChild): each the median of COLD_RUNS fresh processes.
 */
function cold(n) {
  const check = medianChild(['--cold', String(n)]);
  const bare = medianChild(['--cold-bare', String(n)]);
  return { n, ...check, bareFirst: bare.first, bareWarm: bare.warm };
}

/** Evaluations of f on a correct gradient beyond 2n·S + 8·S, at the default samples (3). */
function extraEvaluations(lib, n) {
  const { f, gradient } = instance('flat', n);
  const report = lib.checkGradient(f, gradient, {
    like: new Float64Array(n),
    mode: 'coordinate',
    timeLimit: Number.POSITIVE_INFINITY,
    maxEvaluations: Number.POSITIVE_INFINITY,
  });
  const samples = report.samples.length;
  return {
    n,
    samples,
    evaluations: report.evaluations,
    extra: report.evaluations - 2 * n * samples - 8 * samples,
  };
}

/** The per-coordinate rows of the table (the directional and memory rows come from performance.mjs). */
export function measureCoordinate(lib) {
  const at100 = ratio(lib, 'flat', 100);
  const at10 = ratio(lib, 'flat', 10);
  const at1000 = ratio(lib, 'flat', 1000);
  const params = ratio(lib, 'params', 1000);
  // The fixed cost: where the line through the check times at n = 10 and n = 100 meets n = 0.
  const perCoordinate = (at100.checkMs - at10.checkMs) / 90;
  const fixedCost = at10.checkMs - 10 * perCoordinate;
  // n = 1 as well: nearly no work per coordinate, so that its first check is the cost of compiling the
  // check's code on first use, the floor under every first check.
  const colds = [1, 100, 1000].map(cold);
  const extras = [1, 10, 100, 1000, 10_000].map((n) => extraEvaluations(lib, n));
  return { at100, at1000, params, fixedCost, colds, extras };
}

/** A planted coordinate of seed s in [0, n), from a hash (the same for every run). */
function plantedAt(n, s) {
  let h = Math.imul(s ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) % n;
}

/** Checks of the correct gradient whose median time the directional row gives. */
const TIME_RUNS = 5;

/**
 * Directional mode at n (1e6), default options: evaluations and time on a correct gradient (time against
 * the time inside its calls of f), and over `seeds` seeds a relative error of 1e-4 in one coordinate:
 * caught and named exactly, and the evaluations it adds over the correct gradient at the same seed.
 */
export function measureDirectional(lib, n, seeds) {
  const { f, gradient: planted } = quadratic(n);
  const gradient = (at) => (at >= 0 ? planted([at], [1e-4]) : planted());
  const like = new Float64Array(n);
  const run = (seed, at) => {
    let inF = 0;
    const timed = (x) => {
      const t = now();
      const value = f(x);
      inF += now() - t;
      return value;
    };
    const t = now();
    const report = lib.checkGradient(timed, gradient(at), {
      like,
      seed,
      timeLimit: Number.POSITIVE_INFINITY,
    });
    return { report, ms: now() - t, inF };
  };
  run(1, -1); // warm-up
  // Time: the median of TIME_RUNS checks of the correct gradient, since one moves by a fifth on a busy machine.
  const timings = Array.from({ length: TIME_RUNS }, () => run(undefined, -1));
  const ratios = timings.map((t) => t.ms / t.inF).sort((a, b) => a - b);
  const correct = timings[0];
  const naming = namingOver(n, seeds, (seed, at) => run(seed, at).report);
  return {
    correct: correct.report.evaluations,
    timeInF: ratios[ratios.length >> 1],
    timeRange: [ratios[0], ratios.at(-1)],
    timeRuns: ratios.length,
    ...naming,
  };
}

/**
 * Over `seeds` seeds, a relative error of 1e-4 planted in one coordinate (plantedAt), checked by
 * `check(seed, at)` (at −1: the correct gradient): how often it is caught and named exactly, and the
 * evaluations it adds over the correct gradient at the same seed, median and most.
 */
function namingOver(n, seeds, check) {
  const extras = [];
  let named = 0;
  for (let s = 0; s < seeds; s++) {
    const seed = 1000 + s;
    const at = plantedAt(n, s);
    const clean = check(seed, -1);
    const wrong = check(seed, at);
    const paths = new Set(wrong.samples.flatMap((sample) => sample.localization?.named ?? []));
    if (!wrong.pass && paths.size === 1 && paths.has(`x[${at}]`)) named++;
    extras.push(wrong.evaluations - clean.evaluations);
  }
  const sorted = extras.sort((a, b) => a - b);
  return { named, seeds, extraMedian: sorted[sorted.length >> 1], extraMost: sorted.at(-1) };
}

/** scipy's rosen and rosen_der over a Float64Array, with a relative error `wrong` planted at `at` (−1: none). */
function rosenbrock() {
  const f = (x) => {
    let s = 0;
    for (let i = 0; i + 1 < x.length; i++) {
      const a = x[i + 1] - x[i] * x[i];
      const b = 1 - x[i];
      s += 100 * a * a + b * b;
    }
    return s;
  };
  const gradient = (at, wrong) => (x) => {
    const d = new Float64Array(x.length);
    for (let i = 0; i + 1 < x.length; i++) {
      const a = x[i + 1] - x[i] * x[i];
      d[i] += -400 * x[i] * a - 2 * (1 - x[i]);
      d[i + 1] += 200 * a;
    }
    if (at >= 0) d[at] *= 1 + wrong;
    return d;
  };
  return { f, gradient };
}

/**
 * The naming rows again on a function the quadratic does not resemble: scipy's Rosenbrock, quartic and
 * coupled, whose wide-step differences are truncated where Σ c·x²'s are exact. Over `seeds` seeds, a
 * relative error of 1e-4 in one partial: caught and named exactly, and the evaluations it adds.
 */
export function measureRosenbrock(lib, n, seeds) {
  const { f, gradient } = rosenbrock();
  const like = new Float64Array(n);
  const check = (seed, at) =>
    lib.checkGradient(f, gradient(at, 1e-4), { like, seed, timeLimit: Number.POSITIVE_INFINITY });
  return { n, ...namingOver(n, seeds, check) };
}

/** A row: what, target, measured, and whether it was met. */
const row = (what, target, measured, met) => [
  what,
  target,
  measured,
  met === undefined ? '—' : met ? 'yes' : 'no',
];

/** The rows of naming one planted 1e-4 error over seeds (measureDirectional, measureRosenbrock). */
const namingRows = (what, d) => [
  row(
    `${what}: more evaluations to name one 1e-4 error (median of seeds)`,
    '≤ 50',
    `${d.extraMedian} (most ${d.extraMost})`,
    d.extraMedian <= 50,
  ),
  row(
    `${what}: that error caught and named`,
    `${d.seeds} of ${d.seeds} seeds`,
    `${d.named} of ${d.seeds}`,
    d.named === d.seeds,
  ),
];

/** The table's rows, from measureCoordinate and (when given) the directional and memory measurements. */
export function targetRows(c, extra = {}) {
  const rows = [
    row('check ÷ bare 2n·S, n = 1000, flat array', '≤ 1.10', fixed(c.at1000.ratio), c.at1000.ratio <= 1.1),
    row(
      'check ÷ bare 2n·S, params object of 1000 coordinates',
      '≤ 1.10',
      fixed(c.params.ratio),
      c.params.ratio <= 1.1,
    ),
    row('check ÷ bare 2n·S, n = 100', '≤ 2', fixed(c.at100.ratio), c.at100.ratio <= 2),
    row('fixed cost per check, warm', '≤ 10 µs', `${fixed(1000 * c.fixedCost, 0)} µs`, c.fixedCost <= 0.01),
    ...c.colds.map((d) =>
      row(
        `first check in a fresh process ÷ warm, n = ${d.n}${d.n === 1 ? ' (compiling on first use)' : ''} (median of ${COLD_RUNS})`,
        d.n === 1 ? '—' : '≤ 3',
        `${fixed(d.first / d.warm, 1)} (${fixed(d.first, 1)} ms ÷ ${fixed(d.warm, 2)} ms); a bare loop of its 2n calls: ${fixed(d.bareFirst / d.bareWarm, 1)}`,
        d.n === 1 ? undefined : d.first / d.warm <= 3,
      ),
    ),
    ...c.extras.map((e) =>
      row(
        `evaluations beyond 2n·S + 8·S, correct gradient, n = ${e.n}, S = ${e.samples}`,
        '≤ 40',
        `${e.extra} (${e.evaluations} in all)`,
        e.extra <= 40,
      ),
    ),
  ];
  if (extra.forced) {
    // The first table's check at its largest n: per coordinate by `mode`, where auto would go directional.
    const f = extra.forced;
    const beyond = f.evaluations - 2 * f.n - 8 * f.samples;
    rows.push(
      row(
        `evaluations beyond 2n·S + 8·S, correct gradient, n = ${f.n.toExponential(0).replace('e+', 'e')}, S = ${f.samples}, mode: 'coordinate' (auto: directional)`,
        '≤ 40',
        `${beyond} (${f.evaluations} in all)`,
        beyond <= 40,
      ),
    );
  }
  if (extra.directional) {
    const d = extra.directional;
    rows.push(
      row('directional n = 1e6: evaluations, correct gradient', '≤ 40', String(d.correct), d.correct <= 40),
      ...namingRows('directional n = 1e6', d),
      row(
        `directional n = 1e6: time ÷ time in its calls of f (median of ${d.timeRuns})`,
        '≤ 3',
        `${fixed(d.timeInF, 1)} (${fixed(d.timeRange[0], 1)}–${fixed(d.timeRange[1], 1)})`,
        d.timeInF <= 3,
      ),
    );
  }
  if (extra.rosenbrock) rows.push(...namingRows("directional n = 1e6, scipy's Rosenbrock", extra.rosenbrock));
  if (extra.memory) {
    for (const m of extra.memory) {
      rows.push(
        row(
          `directional n = 1e6: peak memory ÷ 8n, ${m.fresh ? 'a new gradient array each call' : 'a gradient array of its own'} (median of ${m.runs})`,
          '≤ 2.5',
          `${fixed(m.peak)} (${fixed(m.least)}–${fixed(m.most)}); its gradient calls alone: ${fixed(m.floor)}`,
          m.peak <= 2.5,
        ),
      );
    }
  }
  if (extra.retained) {
    const r = extra.retained;
    rows.push(
      row(
        `retained Report, n = ${r.n.toExponential(0).replace('e+', 'e')}: rows kept as objects`,
        'failures and worst rows only',
        `${r.objects} of ${r.rows}`,
        r.objects <= r.failures + r.worstKept,
      ),
      row(
        `retained Report, n = ${r.n.toExponential(0).replace('e+', 'e')}: JSON.stringify`,
        'serialises',
        r.json ? `yes (${fixed(r.jsonBytes / 1e6, 1)} MB)` : 'no',
        r.json,
      ),
    );
  }
  return rows;
}

/** Renders the rows as a text table. */
export function formatTargets(rows) {
  const header = ['target of issue 16', 'target', 'measured', 'met'];
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => String(r[j]).length)));
  const line = (cells) =>
    cells
      .map((cell, j) => String(cell).padEnd(widths[j]))
      .join('  ')
      .trimEnd();
  return [
    'Targets of issue 16, each beside the value measured in this run (samples: 1 for the ratios; interleaved repeats, median of the per-repeat ratios):',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

if (process.argv[1] === here) {
  const args = process.argv.slice(2);
  globalThis.__lib = await import(DIST);
  if (args[0] === '--cold') console.log(JSON.stringify(coldChild(Number(args[1]))));
  else if (args[0] === '--cold-bare') console.log(JSON.stringify(coldBareChild(Number(args[1]))));
  else console.log(formatTargets(targetRows(measureCoordinate(globalThis.__lib))));
}
