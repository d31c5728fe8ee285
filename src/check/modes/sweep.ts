/**
 * The first pass of per-coordinate mode: every chosen coordinate with the stencil of `method` (2 calls of
 * f each for central differences), f called in place, and each difference's error estimate from the
 * noise of f. The loop is a plain function, not a generator, while f returns plain values: it is where a
 * check spends its 2n calls, and a synchronous f should cost nothing else. At the first call that
 * returns a Promise it stops and says where, and `sweep` awaits that value and goes on, one call at a time.
 */
import { CALL_PENDING, type Call, PENDING } from '../../calls/driver.js';
import { applyStencil, NOISE_AMPLIFICATION, STENCIL_OFFSETS } from '../../difference/stencils.js';
import { relativeStep, stepFor } from '../../difference/steps.js';
import type { Method } from '../../types.js';
import { type Precision, UNIT_ROUNDOFF } from '../../util/float.js';
import type { Outputs } from '../per-sample/outputs.js';
import type { CheckSetup } from '../setup.js';

/** What the first pass found: per entry (k·n + i) the difference and its error estimate, per coordinate its step. */
export interface FirstPass {
  numeric: Float64Array;
  errorEstimate: Float64Array;
  steps: Float64Array;
}

/** The state of one sample's first pass (see the top of this file). */
class Sweeper {
  readonly pass: FirstPass;
  private readonly offsets: readonly number[];
  private readonly taken: Float64Array;
  private readonly values: Float64Array;
  private readonly scratch: Float64Array;
  private readonly relative: number;
  private readonly roundoff: number;
  private xi = 0;
  private h = 0;
  /** The offset whose call of f returned a Promise, when `run` stopped at one. */
  pendingOffset = 0;

  constructor(
    private readonly setup: CheckSetup,
    private readonly outputs: Outputs,
    private readonly method: Exclude<Method, 'richardson'>,
    precision: Precision,
    private readonly f0: Float64Array,
    private readonly noise: Float64Array,
  ) {
    const n = setup.shape.n;
    const m = f0.length;
    this.offsets = STENCIL_OFFSETS[method];
    const stencil = this.offsets.length;
    // One allocation, cut into views: a typed array of more than 64 bytes is allocated outside V8's heap,
    // at about a microsecond each, which six of them a sample made a tenth of a small check.
    const buffer = new Float64Array(2 * n * m + n + stencil + stencil * m + m);
    let at = 0;
    const take = (length: number) => {
      at += length;
      return buffer.subarray(at - length, at);
    };
    this.pass = {
      numeric: take(n * m).fill(Number.NaN),
      errorEstimate: take(n * m).fill(Number.POSITIVE_INFINITY),
      steps: take(n),
    };
    this.taken = take(stencil);
    this.values = take(stencil * m);
    this.scratch = take(m);
    this.relative = relativeStep(method, precision);
    this.roundoff = UNIT_ROUNDOFF[precision];
  }

  /** Sweeps `indices` from position `from`: their length when done, or the position where f returned a Promise. */
  run(indices: Int32Array, from: number): number {
    const count = indices.length;
    const direct = this.setup.direct;
    const stencil = this.offsets.length;
    for (let p = from; p < count; p++) {
      const i = indices[p]!;
      this.begin(i);
      for (let o = 0; o < stencil; o++) {
        this.place(i, o);
        const raw = direct.f();
        if (raw === PENDING) {
          this.pendingOffset = o;
          return p;
        }
        this.store(o, raw);
      }
      this.finish(i);
    }
    return count;
  }

  begin(i: number): void {
    this.xi = this.setup.x0[i]!;
    this.h = stepFor(this.xi, this.relative, this.setup.options.eps);
    this.setup.position.coordinate = i;
  }

  place(i: number, o: number): void {
    const target = this.xi + this.offsets[o]! * this.h;
    this.setup.position.value = target;
    this.taken[o] = this.setup.working.set(i, target) - this.xi;
  }

  store(o: number, raw: unknown): void {
    // A gradient's one number is read without a buffer's round trip (Outputs.readNumber).
    if (this.f0.length === 1) {
      this.values[o] = this.outputs.readNumber(raw, this.scratch);
      return;
    }
    const out = this.outputs.read(raw, this.scratch);
    const stencil = this.offsets.length;
    for (let k = 0; k < out.length; k++) this.values[k * stencil + o] = out[k]!;
  }

  finish(i: number): void {
    const { numeric, errorEstimate, steps } = this.pass;
    const { offsets, values, taken } = this;
    const f0 = this.f0;
    const noise = this.noise;
    const n = steps.length;
    const stencil = offsets.length;
    this.outputs.counter.evaluations += stencil;
    this.setup.working.set(i, this.xi);
    steps[i] = Math.abs(taken[0]!);
    for (let k = 0; k < f0.length; k++) {
      numeric[k * n + i] = applyStencil(this.method, f0[k]!, values, k * stencil, taken);
      // Rounded where f was evaluated, not only at x: x² is subnormal at 1e-160, not at 1e-160 ± h.
      let largest = 0;
      for (let o = 0; o < stencil; o++) largest = Math.max(largest, Math.abs(values[k * stencil + o]!));
      const rounding = Math.max(noise[k]!, this.roundoff * largest);
      errorEstimate[k * n + i] = (NOISE_AMPLIFICATION[this.method] * rounding) / steps[i]!;
    }
  }
}

/**
 * The first pass over `indices` at the sample's point (f0 = f there, `noise` its noise per output). With
 * `method: 'richardson'` there is none: every coordinate is refined, and the pass is left unset (NaN, ∞).
 */
export function* sweep(
  setup: CheckSetup,
  outputs: Outputs,
  indices: Int32Array,
  precision: Precision,
  f0: Float64Array,
  noise: Float64Array,
): Generator<Call, FirstPass, unknown> {
  const method = setup.options.method;
  const sweeper = new Sweeper(
    setup,
    outputs,
    method === 'richardson' ? 'central' : method,
    precision,
    f0,
    noise,
  );
  if (method === 'richardson') {
    setup.position.coordinate = -1;
    return sweeper.pass;
  }
  const direct = setup.direct;
  const stencil = STENCIL_OFFSETS[method].length;
  for (let p = sweeper.run(indices, 0); p < indices.length; p = sweeper.run(indices, p + 1)) {
    // f returned a Promise: finish this coordinate awaiting each call, then sweep on without yields.
    const i = indices[p]!;
    sweeper.store(sweeper.pendingOffset, yield CALL_PENDING);
    for (let o = sweeper.pendingOffset + 1; o < stencil; o++) {
      sweeper.place(i, o);
      let raw = direct.f();
      if (raw === PENDING) raw = yield CALL_PENDING;
      sweeper.store(o, raw);
    }
    sweeper.finish(i);
  }
  setup.position.coordinate = -1;
  return sweeper.pass;
}
