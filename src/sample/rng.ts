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
  const raw = lo + (hi - lo) * rng();
  const rounded = Math.fround(raw);
  return rounded >= lo && rounded <= hi ? rounded : raw;
}
