/**
 * The published artifact, consumed as a user would: `npm pack`, then `npm install --offline` of the
 * tarball into a fresh project (test/fixtures/artifact, copied to a temporary directory), where
 *   - a Vitest test (ESM) imports 'gradcheck/vitest' and 'gradcheck',
 *   - a Jest test (CommonJS) requires 'gradcheck/jest' from its setup file and 'gradcheck',
 *   - TypeScript compiles ESM (.mts) and CommonJS (.cts) consumers under `moduleResolution: node16`, and
 *     the compiled core consumers run under Node.
 * The runners and TypeScript come from this repository (symlinked into the project's node_modules, after
 * the install so that npm does not prune them); gradcheck comes from its tarball only.
 *
 * The install must not depend on the npm cache or the network: a fresh machine's cache is empty, and
 * `npm ci` does not put seedrandom's registry metadata there. So seedrandom, gradcheck's one dependency,
 * is packed from this repository's node_modules (the version the lockfile pins) and installed offline
 * beside gradcheck's tarball, into an empty cache of the test's own.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, type Run, repo } from './integration/runners.js';

const scratch = mkdtempSync(join(tmpdir(), 'gradcheck-artifact-'));
const project = join(scratch, 'consumer');
const modules = join(project, 'node_modules');

/** Runs a command in `cwd` as CI would: no colours, no seed override, no marks of the outer Vitest. */
function runIn(cwd: string, command: string, args: string[]): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true' };
  delete env.GRADCHECK_SEED;
  delete env.NODE_OPTIONS;
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** The paths in the tarball, as `package/…`. */
function listTarball(): string[] {
  const listing = runIn(scratch, 'tar', ['-tzf', tarball]);
  expect(listing.status, listing.output).toBe(0);
  return listing.output.split('\n').filter((line) => line.startsWith('package/'));
}

const node = process.execPath;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let tarball: string;

beforeAll(() => {
  ensureBuilt();
  const pack = runIn(repo, npm, ['pack', '--pack-destination', scratch, '--silent']);
  expect(pack.status, pack.output).toBe(0);
  tarball = readdirSync(scratch).find((name) => /^gradcheck-.*\.tgz$/.test(name))!;
  expect(tarball, pack.output).toBeDefined();
  const dependency = runIn(repo, npm, [
    'pack',
    join(repo, 'node_modules/seedrandom'),
    '--pack-destination',
    scratch,
    '--silent',
  ]);
  expect(dependency.status, dependency.output).toBe(0);
  const seedrandom = readdirSync(scratch).find((name) => /^seedrandom-.*\.tgz$/.test(name))!;
  expect(seedrandom, dependency.output).toBeDefined();

  cpSync(join(repo, 'test/fixtures/artifact'), project, { recursive: true });
  const install = runIn(project, npm, [
    'install',
    '--offline',
    '--no-audit',
    '--no-fund',
    `--cache=${join(scratch, 'npm-cache')}`,
    join(scratch, tarball),
    join(scratch, seedrandom),
  ]);
  expect(install.status, install.output).toBe(0);
  // gradcheck's own dependency edge must be met by what was installed, not merely present.
  const tree = runIn(project, npm, ['ls', '--all', '--offline']);
  expect(tree.status, tree.output).toBe(0);
  expect(tree.output).toMatch(/gradcheck@[\d.]+\n(?:│ [^\n]*\n)*│ [├└]── seedrandom@[\d.]+ deduped/);
  // The runners and their typings, from this repository (a Jest project has @types/node through jest):
  // only gradcheck must come from the tarball.
  for (const name of ['vitest', 'jest', 'expect', '@jest/globals', '@types/node']) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(repo, 'node_modules', name), join(modules, name), 'dir');
  }
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the tarball', () => {
  test('holds the built package, its docs and examples: package.json, README, dist, docs, examples', () => {
    const files = listTarball();
    expect(files).toContain('package/package.json');
    expect(files).toContain('package/dist/index.mjs');
    expect(files).toContain('package/dist/jest.cjs');
    expect(files).toContain('package/dist/vitest.d.mts');
    for (const file of files)
      expect(file).toMatch(/^package\/(package\.json|README\.md|LICENSE(\.md)?|(dist|docs|examples)\/.+)$/);
    expect(files.filter((file) => file.includes('node_modules'))).toEqual([]);
  });

  // npm shows the README of the tarball; a link to a file the tarball lacks is dead there.
  test('every relative link of the README and of docs/ points to a file in the tarball', () => {
    const files = new Set(listTarball());
    const dirs = new Set(
      [...files].flatMap((file) =>
        file
          .split('/')
          .slice(1, -1)
          .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
      ),
    );
    const pages = [...files].filter((file) => /^package\/(README\.md|docs\/.+\.md)$/.test(file));
    expect(pages.length).toBeGreaterThan(5);
    const dead: string[] = [];
    for (const page of pages) {
      const text = readFileSync(join(repo, page.slice('package/'.length)), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue;
        const resolved = posix.normalize(posix.join(posix.dirname(page), target!)).replace(/\/$/, '');
        if (!files.has(resolved) && !dirs.has(resolved.slice('package/'.length)))
          dead.push(`${page} → ${target}`);
      }
    }
    expect(dead).toEqual([]);
  });

  test('installs offline into a real directory, with seedrandom as its only dependency', () => {
    expect(lstatSync(join(modules, 'gradcheck')).isSymbolicLink()).toBe(false);
    expect(existsSync(join(modules, 'gradcheck/dist/index.mjs'))).toBe(true);
    expect(existsSync(join(modules, 'gradcheck/src'))).toBe(false);
    expect(existsSync(join(modules, 'seedrandom/package.json'))).toBe(true);
  });
});

describe('consumers of the installed package', () => {
  test('a Vitest test (ESM) with gradcheck/vitest', () => {
    const vitest = runIn(project, node, [join(modules, 'vitest/vitest.mjs'), 'run']);
    expect(vitest.status, vitest.output).toBe(0);
    expect(vitest.output).toMatch(/Tests {2}5 passed \(5\)/);
  });

  test('a Jest test (CommonJS) with gradcheck/jest', () => {
    const jest = runIn(project, node, [join(modules, 'jest/bin/jest.js'), '--ci']);
    expect(jest.status, jest.output).toBe(0);
    expect(jest.output).toMatch(/Tests: {7}5 passed, 5 total/);
  });

  // Two programs, as two projects would have them: the Vitest and Jest augmentations of `expect` are not
  // meant to meet in one program. skipLibCheck is off, so that gradcheck's own .d.ts files are checked.
  test.each([
    ['an ESM (.mts) consumer of gradcheck/vitest', 'esm', 'ts/out/core.mjs'],
    ['a CommonJS (.cts) consumer of gradcheck/jest', 'cjs', 'ts/out/core.cjs'],
  ])('TypeScript (node16) compiles %s, misuse is a type error, and it runs', (_, format, output) => {
    const tsc = runIn(project, node, [
      join(repo, 'node_modules/typescript/bin/tsc'),
      '-p',
      `ts/tsconfig.${format}.json`,
    ]);
    expect(tsc.output.trim(), tsc.output).toBe('');
    expect(tsc.status).toBe(0);
    const ran = runIn(project, node, [output]);
    expect(ran.status, ran.output).toBe(0);
    const printed = JSON.parse(ran.output.trim().split('\n')[0]!) as { format: string; pass: boolean };
    expect(printed).toMatchObject({ format, pass: true });
  });
});
