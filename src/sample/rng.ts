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

/** A seeded uniform source on [0, 1), with 53 random bits. Separate streams keep points independent of other draws. */
export function makeRng(seed: string | number, stream: string): Rng {
  const state = stateOf(`${seed}:${stream}`);
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
}

/**
 * Draws a uniform value in [lo, hi] that float32 can hold exactly, so that float32 code is evaluated at
 * exactly the point that was drawn and reported.
 */
export function drawValue(rng: Rng, lo: number, hi: number): number {
  const r = rng();
  const width = hi - lo;
  // A domain wider than the largest double ([-1.7e308, 1.7e308]) has an infinite width: weigh the ends
  // instead, which cannot overflow. Only then: any other domain keeps the draws it always had, bit for bit.
  const raw = Number.isFinite(width) ? lo + width * r : Math.min(hi, Math.max(lo, lo * (1 - r) + hi * r));
  const rounded = Math.fround(raw);
  return rounded >= lo && rounded <= hi ? rounded : raw;
}
