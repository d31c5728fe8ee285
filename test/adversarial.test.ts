/**
 * The adversarial matrix (test/helpers/adversarial-cases.ts): functions built to make a wrong gradient
 * pass, by randomness, glitches, caches, fast oscillation, forced steps, deterministic noise and extreme
 * scales. Each case runs in both modes and with several seeds, since a hole often opens only where a
 * glitch or a dropped unit happens to fall. Every run must fail, its text must not say "passed", and the
 * failure must carry the case's diagnosis: a wrong gradient that fails for the wrong reason sends its
 * user to look in the wrong place.
 */
import { describe, expect, test } from 'vitest';
import { checkGradient, formatReport, type Mode, type Report } from '../src/index.js';
import { type AdversarialCase, cases } from './helpers/adversarial-cases.js';
import { summarize } from './helpers/adversarial-diagnosis.js';
import { smooth, smoothGradient } from './helpers/adversarial-functions.js';

const MODES: readonly Exclude<Mode, 'auto'>[] = ['coordinate', 'directional'];
const SEEDS = [1, 2, 3] as const;

/** One check per case, mode and seed, run once however many tests read it. */
function lazyReport(c: AdversarialCase, mode: Mode, seed: number): () => Report {
  let report: Report | undefined;
  return () => {
    if (report === undefined) {
      const { f, grad } = c.make(seed);
      report = checkGradient(f, grad, { ...c.options, mode, seed });
    }
    return report;
  };
}

test('the matrix has distinct names', () => {
  expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
});

// Without these, a harness that made every check fail would make every case look right.
describe('controls: the right gradient of the smooth f passes', () => {
  for (const mode of MODES) {
    for (const dim of [3, 20]) {
      test(`${mode}, n = ${dim}`, () => {
        const report = checkGradient(smooth, smoothGradient, { dim, mode, seed: 1 });
        expect(report.pass, summarize(report)).toBe(true);
      });
    }
  }
});

for (const c of cases) {
  describe(c.name, () => {
    for (const mode of c.modes ?? MODES) {
      for (const seed of SEEDS) {
        describe(`${mode}, seed ${seed}`, () => {
          const report = lazyReport(c, mode, seed);

          test('fails', () => {
            expect(report().pass, summarize(report())).toBe(false);
          });

          test('its text does not say "passed"', () => {
            expect(formatReport(report())).not.toMatch(/\bpassed\b/i);
          });

          test(`diagnosis: ${c.expected.says}`, () => {
            expect(c.expected.holds(report()), summarize(report())).toBe(true);
          });
        });
      }
    }
  });
}
