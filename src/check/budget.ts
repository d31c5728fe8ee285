/**
 * The budget of a check in the words of the check: how many calls of f each mode plans (which
 * `maxEvaluations` caps up front, and which `mode: 'auto'` compares), and what a check that ran out of
 * time or calls says: what it verified, where it stopped, and how to make it cheaper.
 */
import type { BudgetExceeded, ModeSwitch, StopPlace } from '../calls/budget.js';
import { STANDARD_LADDER } from '../difference/richardson.js';
import { EVALUATIONS_PER_COORDINATE } from '../difference/stencils.js';
import { chooseCoordinates } from '../sample/coordinates.js';
import type { Problem, SampleReport } from '../types.js';
import type { CheckSetup } from './setup.js';

/** Calls of f each sample makes before its comparisons: its value, the repeat, the noise probe (6). */
export const CALLS_PER_SAMPLE = 8;
/** Calls of f along each random direction at the first look (FIRST_PASS of directional.ts: 2 steps, both sides). */
const CALLS_PER_DIRECTION = 4;
/**
 * Share of the time limit a per-coordinate check of `mode: 'auto'` may be projected to take before it
 * switches to directional mode. High, so that a switch happens only where per-coordinate mode would
 * run out of time anyway: a check that fits keeps the same mode, and the same report, however loaded
 * the machine; the rest is a margin for refinement and the check's own work.
 */
export const AUTO_TIME_SHARE = 4 / 5;

/** The mode a check runs in. */
type RunMode = 'coordinate' | 'directional';

/** What a check plans: the calls of f it makes at least, and how they add up. */
export interface Plan {
  mode: RunMode;
  /** Calls of f at least: refinement and localization add to them. */
  calls: number;
  /** Calls of f per coordinate (per-coordinate mode) or per direction (directional mode). */
  perItem: number;
  /** Coordinates checked, or directions per sample. */
  items: number;
  samples: number;
}

/** How many coordinates the check looks at. */
export function checkedCoordinates(setup: Pick<CheckSetup, 'options' | 'shape' | 'where'>): number {
  const { options, shape } = setup;
  const choice = options.coordinates;
  if (choice === undefined) return shape.n;
  if (typeof choice === 'number') return Math.min(choice, shape.n);
  return chooseCoordinates(shape, options, setup.where).length;
}

