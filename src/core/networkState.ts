/**
 * The complete state of a network at a digit boundary, as plain typed arrays: what saveNetwork writes (see
 * snapshot.ts for the file format), what checkpoints and clones carry. A network restored from it continues exactly as
 * the original would have.
 */
import { Preset } from "./params";
import { Simulation, Totals } from "./simulation";
import { INPUTS } from "./state";

/** The complete state of a network at a digit boundary (exportState / fromState; saved by snapshot.ts). */
export interface NetworkState {
  neurons: number;
  seed: number;
  preset: Readonly<Preset>;
  t: number;
  totals: Totals;
  giShared: number;
  rngInput: number[];
  rngTies: number[];
  prevEmitted: number;
  /** The digits the network will learn (NetworkOptions.trainingDigits; absent: not given). */
  trainingDigits?: number;
  /** Free-form numbers saved with the state (for example a checkpoint's training time). */
  meta?: Record<string, number>;
  arrays: {
    /** Input weights, 784 x neurons row-major (unpadded). */
    weights: Float32Array;
    theta: Float64Array;
    v: Float32Array;
    ge: Float32Array;
    lastPre: Int32Array;
    lastPost: Int32Array;
    recent: Int32Array;
    /** Absent in states saved by earlier versions (rebuilt from lastPre). */
    recentPre?: Int32Array;
    dirty: Int32Array;
    selfList: Int32Array;
    selfGi: Float64Array;
    inhV: Float64Array;
    inhInput: Float64Array;
    inhRefUntil: Int32Array;
    inhSince: Int32Array;
    inhActive: Int32Array;
    refNeurons: Int32Array;
    refUntil: Int32Array;
    emittedPrev: Int32Array;
    /** Input delays (presets with inputDelayMs): each synapse's delay in steps, 784 x neurons row-major (unpadded). */
    delays?: Uint8Array;
    /** Their spike histories (circular, newest at the head): inputs x (S + 1) and neurons x (S + 1), and the heads. */
    delayPreHistory?: Int32Array;
    delayPreHead?: Int32Array;
    delayPostHistory?: Int32Array;
    delayPostHead?: Int32Array;
    /** The additive traces' values at the history entries (weight-dependent rules with input delays). */
    delayPreValue?: Float64Array;
    delayPostValue?: Float64Array;
    /** Additive traces of the weight-dependent rules (weightRules.ts; saved with those rules only). */
    sumPre?: Float64Array;
    sumPreAt?: Int32Array;
    sumPost?: Float64Array;
    sumPostAt?: Int32Array;
  };
}

type Rows = Float32Array | Uint8Array;

/** The INPUTS rows of `padded` (np lanes each) without their padded lanes, into `out` (neurons per row). */
function unpadRows<T extends Rows>(padded: T, out: T, np: number, neurons: number): T {
  for (let i = 0; i < INPUTS; i++) out.set(padded.subarray(i * np, i * np + neurons), i * neurons);
  return out;
}

/** The INPUTS rows of `rows` (neurons each) into `padded` (np lanes per row). */
function padRows<T extends Rows>(rows: T, padded: T, np: number, neurons: number): void {
  for (let i = 0; i < INPUTS; i++) padded.set(rows.subarray(i * neurons, (i + 1) * neurons), i * np);
}

/**
 * How a state array is laid out (what slicing, joining and the file checks key on):
 *   neuron      one value per excitatory neuron (or its inhibitory partner)
 *   synapse     inputs x neurons, row-major (a column per neuron)
 *   neuronRows  neurons x width, row-major (a row per neuron; width = length / neurons)
 *   list        neuron indices, each below the network's size (a slice keeps its own, renumbered from its first)
 *   input       per input, or inputs x width: the network's, the same in every slice
 *   inputList   input indices (the recent inputs): the network's, the same in every slice
 *   queue       the refractory queue's neurons (refNeurons) and release steps (refUntil), element by element
 */
export type StateAxis = "neuron" | "synapse" | "neuronRows" | "list" | "input" | "inputList" | "queue";

