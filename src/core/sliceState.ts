/**
 * A network's state cut into the states of its slices (contiguous ranges of excitatory neurons, with their inhibitory
 * partners), and the slices' states joined back into the whole network's: what a network split across threads
 * (coupling.ts) starts from and exports. Each array is cut and joined as its axis in networkState.ts STATE_ARRAYS says:
 * per-neuron arrays, weight columns and per-neuron rows by range; what belongs to the inputs (pre traces, input delays'
 * histories, the random streams) and the shared inhibition G are the same in every slice; index lists keep the neurons
 * of the slice, renumbered from its first.
 *
 * Totals: each slice counts its own neurons' spikes (and eInh clamps); the counts of digits, presentations, input
 * spikes and steps are the network's and the same in every slice. Slice 0 carries the network's spike totals
 * from before the split, the others start theirs at 0; joining sums them.
 */
import { NetworkState, STATE_ARRAYS } from "./networkState";
import { Totals } from "./simulation";
import { INPUTS } from "./state";

/** The Totals fields each slice counts for its own neurons (joined by summing); the rest are the network's. */
const PER_SLICE_TOTALS = ["excSpikes", "eInhClamps", "spentExcSpikes", "spentInhSpikes"] as const satisfies readonly (keyof Totals)[];

/** The whole network's totals from its slices' (in slice order): their own spikes summed, the rest slice 0's. */
export function joinTotals(parts: readonly Readonly<Totals>[]): Totals {
  const totals = { ...parts[0] };
  for (const key of PER_SLICE_TOTALS) totals[key] = parts.reduce((s, p) => s + p[key], 0);
  return totals;
}

/** Ranges [from, to) of `slices` slices of `neurons` neurons, as even as can be (the first ones one larger). */
export function sliceRanges(neurons: number, slices: number): { from: number; to: number }[] {
  if (!Number.isInteger(slices) || !(slices >= 1)) throw new RangeError(`sliceRanges: slices must be an integer >= 1, got ${slices}`);
  if (slices > neurons) throw new RangeError(`sliceRanges: ${slices} slices need at least ${slices} neurons, the network has ${neurons}`);
  const base = Math.floor(neurons / slices), extra = neurons % slices;
  const ranges: { from: number; to: number }[] = [];
  for (let k = 0, from = 0; k < slices; k++) {
    const to = from + base + (k < extra ? 1 : 0);
    ranges.push({ from, to });
    from = to;
  }
  return ranges;
}

type AnyArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** A typed array of the same kind as `like`, of `length` elements. */
const like = <T extends AnyArray>(x: T, length: number): T => new (x.constructor as new (n: number) => T)(length);

/** Columns [from, to) of an inputs x neurons row-major matrix. */
function columns<T extends Float32Array | Uint8Array>(m: T, neurons: number, from: number, to: number): T {
  const width = to - from, out = like(m, INPUTS * width);
  for (let i = 0; i < INPUTS; i++) out.set(m.subarray(i * neurons + from, i * neurons + to), i * width);
  return out;
}

/** The members of an index list within [from, to), renumbered from `from`. */
function within(list: Int32Array, from: number, to: number): Int32Array {
  return Int32Array.from(list.filter((j) => j >= from && j < to), (j) => j - from);
}

/** Rows [from, to) of a neurons x width row-major array. */
function rows<T extends Int32Array | Float64Array>(a: T, neurons: number, from: number, to: number): T {
  const width = a.length / neurons;
  return a.slice(from * width, to * width) as T;
}

