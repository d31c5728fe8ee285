/**
 * Helpers of the integration tests: make the built package resolvable by name from the fixtures, and
 * run a real test runner on a fixture directory, once, with colours off, keeping what it printed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll } from 'vitest';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtures = join(repo, 'test/fixtures/runners');

const BUILT = [
  'dist/index.mjs',
  'dist/vitest.mjs',
  'dist/jest.cjs',
  'dist/jest.mjs',
  'dist/jest.d.mts',
  'dist/bun.mjs',
  'dist/bun.d.mts',
];

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds dist when it is missing (`npm test` builds first, so usually a no-op). Test files run in
 * parallel workers, so a lock directory keeps two builds from cleaning dist under each other.
 */
export function ensureBuilt(): void {
  const lock = join(repo, 'node_modules/.gradcheck-build-lock');
  for (let waited = 0; !BUILT.every((file) => existsSync(join(repo, file))); waited += 200) {
    try {
      mkdirSync(lock);
    } catch {
      // Another worker is building; a lock older than 2 minutes is left over from a killed run.
      if (waited > 120_000 || Date.now() - statSync(lock).mtimeMs > 120_000)
        rmSync(lock, { recursive: true });
      sleep(200);
      continue;
    }
    try {
      const build = spawnSync(process.execPath, [join(repo, 'node_modules/tsdown/dist/run.mjs')], {
        cwd: repo,
        encoding: 'utf8',
      });
      if (build.status !== 0) throw new Error(`building dist failed:\n${build.stdout}\n${build.stderr}`);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/**
 * Makes `gradcheck` resolve from the fixtures as from a user's project: a symlink
 * `test/fixtures/runners/node_modules/gradcheck` to the repository, so imports go through the
 * `exports` of package.json to dist.
 */
export function linkPackage(): void {
  const modules = join(fixtures, 'node_modules');
  mkdirSync(modules, { recursive: true });
  try {
    symlinkSync('../../../..', join(modules, 'gradcheck'), 'dir');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

export interface Run {
  status: number | null;
  /** stdout and stderr, one after the other. */
  output: string;
}

/** Runs a command from the repository root, without colours, as CI would, and without a seed override. */
export function run(args: string[]): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true' };
  delete env.GRADCHECK_SEED;
  // The root Vitest marks its workers; a nested Vitest must not believe it is one of them.
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  delete env.NODE_OPTIONS;
  const result = spawnSync(process.execPath, args, { cwd: repo, env, encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** The lines of `text` from the first one that contains `start` up to (not including) the first after it that matches `end`. */
export function section(text: string, start: string, end: RegExp): string {
  const lines = text.split('\n');
  const from = lines.findIndex((line) => line.includes(start));
  if (from < 0) throw new Error(`no section "${start}" in the output:\n${text}`);
  const length = lines.slice(from + 1).findIndex((line) => end.test(line));
  return lines.slice(from, length < 0 ? undefined : from + 1 + length).join('\n');
}

/** The changed lines of a diff (`-   "path": value`), as [sign, path, value]. */
export function changedLines(text: string): Array<[string, string, string]> {
  return [...text.matchAll(/^\s*([-+]) {3}"(.+?)": (.+?),?$/gm)].map((m) => [m[1]!, m[2]!, m[3]!]);
}

/** The unchanged lines of a diff (`    "path": value`), as [path, value]. */
export function contextLines(text: string): Array<[string, string]> {
  return [...text.matchAll(/^\s* {4}"(.+?)": (.+?),?$/gm)].map((m) => [m[1]!, m[2]!]);
}

/** A real Vitest run on the fixture directory `dir` (its own vitest.config). */
export function runVitest(dir: string, ...extra: string[]): Run {
  return run(['node_modules/vitest/vitest.mjs', 'run', '--root', dir, ...extra]);
}

/** A real Jest run on the fixture directory `dir`, with its jest.config.cjs, as CI runs it. */
export function runJest(dir: string, ...extra: string[]): Run {
  return run([
    'node_modules/jest/bin/jest.js',
    '--config',
    join(dir, 'jest.config.cjs'),
    '--rootDir',
    dir,
    '--ci',
    ...extra,
  ]);
}

/** One real runner's run of a fixture directory, and how to read a failing test's block of it. */
export interface RunnerView {
  name: 'Vitest' | 'Jest';
  output: () => Run;
  /** The block of the failing test `name` of the fixture's describe block. */
  failure: (name: string) => string;
}

/**
 * Runs the fixture directory `dir` with a real Vitest and a real Jest, once, before the calling file's
 * tests, whose fixtures group their tests in `describe(suite)`.
 */
export function vitestAndJest(dir: string, suite: string): [RunnerView, RunnerView] {
  let vitest: Run | undefined;
  let jest: Run | undefined;
  beforeAll(() => {
    ensureBuilt();
    linkPackage();
    vitest = runVitest(dir);
    jest = runJest(dir);
  });
  return [
    {
      name: 'Vitest',
      output: () => vitest!,
      failure: (name) => section(vitest!.output, `> ${suite} > ${name}`, /⎯⎯⎯\[\d+\/\d+\]⎯/),
    },
    {
      name: 'Jest',
      output: () => jest!,
      failure: (name) => section(jest!.output, `● ${suite} › ${name}`, /^\s*● |^(PASS|FAIL) |^Test Suites:/),
    },
  ];
}
