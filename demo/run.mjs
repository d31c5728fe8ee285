// npm run demo: a real Vitest run of examples/vitest/network.test.ts, the deep-learning course's 3-layer
// network checked with its correct backprop and with the course's buggy one (dW2 × 2, db1 with 4/m).
// Vitest's output is shown as it comes. The buggy test fails, and that failure is the point of the demo:
// this script exits 0 when the run went exactly as expected, and 1 otherwise.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const example = 'examples/vitest';
const testFile = 'network.test.ts';
/** The test that must fail, and the tensors its failure may name: the two the course's bugs touch. */
const BUGGY_TEST = "the course's buggy backprop, dW2 × 2 and db1 with 4/m (fails on purpose)";
const BUGGY_TENSORS = ['W2', 'b1'];

/** Runs Vitest, echoing what it prints, and resolves with its exit code and its JSON report. */
async function runVitest() {
  const scratch = mkdtempSync(join(tmpdir(), 'gradcheck-demo-'));
  const jsonFile = join(scratch, 'results.json');
  const env = { ...process.env };
  // Colours when a person watches; plain text when the output goes to a file or a test.
  if (env.NO_COLOR === undefined && env.FORCE_COLOR === undefined) {
    if (process.stdout.isTTY) env.FORCE_COLOR = '1';
    else env.NO_COLOR = '1';
  }
  // A seed in the environment would move the random samples of the other tests; the demo shows the defaults.
  delete env.GRADCHECK_SEED;
  const args = [vitest, 'run', '--root', example, testFile, '--reporter=default', '--reporter=json'];
  args.push(`--outputFile.json=${jsonFile}`);
  console.log(`$ vitest run --root ${example} ${testFile}`);
  const child = spawn(process.execPath, args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const echo = (stream, target) => {
    let pending = '';
    const write = (lines) => {
      // The JSON report is the demo's own bookkeeping, in a temporary file: not worth a line.
      const shown = lines.filter((line) => !stripAnsi(line).startsWith('JSON report written to'));
      if (shown.length > 0) target.write(`${shown.join('\n')}\n`);
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      write(lines);
    });
    stream.on('end', () => {
      if (pending !== '') write([pending]);
    });
  };
  // One stream, in the order Vitest printed it, so that `npm run demo > file` keeps the whole story.
  echo(child.stdout, process.stdout);
  echo(child.stderr, process.stdout);
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  try {
    return { code, results: JSON.parse(readFileSync(jsonFile, 'utf8')) };
  } catch (error) {
    return { code, results: undefined, error };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const ESCAPE = String.fromCharCode(27);
const stripAnsi = (text) => text.replaceAll(new RegExp(`${ESCAPE}\\[[0-9;]*m`, 'g'), '');

/** The tensor names of the coordinates a failure lists, in its table or its diff: `W2[1][3]` → `W2`. */
function namedTensors(message) {
  const paths = [...stripAnsi(message).matchAll(/^[\s+-]*"?([A-Za-z_$][\w$]*)(?:\[\d+\])+"?[\s:]/gm)];
  return new Set(paths.map((m) => m[1]));
}

/** What went wrong, or an empty list when the run is exactly what the demo expects. */
function unexpected({ code, results, error }) {
  if (results === undefined) return [`Vitest wrote no JSON report (${error})`];
  const tests = results.testResults.flatMap((file) => file.assertionResults);
  const problems = [];
  if (code !== 1) problems.push(`Vitest exited with ${code}, not 1 (one failing test)`);
  const buggy = tests.find((t) => t.title === BUGGY_TEST);
  if (buggy === undefined) problems.push(`no test named "${BUGGY_TEST}"`);
  else if (buggy.status !== 'failed') problems.push(`"${BUGGY_TEST}" did not fail`);
  for (const t of tests.filter((t) => t !== buggy && t.status !== 'passed')) {
    problems.push(`"${t.title}" ${t.status}, but it checks a correct gradient`);
  }
  if (buggy?.status === 'failed') {
    const named = [...namedTensors(buggy.failureMessages.join('\n'))];
    if (named.sort().join() !== [...BUGGY_TENSORS].sort().join()) {
      problems.push(`the failure names ${named.join(', ') || 'no coordinates'}, not exactly W2 and b1`);
    }
  }
  return problems;
}

const started = performance.now();
const run = await runVitest();
const problems = unexpected(run);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (problems.length > 0) {
  console.error('\ndemo: the run did not go as expected:');
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log(
  `\nDemo finished as expected in ${seconds} s: the correct backprop passed, and the course's buggy backprop ` +
    `failed naming only W2 and b1 coordinates. That failure is the point of the demo, so it exits 0.`,
);
