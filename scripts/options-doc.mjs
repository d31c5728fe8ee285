// Generates docs/options.md from the TypeScript types: every member of CheckOptions in src/types/options.ts,
// with its TSDoc, its type and its default, plus an example that this script runs against the built
// package (every example must pass). Defaults come from the TSDoc and are cross-checked against the
// code that applies them (resolveOptions in src/options/resolve.ts, with the constants of
// src/options/defaults.ts), so the page cannot drift from either.
//
//   node scripts/options-doc.mjs           rewrite docs/options.md
//   node scripts/options-doc.mjs --check   exit 1 when docs/options.md is not what this script writes
//
// Needs a build (npm run build): the examples run against dist/.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
// The pages show what a check does by default: a seed from the environment would change every output.
delete process.env.GRADCHECK_SEED;
/** The parts of src/types.ts that declare the options and the aliases their types use, read as one. */
const TYPES = ['src/types/inputs.ts', 'src/types/options.ts'];
const TYPES_NAME = 'src/types/options.ts';
const OPTIONS = 'src/options/resolve.ts';
/** The named defaults that resolveOptions applies. */
const DEFAULTS = 'src/options/defaults.ts';
const OUTPUT = 'docs/options.md';

/**
 * One or more examples per option: an options object, written as it appears in a test. Each runs as
 * `checkGradient(f, grad, options)` on f = Σ x², whatever the shape of x, and must pass.
 */
const EXAMPLES = {
  points: ['{ points: [[0.5, -1.2, 2], [1, 0, -1]] }'],
  like: ['{ like: { W: [[0, 0], [0, 0]], b: [0, 0] } }'],
  dim: ['{ dim: 4 }'],
  sample: ['{ sample: (rng) => [rng(), 1 + rng(), 2 + rng()] }'],
  domain: [
    '{ dim: 3, domain: [0.1, 2] }',
    "{ like: { scale: 1, shift: [0, 0] }, domain: (path) => (path === 'scale' ? [0.5, 2] : [-1, 1]) }",
  ],
  samples: ['{ dim: 3, samples: 10 }'],
  seed: ["{ dim: 3, seed: 'issue-42' }"],
  eps: ['{ dim: 3, eps: 1e-6 }'],
  tol: ['{ dim: 3, tol: 1e-5 }'],
  atol: ['{ dim: 3, atol: 1e-10 }'],
  method: ["{ dim: 3, method: 'central4' }"],
  refine: ['{ dim: 3, refine: false }'],
  nondeterminism: ['{ dim: 3, nondeterminism: 1e-12 }'],
  precision: ["{ dim: 3, precision: 'float32' }"],
  mode: ["{ dim: 1000, mode: 'directional' }"],
  directions: ["{ dim: 1000, mode: 'directional', directions: 12 }"],
  maxEvaluations: ['{ dim: 2000, maxEvaluations: 5000 }'],
  timeLimit: ['{ dim: 3, timeLimit: 10_000 }', '{ dim: 3, timeLimit: Infinity }'],
  args: ['{ args: [[0, 0], { W: [[0, 0]] }] }', '{ args: { x: [0, 0], W: [[0, 0]] } }'],
  coordinates: [
    '{ dim: 1000, coordinates: 50 }',
    "{ like: { W: [[0, 0]], b: [0] }, coordinates: (path) => path.startsWith('b') }",
  ],
};

