import type { CheckOptions, Domain, Method, Mode, Params, Rng } from '../types.js';
import { describeValue, inputError } from '../util/errors.js';

/** The fixed default seed: any fixed value works; this one is the date of the course notes. */
export const DEFAULT_SEED = 20180531;
/** The course's threshold, kept as the relative tolerance per coordinate. */
export const DEFAULT_TOL = 1e-7;
/** How many estimated errors a difference may be before it counts: the constant k of the tolerance rule. */
export const ERROR_MULTIPLE = 4;
export const DEFAULT_SAMPLES = 3;
/**
 * Evaluation budget of `mode: 'auto'`: per-coordinate checks above it switch to directional. With 3 samples
 * that is per-coordinate up to n = 16 666, where a check of a cheap O(n) f already takes a second or two
 * (the time grows as n²); docs/performance.md has the measurement.
 */
export const DEFAULT_MAX_EVALUATIONS = 100_000;
export const DEFAULT_DIRECTIONS = 6;

/** Global defaults, set with `configure`. */
export interface GlobalConfig {
  seed?: string | number;
  samples?: number;
  tol?: number;
  maxEvaluations?: number;
}

const globalConfig: GlobalConfig = {};

/**
 * Sets defaults for every later check in this process, for example a suite-wide seed in a test setup
 * file. Per-call options win over these, and so does `GRADCHECK_SEED`, so that a printed reproduction
 * line works whatever the setup file says.
 */
export function configure(config: GlobalConfig): void {
  const unknown = Object.keys(config).filter(
    (key) => !['seed', 'samples', 'tol', 'maxEvaluations'].includes(key),
  );
  if (unknown.length > 0) {
    throw inputError(
      `configure() takes seed, samples, tol and maxEvaluations, but received ${unknown.join(', ')}.`,
    );
  }
  validate({ ...config }, 'configure()');
  Object.assign(globalConfig, config);
}

/** Options after defaults, as the engine uses them. */
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

const OPTION_NAMES = [
  'points',
  'like',
  'dim',
  'sample',
  'domain',
  'samples',
  'seed',
  'eps',
  'tol',
  'atol',
  'method',
  'refine',
  'nondeterminism',
  'precision',
  'mode',
  'directions',
  'maxEvaluations',
  'coordinates',
  'args',
] as const;

/** Names of the options every check accepts, for adapters that add their own. */
export const optionNames: readonly string[] = OPTION_NAMES;

/** Edit distance counting a swap of two neighbours as one edit, since that is the commonest typo. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Names users reach for from other tools, with the option they mean. */
const SYNONYMS: Record<string, string> = {
  epsilon: 'eps',
  step: 'eps',
  h: 'eps',
  rtol: 'tol',
  relTol: 'tol',
  tolerance: 'tol',
  absTol: 'atol',
  stepSize: 'eps',
  numSamples: 'samples',
  nSamples: 'samples',
  size: 'dim',
  n: 'dim',
  shape: 'like',
  template: 'like',
  point: 'points',
  range: 'domain',
};

/**
 * The option a user most likely meant: a known synonym, else the closest name within a few typos (one
 * for a short name, so that "foo" suggests nothing rather than "tol"), else a name that shares a long
 * prefix with it ("maxEval", "tolerence", "coords").
 */
function nearest(name: string, names: readonly string[]): string | undefined {
  if (SYNONYMS[name] !== undefined) return SYNONYMS[name];
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of names) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (bestDistance <= Math.max(1, Math.floor(name.length / 4))) return best;
  let longest = 0;
  for (const candidate of names) {
    const prefix = commonPrefix(lower, candidate.toLowerCase());
    const whole = prefix === candidate.length || prefix === name.length;
    if ((prefix >= 4 || (whole && prefix >= 3)) && prefix > longest) {
      best = candidate;
      longest = prefix;
    }
  }
  return longest > 0 ? best : undefined;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function positiveNumber(value: unknown, name: string, where: string): void {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw inputError(`${where}: ${name} must be a finite number > 0, but received ${describeValue(value)}.`);
  }
}

