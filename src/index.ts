/**
 * gradcheck: gradient checking as a test assertion. The core knows nothing about test runners; the
 * matchers live in `gradcheck/vitest` and `gradcheck/jest`.
 */
export {
  type ArgumentsLike,
  type CheckArguments,
  checkGradient,
  checkJacobian,
  type Gradient,
  type Jacobian,
} from './check/run-check.js';
export {
  checkHessian,
  checkJVP,
  checkVJP,
  type HessianOptions,
  type ProductOptions,
} from './derived/second-order.js';
export { configure, type GlobalConfig } from './options/options.js';
export { formatReport } from './report/format.js';
export type {
  CheckOptions,
  CoordinateResult,
  CoordinateStatus,
  DirectionResult,
  Domain,
  FormatOptions,
  LocalizationResult,
  Method,
  Mode,
  NumericArray,
  Params,
  ParamsLike,
  Problem,
  Report,
  Rng,
  SampleReport,
  Verdict,
} from './types.js';
export { EvaluationError } from './util/errors.js';
