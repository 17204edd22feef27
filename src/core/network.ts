/**
 * The Diehl & Cook network: 784 Poisson inputs -> N excitatory neurons (plastic, all-to-all) <-> N inhibitory neurons
 * (excitatory i -> inhibitory i; inhibitory i -> every excitatory j != i). Event-driven: an input spike adds one weight
 * row; the inhibitory layer and the STDP traces are updated only around spikes; the rest period after the input stops
 * is simulated only until nothing can spike, then advanced in closed form.
 *
 * One step t of the conductance model (paper preset; Brian's order, input delivery folded into the step):
 *   1. input spikes of step t: ge += W[i, :] for each, then the rule's pre-spike depression of that row (one WASM call)
 *   2. excitatory update (WASM): Euler-integrate v with ge, gi; clamp v >= eInh; threshold; reset; decay ge, gi
 *      (gi_j = shared G minus neuron j's own share, see excitatoryWithInhibition)
 *   3. inhibitory update (active neurons only)
 *   4. each excitatory spike j: count, theta += thetaPlus (learning), onPostSpike, inhibitory j receives wExcInh
 *   5. each inhibitory spike k: gi_j += wInhExc for all j != k (O(1): G += w, S_k += w)
 * One step t of the current model (BindsNET preset; every connection delivers the previous step's spikes):
 *   1. excitatory update (WASM): v decays, adds the input assembled at step t-1 unless refractory, threshold, reset
 *   2. over-threshold neurons all reset (and raise theta); one of them, chosen at random, emits the spike
 *   3. inhibitory update (input from step t-1's excitatory spikes)
 *   4. learning: the pre-spike depression list (before the post traces are stamped), pre traces, onPostSpike
 *   5. assemble step t+1's input: depress then add the W rows of the step's input spikes (one WASM call),
 *      -wInhExc per inhibitory spike (all but self),
 *      and wExcInh to inhibitory j for the emitted spike j
 */
import { Derived, derive, validatePreset } from "./derived";
import { InhibitoryLayer } from "./inhibitory";
import { conductanceEuler, createKernels, KernelKind, Kernels } from "./kernels";
import { DIEHL_COOK_2015, Preset } from "./params";
import { IndexSet } from "./indexSet";
import { createPlasticity, NEVER, normalizeColumns, Plasticity, pruneRecent, resetTraces } from "./plasticity";
import { createSchedule, PoissonInput, SpikeSchedule } from "./poisson";
import { createRng, deriveSeed, Rng } from "./rng";
import { RefractoryQueue } from "./refractory";
import { allocateState, ExcState, INPUTS, Layout } from "./state";
import { LearningRule, learningRule, markPreSpikes } from "./stdp";

/** The complete state of a network at a digit boundary (exportState / fromState; saved by snapshot.ts). */
export interface NetworkState {
  neurons: number;
  seed: number;
  preset: Readonly<Preset>;
  t: number;
  totals: Network["totals"];
  giShared: number;
  rngInput: number[];
  rngTies: number[];
  prevEmitted: number;
  /** Free-form numbers saved with the state (for example a checkpoint's training time). */
  meta?: Record<string, number>;
  arrays: {
    /** Input weights, 784 x neurons row-major (unpadded). */
    weights: Float32Array;
    theta: Float64Array;
    v: Float32Array;
    ge: Float32Array;
    lastPre: Int32Array;
    lastPost: Int32Array;
    recent: Int32Array;
    /** Absent in states saved by earlier versions (rebuilt from lastPre). */
    recentPre?: Int32Array;
    dirty: Int32Array;
    selfList: Int32Array;
    selfGi: Float64Array;
    inhV: Float64Array;
    inhInput: Float64Array;
    inhRefUntil: Int32Array;
    inhSince: Int32Array;
    inhActive: Int32Array;
    refNeurons: Int32Array;
    refUntil: Int32Array;
    emittedPrev: Int32Array;
  };
}

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

/** Optional per-step recording of one presentation (slow; for figures). */
export interface Recording {
  /** steps x neurons membrane potentials (mV), after each step. */
  vMv: Float32Array;
  /** steps x neurons thresholds (mV). */
  thresholdMv: Float32Array;
  /** Input spikes as (step, input) pairs. */
  inputSteps: number[];
  inputIndices: number[];
  /** Emitted excitatory spikes as (step, neuron) pairs. */
  excSteps: number[];
  excIndices: number[];
  steps: number;
}

