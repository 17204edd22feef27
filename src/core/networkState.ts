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

/** Copy everything that determines the network's future (at a digit boundary). */
export function exportNetworkState(net: Simulation): NetworkState {
  const { neurons, np, state, plasticity: pl, inhibitory: inh, inhibition } = net;
  const weights = unpadRows(state.w, new Float32Array(INPUTS * neurons), np, neurons);
  const refractory = net.refractory.entries();
  return {
    neurons, seed: net.seed, preset: net.preset, t: net.t, totals: { ...net.totals }, giShared: inhibition.g,
    rngInput: Array.from(net.rngInput.state()), rngTies: Array.from(net.rngTies.state()), prevEmitted: net.prevEmitted,
    ...(net.trainingDigits !== undefined ? { trainingDigits: net.trainingDigits } : {}),
    arrays: {
      weights, theta: state.theta.slice(0, neurons), v: state.v.slice(0, neurons), ge: state.ge.slice(0, neurons),
      lastPre: pl.lastPre.slice(), lastPost: pl.lastPost.slice(0, neurons), recent: pl.recent.values(), recentPre: pl.recentPre.values(),
      dirty: pl.dirty.values(), selfList: inhibition.self.values(), selfGi: inhibition.selfGi.slice(),
      inhV: inh.v.slice(), inhInput: inh.input.slice(), inhRefUntil: inh.refUntil.slice(), inhSince: inh.since.slice(),
      inhActive: inh.active.values(), refNeurons: refractory.neurons, refUntil: refractory.until,
      emittedPrev: net.emittedPrev.slice(0, net.prevEmitted),
      ...(net.delays ? exportDelays(net, neurons, np) : {}),
      ...(net.rule.onPreSpike ? { sumPre: pl.sumPre.slice(), sumPreAt: pl.sumPreAt.slice(), sumPost: pl.sumPost.slice(0, neurons), sumPostAt: pl.sumPostAt.slice(0, neurons) } : {}),
    },
  };
}

function exportDelays(net: Simulation, neurons: number, np: number): Partial<NetworkState["arrays"]> {
  const d = net.delays!;
  const delays = unpadRows(d.delays, new Uint8Array(INPUTS * neurons), np, neurons);
  return {
    delays, delayPreHistory: d.preHist.slice(), delayPreHead: d.preHead.slice(),
    delayPostHistory: d.postHist.slice(0, neurons * d.history), delayPostHead: d.postHead.slice(0, neurons),
    ...(net.rule.onPreSpike ? { delayPreValue: d.preValue.slice(), delayPostValue: d.postValue.slice(0, neurons * d.history) } : {}),
  };
}

function importDelays(net: Simulation, a: NetworkState["arrays"], neurons: number, np: number): void {
  const d = net.delays;
  if (!d) {
    if (a.delays) throw new RangeError("Network state: it holds input delays but its preset has none (inputDelayMs)");
    return;
  }
  if (!a.delays || !a.delayPreHistory || !a.delayPreHead || !a.delayPostHistory || !a.delayPostHead) {
    throw new RangeError("Network state: its preset has input delays (inputDelayMs) but the state holds none");
  }
  const expect = (name: string, got: number, want: number): void => {
    if (got !== want) throw new RangeError(`Network state: ${name} must hold ${want} values, got ${got}`);
  };
  expect("delays", a.delays.length, INPUTS * neurons);
  expect("delayPreHistory", a.delayPreHistory.length, d.preHist.length);
  expect("delayPostHistory", a.delayPostHistory.length, neurons * d.history);
  padRows(a.delays, d.delays, np, neurons);
  d.preHist.set(a.delayPreHistory);
  d.preHead.set(a.delayPreHead);
  d.postHist.set(a.delayPostHistory);
  d.postHead.set(a.delayPostHead);
  if (a.delayPreValue) d.preValue.set(a.delayPreValue);
  if (a.delayPostValue) d.postValue.set(a.delayPostValue);
}

/** Load a state into a fresh network of the same size (the caller refreshes the thresholds). */
export function importNetworkState(net: Simulation, s: NetworkState): void {
  const { neurons, np, state, plasticity: pl, inhibitory: inh, inhibition } = net;
  const a = s.arrays;
  const expect = (name: string, got: number, want: number): void => {
    if (got !== want) throw new RangeError(`Network state: ${name} must hold ${want} values, got ${got}`);
  };
  expect("weights", a.weights.length, INPUTS * neurons);
  expect("theta", a.theta.length, neurons);
  padRows(a.weights, state.w, np, neurons);
  state.theta.set(a.theta);
  state.v.set(a.v);
  state.ge.set(a.ge);
  net.t = s.t;
  Object.assign(net.totals, s.totals);
  inhibition.g = s.giShared;
  net.rngInput.restore(s.rngInput);
  net.rngTies.restore(s.rngTies);
  pl.lastPre.set(a.lastPre);
  pl.lastPost.set(a.lastPost);
  pl.recent.load(a.recent);
  // recentDep is not saved: the post neurons whose post1 trace is non-zero (the next presentation prunes to the same set).
  pl.recentDep.load(Array.from(a.recent).filter((j) => s.t - a.lastPost[j] < net.derived.post1Pow.length));
  // States saved before recentPre existed: every input whose pre trace is still non-zero.
  pl.recentPre.load(a.recentPre ?? Array.from(a.lastPre.keys()).filter((i) => s.t - a.lastPre[i] < net.derived.prePow.length));
  pl.dirty.load(a.dirty);
  inhibition.selfGi.set(a.selfGi);
  inhibition.self.load(a.selfList);
  inh.v.set(a.inhV);
  inh.input.set(a.inhInput);
  inh.refUntil.set(a.inhRefUntil);
  inh.since.set(a.inhSince);
  inh.active.load(a.inhActive);
  net.refractory.load(a.refNeurons, a.refUntil);
  net.emittedPrev.set(a.emittedPrev);
  net.prevEmitted = s.prevEmitted;
  importDelays(net, a, neurons, np);
  if (a.sumPre) pl.sumPre.set(a.sumPre);
  if (a.sumPreAt) pl.sumPreAt.set(a.sumPreAt);
  if (a.sumPost) pl.sumPost.set(a.sumPost);
  if (a.sumPostAt) pl.sumPostAt.set(a.sumPostAt);
}
