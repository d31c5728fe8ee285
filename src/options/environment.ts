/**
 * What a check reads from its environment: the `GRADCHECK_SEED` variable, which reruns a failing check
 * on exactly its points. It is the only place that touches `process`, so that the code runs where there
 * is none (a browser).
 */

/**
 * The environment `GRADCHECK_SEED` is read from, or undefined where the code has none to read: in a
 * browser (Vitest's browser mode) there is no `process`, so a variable set in the shell never reaches it.
 */
export function processEnv(): Readonly<Record<string, string | undefined>> | undefined {
  return typeof process === 'undefined' || process.env == null ? undefined : process.env;
}

/**
 * The seed `GRADCHECK_SEED` sets, or undefined when it is unset or blank. A value that reads back as
 * the same number is a number; any other value is a string seed.
 */
export function envSeed(): string | number | undefined {
  const raw = processEnv()?.GRADCHECK_SEED;
  if (raw === undefined || raw.trim() === '') return undefined;
  const asNumber = Number(raw);
  return Number.isFinite(asNumber) && String(asNumber) === raw.trim() ? asNumber : raw.trim();
}