/** When to reach for an option, beyond what its TSDoc says. Words only: numbers come from the code. */
const NOTES = {
  points:
    "Use it to reproduce the course's check at one fixed set of parameters, or to pin a point that once failed. Explicit points are never redrawn, so a point at a kink is explained in the report instead.",
  like: "The usual choice for parameter dicts: pass your parameters, and every coordinate is named by its path in the report (`layers[1].b[4]`). Only the shape of `like` is used: the points are drawn at random from `domain` in that shape, and the report says so. To check at your parameters' own values, give `points: [params]` instead.",
  dim: 'Shorthand for a flat `number[]` input.',
  args: 'For `f(x, params)`-style functions, so that no wrapper is needed; the gradient returns `[gradX, gradParams]`. Name the arguments (`{ args: { x, W } }`) to read `W[0][2]` in a report rather than `arg1[0][2]`; f gets them in the order of the keys, as written.',
  sample:
    'For inputs with constraints that a box cannot express (a probability vector, a positive-definite matrix). `rng` is the seeded source, so the samples are reproducible.',
  domain:
    'Keep random values where f is defined and smooth: positive for `log` and `sqrt`, away from the poles of `1/x`. A function of the path sets one range per parameter. Values are drawn as float32 numbers, so that float32 code is evaluated at exactly the point drawn, unless the range holds too few of them (a width of 2 at 1e8, where float32 numbers are 8 apart): then as float64 numbers, so that the samples stay different points.',
  samples:
    'More samples find bugs that only show at some points (a branch, a sign); each costs one more pass over every coordinate.',
  seed: 'Every failure prints its seed; pass it back here, or set `GRADCHECK_SEED`, to rerun exactly the same points.',
  eps: 'Leave it unset unless you are comparing with a fixed-step recipe: the automatic step is scaled to each coordinate and to the precision of f, and suspicious coordinates are refined over several steps. A step below the spacing of the numbers at a coordinate of a sample point, where x ± eps rounds back to x and there is no difference to take, is refused with a TypeError that names the coordinate and the spacing there.',
  tol: 'Each coordinate must agree to this relative error, or within its absolute floor, or within a multiple of the error estimate of its numeric derivative; see docs/numerics.md. It must be below 1, here and in `configure()`: at 1 an analytic gradient of 0 agrees with any numeric one, and at 2 one of the wrong sign does, so such a tolerance is refused with a TypeError instead of passing every check.',
  atol: "Set it when tiny gradient entries do not matter to you; the automatic floor already keeps rounding noise of entries near zero from failing a check. An atol of at least twice every entry of the numeric derivative, in every sample, would pass the derivative negated (or 0): such a check fails with a `'meaningless-tolerance'` problem that says so.",
  method:
    'The first pass only screens; a coordinate that looks wrong is looked at again with extrapolated stencils either way (unless `refine` is false).',
  refine:
    'Turning it off makes a check cheaper and cruder: a coordinate is judged on its first-pass estimate alone.',
  nondeterminism:
    'gradcheck calls f twice at each sample point and fails on any difference, because a gradient check of a random function checks nothing. Allow a tiny relative difference for code whose summation order varies (threads, GPU).',
  precision:
    'Set it when gradcheck cannot see that f computes in float32, for example when f rounds internally but returns float64 values that do not all look like float32.',
  mode: "Directional mode compares directional derivatives along random unit directions instead of every coordinate, then localises the wrong coordinates when a direction disagrees: for models too big for a per-coordinate check. `'auto'` checks per coordinate while that mode's evaluations fit `maxEvaluations` and, at the cost of f measured by its first calls, 80% of `timeLimit`; a check that switched for time says so in a note of its report.",
  directions: 'More directions make directional mode likelier to see a bug that touches few coordinates.',
  maxEvaluations:
    "Under `mode: 'coordinate'` or `'directional'`, a cap: a check whose plan alone needs more fails before its first call, with a `'budget'` problem that says how to make it cheaper, and one that reaches the cap (refining many suspects) fails when it does. Under `mode: 'auto'` (the default) it decides the mode: per-coordinate while samples × (8 + 2 per coordinate) evaluations fit it, and then the second look at uncertain or suspect coordinates may go past it, so that a verdict never turns into a budget failure (`timeLimit` still bounds the check); directional beyond, capped. Raise it to keep big models on the per-coordinate check, lower it to switch to directional mode sooner.",
  timeLimit:
    "A check that runs out of time fails with a `'budget'` problem that says what it verified, where it stopped (sample, coordinate) and how to make it cheaper, before the 5 s default timeout of Vitest, Jest and Bun ends the test without a word. An async f or derivative whose Promise never settles fails the same way, naming the call that hung. Raise it (and the test's timeout above it) for a check that is slow on purpose; `configure({ timeLimit })` sets it for a suite. The clock is read every few calls of f, about once a millisecond of f's time: a synchronous check stops after the call of f in progress, so a limit is overrun by about a millisecond, or by one call of a slow f.",
  coordinates:
    'A cheap check of a big model: a seeded random subset, or the coordinates of one layer by their paths.',
};

