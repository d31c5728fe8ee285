/**
 * The budget of a check: how long it may run (`timeLimit`) and how many calls of f it may make
 * (`maxEvaluations`). The driver tells it of every call. It reads the clock only every so many calls, as
 * few as keep a read about every READ_INTERVAL ms of f's time, so that a sync check of a cheap f pays two
 * counters per call; and it arms a timer only once a check turns async, to end a call that never settles.
 */

import { MAX_TIMER, now, startTimer, stopTimer } from './clock.js';

/** How much of f's time may pass between two reads of the clock, in ms: the most a limit is overrun by. */
const READ_INTERVAL = 1;
/** Most calls between two reads of the clock, whatever f costs. */
const MAX_STRIDE = 1024;
/** How many times its measured cost a pending call must have waited to count as hung, not slow. */
const HUNG_MULTIPLE = 10;
/**
 * Share of the limit that must have passed before a projection counts: early calls of f are slower
 * (compilation, caches), and a projection from the first of them would overestimate the check. A check
 * that ends before it never projects, and so never depends on the machine's speed.
 */
export const PROJECT_AFTER = 1 / 10;

/**
 * Why a check stopped before its end: its time ran out between calls (`'time'`), or while a call of f or
 * of the derivative was pending (`'hung'`), or it would have called f more than maxEvaluations times.
 */
export type StopReason = 'time' | 'hung' | 'evaluations';

/** Where a stopped check was: set by the sample loop when it catches the stop. */
export interface StopPlace {
  sample: number;
  /** The coordinate being perturbed, or -1. */
  coordinate: number;
  /** Whether it was localising a direction that disagreed (directional mode). */
  localizing: boolean;
}

/**
 * Thrown into a check (see drive) when it runs out of budget. The sample loop catches it and ends the
 * check with what it verified; it never reaches the user.
 */
export class BudgetExceeded extends Error {
  constructor(
    readonly reason: StopReason,
    /** The call that was pending (`'hung'`): f or the derivative. */
    readonly call: 'f' | 'derivative' = 'f',
  ) {
    super(`gradcheck: internal signal, the check ran out of budget (${reason})`);
  }
  /** Where the check was when it stopped: set by the check that catches the signal. */
  at: StopPlace | undefined;
}

/**
 * Thrown into a check of `mode: 'auto'` running per coordinate when the measured cost of f says that
 * mode would not fit its share of the time limit: the check starts again in directional mode.
 */
export class ModeSwitch extends Error {
  constructor(
    /** The per-coordinate check's projected time, in ms. */
    readonly projected: number,
    /** The measured cost of one call, in ms. */
    readonly cost: number,
  ) {
    super('gradcheck: internal signal, switching to directional mode');
  }
}

/** A signal of the budget, as opposed to an error of f or of gradcheck. */
export function isBudgetSignal(value: unknown): value is BudgetExceeded | ModeSwitch {
  return value instanceof BudgetExceeded || value instanceof ModeSwitch;
}

/** What a pending call resolves to, in place of its value, once the time limit passed first. */
export const TIMED_OUT: unique symbol = Symbol('gradcheck.timed-out');

/** A projection the budget checks at a read of the clock: see Budget.project. */
export interface Projection {
  /** Calls of f the whole check would make. */
  calls: number;
  /** Calls of the derivative it would make. */
  derivativeCalls: number;
  /** Time it must fit in, in ms. */
  within: number;
}

/** The time and the calls a check may spend, and what it spent. */
export class Budget {
  /** When the check started, on the clock of this module (budgetClock). */
  readonly start: number;
  /** When its time runs out (Infinity for no limit). */
  readonly deadline: number;
  /** Calls of f so far, including any that is pending. */
  calls = 0;
  /** Calls of the derivative so far. */
  derivativeCalls = 0;
  /**
   * Time in the calls of f that were timed (the one before each read of the clock), and how many: f's
   * cost is measured on f alone, not on the check's own work between calls, which at a million
   * coordinates is most of a sample's start.
   */
  private timedTime = 0;
  private timedCalls = 0;
  /** Time spent in the derivative, in ms: every call is timed, as there are few. */
  private derivativeTime = 0;
  /** When the call being timed started. */
  private callStart = 0;
  /** Why the check stopped, once it did. */
  stopped: BudgetExceeded | undefined;
  /** Reads of the clock after a call of f so far: the tests and the bench count them. */
  reads = 0;
  private untilRead = 1;
  private stride = 1;
  private readAt: number;
  private callsAtRead = 0;
  /** Where costs are measured from (see measureFrom). */
  private measuredFrom: number;
  private projection: Projection | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private expired = false;
  private wake: ((value: unknown) => void) | undefined;
  /** When the pending call being raced started to wait. */
  private pendingSince = 0;

  constructor(
    /** The time limit, in ms (Infinity for none). */
    readonly limit: number,
    /** The most calls of f (Infinity for no cap). */
    private maxCalls: number,
    /** When the time started to run: now, or the start of the outer check of an inner one. */
    start = now(),
  ) {
    this.start = start;
    this.deadline = this.start + limit;
    this.readAt = this.start;
    this.measuredFrom = this.start;
  }

  /** Milliseconds since the check started. */
  elapsed(): number {
    return now() - this.start;
  }

