/**
 * The matchers, independent of the runner: run the core check, and turn its Report into a matcher
 * result. The adapters know nothing about numerics; every number and table in a message comes from the
 * Report and `formatReport`. Only the diff differs between runners, and the entry point says which
 * runner it serves instead of this file guessing.
 */
import { runCheck } from '../check/run-check.js';
import { runHessian, runJVP, runVJP } from '../derived/second-order.js';
import { diffSides } from '../report/diff.js';
import { formatError, formatReport, reproductionLine, WORDS } from '../report/format.js';
import type { Report } from '../types.js';
import { atCallSite } from '../util/errors.js';
import { andThen, isThenable } from '../util/maybe-async.js';
import type { GradcheckMatcher, GradcheckMatcherSet, MatcherContext, MatcherResult } from './types.js';
import { trackCheck } from './unawaited.js';
import { utilsOf } from './utils.js';

export interface RunnerStyle {
  /**
   * Vitest renders `actual`/`expected` of a failed matcher as a diff itself, so its message must not
   * hold one too. Jest 30 and the standalone `expect` show only `message()`, so the diff goes there.
   */
  diffInMessage: boolean;
  /**
   * Registers the end-of-test hook of an async check with the runner, so that a check the test did not
   * await fails that test (see unawaited.ts). Absent where the runner has no hook to offer.
   */
  onAsyncCheck?: (ctx: MatcherContext, atTestEnd: () => Promise<void>) => void;
}

type Kind = 'gradient' | 'jacobian' | 'hessian' | 'jvp' | 'vjp';

const MATCHER_NAMES: Record<Kind, string> = {
  gradient: 'toHaveGradient',
  jacobian: 'toHaveJacobian',
  hessian: 'toHaveHessian',
  jvp: 'toHaveJVP',
  vjp: 'toHaveVJP',
};
const EXPECTED_NAMES: Record<Kind, string> = {
  gradient: 'gradient',
  jacobian: 'jacobian',
  hessian: 'hessian',
  jvp: 'jvp',
  vjp: 'vjp',
};
const KIND_WORDS: Record<Kind, string> = {
  gradient: 'gradient',
  jacobian: 'Jacobian',
  hessian: 'Hessian',
  jvp: 'JVP',
  vjp: 'VJP',
};

/** The core check behind each matcher, run as the matcher (`where`) so that messages name it. */
const CHECKS: Record<
  Kind,
  (f: unknown, d: unknown, args: unknown[], where: string) => Report | Promise<Report>
> = {
  gradient: (f, d, args, where) => runCheck('gradient', f, d, args, where),
  jacobian: (f, d, args, where) => runCheck('jacobian', f, d, args, where),
  hessian: (f, d, args, where) => runHessian(f, d, args[0] ?? {}, where),
  jvp: (f, d, args, where) => runJVP(f, d, args[0] ?? {}, where),
  vjp: (f, d, args, where) => runVJP(f, d, args[0] ?? {}, where),
};
/** Longest printed point, so that a failure on a large input stays readable. */
const MAX_POINT_LENGTH = 200;

/**
 * The runner's own wording for a misused matcher (as Jest's `matcherErrorMessage`). Thrown rather than
 * returned, so that `.not` fails too; its stack starts at the user's `expect(...)` call.
 */
function usageError(
  ctx: MatcherContext,
  hint: string,
  problem: string,
  printed: string,
  boundary: GradcheckMatcher,
): Error {
  const error = new Error(
    `${hint}\n\n${utilsOf(ctx).BOLD_WEIGHT('Matcher error')}: ${problem}\n\n${printed}`,
  );
  Error.captureStackTrace?.(error, boundary);
  return error;
}

/**
 * A report that failed with every coordinate agreeing: f returned NaN, f or the derivative is not
 * deterministic or mutates its input. It says nothing about whether the derivative is right.
 */
function isInconclusive(report: Report): boolean {
  return !report.pass && report.samples.every((s) => s.coordinates.every((c) => c.ok));
}

/** The points where f itself failed; a derivative's NaN needs none, the table shows its coordinate. */
function pointLines(ctx: MatcherContext, report: Report): string[] {
  const ofF = report.problems.filter((p) => p.kind !== 'nonfinite-gradient');
  const samples = [...new Set(ofF.map((p) => p.sample).filter((s) => s !== undefined))];
  return samples.flatMap((index) => {
    const sample = report.samples.find((s) => s.index === index);
    if (sample === undefined) return [];
    const printed = utilsOf(ctx).stringify(sample.point, 4);
    const short = printed.length > MAX_POINT_LENGTH ? `${printed.slice(0, MAX_POINT_LENGTH)}…` : printed;
    return [`  point of sample ${index}: ${short}`];
  });
}

function failureMessage(ctx: MatcherContext, report: Report, kind: Kind, style: RunnerStyle): string {
  const utils = utilsOf(ctx);
  const [summary = '', ...rest] = formatReport(report).split('\n');
  const lines = [utils.BOLD_WEIGHT(summary)];
  // The point of a sample where f failed goes right under the problems, which name the sample only.
  const afterProblems = rest.findIndex((line) => !line.startsWith('  problem: '));
  const problems = afterProblems < 0 ? rest : rest.slice(0, afterProblems);
  lines.push(...problems.map((line) => utils.RECEIVED_COLOR(line)), ...pointLines(ctx, report));
  lines.push(...rest.slice(problems.length));
  const sides = diffSides(report);
  if (sides !== undefined) {
    const where = `sample ${sides.sample.index} of ${report.samples.length}`;
    const entries = WORDS[kind].entries;
    if (style.diffInMessage) {
      lines.push('', utils.DIM_COLOR(`Diff at ${where}; only the disagreeing ${entries} differ:`));
      const diff = utils.diff(sides.expected, sides.actual, {
        aAnnotation: `Expected (analytic ${KIND_WORDS[kind]})`,
        bAnnotation: 'Received (numeric estimate)',
      });
      if (diff) lines.push('', diff);
    } else {
      lines.push(
        '',
        utils.DIM_COLOR(
          `Diff below, at ${where}: - Expected is the analytic ${KIND_WORDS[kind]}, + Received the numeric estimate; only the disagreeing ${entries} differ.`,
        ),
      );
    }
  }
  return lines.join('\n');
}