function count(value: unknown, name: string, where: string, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw inputError(
      `${where}: ${name} must be a whole number ≥ ${min}, but received ${describeValue(value)}.`,
    );
  }
}

function checkDomain(domain: unknown, where: string, path = ''): void {
  if (
    !Array.isArray(domain) ||
    domain.length !== 2 ||
    !domain.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    throw inputError(
      `${where}: domain${path} must be a pair [lo, hi] of finite numbers, but received ${describeValue(domain)}.`,
    );
  }
  if (!(domain[0] < domain[1])) {
    throw inputError(`${where}: domain${path} must have lo < hi, but received [${domain[0]}, ${domain[1]}].`);
  }
}

function validate(options: Record<string, unknown>, where: string): void {
  for (const key of Object.keys(options)) {
    if (!(OPTION_NAMES as readonly string[]).includes(key)) {
      const suggestion = nearest(key, OPTION_NAMES);
      throw inputError(
        `${where}: unknown option "${key}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Known options: ${OPTION_NAMES.join(', ')}.`,
      );
    }
  }
  if (options.args !== undefined) {
    // checkGradient and checkJacobian take args apart before options get here; other checks do not.
    throw inputError(
      `${where}: args is for checkGradient and checkJacobian (and their matchers); wrap f to take one input here.`,
    );
  }
  const o = options as CheckOptions;
  const sources = (['points', 'like', 'dim', 'sample'] as const).filter((key) => o[key] !== undefined);
  if (sources.length > 1) {
    throw inputError(
      `${where}: give one of points, like, dim and sample, but received ${sources.join(' and ')}.`,
    );
  }
  if (o.points !== undefined && (!Array.isArray(o.points) || o.points.length === 0)) {
    throw inputError(
      `${where}: points must be a non-empty array of inputs, but received ${describeValue(o.points)}.`,
    );
  }
  if (o.dim !== undefined) count(o.dim, 'dim', where, 1);
  if (o.sample !== undefined && typeof o.sample !== 'function') {
    throw inputError(
      `${where}: sample must be a function (rng) => input, but received ${describeValue(o.sample)}.`,
    );
  }
  if (o.domain !== undefined && typeof o.domain !== 'function') checkDomain(o.domain, where);
  if (o.samples !== undefined) count(o.samples, 'samples', where, 1);
  if (
    o.seed !== undefined &&
    typeof o.seed !== 'string' &&
    !(typeof o.seed === 'number' && Number.isFinite(o.seed))
  ) {
    throw inputError(
      `${where}: seed must be a string or a finite number, but received ${describeValue(o.seed)}.`,
    );
  }
  if (o.eps !== undefined) positiveNumber(o.eps, 'eps', where);
  if (o.tol !== undefined && (typeof o.tol !== 'number' || !(o.tol >= 0) || !Number.isFinite(o.tol))) {
    throw inputError(`${where}: tol must be a finite number ≥ 0, but received ${describeValue(o.tol)}.`);
  }
  if (o.atol !== undefined && (typeof o.atol !== 'number' || !(o.atol >= 0) || !Number.isFinite(o.atol))) {
    throw inputError(`${where}: atol must be a finite number ≥ 0, but received ${describeValue(o.atol)}.`);
  }
  const oneOf = (name: string, value: unknown, allowed: readonly string[]) => {
    if (value !== undefined && !allowed.includes(value as string)) {
      throw inputError(
        `${where}: ${name} must be one of ${allowed.map((v) => `'${v}'`).join(', ')}, but received ${describeValue(value)}.`,
      );
    }
  };
  oneOf('method', o.method, ['central', 'central4', 'richardson', 'forward']);
  oneOf('precision', o.precision, ['auto', 'float64', 'float32']);
  oneOf('mode', o.mode, ['auto', 'coordinate', 'directional']);
  if (o.refine !== undefined && typeof o.refine !== 'boolean') {
    throw inputError(`${where}: refine must be true or false, but received ${describeValue(o.refine)}.`);
  }
  if (
    o.nondeterminism !== undefined &&
    (typeof o.nondeterminism !== 'number' || !(o.nondeterminism >= 0) || !Number.isFinite(o.nondeterminism))
  ) {
    throw inputError(
      `${where}: nondeterminism must be a finite number ≥ 0, but received ${describeValue(o.nondeterminism)}.`,
    );
  }
  if (o.directions !== undefined) count(o.directions, 'directions', where, 1);
  if (o.maxEvaluations !== undefined) count(o.maxEvaluations, 'maxEvaluations', where, 1);
  if (o.coordinates !== undefined && typeof o.coordinates !== 'function')
    count(o.coordinates, 'coordinates', where, 1);
}

