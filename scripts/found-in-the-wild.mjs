// Fills the generated parts of docs/found-in-the-wild.md, the page of real bugs that gradcheck finds in
// real libraries, so that every output on it comes from running the code it shows. The page marks what
// this script owns:
//
//   <!-- wild-run:NAME --> then a ```js block   the block is run; what it logs fills <!-- wild:NAME -->
//   <!-- wild:NAME -->…<!-- /wild:NAME -->      replaced by that output, as a ```text block
//   <!-- wild:version:PACKAGE -->…<!-- /wild:version:PACKAGE -->   the installed version of PACKAGE
//
// A block is an ES module as a reader would write it in a project that has gradcheck and the library
// installed: its imports resolve from this repository (`gradcheck` is the built package). What it logs
// with console.log is shown, usually formatReport(report). Each block's output must still show what the
// page's analysis says it shows (EXPECT below): a library or gradcheck change that makes a finding go
// away fails --check with the name of the entry to reread, instead of quietly rewriting its output.
//
//   node scripts/found-in-the-wild.mjs           rewrite the page
//   node scripts/found-in-the-wild.mjs --check   exit 1 when the page is not what this script writes
//
// Needs a build (npm run build).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeOrCheck } from './options-doc.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
// The page shows what a check does by default: a seed from the environment would change every output.
delete process.env.GRADCHECK_SEED;
const PAGE = 'docs/found-in-the-wild.md';
const require = createRequire(import.meta.url);
const packageJson = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

/**
 * What each block's output must show for the page's analysis of it to hold. These are the claims of the
 * prose, checked on every run: the verdict, and the shape of the disagreement that the analysis explains.
 */
const EXPECT = {
  acoth: [
    /^derivative\('acoth\(x\)', 'x'\) = -\(1 \/ \(1 - x \^ 2\)\)$/m,
    /^derivative\('atanh\(x\)', 'x'\) = 1 \/ \(1 - x \^ 2\)$/m,
    /^gradient check failed: the only coordinate disagrees in sample 1 of 3, and in sample 2, sample 3$/m,
    /^ {2}pattern: .*every entry is −1 × the numeric value/m,
  ],
  // Where the label is 0, TensorFlow.js's gradient is 1/Σ y = 1/2 of the loss's; the normalized row passes.
  softmax: [
    /^gradient check failed: 4 of 4 coordinates disagree/m,
    /^ {2}x\[1\] +1 +(?:\S+ +){3}0\.5 /m,
    /^ {2}x\[3\] +1 +(?:\S+ +){3}0\.5 /m,
    /^gradient check passed: /m,
    /^tensors left: 0$/m,
  ],
  regression: [
    /^gradient check failed: 26 of 26 coordinates disagree/m,
    /the whole gradient: every entry is 1\/4 × the numeric value \(78 of 78 entries/,
  ],
  // Every cross term is off by a_j/a_i: no one factor; the same loop with a_i·a_j passes.
  lrn: [
    /^gradient check failed: 5 of 5 coordinates disagree/m,
    /^gradient check passed: all 5 coordinates agree/m,
  ],
  dropout: [
    /^gradient check failed: 4 of 4 coordinates disagree/m,
    /the whole gradient: every entry is 2 × the numeric value \(12 of 12 entries/,
  ],
  'jstat-normal': [
    /^gradient check failed: the only coordinate disagrees in sample 2 of 2$/m,
    /problem: f returned 0 at every point of sample 2/,
    /^jStat's normal\.cdf is exactly 0 for x ≤ -8\.\d+$/m,
  ],
  'nerdamer-atan2': [
    /^diff\('atan2\(y, x\)', 'x'\) = 0$/m,
    /^diff\('atan2\(y, x\)', 'y'\) = \(x\^2\+y\^2\)\^\(-1\)\*x$/m,
    /^gradient check failed: 1 of 2 coordinates disagree in sample 1 of 3, and in sample 2 \(1\), sample 3 \(1\)$/m,
    /^ {2}pattern: x: every entry is 0 in the analytic gradient/m,
    /^ {2}blocks: x: 1 of 1 entries disagree; y: 0 of 1$/m,
  ],
  // analytic − numeric = sign(x): an error of exactly 1 in every row.
  'simplegrad-sign': [
    /^gradient check failed: the only coordinate disagrees in sample 1 of 3, and in sample 2, sample 3$/m,
    /(?:^ {2}x +\d +(?:\S+ +){4}1\.00e\+0 +\S+\n){3}/m,
  ],
};

/** A package's installed version, which must be the exact version package.json pins. */
function version(name) {
  const pinned = packageJson.devDependencies[name];
  const installed = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
  if (pinned !== installed)
    throw new Error(`${name}: package.json pins ${pinned}, node_modules has ${installed} (run npm ci)`);
  return `\`${installed}\``;
}

function fence(language, text) {
  return `\`\`\`${language}\n${text}\n\`\`\``;
}

/**
 * Turns the static imports of a block into dynamic ones, so that it runs as a function body: every
 * specifier resolves from this script, as from a file of the repository (`gradcheck` is the package
 * itself, through its exports, so the built dist).
 */
function dynamicImports(code, name) {
  return code.replace(/^import (?:(.+?) from )?'([^']+)';$/gm, (line, clause, specifier) => {
    const url = JSON.stringify(import.meta.resolve(specifier));
    if (clause === undefined) return `await import(${url});`;
    if (clause.startsWith('{')) return `const ${clause.replace(/ as /g, ': ')} = await import(${url});`;
    const namespace = /^\* as (\w+)$/.exec(clause);
    if (namespace) return `const ${namespace[1]} = await import(${url});`;
    if (/^\w+$/.test(clause)) return `const ${clause} = (await import(${url})).default;`;
    throw new Error(`wild-run:${name}: cannot run the import ${line}`);
  });
}

