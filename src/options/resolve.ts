/**
 * From the options a user gave to the options a check runs with: validated, and every default filled
 * in, in the order option > `GRADCHECK_SEED` (for the seed) > `configure()` > the package default. What
 * the rest of the check reads is ResolvedOptions, never the raw object.
 */
import type { CheckOptions, Domain, Method, Mode, Params, Rng } from '../types.js';
import { guarded } from '../util/errors.js';
import { configured } from './configure.js';
import {
  DEFAULT_MAX_EVALUATIONS,
  DEFAULT_SAMPLES,
  DEFAULT_SEED,
  DEFAULT_TIME_LIMIT,
  DEFAULT_TOL,
  defaultDirections,
} from './defaults.js';
import { envSeed } from './environment.js';
import { checkDomain, validate } from './validate.js';

/** Options after defaults, as the checks use them. */
export interface ResolvedOptions {
  seed: string | number;
  samples: number;
  tol: number;
  atol: number | undefined;
  eps: number | undefined;
  method: Method;
  refine: boolean;
  nondeterminism: number;
  precision: 'auto' | 'float64' | 'float32';
  mode: Mode;
  directions: number;
  maxEvaluations: number;
  /** In ms; Infinity for no limit. */
  timeLimit: number;
  coordinates: number | ((path: string) => boolean) | undefined;
  domain: (path: string) => Domain;
  /** The domain when it is the same for every coordinate, so that drawing a point names no coordinate. */
  fixedDomain?: Domain;
  source:
    | { kind: 'points'; points: readonly unknown[] }
    | { kind: 'like'; like: unknown }
    | { kind: 'dim'; dim: number }
    | { kind: 'sample'; sample: (rng: Rng) => unknown }
    | { kind: 'scalar' };
}

/** Validates options and fills in defaults. */
export function resolveOptions(raw: Record<string, unknown>, where: string): ResolvedOptions {
  // A value that throws when looked at (a Proxy trap, a getter inside `points`) is named, not let out.
  guarded(
    () => validate(raw, where),
    () => `${where}: reading the options`,
  );
  const o = raw as CheckOptions<Params>;
  const globalConfig = configured();
  const domain = o.domain;
  const domainOf: (path: string) => Domain =
    typeof domain === 'function'
      ? (path) => {
          const d = guarded(
            () => domain(path),
            () => `${where}: domain, called for ${path},`,
          );
          guarded(
            () => checkDomain(d, where, ` for ${path}`),
            () => `${where}: the domain returned for ${path} could not be read: a getter or Proxy trap`,
          );
          return d;
        }
      : () => domain ?? [-1, 1];
  const source: ResolvedOptions['source'] =
    o.points !== undefined
      ? { kind: 'points', points: o.points }
      : o.like !== undefined
        ? { kind: 'like', like: o.like }
        : o.dim !== undefined
          ? { kind: 'dim', dim: o.dim }
          : o.sample !== undefined
            ? { kind: 'sample', sample: o.sample }
            : { kind: 'scalar' };
  const samples =
    o.points !== undefined ? o.points.length : (o.samples ?? globalConfig.samples ?? DEFAULT_SAMPLES);
  return {
    seed: o.seed ?? envSeed() ?? globalConfig.seed ?? DEFAULT_SEED,
    samples,
    tol: o.tol ?? globalConfig.tol ?? DEFAULT_TOL,
    atol: o.atol,
    eps: o.eps,
    method: o.method ?? 'central',
    refine: o.refine ?? true,
    nondeterminism: o.nondeterminism ?? 0,
    precision: o.precision ?? 'auto',
    mode: o.mode ?? 'auto',
    directions: o.directions ?? defaultDirections(samples),
    maxEvaluations: o.maxEvaluations ?? globalConfig.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS,
    timeLimit: o.timeLimit ?? globalConfig.timeLimit ?? DEFAULT_TIME_LIMIT,
    coordinates: o.coordinates,
    domain: domainOf,
    ...(typeof domain === 'function' ? {} : { fixedDomain: domain ?? [-1, 1] }),
    source,
  };
}
