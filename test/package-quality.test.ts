/**
 * What a user installs: package.json and the built dist. No install scripts, one runtime dependency,
 * nothing that reaches the network or evaluates strings as code, and package metadata that publint and
 * "are the types wrong" (attw) find correct for ESM and CJS consumers alike. Both tools run offline: they
 * pack the local directory and read the tarball.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, repo, run } from './integration/runners.js';

interface PackageJson {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  files?: string[];
  exports?: Record<string, unknown>;
}

const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as PackageJson;

/** npm runs these on install (prepare: on install from git); a test helper has no business running code there. */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish'];

function files(dir: string, pattern: RegExp): Array<{ path: string; text: string }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => pattern.test(name))
    .map((name) => ({ path: join(dir, name), text: readFileSync(join(dir, name), 'utf8') }));
}

/** The modules a file imports or requires, relative ones excluded. */
function bareSpecifiers(text: string): string[] {
  const found = [
    ...text.matchAll(/(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^import\s+)["']([^"']+)["']/gm),
  ];
  return found.map((m) => m[1]!).filter((s) => !s.startsWith('.'));
}

const EVAL = /\beval\s*\(|\bnew\s+Function\b|(?<![\w$.])Function\s*\(/;
const NETWORK =
  /\bfetch\s*\(|\bXMLHttpRequest\b|\bWebSocket\b|\bEventSource\b|["'](?:node:)?(?:http|https|http2|net|tls|dgram|dns|child_process|worker_threads)["']/;

describe('package.json', () => {
  test('has no install scripts', () => {
    const present = INSTALL_SCRIPTS.filter((name) => pkg.scripts?.[name] !== undefined);
    expect(present).toEqual([]);
  });

  test('has exactly one runtime dependency, seedrandom, pinned', () => {
    expect(pkg.dependencies).toEqual({ seedrandom: '3.0.5' });
  });

  test('every peer dependency (the test runners, TF.js) is optional, so none is installed for the user', () => {
    const peers = Object.keys(pkg.peerDependencies ?? {});
    expect(peers.sort()).toEqual(['@tensorflow/tfjs-core', 'expect', 'jest', 'vitest']);
    for (const peer of peers) expect(pkg.peerDependenciesMeta?.[peer]?.optional, peer).toBe(true);
  });

  // docs and examples too, so that the README's links resolve in the tarball that npm shows.
  test('publishes dist, docs and examples, through exports for ".", "./vitest", "./jest", "./bun" and "./tfjs"', () => {
    expect(pkg.files).toEqual(['dist', 'docs', 'examples', '!examples/**/node_modules']);
    expect(Object.keys(pkg.exports ?? {}).sort()).toEqual([
      '.',
      './bun',
      './jest',
      './package.json',
      './tfjs',
      './vitest',
    ]);
  });

  test('the lint:package and coverage scripts exist', () => {
    expect(pkg.scripts?.['lint:package']).toMatch(/publint --strict/);
    // attw's default profile, strict, checks every resolution: node10 as well as node16 and bundlers.
    expect(pkg.scripts?.['lint:package']).toMatch(/attw --pack \.(?! --profile)/);
    expect(pkg.scripts?.coverage).toMatch(/vitest run --coverage/);
  });
});

describe('the built code', () => {
  let js: Array<{ path: string; text: string }>;
  let declarations: Array<{ path: string; text: string }>;

  beforeAll(() => {
    ensureBuilt();
    js = files(join(repo, 'dist'), /\.(mjs|cjs)$/);
    declarations = files(join(repo, 'dist'), /\.d\.(mts|cts)$/);
    expect(js.length).toBeGreaterThanOrEqual(6);
  });

  // gradcheck/tfjs included: it calls the TF.js namespace its user passes, and loads none of TF.js itself.
  test('imports nothing at run time but seedrandom: no Node built-ins, no test runner, no TF.js', () => {
    // gradcheck/bun alone imports Bun's built-in bun:test, which it extends.
    const isBunEntry = (path: string) => /\/dist\/bun\.(mjs|cjs)$/.test(path);
    const imported = new Set(
      js.filter((file) => !isBunEntry(file.path)).flatMap((file) => bareSpecifiers(file.text)),
    );
    expect([...imported]).toEqual(['seedrandom']);
    const ofBun = new Set(
      js.filter((file) => isBunEntry(file.path)).flatMap((file) => bareSpecifiers(file.text)),
    );
    expect([...ofBun]).toEqual(['bun:test']);
  });

  test('its typings refer only to the optional peers (vitest, expect; TF.js from gradcheck/tfjs alone)', () => {
    const isTfjsEntry = (path: string) => /\/dist\/tfjs\.d\.(mts|cts)$/.test(path);
    const imported = new Set(
      declarations.filter((file) => !isTfjsEntry(file.path)).flatMap((file) => bareSpecifiers(file.text)),
    );
    for (const name of imported) expect(['vitest', 'expect']).toContain(name);
    const ofTfjs = new Set(
      declarations.filter((file) => isTfjsEntry(file.path)).flatMap((file) => bareSpecifiers(file.text)),
    );
    expect([...ofTfjs]).toEqual(['@tensorflow/tfjs-core']);
  });

  test('never reaches the network', () => {
    for (const file of js) expect(file.text, file.path).not.toMatch(NETWORK);
  });

  test('never evaluates strings as code, in dist or in src', () => {
    for (const file of [...js, ...files(join(repo, 'src'), /\.ts$/)])
      expect(file.text, file.path).not.toMatch(EVAL);
  });

  test('the patterns above do catch what they look for', () => {
    expect('const f = new Function("x", "return x")').toMatch(EVAL);
    expect('eval ("1")').toMatch(EVAL);
    expect('let evaluations = 0; evaluations++;').not.toMatch(EVAL);
    expect('await fetch(url)').toMatch(NETWORK);
    expect('require("node:https")').toMatch(NETWORK);
    expect(
      bareSpecifiers('import x from "a";\nconst y = require("b");\nimport "c";\nimport("./d.js")'),
    ).toEqual(['a', 'b', 'c']);
  });
});

describe('package linters', () => {
  beforeAll(() => ensureBuilt());

  test('publint --strict finds nothing to say', async () => {
    const { messages } = await publint({ pkgDir: repo, strict: true, level: 'suggestion', pack: 'npm' });
    expect(messages).toEqual([]);
  });

  /** attw on the packed package under one of its profiles: its exit status and its analysis. */
  function attw(profile: 'strict' | 'node16' | 'esm-only') {
    const result = run([
      'node_modules/@arethetypeswrong/cli/dist/index.js',
      '--pack',
      '.',
      '--profile',
      profile,
      '--format',
      'json',
    ]);
    const json = result.output.slice(result.output.indexOf('{'), result.output.lastIndexOf('}') + 1);
    const { analysis } = JSON.parse(json) as {
      analysis: {
        entrypoints: Record<string, { resolutions: Record<string, { resolution?: { fileName: string } }> }>;
        problems: Array<{ kind: string; entrypoint?: string; resolutionKind?: string }>;
      };
    };
    return { ...result, analysis };
  }

  test('attw: every entry point resolves to its typings under node10, node16 (ESM and CJS) and bundlers', () => {
    const { status, output, analysis } = attw('strict');
    expect(status, output).toBe(0);
    expect(Object.keys(analysis.entrypoints).sort()).toEqual([
      '.',
      './bun',
      './jest',
      './package.json',
      './tfjs',
      './vitest',
    ]);
    for (const [entry, { resolutions }] of Object.entries(analysis.entrypoints)) {
      if (entry === './package.json') continue;
      const file = (kind: string) => resolutions[kind]?.resolution?.fileName;
      // node10 (TypeScript's legacy "moduleResolution: node") cannot read exports: typesVersions leads it.
      expect(file('node10'), `${entry} under node10`).toMatch(/\/dist\/\w+\.d\.cts$/);
      expect(file('node16-cjs'), `${entry} from CommonJS`).toMatch(/\/dist\/\w+\.d\.cts$/);
      expect(file('node16-esm'), `${entry} from ESM`).toMatch(/\/dist\/\w+\.d\.mts$/);
      expect(file('bundler'), `${entry} in a bundler`).toMatch(/\/dist\/\w+\.d\.mts$/);
    }
    expect(analysis.problems).toEqual([]);
  });

  // The other profiles only ignore resolutions that strict checks, but each is what some CI runs.
  for (const profile of ['node16', 'esm-only'] as const) {
    test(`attw --profile ${profile} finds nothing either`, () => {
      const { status, output, analysis } = attw(profile);
      expect(status, output).toBe(0);
      expect(analysis.problems).toEqual([]);
    });
  }
});
