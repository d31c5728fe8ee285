/**
 * `configure()`, and the process-wide defaults it sets. This is the one piece of global state of the
 * package; it lives alone so that whoever reads it (resolve.ts) and whoever writes it are easy to find.
 */
import type { GlobalConfig } from '../types.js';
import { inputError } from '../util/errors.js';
import { validate } from './validate.js';

const globalConfig: GlobalConfig = {};

/**
 * Sets defaults for every later check in this process, for example a suite-wide seed in a test setup
 * file. Per-call options win over these, and so does `GRADCHECK_SEED`, so that a printed reproduction
 * line works whatever the setup file says.
 */
export function configure(config: GlobalConfig): void {
  const unknown = Object.keys(config).filter(
    (key) => !['seed', 'samples', 'tol', 'maxEvaluations', 'timeLimit'].includes(key),
  );
  if (unknown.length > 0) {
    throw inputError(
      `configure() takes seed, samples, tol, maxEvaluations and timeLimit, but received ${unknown.join(', ')}.`,
    );
  }
  validate({ ...config }, 'configure()');
  Object.assign(globalConfig, config);
}

/** The defaults `configure()` has set so far (live: a later call changes what this returns). */
export function configured(): Readonly<GlobalConfig> {
  return globalConfig;
}
