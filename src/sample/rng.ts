/**
 * The seeded random source of a check, and the uniform draw it makes points with. Every random choice a
 * check makes (points, coordinates, the noise probe) comes from a stream of its seed, so that a printed
 * seed reruns exactly the same check.
 */
import seedrandom from 'seedrandom';
import type { Rng } from '../types.js';

/** A seeded uniform source on [0, 1). Separate streams keep points independent of other draws. */
export function makeRng(seed: string | number, stream: string): Rng {
  const prng = seedrandom(`${seed}:${stream}`);
  return () => prng.double();
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
