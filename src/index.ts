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
} from './check.js';
export { EvaluationError } from './errors.js';
export { configure, type GlobalConfig } from './options.js';
export { formatReport } from './report.js';
export {
  checkHessian,
  checkJVP,
  checkVJP,
  type HessianOptions,
  type ProductOptions,
} from './second-order.js';
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
