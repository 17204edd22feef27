/**
 * Input delays on the input -> excitatory synapses, as the released code's Brian 1 DelayConnection and its STDP run
 * them (../shared/FIDELITY.md section 1):
 * - every synapse (i, j) has a delay d_ij in steps, drawn once per network from the stream "input-delays":
 *   floor(U[0, 1) * S), S = inputDelayMs / dtMs (0 .. 19 at 10 ms and 0.5 ms), or with a shortest delay m
 *   (inputDelayMinMs) floor(U(m, inputDelayMs) / dtMs) (12 .. 79 at 3 - 20 ms and 0.25 ms);
 * - an input spike of i at step t adds w_ij, as it is at t, to neuron j's ge at step t + d_ij: at t the spike's row is
 *   scattered into a ring of S slots (slot (t + d_ij) mod S), and at each step the step kernel adds that step's slot
 *   to ge (as it adds the rows of the step's input spikes without delays), which is then cleared;
 * - STDP on arrival-time traces: the depression of a pre spike of i at step t is applied S steps later, for the whole
 *   row, as w_ij -= nuPre * post1_j(t + d_ij), post1_j taken at the arrival step before that step's post spikes; the
 *   potentiation at a post spike of j at step t is w_ij += scale * pre_i(t - d_ij), pre_i taken at step t - d_ij with
 *   that step's pre spikes (the no-delay rule's orders at each synapse's own time).
 * Traces are set to 1 by a spike, so a trace at a past step needs only the last spike before it: the histories keep the
 * last S + 1 spike steps of every input and neuron, enough for any step within the last S. The kernels (scatter,
 * delayed depression, potentiation with delays) are in kernels.ts / delayKernels.ts; this class draws the delays and
 * keeps the histories.
 */
import { createRng, deriveSeed } from "../random/rng";
import { NEVER, shiftStamps } from "./plasticity";
import { INPUTS, Layout } from "./state";

export class InputDelays {
  /** Delay of each synapse in steps, W's layout (u8[INPUTS x np], padded lanes 0). */
  readonly delays: Uint8Array;
  /** The delay ring: slots x np (f32). */
  readonly ring: Float32Array;
  /** Scratch holding the current slot's index (the step kernel's one row: rowBase = the ring). */
  readonly slot: Int32Array;
  /** Spike histories (circular, newest at head) of the inputs and the excitatory neurons. */
  readonly preHist: Int32Array;
  readonly preHead: Int32Array;
  readonly postHist: Int32Array;
  readonly postHead: Int32Array;
  /** Entries per history (slots + 1). */
  readonly history: number;
  /** The delayed depression kernel's copy of the recent post neurons (the layout's depList scratch). */
  readonly recentPost: Int32Array;
  /**
   * The additive traces' values right after each history entry's spike (weight-dependent rules; weightRules.ts): an
   * additive trace at a past step is that value decayed from the last spike at or before it.
   */
  readonly preValue: Float64Array;
  readonly postValue: Float64Array;

  constructor(private readonly layout: Layout, readonly slots: number) {
    if (!Number.isInteger(slots) || !(slots >= 1 && slots <= 255)) throw new RangeError(`InputDelays: slots must be an integer in [1, 255], got ${slots}`);
    const { memory: { buffer }, ptr, np } = layout;
    this.history = slots + 1;
    this.delays = new Uint8Array(buffer, ptr.delays, INPUTS * np);
    this.ring = new Float32Array(buffer, ptr.delayRing, slots * np);
    this.slot = new Int32Array(buffer, ptr.delaySlot, 1);
    this.recentPost = new Int32Array(buffer, ptr.depList, np);
    this.preHist = new Int32Array(buffer, ptr.preHist, INPUTS * this.history);
    this.preHead = new Int32Array(buffer, ptr.preHead, INPUTS);
    this.postHist = new Int32Array(buffer, ptr.postHist, np * this.history);
    this.postHead = new Int32Array(buffer, ptr.postHead, np);
    this.preValue = new Float64Array(INPUTS * this.history);
    this.postValue = new Float64Array(np * this.history);
    this.preHist.fill(NEVER);
    this.postHist.fill(NEVER);
  }