/** When a network has an array: always, with input delays, with a rule's additive traces, or with both. */
export type StatePresence = "always" | "delays" | "additiveTraces" | "delaysAndAdditiveTraces";

/** One array of the network state: the table below is the one place that lists them. */
export interface StateArray {
  name: keyof NetworkState["arrays"];
  type: "f32" | "f64" | "i32" | "u8";
  axis: StateAxis;
  when: StatePresence;
  /** The part of the simulation that holds it. */
  owner: string;
  /** Its length in a network (checked on import; list lengths are an upper bound). */
  length(sim: Simulation): number;
  get(sim: Simulation): AnyStateArray;
  set(sim: Simulation, value: AnyStateArray): void;
  /** What a state saved before the array existed implies (absent: the array is required). */
  legacy?: string;
}

type AnyStateArray = Float32Array | Float64Array | Int32Array | Uint8Array;

const n = (sim: Simulation) => sim.neurons;
const synapses = (sim: Simulation) => INPUTS * sim.neurons;
const inputs = () => INPUTS;
const d = (sim: Simulation) => sim.delays!;
const history = (sim: Simulation) => sim.neurons * sim.delays!.history;

/** Every array of the network state, in file order (see StateArray). */
export const STATE_ARRAYS: readonly StateArray[] = Object.freeze([
  {
    name: "weights", type: "f32", axis: "synapse", when: "always", owner: "state.w (rows padded to np lanes)", length: synapses,
    get: (sim) => unpadRows(sim.state.w, new Float32Array(INPUTS * sim.neurons), sim.np, sim.neurons),
    set: (sim, a) => padRows(a as Float32Array, sim.state.w, sim.np, sim.neurons),
  },
  neuronArray("theta", "f64", "state", (sim) => sim.state.theta),
  neuronArray("v", "f32", "state", (sim) => sim.state.v),
  neuronArray("ge", "f32", "state", (sim) => sim.state.ge),
  inputArray("lastPre", "i32", "always", "plasticity", (sim) => sim.plasticity.lastPre),
  neuronArray("lastPost", "i32", "plasticity", (sim) => sim.plasticity.lastPost),
  listArray("recent", "plasticity (recent post neurons)", (sim) => sim.plasticity.recent),
  {
    name: "recentPre", type: "i32", axis: "inputList", when: "always", owner: "plasticity (recent inputs)", length: inputs,
    get: (sim) => sim.plasticity.recentPre.values(), set: (sim, a) => sim.plasticity.recentPre.load(a),
    legacy: "every input whose pre trace is still non-zero (from lastPre)",
  },
  listArray("dirty", "plasticity (columns to normalise)", (sim) => sim.plasticity.dirty),
  listArray("selfList", "inhibition (self-inhibited neurons)", (sim) => sim.inhibition.self),
  neuronArray("selfGi", "f64", "inhibition", (sim) => sim.inhibition.selfGi),
  neuronArray("inhV", "f64", "inhibitory layer", (sim) => sim.inhibitory.v),
  neuronArray("inhInput", "f64", "inhibitory layer", (sim) => sim.inhibitory.input),
  neuronArray("inhRefUntil", "i32", "inhibitory layer", (sim) => sim.inhibitory.refUntil),
  neuronArray("inhSince", "i32", "inhibitory layer", (sim) => sim.inhibitory.since),
  listArray("inhActive", "inhibitory layer (active neurons)", (sim) => sim.inhibitory.active),
  {
    name: "refNeurons", type: "i32", axis: "queue", when: "always", owner: "refractory queue", length: n,
    get: (sim) => sim.refractory.entries().neurons, set: () => undefined, // loaded with refUntil (importNetworkState)
  },
  {
    name: "refUntil", type: "i32", axis: "queue", when: "always", owner: "refractory queue", length: n,
    get: (sim) => sim.refractory.entries().until, set: () => undefined,
  },
  {
    name: "emittedPrev", type: "i32", axis: "list", when: "always", owner: "current model (spikes of the previous step)", length: n,
    get: (sim) => sim.emittedPrev.slice(0, sim.prevEmitted),
    set: (sim, a) => {
      sim.emittedPrev.set(a);
      sim.prevEmitted = a.length;
    },
  },
  {
    name: "delays", type: "u8", axis: "synapse", when: "delays", owner: "input delays (rows padded to np lanes)", length: synapses,
    get: (sim) => unpadRows(d(sim).delays, new Uint8Array(INPUTS * sim.neurons), sim.np, sim.neurons),
    set: (sim, a) => padRows(a as Uint8Array, d(sim).delays, sim.np, sim.neurons),
  },
  inputArray("delayPreHistory", "i32", "delays", "input delays", (sim) => d(sim).preHist),
  inputArray("delayPreHead", "i32", "delays", "input delays", (sim) => d(sim).preHead),
  rowsArray("delayPostHistory", "i32", "delays", (sim) => d(sim).postHist),
  { ...neuronArray("delayPostHead", "i32", "input delays", (sim) => d(sim).postHead), when: "delays" },
  inputArray("delayPreValue", "f64", "delaysAndAdditiveTraces", "input delays", (sim) => d(sim).preValue),
  rowsArray("delayPostValue", "f64", "delaysAndAdditiveTraces", (sim) => d(sim).postValue),
  inputArray("sumPre", "f64", "additiveTraces", "plasticity", (sim) => sim.plasticity.sumPre),
  inputArray("sumPreAt", "i32", "additiveTraces", "plasticity", (sim) => sim.plasticity.sumPreAt),
  { ...neuronArray("sumPost", "f64", "plasticity", (sim) => sim.plasticity.sumPost), when: "additiveTraces" },
  { ...neuronArray("sumPostAt", "i32", "plasticity", (sim) => sim.plasticity.sumPostAt), when: "additiveTraces" },
] satisfies StateArray[]);

