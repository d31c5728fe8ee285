/**
 * The parameter blocks of a gradient check, read off its rows: `W1[2][0]` is entry (2, 0) of block `W1`,
 * `layers[1].b[4]` entry 4 of block `layers[1].b`, `arg1.W[0][2]` entry (0, 2) of `arg1.W`. A block is
 * what a user names and returns as one gradient (dW1, db1), the unit in which backprop bugs have shapes
 * and in which the report counts disagreements.
 */
import type { SampleReport } from '../../types.js';

/** One entry of a block at one sample: its index in the block, both sides, and how far they may differ. */
export interface BlockEntry {
  sample: number;
  /** Its index along each axis of the block: [i] in a vector, [i, j] in a matrix, [] in a scalar. */
  index: readonly number[];
  analytic: number;
  numeric: number;
  /** The parameter's value at the sample: what an L2 term is proportional to. */
  x: number;
  /** The largest |analytic − predicted| a pattern may leave: the row's own allowance, or tol. */
  slack: number;
  ok: boolean;
  /** The row disagrees (not merely inconclusive, a kink or not finite). */
  mismatch: boolean;
}

/** A parameter block: its name, its shape (the extent of each axis), and its entries over the samples. */
export interface ParamBlock {
  name: string;
  dims: readonly number[];
  /** How many entries one sample has. */
  size: number;
  entries: BlockEntry[];
}

/** `W1[2][0]` → name `W1` and index [2, 0]; a path without trailing indices is a scalar block. */
function splitPath(path: string): { name: string; index: number[] } {
  const match = /^(.*?)((?:\[\d+\])*)$/.exec(path);
  const name = match?.[1] ?? path;
  const index = [...(match?.[2] ?? '').matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  return { name: name === '' ? path : name, index };
}

/**
 * The blocks of a per-coordinate gradient check, in the order their first entry was checked, each with
 * every entry the samples checked. `tol` is the check's relative tolerance, the least slack of an entry.
 */
export function blocksOf(samples: readonly SampleReport[], tol: number): ParamBlock[] {
  const byName = new Map<string, ParamBlock>();
  for (const sample of samples) {
    for (const row of sample.coordinates) {
      const { name, index } = splitPath(row.path);
      let block = byName.get(name);
      if (block === undefined) {
        block = { name, dims: [], size: 0, entries: [] };
        byName.set(name, block);
      }
      const slack = Math.max(row.allowed, tol * Math.abs(row.analytic));
      block.entries.push({
        sample: sample.index,
        index,
        analytic: row.analytic,
        numeric: row.numeric,
        x: row.x,
        slack: Number.isFinite(slack) ? slack : 0,
        ok: row.ok,
        mismatch: row.status === 'mismatch',
      });
    }
  }
  for (const block of byName.values()) {
    const axes = Math.max(0, ...block.entries.map((e) => e.index.length));
    const dims = Array.from(
      { length: axes },
      (_, k) => 1 + Math.max(...block.entries.map((e) => e.index[k] ?? 0)),
    );
    const first = block.entries[0]!.sample;
    Object.assign(block, { dims, size: block.entries.filter((e) => e.sample === first).length });
  }
  return [...byName.values()];
}

/** How many of a block's entries disagree in some sample, of how many it has. */
export function disagreements(block: ParamBlock): { disagree: number; entries: number } {
  const failing = new Set(block.entries.filter((e) => !e.ok).map((e) => e.index.join(',')));
  return { disagree: failing.size, entries: block.size };
}