function notMessage(report: Report, kind: Kind): string {
  const checked = Math.max(0, ...report.samples.map((s) => s.coordinates.length));
  const total =
    kind === 'gradient'
      ? report.n
      : kind === 'jacobian' || kind === 'hessian'
        ? report.n * report.m
        : checked;
  const what = WORDS[kind].entries;
  const subject =
    total === 1
      ? `the ${WORDS[kind].entry}`
      : checked < total
        ? `all ${checked} checked ${what} (of ${total})`
        : `all ${total} ${what}`;
  const samples = `${report.samples.length} sample${report.samples.length === 1 ? '' : 's'}`;
  const maxRel = Math.max(0, ...report.samples.flatMap((s) => s.coordinates.map((c) => c.relErr)));
  return [
    `expected the ${KIND_WORDS[kind]} to be wrong, but ${subject} matched across ${samples} (max relative error ${formatError(maxRel)})`,
    `  ${reproductionLine(report)}`,
  ].join('\n');
}

function inconclusiveNotMessage(ctx: MatcherContext, report: Report, kind: Kind): string {
  return [
    `expected the ${KIND_WORDS[kind]} to be wrong, but the check could not judge it:`,
    ...report.problems.map((p) => utilsOf(ctx).RECEIVED_COLOR(`  problem: ${p.message}`)),
    ...pointLines(ctx, report),
    `  ${reproductionLine(report, report.problems[0]?.sample)}`,
  ].join('\n');
}

function toResult(ctx: MatcherContext, report: Report, kind: Kind, style: RunnerStyle): MatcherResult {
  const hint = utilsOf(ctx).matcherHint(MATCHER_NAMES[kind], 'f', EXPECTED_NAMES[kind], {
    isNot: ctx.isNot,
    promise: ctx.promise,
  });
  if (report.pass) {
    return { pass: true, message: () => `${hint}\n\n${notMessage(report, kind)}` };
  }
  if (isInconclusive(report)) {
    // Under `.not` a NaN from f must not count as "the gradient is wrong": report pass so that `.not` fails.
    return {
      pass: ctx.isNot === true,
      message: () =>
        `${hint}\n\n${ctx.isNot ? inconclusiveNotMessage(ctx, report, kind) : failureMessage(ctx, report, kind, style)}`,
    };
  }
  const result: MatcherResult = {
    pass: false,
    message: () => `${hint}\n\n${failureMessage(ctx, report, kind, style)}`,
  };
  const sides = style.diffInMessage ? undefined : diffSides(report);
  if (sides !== undefined) {
    result.expected = sides.expected;
    result.actual = sides.actual;
  }
  return result;
}

function createMatcher(kind: Kind, style: RunnerStyle): GradcheckMatcher {
  const matcher: GradcheckMatcher = function (this: MatcherContext, received, derivative, ...args) {
    const hint = () =>
      utilsOf(this).matcherHint(MATCHER_NAMES[kind], 'f', EXPECTED_NAMES[kind], {
        isNot: this.isNot,
        promise: this.promise,
      });
    if (typeof received !== 'function') {
      throw usageError(
        this,
        hint(),
        `${utilsOf(this).RECEIVED_COLOR('received')} value must be a function`,
        utilsOf(this).printWithType('Received', received, utilsOf(this).printReceived),
        matcher,
      );
    }
    if (typeof derivative !== 'function') {
      throw usageError(
        this,
        hint(),
        `the expected ${KIND_WORDS[kind]} must be a function of the same input as f`,
        utilsOf(this).printWithType('Expected', derivative, utilsOf(this).stringify),
        matcher,
      );
    }
    // An EvaluationError (f or the derivative threw) propagates: its message names the point. Messages
    // about the call name the matcher the user called, and their stack starts at the user's expect().
    const report = atCallSite(() => CHECKS[kind](received, derivative, args, MATCHER_NAMES[kind]), matcher);
    const result = andThen(report, (r) => toResult(this, r, kind, style));
    if (!isThenable(result) || style.onAsyncCheck === undefined) return result;
    const call = `expect(f)${this.isNot ? '.not' : ''}.${MATCHER_NAMES[kind]}(${EXPECTED_NAMES[kind]})`;
    const tracked = trackCheck(Promise.resolve(result), call, this.isNot === true, matcher);
    style.onAsyncCheck(this, tracked.atTestEnd);
    return tracked.result;
  };
  return matcher;
}

/** Every matcher, in the style of one runner. */
export function createMatchers(style: RunnerStyle): GradcheckMatcherSet {
  return {
    toHaveGradient: createMatcher('gradient', style),
    toHaveJacobian: createMatcher('jacobian', style),
    toHaveHessian: createMatcher('hessian', style),
    toHaveJVP: createMatcher('jvp', style),
    toHaveVJP: createMatcher('vjp', style),
  };
}
