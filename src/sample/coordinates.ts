/**
 * Which coordinates a check looks at: all of them, the ones whose paths a predicate picks, or a seeded
 * random subset of a given size (`options.coordinates`). Both modes choose the same way, so the choice
 * lives here, below them, next to the other seeded draws.
 */
import type { ResolvedOptions } from '../options/resolve.js';
import type { Shape } from '../params/shape.js';
import { guarded, inputError } from '../util/errors.js';
import { makeRng } from './rng.js';

/**
 * The indices of the coordinates to check, in increasing order. `where` names the entry point, for the
 * error when a predicate picks none.
 */
export function chooseCoordinates(
  shape: Shape,
  options: Pick<ResolvedOptions, 'coordinates' | 'seed'>,
  where: string,
): Int32Array {
  const n = shape.n;
  const choice = options.coordinates;
  if (choice === undefined) return everyIndex(n);
  if (typeof choice === 'function') {
    const picked: number[] = [];
    for (let i = 0; i < n; i++) {
      const path = shape.path(i);
      if (
        guarded(
          () => choice(path),
          () => `${where}: coordinates, called for ${path},`,
        )
      )
        picked.push(i);
    }
    if (picked.length === 0)
      throw inputError(`${where}: the coordinates predicate selected none of the ${n} coordinates.`);
    return Int32Array.from(picked);
  }
  if (choice >= n) return everyIndex(n);
  // A partial Fisher–Yates shuffle: a seeded random subset, listed in order.
  const rng = makeRng(options.seed, 'coordinates');
  const all = everyIndex(n);
  for (let j = 0; j < choice; j++) {
    const r = j + Math.floor(rng() * (n - j));
    const t = all[j]!;
    all[j] = all[r]!;
    all[r] = t;
  }
  return all.slice(0, choice).sort();
}

/** 0 … n − 1, by a plain loop: Int32Array.from with a mapping function costs 40 times as much. */
function everyIndex(n: number): Int32Array {
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  return all;
}