/** Slice `index` of `state`: neurons [from, to) (sliceRanges); each array cut as its axis says (STATE_ARRAYS). */
export function sliceState(state: NetworkState, from: number, to: number, index: number): NetworkState {
  const n = state.neurons;
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from < to && to <= n)) {
    throw new RangeError(`sliceState: the range [${from}, ${to}) must lie within the network's ${n} neurons and hold one at least`);
  }
  const a = state.arrays as unknown as Record<string, AnyArray | undefined>;
  const totals = { ...state.totals };
  if (index > 0) for (const key of PER_SLICE_TOTALS) totals[key] = 0;
  const refKept = Array.from(state.arrays.refNeurons.keys()).filter((k) => state.arrays.refNeurons[k] >= from && state.arrays.refNeurons[k] < to);
  const out: Record<string, AnyArray> = {};
  for (const { name, axis } of STATE_ARRAYS) {
    const x = a[name];
    if (x === undefined) continue;
    if (axis === "neuron") out[name] = x.slice(from, to);
    else if (axis === "synapse") out[name] = columns(x as Float32Array | Uint8Array, n, from, to);
    else if (axis === "neuronRows") out[name] = rows(x as Int32Array | Float64Array, n, from, to);
    else if (axis === "list") out[name] = within(x as Int32Array, from, to);
    else if (axis === "queue") out[name] = Int32Array.from(refKept, (k) => (name === "refNeurons" ? x[k] - from : x[k]));
    else out[name] = x;
  }
  return { ...state, neurons: to - from, totals, prevEmitted: out.emittedPrev.length, arrays: out as unknown as NetworkState["arrays"] };
}

/** Concatenate per-neuron arrays of the slices. */
function concat<T extends Float32Array | Float64Array | Int32Array>(parts: T[]): T {
  const out = like(parts[0], parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The slices' index lists, renumbered to the network's neurons, one after another. */
function joinLists(lists: Int32Array[], offsets: number[]): Int32Array {
  return concat(lists.map((l, k) => l.map((j) => j + offsets[k])));
}

/** Join the columns of the slices' inputs x width matrices. */
function joinColumns<T extends Float32Array | Uint8Array>(parts: T[], widths: number[]): T {
  const n = widths.reduce((s, w) => s + w, 0), out = like(parts[0], INPUTS * n);
  for (let i = 0; i < INPUTS; i++) {
    let at = i * n;
    parts.forEach((p, k) => {
      out.set(p.subarray(i * widths[k], (i + 1) * widths[k]), at);
      at += widths[k];
    });
  }
  return out;
}

/**
 * The whole network's state from its slices' (in slice order), each array joined as its axis says (STATE_ARRAYS).
 * Index lists come in slice order (the order of a list's members changes no result); the refractory queue is ordered
 * by release step, then neuron, as a whole network fills it (its neurons enter in step order, a step's in neuron order).
 */
export function joinStates(parts: NetworkState[]): NetworkState {
  if (parts.length === 0) throw new RangeError("joinStates: no slices");
  const first = parts[0];
  const widths = parts.map((p) => p.neurons);
  const offsets = widths.map((_, k) => widths.slice(0, k).reduce((s, w) => s + w, 0));
  const totals = joinTotals(parts.map((p) => p.totals));
  const arrays = parts.map((p) => p.arrays as unknown as Record<string, AnyArray | undefined>);
  const refs = parts.flatMap((p, k) => Array.from(p.arrays.refNeurons, (j, q) => ({ j: j + offsets[k], until: p.arrays.refUntil[q] })));
  refs.sort((x, y) => x.until - y.until || x.j - y.j);
  const out: Record<string, AnyArray> = {};
  for (const { name, axis } of STATE_ARRAYS) {
    if (arrays[0][name] === undefined) continue;
    const each = arrays.map((a) => a[name]!);
    if (axis === "neuron" || axis === "neuronRows") out[name] = concat(each as (Float32Array | Float64Array | Int32Array)[]);
    else if (axis === "synapse") out[name] = joinColumns(each as (Float32Array | Uint8Array)[], widths);
    else if (axis === "list") out[name] = joinLists(each as Int32Array[], offsets);
    else if (axis === "queue") out[name] = Int32Array.from(refs, (r) => (name === "refNeurons" ? r.j : r.until));
    else out[name] = each[0];
  }
  return {
    ...first, neurons: offsets[parts.length - 1] + widths[parts.length - 1], totals, prevEmitted: out.emittedPrev.length,
    arrays: out as unknown as NetworkState["arrays"],
  };
}
