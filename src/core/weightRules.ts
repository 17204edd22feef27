/**
 * The paper's weight-dependent learning rules (../shared/FIDELITY.md section 4; the paper's main text presents the
 * power-law rule, its abstract says four rules perform alike). Their traces are additive (x += 1 on a spike, decaying
 * with tauPreMs for inputs and tauPost1Ms for post neurons), kept lazily in Plasticity.sumPre / sumPost; weights are
 * clipped to [0, wMax] after every change. Their updates depend on each weight, so they run in TypeScript. The
 * power-law and exp-weight rules change weights only at post spikes (the loop's events), so the conductance model runs
 * them in the WASM step loop with their pre-spike trace updates deferred (LearningRule.loopShape.deferredPreSpikes);
 * pre-post depresses weights at pre spikes and runs its steps one by one. Equations (w_max = StdpParams.wMax):
 *   power-law   pre:  x_pre += 1
 *               post: w += eta (x_pre - x_tar) (w_max - w)^mu                      for every input of the column
 *   exp-weight  pre:  x_pre += 1
 *               post: w += eta (x_pre exp(-beta w) - x_tar exp(-beta (w_max - w)))
 *   pre-post    pre:  x_pre += 1;  w -= etaPre x_post w^mu                         for the row's recent post neurons
 *               post: w += nuPost (x_pre - x_tar) (w_max - w)^mu;  x_post += 1
 * The post-spike updates touch the whole column (x_pre - x_tar < 0 depresses inputs that were silent), the pre-spike
 * depression of pre-post only the post neurons with a non-zero trace.
 */
import { StdpParams } from "./params";
import { Plasticity, stampPost } from "./plasticity";
import type { LearningRule } from "./learningRule";
import { INPUTS } from "./state";

/** The additive trace of entry n at step t: its value at its last spike, decayed by table (0 beyond the table). */
function additive(value: Float64Array, at: Int32Array, table: Float64Array, n: number, t: number): number {
  const k = t - at[n];
  return k < table.length ? value[n] * table[k] : 0;
}

/** Entry n spikes at step t: x = x(t) + 1. */
function bump(value: Float64Array, at: Int32Array, table: Float64Array, n: number, t: number): void {
  value[n] = additive(value, at, table, n, t) + 1;
  at[n] = t;
}

const clip = (x: number, wMax: number): number => (x < 0 ? 0 : x < wMax ? x : wMax);

/**
 * W[i, j] = clip(W[i, j] + dw(x_pre_i, W[i, j])) for every input i (f64 arithmetic, stored in f32); x_pre_i at step
 * t, or with input delays at t - d_ij.
 */
function updateColumn(p: Plasticity, j: number, t: number, wMax: number, dw: (x: number, w: number) => number): void {
  const { w, np, sumPre, sumPreAt, delayed } = p;
  const table = p.derived.prePow;
  for (let i = 0, a = j; i < INPUTS; i++, a += np) {
    const x = delayed ? delayed.preTraceAt(i, j, t) : additive(sumPre, sumPreAt, table, i, t);
    w[a] = clip(w[a] + dw(x, w[a]), wMax);
  }
}

function required(params: StdpParams, rule: string, names: (keyof StdpParams)[]): void {
  for (const name of names) {
    if (!(typeof params[name] === "number" && Number.isFinite(params[name] as number))) {
      throw new RangeError(`learning rule ${rule}: stdp.${name} must be a finite number, got ${JSON.stringify(params[name])}`);
    }
  }
}

/** Shared by the three: no pre-spike amounts for the kernel (their pre hook runs in TypeScript). */
const noAmounts = (): number => 0;

/** A rule whose pre spikes only add to x_pre and whose post spikes change the column by dw(x_pre, w). */
function columnRule(name: string, wMax: number, dw: (x: number, w: number) => number): LearningRule {
  return {
    name,
    loopShape: { depressionNu: 0, deferredPreSpikes: true },
    preSpikeDepression: noAmounts,
    onPreSpike(p, i, t) {
      bump(p.sumPre, p.sumPreAt, p.derived.prePow, i, t);
      p.recentPre.add(i);
    },
    onPostSpike(p, j, t) {
      updateColumn(p, j, t, wMax, dw);
      stampPost(p, j, t);
    },
  };
}

export function powerLawRule(params: StdpParams): LearningRule {
  required(params, "power-law", ["eta", "xTar", "mu"]);
  const { eta, xTar, mu, wMax } = params as Required<StdpParams>;
  return columnRule("power-law", wMax, (x, w) => eta * (x - xTar) * Math.pow(wMax - w, mu));
}

export function expWeightRule(params: StdpParams): LearningRule {
  required(params, "exp-weight", ["eta", "xTar", "beta"]);
  const { eta, xTar, beta, wMax } = params as Required<StdpParams>;
  return columnRule("exp-weight", wMax, (x, w) => eta * (x * Math.exp(-beta * w) - xTar * Math.exp(-beta * (wMax - w))));
}

export function prePostRule(params: StdpParams): LearningRule {
  required(params, "pre-post", ["etaPre", "xTar", "mu"]);
  const { etaPre, nuPost, xTar, mu, wMax } = params as Required<StdpParams>;
  /** w -= etaPre x_post w^mu for the row of input i's spike at step t (x_post at t, or with delays at t + d_ij). */
  const depressRow = (p: Plasticity, i: number, t: number): void => {
    const { w, np, sumPost, sumPostAt, delayed } = p;
    const table = p.derived.post1Pow, list = p.recentDep.list, count = p.recentDep.count;
    for (let r = 0; r < count; r++) {
      const j = list[r];
      const x = delayed ? delayed.postTraceAtArrival(i, j, t) : additive(sumPost, sumPostAt, table, j, t);
      if (x === 0) continue;
      const a = i * np + j;
      w[a] = clip(w[a] - etaPre * x * Math.pow(w[a], mu), wMax);
      p.dirty.add(j);
    }
  };
  return {
    name: "pre-post",
    preSpikeDepression: noAmounts,
    onPreSpike(p, i, t) {
      bump(p.sumPre, p.sumPreAt, p.derived.prePow, i, t);
      p.recentPre.add(i);
      if (!p.delayed) depressRow(p, i, t);
    },
    onDelayedPreSpike: (p, i, t) => depressRow(p, i, t),
    onPostSpike(p, j, t) {
      updateColumn(p, j, t, wMax, (x, w) => nuPost * (x - xTar) * Math.pow(wMax - w, mu));
      bump(p.sumPost, p.sumPostAt, p.derived.post1Pow, j, t);
      stampPost(p, j, t);
    },
  };
}
