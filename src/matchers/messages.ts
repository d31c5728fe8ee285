/**
 * What a matcher says: a Report turned into the matcher's result and its message, for a failure, for a
 * pass under `.not`, and for a check that could not judge the derivative. Every number and table in a
 * message comes from the Report and `formatReport`; only where the diff goes depends on the runner.
 */
import { diffSides } from '../report/diff.js';
import { formatReport, onlyInconclusive, powerClause, reproductionLine } from '../report/format.js';
import { formatError } from '../report/numbers.js';
import { pointName, sampleName } from '../report/where.js';
import { entriesPerSample, type Kind, largestRelativeError, WORDS } from '../report/words.js';
import type { FormatOptions, Report } from '../types.js';
import type { MatcherContext, MatcherResult, RunnerStyle } from './types.js';
import { utilsOf } from './utils.js';

/** Longest printed point, so that a failure on a large input stays readable. */
const MAX_POINT_LENGTH = 200;

/** The matcher's header, `expect(f).not.toHaveGradient(gradient)`, in the runner's colours. */
export function hintOf(ctx: MatcherContext, kind: Kind): string {
  return utilsOf(ctx).matcherHint(WORDS[kind].matcher, 'f', WORDS[kind].expected, {
    isNot: ctx.isNot,
    promise: ctx.promise,
  });
}

/**
 * A report that failed with no coordinate disagreeing: f returned NaN, f or the derivative is not
 * deterministic or mutates its input, or the numbers could not tell (inconclusive rows). It says nothing
 * about whether the derivative is right, so that `.not` must fail on it too.
 */
function isInconclusive(report: Report): boolean {
  return (
    !report.pass &&
    report.samples.every((s) => s.coordinates.every((c) => c.ok || c.status === 'inconclusive'))
  );
}

/** The points where f itself failed; a derivative's NaN needs none, the table shows its coordinate. */
function pointLines(ctx: MatcherContext, report: Report): string[] {
  const ofF = report.problems.filter((p) => p.kind !== 'nonfinite-gradient');
  const samples = [...new Set(ofF.map((p) => p.sample).filter((s) => s !== undefined))];
  const lines = samples.flatMap((index) => {
    const sample = report.samples.find((s) => s.index === index);
    if (sample === undefined) return [];
    const printed = utilsOf(ctx).stringify(sample.point, 4);
    const short = printed.length > MAX_POINT_LENGTH ? `${printed.slice(0, MAX_POINT_LENGTH)}…` : printed;
    return [`  ${pointName(report, index)}: ${short}`];
  });
  // The vectors of a JVP or VJP at one point share it: printed once.
  return [...new Set(lines)];
}

function failureMessage(
  ctx: MatcherContext,
  report: Report,
  kind: Kind,
  style: RunnerStyle,
  format: FormatOptions,
): string {
  const utils = utilsOf(ctx);
  const [summary = '', ...rest] = formatReport(report, format).split('\n');
  const lines = [utils.BOLD_WEIGHT(summary)];
  // The point of a sample where f failed goes right under the problems, which name the sample only.
  const afterProblems = rest.findIndex((line) => !line.startsWith('  problem: '));
  const problems = afterProblems < 0 ? rest : rest.slice(0, afterProblems);
  lines.push(...problems.map((line) => utils.RECEIVED_COLOR(line)), ...pointLines(ctx, report));
  lines.push(...rest.slice(problems.length));
  const sides = diffSides(report);
  if (sides !== undefined) {
    const where = sampleName(report, sides.sample.index);
    const { entries, title } = WORDS[kind];
    if (style.diffInMessage) {
      lines.push('', utils.DIM_COLOR(`Diff at ${where}; only the disagreeing ${entries} differ:`));
      const diff = utils.diff(sides.expected, sides.actual, {
        aAnnotation: `Expected (analytic ${title})`,
        bAnnotation: 'Received (numeric estimate)',
      });
      if (diff) lines.push('', diff);
    } else {
      lines.push(
        '',
        utils.DIM_COLOR(
          `Diff below, at ${where}: - Expected is the analytic ${title}, + Received the numeric estimate; only the disagreeing ${entries} differ.`,
        ),
      );
    }
  }
  return lines.join('\n');
}

function notMessage(report: Report, kind: Kind): string {
  const { all: total, checked } = entriesPerSample(report);
  const what = WORDS[kind].entries;
  const subject =
    total === 1
      ? `the ${WORDS[kind].entry}`
      : checked < total
        ? `all ${checked} checked ${what} (of ${total})`
        : `all ${total} ${what}`;
  const samples = `${report.samples.length} sample${report.samples.length === 1 ? '' : 's'}`;
  const maxRel = Math.max(0, ...report.samples.map(largestRelativeError));
  return [
    `expected the ${WORDS[kind].title} to be wrong, but ${subject} matched across ${samples} (max relative error ${formatError(maxRel)})${powerClause(report)}`,
    `  ${reproductionLine(report)}`,
  ].join('\n');
}

function inconclusiveNotMessage(
  ctx: MatcherContext,
  report: Report,
  kind: Kind,
  format: FormatOptions,
): string {
  const head = `expected the ${WORDS[kind].title} to be wrong, but the check could not judge it:`;
  // Rows that could not be verified: the report's own table and notes say which, and why.
  if (onlyInconclusive(report)) {
    const [summary, ...rest] = formatReport(report, format).split('\n');
    return [head, `  ${summary}`, ...rest].join('\n');
  }
  return [
    head,
    ...report.problems.map((p) => utilsOf(ctx).RECEIVED_COLOR(`  problem: ${p.message}`)),
    ...pointLines(ctx, report),
    `  ${reproductionLine(report, report.problems[0]?.sample)}`,
  ].join('\n');
}

/**
 * The result of the matcher of `kind` on `report`, in the style of one runner; `format` holds the
 * matcher's options for formatReport (`maxRows`).
 */
export function toResult(
  ctx: MatcherContext,
  report: Report,
  kind: Kind,
  style: RunnerStyle,
  format: FormatOptions = {},
): MatcherResult {
  const hint = hintOf(ctx, kind);
  if (report.pass) {
    return { pass: true, message: () => `${hint}\n\n${notMessage(report, kind)}` };
  }
  if (isInconclusive(report)) {
    // Under `.not` a NaN from f must not count as "the gradient is wrong": report pass so that `.not` fails.
    return {
      pass: ctx.isNot === true,
      message: () =>
        `${hint}\n\n${ctx.isNot ? inconclusiveNotMessage(ctx, report, kind, format) : failureMessage(ctx, report, kind, style, format)}`,
    };
  }
  const result: MatcherResult = {
    pass: false,
    message: () => `${hint}\n\n${failureMessage(ctx, report, kind, style, format)}`,
  };
  const sides = style.diffInMessage ? undefined : diffSides(report);
  if (sides !== undefined) {
    result.expected = sides.expected;
    result.actual = sides.actual;
  }
  return result;
}
