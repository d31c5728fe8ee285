/**
 * What a directional sample proves of each entry (power.ts), added once the sample is over: only then is
 * it known whether the sample met a kink and may be redrawn, and adding then needs no accumulator of the
 * sample's own (6 to 12 bytes an entry) unless it did. The directions are regenerated from their seeds
 * (drawDirection), except the last one, which is still in the buffer. Driven by directional.ts.
 */
import type { PointValues } from '../../params/working.js';
import type { Candidates } from '../line.js';
import { addDirection, type SamplePower } from '../power.js';
import { type Drawn, drawDirection } from './directions.js';

/** What regenerates one checked direction and what its verdicts allowed. */
interface Checked {
  seed: number;
  norm: number;
  /** The coordinates left out of it (named before it was drawn). */
  excluded: number[];
  allowed: number[];
}

/** The directions one sample checked, to be added to the check's power when the sample is over. */
export class ProvenDirections {
  private readonly checked: Checked[] = [];
  /** Whether the buffer still holds the last direction added (no direction was drawn since). */
  private lastInBuffer = false;
  /** What the direction last drawn left out. */
  private drawnExcluded: number[] = [];

  constructor(
    private readonly x0: PointValues,
    private readonly candidates: Candidates,
    private readonly scaled: boolean,
  ) {}

  /** Forgets what a sample that ended early (before `commit`) checked. */
  begin(): void {
    this.checked.length = 0;
    this.lastInBuffer = false;
  }

  /**
   * Draws the direction of `seed` into `v`, leaving out `excluded`, and returns ‖v‖ with the sums over
   * `row` of the gradient (drawDirection).
   */
  draw(v: Float32Array, seed: number, excluded: ReadonlySet<number>, row: Float64Array): Drawn {
    this.lastInBuffer = false;
    this.drawnExcluded = [...excluded];
    return drawDirection(v, seed, this.x0, this.candidates, this.scaled, excluded, row);
  }

  /** The direction last drawn (of `seed`, ‖v‖ = `norm`) was checked with these allowed discrepancies. */
  add(seed: number, norm: number, allowed: number[]): void {
    this.checked.push({ seed, norm, excluded: this.drawnExcluded, allowed });
    this.lastInBuffer = true;
  }

  /**
   * Adds every direction of the sample to `power`, and forgets them. `v` is redrawn for each one it does
   * not hold already. `analytic` is the sample's derivative, row-major.
   */
  commit(power: SamplePower, v: Float32Array, analytic: Float64Array, sample: number, kink: boolean): void {
    if (this.checked.length === 0) return;
    const into = power.finished(sample, analytic.length, kink);
    for (let j = this.checked.length - 1; j >= 0; j--) {
      const { seed, norm, excluded, allowed } = this.checked[j]!;
      if (!(this.lastInBuffer && j === this.checked.length - 1)) {
        drawDirection(v, seed, this.x0, this.candidates, this.scaled, new Set(excluded), analytic);
      }
      addDirection(into, analytic, v, norm, this.candidates, allowed, sample);
    }
    this.checked.length = 0;
    this.lastInBuffer = false;
  }
}
