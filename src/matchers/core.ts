/**
 * The matchers, independent of the runner: each runs its core check and turns the Report into a matcher
 * result (messages.ts). The adapters know nothing about numerics, and the entry point says which runner
 * it serves (RunnerStyle) instead of this file guessing.
 */
import { runCheck } from '../check/run-check.js';
import { runHessian } from '../derived/hessian.js';
import { runJVP } from '../derived/jvp.js';
import { runVJP } from '../derived/vjp.js';
import { normalizeArguments } from '../options/positional.js';
import { checkMaxRows } from '../options/validate.js';
import { type Kind, WORDS } from '../report/words.js';
import type { FormatOptions, Report } from '../types.js';
import { atCallSite } from '../util/errors.js';
import { andThen, isThenable } from '../util/maybe-async.js';
import { hintOf, toResult } from './messages.js';
import type { GradcheckMatcher, GradcheckMatcherSet, MatcherContext, RunnerStyle } from './types.js';
import { trackCheck } from './unawaited.js';
import { utilsOf } from './utils.js';

/** The core check behind each matcher, run as the matcher (`where`) so that messages name it. */
const CHECKS: Record<
  Kind,
  (f: unknown, d: unknown, args: unknown[], where: string) => Report | Promise<Report>
> = {
  gradient: (f, d, args, where) => runCheck('gradient', f, d, args, where),
  jacobian: (f, d, args, where) => runCheck('jacobian', f, d, args, where),
  // Every matcher takes the trailing arguments of its check as they came, positional forms included.
  hessian: (f, d, args, where) => runHessian(f, d, args, where),
  jvp: (f, d, args, where) => runJVP(f, d, args, where),
  vjp: (f, d, args, where) => runVJP(f, d, args, where),
};

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
 * The matcher's trailing arguments as its check takes them, and formatReport's options apart: the check
 * knows nothing of how its report is printed, and refuses an option it does not know.
 */
function splitArguments(args: readonly unknown[], where: string): { args: unknown[]; format: FormatOptions } {
  const { maxRows, ...options } = normalizeArguments(args, where);
  if (maxRows === undefined) return { args: [options], format: {} };
  checkMaxRows(maxRows, where);
  return { args: [options], format: { maxRows: maxRows as number } };
}

function createMatcher(kind: Kind, style: RunnerStyle): GradcheckMatcher {
  const { matcher: name, expected, title } = WORDS[kind];
  const matcher: GradcheckMatcher = function (this: MatcherContext, received, derivative, ...args) {
    if (typeof received !== 'function') {
      throw usageError(
        this,
        hintOf(this, kind),
        `${utilsOf(this).RECEIVED_COLOR('received')} value must be a function`,
        utilsOf(this).printWithType('Received', received, utilsOf(this).printReceived),
        matcher,
      );
    }
    if (typeof derivative !== 'function') {
      throw usageError(
        this,
        hintOf(this, kind),
        `the expected ${title} must be a function of the same input as f`,
        utilsOf(this).printWithType('Expected', derivative, utilsOf(this).stringify),
        matcher,
      );
    }
    // An EvaluationError (f or the derivative threw) propagates: its message names the point. Messages
    // about the call name the matcher the user called, and their stack starts at the user's expect().
    let format: FormatOptions = {};
    const report = atCallSite(() => {
      const split = splitArguments(args, name);
      format = split.format;
      return CHECKS[kind](received, derivative, split.args, name);
    }, matcher);
    const result = andThen(report, (r) => toResult(this, r, kind, style, format));
    if (!isThenable(result) || style.onAsyncCheck === undefined) return result;
    const call = `expect(f)${this.isNot ? '.not' : ''}.${name}(${expected})`;
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
