/**
 * The verdict on one derivative along one line (a coordinate axis or a direction): the analytic value
 * against a numeric estimate, under the tolerance rule, with kinks, domain edges and non-finite values
 * named. Both modes judge every row here, refined or not, so that a coordinate reads the same whichever
 * mode checked it.
 */
import { relativeError } from '../compare/metrics.js';
import {
  agrees,
  allowedError,
  ERROR_MULTIPLE,
  powerOf,
  type Resolution,
  resolvableError,
  verifiableError,
} from '../compare/tolerance.js';
import type { Estimate } from '../difference/richardson.js';
import type { CoordinateResult, CoordinateStatus } from '../types.js';

/** A numeric estimate as the verdict reads it: a refined one, or a first-pass difference (no flags). */
export type Judged = Pick<Estimate, 'value' | 'error' | 'step' | 'stencil'> &
  Partial<Pick<Estimate, 'slopes' | 'oneSided' | 'nonfinite' | 'nearKink' | 'unsettled'>>;

/** The tolerance rule's settings for one sample. */
export interface Rule {
  tol: number;
  atol: number;
  /** The user forced the step with `eps`, so that no smaller step was tried. */
  forcedStep?: boolean;
  /** What an agreement must resolve (RESOLUTION of f's precision). */
  resolution: Resolution;
  /** The scale below which a derivative is resolved absolutely (Resolution.floor of the sample's largest). */
  floor: number;
}

/**
 * How notes name the line: `subject` is what is not finite ("f", or "f along direction 2"), `place` is
 * where, after a side ("of x[3]", or nothing), and `near` names the coordinate a kink lies near (a
 * direction has none).
 */
export interface LineNames {
  subject: string;
  place: string;
  near?: string;
}

/** The names of the line along coordinate i, built only when a note needs them. */
export function coordinateNames(fName: string, path: () => string): () => LineNames {
  return () => {
    const where = path();
    return { subject: fName, place: ` of ${where}`, near: where };
  };
}

/**
 * How a first look at a derivative reads, before any sharper one: a `suspect` disagrees at one error
 * estimate (not k: a suspect only costs a second look) or is not finite; `unresolved` agrees, but within
 * an error too large to resolve it (it would be inconclusive); `uncertain` agrees, but within an error too
 * large to verify it to tol; `settled` needs no second look.
 */
export function firstLook(
  a: number,
  value: number,
  error: number,
  rule: Rule,
): 'suspect' | 'unresolved' | 'uncertain' | 'settled' {
  const { tol, atol } = rule;
  if (!Number.isFinite(value) || !agrees(a, value, tol, atol, 1, error)) return 'suspect';
  const spread = ERROR_MULTIPLE * error;
  if (spread > resolvableError(a, value, tol, atol, rule.resolution, rule.floor)) return 'unresolved';
  return spread > verifiableError(a, value, tol, atol) ? 'uncertain' : 'settled';
}

/** A verdict on one derivative. */
export interface Verdict {
  numeric: number;
  errorEstimate: number;
  step: number;
  stencil: string;
  status: CoordinateStatus;
  ok: boolean;
  allowed: number;
  note?: string;
  /**
   * The ladder saw a kink that the derivative does not match within the estimate's error: a random
   * sample that met one is redrawn, whatever the row's final status.
   */
  kinked: boolean;
}

/**
 * Judges analytic `a` against `estimate` with the tolerance rule at ERROR_MULTIPLE error estimates.
 *
 * A kink (the ladder saw one-sided slopes that jump) is judged first, against the error the estimate
 * states: a derivative between the two slopes is accepted as a one-sided derivative. Otherwise the row
 * passes when |a − numeric| is within the allowed error, where an error estimate that is not finite
 * counts as 0, so that an estimate that knows nothing cannot pass a coordinate by itself.
 */