function parse(files) {
  const list = Array.isArray(files) ? files : [files];
  const text = list.map((file) => readFileSync(join(repo, file), 'utf8')).join('\n');
  return ts.createSourceFile(list.at(-1), text, ts.ScriptTarget.Latest, true);
}

function find(node, predicate) {
  if (predicate(node)) return node;
  return ts.forEachChild(node, (child) => find(child, predicate));
}

function interfaceMembers(source, name) {
  const declaration = find(source, (n) => ts.isInterfaceDeclaration(n) && n.name.text === name);
  if (declaration === undefined) throw new Error(`${source.fileName}: no interface ${name}`);
  return declaration.members.filter(ts.isPropertySignature);
}

/** The options `configure()` takes: GlobalConfig is `Pick<CheckOptions, 'seed' | …>`. */
function globalConfigNames(source) {
  const alias = find(source, (n) => ts.isTypeAliasDeclaration(n) && n.name.text === 'GlobalConfig');
  const keys = alias?.type.typeArguments?.[1];
  if (keys === undefined) throw new Error(`${source.fileName}: GlobalConfig is not a Pick of CheckOptions`);
  const literals = ts.isUnionTypeNode(keys) ? keys.types : [keys];
  return literals.map((t) => t.literal.text);
}

/** The TSDoc text of a member, with inline code kept as written. */
function docOf(member) {
  const comment = ts.getJSDocCommentsAndTags(member).find(ts.isJSDoc)?.comment;
  if (comment === undefined) return '';
  return (typeof comment === 'string' ? comment : comment.map((part) => part.text).join('')).trim();
}

/** Splits a TSDoc comment into its meaning and its "Default …" sentence. */
function splitDefault(doc) {
  // "Default" up to the first period that ends a sentence (followed by a space or the end).
  const match = /(?:^|\s)(Default\b[\s\S]*?\.)(?=\s|$)/.exec(doc);
  if (match === null) return { meaning: doc, stated: undefined };
  const stated = match[1].replace(/^Default:?\s*/, '').replace(/\.$/, '');
  const meaning = `${doc.slice(0, match.index)} ${doc.slice(match.index + match[0].length)}`.replace(
    /\s+/g,
    ' ',
  );
  return { meaning: meaning.trim(), stated };
}

/**
 * The defaults the code applies: in `resolveOptions`, the last operand of each `a ?? b ?? default`,
 * resolved through the top-level constants of its module and of the defaults module. Only literal
 * defaults are returned.
 */
function codeDefaults() {
  const source = parse(OPTIONS);
  const constants = new Map();
  for (const module of [parse(DEFAULTS), source]) {
    for (const statement of module.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer) constants.set(d.name.text, d.initializer);
      }
    }
  }
  const literal = (node) => {
    while (ts.isParenthesizedExpression(node)) node = node.expression;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
      return literal(node.right);
    }
    if (ts.isConditionalExpression(node)) return literal(node.whenFalse);
    if (ts.isIdentifier(node) && constants.has(node.text)) return literal(constants.get(node.text));
    if (ts.isNumericLiteral(node)) return { value: Number(node.text.replace(/_/g, '')) };
    if (ts.isStringLiteral(node)) return { value: node.text };
    if (node.kind === ts.SyntaxKind.TrueKeyword) return { value: true };
    if (node.kind === ts.SyntaxKind.FalseKeyword) return { value: false };
    return undefined;
  };
  const resolve = find(source, (n) => ts.isFunctionDeclaration(n) && n.name?.text === 'resolveOptions');
  // The function's own last return, not one of a nested arrow function.
  const returned = resolve?.body?.statements.filter(ts.isReturnStatement).at(-1);
  const object = returned?.expression;
  const defaults = new Map();
  if (object === undefined || !ts.isObjectLiteralExpression(object)) return defaults;
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) continue;
    const found = literal(property.initializer);
    if (found !== undefined) defaults.set(property.name.text, found.value);
  }
  return defaults;
}

