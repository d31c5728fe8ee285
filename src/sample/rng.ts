/**
 * The seeded random source of a check, and the uniform draw it makes points with. Every random choice a
 * check makes (points, coordinates, the noise probe) comes from a stream of its seed, so that a printed
 * seed reruns exactly the same check.
 *
 * seedrandom stays the seeded source: it turns any seed string into 128 bits of state. Its ARC4 generator
 * costs about 75 ns a double and a key schedule per stream, at 2n doubles a sample, which is most of what
 * a small check spends; so each stream seeds sfc32 (Chris Doty-Humphrey's small fast counting generator,
 * 32-bit, period at least 2^32, passes PractRand) once, and the seed's state is kept for the next check.
 */
import seedrandom from 'seedrandom';
import type { Rng } from '../types.js';
import { spacing } from '../util/float.js';

/** The 128-bit states seedrandom gave each `seed:stream`, so that a test file of checks seeds each once. */
const seeded = new Map<string, Uint32Array>();
/** Enough distinct seeds and streams for any test file; past it the cache starts again. */
const SEEDS_KEPT = 1024;

function stateOf(key: string): Uint32Array {
  let state = seeded.get(key);
  if (state === undefined) {
    const prng = seedrandom(key);
    state = Uint32Array.of(prng.int32(), prng.int32(), prng.int32(), prng.int32());
    if (seeded.size >= SEEDS_KEPT) seeded.clear();
    seeded.set(key, state);
  }
  return state;
}

/** One stream of a seed: sfc32 from seedrandom's state for `seed:stream`. */
export class Stream {
  /**
   * sfc32's a, b, c, d, in an Int32Array rather than four fields: `fill`'s loop, whose locals start from
   * the fields (declared on the class, so first undefined), ran at twice its time (7.6 ms against 3.9 at
   * n = 1e6), the same draws.
   */
  private readonly s: Int32Array;

  constructor(seed: string | number, stream: string) {
    this.s = Int32Array.from(stateOf(`${seed}:${stream}`));
  }

  /** The next 32 random bits, as an unsigned integer. */
  next(): number {
    const s = this.s;
    const t = (((s[0]! + s[1]!) | 0) + s[3]!) | 0;
    s[3] = s[3]! + 1;
    s[0] = s[1]! ^ (s[1]! >>> 9);
    s[1] = s[2]! + (s[2]! << 3);
    s[2] = ((s[2]! << 21) | (s[2]! >>> 11)) + t;
    return t >>> 0;
  }

  /** A uniform double on [0, 1), with 53 random bits. */
  double(): number {
    return ((this.next() >>> 5) * 67108864 + (this.next() >>> 6)) / 9007199254740992;
  }

  /**
   * Fills `out` with drawValue(this, lo, hi) for each entry, in order: the same draws as `double`, with
   * the state in locals (half the time of a call of `double` per entry, which reads and writes the fields
   * twice: a tenth of a directional check at n = 1e6).
   */
  fill(out: Float64Array | Float32Array, lo: number, hi: number): void {
    const s = this.s;
    let a = s[0]!;
    let b = s[1]!;
    let c = s[2]!;
    let d = s[3]!;
    const width = hi - lo;
    const finite = Number.isFinite(width);
    const float32 = roundsToFloat32(lo, hi);
    for (let i = 0; i < out.length; i++) {
      let t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      const high = t >>> 5;
      t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      const r = (high * 67108864 + (t >>> 6)) / 9007199254740992;
      if (!finite) {
        out[i] = valueAt(r, lo, hi);
        continue;
      }
      const raw = lo + width * r;
      const rounded = Math.fround(raw);
      out[i] = float32 && rounded >= lo && rounded <= hi ? rounded : raw;
    }
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
  }
}

/** A seeded uniform source on [0, 1), with 53 random bits. Separate streams keep points independent of other draws. */
export function makeRng(seed: string | number, stream: string): Rng {
  const source = new Stream(seed, stream);
  return () => source.double();
}

/**
 * Fewest float32 values a domain must hold for its draws to be rounded to float32. In a narrower one
 * every draw rounds to one of a few values: at [1e8, 1e8 + 2], where float32's spacing is 8, every
 * coordinate of every sample was 1e8, so that the samples were one point and its differences all 0.
 */
const FLOAT32_VALUES = 2 ** 10;

/**
 * Whether draws on [lo, hi] are rounded to float32: where float32 holds FLOAT32_VALUES or more values
 * of it (at its spacing at the domain's largest magnitude), as in any domain wider than 2^-13 (1.2e-4)
 * of that magnitude, or where the domain is infinitely wide.
 */
export function roundsToFloat32(lo: number, hi: number): boolean {
  const width = hi - lo;
  if (!Number.isFinite(width)) return true;
  return width >= FLOAT32_VALUES * spacing(Math.max(Math.abs(lo), Math.abs(hi)), 'float32');
}

/**
 * Draws a uniform value in [lo, hi], one that float32 can hold exactly where the domain holds enough of
 * them (roundsToFloat32), so that float32 code is evaluated at exactly the point that was drawn and
 * reported.
 */
export function drawValue(rng: Rng, lo: number, hi: number): number {
  return valueAt(rng(), lo, hi);
}

/** drawValue's value for the uniform draw r. */
function valueAt(r: number, lo: number, hi: number): number {
  const width = hi - lo;
  // A domain wider than the largest double ([-1.7e308, 1.7e308]) has an infinite width: weigh the ends
  // instead, which cannot overflow. Only then: any other domain keeps the draws it always had, bit for bit.
  const raw = Number.isFinite(width) ? lo + width * r : Math.min(hi, Math.max(lo, lo * (1 - r) + hi * r));
  const rounded = Math.fround(raw);
  return rounded >= lo && rounded <= hi && roundsToFloat32(lo, hi) ? rounded : raw;
}
