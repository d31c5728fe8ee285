/**
 * Whatever the user's function throws reaches the user intact, as the cause of an EvaluationError whose
 * message describes it: an Error, a string, or a value that cannot become a string or be inspected.
 */
import { expect as standaloneExpect } from 'expect';
import { describe, expect, it } from 'vitest';
import { checkGradient, checkJacobian, EvaluationError } from '../../../src/index.js';
import { matchers } from '../../../src/matchers/jest.js';

standaloneExpect.extend(matchers);

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

const VALUES: Array<[string, () => unknown]> = [
  ['an Error', () => new Error('boom')],
  ['a string', () => 'boom'],
  ['an object with no prototype', () => Object.create(null)],
  ['a revoked Proxy', revoked],
  ['a plain object', () => ({ code: 42 })],
  ['undefined', () => undefined],
];

async function caught(body: () => unknown): Promise<EvaluationError> {
  try {
    await body();
  } catch (error) {
    expect(error).toBeInstanceOf(EvaluationError);
    return error as EvaluationError;
  }
  throw new Error('expected a throw');
}

describe.each(VALUES)('%s', (_, make) => {
  const at = { points: [0.25], seed: 7 };

  it('thrown by f, is the cause', async () => {
    const value = make();
    const error = await caught(() =>
      checkGradient(
        () => {
          throw value;
        },
        (x: number) => 2 * x,
        at,
      ),
    );
    expect(error.cause).toBe(value);
    expect(error.message).toMatch(/^f threw .*at sample 1 \(seed 7\) on input x = 0\.25/);
  });

  it('rejected by an async f, is the cause', async () => {
    const value = make();
    const error = await caught(() =>
      checkGradient(
        async () => {
          throw value;
        },
        (x: number) => 2 * x,
        at,
      ),
    );
    expect(error.cause).toBe(value);
    expect(error.message).toMatch(/^f rejected /);
  });

  it('thrown by the Jacobian, is the cause', async () => {
    const value = make();
    const error = await caught(() =>
      checkJacobian(
        (x: number[]) => x,
        () => {
          throw value;
        },
        { points: [[0.25]] },
      ),
    );
    expect(error.cause).toBe(value);
    expect(error.message).toMatch(/^the Jacobian threw /);
  });

  it('thrown by f under a matcher, is the cause', async () => {
    const value = make();
    const error = await caught(() =>
      standaloneExpect(() => {
        throw value;
      }).toHaveGradient((x: number) => 2 * x, at),
    );
    expect(error.cause).toBe(value);
  });
});
