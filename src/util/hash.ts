/**
 * A small integer hash, for values that must be random-looking yet cost no generator state: the
 * components of a random direction and the hashed ray of the noise probe. It is a leaf because more
 * than one part of the check uses it.
 */

/**
 * A 32-bit integer hash (Wellons' lowbias32), as a signed int32. Components of a direction are a hash of
 * (seed, index), so they cost no generator state and a million of them cost about two passes over the
 * input. The constants are written signed, so that the arithmetic stays in 32-bit integers.
 */
export function hash32(seed: number, index: number): number {
  let x = (seed + Math.imul(index, -1640531527)) | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, -2073450869);
  x ^= x >>> 16;
  return x;
}
