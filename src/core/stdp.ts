/**
 * Learning rules as hook objects (Brian2's on_pre / on_post). The network calls, in each step, `onPreSpike` for every
 * input spike of the step (in order), then `onPostSpike` for every emitted excitatory spike. Traces are lazy
 * (see plasticity.ts); weights are clipped to [0, wMax] at every change.
 */
import { StdpParams } from "./params";
import { markDirty, markRecent, Plasticity } from "./plasticity";
import { INPUTS } from "./state";

export interface LearningRule {
  readonly name: string;
  /** Inputs pre[preStart .. preEnd) spike at step t (called once per step with the step's input spikes, in order). */
  onPreSpikes(p: Plasticity, pre: Int32Array, preStart: number, preEnd: number, t: number): void;
  /** Excitatory neuron j spikes at step t; `pre[preStart .. preEnd)` are the step's input spikes. */
  onPostSpike(p: Plasticity, j: number, t: number, pre: Int32Array, preStart: number, preEnd: number): void;
}

/**
 * For each input i = pre[s] (s in [start, end)): pre trace := 1 (lastPre[i] = t), then depress W[i, j] for every recent
 * post neuron j by nu * trace_j(t), where trace_j = table[t - lastPost[j]]; clip at 0. The depressed columns are in the
 * recent list, which the normalisation treats as changed.
 */
function depressRows(p: Plasticity, pre: Int32Array, start: number, end: number, t: number, nu: number, table: Float64Array): void {
  const { w, np, recent, lastPost, lastPre, depressIdx, depressBy } = p;
  // The step's depression of each recent post neuron, computed once for all the step's input spikes.
  let m = 0;
  for (let r = 0; r < p.recentCount; r++) {
    const j = recent[r];
    const k = t - lastPost[j];
    if (k >= table.length) continue;
    depressIdx[m] = j;
    depressBy[m++] = nu * table[k];
  }
  for (let s = start; s < end; s++) {
    const i = pre[s];
    lastPre[i] = t;
    const row = i * np;
    for (let r = 0; r < m; r++) {
      const idx = row + depressIdx[r];
      const x = w[idx] - depressBy[r];
      w[idx] = x > 0 ? x : 0;
    }
  }
}

/** Potentiate column j: W[i, j] += scale * pre_i(t) for every input with a non-zero pre trace; clip at wMax. */
function potentiateColumn(p: Plasticity, j: number, t: number, scale: number, wMax: number): void {
  const { w, np, lastPre } = p;
  const prePow = p.derived.prePow;
  const inputs = INPUTS, horizon = prePow.length;
  for (let i = 0, idx = j; i < inputs; i++, idx += np) {
    const k = t - lastPre[i];
    if (k >= horizon) continue;
    const x = w[idx] + scale * prePow[k];
    w[idx] = x < wMax ? x : wMax;
  }
}

/**
 * The released code's rule (Diehl & Cook 2015, Diehl&Cook_spiking_MNIST.py, eqs_stdp_ee):
 *   on pre:  pre = 1;  w -= nuPre * post1
 *   on post: w += nuPost * pre * post2(before the spike);  post1 = post2 = 1
 * pre decays with tauPre, post1 with tauPost1, post2 with tauPost2 (20, 20, 40 ms).
 * @example
 *   // pre spike at step 0, post spike 10 steps later (dt 0.5 ms), previous post spike at step -4:
 *   // dw = 0.01 * exp(-5 / 20) * exp(-7 / 40)
 */
export function tripletRule(params: StdpParams): LearningRule {
  return {
    name: "triplet",
    onPreSpikes(p, pre, start, end, t) {
      depressRows(p, pre, start, end, t, params.nuPre, p.derived.post1Pow);
    },
    onPostSpike(p, j, t) {
      const k = t - p.lastPost[j];
      const post2 = k < p.derived.post2Pow.length ? p.derived.post2Pow[k] : 0;
      if (post2 > 0) potentiateColumn(p, j, t, params.nuPost * post2, params.wMax);
      p.lastPost[j] = t;
      markRecent(p, j);
      markDirty(p, j);
    },
  };
}

/**
 * BindsNET's PostPre rule (learning.py): traces are set to 1 by the step's own spikes before the updates, then
 *   for each pre spike:  W[i, :] -= nuPre * x_post
 *   for each post spike: W[:, j] += nuPost * x_pre
 * Our pre hook runs before the step's post spikes are known, so the post hook adds the missing depression
 * nuPre * (1 - x_post(before)) for the step's own pre spikes.
 */
export function postPreRule(params: StdpParams): LearningRule {
  return {
    name: "postpre",
    onPreSpikes(p, pre, start, end, t) {
      depressRows(p, pre, start, end, t, params.nuPre, p.derived.post1Pow);
    },
    onPostSpike(p, j, t, pre, preStart, preEnd) {
      const k = t - p.lastPost[j];
      const before = k < p.derived.post1Pow.length ? p.derived.post1Pow[k] : 0;
      potentiateColumn(p, j, t, params.nuPost, params.wMax);
      const extra = params.nuPre * (1 - before);
      for (let s = preStart; s < preEnd; s++) {
        const idx = pre[s] * p.np + j;
        const w = p.w[idx] - extra;
        p.w[idx] = w > 0 ? w : 0;
      }
      p.lastPost[j] = t;
      markRecent(p, j);
      markDirty(p, j);
    },
  };
}

/** The rule named by a preset. */
export function learningRule(params: StdpParams): LearningRule {
  switch (params.rule) {
    case "triplet":
      return tripletRule(params);
    case "postpre":
      return postPreRule(params);
    default:
      throw new RangeError(`learningRule: unknown rule "${params.rule as string}": use "triplet" or "postpre"`);
  }
}
