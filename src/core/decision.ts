/**
 * Decision windows: what a reader of the network would have if it decided after the first `steps[k]` steps of a
 * digit's presentation. For the presentation that classifies the digit (the last one, after any retries) each window
 * keeps the excitatory spike counts up to its end and what the digit has cost by then: the earlier presentations
 * (retries) and their rest periods in full, plus this presentation's spikes up to the window's end. A retry overwrites
 * the windows, so after presentDigit they describe the final presentation, as sim.counts does.
 */
import type { Totals } from "./simulation";

export interface DecisionWindows {
  /** Window ends in steps from the presentation's start, ascending, each in [1, presentSteps]. */
  readonly steps: readonly number[];
  /** windows x neurons: the excitatory spike counts up to each window's end. */
  readonly counts: Int32Array;
  /** Per window: input, excitatory and inhibitory spikes the digit has cost by the window's end. */
  readonly inputSpikes: Float64Array;
  readonly excSpikes: Float64Array;
  readonly inhSpikes: Float64Array;
  /** The totals' spent fields when the digit's first presentation started (markStart). */
  readonly start: CostBase;
}

/**
 * `cached` when it has these `steps` (and is for as many neurons), else new windows (createDecisionWindows): for a
 * caller that presents digit after digit with the same windows.
 */
export function reuseDecisionWindows(cached: DecisionWindows | undefined, steps: readonly number[], neurons: number,
  presentSteps: number): DecisionWindows {
  const same = cached && cached.counts.length === steps.length * neurons && cached.steps.length === steps.length
    && cached.steps.every((s, k) => s === steps[k]);
  return same ? cached : createDecisionWindows(steps, neurons, presentSteps);
}

/** Windows ending at `steps` (ascending, whole, in [1, presentSteps]) for a network of `neurons`. */
export function createDecisionWindows(steps: readonly number[], neurons: number, presentSteps: number): DecisionWindows {
  if (steps.length === 0) throw new RangeError("decision windows: give at least one window end");
  steps.forEach((s, k) => {
    if (!Number.isInteger(s) || s < 1 || s > presentSteps) {
      throw new RangeError(`decision windows: each end must be a whole number of steps in [1, ${presentSteps}] (the presentation), got ${s}`);
    }
    if (k > 0 && s <= steps[k - 1]) throw new RangeError(`decision windows: the ends must ascend, got ${steps.join(", ")}`);
  });
  const n = steps.length;
  return {
    steps: [...steps], counts: new Int32Array(n * neurons),
    inputSpikes: new Float64Array(n), excSpikes: new Float64Array(n), inhSpikes: new Float64Array(n),
    start: { input: 0, exc: 0, inh: 0 },
  };
}

/** The totals' spent fields when the digit's first presentation started. */
export interface CostBase {
  input: number;
  exc: number;
  inh: number;
}

/** A digit's first presentation starts: what it has cost is counted from the totals now. */
export function markStart(w: DecisionWindows, t: Totals): void {
  w.start.input = t.spentInputSpikes;
  w.start.exc = t.spentExcSpikes;
  w.start.inh = t.spentInhSpikes;
}

/**
 * Window k ends: keep the counts up to its end and the cost so far. `t`: the totals (their input and excitatory sums
 * hold the earlier presentations); `inputSoFar`, `excSoFar`: this presentation's input and excitatory spikes up to the
 * window's end; `inhSpent`: the totals' inhibitory sum at the window's end (it runs live).
 */
export function closeWindow(w: DecisionWindows, k: number, counts: Int32Array, neurons: number, t: Totals,
  inputSoFar: number, excSoFar: number, inhSpent: number): void {
  const start = w.start;
  for (let j = 0, at = k * neurons; j < neurons; j++) w.counts[at + j] = counts[j];
  w.inputSpikes[k] = t.spentInputSpikes - start.input + inputSoFar;
  w.excSpikes[k] = t.spentExcSpikes - start.exc + excSoFar;
  w.inhSpikes[k] = inhSpent - start.inh;
}
