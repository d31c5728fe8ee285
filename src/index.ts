/**
 * gradcheck: gradient checking as a test assertion. The core knows nothing about test runners; the
 * matchers live in `gradcheck/vitest`, `gradcheck/jest` and `gradcheck/bun`.
 *
 * The public API is this one list: the checks, `configure`, `formatReport`, `EvaluationError`, and every
 * public type, all of which live in types.ts. Each is documented where it is declared.
 */
export { checkGradient, checkJacobian } from './check/run-check.js';
export { checkHessian } from './derived/hessian.js';
export { checkJVP } from './derived/jvp.js';
export { checkVJP } from './derived/vjp.js';
export { configure } from './options/configure.js';
export { formatReport } from './report/format.js';
export type {
  ArgumentsLike,
  BlockSummary,
  BugPattern,
  CheckArguments,
  CheckOptions,
  CoordinateResult,
  CoordinateStatus,
  DirectionResult,
  Domain,
  FormatOptions,
  GlobalConfig,
  Gradient,
  Hessian,
  HessianOptions,
  Jacobian,
  LocalizationResult,
  Method,
  Mode,
  NumericArray,
  Output,
  Params,
  ParamsLike,
  PowerSummary,
  Problem,
  ProductOptions,
  Report,
  Rng,
  RowColumns,
  SampleReport,
  Verdict,
} from './types.js';
export { EvaluationError } from './util/errors.js';
