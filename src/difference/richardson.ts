/**
 * The sharper look at a suspect derivative: ladders of steps, Richardson extrapolation over them
 * (central, or one-sided next to a domain edge), and the test for a kink from one-sided slopes. Pure
 * arithmetic on values of f along a line that the check has already evaluated; docs/numerics.md
 * explains each rule.
 */

/** One level of a refinement: the step and the values of f on both sides. */
export interface Level {
  /** Step to the right: x + step is where `plus` was evaluated. */
  up: number;
  /** Step to the left: x − down is where `minus` was evaluated. */
  down: number;
  plus: number;
  minus: number;
}

/** What a refinement concludes about one derivative. */
export interface Estimate {
  value: number;
  /** Estimated absolute error (truncation plus rounding). */
  error: number;
  step: number;
  /**
   * The difference at `step` before extrapolation, where `value` was extrapolated: how far the two are
   * apart is that difference's truncation at `step`.
   */
  plain?: number;
  stencil: string;
  /** One-sided limits when the levels show a kink; `undefined` when f looks smooth. */
  slopes?: { left: number; right: number };
  /** Why a one-sided stencil was used, if it was. */
  oneSided?: 'left' | 'right';
  /** True when no finite difference could be formed. */
  nonfinite?: boolean;
  /** True when a kink lies within the larger steps, so that only the smallest step was used. */
  nearKink?: boolean;
  /** True when a ladder of smaller steps saw the same one-sided slopes: the kink persists. */
  kinkConfirmed?: boolean;
  /**
   * True when the ladders saw one-sided slopes that jump, but no smaller ladder confirmed them: f varies
   * faster than the steps tried, or the user's step was forced. The slopes are dropped.
   */
  unsettled?: boolean;
}

/** A ladder of steps for a refinement, as multiples of the first-pass step h, shrinking by `ratio`. */
export interface Ladder {
  multiples: readonly number[];
  ratio: number;
  /**
   * Whether its one-sided slopes are tested for a kink: every ladder of three or more steps, since a
   * central difference across a kink converges to the mean of the two slopes, with an error estimate
   * that says nothing of it.
   */
  kinks: boolean;
}

/**
 * The standard ladder, from 16h down to h/4, halving. Larger steps cut rounding and noise for flat or
 * noisy f, smaller ones cut truncation for f that varies fast (sin(1000x)); Richardson extrapolation
 * then picks the level whose error estimate is least.
 */
export const STANDARD_LADDER: Ladder = { multiples: [16, 8, 4, 2, 1, 0.5, 0.25], ratio: 2, kinks: true };

/**
 * A wider look at a line in 4 evaluations: central differences at 16h and 8h and their extrapolation,
 * whose rounding is 8 to 16 times less than at h. Directional mode's first look at each direction, and
 * per-coordinate mode's first try at a coordinate that agreed at h but too imprecisely to count.
 */
export const WIDER_LOOK: Ladder = { multiples: [16, 8], ratio: 2, kinks: false };

/**
 * The wide ladder, for coordinates whose derivative is buried in the noise of f at small steps (a tiny
 * partial next to a huge f, float32 code summing many terms): steps from 1/4 of the coordinate's scale
 * max(1, |x|) down to 1/64 of it, halving, whatever the precision (the ladders shrunk from the standard
 * one cover the small steps). Its multiples are of that scale, not
 * of h. Halving, not quartering: where rounding dominates, the extrapolation of high order must come from
 * the largest steps, whose rounding is least. Its steps may cross a kink the smaller ones could not
 * resolve (a ReLU unit 1e-3 away, below float32 noise): its slopes are tested, and an unconfirmed kink
 * then leaves the estimate unsettled rather than half the derivative passed off as precise.
 */
export const WIDE_LADDER: Ladder = {
  multiples: [1 / 4, 1 / 8, 1 / 16, 1 / 32, 1 / 64],
  ratio: 2,
  kinks: true,
};

/**
 * The ladder at a coordinate near 0, as multiples of |x| itself, from 8|x| down to |x|/8: where f's values
 * at x are so small that their absolute rounding floor (the subnormal spacing) dominates (x² at 1e-160 is
 * 1.7e-320, with 12 bits), only steps of the order of |x| and above move f by enough units to measure a
 * derivative; f at x ± 8|x| is 81x², a normal number again. Its slopes are tested for a kink, as the
 * wide ladder's are: its larger steps reach past the smaller ones.
 */
export const NEAR_ZERO_LADDER: Ladder = {
  multiples: [8, 4, 2, 1, 1 / 2, 1 / 4, 1 / 8],
  ratio: 2,
  kinks: true,
};

