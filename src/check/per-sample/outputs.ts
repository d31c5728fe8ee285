/**
 * Reading what f and the derivative return, validated against what the check expects: one number for a
 * gradient check, m outputs (a flat array, or a structure read like an input) for a Jacobian, and the
 * derivative in the input's shape (one row per output for a Jacobian). Entries are named here too, as
 * the report names them.
 */
import { CALL_DERIVATIVE, type Call } from '../../calls/driver.js';
import { Shape } from '../../params/shape.js';
import { isRevokedProxy } from '../../util/describe.js';
import { describeValue, inputError, readFailure } from '../../util/errors.js';
import type { CheckSetup } from '../setup.js';

/** Where the check is, in words, for a message about a value f returned: `at sample 2 with x[3] = 0.5`. */
export type Where = () => string;

/** Names the sample and the coordinate being perturbed, if any (per-coordinate mode). */
export function whereCoordinate(setup: CheckSetup): Where {
  const { position, words } = setup;
  return () => `at sample ${position.sample}${words.moved()}`;
}

/** Names only the sample: most reads of directional mode move every coordinate at once. */
export function whereSample(setup: CheckSetup): Where {
  return () => `at sample ${setup.position.sample}`;
}

/** The outputs of f and the derivative of one check. */
export class Outputs {
  /** Outputs of f: 1 for a gradient, known from the first value f returns for a Jacobian (-1 until then). */
  m: number;
  /** The shape of one output of a structured Jacobian, given or read from the first value. */
  private outputShape: Shape | undefined;
  /** One buffer for the derivative, kept for the whole check: at n = 1e6 a fresh one per sample would be
   * the largest garbage of the check. */
  private analyticBuffer: Float64Array | undefined;
  /** Calls of f and of the derivative: the report's counts are exact. */
  readonly counter = { evaluations: 0, derivativeEvaluations: 0 };

  /** Names of f and of the derivative, for messages. */
  readonly names: readonly [string, string];

  constructor(
    private readonly setup: CheckSetup,
    private readonly where: Where,
  ) {
    this.names = setup.names;
    this.m = setup.kind === 'gradient' ? 1 : -1;
    this.outputShape = setup.outputShape;
  }

  /** f at the current sample's point, once `watch` was called: what `varied` compares with. */
  private reference: Float64Array | undefined;
  /**
   * Whether f returned anything else than `reference` since `watch`: false at the end of a sample when f
   * returned one value at every point it was evaluated at (see `constancy` in diagnose.ts).
   */
  varied = false;

  /** Starts watching for a value of f other than f0, the value at the point of a sample. */
  watch(f0: Float64Array): void {
    this.reference = f0;
    this.varied = false;
  }

  /**
   * Reads what f returned into `target` (m outputs), validating its type. The per-coordinate sweep passes
   * one scratch buffer, so that nothing is allocated per coordinate; without it the array is fresh. A
   * value that throws while it is read (a getter, a Proxy trap) is named, with what it threw as cause.
   */
  read(raw: unknown, target: Float64Array = new Float64Array(Math.max(this.m, 1))): Float64Array {
    let out: Float64Array;
    try {
      out = this.readValue(raw, target);
    } catch (error) {
      throw this.unreadable(error, raw, `the value returned by ${this.setup.names[0]} ${this.where()}`);
    }
    const reference = this.reference;
    if (!this.varied && reference !== undefined) {
      for (let k = 0; k < out.length; k++) if (out[k] !== reference[k]) this.varied = true;
    }
    return out;
  }

  /**
   * `read` of a gradient check's f, for the per-coordinate sweep: a plain number is taken as
   * it is (and compared with `reference`, as read does); anything else goes through read.
   */
  readNumber(raw: unknown, scratch: Float64Array): number {
    if (typeof raw !== 'number' || this.setup.kind !== 'gradient') return this.read(raw, scratch)[0]!;
    if (!this.varied && this.reference !== undefined && raw !== this.reference[0]) this.varied = true;
    return raw;
  }

  /** The error for a value that could not be read: gradcheck's own message, or one that names `what`. */
  private unreadable(error: unknown, raw: unknown, what: string): Error {
    if (isRevokedProxy(raw)) return inputError(`${what} is a revoked Proxy, which cannot be read at all.`);
    return readFailure(error, `${what} could not be read: a getter or Proxy trap`);
  }

