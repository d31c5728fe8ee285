#!/usr/bin/env node
// Prints a real failure of toHaveGradient as a user sees it: runs the runner fixture's "wrong backprop
// of a parameter dict" test (test/fixtures/runners) in a real Vitest (default) or Jest process and
// prints that test's failure block. The README's example output is pasted from this script.
//
//   npm run build && node scripts/failure-example.mjs [vitest|jest]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(repo, 'test/fixtures/runners');
const runner = process.argv[2] ?? 'vitest';
const TEST = 'FAIL wrong backprop of a parameter dict';

if (!existsSync(join(repo, 'dist/vitest.mjs')) || !existsSync(join(repo, 'dist/jest.cjs'))) {
  console.error('dist is missing: run `npm run build` first.');
  process.exit(2);
}
// The fixtures import 'gradcheck/vitest' and 'gradcheck/jest' by name, as a user's project would.
mkdirSync(join(fixtures, 'node_modules'), { recursive: true });
if (!existsSync(join(fixtures, 'node_modules/gradcheck'))) {
  symlinkSync('../../../..', join(fixtures, 'node_modules/gradcheck'), 'dir');
}

const commands = {
  vitest: ['node_modules/vitest/vitest.mjs', 'run', '--root', join(fixtures, 'vitest'), '-t', TEST],
  jest: [
    'node_modules/jest/bin/jest.js',
    '--config',
    join(fixtures, 'jest/jest.config.cjs'),
    '--rootDir',
    join(fixtures, 'jest'),
    '--ci',
    '-t',
    TEST,
  ],
};
if (!(runner in commands)) {
  console.error(`usage: node scripts/failure-example.mjs [vitest|jest], not ${runner}`);
  process.exit(2);
}
const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true' };
delete env.GRADCHECK_SEED;
const result = spawnSync(process.execPath, commands[runner], { cwd: repo, env, encoding: 'utf8' });
const lines = `${result.stdout}\n${result.stderr}`.split('\n');

// Vitest: from the " FAIL  file > … > test" header to the ⎯⎯[1/1]⎯ rule. Jest: from "● … › test" to the
// "at Object.<anonymous>" line under the code frame.
const start = lines.findIndex((line) =>
  runner === 'vitest' ? /^ FAIL .* > /.test(line) : line.includes('● '),
);
const end =
  runner === 'vitest'
    ? lines.findIndex((line, i) => i > start && /⎯\[\d+\/\d+\]⎯/.test(line))
    : lines.findIndex((line, i) => i > start && /^\s+at Object\.<anonymous>/.test(line)) + 1;
if (start < 0 || end <= start) {
  console.error(`no failure found in the ${runner} output:\n${lines.join('\n')}`);
  process.exit(1);
}
console.log(lines.slice(start, end).join('\n').trimEnd());
