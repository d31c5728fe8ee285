/**
 * Harness of the real-client suite: runs gradcheck on derivatives that third-party libraries ship, after
 * checking each of them against our own Ridders reference, so that a disagreement is pinned either on the
 * library (a "library finding", kept out of the counts) or on gradcheck. It shares no code with src/ or
 * with the other benches on purpose: a reference built from gradcheck's own parts could not catch them.
 */
import { checkGradient } from '../../dist/index.mjs';

const isTyped = (v) => v instanceof Float64Array || v instanceof Float32Array;

/** Leaves of a point or gradient in gradcheck's order: array index, then object key order. */
export function leaves(v, out = []) {
  if (typeof v === 'number') out.push(v);
  else if (Array.isArray(v) || isTyped(v)) for (const e of v) leaves(e, out);
  else for (const k of Object.keys(v)) leaves(v[k], out);
  return out;
}

/** Copy of `shape` with its leaves taken from `values` in order; `wide` turns Float32Arrays into float64. */
export function rebuild(shape, values, wide = false, at = { i: 0 }) {
  if (typeof shape === 'number') return values[at.i++];
  if (isTyped(shape)) {
    const Ctor = wide ? Float64Array : shape.constructor;
    return Ctor.from(shape, () => values[at.i++]);
  }
  if (Array.isArray(shape)) return shape.map((e) => rebuild(e, values, wide, at));
  return Object.fromEntries(Object.keys(shape).map((k) => [k, rebuild(shape[k], values, wide, at)]));
}

/**
 * Ridders' extrapolation of g'(x) (Numerical Recipes' dfridr) from the starting step h. The quotient uses
 * the step that the sum x ± h really took, so that rounding of x + h at large |x| does not bias it.
 */
export function ridders(g, x, h) {
  const CON = 1.4;
  const CON2 = CON * CON;
  const NTAB = 12;
  const a = Array.from({ length: NTAB }, () => new Array(NTAB).fill(0));
  const quotient = (hh) => {
    const up = x + hh;
    const down = x - hh;
    return (g(up) - g(down)) / (up - down);
  };
  let hh = h;
  a[0][0] = quotient(hh);
  let err = Number.POSITIVE_INFINITY;
  let ans = a[0][0];
  for (let i = 1; i < NTAB; i++) {
    hh /= CON;
    a[0][i] = quotient(hh);
    let fac = CON2;
    for (let j = 1; j <= i; j++) {
      a[j][i] = (a[j - 1][i] * fac - a[j - 1][i - 1]) / (fac - 1);
      fac *= CON2;
      const errt = Math.max(Math.abs(a[j][i] - a[j - 1][i]), Math.abs(a[j][i] - a[j - 1][i - 1]));
      if (errt <= err) {
        err = errt;
        ans = a[j][i];
      }
    }
    if (Math.abs(a[i][i] - a[i - 1][i - 1]) >= 2 * err) break;
  }
  return { value: ans, err };
}

/**
 * Reference partial of f at coordinate j: Ridders from three starting steps, keeping the one whose own
 * error estimate is smallest. Steps are relative to |x_j| below 1 so that they never reach a pole at 0;
 * a case whose features are narrower (a pole elsewhere, a tiny scale) gives its own `refStep`.
 */
export function referencePartial(f, point, flat, j, refStep, wide) {
  const xj = flat[j];
  const base = refStep ? refStep(xj) : xj !== 0 && Math.abs(xj) < 1 ? Math.abs(xj) : 1;
  const g = (t) => {
    const v = flat.slice();
    v[j] = t;
    return f(rebuild(point, v, wide));
  };
  let best = { value: Number.NaN, err: Number.POSITIVE_INFINITY };
  for (const c of [0.5, 0.1, 0.02]) {
    const r = ridders(g, xj, c * base);
    if (Number.isFinite(r.value) && r.err < best.err) best = r;
  }
  return best;
}

/** Coordinates the reference covers: all of them up to 64, else 24 spread ones plus the planted one. */
function coordinatesToCheck(n, planted) {
  if (n <= 64) return Array.from({ length: n }, (_, i) => i);
  const picked = new Set([planted, 0, n - 1]);
  for (let i = 0; i < 21; i++) picked.add(Math.floor(((i + 0.5) * n) / 21));
  return [...picked].sort((a, b) => a - b);
}

/**
 * Compares the library's gradient with the reference at every point. The error of a coordinate is relative
 * to its reference value, floored at 1e-3 of the gradient's largest entry (a near-zero partial is judged
 * against the gradient's scale), after the reference's own error estimate is taken off.
 */
