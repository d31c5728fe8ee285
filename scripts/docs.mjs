// Fills the generated parts of docs/guide.md, docs/troubleshooting.md, docs/numerics.md, docs/tfjs.md and
// the README, so that every output and every number in them comes from running the code, not from
// typing. The pages mark what this script owns:
//
//   <!-- gen:NAME -->…<!-- /gen -->      replaced by the value NAME below (a block, or a value inline)
//   <!-- run:NAME --> then a ```js block  the block is run; what it logs fills <!-- gen:NAME -->
//
//   <!-- gen:file:PATH -->…<!-- /gen -->  replaced by the file PATH of the repository, as a code block
//
// A `run` block is an ES module as a reader would write it next to the page: its imports of 'gradcheck'
// and 'gradcheck/…' go to the built package, relative imports resolve from docs/, and other packages
// (TensorFlow.js) resolve from the repository. What it logs with console.log is shown, usually
// formatReport(report): the same text a failing matcher prints above its diff.
//
//   node scripts/docs.mjs           rewrite the pages
//   node scripts/docs.mjs --check   exit 1 when a page is not what this script writes
//
// Needs a build (npm run build).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { optionRows, writeOrCheck } from './options-doc.mjs';
import { errorsAtSteps, workedNumbers } from './plot-error-vs-step.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
// The pages show what a check does by default: a seed from the environment would change every output.
delete process.env.GRADCHECK_SEED;
const PAGES = ['docs/guide.md', 'docs/troubleshooting.md', 'docs/numerics.md', 'docs/tfjs.md', 'README.md'];
const built = pathToFileURL(join(repo, 'dist/index.mjs')).href;
const gradcheck = await import(built);
const packageJson = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

/** A real Vitest run of an example's test file, as a user sees its one failure (without colours). */
function exampleFailure(root, file) {
  const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true' };
  delete env.GRADCHECK_SEED;
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  const run = spawnSync(process.execPath, [vitest, 'run', '--root', root, file], {
    cwd: repo,
    env,
    encoding: 'utf8',
  });
  const lines = `${run.stdout}\n${run.stderr}`.split('\n');
  const from = lines.findIndex((line) => line.startsWith(` FAIL  ${file}`));
  const to = lines.findIndex((line, i) => i > from && /^⎯+\[\d+\/\d+\]⎯$/.test(line));
  if (from < 0 || to < 0) throw new Error(`no failure in the Vitest run of ${root}:\n${lines.join('\n')}`);
  return fence('text', lines.slice(from, to).join('\n').trimEnd());
}

/** The course's network example failing in Vitest. */
const networkFailure = () => exampleFailure('examples/vitest', 'network.test.ts');

