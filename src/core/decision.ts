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
  };
}

/** The totals' spent fields when the digit's first presentation started. */
export interface CostBase {
  input: number;
  exc: number;
  inh: number;
}

export function costBase(t: Totals): CostBase {
  return { input: t.spentInputSpikes, exc: t.spentExcSpikes, inh: t.spentInhSpikes };
}

/**
 * Window k ends now: keep the counts and the cost so far. `t`: the totals now (their input and excitatory sums hold
 * the earlier presentations, their inhibitory sum runs live); `inputSoFar`, `excSoFar`: this presentation's input and
 * excitatory spikes up to the window's end.
 */
export function closeWindow(w: DecisionWindows, k: number, counts: Int32Array, neurons: number, start: CostBase, t: Totals,
  inputSoFar: number, excSoFar: number): void {
  w.counts.set(counts.subarray(0, neurons), k * neurons);
  w.inputSpikes[k] = t.spentInputSpikes - start.input + inputSoFar;
  w.excSpikes[k] = t.spentExcSpikes - start.exc + excSoFar;
  w.inhSpikes[k] = t.spentInhSpikes - start.inh;
}
