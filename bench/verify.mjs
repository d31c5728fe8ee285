/**
 * Independent verification of the catalog's analytic gradients: a high-accuracy numeric derivative per
 * coordinate compared with `grad`. In float64, Ridders' extrapolated central differences started from a
 * range of steps; in float32, where f itself is noisy, a least-squares fit over many steps. Shared by
 * `bench/verify-catalog.mjs` and the tests.
 */

import { flatten, unflatten } from './baselines.mjs';
import { mulberry32 } from './catalog.mjs';

/** @typedef {import('./catalog.mjs').CatalogEntry} CatalogEntry */

/** Largest relative discrepancy accepted per group. */
export const THRESHOLDS = { well: 1e-8, badly: 1e-8, float32: 1e-3 };

const U64 = 2 ** -52;

/** float32 discrepancies are relative to at least this fraction of the gradient's largest entry. */
export const F32_FLOOR = 1e-2;

/** @param {number} v */
const identity = (v) => v;

/** FNV-1a, so that every entry draws its own points from the same seed. @param {string} s */
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Deterministic points for an entry: its explicit `points` (the first `count`), or `count` draws from its
 * `domain` in the shape of `like` or `number[dim]`. float32 entries get float32 values even in a number[].
 * @param {CatalogEntry} entry
 * @param {number} [count]
 * @param {number} [seed]
 * @returns {any[]}
 */
export function samplePoints(entry, count = 3, seed = 1) {
  const { points, like, dim, domain = [-1, 1] } = entry.input;
  if (points) return points.slice(0, count);
  const template = like !== undefined ? like : new Array(dim).fill(0);
  const n = flatten(template).length;
  const store = entry.group === 'float32' ? Math.fround : identity;
  const next = mulberry32(seed ^ hash(entry.name));
  const [lo, hi] = domain;
  return Array.from({ length: count }, () =>
    unflatten(
      template,
      Array.from({ length: n }, () => store(lo + (hi - lo) * next())),
    ),
  );
}

/**
 * Ridders' method from one initial step: central differences at h0, h0/1.4, … in a Neville tableau; the
 * answer is the tableau entry with the smallest error estimate. The estimate adds the rounding of f divided by
 * the step, which the tableau alone misses when f is so coarse that neighbouring differences agree exactly.
 * @param {(t: number) => number} g f along one coordinate
 * @param {number} t0
 * @param {number} h0
 * @param {(t: number) => number} store how the coordinate is stored (float32 or not)
 * @param {number} u unit roundoff of f
 */
function ridders(g, t0, h0, store, u) {
  const CON = 1.4;
  const CON2 = CON * CON;
  const NTAB = 12;
  const SAFE = 2;
  /** @type {number[][]} */
  const tab = [];
  let value = Number.NaN;
  let error = Number.POSITIVE_INFINITY;
  let fmax = 0;
  let h = h0;
  for (let i = 0; i < NTAB; i++, h /= CON) {
    const tp = store(t0 + h);
    const tm = store(t0 - h);
    if (!(tp > tm)) break;
    const fp = g(tp);
    const fm = g(tm);
    if (!Number.isFinite(fp) || !Number.isFinite(fm)) {
      // Outside f's domain (log, sqrt near 0): start over from the next, smaller step.
      if (tab.length > 0) break;
      continue;
    }
    fmax = Math.max(fmax, Math.abs(fp), Math.abs(fm));
    // ~10: how much the extrapolation amplifies the rounding of one difference, summed over the levels.
    const noise = (10 * u * fmax) / (tp - tm);
    const row = [(fp - fm) / (tp - tm)];
    const prev = tab[tab.length - 1];
    if (prev) {
      let fac = CON2;
      for (let j = 1; j <= prev.length; j++) {
        row[j] = (row[j - 1] * fac - prev[j - 1]) / (fac - 1);
        fac *= CON2;
        const errt = Math.max(Math.abs(row[j] - row[j - 1]), Math.abs(row[j] - prev[j - 1])) + noise;
        if (errt <= error) {
          error = errt;
          value = row[j];
        }
      }
    }
    tab.push(row);
    if (prev && Math.abs(row[row.length - 1] - prev[prev.length - 1]) >= SAFE * error) break;
  }
  return { value, error };
}

