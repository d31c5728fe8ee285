/**
 * The shapes backprop bugs take, each one small test of a hypothesis against the numbers: a block's
 * analytic values predicted from its numeric ones (c·n, −n, the transpose, another block's, n + λ·x, a
 * neighbour's, 0). A shape holds only when its prediction is within every entry's slack, agreeing entries
 * included, so that a pattern is evidence, never a guess. find.ts tries them in order and words them.
 */
import type { BlockEntry, ParamBlock } from './blocks.js';

/** What a shape found: its fitted constant, if any, and how many entries it explains. */
export interface Fit {
  value?: number;
  explained: number;
}

/** Whether `predicted` (one per entry) is within each entry's slack, `scale` times it for a factor. */
function explains(
  entries: readonly BlockEntry[],
  predicted: (e: BlockEntry, k: number) => number,
  scale = 1,
) {
  let explained = 0;
  entries.forEach((e, k) => {
    const p = predicted(e, k);
    if (Number.isFinite(p) && Math.abs(e.analytic - p) <= e.slack * Math.max(1, Math.abs(scale))) explained++;
  });
  return explained;
}

/** Least squares c in a ≈ c·n, or undefined where n is 0 throughout. */
function fitFactor(entries: readonly BlockEntry[]): number | undefined {
  let an = 0;
  let nn = 0;
  for (const e of entries) {
    an += e.analytic * e.numeric;
    nn += e.numeric * e.numeric;
  }
  return nn > 0 && Number.isFinite(an / nn) ? an / nn : undefined;
}

/**
 * The value a user would have written for c: ±k or ±1/k for an integer k up to 10⁴, when it explains the
 * block as well as the fit does; else the fit.
 */
function niceFactor(c: number, entries: readonly BlockEntry[], explained: number): number {
  const k = Math.round(Math.abs(c) >= 1 ? Math.abs(c) : 1 / Math.abs(c));
  if (k < 1 || k > 10_000) return c;
  const nice = Math.sign(c) * (Math.abs(c) >= 1 ? k : 1 / k);
  return explains(entries, (e) => nice * e.numeric, nice) >= explained ? nice : c;
}

/** Every analytic entry is exactly 0 while the numeric side is not: a gradient never accumulated. */
export function zeros(block: ParamBlock): Fit | undefined {
  const { entries } = block;
  if (!entries.every((e) => e.analytic === 0) || entries.every((e) => e.ok)) return undefined;
  return { explained: entries.length };
}

/** a ≈ c·n with one c over the block, c ≠ 1: a missing 1/m, a factor of 2, or −1 (`sign`). */
export function factor(block: ParamBlock): Fit | undefined {
  const c = fitFactor(block.entries);
  if (c === undefined || c === 0 || Math.abs(c - 1) <= 1e-6) return undefined;
  const explained = explains(block.entries, (e) => c * e.numeric, c);
  if (explained < block.entries.length) return undefined;
  const value = niceFactor(c, block.entries, explained);
  if (value === 1) return undefined;
  // A block of one entry fits any c: only a value a user would have written says anything.
  if (block.size < 3 && value === c) return undefined;
  return { value, explained };
}

/** a[i][j] ≈ n[j][i] in a square block: a transposed weight gradient. */
export function transpose(block: ParamBlock): Fit | undefined {
  const [rows, cols] = block.dims;
  if (block.dims.length !== 2 || rows !== cols || rows! < 2) return undefined;
  const at = new Map(block.entries.map((e) => [`${e.sample}:${e.index.join(',')}`, e.numeric]));
  const mirrored = (e: BlockEntry) => at.get(`${e.sample}:${e.index[1]},${e.index[0]}`) ?? Number.NaN;
  const explained = explains(block.entries, mirrored);
  return explained === block.entries.length ? { explained } : undefined;
}

/** a_A ≈ n_B and a_B ≈ n_A for two blocks of one shape: dW1 and dW2 returned in each other's place. */
export function swapped(a: ParamBlock, b: ParamBlock): Fit | undefined {
  if (a.entries.length !== b.entries.length || squeezed(a.dims) !== squeezed(b.dims)) return undefined;
  const other = (from: ParamBlock) => (_: BlockEntry, k: number) => from.entries[k]!.numeric;
  const explained = explains(a.entries, other(b)) + explains(b.entries, other(a));
  return explained === a.entries.length + b.entries.length ? { explained } : undefined;
}

/** a − n ≈ λ·x with one λ: an L2 term λ/2·‖x‖² missing from the gradient (λ < 0) or extra (λ > 0). */
export function l2(block: ParamBlock): Fit | undefined {
  let dx = 0;
  let xx = 0;
  for (const e of block.entries) {
    dx += (e.analytic - e.numeric) * e.x;
    xx += e.x * e.x;
  }
  // One wrong entry fits a λ of its own, which the others, near 0 next to it in λ·x, then "agree" with:
  // Student-t's ν at 1.6e8 beside μ and log σ near 1 was an "extra L2 term 1/5.4e15·x".
  if (!(xx > 0) || block.size < 2 || block.entries.filter((e) => !e.ok).length < 2) return undefined;
  const lambda = dx / xx;
  if (lambda === 0 || !Number.isFinite(lambda)) return undefined;
  const explained = explains(block.entries, (e) => e.numeric + lambda * e.x);
  return explained === block.entries.length ? { value: lambda, explained } : undefined;
}

/** A block's shape without its axes of length 1: a 5×1 column and a vector of 5 are one shape. */
function squeezed(dims: readonly number[]): string {
  return dims.filter((d) => d > 1).join('×');
}

/**
 * a[i] ≈ n[i ± 1] along the block's last axis longer than 1, for every entry that has such a neighbour:
 * an index off by one. The entries at the end without one are not counted either way.
 */
export function shift(block: ParamBlock): Fit | undefined {
  let last = block.dims.length - 1;
  while (last >= 0 && block.dims[last] === 1) last--;
  if (last < 0 || block.dims[last]! < 3) return undefined;
  const at = new Map(block.entries.map((e) => [`${e.sample}:${e.index.join(',')}`, e.numeric]));
  for (const by of [1, -1]) {
    const neighbour = (e: BlockEntry) => {
      const index = [...e.index];
      index[last] = index[last]! + by;
      return at.get(`${e.sample}:${index.join(',')}`);
    };
    const inner = block.entries.filter((e) => neighbour(e) !== undefined);
    const explained = explains(inner, (e) => neighbour(e)!);
    if (explained === inner.length && inner.some((e) => !e.ok)) return { value: by, explained };
  }
  return undefined;
}