  /**
   * Measures the cost of f from now on, before the first call: the setup of a check (shapes, the first
   * point) is not f's time, and would make f look dearer than it is.
   */
  measureFrom(): void {
    this.measuredFrom = now();
    this.readAt = this.measuredFrom;
  }

  /** Measured cost of one call of the derivative, in ms: NaN before the first. */
  get derivativeCost(): number {
    return this.derivativeCalls > 0 ? this.derivativeTime / this.derivativeCalls : Number.NaN;
  }

  /**
   * Once PROJECT_AFTER of the limit has passed, the next read of the clock projects the time of the
   * projection's calls at the measured costs, and throws ModeSwitch when it exceeds `within` ms; a check
   * that fits goes on. `undefined` cancels.
   */
  project(projection: Projection | undefined): void {
    this.projection = projection;
  }

  /**
   * Lifts the cap on calls of f, for a per-coordinate check that `mode: 'auto'` chose because its plan
   * fit the cap: see runMode.
   */
  uncapCalls(): void {
    this.maxCalls = Number.POSITIVE_INFINITY;
  }

  /** Counts a call about to be made; throws BudgetExceeded when a call of f would pass maxCalls. */
  beforeCall(derivative: boolean): void {
    if (derivative) {
      this.derivativeCalls++;
      this.callStart = now();
      return;
    }
    if (++this.calls > this.maxCalls) {
      this.calls--;
      throw this.stop('evaluations');
    }
    // The call before a read of the clock is timed: two reads per stride.
    if (this.untilRead === 1) this.callStart = now();
  }

  /**
   * After a call returned its value: reads the clock every `stride` calls of f, and after every call of
   * the derivative, and throws when time is out.
   */
  afterCall(derivative: boolean): void {
    if (derivative) {
      const t = now();
      this.derivativeTime += t - this.callStart;
      this.read(t);
    } else if (--this.untilRead === 0) {
      this.reads++;
      const t = now();
      this.timedTime += t - this.callStart;
      this.timedCalls++;
      this.read(t);
    }
  }

  /** Measured cost of one call of f, in ms: NaN before the first read of the clock. */
  get cost(): number {
    return this.timedCalls > 0 ? this.timedTime / this.timedCalls : Number.NaN;
  }

  private read(t: number): void {
    const recent = (t - this.readAt) / Math.max(this.calls - this.callsAtRead, 1);
    this.readAt = t;
    this.callsAtRead = this.calls;
    // At most doubling: a run of cheap calls must not stop the reads before f turns dear.
    this.stride = Math.max(
      1,
      Math.min(2 * this.stride, MAX_STRIDE, Math.floor(READ_INTERVAL / Math.max(recent, 1e-6))),
    );
    this.untilRead = this.stride;
    if (t >= this.deadline) throw this.stop('time');
    const projection = this.projection;
    if (projection !== undefined && t - this.measuredFrom >= this.limit * PROJECT_AFTER) {
      // One decision, once the cost is measured: a check that fits runs on to its end, or to the limit.
      this.projection = undefined;
      const derivative = this.derivativeCalls > 0 ? this.derivativeCost * projection.derivativeCalls : 0;
      const projected = this.cost * projection.calls + derivative;
      if (projected > projection.within) throw new ModeSwitch(projected, this.cost);
    }
  }

  /** The signal for a stop, remembered as the reason the check stopped. */
  stop(reason: StopReason, call: 'f' | 'derivative' = 'f'): BudgetExceeded {
    this.stopped = new BudgetExceeded(reason, call);
    return this.stopped;
  }

  /**
   * What `pending` settles to, or TIMED_OUT once the time limit passes first. One timer serves every
   * pending call of a check; `release` stops it.
   */
  settle(pending: PromiseLike<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.pendingSince = now();
      if (this.expired || this.pendingSince >= this.deadline) {
        resolve(TIMED_OUT);
        return;
      }
      this.wake = resolve;
      this.arm();
      pending.then(resolve, reject);
    });
  }

  /**
   * The stop of a check whose pending call of f (or of the derivative) was overtaken by the time limit. A
   * call that had waited 10 times f's measured cost, or for which there is no measure, hung; one of a slow
   * f that settles only ran out of time.
   */
  timedOut(call: 'f' | 'derivative'): BudgetExceeded {
    const waited = now() - this.pendingSince;
    const typical = call === 'f' ? this.cost : this.derivativeCost;
    return this.stop(Number.isFinite(typical) && waited <= HUNG_MULTIPLE * typical ? 'time' : 'hung', call);
  }

  private arm(): void {
    if (this.timer !== undefined) return;
    const remaining = this.deadline - now();
    if (!(remaining <= MAX_TIMER)) return;
    this.timer = startTimer(
      () => {
        this.timer = undefined;
        this.expired = true;
        this.wake?.(TIMED_OUT);
      },
      Math.max(remaining, 0),
    );
  }

  /** Stops the timer, when the check ends: a pending timer would keep a test's process alive. */
  release(): void {
    if (this.timer !== undefined) stopTimer(this.timer);
    this.timer = undefined;
    this.wake = undefined;
  }

  /** True while a timer is armed (for the tests: none may be left once a check ends). */
  get armed(): boolean {
    return this.timer !== undefined;
  }
}
