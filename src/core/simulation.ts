/**
 * The parts of a running network, as one explicit struct: the state arrays and their WASM memory, the kernels, the
 * plasticity and its rule, the inhibition, the refractory queue, the random streams and the step's scratch. Step
 * functions (conductanceStep.ts, currentStep.ts, restPeriod.ts, presentation.ts) take this struct, or the few parts of
 * it they touch (`Pick<Simulation, ...>`), and the Network class is a thin user-facing shell around one of them.
 */
import { createRng, deriveSeed, Rng } from "../random/rng";
import { Coupling, sumAll } from "./coupling";
import { createBlocks, createDelayBlock, DelayBlock, KernelBlocks } from "./blocks";
import { InputDelays } from "./delays";
import { Derived, derive, validatePreset } from "./derived";
import { InhibitoryLayer } from "./inhibitory";
import { createKernels, KernelKind, Kernels } from "./kernels";
import { LatticeInhibition } from "./lattice";
import { ConductancePreset, Preset } from "./params";
import { createPlasticity, Plasticity } from "./plasticity";
import { createSchedule, PoissonInput, SpikeSchedule } from "./poisson";
import { WasmPoisson } from "./poissonWasm";
import { RefractoryQueue } from "./refractory";
import { SharedInhibition } from "./sharedInhibition";
import { allocateState, ExcState, INPUTS, Layout } from "./state";
import { LearningRule } from "./stdp";
import { StateMonitor } from "./monitor";
import { SpikeOrderLog } from "./spikeOrder";
import { StepLoop } from "./stepLoop";

/** Totals since a network was built (digits, presentations, retries that hit the cap, spikes, clamps). */
export interface Totals {
  digits: number;
  presentations: number;
  cappedDigits: number;
  excSpikes: number;
  inputSpikes: number;
  /**
   * Excitatory updates whose Euler step took v below eInh (or to NaN), so that the safety clamp v = eInh acted, in
   * presentations and rest periods (conductance model; 0 for the current model). Networks saved before this count
   * existed start it at 0 when loaded.
   */
  eInhClamps: number;
  /**
   * What the digits cost (decision.ts and the docs' SynOps): every presentation of a digit (retries included) and its
   * rest period. `costDigits`: the digits these sums cover (a network saved before they existed counts from its load).
   */
  costDigits: number;
  /** Input spikes of every presentation. */
  spentInputSpikes: number;
  /** Excitatory spikes, presentations and rest periods. */
  spentExcSpikes: number;
  /** Inhibitory spikes, presentations and rest periods. */
  spentInhSpikes: number;
  /** Simulated steps (presentation and rest period, dt each), retries included. */
  simulatedSteps: number;
  /**
   * Digits presented with learning on (`digits` counts the evaluation digits too): what the lattice inhibition's level
   * follows. Networks saved before this count existed start it at 0 when loaded (they have no lattice to follow it).
   */
  learnedDigits: number;
}

/** Totals of a new network: all zero. */
export function zeroTotals(): Totals {
  return {
    digits: 0, presentations: 0, cappedDigits: 0, excSpikes: 0, inputSpikes: 0, eInhClamps: 0,
    costDigits: 0, spentInputSpikes: 0, spentExcSpikes: 0, spentInhSpikes: 0, simulatedSteps: 0, learnedDigits: 0,
  };
}