export function validate(c, points, planted) {
  const wide = c.float32;
  const mirror = c.mirror ?? c.f;
  const worst = { rel: 0, refErr: 0 };
  for (let s = 0; s < points.length; s++) {
    const point = points[s];
    const flat = leaves(point);
    const analytic = leaves(c.grad(point));
    const coords = coordinatesToCheck(flat.length, planted);
    const refs = coords.map((j) => referencePartial(mirror, point, flat, j, c.refStep, wide));
    const scale = Math.max(...refs.map((r) => Math.abs(r.value)), Number.MIN_VALUE);
    coords.forEach((j, i) => {
      const r = refs[i];
      const denom = Math.max(Math.abs(r.value), 1e-3 * scale, Number.MIN_VALUE);
      const rel = Math.max(0, Math.abs(analytic[j] - r.value) - 2 * r.err) / denom;
      worst.refErr = Math.max(worst.refErr, r.err / denom);
      if (!(rel <= worst.rel))
        Object.assign(worst, { rel, sample: s, coordinate: j, analytic: analytic[j], ref: r.value });
    });
  }
  return worst;
}

/** The library's gradient with one coordinate changed: the planted bug. */
export function plant(grad, k, change) {
  return (x) => {
    const g = grad(x);
    const flat = leaves(g);
    flat[k] = change(flat[k]);
    return typeof g === 'number' ? flat[0] : rebuild(g, flat);
  };
}

/**
 * The verdict of a report: 'pass', 'inconclusive' when every failing row says so (a status that the engine
 * may add), or 'fail'. Problems (mutation, nondeterminism, budget) count as plain failures.
 */
export function verdictOf(report) {
  if (report.pass) return 'pass';
  if (report.problems.length > 0) return 'fail';
  const rows = report.samples.flatMap((s) => [...s.coordinates, ...(s.directions ?? [])]);
  const failing = rows.filter((r) => !r.ok);
  if (failing.length > 0 && failing.every((r) => r.status === 'inconclusive')) return 'inconclusive';
  return 'fail';
}

/** gradcheck options of a case: its points or its sampler, its precision and any extra option. */
export function optionsOf(c) {
  const drawn = c.points ? { points: c.points } : { dim: c.dim, like: c.like, domain: c.domain };
  if (drawn.dim === undefined) delete drawn.dim;
  if (drawn.like === undefined) delete drawn.like;
  if (!c.points) Object.assign(drawn, { seed: c.seed ?? 1, samples: c.samples ?? 3 });
  return { ...drawn, precision: c.precision ?? 'auto', ...c.options };
}

/** One gradcheck run, timed; a throw is kept as its message so that one case cannot stop the suite. */
export function check(c, grad) {
  const started = performance.now();
  try {
    const report = checkGradient(c.f, grad, optionsOf(c));
    return { verdict: verdictOf(report), report, ms: performance.now() - started };
  } catch (error) {
    return { verdict: 'error', error: String(error?.stack ?? error), ms: performance.now() - started };
  }
}

/**
 * A library derivative further than this from the reference is a library finding. float32 code is allowed
 * ten times more: its derivative is rounded to float32 (2^-24 ≈ 6e-8) at least once, often several times.
 */
const LIMIT64 = 1e-6;
const LIMIT32 = 1e-5;
/**
 * gradcheck's default relative tolerance. A valid library derivative that is only good to between this
 * and LIMIT64 is checked at tol = LIMIT64, so that gradcheck is not asked to accept less than the library
 * has; the planted bugs (1e-4) stay far above it.
 */
const DEFAULT_TOL = 1e-7;

/**
 * Runs one case: the library's gradient first (which also yields the points that gradcheck drew), then
 * the reference at those points, then the planted bugs at the same points and seed, on the coordinate
 * whose partial is largest at the first point so that the bug is well above any tolerance floor.
 */
export function runCase(c) {
  const result = { name: c.name, lib: c.lib, float32: Boolean(c.float32) };
  if (!c.points) result.drawn = { seed: optionsOf(c).seed, domain: c.domain };
  result.correct = check(c, c.grad);
  const points = result.correct.report ? result.correct.report.samples.map((s) => s.point) : (c.points ?? []);
  result.points = points;
  if (points.length === 0) return result;
  const first = leaves(c.grad(points[0])).map(Math.abs);
  const k = first.indexOf(Math.max(...first));
  result.planted = k;
  result.n = first.length;
  try {
    result.validation = validate(c, points, k);
  } catch (error) {
    result.validation = { rel: Number.NaN, error: String(error) };
  }
  const limit = c.float32 ? LIMIT32 : LIMIT64;
  // A reference whose own error estimate is above the limit cannot vouch for the library either way.
  result.unreliable = !(result.validation.refErr <= limit) && result.validation.rel <= limit;
  result.finding = !(result.validation.rel <= limit) || result.unreliable;
  if (result.finding) return result;
  if (!c.float32 && c.options?.tol === undefined && result.validation.rel > DEFAULT_TOL) {
    c = { ...c, options: { ...c.options, tol: LIMIT64 } };
    result.tol = LIMIT64;
    result.correct = check(c, c.grad);
  }
  const factor = c.float32 ? 1 + 1e-2 : 1 + 1e-4;
  result.scaled = check(
    c,
    plant(c.grad, k, (v) => v * factor),
  );
  result.flipped = check(
    c,
    plant(c.grad, k, (v) => -v),
  );
  return result;
}
