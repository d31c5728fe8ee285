/**
 * Statements of the hand-written docs that describe behaviour, checked against the code: the order in
 * which a seed is chosen, and the matchers the package adds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { checkGradient, configure } from '../src/index.js';
import { createMatchers } from '../src/matchers/core.js';
import { repo } from './integration/runners.js';

const read = (path: string) => readFileSync(join(repo, path), 'utf8');
const seedOf = (options: { seed?: number } = {}) =>
  checkGradient(
    (x: number) => x * x,
    (x) => 2 * x,
    { samples: 1, ...options },
  ).seed;

afterEach(() => {
  delete process.env.GRADCHECK_SEED;
  configure({ seed: undefined });
});

describe('docs/matchers.md', () => {
  test('gives the seed precedence that the code applies: option, GRADCHECK_SEED, configure, fixed', () => {
    expect(read('docs/matchers.md')).toContain(
      '| `seed` | seed of the random points | the option, then `GRADCHECK_SEED`, then `configure({ seed })`, then a fixed seed |',
    );
    const fixed = seedOf();
    configure({ seed: 3 });
    expect(seedOf()).toBe(3);
    process.env.GRADCHECK_SEED = '5';
    expect(seedOf()).toBe(5);
    expect(seedOf({ seed: 7 })).toBe(7);
    delete process.env.GRADCHECK_SEED;
    configure({ seed: undefined });
    expect(seedOf()).toBe(fixed);
  });

  test('names every matcher the package adds, and counts them right', () => {
    const names = Object.keys(createMatchers({ diffInMessage: true }));
    const words = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'];
    const intro = read('docs/matchers.md').split('\n\n')[1]!;
    expect(intro).toContain(`gradcheck adds ${words[names.length - 1]} matchers to \`expect\``);
    for (const name of names) expect(intro).toContain(`\`${name}\``);
  });

  test('the setup comments of the entry points and the Vitest example name every matcher', () => {
    const names = Object.keys(createMatchers({ diffInMessage: true }));
    for (const file of ['src/matchers/vitest.ts', 'src/matchers/jest.ts', 'examples/vitest/setup.ts']) {
      const head = read(file).split('\n').slice(0, 8).join(' ');
      for (const name of names) expect(head, file).toContain(name);
    }
  });
});

describe('docs/performance.md', () => {
  test('says when a sample keeps its rows as columns, and how many agreeing rows stay objects', async () => {
    const { ROW_OBJECTS } = await import('../src/check/rows.js');
    const { WORST_KEPT } = await import('../src/util/rank.js');
    const doc = read('docs/performance.md');
    expect(doc).toContain(`A sample of more than ${ROW_OBJECTS.toLocaleString('en').replace(',', ' ')} rows`);
    expect(doc).toContain(`the sample's ${WORST_KEPT} worst agreeing ones`);
  });

  test('the floors it says two targets are below are the ones its tables print', () => {
    const doc = read('docs/performance.md');
    const floor = (pattern: RegExp) => Number(doc.match(pattern)?.[1]);
    // "At n = 100 that floor is far above the target of 3": the bare loop's own first call ÷ warm.
    const bare = floor(
      /first check in a fresh process ÷ warm, n = 100 .*a bare loop of its 2n calls: ([\d.]+)/,
    );
    const prose = doc.replace(/\s+/g, ' ');
    expect(prose).toContain('At n = 100 that floor is far above the target of 3');
    expect(bare).toBeGreaterThan(10 * 3);
    // "that floor is one n per call: above the target of 2.5".
    const alone = floor(/a new gradient array each call .*its gradient calls alone: ([\d.]+)/);
    expect(prose).toContain('is one n per call: above the target of 2.5');
    expect(alone).toBeGreaterThan(2.5);
    // The counts the prose gives are the ones the table's rows were measured with.
    const processes = floor(/first check in a fresh process ÷ warm, n = 100 \(median of (\d+)\)/);
    expect(prose).toContain(`against the same check warm, the median of ${processes} processes`);
    const seeds = floor(/scipy's Rosenbrock: that error caught and named +(\d+) of \d+ seeds/);
    expect(prose).toContain(`The two Rosenbrock rows do the same over ${seeds} seeds`);
  });

  test('says how much truncation moves localization to a smaller step', async () => {
    const { TRUNCATION_SHARE } = await import('../src/check/modes/disagreement.js');
    const doc = read('docs/performance.md').replace(/\s+/g, ' ');
    expect(doc).toContain(`truncated by more than 1/${1 / TRUNCATION_SHARE} of the disagreement`);
  });

  test('says from how many entries the power store is compact and the gradient is read in place', async () => {
    const { COMPACT_FROM } = await import('../src/check/power.js');
    const { IN_PLACE_FROM } = await import('../src/check/modes/held.js');
    const doc = read('docs/performance.md').replace(/\s+/g, ' ');
    expect(doc).toContain(`power (from 2^${Math.log2(COMPACT_FROM)} entries a 16-bit code rounded up`);
    expect(doc).toContain(`From 2^${Math.log2(IN_PLACE_FROM)} coordinates it reads a gradient`);
  });
});
