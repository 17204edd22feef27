/**
 * State shared by the learning rules and the weight normalisation: lazy traces (the step of each neuron's last
 * spike; a trace's value is decay^(t - last), read from a power table), the list of recently active post neurons
 * (the only ones depression can touch), and the set of columns changed since the last normalisation.
 */
import { Derived } from "./derived";
import { IndexSet } from "./indexSet";
import { INPUTS } from "./state";

/** Step stamp meaning "never spiked": every trace is 0. */
export const NEVER = -1_000_000_000;

export interface Plasticity {
  w: Float32Array;
  np: number;
  neurons: number;
  /** Step of each input's last spike. */
  lastPre: Int32Array;
  /** Inputs whose pre trace may be non-zero (the only ones potentiation can touch). */
  recentPre: IndexSet;
  /** Step of each excitatory neuron's last (emitted) spike. */
  lastPost: Int32Array;
  /** Post neurons whose traces may be non-zero (their columns may have been depressed: see normalizeColumns). */
  recent: IndexSet;
  /** The subset of `recent` whose depressing trace (post1) may be non-zero: the only ones depression touches. */
  recentDep: IndexSet;
  /** Columns changed since the last normalisation. */
  dirty: IndexSet;
  derived: Derived;
  /** Scratch for the normalisation: column sums, then factors. */
  colSum: Float64Array;
  /**
   * Additive traces of the weight-dependent rules (weightRules.ts: x += 1 on a spike), lazily: each input's and each
   * post neuron's value at the step of its last spike (its value at t is that times the trace's decay^(t - step)).
   */
  sumPre: Float64Array;
  sumPreAt: Int32Array;
  sumPost: Float64Array;
  sumPostAt: Int32Array;
  /**
   * With input delays (delays.ts): the additive traces as synapse (i, j) sees them: input i's at the post spike's step
   * t minus d_ij, neuron j's at a pre spike's arrival t + d_ij (before that step's post spikes).
   */
  delayed?: {
    preTraceAt(i: number, j: number, t: number): number;
    postTraceAtArrival(i: number, j: number, t: number): number;
  };
  /**
   * Scales the listed columns to sum to `total` (the arithmetic of scaleColumnsTo); the network
   * sets one backed by its kernels. Absent: normalizeColumns does it in TypeScript.
   */
  scaleColumns?: (cols: Int32Array, count: number, total: number) => void;
  /**
   * Potentiates column j at step t (the arithmetic of potentiateColumnTo in stdp.ts, over recentPre); the network sets
   * one backed by its kernels. Absent: the rule does it in TypeScript.
   */
  potentiate?: (j: number, t: number, scale: number, wMax: number) => void;
}

export interface PlasticityOptions {
  scaleColumns?: Plasticity["scaleColumns"];
  potentiate?: Plasticity["potentiate"];
  /** Storage for lastPre and recentPre (INPUTS entries each; for example in WASM memory). */
  lastPre?: Int32Array;
  recentPre?: { list: Int32Array; member: Uint8Array };

}

export function createPlasticity(w: Float32Array, neurons: number, np: number, derived: Derived, options: PlasticityOptions = {}): Plasticity {
  const p: Plasticity = {
    w, np, neurons, derived, scaleColumns: options.scaleColumns, potentiate: options.potentiate,
    lastPre: (options.lastPre ?? new Int32Array(INPUTS)).fill(NEVER),
    recentPre: new IndexSet(INPUTS, options.recentPre),
    lastPost: new Int32Array(np).fill(NEVER),
    recent: new IndexSet(np),
    recentDep: new IndexSet(np),
    dirty: new IndexSet(np),
    colSum: new Float64Array(np),
    sumPre: new Float64Array(INPUTS), sumPreAt: new Int32Array(INPUTS).fill(NEVER),
    sumPost: new Float64Array(np), sumPostAt: new Int32Array(np).fill(NEVER),
  };
  for (let j = 0; j < neurons; j++) p.dirty.add(j);
  return p;
}

