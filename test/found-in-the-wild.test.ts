/**
 * docs/found-in-the-wild.md cannot drift: every block on it runs against the pinned libraries and the
 * built package, its outputs and versions are what scripts/found-in-the-wild.mjs writes, and each output
 * still shows what the page's analysis says it shows (the script's EXPECT).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, repo, run } from './integration/runners.js';

beforeAll(() => {
  ensureBuilt();
});

describe('docs/found-in-the-wild.md', () => {
  test('holds what scripts/found-in-the-wild.mjs generates: every block runs, every output is current', () => {
    const check = run(['scripts/found-in-the-wild.mjs', '--check']);
    expect(check.output.trim()).toBe('');
    expect(check.status).toBe(0);
  });

  test('every entry runs a block and shows its output, not a placeholder', () => {
    const page = readFileSync(join(repo, 'docs/found-in-the-wild.md'), 'utf8');
    const runs = [...page.matchAll(/<!-- wild-run:([\w-]+) -->\n```js\n/g)].map((m) => m[1]);
    expect(runs.length).toBeGreaterThanOrEqual(6);
    for (const name of runs) {
      const output = new RegExp(
        `<!-- wild:${name} -->\\n\`\`\`text\\n([\\s\\S]*?)\`\`\`\\n<!-- /wild:${name} -->`,
      );
      const body = output.exec(page)?.[1];
      expect(body, name).toMatch(/^gradient check (failed|passed|inconclusive): /m);
    }
  });
});