/**
 * The derivative of g at t0 with an error estimate, from Ridders' method started at powers of ten.
 *
 * First downwards from a hundredth of |t0| (of 1 at 0) while the error estimate improves, which finds the
 * scale on which f is smooth (sin(1000x) needs 1e-4). Then upwards: larger steps beat the rounding of f, and
 * a polynomial is extrapolated exactly at any step, which confirms a tiny derivative next to a huge f. A
 * larger start is taken only if it also agrees with the best so far: far from t0 many functions turn flat or
 * linear (exp(−x²), softplus, a sigmoid loss) and the tableau then agrees with itself on a wrong value.
 * @param {(t: number) => number} g
 * @param {number} t0
 * @param {{ store?: (t: number) => number, u?: number, rel?: number }} [options]
 */
export function numericDerivative(g, t0, { store = identity, u = U64, rel = 1e-12 } = {}) {
  const k0 = Math.max(-9, Math.round(Math.log10(t0 !== 0 ? Math.abs(t0) : 1)) - 2);
  let best = { value: Number.NaN, error: Number.POSITIVE_INFINITY };
  const good = () => best.error <= rel * Math.abs(best.value);
  for (let k = k0; k >= -14 && !good(); k--) {
    const c = ridders(g, t0, 10 ** k, store, u);
    if (c.error < best.error) best = c;
    else if (best.error < Number.POSITIVE_INFINITY) break;
  }
  for (let k = k0 + 1; k <= 9 && !good(); k++) {
    const c = ridders(g, t0, 10 ** k, store, u);
    if (!(Math.abs(c.value - best.value) <= 4 * (c.error + best.error))) break;
    if (c.error < best.error) best = c;
  }
  return best;
}

/**
 * Solves the small symmetric system N·c = b by Gauss-Jordan elimination with partial pivoting, and returns c
 * and the first diagonal entry of N⁻¹ (the variance factor of c[0]).
 * @param {number[][]} N
 * @param {number[]} b
 */