/** The README's failure: a real Vitest run of the runner fixture's wrong backprop of a parameter dict. */
function readmeFailure() {
  const run = spawnSync(process.execPath, [join(repo, 'scripts/failure-example.mjs')], {
    cwd: repo,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`scripts/failure-example.mjs failed:\n${run.stdout}\n${run.stderr}`);
  return fence('text', run.stdout.trimEnd());
}

let rows;
/** The default of an option, as docs/options.md states it. */
async function optionDefault(name) {
  rows ??= optionRows();
  const row = (await rows).find((r) => r.name === name);
  if (row === undefined) throw new Error(`no option ${name} in CheckOptions`);
  return row.default;
}

/** Where the guide shows the first-pass step of each precision. */
const STEP_AT = 0.5;

/** The first-pass step at STEP_AT, in a precision: ∛ε·max(1, |x|) in float64 and float32. */
function firstStep(precision) {
  const x = precision === 'float32' ? new Float32Array([STEP_AT]) : [STEP_AT];
  const report = gradcheck.checkGradient(
    (p) => p[0] * p[0],
    (p) => [2 * p[0]],
    { points: [x], refine: false },
  );
  if (report.settings.precision !== precision) throw new Error(`expected a ${precision} check`);
  return `\`${report.samples[0].coordinates[0].step.toExponential(2)}\``;
}

/** A numeric constant of the source, `const NAME = 3;` in FILE, for `gen:const:FILE:NAME`. */
function sourceConstant(file, name) {
  const source = readFileSync(join(repo, file), 'utf8');
  const match = new RegExp(`const ${name} = ([\\d_.e-]+);`).exec(source);
  if (match === null) throw new Error(`${file} has no numeric constant ${name}`);
  return match[1];
}

/** Decimal digits of a binary significand of `bits` bits. */
const digits = (bits) => String(Math.round(bits * Math.log10(2)));

/** Dimension of the cost table's f. */
const COST_DIM = 2000;

/** Evaluations of f for Σ x² in COST_DIM dimensions, per-coordinate and the cheaper ways. */
function costTable() {
  const f = (x) => x.reduce((s, v) => s + v * v, 0);
  const grad = (x) => x.map((v) => 2 * v);
  const rows = [
    `{ dim: ${COST_DIM} }`,
    `{ dim: ${COST_DIM}, coordinates: 50 }`,
    `{ dim: ${COST_DIM}, mode: 'directional' }`,
    `{ dim: ${COST_DIM}, maxEvaluations: 5000 }`,
  ].map((source) => {
    const report = gradcheck.checkGradient(f, grad, new Function(`return (${source});`)());
    if (!report.pass) throw new Error(`${source} fails`);
    return `| \`${source}\` | ${report.mode} | ${report.evaluations} |`;
  });
  return ['| options | mode | evaluations of f (3 samples) |', '| --- | --- | --- |', ...rows].join('\n');
}

/** analytic / numeric of the buggy network's W2 or b1 entries: the factor of the course's bug. */
async function bugFactor(tensor) {
  const network = await import(pathToFileURL(join(repo, 'examples/network/network.mjs')).href);
  const report = gradcheck.checkGradient(network.cost, network.buggyBackprop, {
    points: [network.initParams()],
  });
  const ratios = report.samples[0].coordinates
    .filter((c) => c.path.startsWith(`${tensor}[`))
    .map((c) => c.analytic / c.numeric);
  const factor = Number(ratios[0].toPrecision(3));
  if (!ratios.every((r) => Math.abs(r - factor) < 1e-3 * factor)) throw new Error(`${tensor}: ratios differ`);
  return String(factor);
}

/** The reproduction line of a failing check with the default seed, as every report ends. */
function reproduction() {
  const report = gradcheck.checkGradient(
    (x) => x[0] * x[0],
    (x) => [3 * x[0]],
    { dim: 1 },
  );
  const line = gradcheck.formatReport(report).split('\n').at(-1).trim();
  if (!line.startsWith('reproduce: '))
    throw new Error(`the last line of a report is not its reproduction line: ${line}`);
  return { line, seed: report.seed };
}

const VALUES = {
  'node-version': () => `\`${packageJson.engines.node}\``,
  'peer-vitest': () => `\`${packageJson.peerDependencies.vitest}\``,
  'peer-jest': () => `\`${packageJson.peerDependencies.jest}\``,
  'peer-expect': () => `\`${packageJson.peerDependencies.expect}\``,
  'factor-W2': () => bugFactor('W2'),
  'factor-b1': () => bugFactor('b1'),
  'network-failure': networkFailure,
  'tfjs-failure': () => exampleFailure('examples/tfjs', 'tfjs.test.mjs'),
  'readme-failure': readmeFailure,
  'worked-forward': () => String(workedNumbers().forward),
  'worked-central': () => String(workedNumbers().central),
  'step-cbrt-float64': () => workedNumbers().eps.toExponential(3),
  'step-cbrt-float32': () => workedNumbers().epsFloat32.toExponential(3),
  'error-exp': () => errorsAtSteps()[0].atDefault.toExponential(1),
  'error-sin': () => errorsAtSteps()[1].atDefault.toExponential(1),
  'error-log': () => errorsAtSteps()[2].atDefault.toExponential(1),
  'default-samples': () => optionDefault('samples'),
  'default-domain': () => optionDefault('domain'),
  'default-seed': async () =>
    `\`${
      gradcheck.checkGradient(
        (x) => x * x,
        (x) => 2 * x,
      ).seed
    }\``,
  'default-tol': () => optionDefault('tol'),
  'step-float64': () => firstStep('float64'),
  'step-float32': () => firstStep('float32'),
  'step-x': () => String(STEP_AT),
  'digits-float32': () => digits(24),
  'digits-float64': () => digits(53),
  'cost-table': costTable,
  'cost-dim': () => String(COST_DIM),
  'reproduce-line': () => `\`${reproduction().line}\``,
  'reproduce-command': () => `\`GRADCHECK_SEED=${reproduction().seed} npx vitest run -t "name of the test"\``,
};

function fence(language, text) {
  return `\`\`\`${language}\n${text}\n\`\`\``;
}

/**
 * Turns the static imports of a block into dynamic ones, so that it runs as a function body: 'gradcheck'
 * is the built package, 'gradcheck/tfjs' its entry point through package.json's exports (as a user's
 * import resolves it), a relative path is resolved from the page's directory, and any other package
 * from the repository's node_modules. Named, namespace (`* as tf`) and bare (`import 'x'`) imports.
 */
function dynamicImports(code, page) {
  const url = (specifier) =>
    JSON.stringify(
      specifier === 'gradcheck'
        ? built
        : specifier.startsWith('.')
          ? pathToFileURL(resolve(repo, dirname(page), specifier)).href
          : import.meta.resolve(specifier),
    );
  return code
    .replace(
      /^import (\{[^}]*\}) from '([^']+)';$/gm,
      (_, names, specifier) => `const ${names.replace(/ as /g, ': ')} = await import(${url(specifier)});`,
    )
    .replace(
      /^import \* as ([\w$]+) from '([^']+)';$/gm,
      (_, name, specifier) => `const ${name} = await import(${url(specifier)});`,
    )
    .replace(/^import '([^']+)';$/gm, (_, specifier) => `await import(${url(specifier)});`);
}

