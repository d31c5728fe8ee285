/**
 * Building blocks of the adversarial matrix (test/helpers/adversarial-cases.ts): functions built to make a
 * wrong gradient pass, by randomness, glitches keyed to the call count, caches, or noise that is
 * deterministic. Every source of randomness is a seeded PRNG, so that a failing run reproduces exactly:
 * Math.random would make a hole show on one run and hide on the next.
 */

/** f of the matrix: every case checks at `number[]` points, so that one table types them all. */
export type F = (x: number[]) => number;
/** The (wrong) gradient of a case. */
export type G = (x: number[]) => number[];

/**
 * mulberry32: a tiny seeded PRNG, uniform on [0, 1). The seed is scrambled first: seeds 1, 2, 3 as they
 * are start correlated streams, whose first dropout masks come out alike.
 */
export function mulberry32(seed: number): () => number {
  let a = Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const bits = new DataView(new ArrayBuffer(8));

/**
 * A hash of the exact bits of every coordinate into [-1, 1). Neighbouring floats land far apart (the
 * murmur3 finaliser), so that f + c·bitsHash(x) is deterministic yet has no usable derivative at any
 * step: noise that a repeated call at the same point cannot reveal.
 */
export function bitsHash(x: readonly number[], salt = 0): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (const v of x) {
    bits.setFloat64(0, v);
    h = Math.imul(h ^ bits.getUint32(0), 0x01000193);
    h = Math.imul(h ^ bits.getUint32(4), 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 31 - 1;
}

/** One unit of the smooth f: sin v + v²/2, curved enough that a missing term shows at any point. */
const unit = (v: number) => Math.sin(v) + (v * v) / 2;
const unitGradient = (v: number) => Math.cos(v) + v;

/** The smooth f the glitches and the noise are added to; the offset keeps |f| away from 0. */
export const smooth: F = (x) => x.reduce((s, v) => s + unit(v), 3);
/** Its gradient: right for `smooth`, wrong for anything added to it. */
export const smoothGradient: G = (x) => x.map(unitGradient);
/** The gradient most wrong gradients here are: all 0. */
export const zeros: G = (x) => x.map(() => 0);

export const DROPOUT_RATE = 0.05;

/**
 * Inverted dropout over the units of `smooth`: a fresh mask per call from a seeded PRNG. At rate 0.05 and
 * n = 5, two calls in a row draw the same mask about 60% of the time, so one repeated call often misses it.
 */
export function dropout(seed: number): F {
  const rng = mulberry32(seed);
  return (x) => {
    let s = 3;
    for (const v of x) if (rng() >= DROPOUT_RATE) s += unit(v) / (1 - DROPOUT_RATE);
    return s;
  };
}

/**
 * Dropout whose mask is drawn from a hash of x: deterministic, so that no repeat at the same point
 * differs, but it jumps between nearby points by whole units.
 */
export const hashedDropout: F = (x) => {
  let s = 3;
  x.forEach((v, i) => {
    if ((bitsHash(x, i) + 1) / 2 >= DROPOUT_RATE) s += unit(v) / (1 - DROPOUT_RATE);
  });
  return s;
};

/**
 * Returns the cached value when called with the same values as the previous call, as a memoising layer
 * would: a check that repeats f(x) back to back sees the same number however random f is. The values
 * are copied because gradcheck perturbs one working copy in place.
 */
export function cacheLastX(f: F): F {
  let last: number[] | undefined;
  let value = 0;
  return (x) => {
    if (last !== undefined && last.length === x.length && last.every((v, i) => Object.is(v, x[i]))) {
      return value;
    }
    last = [...x];
    value = f(x);
    return value;
  };
}

/** f, changed to `glitch(value)` on the calls (counted from 1) that `when` picks. */
export function glitchOn(f: F, when: (call: number) => boolean, glitch: (value: number) => number): F {
  let calls = 0;
  return (x) => {
    calls++;
    const value = f(x);
    return when(calls) ? glitch(value) : value;
  };
}

/**
 * f for the first `n` calls, then the value of call n forever: a cache that stopped invalidating. After
 * the freeze every difference is 0, which a gradient of all 0 agrees with.
 */
export function freezeAfter(f: F, n: number): F {
  let calls = 0;
  let frozen = 0;
  return (x) => {
    calls++;
    if (calls <= n) frozen = f(x);
    return frozen;
  };
}

/** f times (1 + size·(r − ½)) for a fresh seeded r per call: jitter within a `nondeterminism` allowance. */
export function jitter(f: F, size: number, seed: number): F {
  const rng = mulberry32(seed);
  return (x) => f(x) * (1 + size * (rng() - 0.5));
}

/** f + c·bitsHash(x): deterministic noise of absolute size c. */
export function hashNoise(f: F, c: number): F {
  return (x) => f(x) + c * bitsHash(x);
}

/** Σ xᵢ² plus a fast oscillation a·sin(ω·xᵢ): the gradient 2x misses the term cos(ω·xᵢ)·a·ω. */
export function oscillating(a: number, omega: number): F {
  return (x) => x.reduce((s, v) => s + v * v + a * Math.sin(omega * v), 0);
}

/** The true gradient of `oscillating(a, ω)`, the term the wrong one misses included. */
export function oscillatingGradient(a: number, omega: number): G {
  return (x) => x.map((v) => 2 * v + a * omega * Math.cos(omega * v));
}

export const twice: G = (x) => x.map((v) => 2 * v);
export const squares: F = (x) => x.reduce((s, v) => s + v * v, 0);

/**
 * A float32 f whose values round to one number at every step gradcheck takes in float32: 1 + 1e-4·Σxᵢ
 * changes by far less than the spacing of float32 at 1 over a step of 2^-10·|x|, yet its slope, 1e-4,
 * shows at steps near 1.
 */
export const flatInFloat32: F = (x) =>
  Math.fround(1 + Math.fround(1e-4 * Math.fround(x.reduce((s, v) => s + v, 0))));
