/**
 * The order of one time step, written once as data (as Brian2's Network.schedule): the TypeScript steps run their
 * phases in this order (conductanceStep.ts and currentStep.ts iterate these lists), the kernel generator composes the
 * WASM step loop from the conductance phases marked `loop` in this order (scripts/kernels/), and
 * test/core/schedule.test.ts checks both against the lists. Change the model's step here, nowhere else.
 *
 * Where a phase runs with the WASM kernels (conductance model): "loop" inside the WASM step loop (runSteps, between
 * excitatory spikes), "event" in TypeScript at a step in which an excitatory neuron spiked (the loop returns there),
 * "both" in the loop without excitatory spikes and in TypeScript at an event. The current model always runs its steps
 * in TypeScript (with the WASM neuron and input kernels).
 */

/** One phase of a step: its name (what the step functions and the generator key on) and what it does. */
export interface Phase<Name extends string = string> {
  readonly name: Name;
  readonly doc: string;
  /** Conductance model with WASM kernels: where the phase runs (see the module comment). */
  readonly runs?: "loop" | "event" | "both";
  /** A phase of networks with input delays only, or of slices of a split network only (it does nothing otherwise). */
  readonly onlyWith?: "inputDelays" | "coupling";
}

/**
 * One step t of the conductance model (the paper's network; Brian's order with the input delivery folded into the
 * step: the groups integrate and threshold, then the step's spikes are propagated, then the neurons reset).
 */
export const CONDUCTANCE_STEP = [
  { name: "expireRefractory", runs: "loop", doc: "refractory periods that end at t: the neuron's threshold is restored (vThresh + theta - offset)" },
  { name: "scatterInput", runs: "loop", onlyWith: "inputDelays", doc: "input delays: each input spike i of the step adds its row, as it is now, to the delay ring: W[i, j] lands in slot (t + d_ij) mod S" },
  { name: "excitatory", runs: "loop", doc: "ge += W[i, :] for each input spike i of the step (in order; with input delays: ge += the ring's slot of step t, then cleared); Euler update of v with ge and gi = G - S_j (all-but-self inhibition), clamped at eInh; spike if v > threshold (v = vReset); ge, G and every S_j decay" },
  { name: "depression", runs: "loop", doc: "learning, with input spikes: the rule's pre-spike depression of the step's input rows after their addition, W[i, j] = max(0, W[i, j] - nuPre * post1_j(t)) for the recent post neurons j (with input delays: of the rows of step t - S, with post1_j at t - S + d_ij)" },
  { name: "holdRefractory", runs: "loop", doc: "refractory excitatory neurons are held at vReset (excRefractory \"clamp\"; with \"integrate\" v integrates and only spikes are blocked)" },
  { name: "inhibitory", runs: "loop", doc: "the active inhibitory neurons integrate their input and spike (clamped while refractory)" },
  { name: "stampPre", runs: "event", doc: "learning: the step's input spikes set their pre traces and join the input delays' histories (the WASM loop stamps them lazily, before a post spike reads them)" },
  { name: "excitatorySpikes", runs: "event", doc: "each excitatory spike j: counted, refractory until t + blocked steps + 1, theta += thetaPlus (learning), the rule's onPostSpike (learning; with input delays the potentiation reads pre_i at t - d_ij), inhibitory j receives wExcInh at t + 1" },
  {
    name: "inhibitorySpikes", runs: "both",
    doc: "each inhibitory spike k: every excitatory neuron but k receives wInhExc (G += w, S_k += w); with lattice inhibition below its " +
      "cap, neuron j receives min(wInhExc, c sqrt(d(k, j))) (G += wInhExc, S_j += the shortfall), in TypeScript: such a step is an event",
  },
  {
    name: "meetSlices", runs: "both", onlyWith: "coupling",
    doc: "a slice of a split network (coupling.ts): the other slices' inhibitory spikes of the step reach G (wInhExc each, after this " +
      "slice's own: the whole network's bits). In the loop, steps go in pairs: after the first, the slice runs the second's inhibitory " +
      "phase early (it depends only on this slice's excitatory spikes so far) and one meeting exchanges both steps' counts",
  },
] as const satisfies readonly Phase[];

/** One step t of the current model (BindsNET: every connection delivers the previous step's spikes). */
export const CURRENT_STEP = [
  { name: "expireRefractory", doc: "refractory periods that end at t: thresholds restored; a refractory neuron's input is discarded" },
  { name: "excitatory", doc: "v decays towards rest and adds the input assembled at t - 1; spike if v >= threshold (v = vReset)" },
  { name: "emit", doc: "every over-threshold neuron is reset and raises theta (learning); one of them, chosen at random, emits (oneSpikePerStep) or all do" },
  { name: "inhibitory", doc: "the inhibitory neurons receive the excitatory spikes of t - 1, integrate and spike" },
  { name: "learning", doc: "the rule's pre-spike depression amounts (traces before this step's post spikes), the pre traces of the step's input spikes, onPostSpike per emitted spike" },
  { name: "assembleInput", doc: "the input for t + 1: the step's input rows depressed, then added; -wInhExc per inhibitory spike (all but self); the emitted spikes counted and kept for the inhibitory layer" },
] as const satisfies readonly Phase[];

export type ConductancePhase = (typeof CONDUCTANCE_STEP)[number]["name"];
export type CurrentPhase = (typeof CURRENT_STEP)[number]["name"];

/** The names of a schedule's phases, in order. */
export function phaseNames(schedule: readonly Phase[]): string[] {
  return schedule.map((p) => p.name);
}

/** The conductance phases the WASM step loop runs, in order (the generator's list). */
export function loopPhases(): ConductancePhase[] {
  return CONDUCTANCE_STEP.filter((p) => p.runs !== "event").map((p) => p.name);
}

/** The conductance phases TypeScript runs at an event step (after the loop returned), in order. */
export function eventPhases(): ConductancePhase[] {
  return CONDUCTANCE_STEP.filter((p) => p.runs !== "loop").map((p) => p.name);
}