/** A per-neuron array held in `of(sim)` (its first `neurons` entries). */
function neuronArray(name: StateArray["name"], type: StateArray["type"], owner: string, of: (sim: Simulation) => AnyStateArray): StateArray {
  return {
    name, type, axis: "neuron", when: "always", owner, length: n,
    get: (sim) => of(sim).slice(0, sim.neurons), set: (sim, a) => of(sim).set(a),
  };
}

/** An array of the inputs (all of `of(sim)`). */
function inputArray(name: StateArray["name"], type: StateArray["type"], when: StatePresence, owner: string,
  of: (sim: Simulation) => AnyStateArray): StateArray {
  return { name, type, axis: "input", when, owner, length: (sim) => of(sim).length, get: (sim) => of(sim).slice(), set: (sim, a) => of(sim).set(a) };
}

/** A neurons x history array of the input delays (its first neurons rows). */
function rowsArray(name: StateArray["name"], type: StateArray["type"], when: StatePresence, of: (sim: Simulation) => AnyStateArray): StateArray {
  return {
    name, type, axis: "neuronRows", when, owner: "input delays", length: history,
    get: (sim) => of(sim).slice(0, history(sim)), set: (sim, a) => of(sim).set(a),
  };
}

/** A set of neuron indices (an IndexSet, saved in its order). */
function listArray(name: StateArray["name"], owner: string, of: (sim: Simulation) => { values(): Int32Array; load(v: ArrayLike<number>): void }): StateArray {
  return { name, type: "i32", axis: "list", when: "always", owner, length: n, get: (sim) => of(sim).values(), set: (sim, a) => of(sim).load(a) };
}

/** Whether a network of `sim` has the arrays of `when`. */
function present(sim: Simulation, when: StatePresence): boolean {
  const delays = sim.delays !== undefined, additive = sim.rule.onPreSpike !== undefined;
  return when === "always" || (when === "delays" && delays) || (when === "additiveTraces" && additive) || (when === "delaysAndAdditiveTraces" && delays && additive);
}

