/**
 * The performance benchmark of issue 4: what a check costs beyond the evaluations of f it must make.
 *
 *   node bench/performance.mjs                 print the tables
 *   node bench/performance.mjs --write-docs    also regenerate docs/performance.md's measured section
 *   npm run bench -- performance               the same, through bench/run.mjs
 *
 * It imports the BUILT package (run `npx tsdown` first). Every number is a ratio or a count measured in
 * this one run, so the tables compare like with like on whatever machine runs them:
 *
 * - overhead: a per-coordinate check against 2n bare calls of the same cheap O(n) f;
 * - the course's recipe (a copy of the whole vector per coordinate) against the check;
 * - directional mode at n = 1e6: evaluations, and time in units of one call of f;
 * - localization of 1 and 3 planted wrong coordinates;
 * - peak extra memory of a check at n = 1e6, in a child process started with --expose-gc;
 * - detection of a 1e-4 relative error in one coordinate at n = 1e5, and how it depends on `directions`;
 * - what the default `maxEvaluations` means in time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const DIST = process.env.GRADCHECK_DIST ?? new URL('../dist/index.mjs', import.meta.url).href;
const here = fileURLToPath(import.meta.url);

/**
 * The cheap O(n) function of every table: f(x) = Σ c_i x_i² with c_i in [1, 2), and its gradient.
 *
 * Each call compiles f afresh, as a function of its own. V8 specialises a function's code to its closure
 * only while that function has one closure; several closures of one f (one per table) would make f itself
 * slower wherever it is not inlined — in the check, not in a bare loop that inlines it — and the overhead
 * table would measure that instead of gradcheck.
 */
export function quadratic(n) {
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) c[i] = 1 + (i % 7) / 7;
  const f = new Function(
    'c',
    'return (x) => { let s = 0; for (let i = 0; i < x.length; i++) s += c[i] * x[i] * x[i]; return s; };',
  )(c);
  /** The gradient, with relative errors `wrong[j]` planted at coordinates `at[j]`. */
  const gradient =
    (at = [], wrong = []) =>
    (x) => {
      const g = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) g[i] = 2 * c[i] * x[i];
      at.forEach((i, j) => {
        g[i] *= 1 + wrong[j];
      });
      return g;
    };
  /** The correct gradient, written into `out` (a gradient that reuses a buffer of its own). */
  const gradientInto = (out) => (x) => {
    for (let i = 0; i < x.length; i++) out[i] = 2 * c[i] * x[i];
    return out;
  };
  return { f, gradient, gradientInto };
}

/**
 * The bare loop the checks are measured against: for the first `count` entries of the array y, perturb
 * one in place by ±1e-6, call f(arg), restore; nothing else. `arg` is y itself, or the params object y
 * is a leaf array of. Returns a sum of f's values, for the caller to keep, so that the calls cannot be
 * optimised away.
 */
export function bareCalls(f, y, count = y.length, arg = y) {
  let sink = 0;
  for (let i = 0; i < count; i++) {
    const xi = y[i];
    y[i] = xi + 1e-6;
    sink += f(arg);
    y[i] = xi - 1e-6;
    sink -= f(arg);
    y[i] = xi;
  }
  return sink;
}

/** The course's gradient_check_n loop: a fresh copy of θ for each side of each coordinate (the first `count`). */
function ownSeedRecipe(f, x, epsilon = 1e-7, count = x.length) {
  const numeric = new Float64Array(x.length);
  for (let i = 0; i < count; i++) {
    const plus = x.slice();
    plus[i] += epsilon;
    const minus = x.slice();
    minus[i] -= epsilon;
    numeric[i] = (f(plus) - f(minus)) / (2 * epsilon);
  }
  return { numeric, evaluations: 2 * count };
}

async function seedRecipe() {
  try {
    const baselines = await import('./baselines.mjs');
    if (typeof baselines.seedRecipe === 'function')
      return { recipe: baselines.seedRecipe, source: 'baselines' };
  } catch {
    // bench/baselines.mjs is another part of the bench; without it, this file's own copy serves.
  }
  return { recipe: ownSeedRecipe, source: 'own' };
}

