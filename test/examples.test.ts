/**
 * Runs every example in examples/ with its real runner, once per directory, and checks what a user
 * sees. Each example has passing tests and one test that fails on purpose, to show a failure: so each
 * run must exit 1, with exactly that test failed, and its failure must name the coordinates the
 * example's bug touches and no others.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { diffChanges, rootName, tableRows } from './helpers/failure-output.js';
import { ensureBuilt, type Run, run, section } from './integration/runners.js';

const vitest = (root: string) => run(['node_modules/vitest/vitest.mjs', 'run', '--root', root]);

beforeAll(() => {
  ensureBuilt();
});

describe('examples/vitest: a project with a setup file importing gradcheck/vitest', () => {
  let result: Run;
  beforeAll(() => {
    result = vitest('examples/vitest');
  });

  test('runs 6 passing tests and the one that fails on purpose', () => {
    expect(result.status, result.output).toBe(1);
    expect(result.output).toMatch(/✓ basics\.test\.ts \(4 tests\)/);
    expect(result.output).toMatch(/Tests {2}1 failed \| 6 passed \(7\)/);
    expect(result.output).toMatch(/× the course's buggy backprop, .* \(fails on purpose\)/);
  });

  test("the failure names the W2 and b1 coordinates the course's bugs touch", () => {
    const failure = section(result.output, 'FAIL  network.test.ts', /network\.test\.ts:\d+:\d+/);
    expect(new Set(tableRows(failure).map((row) => rootName(row.coordinate!)))).toEqual(
      new Set(['W2', 'b1']),
    );
    expect(new Set([...diffChanges(failure).keys()].map(rootName))).toEqual(new Set(['W2', 'b1']));
  });

  test('type-checks as TypeScript, with the matchers in the typings of expect', () => {
    const tsc = run(['node_modules/typescript/bin/tsc', '-p', 'examples/vitest/tsconfig.json']);
    expect(tsc.output.trim()).toBe('');
    expect(tsc.status).toBe(0);
  });
});

describe('examples/jest: Jest with a setup file requiring gradcheck/jest, plain CommonJS', () => {
  let result: Run;
  let failure: string;
  beforeAll(() => {
    result = run(['node_modules/jest/bin/jest.js', '--config', 'examples/jest/jest.config.cjs']);
    failure = section(result.output, '● softmax › an elementwise softmax Jacobian', /at Object\.<anonymous>/);
  });

  test('runs 2 passing tests and the one that fails on purpose', () => {
    expect(result.status, result.output).toBe(1);
    expect(result.output).toMatch(/Tests: {7}1 failed, 2 passed, 3 total/);
  });

  test('the failure names off-diagonal Jacobian entries only, and the diff keeps the diagonal as context', () => {
    expect(failure).toContain('expect(f).toHaveJacobian(jacobian)');
    const entry = (path: string) => /^J\[(\d+), x\[(\d+)\]\]$/.exec(path)!.slice(1).map(Number);
    const rows = tableRows(failure);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const [i, j] = entry(row.coordinate!);
      expect(i, row.coordinate).not.toBe(j);
      expect(row.analytic).toBe('0');
    }
    const changed = [...diffChanges(failure).keys()];
    expect(changed.sort()).toEqual(
      [0, 1, 2, 3].flatMap((i) => [0, 1, 2, 3].filter((j) => j !== i).map((j) => `J[${i}, x[${j}]]`)).sort(),
    );
    for (const k of [0, 1, 2, 3])
      expect(failure).toMatch(new RegExp(`^ {4,}"J\\[${k}, x\\[${k}\\]\\]": `, 'm'));
  });
});

describe('examples/node-test: node --test with the standalone expect package', () => {
  let result: Run;
  let failure: string;
  beforeAll(() => {
    result = run(['--test', '--test-reporter=tap', 'examples/node-test/']);
    failure = section(result.output, 'not ok 2 - a ridge gradient that drops the 2', /^\s+code: /);
  });

  test('runs the async passing test and the one that fails on purpose', () => {
    expect(result.status, result.output).toBe(1);
    expect(result.output).toMatch(/^ok 1 - the ridge gradient is right/m);
    expect(result.output).toMatch(/^# pass 1$/m);
    expect(result.output).toMatch(/^# fail 1$/m);
  });

  test('the failure names every w[i] and not b, whose gradient is right', () => {
    const paths = new Set(tableRows(failure).map((row) => row.coordinate));
    expect(paths).toEqual(new Set(['w[0]', 'w[1]', 'w[2]']));
    expect([...diffChanges(failure).keys()].sort()).toEqual(['w[0]', 'w[1]', 'w[2]']);
    expect(failure).toMatch(/^ {4,}"b": /m);
  });
});

describe('examples/tfjs: gradients from TensorFlow.js through gradcheck/tfjs, in float32', () => {
  let result: Run;
  let failure: string;
  beforeAll(() => {
    result = vitest('examples/tfjs');
    failure = section(result.output, 'FAIL  tfjs.test.mjs', /tfjs\.test\.mjs:\d+:\d+/);
  });

  test('tf.grad, a right tf.customGrad and conv2d in two inputs pass; the gradient that forgets to clip fails', () => {
    expect(result.status, result.output).toBe(1);
    expect(result.output).toMatch(/✓ tf\.grad of a logistic-regression loss/);
    expect(result.output).toMatch(/✓ tf\.customGrad with the right gradient/);
    expect(result.output).toMatch(/✓ tf\.customGrad of a vector op, checked through its VJP/);
    expect(result.output).toMatch(/✓ conv2d in its two inputs, each named/);
    expect(result.output).toMatch(/Tests {2}1 failed \| 4 passed \(5\)/);
    expect(failure).toContain('tf.customGrad with a gradient that forgets to clip (fails on purpose)');
  });

  test('the check ran in float32', () => {
    expect(failure).toMatch(/checked 8 coordinates × 3 samples \(coordinate, central differences, float32\)/);
  });

  test('it names exactly the coordinates beyond the clip, where TensorFlow.js says x and the truth is ±1', () => {
    const rows = tableRows(failure);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const x = Number(row.x);
      expect(Math.abs(x), row.coordinate).toBeGreaterThan(1);
      expect(Number(row.analytic)).toBe(x);
      expect(Number(row.numeric)).toBeCloseTo(Math.sign(x), 4);
    }
    // Sample 1 of the diff: the changed coordinates are those beyond the clip; the others are context.
    const changes = diffChanges(failure);
    expect(changes.size).toBeGreaterThan(0);
    for (const [path, { analytic, numeric }] of changes) {
      expect(Math.abs(analytic!), path).toBeGreaterThan(1);
      expect(numeric!).toBeCloseTo(Math.sign(analytic!), 4);
    }
    const context = [...failure.matchAll(/^ {4,}"(x\[\d\])": (\S+?),?$/gm)];
    expect(changes.size + context.length).toBe(8);
    for (const [, path, value] of context) expect(Math.abs(Number(value)), path).toBeLessThanOrEqual(1);
  });
});

describe('examples/params: nested parameter objects with readable paths', () => {
  let result: Run;
  let failure: string;
  beforeAll(() => {
    result = vitest('examples/params');
    failure = section(result.output, 'FAIL  mlp.test.mjs', /mlp\.test\.mjs:\d+:\d+/);
  });

  test('runs 2 passing tests and the one that fails on purpose', () => {
    expect(result.status, result.output).toBe(1);
    expect(result.output).toMatch(/Tests {2}1 failed \| 2 passed \(3\)/);
    expect(failure).toContain('an off-by-one in the bias loop (fails on purpose)');
  });

  test('the failure names layers[0].b[3] and layers[1].b[4], the last bias of each layer, and nothing else', () => {
    const expected = new Set(['layers[0].b[3]', 'layers[1].b[4]']);
    expect(new Set(tableRows(failure).map((row) => row.coordinate))).toEqual(expected);
    expect(new Set(diffChanges(failure).keys())).toEqual(expected);
    expect(failure).toMatch(/gradient check failed: 2 of 47 coordinates disagree in sample 1 of 3/);
  });
});
