/**
 * The Diehl & Cook network: 784 Poisson inputs -> N excitatory neurons (plastic, all-to-all) <-> N inhibitory neurons
 * (excitatory i -> inhibitory i; inhibitory i -> every excitatory j != i). Event-driven: an input spike adds one weight
 * row; the inhibitory layer and the STDP traces are updated only around spikes; the rest period after the input stops
 * is simulated only until nothing can spike, then advanced in closed form.
 *
 * This class is the user-facing shell: `present`, `clone`, `exportState` / `fromState` and read-only views. The
 * parts it runs are one Simulation struct (simulation.ts); the order of a step is schedule.ts, its phases
 * conductanceStep.ts and currentStep.ts, one digit's presentation presentation.ts.
 */
import { Coupling } from "./coupling";
import { Derived, validatePreset } from "./derived";
import { KernelKind } from "./kernels";
import { exportNetworkState, importNetworkState, NetworkState } from "./networkState";
import { DIEHL_COOK_2015, Preset } from "./params";
import { createDecisionWindows, DecisionWindows } from "./decision";
import { initialise, PresentResult, presentDigit } from "./presentation";
import { MonitorOptions, StateMonitor } from "./monitor";
import { Recording } from "./recording";
import { createSimulation, Simulation, Totals } from "./simulation";
import { ExcState, INPUTS } from "./state";
import { LearningRule, learningRule } from "./stdp";
import { SpikeOrderLog } from "./spikeOrder";
import { refreshThresholds } from "./thresholds";

export interface NetworkOptions {
  /** Number of excitatory (and of inhibitory) neurons, >= 1. */
  neurons: number;
  /** Seed of the run (weights, input spikes and tie-breaks each get their own derived stream). */
  seed: number;
  preset?: Readonly<Preset>;
  /**
   * The learning rule (default: the one the preset names, see stdp.ts learningRule). A rule without a `loopShape`
   * runs the conductance model's steps one by one in TypeScript (`stepPath` says so).
   */
  rule?: LearningRule;
  /** "wasm" (default where available) or "ts". */
  kernels?: KernelKind;
  /**
   * This network is one slice of a network split across threads, meeting the others here (coupling.ts; the split
   * network in src/experiment/splitNetwork.ts builds its slices with it). Absent: a whole network.
   */
  coupling?: Coupling;
  /**
   * The digits this network will learn in all (passes included): a preset whose inhibition follows the amount of
   * training (lattice inhibition with a two-level or growing schedule) takes fractions of it. Saved with the state.
   */
  trainingDigits?: number;
}

/**
 * What the experiments need of a network: a whole Network, or one split across threads (SplitNetwork in
 * src/experiment/splitNetwork.ts, which gives the same bits).
 */
export interface NetworkLike {
  readonly neurons: number;
  readonly preset: Readonly<Preset>;
  readonly seed: number;
  readonly kernelKind: KernelKind;
  /** Totals since construction. */
  readonly totals: Readonly<Totals>;
  /** Spike counts of the last presentation, per excitatory neuron (length np or more; the first `neurons` count). */
  readonly counts: Int32Array;
  present(pixels: Uint8Array, learn: boolean, recording?: Recording, windows?: DecisionWindows): PresentResult;
  decisionWindows(ms: readonly number[]): DecisionWindows;
  exportState(): NetworkState;
  /** An independent copy (of the same kind) that continues exactly as this network would. */
  clone(kernels?: KernelKind): NetworkLike;
  /** Stop its threads (a split network; a whole network has none). It cannot present after this. */
  close?(): void;
  /** Log each presentation's spike order (a whole Network; see Network.recordSpikeOrder). */
  recordSpikeOrder?(on: boolean): void;
  readonly spikeOrder?: Int32Array;
}

/**
 * The checks of present()'s arguments, for Network and SplitNetwork (`caller` names the method in the message): a
 * digit of INPUTS pixels, and decision windows made for `neurons` neurons.
 */
export function checkPresentArguments(caller: string, neurons: number, pixels: Uint8Array, windows?: DecisionWindows): void {
  if (pixels.length !== INPUTS) throw new RangeError(`${caller}: a digit has ${INPUTS} pixels, got ${pixels.length}`);
  if (windows && windows.counts.length !== windows.steps.length * neurons) {
    throw new RangeError(`${caller}: decision windows made for ${windows.counts.length / windows.steps.length} neurons, this network has ${neurons}`);
  }
}

export type { PresentResult } from "./presentation";
export type { NetworkState } from "./networkState";
export type { Recording } from "./recording";
export { createRecording } from "./recording";

export class Network implements NetworkLike {
  readonly #sim: Simulation;

