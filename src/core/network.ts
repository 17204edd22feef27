/**
 * The Diehl & Cook network: 784 Poisson inputs -> N excitatory neurons (plastic, all-to-all) <-> N inhibitory neurons
 * (excitatory i -> inhibitory i; inhibitory i -> every excitatory j != i). Event-driven: an input spike adds one weight
 * row; the inhibitory layer and the STDP traces are updated only around spikes; the rest period after the input stops
 * is simulated only until nothing can spike, then advanced in closed form.
 *
 * The steps of each neuron model are in conductanceStep.ts (paper preset; with the WASM step loop of stepLoop.ts) and
 * currentStep.ts (BindsNET preset); the rest period is in restPeriod.ts.
 */
import { Derived, derive, validatePreset } from "./derived";
import { InhibitoryLayer } from "./inhibitory";
import { runLoop, stepConductance } from "./conductanceStep";
import { stepCurrent } from "./currentStep";
import { createKernels, KernelKind, Kernels } from "./kernels";
import { DIEHL_COOK_2015, Preset } from "./params";
import { createPlasticity, NEVER, normalizeColumns, Plasticity, pruneRecent, resetTraces } from "./plasticity";
import { createSchedule, PoissonInput, SpikeSchedule } from "./poisson";
import { WasmPoisson } from "./poissonWasm";
import { createRng, deriveSeed, Rng } from "../random/rng";
import { RefractoryQueue } from "./refractory";
import { runRest } from "./restPeriod";
import { SharedInhibition } from "./sharedInhibition";
import { StepLoop } from "./stepLoop";
import { exportNetworkState, importNetworkState, NetworkState } from "./networkState";
import { Recording, recordStep } from "./recording";
import { allocateState, ExcState, INPUTS, Layout } from "./state";
import { LearningRule, learningRule } from "./stdp";

export interface NetworkOptions {
  /** Number of excitatory (and of inhibitory) neurons, >= 1. */
  neurons: number;
  /** Seed of the run (weights, input spikes and tie-breaks each get their own derived stream). */
  seed: number;
  preset?: Readonly<Preset>;
  /** "wasm" (default where available) or "ts". */
  kernels?: KernelKind;
}

/** What one digit cost (several presentations when the retry rule fires). */
export interface PresentResult {
  /** Presentations of this digit (1 + retries). */
  presentations: number;
  /** True when the retry cap was reached with fewer than minSpikes spikes. */
  capped: boolean;
  /** Excitatory spikes of the final presentation. */
  spikes: number;
  /** Input spikes of the final presentation. */
  inputSpikes: number;
  /** Input intensity of the final presentation. */
  intensity: number;
}

const REBASE_AFTER_STEPS = 1_000_000_000;

export type { NetworkState } from "./networkState";
export type { Recording } from "./recording";
export { createRecording } from "./recording";

export class Network {
  readonly preset: Readonly<Preset>;
  readonly derived: Derived;
  readonly neurons: number;
  readonly np: number;
  readonly seed: number;
  readonly state: ExcState;
  readonly kernels: Kernels;
  readonly inhibitory: InhibitoryLayer;
  readonly plasticity: Plasticity;
  readonly rule: LearningRule;
  /** Spike counts of the last presentation, per excitatory neuron (length np). */
  readonly counts: Int32Array;
  /** Current step (time = t * dtMs, restarted by rebasing on very long runs). */
  t = 0;
  /** Totals since construction. */
  readonly totals = { digits: 0, presentations: 0, cappedDigits: 0, excSpikes: 0, inputSpikes: 0 };