/** Runs a ```js block of a page and returns what it logged. */
async function runBlock(name, code, page) {
  const logged = [];
  const log = (...parts) =>
    logged.push(parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' '));
  const AsyncFunction = (async () => {}).constructor;
  const body = new AsyncFunction('console', dynamicImports(code, page));
  try {
    await body({ log });
  } catch (error) {
    throw new Error(`${page}: the block run:${name} threw: ${error.stack}`);
  }
  if (logged.length === 0) throw new Error(`${page}: the block run:${name} logged nothing`);
  return fence('text', logged.join('\n\n'));
}

/** A file of the repository as a code block, so that the page shows the code the tests run. */
function includeFile(path) {
  const language =
    { '.ts': 'ts', '.mjs': 'js', '.cjs': 'js', '.js': 'js', '.json': 'json' }[extname(path)] ?? 'text';
  return fence(language, readFileSync(join(repo, path), 'utf8').trimEnd());
}

const GENERATED = /<!-- gen:([\w./:-]+) -->([\s\S]*?)<!-- \/gen -->/g;
const RUNNABLE = /<!-- run:([\w-]+) -->\n```js\n([\s\S]*?)```/g;

async function renderPage(text, page) {
  const outputs = new Map();
  for (const [, name, code] of text.matchAll(RUNNABLE)) outputs.set(name, await runBlock(name, code, page));
  const values = new Map();
  for (const [, name] of text.matchAll(GENERATED)) {
    if (outputs.has(name)) values.set(name, outputs.get(name));
    else if (name.startsWith('file:')) values.set(name, includeFile(name.slice('file:'.length)));
    else if (name.startsWith('const:'))
      values.set(name, sourceConstant(...name.slice('const:'.length).split(':')));
    else if (VALUES[name] !== undefined) values.set(name, await VALUES[name]());
    else throw new Error(`${page}: nothing generates <!-- gen:${name} -->`);
  }
  for (const name of outputs.keys()) {
    if (!text.includes(`<!-- gen:${name} -->`))
      throw new Error(`${page}: run:${name} has no <!-- gen:${name} -->`);
  }
  return text.replace(GENERATED, (_, name, old) => {
    const value = values.get(name);
    // A block stays a block (on its own lines); an inline value stays inline.
    return old.startsWith('\n')
      ? `<!-- gen:${name} -->\n${value}\n<!-- /gen -->`
      : `<!-- gen:${name} -->${value}<!-- /gen -->`;
  });
}

export async function renderAll() {
  const pages = new Map();
  for (const page of PAGES) pages.set(page, await renderPage(readFileSync(join(repo, page), 'utf8'), page));
  return pages;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let ok = true;
  for (const [page, text] of await renderAll())
    ok = writeOrCheck(page, text, check, 'scripts/docs.mjs') && ok;
  process.exitCode = ok ? 0 : 1;
}