/**
 * A member's type with the aliases of src/types/ (inputs.ts, options.ts) written out (`Mode` → its union), so that the page
 * says what to pass. `X` stays: it is the type of the input.
 */
/** A union written out inside another type keeps its meaning only in parentheses: `readonly (A | B)[]`. */
function parenthesized(text) {
  return text.includes(' | ') ? `(${text})` : text;
}

function typeText(member, source) {
  const aliases = new Map();
  for (const statement of source.statements) {
    if (ts.isTypeAliasDeclaration(statement) && !statement.typeParameters) {
      aliases.set(statement.name.text, statement.type.getText(source).replace(/\s+/g, ' '));
    }
  }
  // A recursive alias (Params) is written out once and then stays a name.
  const expand = (text, seen = new Set()) =>
    text.replace(/\b[A-Z]\w+\b/g, (name) =>
      aliases.has(name) && !seen.has(name)
        ? parenthesized(expand(aliases.get(name), new Set([...seen, name])))
        : name,
    );
  return expand(member.type.getText(source).replace(/\s+/g, ' '));
}

function formatLiteral(value) {
  if (typeof value === 'string') return `\`'${value}'\``;
  // Round budgets read better grouped (2_000_000); a seed is an identifier and stays as it is.
  if (typeof value === 'number' && Math.abs(value) >= 1e5 && value % 1000 === 0) {
    return `\`${value.toLocaleString('en').replace(/,/g, '_')}\``;
  }
  return `\`${value}\``;
}

/** The values a default sentence states: its numbers, quoted words and booleans. */
function valuesIn(text) {
  const numbers = [...text.matchAll(/(?<![\w.])-?\d[\d_]*(?:\.\d+)?(?:e-?\d+)?(?![\w.])/g)].map((m) =>
    Number(m[0].replace(/_/g, '')),
  );
  const words = [...text.matchAll(/'(\w+)'/g)].map((m) => m[1]);
  const booleans = [...text.matchAll(/\b(true|false)\b/g)].map((m) => m[1] === 'true');
  return [...numbers, ...words, ...booleans];
}

/** The default to print, checked against the code: a stated number must be the code's number. */
function defaultOf(name, stated, code) {
  if (stated === undefined) return code === undefined ? '—' : formatLiteral(code);
  if (code !== undefined) {
    const statedValues = valuesIn(stated);
    if (!statedValues.includes(code)) {
      // A default stated in words ("a fixed seed") gets the code's value appended, not a contradiction.
      if (statedValues.length > 0)
        throw new Error(
          `${TYPES_NAME}: the TSDoc of ${name} says "Default ${stated}", but ${OPTIONS} applies ${JSON.stringify(code)}.`,
        );
      return `${stated} (${formatLiteral(code)})`;
    }
  }
  // A value that opens the sentence reads as code, like the defaults taken from the code.
  return stated.replace(/^(-?\d[\d._e-]*|true|false)(?=\s|$)/, '`$1`');
}

/** f(x) = Σ x² over every number in x, and its gradient 2x in the shape of x. */
function sumOfSquares(x) {
  if (typeof x === 'number') return x * x;
  const values = Array.isArray(x) || ArrayBuffer.isView(x) ? Array.from(x) : Object.values(x);
  return values.reduce((s, v) => s + sumOfSquares(v), 0);
}
function twice(x) {
  if (typeof x === 'number') return 2 * x;
  if (Array.isArray(x) || ArrayBuffer.isView(x)) return Array.from(x, twice);
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, twice(v)]));
}

async function runExamples(names) {
  const { checkGradient, formatReport } = await import(pathToFileURL(join(repo, 'dist/index.mjs')).href);
  for (const name of names) {
    for (const source of EXAMPLES[name] ?? []) {
      const options = new Function(`return (${source});`)();
      // With args, f takes one argument per template: the sum of squares of all of them.
      const report = options.args
        ? checkGradient(
            (...parts) => parts.reduce((s, part) => s + sumOfSquares(part), 0),
            (...parts) => parts.map(twice),
            options,
          )
        : checkGradient(sumOfSquares, twice, options);
      if (!report.pass) throw new Error(`the example of ${name}, ${source}, fails:\n${formatReport(report)}`);
    }
  }
}