  /** The input spikes' generator: in WASM with the WASM kernels (same spikes, see poissonWasm.ts). */
  private readonly poisson: Pick<PoissonInput, "fill">;
  // Internal state, for the step functions (conductanceStep.ts, currentStep.ts, restPeriod.ts) and networkState.ts.
  /** @internal Typed arrays and their WASM memory. */
  readonly layout: Layout;
  /** @internal The presentation's input spikes, by step. */
  readonly schedule: SpikeSchedule;
  /** @internal Inhibitory spikes of the step. */
  readonly inhOut: Int32Array;
  /** @internal Current model: excitatory spikes emitted at the step. */
  readonly emitted: Int32Array;
  /** @internal Input spikes' random stream. */
  readonly rngInput: Rng;
  /** @internal The one-spike-per-step choice's random stream (BindsNET preset). */
  readonly rngTies: Rng;
  /** @internal Spikes emitted at the previous step (current model: delivered to the inhibitory layer one step later). */
  readonly emittedPrev: Int32Array;
  /** @internal */
  prevEmitted = 0;
  /** @internal Refractory excitatory neurons. */
  readonly refractory: RefractoryQueue;
  /** Conductance model: all-but-self inhibition as a shared conductance (see sharedInhibition.ts). */
  readonly inhibition: SharedInhibition;
  /** @internal Conductance model with WASM kernels: the steps between events run in WASM (see stepLoop.ts). */
  readonly stepLoop?: StepLoop;
  /** @internal Neuron j's refractory period is over: restore its threshold. */
  readonly leaveRefractory = (j: number): void => {
    this.state.thr[j] = this.preset.exc.vThreshMv - this.preset.exc.thetaOffsetMv + this.state.theta[j];
  };

  constructor(options: NetworkOptions) {
    const preset = options.preset ?? DIEHL_COOK_2015;
    const n = options.neurons;
    if (!Number.isInteger(n) || !(n >= 1)) throw new RangeError(`Network: neurons must be an integer >= 1, got ${n}`);
    if (!Number.isInteger(options.seed) || !(options.seed >= 0) || options.seed > 0xffffffff) {
      throw new RangeError(`Network: seed must be an integer in [0, 2^32), got ${options.seed}`);
    }
    validatePreset(preset);
    this.preset = preset;
    this.derived = derive(preset);
    this.neurons = n;
    this.seed = options.seed;
    const steps = this.derived.presentSteps;
    this.layout = allocateState(n, steps * INPUTS,
      { steps, traceLength: this.derived.post1Pow.length, preTraceLength: this.derived.prePow.length });
    this.np = this.layout.np;
    this.state = this.layout.state;
    this.kernels = createKernels(this.layout.memory, options.kernels);
    this.inhibitory = new InhibitoryLayer(n, preset.neuronModel, preset.inh, this.derived);
    // Normalisation and potentiation run in the kernels: the normalised columns pass through the depression scratch
    // (free between presentations); the potentiation reads the pre-spike stamps and recent inputs in WASM memory.
    const ptr = this.layout.ptr, buf = this.layout.memory.buffer;
    new Float64Array(buf, ptr.preTrace, this.derived.prePow.length).set(this.derived.prePow);
    this.plasticity = createPlasticity(this.state.w, n, this.np, this.derived, {
      scaleColumns: (cols, count, total) => {
        this.state.depIdx.set(cols.subarray(0, count));
        this.kernels.normalizeColumns(ptr.w, this.np, INPUTS, ptr.depIdx, count, ptr.depBy, total);
      },
      potentiate: (j, t, scale, wMax) => {
        this.kernels.potentiateColumn(ptr.w, this.np, j, t, scale, wMax, ptr.recentPre, this.plasticity.recentPre.count, ptr.lastPre,
          ptr.preTrace, this.derived.prePow.length);
      },
      lastPre: new Int32Array(buf, ptr.lastPre, INPUTS),
      recentPre: { list: new Int32Array(buf, ptr.recentPre, INPUTS), member: new Uint8Array(buf, ptr.recentPreMember, INPUTS) },
    });
    this.rule = learningRule(preset.stdp);
    const poisson = new PoissonInput(steps, INPUTS, this.derived.spikeProbPerPixel);
    this.poisson = this.kernels.poissonFill ? new WasmPoisson(poisson, this.layout, this.kernels) : poisson;
    this.schedule = createSchedule(steps, INPUTS, this.state.schedule, this.state.stepStart);
    this.rngInput = createRng(deriveSeed(options.seed, "input-spikes"));
    this.rngTies = createRng(deriveSeed(options.seed, "one-spike-choice"));
    this.counts = new Int32Array(this.np);
    this.inhOut = new Int32Array(n);
    this.emitted = new Int32Array(this.np);
    this.emittedPrev = new Int32Array(this.np);
    const ring = { neuron: new Int32Array(buf, ptr.refNeuron, n + 1), until: new Int32Array(buf, ptr.refUntil, n + 1) };
    this.refractory = new RefractoryQueue(n, ring);
    this.inhibition = new SharedInhibition(n, this.layout, this.kernels, preset.exc, this.derived);
    this.stepLoop = preset.neuronModel === "conductance" && this.kernels.runSteps
      ? new StepLoop({
        layout: this.layout, kernels: this.kernels, exc: preset.exc, inh: preset.inh, wInhExc: preset.wInhExc,
        derived: this.derived, nuPre: this.rule.depressionNu, plasticity: this.plasticity, inhibition: this.inhibition,
        refractory: this.refractory, inhibitory: this.inhibitory,
      })
      : undefined;
    this.initialise();
  }