function solveNormal(N, b) {
  const n = b.length;
  const m = N.map((row, i) => [...row, b[i], ...row.map((_, k) => (k === i ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    [m[c], m[piv]] = [m[piv], m[c]];
    const d = m[c][c];
    for (let k = 0; k < m[c].length; k++) m[c][k] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const q = m[r][c];
      for (let k = 0; k < m[r].length; k++) m[r][k] -= q * m[c][k];
    }
  }
  return { coef: m.map((row) => row[n]), var0: m[0][n + 1] };
}

/**
 * The derivative of a noisy function (float32) from a least-squares fit of an odd polynomial to
 * (g(t0 + s) − g(t0 − s))/2 at 64 steps s in (0, H]. The rounding of a float32 f is pseudo-random in t, so
 * the fit averages it down: on f32-mlp, ~50 times closer to the exact derivative than Ridders' method, whose
 * tableau rests on two evaluations a step. H is chosen among 0.01 … 0.3 (times |t0| beyond 1) by the
 * estimated error: the fit's standard error plus the change from degree 7 to degree 9.
 * @param {(t: number) => number} g
 * @param {number} t0
 * @param {(t: number) => number} store
 */
export function leastSquaresDerivative(g, t0, store = Math.fround) {
  const M = 64;
  let best = { value: Number.NaN, error: Number.POSITIVE_INFINITY };
  for (const c of [0.3, 0.1, 0.03, 0.01]) {
    const H = c * Math.max(1, Math.abs(t0));
    /** @type {number[][]} */
    const rows = [];
    /** @type {number[]} */
    const ys = [];
    let finite = true;
    for (let j = 1; j <= M && finite; j++) {
      const tp = store(t0 + (H * j) / M);
      const tm = store(t0 - (H * j) / M);
      if (!(tp > tm)) continue;
      const fp = g(tp);
      const fm = g(tm);
      finite = Number.isFinite(fp) && Number.isFinite(fm);
      // In units of H, so that the normal equations stay well conditioned.
      const d = (tp - tm) / (2 * H);
      rows.push([d, d ** 3, d ** 5, d ** 7, d ** 9]);
      ys.push((fp - fm) / 2);
    }
    if (!finite || rows.length < 10) continue;
    /** @param {number} deg */
    const polyFit = (deg) => {
      const N = Array.from({ length: deg }, () => new Array(deg).fill(0));
      const b = new Array(deg).fill(0);
      rows.forEach((row, r) => {
        for (let i = 0; i < deg; i++) {
          b[i] += row[i] * ys[r];
          for (let k = 0; k < deg; k++) N[i][k] += row[i] * row[k];
        }
      });
      const { coef, var0 } = solveNormal(N, b);
      let ss = 0;
      rows.forEach((row, r) => {
        let p = 0;
        for (let i = 0; i < deg; i++) p += row[i] * coef[i];
        ss += (ys[r] - p) ** 2;
      });
      return { value: coef[0] / H, se: Math.sqrt((ss / (rows.length - deg)) * var0) / H };
    };
    const lo = polyFit(4);
    const hi = polyFit(5);
    const error = Math.abs(hi.value - lo.value) + 2 * hi.se;
    if (error < best.error) best = { value: hi.value, error };
  }
  return best;
}

/**
 * |a − n| / max(|a|, |n|, floor), 0 when a and n are equal, Infinity when either is not finite.
 * @param {number} a
 * @param {number} n
 * @param {number} [floor]
 */
export function relativeDiscrepancy(a, n, floor = 0) {
  if (!Number.isFinite(a) || !Number.isFinite(n)) return Number.POSITIVE_INFINITY;
  const d = Math.abs(a - n);
  return d === 0 ? 0 : d / Math.max(Math.abs(a), Math.abs(n), floor);
}

/**
 * @param {number} n
 * @param {number} max
 */
function coordinateSubset(n, max) {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  if (max <= 1) return [0];
  return [...new Set(Array.from({ length: max }, (_, k) => Math.round((k * (n - 1)) / (max - 1))))];
}

/**
 * Compares `entry.grad` with the numeric derivative on every coordinate (or an evenly spread subset of
 * `maxCoordinates`) at `samples` deterministic points.
 * @param {CatalogEntry} entry
 * @param {{ samples?: number, seed?: number, maxCoordinates?: number }} [options]
 */
export function verifyEntry(
  entry,
  { samples = 3, seed = 1, maxCoordinates = Number.POSITIVE_INFINITY } = {},
) {
  const f32 = entry.group === 'float32';
  const threshold = THRESHOLDS[entry.group];
  let worst = 0;
  /** @type {{ sample: number, index: number, analytic: number, numeric: number, error: number } | null} */
  let at = null;
  let n = 0;
  let checked = 0;
  const points = samplePoints(entry, samples, seed);
  points.forEach((x, s) => {
    const base = flatten(x);
    n = base.length;
    const analytic = flatten(entry.grad(x));
    if (analytic.length !== n) {
      throw new RangeError(`${entry.name}: grad has ${analytic.length} coordinates, the input ${n}`);
    }
    // In float32 a partial derivative is only accurate relative to the whole gradient: both sides sum
    // rounded terms of the gradient's scale (the analytic float32 gradient of f32-mlp is within 2e-7·‖g‖∞
    // of the exact one, which is more than 1e-3 of its smallest entries).
    const floor = f32 ? F32_FLOOR * analytic.reduce((m, v) => Math.max(m, Math.abs(v)), 0) : 0;
    for (const i of coordinateSubset(n, maxCoordinates)) {
      const v = base.slice();
      const g = (/** @type {number} */ t) => {
        v[i] = t;
        return entry.f(unflatten(x, v));
      };
      const { value, error } = f32 ? leastSquaresDerivative(g, base[i]) : numericDerivative(g, base[i]);
      const d = relativeDiscrepancy(analytic[i], value, floor);
      checked++;
      if (at === null || d > worst || Number.isNaN(d)) {
        worst = d;
        at = { sample: s, index: i, analytic: analytic[i], numeric: value, error };
      }
    }
  });
  return { name: entry.name, group: entry.group, n, checked, worst, at, threshold, ok: worst <= threshold };
}
