/**
 * Turns a Report into text for a human: a summary line, a table of the coordinates that disagree, the
 * global metric, what the check cost, and a line that reproduces it.
 */
import { processEnv } from '../options/environment.js';
import type { FormatOptions, Report, SampleReport } from '../types.js';
import { formatError } from './numbers.js';
import { failingCoordinates, table } from './table.js';
import { requireReport } from './validate.js';
import { sampleList, sampleName, sampleShortName, vectorLines } from './where.js';
import { entriesPerSample, WORDS } from './words.js';

const DEFAULT_MAX_ROWS = 20;

/**
 * The line that reproduces a check: the seed as an option, and as an environment variable only where
 * the code can read one; in a browser `GRADCHECK_SEED` would be silently ignored, so it is not offered.
 */
export function reproductionLine(report: Report, sample?: number): string {
  const seed = typeof report.seed === 'string' ? JSON.stringify(report.seed) : String(report.seed);
  const where = sample === undefined ? '' : `${sampleName(report, sample)}, `;
  const variable = processEnv() === undefined ? '' : ` or GRADCHECK_SEED=${shellWord(String(report.seed))}`;
  return `reproduce: ${where}rerun with { seed: ${seed} }${variable}`;
}

/** A string as one POSIX shell word, so that a pasted `GRADCHECK_SEED=…` sets exactly the seed. */
function shellWord(text: string): string {
  return /^[\w.,:+@%/-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Directional mode lists only the entries localization named (it checked all of them), and a direction
 * under which it could name none: the line counts named entries, or else disagreeing directions.
 */
function directionalSummary(
  report: Report,
  first: SampleReport,
  rest: readonly SampleReport[],
  perSample: number,
  what: string,
): string {
  const named = first.localization?.named.length ?? 0;
  const directions = first.directions ?? [];
  const incomplete = report.samples.some((s) => s.localization?.complete === false);
  const subject =
    named > 0
      ? `${incomplete ? 'at least ' : ''}${named} of ${perSample} ${what} disagree${incomplete ? ` (localization stops at ${named} a sample)` : ''}`
      : `${new Set(directions.filter((d) => !d.ok).map((d) => d.index)).size} of ${new Set(directions.map((d) => d.index)).size} random directions disagree`;
  const more = rest.length > 0 ? `, and in ${sampleList(report, rest)}` : '';
  return `${subject} in ${sampleName(report, first.index)}${more}`;
}

/**
 * What a passed check proves (Report.power): the relative error in any entry that would have failed it,
 * the entry that is least sensitive, and the median over the entries.
 */
export function powerClause(report: Report): string {
  const power = report.power;
  if (power === undefined) return '';
  const { entry } = WORDS[report.kind];
  const where =
    power.entries === 1
      ? ''
      : `; the least sensitive is ${power.path}, the median ${formatError(power.median)}`;
  // An error present at every point: a sample where the entry was measured less precisely (the max
  // relative error above may come from one) does not lower what the others prove.
  const every = report.samples.length > 1 ? ', at every point,' : '';
  return `; a relative error of ${formatError(power.worst)} or more in any ${entry}${every} would have failed it${where}`;
}

/** Whether every row that failed is inconclusive, and nothing else went wrong. */
export function onlyInconclusive(report: Report): boolean {
  if (report.pass || report.problems.length > 0) return false;
  const failing = report.samples.flatMap((s) => s.coordinates.filter((c) => !c.ok));
  return failing.length > 0 && failing.every((c) => c.status === 'inconclusive');
}

/** The summary of a check whose numbers could not decide: which entries, in which samples. */
function inconclusiveSummary(report: Report): string {
  const failing = report.samples.filter((s) => s.mismatches > 0);
  const [first, ...rest] = failing;
  const { entries, entry } = WORDS[report.kind];
  const count = first!.mismatches;
  const checked = entriesPerSample(report).shown;
  const subject =
    checked === 1 ? `the ${entry} cannot` : `${count} of ${checked} ${count === 1 ? entry : entries} cannot`;
  const more = rest.length > 0 ? `, and in ${sampleList(report, counted(rest))}` : '';
  return `${subject} be verified in ${sampleName(report, first!.index)}${more}: its numeric estimate is too uncertain to tell a wrong derivative from the right one (see the notes)`;
}

/** Samples with their counts of disagreeing entries, as sampleList prints them. */
function counted(samples: readonly SampleReport[]): Array<{ index: number; count: number }> {
  return samples.map((s) => ({ index: s.index, count: s.mismatches }));
}

/** The summary line: what passed or which coordinates disagree where. */
export function summaryLine(report: Report): string {
  const words = WORDS[report.kind];
  const what = words.entries;
  const perSample = entriesPerSample(report).shown;
  const failing = report.samples.filter((s) => s.mismatches > 0);
  if (report.pass) {
    const worst = report.worst[0];
    const tail = worst
      ? ` (max relative error ${formatError(Math.max(...report.worst.map((c) => c.relErr)))})`
      : '';
    const subject = perSample === 1 ? `the ${words.entry} agrees` : `all ${perSample} ${what} agree`;
    // Directional mode compares projections, not every entry on its own: the line says so.
    const along = report.mode === 'directional' ? ' along random directions' : '';
    return `${subject}${along} in ${report.samples.length} sample${report.samples.length === 1 ? '' : 's'}${tail}${powerClause(report)}`;
  }
  if (onlyInconclusive(report)) return inconclusiveSummary(report);
  if (failing.length === 0) {
    const count = report.problems.length;
    if (count === 0) return 'the check failed';
    // A check that ran out of time or calls says nothing of the function, only of the check.
    if (report.problems.every((p) => p.kind === 'budget')) return 'the check ran out of its budget';
    // Nor does a tolerance that accepts anything: it is the check's settings that are wrong.
    if (report.problems.every((p) => p.kind === 'meaningless-tolerance'))
      return 'its tolerance accepts any derivative here';
    return `the function itself has ${count === 1 ? 'a problem' : `${count} problems`}`;
  }
  const [first, ...rest] = failing;
  if (report.mode === 'directional') return directionalSummary(report, first!, rest, perSample, what);
  const checked = first!.checked ?? first!.coordinates.length;
  if (checked === 1) {
    const only = `the only ${words.entry}`;
    return `${only} disagrees in ${sampleName(report, first!.index)}${rest.length > 0 ? `, and in ${sampleList(report, rest)}` : ''}`;
  }
  const more = rest.length > 0 ? `, and in ${sampleList(report, counted(rest))}` : '';
  return `${first!.mismatches} of ${checked} ${what} disagree in ${sampleName(report, first!.index)}${more}`;
}

/** Formats a Report as text. */
export function formatReport(report: Report, options: FormatOptions = {}): string {
  requireReport(report, formatReport);
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const lines: string[] = [];
  const kind = WORDS[report.kind].title;
  const verdict = report.pass ? 'passed' : onlyInconclusive(report) ? 'inconclusive' : 'failed';
  lines.push(`${kind} check ${verdict}: ${summaryLine(report)}`);
  for (const problem of report.problems) lines.push(`  problem: ${problem.message}`);
  if (report.modeReason !== undefined) lines.push(`  note: ${report.modeReason}`);
  if (report.drawnLike === true) {
    lines.push(
      '  note: the points were drawn at random in the shape of `like` (its values are not used); to check at these values, give { points: [params] }',
    );
  }
  if (report.rounded !== undefined) {
    const { path, from, to, sample } = report.rounded;
    lines.push(
      `  note: f computes in float32, so each point was rounded to float32 before f was called there (${path} = ${from} became ${to} at ${sampleShortName(report, sample)})`,
    );
  }

  for (const pattern of report.patterns ?? []) lines.push(`  pattern: ${pattern.message}`);
  if (report.blocks !== undefined) {
    const counts = report.blocks.map((b, k) =>
      k === 0
        ? `${b.name}: ${b.disagree} of ${b.entries} entries disagree`
        : `${b.name}: ${b.disagree} of ${b.entries}`,
    );
    lines.push(`  blocks: ${counts.join('; ')}`);
  }
  const placed = report.samples.find((s) => s.localization?.blocks !== undefined);
  if (placed !== undefined) {
    const along = placed.localization!.blocks!.map(
      (b) => `${b.name}: ${b.disagrees ? 'disagrees' : 'agrees'}`,
    );
    lines.push(`  blocks, along a failing direction of sample ${placed.index}: ${along.join('; ')}`);
  }
  const failing = failingCoordinates(report);
  if (failing.length > 0) {
    lines.push('');
    const multiSample = new Set(failing.map((c) => c.sample)).size > 1;
    lines.push(...table(failing.slice(0, maxRows), multiSample));
    if (failing.length > maxRows)
      lines.push(`  … and ${failing.length - maxRows} more (showing ${maxRows}; set maxRows to see more)`);
  }
  const notes = report.samples.flatMap((s) =>
    s.coordinates
      .filter((c) => c.note !== undefined)
      .map((c) => `  note: ${c.path} at ${sampleShortName(report, s.index)}: ${c.note}`),
  );
  if (notes.length > 0) {
    lines.push('');
    lines.push(...notes.slice(0, maxRows));
    if (notes.length > maxRows) lines.push(`  … and ${notes.length - maxRows} more notes`);
  }
  const vectors = vectorLines(report, maxRows);
  if (vectors.length > 0) lines.push('', ...vectors);
  if (report.samples.some((s) => s.coordinates.some((c) => c.status === 'inconclusive'))) {
    lines.push(
      `  what to do: where a row is inconclusive, take the noise out of f (float64, a tighter solver tolerance, a fixed sample), or check at other points; a wider tol does not help (docs/troubleshooting.md, "Inconclusive")`,
    );
  }

  lines.push('');
  const worstSample = report.samples.reduce<(typeof report.samples)[number] | undefined>(
    (worst, s) =>
      Number.isFinite(s.globalDiff) && (worst === undefined || s.globalDiff > worst.globalDiff) ? s : worst,
    undefined,
  );
  if (worstSample) {
    lines.push(
      `  global relative difference ‖a − n‖/(‖a‖ + ‖n‖): ${formatError(worstSample.globalDiff)} (${sampleShortName(report, worstSample.index)}; the rule of Andrew Ng's deep-learning course, gradient_check_n, flags > 1e-7)`,
    );
  }
  const stencil =
    report.settings.method === 'central' ? 'central differences' : `${report.settings.method} differences`;
  const { shown } = entriesPerSample(report);
  const words = WORDS[report.kind];
  const perSample =
    report.kind === 'jacobian'
      ? `${report.m}×${report.n} Jacobian`
      : `${shown} ${shown === 1 ? words.entry : words.entries}`;
  lines.push(
    `  checked ${perSample} × ${report.samples.length} sample${report.samples.length === 1 ? '' : 's'} (${report.mode}, ${stencil}, ${report.settings.precision}): ${report.evaluations} evaluations of ${report.evaluated ?? 'f'}, ${report.gradientEvaluations} of the ${kind}`,
  );
  lines.push(
    `  tolerance: |analytic − numeric| ≤ max(tol·|value| = ${report.settings.tol}·|value|, atol${report.settings.atol === 'auto' ? ' (auto)' : ` = ${report.settings.atol}`}, ${report.settings.k}·error estimate)`,
  );
  const firstFailing = report.samples.find((s) => s.mismatches > 0)?.index ?? report.problems[0]?.sample;
  lines.push(`  ${reproductionLine(report, report.pass ? undefined : firstFailing)}`);
  return lines.join('\n');
}