  private initialise(): void {
    const { preset, state, np, neurons } = this;
    const rng = createRng(deriveSeed(this.seed, "weights"));
    for (let i = 0; i < INPUTS; i++) {
      for (let j = 0; j < neurons; j++) state.w[i * np + j] = preset.wInitScale * (rng.nextFloat() + preset.wInitOffset);
    }
    state.v.fill(preset.exc.vRestMv);
    state.theta.fill(preset.exc.thetaInitMv, 0, neurons);
    this.refreshThresholds();
  }

  /** thr = vThresh + theta - offset for every neuron (f32), +inf on padded lanes. */
  refreshThresholds(): void {
    const { state, neurons, np } = this;
    const base = this.preset.exc.vThreshMv - this.preset.exc.thetaOffsetMv;
    for (let j = 0; j < neurons; j++) state.thr[j] = base + state.theta[j];
    state.thr.fill(Infinity, neurons, np);
    this.refractory.forEach((j) => (state.thr[j] = Infinity));
  }

  /**
   * Present one digit (784 pixels, 0..255). With `learn`, STDP and the adaptive threshold are on and weights are
   * normalised; without, the network is frozen (labels, evaluation). Applies the retry rule of the preset. The
   * excitatory spike counts of the final presentation are left in `this.counts`.
   */
  present(pixels: Uint8Array, learn: boolean, recording?: Recording): PresentResult {
    if (pixels.length !== INPUTS) throw new RangeError(`Network.present: a digit has ${INPUTS} pixels, got ${pixels.length}`);
    if (this.t > REBASE_AFTER_STEPS) this.rebase();
    const p = this.preset;
    let intensity = p.startIntensity;
    let presentations = 0;
    let spikes = 0;
    for (;;) {
      if (learn && p.normWhen === "before") normalizeColumns(this.plasticity, p.normTotal);
      spikes = this.runPresentation(pixels, intensity, learn, recording);
      presentations++;
      runRest(this, learn);
      if (learn) this.decayTheta(this.derived.presentSteps + this.derived.restSteps);
      if (spikes >= p.minSpikes || presentations > p.maxRetries) break;
      intensity++;
      recording = undefined;
    }
    if (learn && p.normWhen === "after") normalizeColumns(this.plasticity, p.normTotal);
    if (p.resetAfterSample) this.resetState();
    const capped = spikes < p.minSpikes;
    this.totals.digits++;
    this.totals.presentations += presentations;
    this.totals.cappedDigits += capped ? 1 : 0;
    this.totals.excSpikes += spikes;
    this.totals.inputSpikes += this.schedule.total;
    return { presentations, capped, spikes, inputSpikes: this.schedule.total, intensity };
  }

