/** A learning rule as a hook object (Brian2's on_pre / on_post); the rules are in stdp.ts and weightRules.ts. */
import { Plasticity } from "./plasticity";

export interface LearningRule {
  readonly name: string;
  /**
   * The shape of this rule that the WASM step loop implements: its pre-spike depression is depressionNu * post1(t) per
   * recent post neuron, as preSpikeDepression lists it (the loop computes the same amounts itself; its onPostSpike
   * runs in TypeScript at the loop's events). Absent: the loop cannot run this rule, and the conductance model runs
   * its steps one by one in TypeScript (Network.stepPath says why). `deferredPreSpikes`: the rule has no pre-spike
   * depression (depressionNu 0: the loop skips that phase) and its onPreSpike changes only the rule's own traces, never
   * a weight, so the loop calls it late, step after step in order, before a post spike reads the traces and at the end
   * of the steps (runLoop in conductanceStep.ts); the same calls in the same order as the per-step path, so the same
   * bits. Not with input delays (their weight-dependent hooks run per step).
   */
  readonly loopShape?: { readonly depressionNu: number; readonly deferredPreSpikes?: boolean };
  /** Fill idx/by with each post neuron j a pre spike at step t depresses and by how much; return the count. */
  preSpikeDepression(p: Plasticity, t: number, idx: Int32Array, by: Float64Array): number;
  /**
   * Rules whose pre-spike update is not a list of amounts (no loopShape; weightRules.ts): input i spikes at step t,
   * after the step's rows were added and before its post spikes (the depression phase, learning only).
   */
  onPreSpike?(p: Plasticity, i: number, t: number): void;
  /**
   * With input delays: the weight change of input i's spike at step t, applied delaySteps later with the post traces
   * at each synapse's arrival (p.delayed), as the released code's Brian 1 applies the weight lines of its pre code.
   */
  onDelayedPreSpike?(p: Plasticity, i: number, t: number): void;
  /** Excitatory neuron j spikes at step t; `pre[preStart .. preEnd)` are the step's input spikes. */
  onPostSpike(p: Plasticity, j: number, t: number, pre: Int32Array, preStart: number, preEnd: number): void;
}
