/**
 * The bug patterns of a failed per-coordinate gradient check, as the Report states them (Report.patterns)
 * and the count of disagreements per parameter block (Report.blocks). Each disagreeing block is tested
 * against the shapes of shapes.ts, in order, and gets at most one, in words with its evidence; a shape that
 * every disagreeing block shares, with every block disagreeing, is stated once, for the whole gradient.
 */
import type { BlockSummary, BugPattern, SampleReport } from '../../types.js';
import { blocksOf, disagreements, type ParamBlock } from './blocks.js';
import { type Fit, factor, l2, shift, swapped, transpose, zeros } from './shapes.js';

/** A number in a pattern's words: an exact 1/k or k as such, else 5 significant digits. */
function constant(c: number): string {
  const k = Math.round(1 / Math.abs(c));
  if (Math.abs(c) < 1 && k > 1 && Math.abs(c) * k === 1) return `${c < 0 ? '−' : ''}1/${k}`;
  const text = Number.isInteger(c) ? String(Math.abs(c)) : String(Number(Math.abs(c).toPrecision(5)));
  return `${c < 0 ? '−' : ''}${text}`;
}

/** What a factor c most likely is, in a backprop author's words. */
function factorHint(c: number): string {
  if (c === -1) return 'the gradient of −f? (ascent instead of descent)';
  if (c === 2) return 'a missing factor 1/2, or a loss defined with ½?';
  if (c === 0.5) return 'a factor 2 missing, as from the derivative of x²?';
  if (c < 0) return 'a wrong sign as well as a wrong scale?';
  if (Number.isInteger(c))
    return `a missing 1/${c} (the loss averages over a batch of ${c}, the gradient sums?)`;
  if (Number.isInteger(1 / c))
    return `an extra 1/${1 / c} (the gradient averages over a batch of ${1 / c}, the loss sums?)`;
  return 'a constant factor that should not be there';
}

type Shape = { kind: BugPattern['kind']; test: (b: ParamBlock) => Fit | undefined };
const SINGLE: readonly Shape[] = [
  { kind: 'zeros', test: zeros },
  { kind: 'factor', test: factor },
  { kind: 'transpose', test: transpose },
  { kind: 'l2', test: l2 },
  { kind: 'shift', test: shift },
];

/** How many entries a pattern explains, of how many, and over how many samples. */
function evidenceOf(explained: number, entries: number, samples: number): string {
  return `${explained} of ${entries} entries${samples > 1 ? `, over ${samples} samples` : ''}`;
}

/** The words of a pattern of one shape about `subject` (a block, or "the whole gradient"). */
function words(
  kind: BugPattern['kind'],
  subject: string,
  fit: Fit,
  entries: number,
  samples: number,
): string {
  const evidence = evidenceOf(fit.explained, entries, samples);
  switch (kind) {
    case 'zeros':
      return `${subject}: every entry is 0 in the analytic gradient, and not in the numeric one (${evidence}): a gradient never computed or never accumulated?`;
    case 'sign':
      return `${subject}: every entry is −1 × the numeric value (${evidence}): ${factorHint(-1)}`;
    case 'factor':
      return `${subject}: every entry is ${constant(fit.value!)} × the numeric value (${evidence}): ${factorHint(fit.value!)}`;
    case 'transpose':
      return `${subject}: the analytic block is the numeric one transposed, a[i][j] = n[j][i] (${evidence}): a transposed weight gradient?`;
    case 'l2': {
      const lambda = fit.value!;
      const what = lambda < 0 ? 'misses an' : 'has an extra';
      return `${subject}: analytic − numeric = ${constant(lambda)} × ${subject} (${evidence}): the gradient ${what} L2 term ${constant(Math.abs(lambda))}·${subject} (from λ/2·‖${subject}‖² with λ = ${constant(Math.abs(lambda))})?`;
    }
    case 'shift':
      return `${subject}: entry i of the analytic gradient is entry i ${fit.value! > 0 ? '+' : '−'} 1 of the numeric one along its last axis (all ${fit.explained} entries that have that neighbour${samples > 1 ? `, over ${samples} samples` : ''}): an index off by one?`;
    default:
      return subject;
  }
}

/** The one shape of a disagreeing block, if any explains it; sign is a factor of exactly −1. */
function shapeOf(block: ParamBlock): { kind: BugPattern['kind']; fit: Fit } | undefined {
  for (const { kind, test } of SINGLE) {
    const fit = test(block);
    if (fit === undefined) continue;
    return { kind: kind === 'factor' && fit.value === -1 ? 'sign' : kind, fit };
  }
  return undefined;
}

/**
 * The patterns and block counts of a failed per-coordinate gradient check with relative tolerance `tol`;
 * `subset` when it checked some coordinates only (`coordinates`), which "the whole gradient" would overstate.
 */
export function findPatterns(
  samples: readonly SampleReport[],
  tol: number,
  subset = false,
): { patterns: BugPattern[]; blocks: BlockSummary[] } {
  const blocks = blocksOf(samples, tol);
  const checked = samples.filter((s) => s.coordinates.length > 0).length;
  const summary = blocks.map((b) => ({ name: b.name, ...disagreements(b) }));
  // Rows that could not be verified disagree with nothing: only mismatches have a shape to find.
  const failing = blocks.filter((b) => b.entries.some((e) => e.mismatch));
  const patterns: BugPattern[] = [];
  const named = new Set<string>();
  // Two blocks of one shape, each the other's numeric side: a swap, before either is tried alone.
  for (const [i, a] of failing.entries()) {
    for (const b of failing.slice(i + 1)) {
      if (named.has(a.name) || named.has(b.name)) continue;
      const fit = swapped(a, b);
      if (fit === undefined) continue;
      named.add(a.name).add(b.name);
      const entries = a.entries.length + b.entries.length;
      patterns.push({
        kind: 'swap',
        blocks: [a.name, b.name],
        explained: fit.explained,
        entries,
        message: `${a.name} and ${b.name} are swapped: the analytic ${a.name} is the numeric ${b.name}, and the other way round (${evidenceOf(fit.explained, entries, checked)}): the two gradients returned in each other's place?`,
      });
    }
  }
  const found = failing.filter((b) => !named.has(b.name)).map((b) => ({ block: b, shape: shapeOf(b) }));
  const shared = found[0]?.shape;
  const whole =
    found.length === blocks.length &&
    shared !== undefined &&
    (shared.kind === 'zeros' || shared.kind === 'sign' || shared.kind === 'factor') &&
    found.every((f) => f.shape?.kind === shared.kind && f.shape.fit.value === shared.fit.value);
  if (whole && (blocks.length > 1 || blocks[0]!.name === 'x')) {
    const entries = blocks.reduce((s, b) => s + b.entries.length, 0);
    const explained = found.reduce((s, f) => s + f.shape!.fit.explained, 0);
    const fit = { ...shared.fit, explained };
    patterns.push({
      kind: shared.kind,
      blocks: blocks.map((b) => b.name),
      ...(fit.value !== undefined && { value: fit.value }),
      explained,
      entries,
      message: words(
        shared.kind,
        subset ? 'every coordinate checked' : 'the whole gradient',
        fit,
        entries,
        checked,
      ),
    });
    return { patterns, blocks: summary };
  }
  for (const { block, shape } of found) {
    if (shape === undefined) continue;
    const { kind, fit } = shape;
    patterns.push({
      kind,
      blocks: [block.name],
      ...(fit.value !== undefined && { value: fit.value }),
      explained: fit.explained,
      entries: block.entries.length,
      message: words(kind, block.name, fit, block.entries.length, checked),
    });
  }
  return { patterns, blocks: summary };
}