export interface Simulation {
  readonly preset: Readonly<Preset>;
  readonly derived: Derived;
  readonly neurons: number;
  /** Padded neuron count (a multiple of 4). */
  readonly np: number;
  readonly seed: number;
  /** Typed arrays and their WASM memory. */
  readonly layout: Layout;
  readonly state: ExcState;
  readonly kernels: Kernels;
  /** The kernels' parameter blocks (blocks.ts). */
  readonly blocks: KernelBlocks;
  readonly inhibitory: InhibitoryLayer;
  readonly plasticity: Plasticity;
  readonly rule: LearningRule;
  /** Refractory excitatory neurons. */
  readonly refractory: RefractoryQueue;
  /** Conductance model: all-but-self inhibition as a shared conductance (see sharedInhibition.ts). */
  readonly inhibition: SharedInhibition;
  /** Presets with lattice inhibition (lattice.ts): its rows and current level. */
  readonly lattice?: LatticeInhibition;
  /** The digits the run will learn, which the lattice inhibition's schedule takes fractions of (absent: not given). */
  readonly trainingDigits?: number;
  /** The excitatory spikes' order in the presentation, while recorded (Network.recordSpikeOrder; spikeOrder.ts). */
  spikeOrder?: SpikeOrderLog;
  /** A state monitor, while attached (Network.monitor; monitor.ts): presentations then run step by step. */
  monitor?: StateMonitor;
  /** Simulate every step of the rest period instead of its closed form once settled (the shortcut's oracle, for tests). */
  exactRest?: boolean;
  /** Conductance model with WASM kernels and a rule the loop implements: the steps between events (stepLoop.ts). */
  readonly stepLoop?: StepLoop;
  /** The loop for steps without learning: stepLoop, or for a rule the loop does not learn with, a loop of its own. */
  readonly frozenLoop?: StepLoop;
  /** Why the conductance model runs its steps one by one in TypeScript (absent: it uses the WASM step loop). */
  readonly perStepReason?: string;
  /** Input delays (conductance model with inputDelayMs; see delays.ts) and their kernels' block. */
  readonly delays?: InputDelays;
  readonly delayBlock?: DelayBlock;
  /** The presentation's input spikes, by step, and their generator (in WASM with the WASM kernels). */
  readonly schedule: SpikeSchedule;
  readonly poisson: Pick<PoissonInput, "fill">;
  /** Input spikes' random stream. */
  readonly rngInput: Rng;
  /** The one-spike-per-step choice's random stream (BindsNET preset). */
  readonly rngTies: Rng;
  /** Spike counts of the last presentation, per excitatory neuron (length np). */
  readonly counts: Int32Array;
  /** Inhibitory spikes of the step. */
  readonly inhOut: Int32Array;
  /** Current model: excitatory spikes emitted at the step, and those of the previous step (delivered one step later). */
  readonly emitted: Int32Array;
  readonly emittedPrev: Int32Array;
  prevEmitted: number;
  /** Current step (time = t * dtMs, restarted by rebasing on very long runs). */
  t: number;
  readonly totals: Totals;
  /** Neuron j's refractory period is over: restore its threshold (the refractory queue's callback). */
  readonly leaveRefractory: (j: number) => void;
  /** A slice of a network split across threads: where it meets the other slices (coupling.ts); absent: the whole network. */
  readonly coupling?: Coupling;
}

export interface SimulationOptions {
  neurons: number;
  seed: number;
  preset: Readonly<Preset>;
  rule: LearningRule;
  kernels?: KernelKind;
  /** This network is one slice of a network split across threads (coupling.ts). */
  coupling?: Coupling;
  /** The digits the run will learn (NetworkOptions.trainingDigits). */
  trainingDigits?: number;
}

