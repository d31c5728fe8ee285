/**
 * The budget of a check (src/calls/budget.ts): how rarely it reads the clock, how it measures f's cost and
 * projects a per-coordinate check from it, how it races a pending call, and that no timer outlives a
 * check. The checks' own budget messages are in test/unit/check/budget.test.ts and the bad-input matrix.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Budget, BudgetExceeded, ModeSwitch, PROJECT_AFTER, TIMED_OUT } from '../../../src/calls/budget.js';
import { beforeDeadline, budgetClock } from '../../../src/calls/clock.js';
import { checkGradient, checkJacobian, checkJVP } from '../../../src/index.js';

/** Waits `ms` on the wall clock, as a slow synchronous f does. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

/** One call of f as the driver makes it: counted before, and after it returned. */
function call(budget: Budget, inside = 0): void {
  budget.beforeCall(false);
  if (inside > 0) busy(inside);
  budget.afterCall(false);
}

/** The timers of this process (Node's `Timeout` resources). */
const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

const sumSq = (x: number[]) => x.reduce((s, v) => s + v * v, 0);
const sumSqGrad = (x: number[]) => x.map((v) => 2 * v);

describe('the clock is read rarely while f is cheap, at every call while it is dear', () => {
  it('100 000 cheap calls read the clock about once per 1024 calls', () => {
    const budget = new Budget(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
    budget.measureFrom();
    for (let i = 0; i < 100_000; i++) call(budget);
    expect(budget.calls).toBe(100_000);
    // The stride doubles from 1 to 1024: 11 reads to get there, then one per 1024 calls.
    expect(budget.reads).toBeLessThan(11 + 100_000 / 1024 + 2);
  });

  it('calls of a millisecond or more read it after each one', () => {
    const budget = new Budget(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
    budget.measureFrom();
    for (let i = 0; i < 5; i++) call(budget, 1.5);
    expect(budget.reads).toBe(5);
    expect(budget.cost).toBeGreaterThanOrEqual(1.5);
  });

  it("f's cost is its own time, not the check's work between its calls", () => {
    // The least of 3 budgets: a cheap f has few timed calls, and one preempted call made a single
    // budget's cost 0.502 ms on a loaded machine. The check's 2 ms between calls, counted, would make
    // every one of them 2 ms or more.
    const costs = Array.from({ length: 3 }, () => {
      const budget = new Budget(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
      budget.measureFrom();
      for (let i = 0; i < 10; i++) {
        call(budget, 0.05);
        busy(2);
      }
      return budget.cost;
    });
    expect(Math.min(...costs)).toBeLessThan(0.5);
  });
});

describe('the limits', () => {
  it('a sync check stops at the first read of the clock past the deadline', () => {
    const budget = new Budget(20, Number.POSITIVE_INFINITY);
    budget.measureFrom();
    let stopped: unknown;
    try {
      for (let i = 0; i < 1000; i++) call(budget, 1);
    } catch (error) {
      stopped = error;
    }
    expect(stopped).toBeInstanceOf(BudgetExceeded);
    expect((stopped as BudgetExceeded).reason).toBe('time');
    // Overrun by at most the call in progress and a read interval.
    expect(budget.elapsed()).toBeLessThan(20 + 5);
    expect(budget.stopped).toBe(stopped);
  });

  it('maxEvaluations stops the call that would pass it, before it is made', () => {
    const budget = new Budget(Number.POSITIVE_INFINITY, 5);
    for (let i = 0; i < 5; i++) call(budget);
    expect(() => budget.beforeCall(false)).toThrow(BudgetExceeded);
    expect(budget.calls).toBe(5);
    expect(budget.stopped?.reason).toBe('evaluations');
    // The derivative is not capped.
    expect(() => budget.beforeCall(true)).not.toThrow();
  });
});

describe('the projection of mode: auto', () => {
  it('switches once PROJECT_AFTER of the limit has passed, when the projected time does not fit', () => {
    const limit = 200;
    const budget = new Budget(limit, Number.POSITIVE_INFINITY);
    budget.measureFrom();
    budget.project({ calls: 1000, derivativeCalls: 4, within: limit / 2 });
    let signal: unknown;
    let made = 0;
    try {
      for (; made < 1000; made++) call(budget, 1);
    } catch (error) {
      signal = error;
    }
    expect(signal).toBeInstanceOf(ModeSwitch);
    const { projected, cost } = signal as ModeSwitch;
    // 1000 calls of about 1 ms: about a second, against the 100 ms it had to fit.
    expect(cost).toBeGreaterThanOrEqual(1);
    expect(projected).toBeGreaterThan(900);
    // It decided at the first read past limit / 20: about 10 calls, not 100.
    expect(made).toBeLessThan(Math.ceil((PROJECT_AFTER * limit) / 1) + 5);
  });

  it('decides once: a check that fits goes on, whatever f costs later', () => {
    const budget = new Budget(200, Number.POSITIVE_INFINITY);
    budget.measureFrom();
    budget.project({ calls: 100, derivativeCalls: 0, within: 100 });
    // 0.1 ms a call: 100 calls fit in 10 ms. Past limit / 20 = 10 ms the decision is made.
    for (let i = 0; i < 150; i++) call(budget, 0.1);
    expect(() => {
      for (let i = 0; i < 20; i++) call(budget, 2);
    }).not.toThrow();
  });

  it('counts the derivative at its own measured cost', () => {
    const budget = new Budget(100, Number.POSITIVE_INFINITY);
    budget.measureFrom();
    // f is cheap, the derivative dear: 4 calls of it at 3 ms do not fit in 5 ms.
    budget.project({ calls: 10, derivativeCalls: 4, within: 5 });
    budget.beforeCall(true);
    busy(3);
    budget.afterCall(true);
    expect(budget.derivativeCost).toBeGreaterThanOrEqual(3);
    expect(() => {
      for (let i = 0; i < 10_000; i++) call(budget, 0.01);
    }).toThrow(ModeSwitch);
  });
});

describe('a pending call is raced against the limit, and no timer is left behind', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('settle gives TIMED_OUT for a Promise that never settles, and release stops the timer', async () => {
    const budget = new Budget(30, Number.POSITIVE_INFINITY);
    const value = await budget.settle(new Promise(() => {}));
    expect(value).toBe(TIMED_OUT);
    expect(budget.timedOut('f').reason).toBe('hung');
    budget.release();
    expect(budget.armed).toBe(false);
  });

  it('a call that waited about as long as f takes ran out of time; one that waited 10 times longer hung', async () => {
    const budget = new Budget(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
    budget.measureFrom();
    // f's cost as the budget measures it, however slow a loaded machine makes the 2 ms calls.
    const started = performance.now();
    for (let i = 0; i < 3; i++) call(budget, 2);
    const perCall = (performance.now() - started) / 3;
    void budget.settle(new Promise(() => {}));
    expect(budget.timedOut('f').reason).toBe('time');
    void budget.settle(new Promise(() => {}));
    busy(12 * perCall + 5);
    expect(budget.timedOut('f').reason).toBe('hung');
    budget.release();
  });

  it('a check whose f never settles ends at its limit, with no timer left', async () => {
    const before = timers();
    const started = performance.now();
    const report = await checkGradient(() => new Promise<number>(() => {}), sumSqGrad, {
      dim: 2,
      timeLimit: 40,
    });
    expect(performance.now() - started).toBeLessThan(40 + 200);
    expect(report.pass).toBe(false);
    expect(report.problems.map((p) => p.kind)).toEqual(['budget']);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('an async check that ends in time stops its timer at once, though its limit is far off', async () => {
    const before = timers();
    const report = await checkGradient(async (x: number[]) => sumSq(x), sumSqGrad, {
      dim: 3,
      timeLimit: 60_000,
    });
    expect(report.pass).toBe(true);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('an async check that fails (f rejects) stops its timer too', async () => {
    const before = timers();
    const failing = async () => {
      throw new Error('boom');
    };
    await expect(checkJacobian(failing, () => [[1]], { dim: 1, timeLimit: 60_000 })).rejects.toThrow('boom');
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('a sync check, even one that runs out of time, leaves no timer', () => {
    const before = timers();
    const report = checkGradient(sumSq, sumSqGrad, { dim: 3 });
    expect(report.pass).toBe(true);
    const slow = (x: number[]) => {
      busy(2);
      return sumSq(x);
    };
    const stopped = checkGradient(slow, sumSqGrad, { dim: 50, mode: 'coordinate', timeLimit: 20 });
    expect(stopped.problems.map((p) => p.kind)).toEqual(['budget']);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('fake timers installed by the test do not stop the limit', async () => {
    vi.useFakeTimers();
    const report = await checkGradient(() => new Promise<number>(() => {}), sumSqGrad, {
      dim: 2,
      timeLimit: 30,
    });
    expect(report.problems.map((p) => p.kind)).toEqual(['budget']);
  });
});

describe('a call a derived check makes itself is bounded by the same limit', () => {
  it('beforeDeadline passes a plain value through, and a settled Promise with its timer stopped', async () => {
    expect(beforeDeadline(3, budgetClock() + 1000, () => new Error('late'))).toBe(3);
    const before = timers();
    await expect(
      beforeDeadline(Promise.resolve(4), budgetClock() + 60_000, () => new Error('late')),
    ).resolves.toBe(4);
    await expect(
      beforeDeadline(Promise.reject(new Error('own')), budgetClock() + 60_000, () => new Error('late')),
    ).rejects.toThrow('own');
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('rejects with late() once the deadline passes', async () => {
    const never = new Promise<never>(() => {});
    await expect(beforeDeadline(never, budgetClock() + 20, () => new Error('late'))).rejects.toThrow('late');
  });

  it('a JVP that never resolves ends checkJVP at its time limit, with no timer left', async () => {
    const before = timers();
    const started = performance.now();
    const check = checkJVP(
      (x: number[]) => x[0]! * x[1]!,
      () => new Promise<never>(() => {}),
      { points: [[0.25, 0.5]], timeLimit: 30 },
    );
    await expect(check).rejects.toThrow('the JVP did not settle at sample 1');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(timers()).toBeLessThanOrEqual(before);
  });
});
