/**
 * The typings, as a user's compiler sees them: `tsc --noEmit` on typed fixtures that import the built
 * 'gradcheck/vitest', 'gradcheck/jest' and 'gradcheck/bun' (against @types/bun's `bun:test`), with
 * `@ts-expect-error` on every call that must not compile.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, linkPackage, run } from './runners.js';

beforeAll(() => ensureBuilt());

describe('matcher typings', () => {
  for (const runner of ['vitest', 'jest', 'bun']) {
    test(`the ${runner} augmentation compiles, and rejects non-function derivatives and unknown options`, () => {
      const tsc = run([
        'node_modules/typescript/bin/tsc',
        '--noEmit',
        '-p',
        `test/types/tsconfig.${runner}.json`,
      ]);
      expect(tsc.output.trim(), tsc.output).toBe('');
      expect(tsc.status).toBe(0);
    });
  }

  // Each matcher's options are one interface (its check's and formatReport's maxRows): a typo's error
  // names that interface and suggests the name meant.
  test('a misspelt option of any matcher is an error that suggests the name meant', () => {
    const tsc = run(['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'test/types/tsconfig.typos.json']);
    const lines = [...tsc.output.matchAll(/^test\/types\/typos\.ts\((\d+),\d+\): error TS\d+/gm)].map((m) =>
      Number(m[1]),
    );
    expect(lines, tsc.output).toEqual([11, 12, 13, 14, 15]);
    for (const [typo, meant, type] of [
      ['sampels', 'samples', 'MatcherOptions'],
      ['maxRow', 'maxRows', 'MatcherOptions'],
      ['gradiant', 'gradient', 'HessianMatcherOptions'],
      ['vector', 'vectors', 'ProductMatcherOptions'],
      ['maxRow', 'maxRows', 'ProductMatcherOptions'],
    ]) {
      expect(tsc.output).toMatch(
        new RegExp(
          `'${typo}' does not exist in type '${type}<[^']*>'\\. Did you mean to write '${meant}'\\?`,
        ),
      );
    }
  });

  // The report: on node10 the import compiled but the matchers were missing from Assertion.
  test('a Vitest project on moduleResolution "node" (node10) gets the matchers through typesVersions', () => {
    linkPackage();
    const tsc = run([
      'node_modules/typescript/bin/tsc',
      '-p',
      'test/fixtures/runners/vitest-node10/tsconfig.json',
    ]);
    expect(tsc.output.trim(), tsc.output).toBe('');
    expect(tsc.status).toBe(0);
  });
});