export function judge(a: number, estimate: Judged, rule: Rule, names: () => LineNames): Verdict {
  const finiteError = Number.isFinite(estimate.error) ? estimate.error : 0;
  const verdict: Verdict = {
    numeric: estimate.value,
    errorEstimate: estimate.error,
    step: estimate.step,
    stencil: estimate.stencil,
    status: 'ok',
    ok: true,
    allowed: allowedError(a, estimate.value, rule.tol, rule.atol, ERROR_MULTIPLE, finiteError),
    kinked: false,
  };
  if (estimate.nonfinite || estimate.oneSided || estimate.nearKink || estimate.slopes || estimate.unsettled)
    describeLine(verdict, a, estimate, rule, names());
  // The row's allowance is the one of its own numeric value: a, for a kink accepted as one-sided.
  if (verdict.numeric !== estimate.value)
    verdict.allowed = allowedError(a, verdict.numeric, rule.tol, rule.atol, ERROR_MULTIPLE, finiteError);
  if (!Number.isFinite(a) || !Number.isFinite(verdict.numeric)) verdict.status = 'nonfinite';
  verdict.ok =
    verdict.status === 'kink'
      ? verdict.numeric === a
      : verdict.status !== 'nonfinite' && Math.abs(a - verdict.numeric) <= verdict.allowed;
  if (verdict.status === 'ok' && !verdict.ok) verdict.status = 'mismatch';
  if (estimate.unsettled && (verdict.status === 'ok' || verdict.status === 'mismatch')) {
    // Slopes that jump differently at every step say that the steps are too long for f here: the
    // estimate's value, and its error, mean nothing, whichever way they point.
    verdict.ok = false;
    verdict.status = 'inconclusive';
    verdict.note = `inconclusive: ${verdict.note}${rule.forcedStep ? '. Leave eps unset, so that smaller steps can be tried' : ''}`;
  }
  if (verdict.ok && verdict.status === 'ok') judgeResolution(verdict, a, finiteError, rule);
  return verdict;
}

/**
 * What `judge` allows a plain first-pass estimate (no flags: `value`, `error`) of analytic `a` when its
 * verdict is a plain agreement (status `ok`), and NaN for every other verdict. Per-coordinate mode judges
 * most rows this way, without a Verdict object each; judge decides the rest, and a property test holds
 * the two to the same answer.
 */
export function plainAgreement(a: number, value: number, error: number, rule: Rule): number {
  const finiteError = Number.isFinite(error) ? error : 0;
  const allowed = allowedError(a, value, rule.tol, rule.atol, ERROR_MULTIPLE, finiteError);
  if (!(Math.abs(a - value) <= allowed) || !Number.isFinite(a) || !Number.isFinite(value)) return Number.NaN;
  const resolvable = resolvableError(a, value, rule.tol, rule.atol, rule.resolution, rule.floor);
  return ERROR_MULTIPLE * finiteError > resolvable ? Number.NaN : allowed;
}

/**
 * An agreement that rests on an error estimate too large to tell a relative error of `rule.resolution`
 * is no pass: the row becomes inconclusive, with the reason in its note.
 */
function judgeResolution(verdict: Verdict, a: number, error: number, rule: Rule): void {
  const spread = ERROR_MULTIPLE * error;
  const { tol, atol, resolution, floor } = rule;
  if (!(spread > resolvableError(a, verdict.numeric, tol, atol, resolution, floor))) return;
  verdict.ok = false;
  verdict.status = 'inconclusive';
  const scale = Math.max(Math.abs(a), Math.abs(verdict.numeric), floor);
  verdict.note = `inconclusive: the numeric estimate is only known to ±${fmt(spread)} (${ERROR_MULTIPLE} error estimates), ${fmt(spread / scale)} of its scale, too imprecise to tell a relative error of ${resolution.relative}${verdict.note === undefined ? '' : `; ${verdict.note}`}`;
}