/**
 * The environment `GRADCHECK_SEED` is read from, or undefined where the code has none to read: in a
 * browser (Vitest's browser mode) there is no `process`, so a variable set in the shell never reaches it.
 */
export function processEnv(): Readonly<Record<string, string | undefined>> | undefined {
  return typeof process === 'undefined' || process.env == null ? undefined : process.env;
}

function envSeed(): string | number | undefined {
  const raw = processEnv()?.GRADCHECK_SEED;
  if (raw === undefined || raw.trim() === '') return undefined;
  const asNumber = Number(raw);
  return Number.isFinite(asNumber) && String(asNumber) === raw.trim() ? asNumber : raw.trim();
}

/**
 * Accepts `(options)`, `(eps, tol)` and `(eps, tol, options)`, the positional form matching the
 * course's `<eps, tol>` pair, and returns one options object.
 */
export function normalizeArguments(args: readonly unknown[], where: string): Record<string, unknown> {
  const [first, second, third] = args;
  if (args.length > 3)
    throw inputError(
      `${where}: expected at most (eps, tol, options), but received ${args.length} arguments.`,
    );
  if (typeof first === 'number' || (first === undefined && typeof second === 'number')) {
    if (third !== undefined && (third === null || typeof third !== 'object')) {
      throw inputError(
        `${where}: the third argument must be an options object, but received ${describeValue(third)}.`,
      );
    }
    const positional: Record<string, unknown> = { ...((third as object | undefined) ?? {}) };
    if (first !== undefined) positional.eps = first;
    if (second !== undefined) {
      if (typeof second !== 'number') {
        throw inputError(
          `${where}: the second argument (tol) must be a number, but received ${describeValue(second)}.`,
        );
      }
      positional.tol = second;
    }
    return positional;
  }
  if (first === undefined || first === null) {
    if (second !== undefined)
      throw inputError(
        `${where}: expected (eps, tol) or (options), but received ${describeValue(second)} second.`,
      );
    return {};
  }
  if (typeof first !== 'object' || Array.isArray(first)) {
    throw inputError(
      `${where}: expected an options object or (eps, tol), but received ${describeValue(first)}.`,
    );
  }
  if (second !== undefined)
    throw inputError(`${where}: options come alone, or after (eps, tol); received a second argument.`);
  return { ...(first as Record<string, unknown>) };
}

/** Validates options and fills in defaults. */
export function resolveOptions(raw: Record<string, unknown>, where: string): ResolvedOptions {
  validate(raw, where);
  const o = raw as CheckOptions<Params>;
  const domain = o.domain;
  const domainOf: (path: string) => Domain =
    typeof domain === 'function'
      ? (path) => {
          const d = domain(path);
          checkDomain(d, where, ` for ${path}`);
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
  return {
    seed: o.seed ?? envSeed() ?? globalConfig.seed ?? DEFAULT_SEED,
    samples:
      o.points !== undefined ? o.points.length : (o.samples ?? globalConfig.samples ?? DEFAULT_SAMPLES),
    tol: o.tol ?? globalConfig.tol ?? DEFAULT_TOL,
    atol: o.atol,
    eps: o.eps,
    method: o.method ?? 'central',
    refine: o.refine ?? true,
    nondeterminism: o.nondeterminism ?? 0,
    precision: o.precision ?? 'auto',
    mode: o.mode ?? 'auto',
    directions: o.directions ?? DEFAULT_DIRECTIONS,
    maxEvaluations: o.maxEvaluations ?? globalConfig.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS,
    coordinates: o.coordinates,
    domain: domainOf,
    ...(typeof domain === 'function' ? {} : { fixedDomain: domain ?? [-1, 1] }),
    source,
  };
}