/**
 * TensorFlow.js greets Node with advice to install tfjs-node, on stderr, on the first tensor it writes.
 * A reader sees it once; the page does not show it, and --check would count it as output.
 */
const GREETING = 'looks like you are running TensorFlow.js in Node.js';

/** Runs a ```js block of the page and returns what it logged. */
async function runBlock(name, code) {
  const logged = [];
  const log = (...parts) =>
    logged.push(parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' '));
  const AsyncFunction = (async () => {}).constructor;
  const body = new AsyncFunction('console', dynamicImports(code, name));
  const warn = console.warn;
  console.warn = (...parts) => {
    if (!parts.some((p) => String(p).includes(GREETING))) warn(...parts);
  };
  try {
    await body({ log });
  } catch (error) {
    throw new Error(`${PAGE}: the block wild-run:${name} threw: ${error.stack}`);
  } finally {
    console.warn = warn;
  }
  if (logged.length === 0) throw new Error(`${PAGE}: the block wild-run:${name} logged nothing`);
  const text = logged.join('\n\n');
  const expected = EXPECT[name];
  if (expected === undefined) throw new Error(`wild-run:${name}: add what its output must show to EXPECT`);
  const missing = expected.filter((pattern) => !pattern.test(text));
  if (missing.length > 0)
    throw new Error(
      `${PAGE}: the output of wild-run:${name} no longer shows ${missing.join(', ')}. ` +
        `Reread that entry: the library or gradcheck changed, and its analysis may no longer hold.\n${text}`,
    );
  return fence('text', text);
}

const RUNNABLE = /<!-- wild-run:([\w-]+) -->\n```js\n([\s\S]*?)```/g;
const GENERATED = /<!-- wild:([\w@./:-]+) -->([\s\S]*?)<!-- \/wild:\1 -->/g;

export async function render() {
  const text = readFileSync(join(repo, PAGE), 'utf8');
  const outputs = new Map();
  for (const [, name, code] of text.matchAll(RUNNABLE)) {
    if (outputs.has(name)) throw new Error(`${PAGE}: two blocks wild-run:${name}`);
    outputs.set(name, await runBlock(name, code));
  }
  const values = new Map();
  for (const [, name] of text.matchAll(GENERATED)) {
    if (outputs.has(name)) values.set(name, outputs.get(name));
    else if (name.startsWith('version:')) values.set(name, version(name.slice('version:'.length)));
    else throw new Error(`${PAGE}: nothing generates <!-- wild:${name} -->`);
  }
  for (const name of outputs.keys())
    if (!values.has(name)) throw new Error(`${PAGE}: wild-run:${name} has no <!-- wild:${name} -->`);
  for (const name of Object.keys(EXPECT))
    if (!outputs.has(name)) throw new Error(`EXPECT names ${name}, which the page does not run`);
  return text.replace(GENERATED, (_, name, old) => {
    const value = values.get(name);
    // A block stays a block (on its own lines); an inline value stays inline.
    return old.startsWith('\n')
      ? `<!-- wild:${name} -->\n${value}\n<!-- /wild:${name} -->`
      : `<!-- wild:${name} -->${value}<!-- /wild:${name} -->`;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const ok = writeOrCheck(PAGE, await render(), check, 'scripts/found-in-the-wild.mjs');
  process.exitCode = ok ? 0 : 1;
}