  constructor(options: NetworkOptions) {
    const preset = options.preset ?? DIEHL_COOK_2015;
    const n = options.neurons;
    if (!Number.isInteger(n) || !(n >= 1)) throw new RangeError(`Network: neurons must be an integer >= 1, got ${n}`);
    if (!Number.isInteger(options.seed) || !(options.seed >= 0) || options.seed > 0xffffffff) {
      throw new RangeError(`Network: seed must be an integer in [0, 2^32), got ${options.seed}`);
    }
    validatePreset(preset);
    const rule = options.rule ?? learningRule(preset.stdp);
    this.#sim = createSimulation({
      neurons: n, seed: options.seed, preset, rule, kernels: options.kernels, coupling: options.coupling, trainingDigits: options.trainingDigits,
    });
    initialise(this.#sim);
  }

  get preset(): Readonly<Preset> {
    return this.#sim.preset;
  }

  /** Quantities derived from the preset once (steps per presentation, decay factors, trace tables). */
  get derived(): Readonly<Derived> {
    return this.#sim.derived;
  }

  get neurons(): number {
    return this.#sim.neurons;
  }

  /** Padded neuron count (a multiple of 4; arrays of `state` have this many lanes). */
  get np(): number {
    return this.#sim.np;
  }

  get seed(): number {
    return this.#sim.seed;
  }

  /** The learning rule (its name, hooks and the shape the WASM step loop implements). */
  get rule(): LearningRule {
    return this.#sim.rule;
  }

  /** The kernels in use: "wasm" or "ts". */
  get kernelKind(): KernelKind {
    return this.#sim.kernels.kind;
  }

  /**
   * How the conductance model runs its steps: "wasm-loop" (between excitatory spikes in WebAssembly) or "per-step"
   * (every step in TypeScript, with the reason); the current model always runs per step.
   */
  get stepPath(): { path: "wasm-loop" | "per-step"; reason?: string } {
    const sim = this.#sim;
    if (sim.stepLoop) return { path: "wasm-loop" };
    const reason = sim.perStepReason ?? `the ${sim.preset.neuronModel} model runs its steps in TypeScript`;
    return { path: "per-step", reason: sim.frozenLoop ? `${reason}; without learning the steps run in the WASM loop` : reason };
  }

  /** The state arrays (weights W[i * np + j], v, ge, thresholds, theta, ...): views into the simulation's memory. */
  get state(): ExcState {
    return this.#sim.state;
  }

  /** Spike counts of the last presentation, per excitatory neuron (length np). */
  get counts(): Int32Array {
    return this.#sim.counts;
  }

  /** Current step (time = t * dtMs, restarted by rebasing on very long runs). */
  get t(): number {
    return this.#sim.t;
  }

  /** Totals since construction. */
  get totals(): Readonly<Totals> {
    return this.#sim.totals;
  }

  /** Recompute the thresholds from theta (after editing `state.theta` by hand, as scripts/inspect-network.ts does). */
  refreshThresholds(): void {
    refreshThresholds(this.#sim);
  }

  /**
   * Present one digit (784 pixels, 0..255). With `learn`, STDP and the adaptive threshold are on and weights are
   * normalised; without, the network is frozen (labels, evaluation). Applies the retry rule of the preset. The
   * excitatory spike counts of the final presentation are left in `counts`.
   */
  present(pixels: Uint8Array, learn: boolean, recording?: Recording, windows?: DecisionWindows): PresentResult {
    checkPresentArguments("Network.present", this.neurons, pixels, windows);
    return presentDigit(this.#sim, pixels, learn, recording, windows);
  }

  /**
   * Decision windows ending `ms` milliseconds into a presentation (ascending; each a whole number of steps within the
   * presentation): pass them to present() and they hold the counts and cost up to each end (decision.ts).
   */
  decisionWindows(ms: readonly number[]): DecisionWindows {
    const dt = this.#sim.preset.dtMs;
    const steps = ms.map((m) => {
      const s = Math.round(m / dt);
      if (!(Math.abs(s * dt - m) < 1e-9)) throw new RangeError(`decision windows: ${m} ms is not a whole number of ${dt} ms steps`);
      return s;
    });
    return createDecisionWindows(steps, this.neurons, this.#sim.derived.presentSteps);
  }

  /**
   * Log the order in which excitatory neurons fire (on) or stop (off): `spikeOrder` then holds each presentation's
   * order (the n-gram readout's input). Not part of the state: a clone or a loaded network starts without it.
   */
  recordSpikeOrder(on: boolean): void {
    this.#sim.spikeOrder = on ? (this.#sim.spikeOrder ?? new SpikeOrderLog()) : undefined;
  }

  /**
   * Attach a state monitor (monitor.ts): the chosen variables of the chosen neurons, every `every` steps of every
   * presentation from now on, until detachMonitor (the presentations then run step by step, slower; detached it costs
   * nothing). Replaces a monitor attached before. Not part of the state.
   */
  monitor(options: MonitorOptions): StateMonitor {
    const m = new StateMonitor(options, this.#sim.neurons, this.#sim.preset.neuronModel);
    this.#sim.monitor = m;
    return m;
  }

  /** Stop recording (the monitor keeps what it has). */
  detachMonitor(): void {
    this.#sim.monitor = undefined;
  }

  /** The excitatory neurons in the order they fired in the last presentation, ascending within a step (a view). */
  get spikeOrder(): Int32Array {
    const log = this.#sim.spikeOrder;
    if (!log) throw new Error("Network.spikeOrder: not recorded: call recordSpikeOrder(true) before presenting");
    return log.values();
  }

  /** Everything that determines the network's future, at a digit boundary (see networkState.ts). */
  exportState(): NetworkState {
    return exportNetworkState(this.#sim);
  }

  /**
   * Continue from a state of exportState() (same neurons; the preset and seed are the ones it holds). `rule`: as in
   * NetworkOptions (a state does not hold a rule given in code; default: the preset's). `coupling`: the state is a
   * slice's (sliceState.ts) and this network meets the other slices there (NetworkOptions.coupling).
   */
  static fromState(s: NetworkState, kernels?: KernelKind, rule?: LearningRule, coupling?: Coupling): Network {
    const net = new Network({ neurons: s.neurons, seed: s.seed, preset: s.preset, kernels, rule, coupling, trainingDigits: s.trainingDigits });
    importNetworkState(net.#sim, s);
    refreshThresholds(net.#sim);
    return net;
  }

  /** An independent copy that continues exactly as this network would (same rule). */
  clone(kernels?: KernelKind): Network {
    return Network.fromState(this.exportState(), kernels ?? this.kernelKind, this.#sim.rule);
  }
}
