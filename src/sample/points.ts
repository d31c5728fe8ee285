/**
 * The sample points of a check: explicit points, values drawn at random in the domain for a template
 * or a dimension, or the values of a user's sampler, each read and checked against the input's shape.
 */
import type { ResolvedOptions } from '../options/resolve.js';
import { Shape } from '../params/shape.js';
import type { PointValues } from '../params/working.js';
import type { Rng } from '../types.js';
import { describeValue, guarded, inputError } from '../util/errors.js';
import { isThenable } from '../util/maybe-async.js';
import { drawValue, roundsToFloat32, Stream } from './rng.js';

/** Where the points of a check come from: explicit points, a template, a dimension, or a sampler. */
export class PointSource {
  readonly shape: Shape;
  /** True when points are drawn at random, so a point at a kink may be replaced by another. */
  readonly random: boolean;
  private readonly options: ResolvedOptions;
  private readonly rng: Rng;
  /** The points' stream, which `rng` draws from too: a fixed domain is filled in one loop. */
  private readonly stream: Stream;
  private readonly where: string;
  private drawn = 0;
  private readonly first: unknown;

  constructor(options: ResolvedOptions, where: string) {
    this.options = options;
    this.where = where;
    this.stream = new Stream(options.seed, 'points');
    this.rng = () => this.stream.double();
    const source = options.source;
    this.random = source.kind !== 'points';
    switch (source.kind) {
      case 'points':
        this.first = source.points[0];
        this.shape = Shape.of(this.first, 'x', `${where}: points[0]`);
        break;
      case 'like':
        this.shape = Shape.of(source.like, 'x', `${where}: like`);
        break;
      case 'dim':
        this.shape = Shape.of(new Array<number>(source.dim).fill(0), 'x', 'input');
        break;
      case 'sample': {
        this.first = callSampler(source.sample, this.rng, where);
        this.shape = Shape.of(this.first, 'x', `${where}: the value returned by sample()`);
        break;
      }
      case 'scalar':
        this.shape = Shape.of(0, 'x', 'input');
        break;
    }
    if (this.shape.n === 0) {
      throw inputError(`${where}: the input has no coordinates (n = 0); there is no gradient to check.`);
    }
  }

  /**
   * Whether every value of every point is a float32, so that a Float32Array holds the points exactly: points
   * drawn from a fixed domain whose ends are float32 values and whose draws are rounded to float32
   * (roundsToFloat32: the rounded value then stays in the domain, with float32 ends it always does).
   */
  get float32(): boolean {
    const kind = this.options.source.kind;
    const fixed = this.options.fixedDomain;
    return (
      kind !== 'points' &&
      kind !== 'sample' &&
      fixed !== undefined &&
      Math.fround(fixed[0]) === fixed[0] &&
      Math.fround(fixed[1]) === fixed[1] &&
      roundsToFloat32(fixed[0], fixed[1])
    );
  }

  /** Writes the next point into `out`: a Float32Array only where `float32` holds. */
  next(out: PointValues): void {
    const source = this.options.source;
    const index = this.drawn++;
    switch (source.kind) {
      case 'points':
        this.shape.read(source.points[index], float64(out), `${this.where}: points[${index}]`, index > 0);
        assertFinite(out, this.shape, `points[${index}]`, this.where);
        return;
      case 'sample': {
        const value = index === 0 ? this.first : callSampler(source.sample, this.rng, this.where);
        this.shape.read(value, float64(out), `${this.where}: the value returned by sample()`, index > 0);
        assertFinite(out, this.shape, 'the value returned by sample()', this.where);
        return;
      }
      default: {
        const domain = this.options.domain;
        // Paths only for a domain that depends on them: a million paths cost more than the draws.
        const fixed = this.options.fixedDomain;
        if (fixed !== undefined) {
          this.stream.fill(out, fixed[0], fixed[1]);
          return;
        }
        for (let i = 0; i < out.length; i++) {
          const [lo, hi] = fixed ?? domain(this.shape.path(i));
          out[i] = drawValue(this.rng, lo, hi);
        }
      }
    }
  }
}

function callSampler(sample: (rng: Rng) => unknown, rng: Rng, where: string): unknown {
  const value = guarded(
    () => sample(rng),
    () => `${where}: sample`,
  );
  if (isThenable(value))
    throw inputError(`${where}: sample must return an input, but returned ${describeValue(value)}.`);
  return value;
}

/** `out` as the Float64Array that a user's point is read into: a Float32Array would round it. */
function float64(out: PointValues): Float64Array {
  if (out instanceof Float64Array) return out;
  throw new Error('gradcheck: internal error: a Float32Array cannot hold the points of this check exactly.');
}

function assertFinite(values: PointValues, shape: Shape, what: string, where: string): void {
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0)
    throw inputError(`${where}: ${what} must hold finite numbers, but ${shape.path(bad)} is ${values[bad]}.`);
}
