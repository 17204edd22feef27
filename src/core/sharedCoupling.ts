/**
 * The slices' meeting point on shared memory (coupling.ts): a SharedArrayBuffer that every thread of a split network
 * holds, with one cache line per slice. A meeting writes the slice's value into its own line, then its round number
 * (Atomics.store), and waits until every other slice's line shows that round (Atomics.load), reading their values.
 * Each slice writes only its own line, so a meeting costs about one transfer of a cache line between cores (a central
 * counter would pass one line back and forth several times). Values alternate between two slots by the round's parity:
 * a slice can be one meeting ahead of another, never two.
 *
 * Waiting spins first (a step's meeting is a microsecond away) and sleeps with Atomics.wait after `spins` tries (a
 * slice that waits for the others' next presentation). A slice that fails breaks the coupling: every waiting slice
 * throws instead of waiting for ever.
 */
import { Coupling } from "./coupling";

/** Bytes per slice (two cache lines, so that adjacent-line prefetching does not couple neighbours). */
const LINE = 128;
/** The first line holds the broken flag; slice k's line follows. Int32 cells of a line: round; f64 cells 1 and 2: the values. */
const BROKEN = 0;
/** Int32 cell of the first line: slices sleeping in Atomics.wait (a meeting wakes them only when some do). */
const SLEEPERS = 1;
/** Tries before a waiting slice sleeps. */
const DEFAULT_SPINS = 1 << 16;

/** The shared memory of a coupling of `slices` slices (give the same buffer to every slice). */
export function createCouplingBuffer(slices: number): SharedArrayBuffer {
  if (!Number.isInteger(slices) || !(slices >= 1)) throw new RangeError(`createCouplingBuffer: slices must be an integer >= 1, got ${slices}`);
  return new SharedArrayBuffer(LINE * (slices + 1));
}

export class SharedCoupling implements Coupling {
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly values: Float64Array;
  private round = 0;

  constructor(buffer: SharedArrayBuffer, readonly slices: number, readonly index: number, readonly spins = DEFAULT_SPINS) {
    if (buffer.byteLength !== LINE * (slices + 1)) {
      throw new RangeError(`SharedCoupling: the buffer holds ${buffer.byteLength} bytes, a coupling of ${slices} slices needs ${LINE * (slices + 1)} (createCouplingBuffer)`);
    }
    if (!Number.isInteger(index) || index < 0 || index >= slices) throw new RangeError(`SharedCoupling: index must be in [0, ${slices}), got ${index}`);
    this.i32 = new Int32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.values = new Float64Array(slices);
  }

  /** Int32 index of slice k's round cell. */
  private roundAt(k: number): number {
    return ((k + 1) * LINE) >> 2;
  }

  gather(value: number): Float64Array {
    const { i32, f64, slices, values } = this;
    const round = ++this.round;
    const slot = 1 + (round & 1);
    f64[(((this.index + 1) * LINE) >> 3) + slot] = value;
    Atomics.store(i32, this.roundAt(this.index), round);
    if (Atomics.load(i32, SLEEPERS) > 0) Atomics.notify(i32, this.roundAt(this.index));
    for (let k = 0; k < slices; k++) {
      if (k !== this.index) this.await(k, round);
      values[k] = f64[(((k + 1) * LINE) >> 3) + slot];
    }
    return values;
  }

  /** A slice failed: wake every waiting slice, which throws (and so does every later meeting). */
  break(): void {
    Atomics.store(this.i32, BROKEN, 1);
    for (let k = 0; k < this.slices; k++) Atomics.notify(this.i32, this.roundAt(k));
  }

  get broken(): boolean {
    return Atomics.load(this.i32, BROKEN) !== 0;
  }

  /** Wait until slice k has reached `round` (its round cell only grows). */
  private await(k: number, round: number): void {
    const i32 = this.i32, at = this.roundAt(k);
    for (let tries = 0; ; tries++) {
      const seen = Atomics.load(i32, at);
      if (seen >= round) return;
      if (tries >= this.spins) {
        if (this.broken) this.fail();
        Atomics.add(i32, SLEEPERS, 1);
        Atomics.wait(i32, at, seen, 1000);
        Atomics.sub(i32, SLEEPERS, 1);
      } else if ((tries & 1023) === 1023 && this.broken) this.fail();
    }
  }

  private fail(): never {
    throw new Error(`SharedCoupling: slice ${this.index}: another slice of the network failed`);
  }
}