/** Coordinates on which the course's recipe is timed at n = 1e5 (its time is scaled to n). */
const RECIPE_TIMED = 20_000;
/** Coordinates on which 2n bare calls are timed at n = 1e5 (their time is scaled to n). */
const BARE_TIMED = 20_000;

const now = () => performance.now();
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const fixed = (v, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));
const sizes = (n) => n.toExponential(0).replace('e+', 'e');

/** A point in [-1, 1]^n from a fixed seed, as a Float64Array. */
function point(n, seed = 7) {
  let s = seed >>> 0;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = (s / 2 ** 32) * 2 - 1;
  }
  return x;
}

/** Renders rows (arrays of strings) under a header as an aligned text table. */
function table(header, rows) {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => String(r[j]).length)));
  const line = (cells) =>
    cells
      .map((cell, j) => (j === 0 ? String(cell).padEnd(widths[j]) : String(cell).padStart(widths[j])))
      .join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Overhead of the per-coordinate check, and the course's recipe

async function overhead(lib, ns) {
  const { recipe, source } = await seedRecipe();
  // Warm the engine up, so that no row pays for compiling it (with an f of its own, see quadratic).
  const warm = quadratic(1000);
  for (let r = 0; r < 20; r++) {
    lib.checkGradient(warm.f, warm.gradient(), {
      like: new Float64Array(1000),
      samples: 1,
      mode: 'coordinate',
    });
  }
  const rows = [];
  for (const n of ns) {
    const { f, gradient } = quadratic(n);
    const grad = gradient();
    // No budget: at n = 1e5 a per-coordinate check takes longer than timeLimit, and more than maxEvaluations.
    // The budget still counts every call and reads the clock, so its overhead is in the ratio.
    const options = {
      like: new Float64Array(n),
      samples: 1,
      mode: 'coordinate',
      timeLimit: Number.POSITIVE_INFINITY,
      maxEvaluations: Number.POSITIVE_INFINITY,
    };
    const x = point(n);
    const repeats = n <= 1e3 ? 21 : n <= 1e4 ? 7 : 1;
    const checks = [];
    const bares = [];
    const seeds = [];
    let report;
    for (let r = 0; r < repeats; r++) {
      // 2n bare calls: perturb one coordinate in place, call f, restore; nothing else. Every call costs
      // the same, so above 1e4 they are timed on the first BARE_TIMED coordinates and scaled to n, before
      // and after the check: the least of the two is the cost without the machine's other work.
      const bare = () => {
        const timed = Math.min(n, BARE_TIMED);
        const y = x.slice();
        const t0 = now();
        const sink = bareCalls(f, y, timed);
        const ms = ((now() - t0) * n) / timed;
        if (sink === 42) console.log('');
        return ms;
      };
      bares.push(bare());
      let t = now();
      report = lib.checkGradient(f, grad, options);
      checks.push(now() - t);
      if (n > BARE_TIMED) bares.push(bare());
      // Every coordinate costs the recipe the same (2 copies of x, 2 calls of f): above 1e4 the same loop
      // is timed on the first RECIPE_TIMED coordinates and scaled to n, to keep the bench within its time.
      const timed = Math.min(n, RECIPE_TIMED);
      t = now();
      if (timed === n) recipe(f, x);
      else ownSeedRecipe(f, x, 1e-7, timed);
      seeds.push(((now() - t) * n) / timed);
    }
    // The least of the repeats: other work on the machine only ever adds time.
    const check = Math.min(...checks);
    const bare = Math.min(...bares);
    const seed = Math.min(...seeds);
    // What the Report of the largest check keeps (docs/performance.md, "What the Report holds").
    const retained = {
      n,
      rows: report.samples.reduce((sum, s) => sum + (s.checked ?? s.coordinates.length), 0),
      objects: report.samples.reduce((sum, s) => sum + s.coordinates.length, 0),
      failures: report.samples.reduce((sum, s) => sum + s.mismatches, 0),
      worstKept: 50 * report.samples.length,
      ...serialised(report),
    };
    rows.push({
      n,
      retained,
      evaluations: report.evaluations,
      samples: report.samples.length,
      pass: report.pass,
      checkMs: check,
      bareMs: bare,
      ratio: check / bare,
      perEvaluation: check / report.evaluations / (bare / (2 * n)),
      seedMs: seed,
      speedup: seed / check,
    });
  }
  return { rows, recipe: source };
}