/** The notes of a line that met a domain edge, non-finite values or a kink, and a kink's verdict. */
function describeLine(verdict: Verdict, a: number, estimate: Judged, rule: Rule, names: LineNames): void {
  const { subject, place, near } = names;
  if (estimate.nonfinite) {
    verdict.status = 'nonfinite';
    verdict.note = `${subject} is not finite on either side${place} at any step tried`;
  } else if (estimate.oneSided) {
    verdict.note = `${subject} is not finite on the ${estimate.oneSided === 'right' ? 'left' : 'right'}${place} (a domain edge?); used a one-sided stencil on the ${estimate.oneSided}`;
  } else if (estimate.nearKink && near !== undefined) {
    verdict.note = `a kink lies near ${near} (the one-sided slopes jump at larger steps); judged by the smallest step, ${fmt(estimate.step)}, alone`;
  } else if (estimate.unsettled) {
    verdict.note = rule.forcedStep
      ? `the one-sided slopes${place} jump at the steps that eps forced (down to ${fmt(estimate.step)}), and no smaller step was tried to tell a kink from f varying faster than those steps`
      : `the one-sided slopes${place} jump, but not the same way at smaller steps (down to ${fmt(estimate.step)}): no kink is confirmed, and f varies faster than the steps tried`;
  }
  const kinkAllowed = allowedError(a, estimate.value, rule.tol, rule.atol, ERROR_MULTIPLE, estimate.error);
  if (estimate.slopes && !(Math.abs(a - estimate.value) <= kinkAllowed)) {
    const { left, right } = estimate.slopes;
    const between = a >= Math.min(left, right) - kinkAllowed && a <= Math.max(left, right) + kinkAllowed;
    verdict.status = 'kink';
    verdict.note = `not differentiable here: the slope from the left is ${fmt(left)}, from the right ${fmt(right)}${between ? `; ${fmt(a)} lies between them, so it is accepted as a one-sided derivative` : ''}`;
    verdict.kinked = true;
    if (between) verdict.numeric = a;
  }
}

/** The fields of a report row that the verdict on analytic `a` decides. */
type VerdictFields = Omit<CoordinateResult, 'path' | 'x'>;

/**
 * The report row of `head` (`{ path, x }` for a coordinate, `{ index, output }` for a direction): the
 * fields the verdict on analytic `a` decides, written onto `head` after its own, in one object, since a
 * check of n coordinates builds n of these.
 */
export function verdictRow<H extends object>(head: H, a: number, verdict: Verdict): H & VerdictFields {
  const row = head as H & VerdictFields;
  row.analytic = a;
  row.numeric = verdict.numeric;
  row.absErr = Math.abs(a - verdict.numeric);
  row.relErr = relativeError(a, verdict.numeric);
  row.allowed = verdict.allowed;
  row.errorEstimate = verdict.errorEstimate;
  row.step = verdict.step;
  row.stencil = verdict.stencil;
  row.ok = verdict.ok;
  row.status = verdict.status;
  if (verdict.note !== undefined) row.note = verdict.note;
  const power = powerOf(a, verdict.numeric, verdict.allowed);
  if (power !== undefined && verdict.status !== 'kink') row.power = power;
  return row;
}

/**
 * The report row of coordinate entry `path` at x, whose analytic value is `a`: a derivative that returned
 * a non-finite value for it (`dName`) is named in the note, over anything the line said.
 */
export function coordinateRow(
  path: string,
  x: number,
  a: number,
  verdict: Verdict,
  dName: string,
): CoordinateResult {
  // One literal rather than verdictRow's writes onto a head: a check of n coordinates builds n of these,
  // and a literal of fixed keys is built in one step.
  const row: CoordinateResult = {
    path,
    x,
    analytic: a,
    numeric: verdict.numeric,
    absErr: Math.abs(a - verdict.numeric),
    relErr: relativeError(a, verdict.numeric),
    allowed: verdict.allowed,
    errorEstimate: verdict.errorEstimate,
    step: verdict.step,
    stencil: verdict.stencil,
    ok: verdict.ok,
    status: verdict.status,
  };
  if (verdict.note !== undefined) row.note = verdict.note;
  const power = powerOf(a, verdict.numeric, verdict.allowed);
  if (power !== undefined && verdict.status !== 'kink') row.power = power;
  if (!Number.isFinite(a)) row.note = `${dName} returned ${a} for this coordinate`;
  return row;
}

/**
 * The report row of coordinate entry `path` at x that agrees plainly (plainAgreement gave `allowed`): the
 * row coordinateRow builds for judge's verdict on that estimate, keys in the same order.
 */
export function agreedRow(
  path: string,
  x: number,
  a: number,
  value: number,
  allowed: number,
  error: number,
  step: number,
  stencil: string,
): CoordinateResult {
  const row: CoordinateResult = {
    path,
    x,
    analytic: a,
    numeric: value,
    absErr: Math.abs(a - value),
    relErr: relativeError(a, value),
    allowed,
    errorEstimate: error,
    step,
    stencil,
    ok: true,
    status: 'ok',
  };
  const power = powerOf(a, value, allowed);
  if (power !== undefined) row.power = power;
  return row;
}

/** A number in a note: six significant digits, no trailing zeros. */
export function fmt(v: number): string {
  return Number(v.toPrecision(6)).toString();
}
