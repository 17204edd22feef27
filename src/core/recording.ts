/** Optional per-step recording of one presentation (slow; for figures such as rasters and membrane traces). */
import { ExcState } from "./state";

export interface Recording {
  /** steps x neurons membrane potentials (mV), after each step. */
  vMv: Float32Array;
  /** steps x neurons thresholds vThresh + theta - offset (mV). */
  thresholdMv: Float32Array;
  /** Input spikes as (step, input) pairs. */
  inputSteps: number[];
  inputIndices: number[];
  /** Emitted excitatory spikes as (step, neuron) pairs. */
  excSteps: number[];
  excIndices: number[];
  steps: number;
}

/** An empty recording for one presentation of `net` (pass it to `present`). */
export function createRecording(net: { readonly neurons: number; readonly derived: { readonly presentSteps: number } }): Recording {
  const steps = net.derived.presentSteps;
  return {
    vMv: new Float32Array(steps * net.neurons), thresholdMv: new Float32Array(steps * net.neurons),
    inputSteps: [], inputIndices: [], excSteps: [], excIndices: [], steps,
  };
}

/** Record step s: membrane potentials, thresholds (base + theta), the input spikes schedule[a, b), the n spikes. */
export function recordStep(rec: Recording, state: ExcState, neurons: number, thresholdBaseMv: number, s: number, a: number,
  b: number, spikes: Int32Array, n: number): void {
  rec.vMv.set(state.v.subarray(0, neurons), s * neurons);
  for (let j = 0; j < neurons; j++) rec.thresholdMv[s * neurons + j] = thresholdBaseMv + state.theta[j];
  for (let k = a; k < b; k++) {
    rec.inputSteps.push(s);
    rec.inputIndices.push(state.schedule[k]);
  }
  for (let k = 0; k < n; k++) {
    rec.excSteps.push(s);
    rec.excIndices.push(spikes[k]);
  }
}
