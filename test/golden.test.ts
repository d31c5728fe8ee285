/**
 * Golden files: what every kind of check returns and prints, byte for byte, so that a re-layout of src/
 * (issue 12) that changes behaviour shows as a snapshot diff. One file per case under test/__golden__/:
 *
 * - the Report as JSON, every number at full precision (JavaScript's shortest round-trip form, which
 *   names each double exactly), with NaN, ±Infinity and -0 written as strings so that they stay
 *   distinguishable; an array longer than LONG_ARRAY is cut to its ends plus a SHA-256 of all of it,
 *   so that a change in its lowest bit still shows;
 * - the text of `formatReport`;
 * - the messages of every matcher, in both runner styles (diff inside the message or not) and under
 *   `.not`, called directly with a fake matcher context whose printers are plain and deterministic;
 * - or, where the check throws, the error's class, name, message and cause (never its stack).
 *
 * Every check has an explicit seed; GRADCHECK_SEED is unset and configure() reset around the file. The
 * Report holds no timings; keys that would (TIME_KEY) are dropped anyway.
 *
 * When a change of output is intended, review the diff of the .txt files and rerun with `-u`.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The bench modules are plain JavaScript with no declaration files; their JSDoc types are restated below.
// @ts-expect-error TS7016: no declaration file for a .mjs module
import * as baselinesModule from '../bench/baselines.mjs';
// @ts-expect-error TS7016: no declaration file for a .mjs module
import * as catalogModule from '../bench/catalog.mjs';
import {
  checkGradient,
  checkHessian,
  checkJacobian,
  checkJVP,
  checkVJP,
  configure,
  type FormatOptions,
  formatReport,
  type Report,
} from '../src/index.js';
import { createMatchers } from '../src/matchers/core.js';
import type { GradcheckMatcherSet, MatcherContext, MatcherUtils } from '../src/matchers/types.js';
import { cubicChain, rosenbrock, rosenbrockGradient, weightedSquares } from './helpers/functions.js';

interface CatalogEntry {
  name: string;
  group: 'well' | 'badly' | 'float32';
  f: (x: unknown) => number;
  grad: (x: unknown) => unknown;
  input: { dim?: number; like?: unknown; points?: unknown[]; domain?: [number, number] };
}
const { catalog } = catalogModule as { catalog: CatalogEntry[] };
const { flatten } = baselinesModule as { flatten: (x: unknown) => number[] };

type Kind = 'gradient' | 'jacobian' | 'hessian' | 'jvp' | 'vjp';
type AnyCheck = (f: unknown, derivative: unknown, ...args: unknown[]) => Report | Promise<Report>;

const CHECKS: Record<Kind, AnyCheck> = {
  gradient: checkGradient as AnyCheck,
  jacobian: checkJacobian as AnyCheck,
  hessian: checkHessian as AnyCheck,
  jvp: checkJVP as AnyCheck,
  vjp: checkVJP as AnyCheck,
};
const MATCHERS: Record<Kind, keyof GradcheckMatcherSet> = {
  gradient: 'toHaveGradient',
  jacobian: 'toHaveJacobian',
  hessian: 'toHaveHessian',
  jvp: 'toHaveJVP',
  vjp: 'toHaveVJP',
};

/** One golden file. `setup` is called afresh for every run, so that a stateful f starts over each time. */
interface Case {
  name: string;
  kind: Kind;
  /** What the case exercises, written at the top of its file. */
  about: string;
  setup: () => { f: unknown; derivative: unknown; args: unknown[] };
  format?: FormatOptions;
  /** Leave out the matcher messages (where they would only repeat another case's). */
  noMatchers?: boolean;
}

const SEED = 'golden';

// ---------------------------------------------------------------------------------------------------------
// Serialising.

/** Arrays longer than this are written as their ends and a digest. */
const LONG_ARRAY = 64;
/** Kept at each end of a long array. */
const ARRAY_ENDS = 4;
/** Keys that would hold timings; the Report has none today, and none may enter a golden file. */
const TIME_KEY = /^(time|timing|timings|duration|elapsed|ms|startedAt|endedAt)$/i;

function number(v: number): number | string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return 'Infinity';
  if (v === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (Object.is(v, -0)) return '-0';
  return v;
}

/** JSON with numbers made distinguishable, typed arrays by name, and no timings; arrays kept whole. */
function exact(key: string, value: unknown): unknown {
  if (TIME_KEY.test(key)) return undefined;
  if (typeof value === 'number') return number(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return { [value.constructor.name]: Array.from(value as unknown as ArrayLike<number>) };
  }
  return value;
}

