/**
 * Runs the demo (demo/run.mjs, what `npm run demo` runs after building) and reads its output as a user
 * would: Vitest's report on the course's network, where the correct backprop passes and the buggy one
 * fails on the W2 and b1 coordinates and on nothing else.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { diffChanges, rootName, tableRows } from './helpers/failure-output.js';
import { ensureBuilt, type Run, run, section } from './integration/runners.js';

let demo: Run;
let seconds: number;
/** The block of the failing test, from its FAIL line to the end of the diff. */
let failure: string;

beforeAll(() => {
  ensureBuilt();
  const started = performance.now();
  demo = run(['demo/run.mjs']);
  seconds = (performance.now() - started) / 1000;
  failure = section(demo.output, 'FAIL  network.test.ts', /network\.test\.ts:\d+:\d+/);
});

describe('npm run demo', () => {
  test('exits 0 and says in its last line that the failure is the expected result', () => {
    expect(demo.status, demo.output).toBe(0);
    const lines = demo.output.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^Demo finished as expected in [\d.]+ s: .* That failure is the point/);
    // The run itself, not only its verdict, is shown.
    expect(demo.output).toContain('$ vitest run --root examples/vitest network.test.ts');
    expect(demo.output).toMatch(/Tests {2}1 failed \| 2 passed \(3\)/);
    expect(seconds).toBeLessThan(15);
  });

  test('the correct backprop passes, at the fixed parameters and at random ones', () => {
    expect(demo.output).toMatch(/✓ backprop is the gradient of the cost/);
    expect(demo.output).toMatch(/✓ backprop is the gradient at random parameters of the same shape too/);
    expect(demo.output).toMatch(
      /× the course's buggy backprop, dW2 × 2 and db1 with 4\/m \(fails on purpose\)/,
    );
  });

  test('the table lists every W2 and b1 coordinate, and no other', () => {
    const paths = tableRows(failure).map((row) => row.coordinate!);
    expect(new Set(paths.map(rootName))).toEqual(new Set(['W2', 'b1']));
    // W2 is 3×5 and b1 is 5×1; every entry of both is nonzero at these parameters, so all 20 show.
    const all = [
      ...Array.from({ length: 15 }, (_, k) => `W2[${Math.floor(k / 5)}][${k % 5}]`),
      ...Array.from({ length: 5 }, (_, i) => `b1[${i}][0]`),
    ];
    expect([...paths].sort()).toEqual(all.sort());
    expect(failure).toContain('gradient check failed: 20 of 47 coordinates disagree in sample 1 of 1');
  });

  test("the diff changes exactly those coordinates, by the bugs' factors 2 (W2) and 4 (b1)", () => {
    const changes = diffChanges(failure);
    expect(new Set([...changes.keys()].map(rootName))).toEqual(new Set(['W2', 'b1']));
    expect(changes.size).toBe(20);
    for (const [path, { analytic, numeric }] of changes) {
      const factor = rootName(path) === 'W2' ? 2 : 4;
      expect(analytic! / numeric!, path).toBeCloseTo(factor, 6);
    }
  });
});
