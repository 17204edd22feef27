/**
 * How the slices of a network split across threads meet (splitNetwork.ts in src/experiment runs them). A slice is a
 * Simulation of a contiguous range of the excitatory neurons (and of their inhibitory partners, which only they drive);
 * what one slice's neurons do to another's passes through these meetings, in the same order in every slice, so that
 * each slice computes exactly the bits the whole network would:
 *
 * - every step: the step's inhibitory spike count (every excitatory neuron but the spiking partner receives wInhExc;
 *   conductanceStep.ts and currentStep.ts add the other slices' spikes after their own, which gives the same bits
 *   because every addition adds the same weight);
 * - current model with oneSpikePerStep: the over-threshold counts, so that every slice draws the same random choice;
 * - every presentation: the excitatory spikes (the retry rule), the largest theta (the clamp counter's gate); the rest
 *   period: whether every slice has settled.
 *
 * A network of one slice has no coupling (Simulation.coupling undefined) and runs exactly as before.
 */

/**
 * Two steps' inhibitory spike counts sent at one meeting: count * PAIR_PACKING + next step's count (the step loop,
 * conductanceStep.ts). Sums of packed values unpack to the sums of the counts while a step's spikes stay below it (at
 * most one per neuron, and networks have at most 100,000), and every value stays exact in f64.
 */
export const PAIR_PACKING = 2 ** 20;

/** The meeting point of the slices of one network. */
export interface Coupling {
  /** Number of slices (threads). */
  readonly slices: number;
  /** This slice's position (0-based; slices hold ascending neuron ranges). */
  readonly index: number;
  /**
   * Give this slice's value and wait for every slice's: the values in slice order. The view is valid until the next
   * call but one (do not keep it).
   */
  gather(value: number): ArrayLike<number>;
}

/** The sum of every slice's `value` (exact for integers below 2^53). */
export function sumAll(c: Coupling, value: number): number {
  const all = c.gather(value);
  let sum = 0;
  for (let k = 0; k < all.length; k++) sum += all[k];
  return sum;
}

/** The largest of every slice's `value`. */
export function maxAll(c: Coupling, value: number): number {
  const all = c.gather(value);
  let max = -Infinity;
  for (let k = 0; k < all.length; k++) if (all[k] > max) max = all[k];
  return max;
}

/** Whether every slice's `value` is true. */
export function allTrue(c: Coupling, value: boolean): boolean {
  return sumAll(c, value ? 1 : 0) === c.slices;
}
