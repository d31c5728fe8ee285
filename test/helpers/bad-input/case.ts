/**
 * The shape of a case of the bad-input matrix (test/helpers/bad-input-cases.ts and the files of this
 * folder): every way a user can call a check wrongly or hand it a hostile function, with what they must
 * read. Plain data and the user's functions only: a real Vitest run of the built package reads the same
 * cases (test/fixtures/runners/bad-input), so nothing here imports gradcheck.
 */

/** Which check a case calls, and so which entry point names it. */
export type Kind = 'gradient' | 'jacobian' | 'hessian' | 'jvp' | 'vjp';

/** The core function and the matcher of each kind, as the user knows them. */
export const ENTRIES: Readonly<Record<Kind, { core: string; matcher: string }>> = {
  gradient: { core: 'checkGradient', matcher: 'toHaveGradient' },
  jacobian: { core: 'checkJacobian', matcher: 'toHaveJacobian' },
  hessian: { core: 'checkHessian', matcher: 'toHaveHessian' },
  jvp: { core: 'checkJVP', matcher: 'toHaveJVP' },
  vjp: { core: 'checkVJP', matcher: 'toHaveVJP' },
};

/** The kinds of problem a failed check reports (Report.problems[].kind). */
export type ProblemKind =
  | 'nondeterministic'
  | 'mutates-input'
  | 'nonfinite-value'
  | 'nonfinite-gradient'
  | 'kink'
  | 'asymmetric'
  | 'budget'
  | 'constant'
  | 'meaningless-tolerance';

export type Outcome =
  /** The call is refused: a TypeError about the input, or an EvaluationError wrapping what f threw. */
  | { type: 'throws'; name: 'TypeError' | 'GradcheckEvaluationError'; cause?: string }
  /** The check runs and fails: a problem of the function itself, or a coordinate that disagrees. */
  | { type: 'fails'; problem: ProblemKind | 'mismatch' };

export interface BadInputCase {
  name: string;
  kind: Kind;
  f: unknown;
  derivative: unknown;
  args: unknown[];
  /** True when the mistake only shows once f's Promise settles: the check rejects instead of throwing. */
  async?: boolean;
  outcome: Outcome;
  /**
   * The texts the message must contain, where `entry` is the function the user called (checkGradient,
   * toHaveGradient...): a message about the call names that function, and only that one.
   */
  says: (entry: string) => string[];
  /** What a matcher says instead, when it words the mistake in the runner's style. */
  matcherSays?: string[];
}

/** A check that runs and fails with `problem`. */
export const fails = (problem: Extract<Outcome, { type: 'fails' }>['problem']): Outcome => ({
  type: 'fails',
  problem,
});

/** A call refused with a TypeError. */
export const typeError: Outcome = { type: 'throws', name: 'TypeError' };
