/**
 * Reference checkers the benchmark compares gradcheck against, reproduced as they are used in practice, and
 * the flatten/unflatten helpers that let them run on the catalog's structured inputs.
 *
 * The numeric sides take `f` of a flat vector and `x` as a flat `number[]`, and return
 * `{ numeric: Float64Array, evaluations }`.
 */

/**
 * @param {unknown} x
 * @param {number[]} out
 */
function flattenInto(x, out) {
  if (typeof x === 'number') {
    out.push(x);
  } else if (x instanceof Float32Array || x instanceof Float64Array) {
    for (let i = 0; i < x.length; i++) out.push(x[i]);
  } else if (Array.isArray(x)) {
    for (const v of x) {
      if (typeof v === 'number') out.push(v);
      else flattenInto(v, out);
    }
  } else if (x !== null && typeof x === 'object') {
    for (const v of Object.values(x)) flattenInto(v, out);
  } else {
    throw new TypeError(`flatten: cannot flatten a ${x === null ? 'null' : typeof x}`);
  }
}

/**
 * All coordinates of `x` as one flat array, depth-first, object keys in `Object.keys` order (insertion order,
 * except that integer-like keys come first in ascending order, as JavaScript orders them).
 * @param {unknown} x a number, array, Float32Array, Float64Array, nested arrays or plain objects of these
 * @returns {number[]}
 */
export function flatten(x) {
  /** @type {number[]} */
  const out = [];
  flattenInto(x, out);
  return out;
}

/**
 * @param {unknown} template
 * @param {ArrayLike<number>} flat
 * @param {{ at: number }} cursor
 * @returns {unknown}
 */
function unflattenFrom(template, flat, cursor) {
  if (typeof template === 'number') return flat[cursor.at++];
  if (template instanceof Float32Array || template instanceof Float64Array) {
    // The same typed-array class, so a Float32Array template rounds the values to float32, as storing would.
    const out = new /** @type {Float32ArrayConstructor | Float64ArrayConstructor} */ (template.constructor)(
      template.length,
    );
    for (let i = 0; i < out.length; i++) out[i] = flat[cursor.at++];
    return out;
  }
  if (Array.isArray(template)) {
    // Number leaves inline with a local index: the benchmark rebuilds its inputs on every evaluation.
    const out = new Array(template.length);
    let at = cursor.at;
    for (let i = 0; i < template.length; i++) {
      const t = template[i];
      if (typeof t === 'number') {
        out[i] = flat[at++];
      } else {
        cursor.at = at;
        out[i] = unflattenFrom(t, flat, cursor);
        at = cursor.at;
      }
    }
    cursor.at = at;
    return out;
  }
  if (template !== null && typeof template === 'object') {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [k, v] of Object.entries(template)) out[k] = unflattenFrom(v, flat, cursor);
    return out;
  }
  throw new TypeError(`unflatten: cannot rebuild a ${template === null ? 'null' : typeof template}`);
}

/** @type {WeakMap<object, boolean>} */
const plainVectors = new WeakMap();

/**
 * Whether `template` is a plain number[], remembered per template: the benchmark rebuilds the same shape on
 * every evaluation, and for long-sum (n = 2000) the generic walk costs several times f itself.
 * @param {unknown} template
 */
function isPlainVector(template) {
  if (!Array.isArray(template)) return false;
  let plain = plainVectors.get(template);
  if (plain === undefined) {
    plain = template.every((v) => typeof v === 'number');
    plainVectors.set(template, plain);
  }
  return plain;
}

/**
 * A fresh value shaped like `template` with the coordinates of `flat`, in `flatten`'s order.
 * @param {unknown} template
 * @param {ArrayLike<number>} flat
 * @returns {any}
 */
export function unflatten(template, flat) {
  if (isPlainVector(template) && /** @type {unknown[]} */ (template).length === flat.length) {
    return Array.isArray(flat) ? flat.slice() : Array.from(flat);
  }
  const cursor = { at: 0 };
  const out = unflattenFrom(template, flat, cursor);
  if (cursor.at !== flat.length) {
    throw new RangeError(`unflatten: the template has ${cursor.at} coordinates, the vector ${flat.length}`);
  }
  return out;
}