/** Copy everything that determines the network's future (at a digit boundary). */
export function exportNetworkState(net: Simulation): NetworkState {
  const arrays: Record<string, AnyStateArray> = {};
  for (const entry of STATE_ARRAYS) if (present(net, entry.when)) arrays[entry.name] = entry.get(net);
  return {
    neurons: net.neurons, seed: net.seed, preset: net.preset, t: net.t, totals: { ...net.totals }, giShared: net.inhibition.g,
    rngInput: Array.from(net.rngInput.state()), rngTies: Array.from(net.rngTies.state()), prevEmitted: net.prevEmitted,
    ...(net.trainingDigits !== undefined ? { trainingDigits: net.trainingDigits } : {}),
    arrays: arrays as unknown as NetworkState["arrays"],
  };
}

/** The element type of a typed array, as STATE_ARRAYS names it. */
export function elementType(a: unknown): StateArray["type"] | undefined {
  return a instanceof Float32Array ? "f32" : a instanceof Float64Array ? "f64" : a instanceof Int32Array ? "i32" : a instanceof Uint8Array ? "u8" : undefined;
}

/**
 * Load a state into a fresh network of the same size (the caller refreshes the thresholds). Every array of the table
 * the network has must be there (unless an older state implies it: `legacy`), of its type and length, its indices
 * within the network; no other array may be.
 */
export function importNetworkState(net: Simulation, s: NetworkState): void {
  const a = s.arrays as unknown as Record<string, AnyStateArray | undefined>;
  const fail = (what: string): never => {
    throw new RangeError(`Network state: ${what}`);
  };
  const known = new Set<string>(STATE_ARRAYS.map((e) => e.name));
  for (const name of Object.keys(a)) if (a[name] !== undefined && !known.has(name)) fail(`unknown array ${name}`);
  for (const entry of STATE_ARRAYS) {
    const value = a[entry.name];
    if (!present(net, entry.when)) {
      if (value !== undefined) fail(`it holds ${entry.name} (${entry.owner}), which this network does not have (${entry.when === "always" ? "" : entry.when})`);
      continue;
    }
    if (value === undefined) {
      if (entry.legacy === undefined) fail(entry.when === "delays" ? `its preset has input delays (inputDelayMs) but the state holds no ${entry.name}` : `the array ${entry.name} is missing`);
      continue;
    }
    if (elementType(value) !== entry.type) fail(`${entry.name} must be ${entry.type}, got ${elementType(value) ?? typeof value}`);
    const want = entry.length(net), atMost = entry.axis === "list" || entry.axis === "inputList" || entry.axis === "queue";
    if (atMost ? value.length > want : value.length !== want) fail(`${entry.name} must hold ${atMost ? "at most " : ""}${want} values, got ${value.length}`);
    if (entry.axis === "list" || entry.axis === "inputList" || entry.name === "refNeurons") {
      const end = entry.axis === "inputList" ? INPUTS : net.neurons;
      for (const j of value) if (!(j >= 0 && j < end)) fail(`${entry.name} lists index ${j}, outside [0, ${end})`);
    }
  }
  if (a.refNeurons!.length !== a.refUntil!.length) fail(`refNeurons and refUntil must be as long, got ${a.refNeurons!.length} and ${a.refUntil!.length}`);
  if (s.prevEmitted !== a.emittedPrev!.length) fail(`prevEmitted ${s.prevEmitted} must equal emittedPrev's length ${a.emittedPrev!.length}`);
  for (const entry of STATE_ARRAYS) {
    const value = a[entry.name];
    if (value !== undefined) entry.set(net, value);
  }
  net.t = s.t;
  Object.assign(net.totals, s.totals);
  net.inhibition.g = s.giShared;
  net.rngInput.restore(s.rngInput);
  net.rngTies.restore(s.rngTies);
  const pl = net.plasticity;
  // recentDep is not saved: the post neurons whose post1 trace is non-zero (the next presentation prunes to the same set).
  pl.recentDep.load(Array.from(a.recent!).filter((j) => s.t - pl.lastPost[j] < net.derived.post1Pow.length));
  // States saved before recentPre existed: every input whose pre trace is still non-zero.
  if (!a.recentPre) pl.recentPre.load(Array.from(pl.lastPre.keys()).filter((i) => s.t - pl.lastPre[i] < net.derived.prePow.length));
  net.refractory.load(a.refNeurons!, a.refUntil!);
}