/** The calls of f that `mode` makes at least, for the options and input of `setup`. */
export function planOf(setup: Pick<CheckSetup, 'options' | 'shape' | 'where'>, mode: RunMode): Plan {
  const { options } = setup;
  const [perItem, items] =
    mode === 'directional'
      ? [CALLS_PER_DIRECTION, options.directions]
      : [
          options.method === 'richardson'
            ? 2 * STANDARD_LADDER.multiples.length
            : EVALUATIONS_PER_COORDINATE[options.method],
          checkedCoordinates(setup),
        ];
  const samples = options.samples;
  return { mode, perItem, items, samples, calls: samples * (CALLS_PER_SAMPLE + perItem * items) };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const seconds = (ms: number) =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toPrecision(2))} s`;
const perCall = (ms: number) =>
  ms >= 1 ? `${Number(ms.toPrecision(2))} ms` : `${Number((ms * 1000).toPrecision(2))} µs`;
/** A round number at least `value`, to suggest as a limit: 2 significant digits. */
const roundUp = (value: number) => {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(value, 1))) - 1);
  return Math.ceil(value / unit) * unit;
};

/** How the plan's calls add up, in words: `3 samples × (8 + 2 × 512 coordinates)`. */
function breakdown(plan: Plan): string {
  const items = plan.mode === 'directional' ? 'directions' : 'coordinates';
  return `${plural(plan.samples, 'sample')} × (${CALLS_PER_SAMPLE} + ${plan.perItem} × ${plan.items} ${items})`;
}

/**
 * The ways to make `plan` cheaper, as options to pass. `fits` is how many calls of f fit the budget, when
 * that is known: the subset of coordinates, the directions or the samples suggested are those that fit.
 */
function cheaper(setup: CheckSetup, plan: Plan, fits: number | undefined, raise: string): string {
  const { options } = setup;
  const perSample = CALLS_PER_SAMPLE + plan.perItem * plan.items;
  // Items a sample can afford at the current number of samples; a tenth of them when nothing is measured.
  const affordable =
    fits === undefined
      ? Math.floor(plan.items / 10)
      : Math.floor((fits / options.samples - CALLS_PER_SAMPLE) / plan.perItem);
  const ways: string[] = [];
  if (plan.mode === 'coordinate') {
    if (affordable >= 1 && affordable < plan.items)
      ways.push(`check a random subset with { coordinates: ${affordable} }`);
    ways.push("check along random directions with { mode: 'directional' }");
  } else if (options.directions > 1) {
    const directions = Math.min(Math.max(affordable, 1), options.directions - 1);
    ways.push(`check fewer directions with { directions: ${directions} }`);
  }
  if (options.source.kind !== 'points' && options.samples > 1) {
    const samples = fits === undefined ? 1 : Math.max(1, Math.floor(fits / perSample));
    ways.push(`take fewer samples with { samples: ${Math.min(samples, options.samples - 1)} }`);
  }
  ways.push(raise);
  return `${ways.slice(0, -1).join(', ')}, or ${ways[ways.length - 1]}`;
}

/**
 * The problem of a check whose plan needs more calls of f than `maxEvaluations`: found before any call,
 * so the check does not start.
 */
export function overPlanProblem(setup: CheckSetup, plan: Plan): Problem {
  const { options } = setup;
  const fName = setup.names[0];
  const max = options.maxEvaluations;
  const mode = plan.mode === 'directional' ? 'directional' : 'per-coordinate';
  const raise = `raise the cap with { maxEvaluations: ${roundUp(plan.calls)} }`;
  return {
    kind: 'budget',
    message: `the check needs at least ${plan.calls} evaluations of ${fName} in ${mode} mode (${breakdown(plan)}), more than maxEvaluations (${max}), so it did not start. To make it cheaper, ${cheaper(setup, plan, max, raise)}.`,
  };
}

/** What the samples checked before the stop verified, in words. */
function verified(samples: readonly SampleReport[], total: number): string {
  if (samples.length === 0) return 'No sample was checked in full.';
  const failing = samples.some((s) => s.mismatches > 0);
  const one = samples.length === 1;
  return `${samples.length} of ${plural(total, 'sample')} ${one ? 'was' : 'were'} checked in full before it stopped${failing ? '' : one ? ', and agrees' : ', and agree'}.`;
}

/** The budget problem of a check that stopped at `stop`, in `place`, after `samples`. */
export function stopProblem(
  setup: CheckSetup,
  plan: Plan,
  stop: BudgetExceeded,
  place: StopPlace,
  samples: readonly SampleReport[],
): Problem {
  const { options, budget, shape } = setup;
  const [fName, dName] = setup.names;
  // "of n" only for several: a derived check runs one inner check of 1 sample per sample of its own.
  const of = options.samples > 1 ? ` of ${options.samples}` : '';
  const moved = place.coordinate >= 0 ? `, while ${shape.path(place.coordinate)} was perturbed` : '';
  const at = `in sample ${place.sample}${of}${moved}`;
  const done = verified(samples, options.samples);
  // A stop while localising cuts a finding short: it says so, and fewer samples or directions, which
  // could miss the disagreement, are then no way to make the check cheaper.
  const cut = place.localizing
    ? ` A direction of sample ${place.sample} disagrees with ${dName}: the check was naming the coordinates to blame when it stopped.`
    : '';
  const ways = (fits: number | undefined, raise: string) =>
    place.localizing
      ? `To name them, ${raise}.`
      : `To make it cheaper, ${cheaper(setup, plan, fits, raise)}.`;
  // No `sample`: the sample where it stopped is not in the report, whose samples are those checked in full.
  const problem = (message: string): Problem => ({ kind: 'budget', message });
  if (stop.reason === 'evaluations') {
    const max = options.maxEvaluations;
    const raise = `raise the cap with { maxEvaluations: ${roundUp(Math.max(plan.calls, 2 * max))} }`;
    return problem(
      `the check reached maxEvaluations (${max} evaluations of ${fName}) ${at}. ${done}${cut} ${ways(max, raise)}`,
    );
  }
  const limit = options.timeLimit;
  const elapsed = seconds(budget.elapsed());
  if (stop.reason === 'hung') {
    // The cost of a call that never returns says nothing: the suggestions are not sized to it.
    const name = stop.call === 'derivative' ? dName : fName;
    const raise = `raise the limit with { timeLimit: ${roundUp(2 * limit)} } (and the test's timeout above it)`;
    return problem(
      `${name} did not settle: its call ${at}${moved === '' ? '' : ','} was still pending when the time limit ran out (timeLimit: ${limit} ms, ${elapsed} since the check started). ${done} A Promise that never resolves (a missing resolve() or callback, a lost event) hangs the check. If ${name} is only slow, ${cheaper(setup, plan, undefined, raise)}.`,
    );
  }
  const cost = budget.cost;
  const derivative = budget.derivativeCalls > 0 ? budget.derivativeCost * (options.samples + 1) : 0;
  const whole = cost * plan.calls + derivative;
  // Unmeasured (no call of f returned before the limit): nothing to size the suggestions to.
  const measured = Number.isFinite(whole);
  const each = Number.isFinite(cost) ? ` (${perCall(cost)} each)` : '';
  // Past its plan, the check was looking again at what disagreed or could not be resolved, which the
  // plan does not count: a projection from the plan would be less than the time already spent.
  const projection = !measured
    ? ''
    : budget.calls < plan.calls
      ? ` At that cost the whole check takes about ${seconds(whole)}.`
      : ` That is past the ${plan.calls} evaluations it plans for a gradient that agrees: the rest went to looking again at what did not.`;
  // Half again the whole check's time, for refinement and for a slower machine.
  const suggested = roundUp(Math.max(measured ? 1.5 * whole : 0, 2 * limit));
  const raise = `raise the limit with { timeLimit: ${suggested} } (and the test's timeout above it)`;
  const fits = measured ? (AUTO_TIME_SHARE * limit) / cost : undefined;
  return problem(
    `the check ran out of time ${at}: timeLimit is ${limit} ms, and it had made ${budget.calls} evaluations of ${fName}${each} in ${elapsed}. ${done}${cut || projection} ${ways(fits, raise)}`,
  );
}

/** Why `mode: 'auto'` checked along directions, from the measured cost of f: a note of the report. */
export function switchNote(setup: CheckSetup, plan: Plan, signal: ModeSwitch): string {
  const limit = setup.options.timeLimit;
  return `per-coordinate mode would take about ${seconds(signal.projected)} (${breakdown(plan)} evaluations of ${setup.names[0]}, at the measured ${perCall(signal.cost)} each), more than ${Math.round(AUTO_TIME_SHARE * 100)}% of the time limit (timeLimit: ${limit} ms), so the check ran along random directions. For a per-coordinate check, pass { mode: 'coordinate' } with { coordinates } to check a subset, or raise timeLimit.`;
}
