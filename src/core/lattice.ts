/**
 * Lattice inhibition (Hazan et al. 2018, the LM-SNN; ../shared/LMSNN.md): the excitatory neurons sit on a side x side
 * lattice (neuron k at row k div side, column k mod side) and inhibitory neuron k inhibits excitatory neuron j with
 *   w(k, j) = min(wInhExc, c * sqrt(d(k, j)))      (d the Euclidean distance on the lattice; w(k, k) = 0)
 * where the level c follows the learned digits (presetTypes.ts InhibitionSchedule).
 *
 * It is delivered through the shared inhibition of sharedInhibition.ts: an inhibitory spike adds wInhExc to the shared
 * conductance G and the shortfall wInhExc - w(k, j) to neuron j's own share S_j, so that gi_j = G - S_j is exactly the
 * lattice sum; the neurons with a share are updated with their own gi by the step kernels. Once c reaches wInhExc
 * every shortfall but the own neuron's is 0: the uniform inhibition, on its fast path (`lattice` is then false).
 * With the WASM step loop, steps with inhibitory spikes return to TypeScript while the lattice is on (the block's
 * inhEvents), where this module delivers them.
 */
import { IndexSet } from "./indexSet";
import { InhibitionSchedule } from "./presetTypes";

/** The side of the square lattice of `neurons` neurons; throws unless `neurons` is a perfect square. */
export function latticeSide(neurons: number, presetName: string): number {
  const side = Math.round(Math.sqrt(neurons));
  if (side * side !== neurons) {
    throw new RangeError(`preset ${presetName}: lattice inhibition needs a square number of neurons (${Math.max(1, side - 1) ** 2}, ${side ** 2}, ${(side + 1) ** 2}, ...), got ${neurons}`);
  }
  return side;
}

/** sqrt(d) for every lattice offset: factors[dx * side + dy] = (dx^2 + dy^2)^(1/4), dx and dy in [0, side). */
export function distanceFactors(side: number): Float64Array {
  const factors = new Float64Array(side * side);
  for (let dx = 0; dx < side; dx++) {
    for (let dy = 0; dy < side; dy++) factors[dx * side + dy] = Math.sqrt(Math.sqrt(dx * dx + dy * dy));
  }
  return factors;
}

/**
 * The level c for the next digit, after `learned` learned digits of the `planned` digits a run learns; `cap` is the
 * preset's wInhExc. As the authors' scripts: the two-level switch comes after digit int(planned * lowFraction), the
 * growing raises after each everyDigits-th digit (the digit itself still at the old level), never past the cap.
 */
export function inhibitionLevel(schedule: Readonly<InhibitionSchedule>, learned: number, planned: number, cap: number): number {
  switch (schedule.kind) {
    case "constant":
      return schedule.c;
    case "two-level":
      return learned > Math.floor(planned * schedule.lowFraction) ? cap : schedule.cLow;
    case "growing": {
      const raises = learned > 0 ? Math.floor((learned - 1) / schedule.everyDigits) : 0;
      if (raises === 0) return schedule.cStart;
      if (schedule.shape === "linear") {
        const step = (cap - schedule.cStart) / (planned * schedule.growFraction) * schedule.everyDigits;
        return Math.min(cap, schedule.cStart + raises * step);
      }
      const most = Math.floor(planned / schedule.everyDigits);
      return Math.min(cap, cap / Math.log(1 + most) * Math.log(1 + raises));
    }
  }
}

/** What the schedule needs checked (called by validatePreset); throws naming the field. */
export function checkSchedule(schedule: Readonly<InhibitionSchedule> | undefined, presetName: string): void {
  const fail = (what: string): never => {
    throw new RangeError(`preset ${presetName}: inhibition.schedule${what}`);
  };
  if (typeof schedule !== "object" || schedule === null) return fail(" is missing: give one of constant, two-level, growing");
  const positive = (name: string, value: number): void => {
    if (!(Number.isFinite(value) && value > 0)) fail(`.${name} must be a number > 0, got ${value}`);
  };
  const fraction = (name: string, value: number): void => {
    if (!(value >= 0 && value <= 1)) fail(`.${name} must lie in [0, 1], got ${value}`);
  };
  switch (schedule.kind) {
    case "constant":
      return positive("c", schedule.c);
    case "two-level":
      positive("cLow", schedule.cLow);
      return fraction("lowFraction", schedule.lowFraction);
    case "growing":
      if (schedule.shape !== "linear" && schedule.shape !== "logarithmic") fail(`.shape must be "linear" or "logarithmic", got ${JSON.stringify(schedule.shape)}`);
      positive("cStart", schedule.cStart);
      if (!(schedule.growFraction > 0 && schedule.growFraction <= 1)) fail(`.growFraction must lie in (0, 1], got ${schedule.growFraction}`);
      if (!(Number.isInteger(schedule.everyDigits) && schedule.everyDigits >= 1)) fail(`.everyDigits must be a whole number >= 1, got ${schedule.everyDigits}`);
      return;
    default:
      fail(`.kind must be "constant", "two-level" or "growing", got ${JSON.stringify((schedule as { kind: unknown }).kind)}`);
  }
}

/** The lattice's rows at the current level, delivered into a shared inhibition's G and own shares. */
export class LatticeInhibition {
  readonly side: number;
  readonly factors: Float64Array;
  /** The current level c (setLevel). */
  level = 0;

  constructor(readonly neurons: number, readonly cap: number, presetName: string) {
    this.side = latticeSide(neurons, presetName);
    this.factors = distanceFactors(this.side);
  }

  /** Whether some weight between distinct neurons is below the cap at this level (the nearest are at sqrt(d) = 1). */
  get lattice(): boolean {
    return this.level < this.cap;
  }

  setLevel(c: number): void {
    this.level = c;
  }

  /**
   * Inhibitory neuron k spiked: G += cap (returned for the caller to add), and each neuron j with a shortfall
   * cap - w(k, j) > 0 adds it to its share (joining `self` in increasing j when new).
   */
  deliver(k: number, self: IndexSet, shares: Float64Array): number {
    const { side, factors, cap, level } = this;
    const kx = Math.floor(k / side), ky = k - kx * side;
    for (let jx = 0, j = 0; jx < side; jx++) {
      const row = Math.abs(jx - kx) * side;
      for (let jy = 0; jy < side; jy++, j++) {
        const w = level * factors[row + Math.abs(jy - ky)];
        const shortfall = w < cap ? cap - w : 0;
        if (shortfall > 0) {
          if (!self.has(j)) self.add(j);
          shares[j] += shortfall;
        }
      }
    }
    return cap;
  }
}