/**
 * One round of Richardson extrapolation: from the estimates at a step (`coarse`) and at the step divided
 * by `ratio` (`fine`), of an error expansion whose leading power is `power`.
 */
export function extrapolateOnce(coarse: number, fine: number, power: number, ratio: number): number {
  return fine + (fine - coarse) / (ratio ** power - 1);
}

/** Amplification of rounding by k rounds of extrapolation with step ratio `ratio` and powers q, 2q, … */
function extrapolationAmplification(k: number, q: number, ratio: number): number {
  let a = 1;
  for (let i = 1; i <= k; i++) {
    const r = ratio ** (q * i);
    a *= (r + 1) / (r - 1);
  }
  return a;
}

/**
 * Richardson extrapolation over estimates at steps shrinking by `ratio` each level: the error expansion
 * has powers q, 2q, 3q, … (q = 2 for central, 1 for one-sided differences). Returns the entry whose
 * error estimate, the last correction plus rounding, is least.
 */
export function extrapolate(
  estimates: readonly number[],
  steps: readonly number[],
  q: number,
  rounding: (step: number, level: number) => number,
  ratio = 2,
): { value: number; error: number; step: number; order: number; plain: number } {
  let best = {
    value: estimates.at(-1)!,
    error: Number.POSITIVE_INFINITY,
    step: steps.at(-1)!,
    order: q,
    plain: estimates.at(-1)!,
  };
  let previousRow: number[] = [];
  estimates.forEach((estimate, j) => {
    const row = [estimate];
    for (let k = 1; k <= j && k <= 3; k++)
      row.push(extrapolateOnce(previousRow[k - 1]!, row[k - 1]!, q * k, ratio));
    for (let k = 0; k < row.length; k++) {
      // Two views of the same error: the last correction, and the change from the coarser step at the
      // same order. Taking the larger keeps an accidental near-agreement from passing as precision.
      const alongRow = k === 0 ? Number.POSITIVE_INFINITY : Math.abs(row[k]! - row[k - 1]!);
      const alongColumn =
        k < previousRow.length ? Math.abs(row[k]! - previousRow[k]!) : Number.POSITIVE_INFINITY;
      const correction =
        k === 0 ? alongColumn : Math.max(alongRow, Number.isFinite(alongColumn) ? alongColumn : 0);
      const error = correction + rounding(steps[j]!, j) * extrapolationAmplification(k, q, ratio);
      if (error < best.error)
        best = { value: row[k]!, error, step: steps[j]!, order: q * (k + 1), plain: estimate };
    }
    previousRow = row;
  });
  return best;
}

/**
 * Looks hard at one derivative: Richardson extrapolation over the levels (central where f is finite
 * on both sides, one-sided next to a domain edge), and a test for a kink.
 *
 * `noise` bounds the error of one value of f at x, and `roundoff` the relative rounding of any value of
 * f: a level's values are rounded to at most max(noise, roundoff·|f(x ± s)|), which is far more than the
 * noise at x where f(x) is tiny next to its values at x ± s (x² at 1e-160 is subnormal, at x ± 1e-5 it
 * is not). The rounding error of a difference at step s is then at most that times its weights over s.
 */
export function refine(
  f0: number,
  levels: readonly Level[],
  noise: number,
  ladder: Ladder = STANDARD_LADDER,
  roundoff = 0,
): Estimate {
  const rounded = (l: Level) =>
    Math.max(noise, roundoff * Math.max(Math.abs(l.plus), Math.abs(l.minus), Math.abs(f0)));
  const finiteBoth = levels.filter((l) => Number.isFinite(l.plus) && Number.isFinite(l.minus));
  if (finiteBoth.length === levels.length) return refineCentral(f0, levels, noise, ladder, rounded);
  // Near a domain edge the smallest steps often stay inside it: central there beats one-sided anywhere.
  const centralTail = contiguousTail(levels, finiteBoth);
  if (centralTail.length >= 3) return refineCentral(f0, centralTail, noise, ladder, rounded);
  const finiteRight = levels.filter((l) => Number.isFinite(l.plus));
  const finiteLeft = levels.filter((l) => Number.isFinite(l.minus));
  const side = finiteRight.length >= finiteLeft.length ? 'right' : 'left';
  const usable = side === 'right' ? finiteRight : finiteLeft;
  if (usable.length < 2) {
    if (finiteBoth.length >= 2) return refineCentral(f0, finiteBoth, noise, ladder, rounded);
    return {
      value: Number.NaN,
      error: Number.POSITIVE_INFINITY,
      step: levels.at(-1)!.up,
      stencil: 'none',
      nonfinite: true,
    };
  }
  // Keep the smallest steps, so that the halving sequence stays contiguous for extrapolation.
  const tail = contiguousTail(levels, usable);
  const estimates = tail.map((l) => (side === 'right' ? (l.plus - f0) / l.up : (f0 - l.minus) / l.down));
  const steps = tail.map((l) => (side === 'right' ? l.up : l.down));
  const oneSidedNoise = tail.map((l) =>
    Math.max(noise, roundoff * Math.max(Math.abs(side === 'right' ? l.plus : l.minus), Math.abs(f0))),
  );
  const best = extrapolate(estimates, steps, 1, (s, j) => (2 * oneSidedNoise[j]!) / s, ladder.ratio);
  return { ...best, stencil: `one-sided (${side}) Richardson, order ${best.order}`, oneSided: side };
}

