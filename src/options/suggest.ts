/**
 * Typo suggestions for an unknown option name ("smaples" → "samples", "epsilon" → "eps"). Kept apart
 * from validation, which only needs the answer, because the matching (an edit distance, synonyms from
 * other tools, shared prefixes) is a small algorithm of its own.
 */

/** Edit distance counting a swap of two neighbours as one edit, since that is the commonest typo. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Names users reach for from other tools, with the option they mean. */
const SYNONYMS: Record<string, string> = {
  epsilon: 'eps',
  step: 'eps',
  h: 'eps',
  rtol: 'tol',
  relTol: 'tol',
  tolerance: 'tol',
  absTol: 'atol',
  stepSize: 'eps',
  numSamples: 'samples',
  nSamples: 'samples',
  size: 'dim',
  n: 'dim',
  shape: 'like',
  template: 'like',
  point: 'points',
  range: 'domain',
};

/**
 * The option a user most likely meant: a known synonym, else the closest name within a few typos (one
 * for a short name, so that "foo" suggests nothing rather than "tol"), else a name that shares a long
 * prefix with it ("maxEval", "tolerence", "coords").
 */
export function nearest(name: string, names: readonly string[]): string | undefined {
  if (SYNONYMS[name] !== undefined) return SYNONYMS[name];
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of names) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (bestDistance <= Math.max(1, Math.floor(name.length / 4))) return best;
  let longest = 0;
  for (const candidate of names) {
    const prefix = commonPrefix(lower, candidate.toLowerCase());
    const whole = prefix === candidate.length || prefix === name.length;
    if ((prefix >= 4 || (whole && prefix >= 3)) && prefix > longest) {
      best = candidate;
      longest = prefix;
    }
  }
  return longest > 0 ? best : undefined;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