/** Every option of CheckOptions, in the order of src/types/options.ts, with its type, meaning, default and examples. */
export async function optionRows() {
  const types = parse(TYPES);
  const members = interfaceMembers(types, 'CheckOptions');
  const names = members.map((m) => m.name.getText(types));
  const missing = names.filter((name) => EXAMPLES[name] === undefined);
  if (missing.length > 0) {
    throw new Error(`no example for ${missing.join(', ')}: add one to EXAMPLES in scripts/options-doc.mjs.`);
  }
  const stale = [...Object.keys(EXAMPLES), ...Object.keys(NOTES)].filter((name) => !names.includes(name));
  if (stale.length > 0)
    throw new Error(`examples of options CheckOptions no longer has: ${stale.join(', ')}.`);
  await runExamples(names);

  const code = codeDefaults();
  return members.map((member, i) => {
    const name = names[i];
    const { meaning, stated } = splitDefault(docOf(member));
    return {
      name,
      type: typeText(member, types),
      meaning,
      default: defaultOf(name, stated, code.get(name)),
      examples: EXAMPLES[name],
      note: NOTES[name],
    };
  });
}

export async function render() {
  const rows = await optionRows();
  const globals = globalConfigNames(parse(TYPES));

  const cell = (text) => text.replace(/\|/g, '\\|');
  const lines = [
    '# Options',
    '',
    '<!-- Generated by scripts/options-doc.mjs from CheckOptions in src/types/options.ts. Do not edit by hand: edit the',
    '     TSDoc there (or the examples in the script) and run `node scripts/options-doc.mjs`. -->',
    '',
    'Every check takes the same options, whether you call a matcher or the core:',
    '',
    '```ts',
    'expect(f).toHaveGradient(grad, options);',
    'expect(f).toHaveJacobian(jac, options);',
    'checkGradient(f, grad, options);',
    "expect(f).toHaveGradient(grad, eps, tol);          // the course's <eps, tol> pair",
    'expect(f).toHaveGradient(grad, eps, tol, options);',
    '```',
    '',
    'All options are optional. Without `points`, `like`, `dim` or `sample`, the input is a single number.',
    `\`configure({ ${globals.join(', ')} })\` from \`gradcheck\` sets defaults for every later check in the`,
    'process (for example in a test setup file); options given to a check win over it. An unknown option, or',
    'a value of the wrong kind, throws a `TypeError` that names it.',
    '',
    'The examples below are run by the script that writes this page, each as `checkGradient(f, grad, options)`',
    'with f = Σ x², and each passes.',
    '',
    '| option | type | default |',
    '| --- | --- | --- |',
    ...rows.map(
      (r) => `| [\`${r.name}\`](#${r.name.toLowerCase()}) | \`${cell(r.type)}\` | ${cell(r.default)} |`,
    ),
    '',
  ];
  for (const r of rows) {
    lines.push(`## \`${r.name}\``, '', r.meaning, '', `- type: \`${r.type}\``, `- default: ${r.default}`, '');
    if (r.note !== undefined) lines.push(r.note, '');
    lines.push('```ts', ...r.examples.map((e) => `expect(f).toHaveGradient(grad, ${e});`), '```', '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Writes `file` from `text`, or with `--check` tells whether it already holds exactly that. */
export function writeOrCheck(file, text, check, script) {
  const path = join(repo, file);
  let current;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = undefined;
  }
  if (check) {
    if (current !== text) {
      console.error(`${file} is out of date: run \`npm run build && node ${script}\`.`);
      return false;
    }
    return true;
  }
  if (current !== text) writeFileSync(path, text);
  console.log(`${file} ${current === text ? 'is up to date' : 'written'}`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ok = writeOrCheck(
    OUTPUT,
    await render(),
    process.argv.includes('--check'),
    'scripts/options-doc.mjs',
  );
  process.exitCode = ok ? 0 : 1;
}