  private runPresentation(pixels: Uint8Array, intensity: number, learn: boolean, rec?: Recording): number {
    const sched = this.schedule;
    this.poisson.fill(pixels, intensity, this.rngInput, sched);
    this.counts.fill(0);
    pruneRecent(this.plasticity, this.t);
    const conductance = this.preset.neuronModel === "conductance";
    const starts = sched.stepStart;
    let total = 0;
    if (!rec && conductance) {
      if (this.stepLoop) return runLoop(this, this.stepLoop, 0, sched.steps, learn, true, true);
      for (let s = 0; s < sched.steps; s++, this.t++) total += stepConductance(this, starts[s], starts[s + 1], learn, true);
      return total;
    }
    for (let s = 0; s < sched.steps; s++) {
      const a = starts[s], b = starts[s + 1];
      const n = conductance ? stepConductance(this, a, b, learn, true) : stepCurrent(this, a, b, learn);
      total += n;
      if (rec) recordStep(rec, this.state, this.neurons, this.preset.exc.vThreshMv - this.preset.exc.thetaOffsetMv, s, a, b, conductance ? this.state.spikesOut : this.emitted, n);
      this.t++;
    }
    return total;
  }

  /** @internal Neuron j spiked at step t: threshold +inf until t + refractory + 1; theta += thetaPlus when learning. */
  enterRefractory(j: number, t: number, learn: boolean): void {
    this.state.thr[j] = Infinity;
    this.refractory.enter(j, t + this.derived.excRefractorySteps + 1);
    if (learn) this.state.theta[j] += this.preset.exc.thetaPlusMv;
  }

  /** theta *= exp(-steps dt / tau_theta), once per presentation in f64 (learning only). */
  private decayTheta(steps: number): void {
    const f = Math.pow(this.derived.thetaDecayPerStep, steps);
    const theta = this.state.theta;
    for (let j = 0; j < this.neurons; j++) theta[j] *= f;
    this.refreshThresholds();
  }

  /** BindsNET's reset after each digit: v to rest, no refractoriness, no input in flight, traces 0 (theta kept). */
  private resetState(): void {
    const { state, neurons } = this;
    state.v.fill(this.preset.exc.vRestMv, 0, neurons);
    state.ge.fill(0);
    this.refractory.expire(Infinity, this.leaveRefractory);
    this.inhibition.clear();
    this.inhibitory.reset();
    resetTraces(this.plasticity);
    this.prevEmitted = 0;
  }

  private rebase(): void {
    const shift = this.t;
    const shiftStamps = (a: Int32Array): void => {
      for (let k = 0; k < a.length; k++) a[k] = a[k] === NEVER ? NEVER : Math.max(NEVER, a[k] - shift);
    };
    shiftStamps(this.plasticity.lastPre);
    shiftStamps(this.plasticity.lastPost);
    this.refractory.rebase(shift);
    this.inhibitory.rebase(shift);
    this.t = 0;
  }

  /** Everything that determines the network's future, at a digit boundary (see networkState.ts). */
  exportState(): NetworkState {
    return exportNetworkState(this);
  }

  /** Continue from a state of exportState() (same neurons; the preset and seed are the ones it holds). */
  static fromState(s: NetworkState, kernels?: KernelKind): Network {
    const net = new Network({ neurons: s.neurons, seed: s.seed, preset: s.preset, kernels });
    importNetworkState(net, s);
    net.refreshThresholds();
    return net;
  }

  /** An independent copy that continues exactly as this network would. */
  clone(kernels?: KernelKind): Network {
    return Network.fromState(this.exportState(), kernels ?? this.kernels.kind);
  }
}
