/**
 * Learning rules as hook objects (Brian2's on_pre / on_post). Traces are lazy (see plasticity.ts); weights are
 * clipped to [0, wMax] at every change.
 *
 * The pre hook is expressed as amounts so that the network can apply it inside the input kernel while the weight row
 * is in cache: `preSpikeDepression` lists, for the current step, how much a presynaptic spike lowers W[i, j] for each
 * post neuron j with a non-zero trace. The network applies that list to the row of every input spiking in the step
 * (w = max(0, w - amount)) and stamps their pre traces (`markPreSpikes`). `onPostSpike` runs for every emitted
 * excitatory spike, after the step's pre traces are stamped.
 */
import type { LearningRule } from "./learningRule";
import { LearningRuleName, StdpParams } from "./params";
import { Plasticity, stampPost } from "./plasticity";
import { expWeightRule, powerLawRule, prePostRule } from "./weightRules";

export type { LearningRule } from "./learningRule";

/** Pre traces := 1 for the inputs pre[start .. end) spiking at step t. */
export function markPreSpikes(p: Plasticity, pre: Int32Array, start: number, end: number, t: number): void {
  const { lastPre, recentPre } = p;
  for (let s = start; s < end; s++) {
    lastPre[pre[s]] = t;
    recentPre.add(pre[s]);
  }
}

/** nu * table[t - lastPost[j]] for every recent post neuron j with a non-zero trace. */
function depressionByTrace(p: Plasticity, t: number, nu: number, table: Float64Array, idx: Int32Array, by: Float64Array): number {
  const { lastPost } = p;
  const recent = p.recentDep.list, count = p.recentDep.count;
  let m = 0;
  for (let r = 0; r < count; r++) {
    const j = recent[r];
    const k = t - lastPost[j];
    if (k >= table.length) continue;
    idx[m] = j;
    by[m++] = nu * table[k];
  }
  return m;
}

/**
 * W[i, j] = min(wMax, W[i, j] + scale * pre_i(t)) for every input i with a non-zero pre trace (the recent inputs), by
 * the network's kernel (p.potentiate) or here.
 */
function potentiateColumn(p: Plasticity, j: number, t: number, scale: number, wMax: number): void {
  if (p.potentiate) p.potentiate(j, t, scale, wMax);
  else potentiateColumnTo(p.w, p.np, j, t, scale, wMax, p.recentPre.list, p.recentPre.count, p.lastPre, p.derived.prePow);
}

/**
 * The potentiation of column j at step t: for inputs[0 .. count) with k = t - lastPre[i] < table.length,
 * W[i, j] = min(wMax, W[i, j] + scale * table[k]) in f64, stored in f32. The TypeScript form of the potentiation kernel
 * (kernels.ts uses it as the oracle of kernels.wat's potentiateColumn).
 */
export function potentiateColumnTo(w: Float32Array, np: number, j: number, t: number, scale: number, wMax: number,
  inputs: Int32Array, count: number, lastPre: Int32Array, table: Float64Array): void {
  const horizon = table.length;
  for (let r = 0; r < count; r++) {
    const i = inputs[r];
    const k = t - lastPre[i];
    if (k >= horizon) continue;
    const idx = i * np + j;
    const x = w[idx] + scale * table[k];
    w[idx] = x < wMax ? x : wMax;
  }
}

/**
 * The released code's rule (Diehl & Cook 2015, Diehl&Cook_spiking_MNIST.py, eqs_stdp_ee):
 *   on pre:  pre = 1;  w -= nuPre * post1
 *   on post: w += nuPost * pre * post2(before the spike);  post1 = post2 = 1
 * pre decays with tauPre, post1 with tauPost1, post2 with tauPost2 (20, 20, 40 ms).
 * @example
 *   // pre spike at step 0, post spikes at steps 6 and 10 (dt 0.5 ms): the second one adds
 *   // 0.01 * exp(-5 / 20) * exp(-2 / 40) to w
 */
export function tripletRule(params: StdpParams): LearningRule {
  return {
    name: "triplet",
    loopShape: { depressionNu: params.nuPre },
    preSpikeDepression: (p, t, idx, by) => depressionByTrace(p, t, params.nuPre, p.derived.post1Pow, idx, by),
    onPostSpike(p, j, t) {
      const k = t - p.lastPost[j];
      const post2 = k < p.derived.post2Pow.length ? p.derived.post2Pow[k] : 0;
      if (post2 > 0) potentiateColumn(p, j, t, params.nuPost * post2, params.wMax);
      stampPost(p, j, t);
    },
  };
}

/**
 * BindsNET's PostPre rule (learning.py): traces are set to 1 by the step's own spikes before the updates, then
 *   for each pre spike:  W[i, :] -= nuPre * x_post
 *   for each post spike: W[:, j] += nuPost * x_pre
 * The depression list is computed before the step's post spikes stamp their traces, so the post hook adds the missing
 * depression nuPre * (1 - x_post(before)) for the step's own pre spikes.
 */
export function postPreRule(params: StdpParams): LearningRule {
  return {
    name: "postpre",
    loopShape: { depressionNu: params.nuPre },
    preSpikeDepression: (p, t, idx, by) => depressionByTrace(p, t, params.nuPre, p.derived.post1Pow, idx, by),
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
      stampPost(p, j, t);
    },
  };
}

/**
 * The potentiation-only rule of Diehl's 6,400-neuron script (6400n.py, the use_classic_STDP branch; ../shared/FIDELITY.md
 * section 8):
 *   on pre:  pre = 1                                   (no depression, no post1 trace)
 *   on post: w += nuPost * pre * post2(before the spike);  post2 = 1
 * The triplet rule without its pre-spike term: weights fall only through the normalisation. Its loop shape has no
 * depression (depressionNu 0), so the WASM loop skips that phase, with or without input delays.
 * @example
 *   // pre spike at step 0, post spikes at steps 6 and 10 (dt 0.5 ms, nuPost 0.05): the second adds
 *   // 0.05 * exp(-5 / 20) * exp(-2 / 40) to w; a pre spike after a post spike changes nothing
 */
export function potentiationOnlyRule(params: StdpParams): LearningRule {
  const potentiation = tripletRule(params);
  return {
    name: "potentiation-only",
    loopShape: { depressionNu: 0 },
    preSpikeDepression: () => 0,
    onPostSpike: potentiation.onPostSpike,
  };
}

/** The rules a preset can name (StdpParams.rule), each a factory of its hook object. */
export const RULES: Readonly<Record<LearningRuleName, (params: StdpParams) => LearningRule>> = Object.freeze({
  triplet: tripletRule,
  postpre: postPreRule,
  "power-law": powerLawRule,
  "exp-weight": expWeightRule,
  "pre-post": prePostRule,
  "potentiation-only": potentiationOnlyRule,
});

/** The rule named by a preset. */
export function learningRule(params: StdpParams): LearningRule {
  const make = RULES[params.rule];
  if (!make) throw new RangeError(`learningRule: unknown rule "${params.rule as string}": use one of ${Object.keys(RULES).join(", ")}`);
  return make(params);
}