  private readValue(raw: unknown, target: Float64Array): Float64Array {
    const setup = this.setup;
    const where = this.where;
    const fName = setup.names[0];
    if (setup.kind === 'gradient') {
      if (isComplex(raw) && this.perturbed()) {
        // Past the edge of f's real domain (math.js's log or sqrt of a negative number), as a NaN is.
        target[0] = Number.NaN;
        return target;
      }
      if (typeof raw !== 'number') {
        const hint =
          Array.isArray(raw) || ArrayBuffer.isView(raw)
            ? ' For a function with several outputs, use checkJacobian / toHaveJacobian.'
            : '';
        throw inputError(
          `${fName} must return a number, but returned ${describeValue(raw)} ${where()}.${hint}`,
        );
      }
      target[0] = raw;
      return target;
    }
    const flat = Array.isArray(raw) && raw.every((v) => typeof v === 'number');
    if (
      this.m === -1 &&
      this.outputShape === undefined &&
      !flat &&
      !ArrayBuffer.isView(raw) &&
      isStructured(raw)
    ) {
      // A structured output (a gradient of a parameter dict): its entries are named by their paths.
      this.outputShape = Shape.of(raw, 'y', `the value returned by ${fName}`);
    }
    if (this.outputShape !== undefined) {
      if (this.m === -1) {
        this.m = this.outputShape.n;
        target = new Float64Array(this.m);
      }
      this.outputShape.read(raw, target, `the value returned by ${fName} ${where()}`);
      return target;
    }
    if (!(Array.isArray(raw) || raw instanceof Float64Array || raw instanceof Float32Array)) {
      throw inputError(
        `${fName} must return an array of numbers for a Jacobian, but returned ${describeValue(raw)} ${where()}.`,
      );
    }
    if (this.m === -1) {
      if (raw.length === 0)
        throw inputError(`${fName} returned an empty array ${where()}; a Jacobian needs outputs.`);
      this.m = raw.length;
      target = new Float64Array(this.m);
    }
    if (raw.length !== this.m)
      throw inputError(`${fName} returned ${raw.length} outputs ${where()}, but ${this.m} before.`);
    for (let k = 0; k < this.m; k++) {
      const v = (raw as ArrayLike<unknown>)[k];
      if (typeof v !== 'number')
        throw inputError(`${fName} returned ${describeValue(v)} as output ${k} ${where()}.`);
      target[k] = v;
    }
    return target;
  }

  /** Whether the working copy is away from the point (a step, a probe), where f may leave its domain. */
  private perturbed(): boolean {
    const { working, x0 } = this.setup;
    for (let i = 0; i < x0.length; i++) if (working.get(i) !== x0[i]) return true;
    return false;
  }

  /** Names entry e = k·n + i as the report does: `x[3]`, or `J[k, x[3]]` for a Jacobian. */
  entryPath(e: number): string {
    const setup = this.setup;
    const n = setup.shape.n;
    const k = Math.floor(e / n);
    if (setup.entryPath !== undefined) return setup.entryPath(k, e - k * n);
    if (setup.kind === 'gradient') return setup.shape.path(e);
    return `J[${this.outputShape?.path(k) ?? String(k)}, ${setup.shape.path(e - k * n)}]`;
  }

  /**
   * Set by directional mode at large n: a gradient returned as a Float64Array of n values, which shares
   * no memory with the working copy, is then used as it is, not copied into the kept buffer (a copy of n
   * values, the largest allocation of a check at n = 1e6). Its reader must notice when f rewrites it
   * (`inPlace` says whether the last read was in place).
   */
  derivativeInPlace = false;
  /** Whether the last read without `out` returned the derivative's own array. */
  inPlace = false;

  /** Calls the derivative and reads it into `out` (n·m values), or into the buffer kept for the check. */
  *readDerivative(out?: Float64Array): Generator<Call, Float64Array, unknown> {
    const setup = this.setup;
    const { shape } = setup;
    const [fName, dName] = setup.names;
    const n = shape.n;
    const m = this.m;
    const raw = yield CALL_DERIVATIVE;
    this.counter.derivativeEvaluations++;
    if (out === undefined) {
      this.inPlace =
        this.derivativeInPlace &&
        setup.kind === 'gradient' &&
        raw instanceof Float64Array &&
        raw.length === n &&
        !setup.working.shares(raw);
      if (this.inPlace) return raw as Float64Array;
      this.analyticBuffer ??= new Float64Array(n * m);
      out = this.analyticBuffer;
    }
    if (setup.kind === 'gradient') {
      shape.read(raw, out, `the value returned by ${dName}`);
      return out;
    }
    const rows = out;
    try {
      if (!(Array.isArray(raw) || ArrayBuffer.isView(raw)) || (raw as ArrayLike<unknown>).length !== m) {
        throw inputError(
          `the value returned by ${dName} should be an array of ${m} rows (one per output of ${fName}), each with ${n} entries, but received ${describeValue(raw)}.`,
        );
      }
      const table = raw as ArrayLike<unknown>;
      for (let k = 0; k < m; k++) {
        shape.read(table[k], rows.subarray(k * n, (k + 1) * n), `row ${k} of the value returned by ${dName}`);
      }
    } catch (error) {
      throw this.unreadable(error, raw, `the value returned by ${dName}`);
    }
    return out;
  }
}

/** A complex number as math.js or complex.js return it: an object with numeric `re` and `im`. */
function isComplex(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const { re, im } = value as { re?: unknown; im?: unknown };
  return typeof re === 'number' && typeof im === 'number';
}

/** An output that is not a flat list of numbers: nested arrays or a plain object of them. */
function isStructured(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype)
  );
}