const REBASE_AFTER_STEPS = 1_000_000_000;
const SETTLE_CHECK_EVERY = 8;
/** The rest period may switch to closed form once every conductance is below this (effect < 1e-6 mV per step). */
const SETTLED_CONDUCTANCE = 1e-6;
/**
 * While every gi is below this bound the kernel skips the gi term: its whole remaining effect on v is below
 * 1e-5 * 60 mV * dt/tau_m * tau_gi/dt ~ 1.2e-8 mV, far below the f32 resolution of v (3.8e-6 mV near -60 mV).
 */
const GI_NEGLIGIBLE = 1e-5;

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

  private readonly layout: Layout;
  private readonly poisson: PoissonInput;
  private readonly schedule: SpikeSchedule;
  private readonly rngInput: Rng;
  private readonly rngTies: Rng;
  private readonly inhOut: Int32Array;
  private readonly emitted: Int32Array;
  /** Spikes emitted at the previous step (current model: delivered to the inhibitory layer one step later). */
  private readonly emittedPrev: Int32Array;
  private prevEmitted = 0;
  private readonly refractory: RefractoryQueue;
  /** Conductance model: the inhibitory conductance shared by all excitatory neurons (see excitatoryWithInhibition). */
  private giShared = 0;
  /** Excitatory neurons whose own inhibitory partner fired recently, their share S_j of gi, and scratch. */
  private readonly selfInhibited: {
    set: IndexSet; gi: Float64Array; savedV: Float32Array; savedGe: Float32Array; savedThr: Float32Array;
  };
  private readonly leaveRefractory = (j: number): void => {
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
    this.layout = allocateState(n, steps * INPUTS);
    this.np = this.layout.np;
    this.state = this.layout.state;
    this.kernels = createKernels(this.layout.memory, options.kernels);
    this.inhibitory = new InhibitoryLayer(n, preset.neuronModel, preset.inh, this.derived);
    this.plasticity = createPlasticity(this.state.w, n, this.np, this.derived);
    this.rule = learningRule(preset.stdp);
    this.poisson = new PoissonInput(steps, INPUTS, this.derived.spikeProbPerPixel);
    this.schedule = createSchedule(steps, INPUTS, this.state.schedule);
    this.rngInput = createRng(deriveSeed(options.seed, "input-spikes"));
    this.rngTies = createRng(deriveSeed(options.seed, "one-spike-choice"));
    this.counts = new Int32Array(this.np);
    this.inhOut = new Int32Array(n);
    this.emitted = new Int32Array(this.np);
    this.emittedPrev = new Int32Array(this.np);
    this.refractory = new RefractoryQueue(n);
    this.selfInhibited = {
      set: new IndexSet(n), gi: new Float64Array(n), savedV: new Float32Array(n), savedGe: new Float32Array(n), savedThr: new Float32Array(n),
    };
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
      this.runRest(learn);
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
    let total = 0;
    for (let s = 0; s < sched.steps; s++) {
      const a = sched.stepStart[s], b = sched.stepStart[s + 1];
      const n = this.preset.neuronModel === "conductance" ? this.stepConductance(a, b, learn, true) : this.stepCurrent(a, b, learn);
      total += n;
      if (rec) this.record(rec, s, a, b, n);
      this.t++;
    }
    return total;
  }

  /** One conductance-model step with the schedule's input spikes [a, b); returns the emitted excitatory spikes. */
  private stepConductance(a: number, b: number, learn: boolean, counting: boolean): number {
    const { kernels, layout, np, t, derived: d, preset: p, state } = this;
    const ptr = layout.ptr;
    const e = p.exc;
    this.refractory.expire(t, this.leaveRefractory);
    let m = 0;
    if (learn && b > a) {
      m = this.rule.preSpikeDepression(this.plasticity, t, state.depIdx, state.depBy);
      markPreSpikes(this.plasticity, state.schedule, a, b, t);
    }
    const n = this.giShared > GI_NEGLIGIBLE ? this.excitatoryWithInhibition(a, b, m)
      : kernels.stepConductanceNoGi(ptr.v, ptr.ge, ptr.thr, ptr.spikesOut, np, ptr.w, ptr.schedule + 4 * a, b - a,
        ptr.rowPtrs, ptr.depIdx, ptr.depBy, m, e.vRestMv, e.eExcMv, e.eInhMv, d.excEuler, d.geDecay, e.vResetMv);
    this.refractory.hold(state.v, e.vResetMv);
    const nInh = this.inhibitory.active.count > 0 ? this.inhibitory.step(t, this.inhOut) : 0;
    for (let s = 0; s < n; s++) {
      const j = state.spikesOut[s];
      this.enterRefractory(j, t, learn);
      if (counting) this.counts[j]++;
      if (learn) this.rule.onPostSpike(this.plasticity, j, t, state.schedule, a, b);
      this.inhibitory.receive(j, p.wExcInh, t + 1);
    }
    for (let s = 0; s < nInh; s++) this.inhibitAllButSelf(this.inhOut[s], p.wInhExc);
    return n;
  }

  /**
   * The excitatory update while inhibition is on. All-but-self inhibition makes gi_j = G - S_j: a shared conductance G
   * (every inhibitory spike) minus neuron j's own share S_j (its partner's spikes), non-zero for a few neurons only.
   * The kernel runs with the shared G; the self-inhibited neurons are hidden from it (threshold +inf) and updated here
   * with their own gi by the same f32 formula. Then G and every S_j decay.
   */
  private excitatoryWithInhibition(a: number, b: number, m: number): number {
    const { kernels, layout, np, derived: d, state } = this;
    const ptr = layout.ptr;
    const e = this.preset.exc;
    const self = this.selfInhibited;
    const { list, member } = self.set;
    const fr = Math.fround;
    for (let r = 0; r < self.set.count; r++) {
      const j = list[r];
      let ge = state.ge[j];
      for (let k = a; k < b; k++) ge = fr(ge + state.w[state.schedule[k] * np + j]); // the kernel's sum, in its order
      self.savedV[r] = state.v[j];
      self.savedGe[r] = ge;
      self.savedThr[r] = state.thr[j];
      state.thr[j] = Infinity;
    }
    let n = kernels.stepConductance(ptr.v, ptr.ge, ptr.thr, ptr.spikesOut, np, ptr.w, ptr.schedule + 4 * a, b - a,
      ptr.rowPtrs, ptr.depIdx, ptr.depBy, m, e.vRestMv, e.eExcMv, e.eInhMv, d.excEuler, d.geDecay, this.giShared, e.vResetMv);
    let kept = 0;
    for (let r = 0; r < self.set.count; r++) {
      const j = list[r];
      state.thr[j] = self.savedThr[r];
      const vn = conductanceEuler(self.savedV[r], self.savedGe[r], this.giShared - self.gi[j], e.vRestMv, e.eExcMv,
        e.eInhMv, d.excEuler);
      if (vn > state.thr[j]) {
        state.v[j] = e.vResetMv;
        state.spikesOut[n++] = j;
      } else {
        state.v[j] = vn;
      }
      self.gi[j] *= d.giDecay;
      if (self.gi[j] > GI_NEGLIGIBLE) list[kept++] = j;
      else {
        self.gi[j] = 0;
        member[j] = 0;
      }
    }
    self.set.count = kept;
    this.giShared *= d.giDecay;
    if (this.giShared <= GI_NEGLIGIBLE) this.clearInhibition();
    return n;
  }

  /** Inhibitory neuron k spiked: every excitatory neuron but k receives `weight` (G += weight, S_k += weight). */
  private inhibitAllButSelf(k: number, weight: number): void {
    const self = this.selfInhibited;
    this.giShared += weight;
    self.gi[k] += weight;
    self.set.add(k);
  }

  private clearInhibition(): void {
    const self = this.selfInhibited;
    for (let r = 0; r < self.set.count; r++) self.gi[self.set.list[r]] = 0;
    self.set.clear();
    this.giShared = 0;
  }

  /** One current-model step (BindsNET); returns the emitted excitatory spikes (0 or 1 with oneSpikePerStep). */
  private stepCurrent(a: number, b: number, learn: boolean): number {
    const { kernels, layout, np, t, derived: d, preset: p, state } = this;
    const ptr = layout.ptr;
    const e = p.exc;
    this.refractory.expire(t, this.leaveRefractory);
    this.refractory.hold(state.ge, 0); // a refractory neuron's input is discarded
    const over = kernels.excCurrent(ptr.v, ptr.ge, ptr.thr, ptr.spikesOut, np, e.vRestMv, d.excDecay, e.vResetMv);
    let nEmit = 0;
    if (over > 0) {
      for (let s = 0; s < over; s++) this.enterRefractory(state.spikesOut[s], t, learn);
      if (p.oneSpikePerStep) this.emitted[nEmit++] = state.spikesOut[over === 1 ? 0 : this.rngTies.nextInt(over)];
      else for (let s = 0; s < over; s++) this.emitted[nEmit++] = state.spikesOut[s];
    }
    for (let s = 0; s < this.prevEmitted; s++) this.inhibitory.receive(this.emittedPrev[s], p.wExcInh, t);
    const nInh = this.inhibitory.active.count > 0 ? this.inhibitory.step(t, this.inhOut) : 0;
    let m = 0;
    if (learn) {
      if (b > a) {
        m = this.rule.preSpikeDepression(this.plasticity, t, state.depIdx, state.depBy);
        markPreSpikes(this.plasticity, state.schedule, a, b, t);
      }
      for (let s = 0; s < nEmit; s++) this.rule.onPostSpike(this.plasticity, this.emitted[s], t, state.schedule, a, b);
    }
    if (b > a) kernels.inputSpikes(ptr.w, ptr.ge, ptr.schedule + 4 * a, b - a, np, ptr.depIdx, ptr.depBy, m, 1);
    for (let s = 0; s < nInh; s++) this.currentAllBut(state.ge, this.inhOut[s], -p.wInhExc);
    for (let s = 0; s < nEmit; s++) {
      this.counts[this.emitted[s]]++;
      this.emittedPrev[s] = this.emitted[s];
    }
    this.prevEmitted = nEmit;
    return nEmit;
  }

  /** Neuron j spiked at step t: threshold +inf until t + refractory + 1; theta += thetaPlus when learning. */
  private enterRefractory(j: number, t: number, learn: boolean): void {
    this.state.thr[j] = Infinity;
    this.refractory.enter(j, t + this.derived.excRefractorySteps + 1);
    if (learn) this.state.theta[j] += this.preset.exc.thetaPlusMv;
  }

  /** Current model: target[j] += amount for every neuron j except `self` (all-but-self lateral inhibition). */
  private currentAllBut(target: Float32Array, self: number, amount: number): void {
    for (let j = 0; j < self; j++) target[j] += amount;
    for (let j = self + 1; j < this.neurons; j++) target[j] += amount;
  }

  /** theta *= exp(-steps dt / tau_theta), once per presentation in f64 (learning only). */
  private decayTheta(steps: number): void {
    const f = Math.pow(this.derived.thetaDecayPerStep, steps);
    const theta = this.state.theta;
    for (let j = 0; j < this.neurons; j++) theta[j] *= f;
    this.refreshThresholds();
  }

  /**
   * The rest period (no input): simulate until no neuron can spike (every conductance below SETTLED_CONDUCTANCE, no
   * neuron refractory, no inhibitory neuron active, every threshold above vRest), then advance the remaining steps in
   * closed form: v relaxes as (1 - dt/tau)^k (the Euler step without input), ge and gi decay geometrically.
   */
  private runRest(learn: boolean): void {
    const restSteps = this.derived.restSteps;
    let done = 0;
    while (done < restSteps) {
      this.stepConductance(0, 0, learn, false);
      this.t++;
      done++;
      if (done % SETTLE_CHECK_EVERY === 0 && this.settled()) break;
    }
    const left = restSteps - done;
    if (left > 0) {
      const { state, neurons, derived: d } = this;
      const vRest = this.preset.exc.vRestMv;
      const fv = Math.pow(1 - d.excEuler, left), fe = Math.pow(d.geDecay, left);
      for (let j = 0; j < neurons; j++) {
        state.v[j] = vRest + (state.v[j] - vRest) * fv;
        state.ge[j] *= fe;
      }
      this.clearInhibition();
      this.t += left;
    }
  }

  private settled(): boolean {
    if (this.inhibitory.active.count > 0 || this.refractory.size > 0 || this.giShared > SETTLED_CONDUCTANCE) return false;
    const { state, neurons } = this;
    const vRest = this.preset.exc.vRestMv;
    for (let j = 0; j < neurons; j++) if (state.ge[j] > SETTLED_CONDUCTANCE || state.thr[j] <= vRest) return false;
    return true;
  }

  /** BindsNET's reset after each digit: v to rest, no refractoriness, no input in flight, traces 0 (theta kept). */
  private resetState(): void {
    const { state, neurons } = this;
    state.v.fill(this.preset.exc.vRestMv, 0, neurons);
    state.ge.fill(0);
    this.refractory.expire(Infinity, this.leaveRefractory);
    this.clearInhibition();
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

  /** Everything that determines the network's future, at a digit boundary (see snapshot.ts for the file format). */
  exportState(): NetworkState {
    const { neurons, np, state, plasticity: pl, inhibitory: inh } = this;
    const weights = new Float32Array(INPUTS * neurons);
    for (let i = 0; i < INPUTS; i++) weights.set(state.w.subarray(i * np, i * np + neurons), i * neurons);
    const self = this.selfInhibited;
    const refractory = this.refractory.entries();
    return {
      neurons, seed: this.seed, preset: this.preset, t: this.t, totals: { ...this.totals }, giShared: this.giShared,
      rngInput: Array.from(this.rngInput.state()), rngTies: Array.from(this.rngTies.state()), prevEmitted: this.prevEmitted,
      arrays: {
        weights, theta: state.theta.slice(0, neurons), v: state.v.slice(0, neurons), ge: state.ge.slice(0, neurons),
        lastPre: pl.lastPre.slice(), lastPost: pl.lastPost.slice(0, neurons), recent: pl.recent.values(), recentPre: pl.recentPre.values(),
        dirty: pl.dirty.values(), selfList: self.set.values(), selfGi: self.gi.slice(),
        inhV: inh.v.slice(), inhInput: inh.input.slice(), inhRefUntil: inh.refUntil.slice(), inhSince: inh.since.slice(),
        inhActive: inh.active.values(), refNeurons: refractory.neurons, refUntil: refractory.until,
        emittedPrev: this.emittedPrev.slice(0, this.prevEmitted),
      },
    };
  }

  /** Continue from a state of exportState() (same neurons; the preset and seed are the ones it holds). */
  static fromState(s: NetworkState, kernels?: KernelKind): Network {
    const net = new Network({ neurons: s.neurons, seed: s.seed, preset: s.preset, kernels });
    net.importState(s);
    return net;
  }

  private importState(s: NetworkState): void {
    const { neurons, np, state, plasticity: pl, inhibitory: inh } = this;
    const a = s.arrays;
    const expect = (name: string, got: number, want: number): void => {
      if (got !== want) throw new RangeError(`Network state: ${name} must hold ${want} values, got ${got}`);
    };
    expect("weights", a.weights.length, INPUTS * neurons);
    expect("theta", a.theta.length, neurons);
    for (let i = 0; i < INPUTS; i++) state.w.set(a.weights.subarray(i * neurons, (i + 1) * neurons), i * np);
    state.theta.set(a.theta);
    state.v.set(a.v);
    state.ge.set(a.ge);
    this.t = s.t;
    Object.assign(this.totals, s.totals);
    this.giShared = s.giShared;
    this.rngInput.restore(s.rngInput);
    this.rngTies.restore(s.rngTies);
    pl.lastPre.set(a.lastPre);
    pl.lastPost.set(a.lastPost);
    pl.recent.load(a.recent);
    // States saved before recentPre existed: every input whose pre trace is still non-zero.
    pl.recentPre.load(a.recentPre ?? Array.from(a.lastPre.keys()).filter((i) => s.t - a.lastPre[i] < this.derived.prePow.length));
    pl.dirty.load(a.dirty);
    this.selfInhibited.gi.set(a.selfGi);
    this.selfInhibited.set.load(a.selfList);
    inh.v.set(a.inhV);
    inh.input.set(a.inhInput);
    inh.refUntil.set(a.inhRefUntil);
    inh.since.set(a.inhSince);
    inh.active.load(a.inhActive);
    this.refractory.load(a.refNeurons, a.refUntil);
    this.emittedPrev.set(a.emittedPrev);
    this.prevEmitted = s.prevEmitted;
    this.refreshThresholds();
  }

  /** An independent copy that continues exactly as this network would. */
  clone(kernels?: KernelKind): Network {
    return Network.fromState(this.exportState(), kernels ?? this.kernels.kind);
  }

  private record(rec: Recording, s: number, a: number, b: number, n: number): void {
    const size = this.neurons;
    rec.vMv.set(this.state.v.subarray(0, size), s * size);
    const base = this.preset.exc.vThreshMv - this.preset.exc.thetaOffsetMv;
    for (let j = 0; j < size; j++) rec.thresholdMv[s * size + j] = base + this.state.theta[j];
    for (let k = a; k < b; k++) {
      rec.inputSteps.push(s);
      rec.inputIndices.push(this.state.schedule[k]);
    }
    const spikes = this.preset.neuronModel === "conductance" ? this.state.spikesOut : this.emitted;
    for (let k = 0; k < n; k++) {
      rec.excSteps.push(s);
      rec.excIndices.push(spikes[k]);
    }
  }
}

/** An empty recording for one presentation of `net` (pass it to `present`). */
export function createRecording(net: Network): Recording {
  const steps = net.derived.presentSteps;
  return {
    vMv: new Float32Array(steps * net.neurons), thresholdMv: new Float32Array(steps * net.neurons),
    inputSteps: [], inputIndices: [], excSteps: [], excIndices: [], steps,
  };
}