function sha256(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value, exact) ?? 'undefined')
    .digest('hex');
}

/** As `exact`, and a long array becomes its length, its ends and the digest of all of it. */
function summarised(key: string, value: unknown): unknown {
  const v = exact(key, value);
  if (Array.isArray(v) && v.length > LONG_ARRAY) {
    return {
      '…array': v.length,
      first: v.slice(0, ARRAY_ENDS),
      last: v.slice(-ARRAY_ENDS),
      sha256: sha256(v),
    };
  }
  return v;
}

const isLeaf = (v: unknown) => v === null || typeof v !== 'object';

/**
 * Pretty JSON for review: a flat object (a coordinate row, the settings) or an array of plain values on
 * one line, anything nested over several.
 */
function pretty(v: unknown, indent = ''): string {
  if (isLeaf(v)) return JSON.stringify(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every(isLeaf)) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
    return `[\n${v.map((x) => inner + pretty(x, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const flat = entries.every(([, x]) => isLeaf(x) || (Array.isArray(x) && x.every(isLeaf)));
  if (flat) return `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${pretty(x)}`).join(', ')} }`;
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${pretty(x, inner)}`).join(',\n')}\n${indent}}`;
}

function serialize(value: unknown): string {
  return pretty(JSON.parse(JSON.stringify(value, summarised)));
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${typeof error}: ${String(error)}`;
  const lines = [`class: ${error.constructor.name}`, `name: ${error.name}`, 'message:', error.message];
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined) {
    lines.push(
      cause instanceof Error
        ? `cause: ${cause.constructor.name} ${cause.name}: ${cause.message}`
        : `cause: ${String(cause)}`,
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// A matcher context without a runner: plain-text, deterministic printers.

/** JSON-ish, one line: -0, NaN and Infinity as such, typed arrays with their type. */
function plain(value: unknown, depth = 10): string {
  if (typeof value === 'number') return String(number(value));
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
  if (value === null || typeof value !== 'object') return String(value);
  if (depth <= 0) return Array.isArray(value) ? '[Array]' : '[Object]';
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const items = Array.from(value as unknown as ArrayLike<number>, (x) => plain(x));
    return `${value.constructor.name} [${items.join(', ')}]`;
  }
  if (Array.isArray(value)) return `[${value.map((x) => plain(x, depth - 1)).join(', ')}]`;
  const entries = Object.entries(value).map(([k, x]) => `${JSON.stringify(k)}: ${plain(x, depth - 1)}`);
  return `{${entries.join(', ')}}`;
}

/** A line per key: kept as `  key: v`, changed as `- key: a` then `+ key: b`. */
function simpleDiff(
  expected: unknown,
  received: unknown,
  options: { aAnnotation?: string; bAnnotation?: string } = {},
): string {
  const lines = [`- ${options.aAnnotation ?? 'Expected'}`, `+ ${options.bAnnotation ?? 'Received'}`, ''];
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(expected) || !isRecord(received)) {
    lines.push(`- ${plain(expected)}`, `+ ${plain(received)}`);
    return lines.join('\n');
  }
  for (const key of new Set([...Object.keys(expected), ...Object.keys(received)])) {
    const a = key in expected ? plain(expected[key]) : undefined;
    const b = key in received ? plain(received[key]) : undefined;
    if (a === b) lines.push(`  ${key}: ${a}`);
    else {
      if (a !== undefined) lines.push(`- ${key}: ${a}`);
      if (b !== undefined) lines.push(`+ ${key}: ${b}`);
    }
  }
  return lines.join('\n');
}

const identity = (text: string) => text;

const UTILS: MatcherUtils = {
  // In Jest's plain form, which gradcheck accepts as the runner's own (another text would be replaced).
  matcherHint: (name, received = 'received', expected = 'expected', options = {}) =>
    `expect(${received})${options.promise ? `.${options.promise}` : ''}${options.isNot ? '.not' : ''}.${name}(${expected})`,
  printReceived: (value) => plain(value),
  printWithType: (name, value, print) => `${name} is ${print(value)}`,
  stringify: (value, maxDepth) => plain(value, maxDepth),
  diff: simpleDiff,
  RECEIVED_COLOR: identity,
  BOLD_WEIGHT: identity,
  DIM_COLOR: identity,
};

const STYLES = [
  { label: 'diff in message (Jest style)', matchers: createMatchers({ diffInMessage: true }) },
  { label: 'diff by the runner (Vitest style)', matchers: createMatchers({ diffInMessage: false }) },
];

// ---------------------------------------------------------------------------------------------------------
// Rendering one case.

type Outcome =
  | { how: 'returned' | 'resolved'; value: unknown }
  | { how: 'threw' | 'rejected'; error: unknown };

async function settle(call: () => unknown): Promise<Outcome> {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    return { how: 'threw', error };
  }
  if (!(result instanceof Promise)) return { how: 'returned', value: result };
  try {
    return { how: 'resolved', value: await result };
  } catch (error) {
    return { how: 'rejected', error };
  }
}

async function render(c: Case): Promise<string> {
  const out = [`# ${c.name}`, '', c.about, ''];
  const { f, derivative, args } = c.setup();
  const check = await settle(() => CHECKS[c.kind](f, derivative, ...args));
  if ('error' in check) {
    out.push(`## check${c.kind === 'gradient' ? 'Gradient' : ` (${c.kind})`}: ${check.how}`, '');
    out.push(describeError(check.error), '');
  } else {
    const report = check.value as Report;
    out.push(
      `## Report (${check.how === 'resolved' ? 'a Promise, resolved' : 'returned synchronously'})`,
      '',
    );
    out.push(serialize(report), '');
    out.push('## formatReport', '', formatReport(report, c.format), '');
  }
  if (c.noMatchers) return out.join('\n');
  for (const style of STYLES) {
    for (const isNot of [false, true]) {
      const matcher = style.matchers[MATCHERS[c.kind]];
      const ctx: MatcherContext = { isNot, promise: '', utils: UTILS };
      const run = c.setup();
      const result = await settle(() => matcher.call(ctx, run.f, run.derivative, ...run.args));
      out.push(`## ${MATCHERS[c.kind]}, ${style.label}${isNot ? ', .not' : ''}: ${result.how}`, '');
      if ('error' in result) {
        out.push(describeError(result.error), '');
        continue;
      }
      const r = result.value as {
        pass: boolean;
        message: () => string;
        expected?: unknown;
        actual?: unknown;
      };
      out.push(`pass: ${r.pass}`, 'message:', r.message());
      if (r.expected !== undefined) out.push(`expected: ${serialize(r.expected)}`);
      if (r.actual !== undefined) out.push(`actual: ${serialize(r.actual)}`);
      out.push('');
    }
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// The cases.

/** The gradient with one coordinate (the middle one) off by 1 % plus 0.01, flat. */
function plantBug(grad: (x: unknown) => unknown) {
  return (x: unknown) => {
    const g = flatten(grad(x));
    const k = Math.floor(g.length / 2);
    g[k] = g[k]! * 1.01 + 0.01;
    return g;
  };
}

const PLANTED = [
  'rosenbrock',
  'mlp',
  'nested-object',
  'long-sum',
  'mixed-scales',
  'f32-mlp',
  'log-near-zero',
];

const catalogCases: Case[] = catalog.flatMap((entry): Case[] => {
  const options = { ...entry.input, seed: SEED, samples: 2 };
  const correct: Case = {
    name: `catalog-${entry.name}`,
    kind: 'gradient',
    about: `bench catalog entry ${entry.name} (${entry.group}), its exact gradient, seed ${SEED}, 2 samples.`,
    setup: () => ({ f: entry.f, derivative: entry.grad, args: [{ ...options }] }),
  };
  if (!PLANTED.includes(entry.name)) return [correct];
  const planted: Case = {
    name: `catalog-${entry.name}-planted-bug`,
    kind: 'gradient',
    about: `bench catalog entry ${entry.name}, its gradient (flattened) with the middle coordinate off by 1 % + 0.01.`,
    setup: () => ({ f: entry.f, derivative: plantBug(entry.grad), args: [{ ...options }] }),
  };
  return [correct, planted];
});

const wrongRosenbrock = (x: number[]) => rosenbrockGradient(x).map((v, i) => (i === 2 ? v * (1 + 1e-4) : v));

const coordinateCases: Case[] = [
  ...(['central', 'central4', 'richardson', 'forward'] as const).map(
    (method): Case => ({
      name: `coordinate-method-${method}`,
      kind: 'gradient',
      about: `per-coordinate mode, method '${method}', Rosenbrock with x[2] off by a relative 1e-4.`,
      setup: () => ({
        f: rosenbrock,
        derivative: wrongRosenbrock,
        args: [{ dim: 5, seed: SEED, samples: 2, mode: 'coordinate', method }],
      }),
    }),
  ),
  {
    name: 'coordinate-no-refine',
    kind: 'gradient',
    about: 'per-coordinate mode with refine: false and an explicit eps and atol.',
    setup: () => ({
      f: rosenbrock,
      derivative: wrongRosenbrock,
      args: [{ dim: 4, seed: SEED, samples: 2, refine: false, eps: 1e-6, atol: 1e-9 }],
    }),
  },
  {
    name: 'coordinate-positional-eps-tol',
    kind: 'gradient',
    about: "the course's positional (eps, tol, options) arguments.",
    setup: () => ({
      f: rosenbrock,
      derivative: rosenbrockGradient,
      args: [1e-6, 1e-6, { dim: 3, seed: SEED, samples: 2 }],
    }),
  },
  {
    name: 'coordinate-all-wrong-max-rows',
    kind: 'gradient',
    about: 'every coordinate wrong, formatReport with maxRows: 3.',
    setup: () => ({
      f: rosenbrock,
      derivative: (x: number[]) => rosenbrockGradient(x).map((v) => 2 * v + 1),
      args: [{ dim: 8, seed: SEED, samples: 2 }],
    }),
    format: { maxRows: 3 },
  },
  {
    name: 'coordinates-count',
    kind: 'gradient',
    about: 'coordinates: 4 (a seeded random subset of 12), one of them wrong.',
    setup: () => ({
      f: rosenbrock,
      derivative: (x: number[]) => rosenbrockGradient(x).map((v) => v * 1.001),
      args: [{ dim: 12, seed: SEED, samples: 2, coordinates: 4 }],
    }),
  },
  {
    name: 'coordinates-predicate',
    kind: 'gradient',
    about: 'coordinates as a predicate on the path (even indices), x[4] wrong.',
    setup: () => ({
      f: rosenbrock,
      derivative: (x: number[]) => rosenbrockGradient(x).map((v, i) => (i === 4 ? v + 0.5 : v)),
      args: [{ dim: 9, seed: SEED, samples: 2, coordinates: (path: string) => /[02468]\]$/.test(path) }],
    }),
  },
];

const N_DIRECTIONAL = 2000;
const directionalCases: Case[] = [
  {
    name: 'directional-correct',
    kind: 'gradient',
    about: `directional mode, n = ${N_DIRECTIONAL}, weighted squares, correct gradient.`,
    setup: () => {
      const { f, gradient } = weightedSquares(N_DIRECTIONAL);
      return {
        f,
        derivative: gradient(),
        args: [{ like: new Float64Array(N_DIRECTIONAL), mode: 'directional', samples: 2, seed: SEED }],
      };
    },
  },
  {
    name: 'directional-planted-coordinate',
    kind: 'gradient',
    about: `directional mode, n = ${N_DIRECTIONAL}, x[1234] off by a relative 1e-3: localization names it.`,
    setup: () => {
      const { f, gradient } = weightedSquares(N_DIRECTIONAL);
      return {
        f,
        derivative: gradient([1234], [1e-3]),
        args: [
          {
            like: new Float64Array(N_DIRECTIONAL),
            domain: [0.5, 1],
            mode: 'directional',
            samples: 2,
            directions: 4,
            seed: SEED,
          },
        ],
      };
    },
  },
  {
    name: 'directional-two-planted-coordinates',
    kind: 'gradient',
    about: `directional mode, n = ${N_DIRECTIONAL}, x[7] and x[1999] wrong.`,
    setup: () => {
      const { f, gradient } = weightedSquares(N_DIRECTIONAL);
      return {
        f,
        derivative: gradient([7, 1999], [1e-2, -1e-2]),
        args: [{ like: new Float64Array(N_DIRECTIONAL), mode: 'directional', samples: 1, seed: 'two' }],
      };
    },
  },
  {
    name: 'directional-jacobian',
    kind: 'jacobian',
    about: `checkJacobian in directional mode, n = ${N_DIRECTIONAL}, 2 outputs, J[1][5] wrong.`,
    setup: () => ({
      f: (x: Float64Array) => {
        let a = 0;
        let b = 0;
        for (let i = 0; i < x.length; i++) {
          a += x[i]! * x[i]!;
          b += (i % 3) * x[i]!;
        }
        return [a, b];
      },
      derivative: (x: Float64Array) => [
        Array.from(x, (v) => 2 * v),
        Array.from(x, (_, i) => (i === 5 ? 1 : i % 3)),
      ],
      args: [{ like: new Float64Array(N_DIRECTIONAL), mode: 'directional', samples: 1, seed: SEED }],
    }),
  },
];

// f(x) = Σ x_i² x_{i+1} + sin(x_0), with its gradient and Hessian (test/helpers/functions.ts).
const { f: cubic, gradient: cubicGradient, hessian: cubicHessian } = cubicChain;
const wrongHessian = (x: number[]) => {
  const h = cubicHessian(x);
  h[1]![2] = h[1]![2]! + 0.01;
  return h;
};

const jvpF = (x: number[]) => [x[0]! * x[1]!, Math.sin(x[2]!) + x[0]!];
const jvp = (x: number[], v: number[]) => [v[0]! * x[1]! + x[0]! * v[1]!, Math.cos(x[2]!) * v[2]! + v[0]!];
const vjpF = (x: number[]) => [x[0]! * x[1]!, Math.sin(x[2]!) + x[0]!, x[3]! ** 3];
const vjp = (x: number[], u: number[]) => [
  u[0]! * x[1]! + u[1]!,
  u[0]! * x[0]!,
  u[1]! * Math.cos(x[2]!),
  3 * u[2]! * x[3]! ** 2,
];
const jacF = (x: number[]) => [x[0]! * x[1]!, Math.sin(x[2]!), x[0]! + x[2]! ** 2];
const jac = (x: number[]) => [
  [x[1]!, x[0]!, 0],
  [0, 0, Math.cos(x[2]!)],
  [1, 0, 2 * x[2]!],
];

const derivedCases: Case[] = [
  {
    name: 'hessian-from-gradient',
    kind: 'hessian',
    about: 'checkHessian against differences of the given gradient, correct Hessian.',
    setup: () => ({
      f: cubic,
      derivative: cubicHessian,
      args: [{ dim: 4, gradient: cubicGradient, seed: SEED, samples: 2 }],
    }),
  },
  {
    name: 'hessian-from-gradient-wrong',
    kind: 'hessian',
    about: 'checkHessian against the gradient, H[1][2] off by 0.01 (and so not symmetric).',
    setup: () => ({
      f: cubic,
      derivative: wrongHessian,
      args: [{ dim: 4, gradient: cubicGradient, seed: SEED, samples: 2 }],
    }),
  },
  {
    name: 'hessian-second-differences',
    kind: 'hessian',
    about: 'checkHessian from second differences of f (no gradient), correct Hessian.',
    setup: () => ({ f: cubic, derivative: cubicHessian, args: [{ dim: 4, seed: SEED, samples: 2 }] }),
  },
  {
    name: 'hessian-second-differences-wrong',
    kind: 'hessian',
    about: 'checkHessian from second differences of f, H[1][2] off by 0.01.',
    setup: () => ({ f: cubic, derivative: wrongHessian, args: [{ dim: 4, seed: SEED, samples: 2 }] }),
  },
  {
    name: 'jvp',
    kind: 'jvp',
    about: 'checkJVP, correct, 2 samples of 3 tangents.',
    setup: () => ({ f: jvpF, derivative: jvp, args: [{ dim: 3, seed: SEED, samples: 2, vectors: 3 }] }),
  },
  {
    name: 'jvp-wrong',
    kind: 'jvp',
    about: 'checkJVP, the second output with the wrong sign of its cos term.',
    setup: () => ({
      f: jvpF,
      derivative: (x: number[], v: number[]) => [jvp(x, v)[0]!, -Math.cos(x[2]!) * v[2]! + v[0]!],
      args: [{ dim: 3, seed: SEED, samples: 2 }],
    }),
  },
  {
    name: 'vjp',
    kind: 'vjp',
    about: 'checkVJP, correct.',
    setup: () => ({ f: vjpF, derivative: vjp, args: [{ dim: 4, seed: SEED, samples: 2 }] }),
  },
  {
    name: 'vjp-wrong',
    kind: 'vjp',
    about: 'checkVJP, coordinate x[2] of uᵀJ with the wrong sign.',
    setup: () => ({
      f: vjpF,
      derivative: (x: number[], u: number[]) => vjp(x, u).map((v, i) => (i === 2 ? -v : v)),
      args: [{ dim: 4, seed: SEED, samples: 2 }],
    }),
  },
  {
    name: 'jacobian',
    kind: 'jacobian',
    about: 'checkJacobian, correct, 3 × 3.',
    setup: () => ({ f: jacF, derivative: jac, args: [{ dim: 3, seed: SEED, samples: 2 }] }),
  },
  {
    name: 'jacobian-wrong',
    kind: 'jacobian',
    about: 'checkJacobian, J[2][2] off by a factor 1.01.',
    setup: () => ({
      f: jacF,
      derivative: (x: number[]) => {
        const j = jac(x);
        j[2]![2] = j[2]![2]! * 1.01;
        return j;
      },
      args: [{ dim: 3, seed: SEED, samples: 2 }],
    }),
  },
];

const F32_N = 6;
const f32Weights = Float32Array.from({ length: F32_N }, (_, i) => 0.5 + i / 4);
const f32Sum = (x: ArrayLike<number>) => {
  let s = Math.fround(0);
  for (let i = 0; i < F32_N; i++)
    s = Math.fround(s + Math.fround(f32Weights[i]! * Math.fround(x[i]! * x[i]!)));
  return s;
};
const f32Grad = (x: ArrayLike<number>) =>
  Float32Array.from({ length: F32_N }, (_, i) => 2 * f32Weights[i]! * x[i]!);

const specialCases: Case[] = [
  {
    name: 'float32-typed-array',
    kind: 'gradient',
    about: 'float32 code on a Float32Array input: precision detected as float32.',
    setup: () => ({
      f: f32Sum,
      derivative: f32Grad,
      args: [{ like: new Float32Array(F32_N), seed: SEED, samples: 2 }],
    }),
  },
  {
    name: 'float32-typed-array-wrong',
    kind: 'gradient',
    about: 'float32 code on a Float32Array input, x[3] off by 1 %.',
    setup: () => ({
      f: f32Sum,
      derivative: (x: Float32Array) => f32Grad(x).map((v, i) => (i === 3 ? v * 1.01 : v)),
      args: [{ like: new Float32Array(F32_N), seed: SEED, samples: 2 }],
    }),
  },
  {
    name: 'float32-precision-option',
    kind: 'gradient',
    about: "float32 code on a number[] input, with precision: 'float32'.",
    setup: () => ({
      f: f32Sum,
      derivative: f32Grad,
      args: [{ dim: F32_N, precision: 'float32', seed: SEED, samples: 2 }],
    }),
  },
  {
    name: 'async-f',
    kind: 'gradient',
    about: 'an async f: the check returns a Promise of the report (x[2] off by a relative 1e-4).',
    setup: () => ({
      f: async (x: number[]) => rosenbrock(x),
      derivative: wrongRosenbrock,
      args: [{ dim: 4, seed: SEED, samples: 2 }],
    }),
  },
  {
    name: 'async-f-and-gradient',
    kind: 'gradient',
    about: 'async f and gradient, correct.',
    setup: () => ({
      f: async (x: number[]) => rosenbrock(x),
      derivative: async (x: number[]) => rosenbrockGradient(x),
      args: [{ dim: 4, seed: SEED, samples: 2 }],
    }),
  },
  {
    name: 'kink-abs',
    kind: 'gradient',
    about: 'Σ|x_i| at explicit points with coordinates exactly at 0 (the kink), the right slope there.',
    setup: () => ({
      f: (x: number[]) => x.reduce((s, v) => s + Math.abs(v), 0),
      derivative: (x: number[]) => x.map((v) => (v >= 0 ? 1 : -1)),
      args: [
        {
          points: [
            [0, 0.5, -0.25],
            [1, 0, -2],
          ],
          seed: SEED,
        },
      ],
    }),
  },
  {
    name: 'kink-abs-outside-slopes',
    kind: 'gradient',
    about: 'Σ|x_i| at a point on the kink, with an analytic value (3) outside the one-sided slopes.',
    setup: () => ({
      f: (x: number[]) => x.reduce((s, v) => s + Math.abs(v), 0),
      derivative: (x: number[]) => x.map((v) => (v === 0 ? 3 : Math.sign(v))),
      args: [{ points: [[0.5, 0, -0.25]], seed: SEED }],
    }),
  },
  {
    name: 'kink-relu',
    kind: 'gradient',
    about: 'Σ relu(x_i) at points on the kink, gradient 1 for x > 0 and 0 otherwise.',
    setup: () => ({
      f: (x: number[]) => x.reduce((s, v) => s + Math.max(0, v), 0),
      derivative: (x: number[]) => x.map((v) => (v > 0 ? 1 : 0)),
      args: [
        {
          points: [
            [0, 1],
            [-1, 0],
          ],
          seed: SEED,
        },
      ],
    }),
  },
  {
    name: 'domain-edge-log',
    kind: 'gradient',
    about: 'Σ log(x_i) on the domain [1e-9, 1], right next to the singularity at 0.',
    setup: () => ({
      f: (x: number[]) => x.reduce((s, v) => s + Math.log(v), 0),
      derivative: (x: number[]) => x.map((v) => 1 / v),
      args: [{ dim: 4, domain: [1e-9, 1], seed: SEED, samples: 2 }],
    }),
  },
  {
    name: 'nan-from-f',
    kind: 'gradient',
    about: 'f returns NaN at the second point (log of a negative number).',
    setup: () => ({
      f: (x: number[]) => Math.log(x[0]!) + x[1]! ** 2,
      derivative: (x: number[]) => [1 / x[0]!, 2 * x[1]!],
      args: [
        {
          points: [
            [0.5, 1],
            [-0.5, 1],
          ],
          seed: SEED,
        },
      ],
    }),
  },
  {
    name: 'nan-from-gradient',
    kind: 'gradient',
    about: 'the gradient returns NaN in one coordinate.',
    setup: () => ({
      f: (x: number[]) => x[0]! ** 2 + x[1]! ** 2,
      derivative: (x: number[]) => [2 * x[0]!, Number.NaN],
      args: [{ dim: 2, seed: SEED, samples: 2 }],
    }),
  },
  {
    name: 'nondeterministic-f',
    kind: 'gradient',
    about: 'f adds a little more on every call.',
    setup: () => {
      let calls = 0;
      return {
        f: (x: number[]) => x[0]! ** 2 + 1e-9 * calls++,
        derivative: (x: number[]) => [2 * x[0]!],
        args: [{ dim: 1, seed: SEED, samples: 2 }],
      };
    },
  },
  {
    name: 'mutating-f',
    kind: 'gradient',
    about: 'f writes into its input.',
    setup: () => ({
      f: (x: number[]) => {
        const s = x[0]! ** 2 + x[1]! ** 2;
        x[1] = 0;
        return s;
      },
      derivative: (x: number[]) => [2 * x[0]!, 2 * x[1]!],
      args: [{ dim: 2, seed: SEED, samples: 2 }],
    }),
  },
  {
    name: 'throwing-f',
    kind: 'gradient',
    about: 'f throws a RangeError at every call.',
    setup: () => ({
      f: () => {
        throw new RangeError('f exploded');
      },
      derivative: (x: number[]) => x,
      args: [{ dim: 3, seed: SEED }],
    }),
  },
  {
    name: 'throwing-gradient',
    kind: 'gradient',
    about: 'the gradient throws.',
    setup: () => ({
      f: (x: number[]) => x[0]! ** 2,
      derivative: (x: number[]) => {
        if (x[0]! > -2) throw new Error('gradient not implemented here');
        return [2 * x[0]!];
      },
      args: [{ dim: 1, seed: SEED }],
    }),
  },
  {
    name: 'rejecting-async-f',
    kind: 'gradient',
    about: 'an async f that rejects.',
    setup: () => ({
      f: async () => {
        throw new TypeError('no backend');
      },
      derivative: (x: number[]) => x,
      args: [{ dim: 2, seed: SEED }],
    }),
  },
  {
    name: 'args-several',
    kind: 'gradient',
    about: 'f(x, p) of two arguments with args templates; arg1.W[0][0] wrong.',
    setup: () => ({
      f: (x: number[], p: { W: number[][] }) => x[0]! * p.W[0]![1]! + x[1]! ** 2 + p.W[0]![0]! ** 3,
      derivative: (x: number[], p: { W: number[][] }) => [
        [p.W[0]![1]!, 2 * x[1]!],
        { W: [[3 * p.W[0]![0]! ** 2 + 0.1, x[0]!]] },
      ],
      args: [{ args: [[0, 0], { W: [[0, 0]] }], seed: SEED, samples: 2 }],
    }),
  },
  {
    name: 'args-points',
    kind: 'gradient',
    about: 'several arguments with explicit points as argument lists, correct.',
    setup: () => ({
      f: (x: number[], y: number) => x[0]! * y + x[1]!,
      derivative: (x: number[], y: number) => [[y, 1], x[0]!],
      args: [{ args: [[0, 0], 0], points: [[[1, 2], 3]], seed: SEED }],
    }),
  },
  {
    name: 'nested-params',
    kind: 'gradient',
    about: 'a parameter dict { W, b } with a Float64Array leaf; b[1] wrong.',
    setup: () => ({
      f: (p: { W: number[][]; b: Float64Array }) => p.W[0]![0]! * p.b[0]! + p.W[1]![1]! ** 2 + p.b[1]!,
      derivative: (p: { W: number[][]; b: Float64Array }) => ({
        W: [
          [p.b[0]!, 0],
          [0, 2 * p.W[1]![1]!],
        ],
        b: Float64Array.from([p.W[0]![0]!, 2]),
      }),
      args: [
        {
          like: {
            W: [
              [0, 0],
              [0, 0],
            ],
            b: new Float64Array(2),
          },
          seed: SEED,
          samples: 2,
        },
      ],
    }),
  },
];

/** Calls that gradcheck refuses: the messages of its TypeErrors. */
const REFUSED: Array<[string, Record<string, unknown>]> = [
  ['bad-samples', { dim: 3, samples: 0, seed: SEED }],
  ['bad-option-typo', { dims: 3, seed: SEED }],
  ['bad-domain', { dim: 2, domain: [1, -1], seed: SEED }],
  ['bad-points-and-dim', { dim: 2, points: [[0, 0]], seed: SEED }],
];
const refusedCases: Case[] = REFUSED.map(
  ([name, options]): Case => ({
    name: `refused-${name}`,
    kind: 'gradient',
    about: `checkGradient refuses the options ${plain(options)}.`,
    setup: () => ({ f: rosenbrock, derivative: rosenbrockGradient, args: [options] }),
  }),
);

const CASES: Case[] = [
  ...catalogCases,
  ...coordinateCases,
  ...directionalCases,
  ...derivedCases,
  ...specialCases,
  ...refusedCases,
];

// ---------------------------------------------------------------------------------------------------------

const hadSeed = Object.hasOwn(process.env, 'GRADCHECK_SEED');
const previousSeed = process.env.GRADCHECK_SEED;
const resetConfig = () =>
  configure({ seed: undefined, samples: undefined, tol: undefined, maxEvaluations: undefined });

beforeAll(() => {
  delete process.env.GRADCHECK_SEED;
  resetConfig();
});

afterAll(() => {
  if (hadSeed) process.env.GRADCHECK_SEED = previousSeed;
  resetConfig();
});

describe('golden files', () => {
  it('has unique case names, every catalog entry and a planted bug for each listed one', () => {
    const names = CASES.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of catalog) expect(names).toContain(`catalog-${entry.name}`);
    for (const name of PLANTED) expect(names).toContain(`catalog-${name}-planted-bug`);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    expect(process.env.GRADCHECK_SEED).toBeUndefined();
    await expect(await render(c)).toMatchFileSnapshot(`./__golden__/${name}.txt`);
  });

  it('a matcher refuses a received value that is not a function, and a derivative that is not one', async () => {
    const lines: string[] = [];
    for (const style of STYLES) {
      for (const isNot of [false, true]) {
        const ctx: MatcherContext = { isNot, promise: '', utils: UTILS };
        for (const [received, derivative] of [
          [42, rosenbrockGradient],
          [rosenbrock, 'not a function'],
        ] as const) {
          const result = await settle(() => style.matchers.toHaveGradient.call(ctx, received, derivative));
          lines.push(
            `## ${style.label}${isNot ? ', .not' : ''}: ${plain(received)}, ${plain(derivative)}: ${result.how}`,
            '',
          );
          lines.push('error' in result ? describeError(result.error) : plain(result.value), '');
        }
      }
    }
    await expect(lines.join('\n')).toMatchFileSnapshot('./__golden__/matcher-usage-errors.txt');
  });

  it('serialises numbers so that -0, NaN, ±Infinity and the last bit of a double show', () => {
    expect(serialize({ a: [-0, 0, Number.NaN, Infinity, -Infinity, 0.1 + 0.2, 5e-324] })).toBe(
      '{ "a": ["-0", 0, "NaN", "Infinity", "-Infinity", 0.30000000000000004, 5e-324] }',
    );
    const long = Array.from({ length: 100 }, (_, i) => i / 3);
    const nudged = [...long];
    nudged[50] = nudged[50]! * (1 + Number.EPSILON);
    expect(serialize(long)).not.toBe(serialize(nudged));
    expect(serialize({ elapsed: 3, ms: 4, x: 1 })).toBe('{ "x": 1 }');
  });
});