  /**
   * Draw every synapse's delay from the run's seed (stream "input-delays"), row by row: floor(u * slots), or with a
   * shortest delay (`range`, ms) floor((minMs + u * (maxMs - minMs)) / dtMs), Brian 1's draw of a (min, max) pair.
   */
  draw(seed: number, neurons: number, range?: { minMs: number; maxMs: number; dtMs: number }): void {
    const rng = createRng(deriveSeed(seed, "input-delays"));
    const { np } = this.layout;
    const last = this.slots - 1;
    for (let i = 0; i < INPUTS; i++) {
      for (let j = 0; j < neurons; j++) {
        const u = rng.nextFloat();
        // u < 1 keeps the delay below maxMs; the min() guards against the sum rounding up to maxMs itself
        this.delays[i * np + j] = range ? Math.min(last, Math.floor((range.minMs + u * (range.maxMs - range.minMs)) / range.dtMs)) : Math.floor(u * this.slots);
      }
    }
  }

  /** The ring slot of step t. */
  slotOf(t: number): number {
    const s = t % this.slots;
    return s < 0 ? s + this.slots : s;
  }

  /** Empty slot s after the step kernel added it. */
  clearSlot(s: number): void {
    const np = this.layout.np;
    this.ring.fill(0, s * np, (s + 1) * np);
  }

  /** Input i spiked at step t (`value`: its additive trace right after the spike, for the weight-dependent rules). */
  pushPre(i: number, t: number, value = 0): void {
    this.preValue[i * this.history + push(this.preHist, this.preHead, this.history, i, t)] = value;
  }

  /** Excitatory neuron j spiked at step t (`value`: as for pushPre). */
  pushPost(j: number, t: number, value = 0): void {
    this.postValue[j * this.history + push(this.postHist, this.postHead, this.history, j, t)] = value;
  }

  /** Input i's additive trace at step u, with the spikes of step u (table: its decay powers). */
  preTraceAt(i: number, u: number, table: Float64Array): number {
    return traceAt(this.preHist, this.preHead[i], this.preValue, this.history, i, u, true, table);
  }

  /** Neuron j's additive trace at step u, before the spikes of step u. */
  postTraceBefore(j: number, u: number, table: Float64Array): number {
    return traceAt(this.postHist, this.postHead[j], this.postValue, this.history, j, u, false, table);
  }

  /** Shift every history stamp by -shift (the network's rebase). */
  rebase(shift: number): void {
    shiftStamps(this.preHist, shift);
    shiftStamps(this.postHist, shift);
  }
}

/** Append t to n's history; returns the entry's index. */
function push(hist: Int32Array, head: Int32Array, h: number, n: number, t: number): number {
  const k = head[n] + 1 === h ? 0 : head[n] + 1;
  head[n] = k;
  hist[n * h + k] = t;
  return k;
}

/**
 * The index in `hist` (n's entries n * h .. n * h + h - 1, circular, the newest at `head`) of n's last spike at or
 * before step u (before u without `atOrBefore`); -1 when none is known. Also the TypeScript oracle's lookup.
 */
export function historyEntry(hist: Int32Array, head: number, h: number, n: number, u: number, atOrBefore: boolean): number {
  for (let q = 0, k = head; q < h; q++, k = k === 0 ? h - 1 : k - 1) {
    const s = hist[n * h + k];
    if (atOrBefore ? s <= u : s < u) return n * h + k;
  }
  return -1;
}

/** The value of n's last entry at or before u (before u without `atOrBefore`), decayed to u; 0 when none. */
function traceAt(hist: Int32Array, head: number, value: Float64Array, h: number, n: number, u: number, atOrBefore: boolean,
  table: Float64Array): number {
  const e = historyEntry(hist, head, h, n, u, atOrBefore);
  return e >= 0 && u - hist[e] < table.length ? value[e] * table[u - hist[e]] : 0;
}
