/**
 * Directional mode's store of each entry's least power (power.ts) from COMPACT_FROM entries: 2¼ bytes
 * an entry at the default 3 samples, where exact figures take 12. At a million entries it would otherwise
 * be the largest allocation of a directional check after the point and its working copy (6 MB as float32
 * figures and 16-bit samples; 2.25 MB so). A power is kept as a 16-bit code: the high half of its
 * float32, rounded up, so 8 bits of exponent and 7 of mantissa. A figure is then at most 0.8% above the
 * one proven: it is quoted to 2 digits, and rounding up never claims more than was proven. Its sample is
 * kept as an offset from the first sample added, in as few bits as the check's samples need (2 for up to
 * 4 samples, packed four to a byte; 16 past 256).
 */
import type { PowerSummary } from '../types.js';

/** The code of +∞ (no figure yet), and every code from it up (NaN) is no figure either. */
const NONE = 0x7f80;

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/** The least 16-bit code at or above `power` (≥ 0): NONE or above for +∞ and NaN. */
export function encodePower(power: number): number {
  scratch[0] = power;
  const bits = scratchBits[0]!;
  // Up where float32 rounded the power down, or where the low half of its bits is not 0.
  return (bits >>> 16) + +((bits & 0xffff) !== 0 || scratch[0]! < power);
}

/** The power a 16-bit code stands for. */
export function decodePower(code: number): number {
  scratchBits[0] = code << 16;
  return scratch[0]!;
}

/** Each entry's least power so far, as a 16-bit code, and its sample (see the top of this file). */
export class CompactPower {
  private readonly codes: Uint16Array;
  /** Each entry's sample offset, `bits` wide: entry e in slot e >> log of `where`, from bit (e & per)·bits. */
  private readonly where: Uint8Array | Uint16Array;
  private readonly bits: number;
  private readonly log: number;
  private readonly per: number;
  /** The sample that `where` counts from: the first one added (samples come in order). */
  private base = -1;

  /** A store for `size` entries, none of them checked yet, of a check of `samples` samples. */
  constructor(size: number, samples: number) {
    this.codes = new Uint16Array(size).fill(NONE);
    this.bits = samples <= 2 ? 1 : samples <= 4 ? 2 : samples <= 16 ? 4 : samples <= 256 ? 8 : 16;
    this.log = this.bits < 8 ? Math.log2(8 / this.bits) : 0;
    this.per = (1 << this.log) - 1;
    this.where = this.bits === 16 ? new Uint16Array(size) : new Uint8Array(Math.ceil(size / (this.per + 1)));
  }

  /** Takes in every entry of `other` (the same size), as if its additions had been made here. */
  merge(other: CompactPower): void {
    for (let e = 0; e < this.codes.length; e++) {
      if (other.codes[e]! < this.codes[e]!) this.put(e, other.codes[e]!, other.sampleOf(e));
    }
  }

  private sampleOf(e: number): number {
    const shift = (e & this.per) * this.bits;
    return this.base + ((this.where[e >> this.log]! >> shift) & ((1 << this.bits) - 1));
  }

  private put(e: number, code: number, sample: number): void {
    if (this.base < 0) this.base = sample;
    this.codes[e] = code;
    const shift = (e & this.per) * this.bits;
    const slot = e >> this.log;
    const mask = ((1 << this.bits) - 1) << shift;
    this.where[slot] = (this.where[slot]! & ~mask) | ((sample - this.base) << shift);
  }

  /** Entry `e` would have failed at a relative error of `power` in `sample`. */
  add(e: number, power: number | undefined, sample: number): void {
    if (power === undefined) return;
    const code = encodePower(power);
    if (code < this.codes[e]!) this.put(e, code, sample);
  }

  /**
   * add(offset + i, limit / |analytic[offset + i]·v[i]/norm|, sample) for every i of v with a term ≠ 0:
   * one direction's row of entries, in one loop (a call per entry took 12 ms a direction at n = 1e6).
   */
  addAlong(
    offset: number,
    analytic: Float64Array,
    v: Float32Array,
    norm: number,
    limit: number,
    sample: number,
  ): void {
    const { codes, where, bits, log, per } = this;
    if (this.base < 0) this.base = sample;
    const at = sample - this.base;
    const ones = (1 << bits) - 1;
    // `at` in every field of a slot (an integer): the field an entry takes is then masked out of it.
    const spread = bits >= 8 ? at : Math.imul(at, (255 / ones) | 0);
    // Local names of the scratch buffers, which the loop then reads without a lookup in the module.
    const float = scratch;
    const floatBits = scratchBits;
    // limit / |a·v/‖v‖| as one division where it cannot overflow: the figure is coded to 16 bits anyway.
    const scaled = limit * norm;
    const fused = Number.isFinite(scaled) && scaled > 0;
    const length = v.length;
    // Slot by slot of `where`, its value kept in a local and written once: a read and a write of the same
    // byte for each of its entries, each waiting on the last, took half the loop's time.
    for (let i = 0; i < length; ) {
      const slot = (offset + i) >> log;
      const end = Math.min(length, ((slot + 1) << log) - offset);
      let slotValue = where[slot]!;
      for (; i < end; i++) {
        const term = Math.abs(analytic[offset + i]! * v[i]!);
        // A term of 0 (or NaN) gives a power of +∞ (or NaN), whose code is never below another.
        const power = fused ? scaled / term : limit / (term / norm);
        // encodePower, inlined (a call per entry at n = 1e6). Up by a sum, not a branch: whether float32
        // rounded the power down is a coin toss, and a branch on it mispredicted half the time.
        float[0] = power;
        const raw = floatBits[0]!;
        const code = (raw >>> 16) + +((raw & 0xffff) !== 0 || float[0]! < power);
        const e = offset + i;
        // The lesser code, and its sample, without a branch: whether a direction lowers an entry's figure
        // is a coin toss too. `lower` is all ones where it does, else 0.
        const old = codes[e]!;
        const lower = -(code < old);
        codes[e] = old ^ ((old ^ code) & lower);
        // The first sample added is 0 in every field already.
        if (at === 0) continue;
        const mask = (ones << ((e & per) * bits)) & lower;
        slotValue = (slotValue & ~mask) | (spread & mask);
      }
      where[slot] = slotValue;
    }
  }

  /**
   * The summary over the entries with a figure (`path` names entry e), or undefined when none has one.
   * One histogram of the codes gives the count, the median (the figure of rank ⌊(count − 1)/2⌋) and the
   * least sensitive entry (the first of the largest figures) in one pass and no copy.
   */
  summary(path: (e: number) => string): PowerSummary | undefined {
    const codes = this.codes;
    const counts = new Uint32Array(NONE);
    let worst = -1;
    let largest = -1;
    for (let e = 0; e < codes.length; e++) {
      const code = codes[e]!;
      if (code >= NONE) continue;
      counts[code]!++;
      if (code > largest) {
        largest = code;
        worst = e;
      }
    }
    if (worst < 0) return undefined;
    let entries = 0;
    for (let c = 0; c < NONE; c++) entries += counts[c]!;
    const rank = Math.floor((entries - 1) / 2);
    let median = 0;
    for (let below = counts[0]!; below <= rank; below += counts[median]!) median++;
    return {
      worst: decodePower(largest),
      path: path(worst),
      sample: this.sampleOf(worst),
      median: decodePower(median),
      entries,
    };
  }
}