function contiguousTail(levels: readonly Level[], usable: readonly Level[]): Level[] {
  const tail: Level[] = [];
  for (let j = levels.length - 1; j >= 0 && usable.includes(levels[j]!); j--) tail.unshift(levels[j]!);
  return tail;
}

function refineCentral(
  f0: number,
  levels: readonly Level[],
  noise: number,
  ladder: Ladder,
  rounded: (l: Level) => number,
): Estimate {
  const estimates = levels.map((l) => (l.plus - l.minus) / (l.up + l.down));
  const steps = levels.map((l) => (l.up + l.down) / 2);
  const levelNoise = levels.map(rounded);
  const best = extrapolate(estimates, steps, 2, (s, j) => levelNoise[j]! / s, ladder.ratio);
  const estimate: Estimate = {
    ...best,
    stencil: best.order === 2 ? 'central' : `central Richardson, order ${best.order}`,
  };
  const slopes = ladder.kinks ? kinkSlopes(f0, levels, noise) : undefined;
  if (slopes?.near) {
    // A kink within the larger steps but not the smallest: the smallest step alone sees smooth f.
    const smallest = steps.at(-1)!;
    return {
      value: estimates.at(-1)!,
      error: (2 * levelNoise.at(-1)!) / smallest,
      step: smallest,
      stencil: 'central at the smallest step (a kink is near)',
      nearKink: true,
    };
  }
  if (slopes) estimate.slopes = { left: slopes.left, right: slopes.right };
  return estimate;
}

/** How close two ladders' one-sided slopes must be, relative to the jump between them, to be one kink. */
const SAME_KINK = 0.1;

/**
 * Whether two pairs of one-sided slopes, from ladders of different steps, show the same kink: each slope
 * within SAME_KINK of the jump of its counterpart. At a kink the slopes converge to two limits as the
 * step shrinks; along fast oscillation they change from ladder to ladder.
 */
export function sameKink(a: { left: number; right: number }, b: { left: number; right: number }): boolean {
  const jump = Math.max(Math.abs(a.right - a.left), Math.abs(b.right - b.left));
  return Math.abs(a.left - b.left) <= SAME_KINK * jump && Math.abs(a.right - b.right) <= SAME_KINK * jump;
}

/**
 * Detects a kink from one-sided slopes. For smooth f, right slope − left slope = s·f''(x) + O(s³), so
 * it halves when the step halves. At a kink it stays near the jump in slope instead. Returns the
 * one-sided slopes at the smallest step when the jumps do not shrink with the step; `near` when they
 * stop doing so only at the larger steps, so that the kink lies beyond the smallest step.
 */
export function kinkSlopes(
  f0: number,
  levels: readonly Level[],
  noise: number,
): { left: number; right: number; near: boolean } | undefined {
  if (levels.length < 3) return undefined;
  const jumps = levels.map((l) => (l.plus - f0) / l.up - (f0 - l.minus) / l.down);
  const last = levels.at(-1)!;
  const significant = (jump: number, l: Level) => Math.abs(jump) > (8 * noise) / Math.min(l.up, l.down);
  // Smooth: the jump halves with the step. A kink keeps it (ratio near 1).
  const kinkedAt = (j: number) =>
    significant(jumps[j]!, levels[j]!) && Math.abs(jumps[j]!) > 0.75 * Math.abs(jumps[j - 1]!);
  let kinked = 0;
  for (let j = 1; j < levels.length; j++) if (kinkedAt(j)) kinked++;
  if (kinked === 0) return undefined;
  const atSmallest = kinkedAt(levels.length - 1) || significant(jumps.at(-1)!, last);
  return { left: (f0 - last.minus) / last.down, right: (last.plus - f0) / last.up, near: !atSmallest };
}