/** Build the parts of a network (weights and thresholds are initialised by the caller; see presentation.ts). */
export function createSimulation(options: SimulationOptions): Simulation {
  const { preset, neurons: n, seed, rule } = options;
  validatePreset(preset);
  const derived = derive(preset);
  const steps = derived.presentSteps;
  const layout = allocateState(n, steps * INPUTS, {
    steps, traceLength: derived.post1Pow.length, preTraceLength: derived.prePow.length, delaySteps: derived.delaySteps,
  });
  const { np, state, ptr } = layout;
  const buf = layout.memory.buffer;
  const coupling = options.coupling;
  const kernels = createKernels(layout.memory, options.kernels, coupling ? (own) => sumAll(coupling, own) - own : undefined);
  // Normalisation and potentiation run in the kernels: the normalised columns pass through the depression scratch
  // (free between presentations); the potentiation reads the pre-spike stamps and recent inputs in WASM memory.
  const blocks = createBlocks(layout, preset, derived, rule.loopShape?.depressionNu ?? 0);
  if (coupling && preset.neuronModel === "conductance") blocks.conductance.set("coupled", 1);
  const delays = derived.delaySteps > 0 ? new InputDelays(layout, derived.delaySteps) : undefined;
  if (delays) {
    if (rule.loopShape === undefined && rule.onPreSpike === undefined) {
      throw new RangeError(`Network: input delays need a rule with a loopShape (triplet, postpre) or the pre-spike hooks of the weight-dependent rules, not "${rule.name}"`);
    }
    const c = preset as ConductancePreset;
    delays.draw(seed, n, c.inputDelayMinMs ? { minMs: c.inputDelayMinMs, maxMs: c.inputDelayMs!, dtMs: c.dtMs } : undefined);
  }
  const delayBlock = delays ? createDelayBlock(layout, derived, rule.loopShape?.depressionNu ?? 0) : undefined;
  // the potentiation's kernel, with input delays or without (the same call fields)
  const potentiation = delayBlock
    ? { view: delayBlock.view, at: { ...delayBlock.at, count: delayBlock.at.preCount }, kernel: kernels.potentiateDelayed }
    : { view: blocks.potentiate, at: blocks.at.potentiate, kernel: kernels.potentiateColumn };
  const plasticity: Plasticity = createPlasticity(state.w, n, np, derived, {
    scaleColumns: (cols, count, total) => {
      state.depIdx.set(cols.subarray(0, count));
      const b = blocks.normalize, at = blocks.at.normalize;
      b.i32[at.count] = count;
      b.f64[at.total] = total;
      kernels.normalizeColumns(b.address);
    },
    potentiate: (j, t, scale, wMax) => {
      const { view, at, kernel } = potentiation;
      view.i32[at.j] = j;
      view.i32[at.t] = t;
      view.i32[at.count] = plasticity.recentPre.count;
      view.f64[at.scale] = scale;
      view.f64[at.wMax] = wMax;
      kernel(view.address);
    },
    lastPre: new Int32Array(buf, ptr.lastPre, INPUTS),
    recentPre: { list: new Int32Array(buf, ptr.recentPre, INPUTS), member: new Uint8Array(buf, ptr.recentPreMember, INPUTS) },
  });
  if (delays && rule.onPreSpike) {
    // the weight-dependent rules read their additive traces at each synapse's own time
    plasticity.delayed = {
      preTraceAt: (i, j, t) => delays.preTraceAt(i, t - delays.delays[i * np + j], derived.prePow),
      postTraceAtArrival: (i, j, t) => delays.postTraceBefore(j, t + delays.delays[i * np + j], derived.post1Pow),
    };
  }
  const poisson = new PoissonInput(steps, INPUTS, derived.spikeProbPerPixel);
  const inhibitory = new InhibitoryLayer(n, preset.neuronModel, preset.inh, derived);
  const ring = { neuron: new Int32Array(buf, ptr.refNeuron, n + 1), until: new Int32Array(buf, ptr.refUntil, n + 1) };
  const refractory = new RefractoryQueue(n, ring);
  const inhibition = new SharedInhibition(n, layout, kernels, blocks, derived);
  const lattice = createLattice(preset, n, options);
  const perStepReason = preset.neuronModel !== "conductance" ? undefined
    : !kernels.runSteps ? `the ${kernels.kind} kernels have no step loop`
      : rule.loopShape === undefined ? `the WASM step loop does not implement rule "${rule.name}" (its hooks run per step in TypeScript)`
        : delays && rule.onPreSpike ? `with input delays, rule "${rule.name}" reads each synapse's delayed traces per step in TypeScript`
          : undefined;
  const stepLoop = preset.neuronModel === "conductance" && perStepReason === undefined
    ? new StepLoop({ layout, kernels, blocks, plasticity, inhibition, refractory, inhibitory, depression: rule.loopShape!.depressionNu !== 0 })
    : undefined;
  // Without learning no rule hook runs, so the loop serves every rule then (the rule-specific reasons keep only
  // training per step).
  const frozenLoop = stepLoop ?? (preset.neuronModel === "conductance" && kernels.runSteps
    ? new StepLoop({ layout, kernels, blocks, plasticity, inhibition, refractory, inhibitory, depression: false })
    : undefined);
  const thresholdBase = derived.thresholdBaseMv;
  return {
    preset, derived, neurons: n, np, seed, layout, state, kernels, blocks, inhibitory, plasticity, rule, refractory, inhibition,
    lattice, trainingDigits: options.trainingDigits, stepLoop, frozenLoop, perStepReason, delays, delayBlock,
    schedule: createSchedule(steps, INPUTS, state.schedule, state.stepStart),
    poisson: kernels.poissonFill ? new WasmPoisson(poisson, layout, kernels) : poisson,
    rngInput: createRng(deriveSeed(seed, "input-spikes")),
    rngTies: createRng(deriveSeed(seed, "one-spike-choice")),
    counts: new Int32Array(np), inhOut: new Int32Array(n), emitted: new Int32Array(np), emittedPrev: new Int32Array(np),
    prevEmitted: 0, t: 0,
    totals: zeroTotals(),
    coupling,
    leaveRefractory: (j) => {
      state.thr[j] = thresholdBase + state.theta[j];
    },
  };
}

/** The lattice inhibition of a preset that has it (checked against the network's size, split and training plan). */
function createLattice(preset: Readonly<Preset>, neurons: number, options: SimulationOptions): LatticeInhibition | undefined {
  const inhibition = preset.neuronModel === "conductance" ? preset.inhibition : undefined;
  if (inhibition?.kind !== "lattice") return undefined;
  if (options.coupling) {
    throw new RangeError(`preset ${preset.name}: lattice inhibition does not run on a network split across threads: use one thread (--threads 1)`);
  }
  const t = options.trainingDigits;
  if (t !== undefined && !(Number.isInteger(t) && t >= 1)) throw new RangeError(`Network: trainingDigits must be a whole number >= 1, got ${t}`);
  if (t === undefined && inhibition.schedule.kind !== "constant") {
    throw new RangeError(`preset ${preset.name}: its inhibition follows a fraction of the training: give NetworkOptions.trainingDigits (the digits the network will learn)`);
  }
  return new LatticeInhibition(neurons, preset.wInhExc, preset.name);
}