/**
 * Drop post neurons and inputs whose traces have decayed to 0 by step t. With input delays (`lag`: their longest
 * delay in steps) traces are read up to `lag` steps in the past, so they are kept `lag` steps longer.
 */
export function pruneRecent(p: Plasticity, t: number, lag = 0): void {
  const horizon = Math.max(p.derived.post1Pow.length, p.derived.post2Pow.length) + lag;
  p.recent.retain((j) => t - p.lastPost[j] < horizon);
  p.recentDep.retain((j) => t - p.lastPost[j] < p.derived.post1Pow.length + lag);
  p.recentPre.retain((i) => t - p.lastPre[i] < p.derived.prePow.length + lag);
}

/** Post neuron j spiked at step t: its traces' stamp, the recent sets, and its column marked as changed. */
export function stampPost(p: Plasticity, j: number, t: number): void {
  p.lastPost[j] = t;
  p.recent.add(j);
  p.recentDep.add(j);
  p.dirty.add(j);
}

/** Shift every step stamp of `a` by -shift, keeping NEVER (and never going below it): the network's rebase. */
export function shiftStamps(a: Int32Array, shift: number): void {
  for (let k = 0; k < a.length; k++) a[k] = a[k] === NEVER ? NEVER : Math.max(NEVER, a[k] - shift);
}

/** Forget all traces (BindsNET resets them after each digit). */
export function resetTraces(p: Plasticity): void {
  p.lastPre.fill(NEVER);
  p.lastPost.fill(NEVER);
  p.sumPre.fill(0);
  p.sumPreAt.fill(NEVER);
  p.sumPost.fill(0);
  p.sumPostAt.fill(NEVER);
  p.recent.clear();
  p.recentDep.clear();
  p.recentPre.clear();
}

/**
 * Scale each changed column j (the marked ones and the recent post neurons, which depression may have touched) (the input weights of excitatory neuron j) so that sum_i W[i, j] = total
 * (paper: "normalised so that the sum of the weights to each excitatory neuron is 78"). Unchanged columns already sum to
 * `total`, so skipping them is exact up to rounding. A column whose weights are all 0 is left at 0.
 * Sums and factors are computed in f64, the scaled weights stored in f32.
 */
export function normalizeColumns(p: Plasticity, total: number): void {
  const { w, np, colSum, dirty, recent } = p;
  for (let r = 0; r < recent.count; r++) dirty.add(recent.list[r]);
  const count = dirty.count, dirtyList = dirty.list;
  if (count === 0) return;
  if (p.scaleColumns) p.scaleColumns(dirtyList, count, total);
  else scaleColumnsTo(w, np, INPUTS, dirtyList, count, colSum, total);
  dirty.clear();
}

/**
 * Scale columns cols[0 .. count) of W (inputs x np, row-major) to sum to `total`: f64 sums in row order, factor
 * total / sum (1 for an all-zero column), f32 products. `sums`: scratch for count f64. The TypeScript form of the
 * normalisation kernel (kernels.ts uses it as the oracle of kernels.wat's normalizeColumns).
 */
export function scaleColumnsTo(w: Float32Array, np: number, inputs: number, cols: Int32Array, count: number, sums: Float64Array,
  total: number): void {
  sums.fill(0, 0, count);
  // Row-major passes over the changed columns: each row's entries are near each other in memory.
  for (let i = 0; i < inputs; i++) {
    const row = i * np;
    for (let d = 0; d < count; d++) sums[d] += w[row + cols[d]];
  }
  for (let d = 0; d < count; d++) sums[d] = sums[d] > 0 ? total / sums[d] : 1;
  for (let i = 0; i < inputs; i++) {
    const row = i * np;
    for (let d = 0; d < count; d++) w[row + cols[d]] *= sums[d];
  }
}

/** Sum of column j of W (for tests and diagnostics). */
export function columnSum(p: Pick<Plasticity, "w" | "np">, j: number): number {
  let sum = 0;
  const inputs = INPUTS;
  for (let i = 0, k = j; i < inputs; i++, k += p.np) sum += p.w[k];
  return sum;
}
