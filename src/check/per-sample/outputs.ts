/**
 * Reading what f and the derivative return, validated against what the check expects: one number for a
 * gradient check, m outputs (a flat array, or a structure read like an input) for a Jacobian, and the
 * derivative in the input's shape (one row per output for a Jacobian). Entries are named here too, as
 * the report names them.
 */
import { CALL_DERIVATIVE, type Call } from '../../calls/driver.js';
import { Shape } from '../../params/shape.js';
import { describeValue, inputError } from '../../util/errors.js';
import type { CheckSetup } from '../setup.js';

/** Where the check is, in words, for a message about a value f returned: `at sample 2 with x[3] = 0.5`. */
export type Where = () => string;

/** Names the sample and the coordinate being perturbed, if any (per-coordinate mode). */
export function whereCoordinate(setup: CheckSetup): Where {
  const { position, shape } = setup;
  return () =>
    position.coordinate >= 0
      ? `at sample ${position.sample} with ${shape.path(position.coordinate)} = ${position.value}`
      : `at sample ${position.sample}`;
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

  /**
   * Reads what f returned into `target` (m outputs), validating its type. The per-coordinate sweep passes
   * one scratch buffer, so that nothing is allocated per coordinate; without it the array is fresh.
   */
  read(raw: unknown, target: Float64Array = new Float64Array(Math.max(this.m, 1))): Float64Array {
    const setup = this.setup;
    const where = this.where;
    const fName = setup.names[0];
    if (setup.kind === 'gradient') {
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

  /** Names entry e = k·n + i as the report does: `x[3]`, or `J[k, x[3]]` for a Jacobian. */
  entryPath(e: number): string {
    const setup = this.setup;
    const n = setup.shape.n;
    const k = Math.floor(e / n);
    if (setup.entryPath !== undefined) return setup.entryPath(k, e - k * n);
    if (setup.kind === 'gradient') return setup.shape.path(e);
    return `J[${this.outputShape?.path(k) ?? String(k)}, ${setup.shape.path(e - k * n)}]`;
  }

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
      this.analyticBuffer ??= new Float64Array(n * m);
      out = this.analyticBuffer;
    }
    if (setup.kind === 'gradient') {
      shape.read(raw, out, `the value returned by ${dName}`);
      return out;
    }
    if (!(Array.isArray(raw) || ArrayBuffer.isView(raw)) || (raw as ArrayLike<unknown>).length !== m) {
      throw inputError(
        `the value returned by ${dName} should be an array of ${m} rows (one per output of ${fName}), each with ${n} entries, but received ${describeValue(raw)}.`,
      );
    }
    const table = raw as ArrayLike<unknown>;
    for (let k = 0; k < m; k++) {
      shape.read(table[k], out.subarray(k * n, (k + 1) * n), `row ${k} of the value returned by ${dName}`);
    }
    return out;
  }
}

/** An output that is not a flat list of numbers: nested arrays or a plain object of them. */
function isStructured(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype)
  );
}