/** Whether JSON.stringify writes the report, and how long the text is. */
function serialised(report) {
  try {
    return { json: true, jsonBytes: JSON.stringify(report).length };
  } catch {
    return { json: false, jsonBytes: Number.NaN };
  }
}

function formatOverhead({ rows, recipe }) {
  const overheadTable = table(
    ['n', 'evaluations', '2n', 'check ÷ 2n calls', 'per evaluation', 'check ms', '2n calls ms'],
    rows.map((r) => [
      sizes(r.n),
      String(r.evaluations),
      String(2 * r.n),
      fixed(r.ratio, 3),
      fixed(r.perEvaluation, 3),
      fixed(r.checkMs, 1),
      fixed(r.bareMs, 1),
    ]),
  );
  const seedTable = table(
    ['n', 'course recipe ms', 'check ms', 'speed-up'],
    rows.map((r) => [sizes(r.n), fixed(r.seedMs, 1), fixed(r.checkMs, 1), `${fixed(r.speedup, 2)}×`]),
  );
  return [
    `Per-coordinate check (samples: 1) against 2n bare calls of the same f(x) = Σ c_i x_i² (target ≤ 1.10; above n = 1e4 the bare calls are timed on ${BARE_TIMED} coordinates, before and after the check, and scaled to n):`,
    overheadTable,
    '',
    `The course's recipe (a copy of x per side of each coordinate; ${recipe === 'baselines' ? 'seedRecipe of bench/baselines.mjs' : "this file's copy"}; above n = 1e4 timed on ${RECIPE_TIMED} coordinates and scaled to n) against the same check:`,
    seedTable,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Directional mode at n = 1e6, and localization

function planted(n, howMany, seed) {
  const at = [];
  let s = seed;
  while (at.length < howMany) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const i = Math.floor((s / 2 ** 32) * n);
    if (!at.includes(i)) at.push(i);
  }
  return at.sort((a, b) => a - b);
}

function directional(lib, n) {
  const { f, gradient } = quadratic(n);
  const like = new Float64Array(n);
  const x = point(n);
  const fTimes = [];
  for (let r = 0; r < 21; r++) {
    const t = now();
    f(x);
    fTimes.push(now() - t);
  }
  const fMs = median(fTimes);
  const rows = [];
  const run = (label, at, wrong) => {
    let inF = 0;
    let calls = 0;
    const timed = (y) => {
      const t = now();
      const value = f(y);
      inF += now() - t;
      calls++;
      return value;
    };
    const t = now();
    // A bench measures the whole check: no time limit may cut it short on a slow machine.
    const report = lib.checkGradient(timed, gradient(at, wrong), {
      like,
      timeLimit: Number.POSITIVE_INFINITY,
    });
    const ms = now() - t;
    const want = at.map((i) => `x[${i}]`).sort();
    const perSample = report.samples.map((s) => s.localization?.named ?? []);
    const named = [...new Set(perSample.flat())].sort();
    rows.push({
      label,
      mode: report.mode,
      pass: report.pass,
      samples: report.samples.length,
      evaluations: report.evaluations,
      calls,
      gradientEvaluations: report.gradientEvaluations,
      localizationEvaluations: report.samples.reduce((sum, s) => sum + (s.localization?.evaluations ?? 0), 0),
      timeInFCalls: ms / fMs,
      fShare: inF / ms,
      named: named.join(', '),
      // Right: every planted coordinate named in some sample, and nothing else named in any.
      right: at.length === 0 ? report.pass : named.join() === want.join(),
    });
  };
  run('correct gradient', [], []);
  run('1 wrong coordinate (1e-3)', planted(n, 1, 11), [1e-3]);
  run('3 wrong coordinates (1e-3)', planted(n, 3, 12), [1e-3, -1e-3, 1e-3]);
  run('3 wrong coordinates (1e-4)', planted(n, 3, 13), [1e-4, -1e-4, 1e-4]);
  return { n, fMs, rows };
}

function formatDirectional({ n, rows }) {
  const body = table(
    [
      'gradient',
      'mode',
      'pass',
      'evaluations',
      'of which localization',
      'time ÷ one f call',
      'share in f',
      'named (any sample)',
      'right paths',
    ],
    rows.map((r) => [
      r.label,
      r.mode,
      String(r.pass),
      `${r.evaluations} (${r.samples} samples)`,
      String(r.localizationEvaluations),
      fixed(r.timeInFCalls, 0),
      `${fixed(100 * r.fShare, 0)}%`,
      r.named || '—',
      r.right ? 'yes' : 'no',
    ]),
  );
  return [
    `Directional mode (the default at this size) at n = ${sizes(n)}, default options (3 samples):`,
    body,
    '(right paths: the planted coordinates are named, in some sample, and nothing else is named in any)',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Memory, in a child process with --expose-gc

/**
 * Runs in the child: peak extra heap (heap + array buffers) while a check of size n runs, with a gradient
 * that returns a fresh array each call (its garbage counts), or one that fills a buffer of its own; and the
 * floor of that peak: the same calls of the gradient alone.
 */
async function memoryChild(n, fresh) {
  const lib = await import(DIST);
  const { f, gradient, gradientInto } = quadratic(n);
  const derivative = fresh ? gradient() : gradientInto(new Float64Array(n));
  const like = new Float64Array(n);
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  // Warm up at a small size, so that compiled code is not counted as the check's memory.
  const small = quadratic(1000);
  lib.checkGradient(small.f, small.gradient(), { like: new Float64Array(1000), mode: 'directional' });
  const collect = () => {
    globalThis.gc();
    globalThis.gc();
  };
  // The peak of `body`'s extra heap + array buffers over a full collection before it, in units of 8n,
  // sampled at each call of `probe` (which body makes) and after body.
  const unit = 8 * n;
  let peak = 0;
  const probe = () => {
    const u = used();
    if (u > peak) peak = u;
  };
  const peakOf = (body) => {
    collect();
    const baseline = used();
    peak = baseline;
    const result = body();
    probe();
    return { result, peak: (peak - baseline) / unit, baseline };
  };
  let derivativeCalls = 0;
  const checked = peakOf(() =>
    lib.checkGradient(
      (x) => {
        probe();
        return f(x);
      },
      (x) => {
        derivativeCalls++;
        probe();
        const g = derivative(x);
        probe();
        return g;
      },
      { like, timeLimit: Number.POSITIVE_INFINITY },
    ),
  );
  collect();
  const retained = used() - checked.baseline;
  // The floor under any check: the same calls of the gradient with no check around them, at an array of n
  // doubles that f is called with (a check must hold one, its working copy), measured the same way.
  const floor = peakOf(() => {
    const x = new Float64Array(n);
    for (let k = 0; k < derivativeCalls; k++) {
      probe();
      derivative(x);
      probe();
    }
    return x.length;
  });
  const report = checked.result;
  return {
    n,
    fresh,
    mode: report.mode,
    evaluations: report.evaluations,
    derivativeCalls,
    peak: checked.peak,
    floor: floor.peak,
    retained: retained / unit,
  };
}

/** Fresh processes each memory case runs in: when V8 collects moves one run's peak by a tenth of 8n. */
const MEMORY_RUNS = 3;

/** Each case's median peak over MEMORY_RUNS fresh processes, with the least and the most. */
function memory(n) {
  return [true, false].map((fresh) => {
    const runs = Array.from({ length: MEMORY_RUNS }, () => {
      const child = spawnSync(
        process.execPath,
        ['--expose-gc', here, '--memory-child', String(n), fresh ? 'fresh' : 'own'],
        { encoding: 'utf8', env: process.env },
      );
      const line = child.stdout.trim().split('\n').at(-1) ?? '';
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`memory child failed: ${child.stderr || child.stdout}`);
      }
    }).sort((a, b) => a.peak - b.peak);
    const median = runs[runs.length >> 1];
    return { ...median, least: runs[0].peak, most: runs.at(-1).peak, runs: runs.length };
  });
}

function formatMemory(rows) {
  const [first] = rows;
  return [
    `Memory of a check at n = ${sizes(first.n)} (default options: ${first.mode} mode, ${first.evaluations} evaluations), in units of n doubles (8n bytes; the targets of issue 16, below, are 2.5):`,
    table(
      [
        'the gradient returns',
        'peak extra heap + array buffers',
        `least–most of ${first.runs} runs`,
        `its ${first.derivativeCalls} gradient calls alone`,
        'kept after the check',
      ],
      rows.map((m) => [
        m.fresh ? 'a new array each call' : 'an array of its own',
        fixed(m.peak, 2),
        `${fixed(m.least, 2)}–${fixed(m.most, 2)}`,
        fixed(m.floor, 2),
        fixed(m.retained, 2),
      ]),
    ),
    `(the median of ${first.runs} fresh processes; sampled at every call of f and of the gradient and after the check,`,
    " after a full collection before it; garbage not yet collected counts, the gradient's new arrays included.",
    ' "Alone": the same calls of the gradient at an array of n doubles, with no check, measured the same way:',
    ' the floor under any check that holds a point for f and calls this gradient as often)',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Detection: a relative error of 1e-4 in one coordinate at n = 1e5

function detection(lib, n, trials, wrongs) {
  const { f, gradient } = quadratic(n);
  const step = Math.floor(n / 1000);
  const subset = new Set(Array.from({ length: 1000 }, (_, j) => `x[${j * step + 3}]`));
  const rows = [];
  for (const wrong of wrongs) {
    let perCoordinate = 0;
    let found = 0;
    let exact = 0;
    let falseAlarms = 0;
    let failEvaluations = 0;
    let passEvaluations = 0;
    for (let trial = 0; trial < trials; trial++) {
      const [b] = planted(n, 1, 100 + trial);
      const path = `x[${b}]`;
      const seed = 5000 + trial;
      const bad = gradient([b], [wrong]);
      // Per-coordinate mode on 1000 coordinates plus the wrong one: the same screening and refinement as
      // a full check of all n (which would cost 2n evaluations a trial), at 1/100 of the cost.
      const coordinate = lib.checkGradient(f, bad, {
        dim: n,
        samples: 1,
        seed,
        mode: 'coordinate',
        coordinates: (p) => p === path || subset.has(p),
      });
      if (coordinate.samples[0].coordinates.some((c) => c.path === path && !c.ok)) perCoordinate++;
      const report = lib.checkGradient(f, bad, { dim: n, samples: 1, seed, mode: 'directional' });
      if (!report.pass) found++;
      const named = report.samples[0].localization?.named ?? [];
      if (!report.pass && named.length === 1 && named[0] === path) exact++;
      failEvaluations += report.evaluations;
      const clean = lib.checkGradient(f, gradient(), { dim: n, samples: 1, seed, mode: 'directional' });
      if (!clean.pass) falseAlarms++;
      passEvaluations += clean.evaluations;
    }
    rows.push({
      wrong,
      trials,
      perCoordinate,
      found,
      exact,
      falseAlarms,
      failEvaluations: failEvaluations / trials,
      passEvaluations: passEvaluations / trials,
    });
  }
  return { n, rows };
}

function formatDetection({ n, rows }) {
  return [
    `Detection of a relative error in one random coordinate of f = Σ c_i x_i² at n = ${sizes(n)}, one sample per trial:`,
    table(
      [
        'relative error',
        'per-coordinate mode',
        'directional',
        'named exactly',
        'false alarms (correct gradient)',
        'evaluations (wrong / correct)',
      ],
      rows.map((r) => [
        String(r.wrong),
        `${r.perCoordinate}/${r.trials}`,
        `${r.found}/${r.trials}`,
        `${r.exact}/${r.trials}`,
        `${r.falseAlarms}/${r.trials}`,
        `${fixed(r.failEvaluations, 0)} / ${fixed(r.passEvaluations, 0)}`,
      ]),
    ),
    '(per-coordinate mode checks 1000 coordinates plus the wrong one: its verdict on that coordinate is the',
    ' one a full check of all n would give, for 1/100 of the cost. It cannot verify single partials below the',
    ' noise of a sum of n terms; a direction can, because its step moves every coordinate at once.)',
  ].join('\n');
}

/** How detection depends on the number of directions: the measurement behind DIRECTIONS_PER_CHECK. */
function directionsChoice(lib, n, trials, ks) {
  const { f, gradient } = quadratic(n);
  const mutants = [
    { label: 'one coordinate, 3e-5', make: (t) => gradient(planted(n, 1, 300 + t), [3e-5]) },
    {
      label: 'two coordinates, ±1e-4',
      make: (t) => gradient(planted(n, 2, 400 + t), [1e-4, -1e-4]),
    },
  ];
  const rows = [];
  for (const k of ks) {
    const cells = [];
    let evaluations = 0;
    for (const mutant of mutants) {
      let found = 0;
      for (let t = 0; t < trials; t++) {
        const report = lib.checkGradient(f, mutant.make(t), {
          dim: n,
          samples: 1,
          seed: 7000 + t,
          mode: 'directional',
          directions: k,
        });
        if (!report.pass) found++;
      }
      cells.push(found);
    }
    const clean = lib.checkGradient(f, gradient(), {
      dim: n,
      samples: 1,
      seed: 7000,
      mode: 'directional',
      directions: k,
    });
    evaluations = clean.evaluations;
    rows.push({ k, cells, evaluations });
  }
  return { n, trials, mutants: mutants.map((m) => m.label), rows };
}

function formatDirectionsChoice({ n, trials, mutants, rows }) {
  return [
    `Detection against the number of directions per sample (n = ${sizes(n)}, one sample, ${trials} trials each):`,
    table(
      ['directions', ...mutants, 'evaluations (correct gradient)'],
      rows.map((r) => [String(r.k), ...r.cells.map((c) => `${c}/${trials}`), String(r.evaluations)]),
    ),
  ].join('\n');
}

/** What `maxEvaluations` means in time, from the overhead rows: per-coordinate cost grows as n². */
function budget(overheadRows) {
  const row = overheadRows.find((r) => r.n === 1e4) ?? overheadRows.at(-1);
  // ms per evaluation per coordinate of the input: an evaluation of this f costs time ∝ n.
  return { perEvaluationPerCoordinate: row.checkMs / row.evaluations / row.n, samples: 3 };
}

function formatBudget({ perEvaluationPerCoordinate, samples }, maxEvaluations) {
  // samples · (8 + 2n) evaluations: the value, its repeat and the noise probe, then 2 per coordinate.
  const largest = Math.floor((maxEvaluations / samples - 8) / 2);
  const seconds = (2 * samples * largest * largest * perEvaluationPerCoordinate) / 1000;
  return [
    `mode: 'auto' runs per-coordinate while samples·(8 + 2n) ≤ maxEvaluations (${maxEvaluations}): with ${samples} samples up to n = ${largest},`,
    `where a per-coordinate check of this O(n) f takes about ${fixed(seconds, 1)} s on this machine (extrapolated from n = 1e4 as n²).`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------

/** Runs every table, prints it, and returns the data. `writeDocs` regenerates docs/performance.md. */
export async function run({ writeDocs = false, quick = false } = {}) {
  const lib = await import(DIST);
  const machine = `${cpus().length} cores, Node ${process.version}`;
  const started = now();
  const sections = [];
  const data = {};
  const show = (text) => {
    console.log(`${text}\n`);
    sections.push(text);
  };

  const timings = [];
  const timed = async (name, body) => {
    const t = now();
    const result = await body();
    timings.push(`${name} ${fixed((now() - t) / 1000, 0)} s`);
    return result;
  };

  data.overhead = await timed('overhead', () => overhead(lib, quick ? [1e3, 1e4] : [1e3, 1e4, 1e5]));
  show(formatOverhead(data.overhead));

  data.directional = await timed('directional', () => directional(lib, 1e6));
  show(formatDirectional(data.directional));

  data.memory = await timed('memory', () => memory(1e6));
  show(formatMemory(data.memory));

  data.detection = await timed('detection', () => detection(lib, 1e5, quick ? 10 : 40, [1e-4, 3e-5]));
  show(formatDetection(data.detection));

  data.directions = await timed('directions', () =>
    directionsChoice(lib, 1e5, quick ? 8 : 20, [1, 2, 4, 6, 8]),
  );
  show(formatDirectionsChoice(data.directions));

  const { DEFAULT_MAX_EVALUATIONS } = await defaults();
  data.budget = budget(data.overhead.rows);
  show(formatBudget(data.budget, DEFAULT_MAX_EVALUATIONS));

  const targets = await import('./targets.mjs');
  data.targets = await timed('targets', () => ({
    coordinate: targets.measureCoordinate(lib),
    directional: targets.measureDirectional(lib, 1e6, quick ? 5 : 20),
    rosenbrock: targets.measureRosenbrock(lib, 1e6, 5),
  }));
  show(
    targets.formatTargets(
      targets.targetRows(data.targets.coordinate, {
        directional: data.targets.directional,
        rosenbrock: data.targets.rosenbrock,
        memory: data.memory,
        retained: data.overhead.rows.at(-1).retained,
        forced: data.overhead.rows.at(-1),
      }),
    ),
  );

  data.seconds = (now() - started) / 1000;
  console.log(`performance bench: ${fixed(data.seconds, 0)} s on ${machine} (${timings.join(', ')})`);
  if (writeDocs) writePerformanceDoc(sections, machine, data.seconds);
  return data;
}

/** The defaults that the tables explain, read from the source so that the doc cannot drift from them. */
async function defaults() {
  const source = readFileSync(new URL('../src/options/defaults.ts', import.meta.url), 'utf8');
  const read = (name) => Number(source.match(new RegExp(`${name} = ([\\d_]+)`))?.[1]?.replaceAll('_', ''));
  return {
    DEFAULT_MAX_EVALUATIONS: read('DEFAULT_MAX_EVALUATIONS'),
    DIRECTIONS_PER_CHECK: read('DIRECTIONS_PER_CHECK'),
  };
}

/** Replaces the measured section of docs/performance.md with the printed tables. */
function writePerformanceDoc(sections, machine, seconds) {
  const url = new URL('../docs/performance.md', import.meta.url);
  const start = '<!-- bench:performance -->';
  const end = '<!-- /bench:performance -->';
  const text = existsSync(url) ? readFileSync(url, 'utf8') : `# Performance\n\n${start}\n${end}\n`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`docs/performance.md has no ${start} … ${end} section`);
  const body = [
    `Measured by \`node bench/performance.mjs --write-docs\` on ${machine} in ${fixed(seconds, 0)} s.`,
    '',
    '```text',
    sections.join('\n\n'),
    '```',
  ].join('\n');
  writeFileSync(url, `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`);
}

if (process.argv[1] === here) {
  const args = process.argv.slice(2);
  if (args[0] === '--memory-child') {
    console.log(JSON.stringify(await memoryChild(Number(args[1]), args[2] === 'fresh')));
  } else {
    await run({ writeDocs: args.includes('--write-docs'), quick: args.includes('--quick') });
  }
}