/**
 * The deep-learning course's `gradient_check_n` numeric side, kept as it is: a whole copy of the vector for
 * EACH coordinate (`np.copy`), thetaplus and thetaminus, a central difference with an absolute epsilon.
 * @param {(x: number[]) => number} f
 * @param {number[]} x
 * @param {number} [epsilon]
 * @returns {{ numeric: Float64Array, evaluations: number }}
 */
export function seedRecipe(f, x, epsilon = 1e-7) {
  const numParameters = x.length;
  const gradapprox = new Float64Array(numParameters);
  let evaluations = 0;
  for (let i = 0; i < numParameters; i++) {
    const thetaplus = x.slice();
    thetaplus[i] = thetaplus[i] + epsilon;
    const jPlus = f(thetaplus);
    const thetaminus = x.slice();
    thetaminus[i] = thetaminus[i] - epsilon;
    const jMinus = f(thetaminus);
    evaluations += 2;
    gradapprox[i] = (jPlus - jMinus) / (2 * epsilon);
  }
  return { numeric: gradapprox, evaluations };
}

/**
 * @param {ArrayLike<number>} v
 */
function norm2(v) {
  // No rescaling, like np.linalg.norm on a vector: it overflows where numpy overflows.
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/**
 * The course's global metric ‖a − n‖₂ / (‖a‖₂ + ‖n‖₂). NaN when both are all zeros, as in numpy (0/0).
 * @param {ArrayLike<number>} a analytic gradient
 * @param {ArrayLike<number>} n numeric gradient
 */
export function seedDifference(a, n) {
  if (a.length !== n.length) throw new RangeError(`seedDifference: lengths ${a.length} and ${n.length}`);
  const diff = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) diff[i] = a[i] - n[i];
  return norm2(diff) / (norm2(a) + norm2(n));
}

/**
 * The course's verdict `difference < 1e-7` (the 1-D `gradient_check`; newer notebooks of `gradient_check_n`
 * flag a mistake only above 2e-7, hence the parameter). NaN fails, as `NaN < 1e-7` is false.
 * @param {ArrayLike<number>} a analytic gradient
 * @param {ArrayLike<number>} n numeric gradient
 * @param {number} [threshold]
 */
export function seedVerdict(a, n, threshold = 1e-7) {
  return seedDifference(a, n) < threshold;
}

/**
 * Central differences with a fixed absolute step, perturbing one coordinate in place and restoring it, as
 * PyTorch's gradcheck does (x − h first, then x + h). Works on a copy: the caller's `x` is left alone.
 * @param {(x: number[]) => number} f
 * @param {number[]} x
 * @param {number} [h]
 * @returns {{ numeric: Float64Array, evaluations: number }}
 */
export function fixedStep(f, x, h = 1e-6) {
  const v = x.slice();
  const numeric = new Float64Array(v.length);
  let evaluations = 0;
  for (let i = 0; i < v.length; i++) {
    const orig = v[i];
    v[i] = orig - h;
    const fa = f(v);
    v[i] = orig + h;
    const fb = f(v);
    // Restored from the saved value, not by subtracting h: orig + h − h need not round back to orig.
    v[i] = orig;
    evaluations += 2;
    numeric[i] = (fb - fa) / (2 * h);
  }
  return { numeric, evaluations };
}

/**
 * PyTorch's allclose rule |a − n| ≤ atol + rtol·|n| on every coordinate (gradcheck's defaults: eps = 1e-6,
 * atol = 1e-5, rtol = 1e-3). NaN anywhere fails, as with `equal_nan=False`.
 * @param {ArrayLike<number>} a analytic gradient
 * @param {ArrayLike<number>} n numeric gradient
 * @param {{ atol?: number, rtol?: number }} [options]
 */
export function pytorchLikeVerdict(a, n, { atol = 1e-5, rtol = 1e-3 } = {}) {
  if (a.length !== n.length) throw new RangeError(`pytorchLikeVerdict: lengths ${a.length} and ${n.length}`);
  for (let i = 0; i < a.length; i++) {
    // Equal values are close even when infinite, as in torch.isclose, where inf − inf would be NaN.
    if (a[i] === n[i]) continue;
    if (!(Math.abs(a[i] - n[i]) <= atol + rtol * Math.abs(n[i]))) return false;
  }
  return true;
}
