/**
 * The Diehl & Cook network: 784 Poisson inputs -> N excitatory neurons (plastic, all-to-all) <-> N inhibitory neurons
 * (excitatory i -> inhibitory i; inhibitory i -> every excitatory j != i). Event-driven: an input spike adds one weight
 * row; the inhibitory layer and the STDP traces are updated only around spikes; the rest period after the input stops
 * is simulated only until nothing can spike, then advanced in closed form.
 *
 * One step t of the conductance model (paper preset; Brian's order, input delivery folded into the step):
 *   1-2. one WASM call: ge += W[i, :] for the step's input spikes; Euler-integrate v with ge and gi, clamp v >= eInh,
 *      threshold, reset; decay ge; then the rule's pre-spike depression of the input rows (gi_j = a shared G minus
 *      neuron j's own share, see sharedInhibition.ts; refractory neurons are held at reset, see refractory.ts)
 *   3. inhibitory update (active neurons only)
 *   4. each excitatory spike j: count, theta += thetaPlus (learning), onPostSpike, inhibitory j receives wExcInh
 *   5. each inhibitory spike k: gi_j += wInhExc for all j != k (O(1): G += w, S_k += w)
 * With the WASM kernels, steps 1-3 and 5 of every step without an excitatory spike run inside one WASM call
 * (stepLoop.ts), the Poisson input is generated in WASM (poissonWasm.ts) and the pre traces are stamped lazily; the
 * TypeScript kernels run the steps one by one (the oracle: both give identical bits).
 * One step t of the current model (BindsNET preset; every connection delivers the previous step's spikes):
 *   1. excitatory update (WASM): v decays, adds the input assembled at step t-1 unless refractory, threshold, reset
 *   2. over-threshold neurons all reset (and raise theta); one of them, chosen at random, emits the spike
 *   3. inhibitory update (input from step t-1's excitatory spikes)
 *   4. learning: the pre-spike depression list (before the post traces are stamped), pre traces, onPostSpike
 *   5. assemble step t+1's input: depress then add the W rows of the step's input spikes (one WASM call),
 *      -wInhExc per inhibitory spike (all but self), and wExcInh to inhibitory j for the emitted spike j
 */
import { Derived, derive, validatePreset } from "./derived";
import { InhibitoryLayer } from "./inhibitory";
import { createKernels, KernelKind, Kernels } from "./kernels";
import { DIEHL_COOK_2015, Preset } from "./params";
import { createPlasticity, NEVER, normalizeColumns, Plasticity, pruneRecent, resetTraces } from "./plasticity";
import { createSchedule, PoissonInput, SpikeSchedule } from "./poisson";
import { WasmPoisson } from "./poissonWasm";
import { createRng, deriveSeed, Rng } from "./rng";
import { RefractoryQueue } from "./refractory";
import { SharedInhibition } from "./sharedInhibition";
import { StepLoop } from "./stepLoop";
import { exportNetworkState, importNetworkState, NetworkState } from "./networkState";
import { Recording, recordStep } from "./recording";
import { allocateState, ExcState, INPUTS, Layout } from "./state";
import { LearningRule, learningRule, markPreSpikes } from "./stdp";

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
const SETTLE_CHECK_EVERY = 8;
/** The rest period may switch to closed form once every conductance is below this (effect < 1e-6 mV per step). */
const SETTLED_CONDUCTANCE = 1e-6;

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

  private readonly layout: Layout;
  /** The input spikes' generator: in WASM with the WASM kernels (same spikes, see poissonWasm.ts). */
  private readonly poisson: Pick<PoissonInput, "fill">;
  private readonly schedule: SpikeSchedule;
  private readonly inhOut: Int32Array;
  private readonly emitted: Int32Array;
  // Internal state that networkState.ts saves and restores (not for users).
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
  /** Conductance model with WASM kernels: the steps between events run in WASM (see stepLoop.ts). */
  private readonly stepLoop?: StepLoop;
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
    const conductance = this.preset.neuronModel === "conductance";
    const starts = sched.stepStart;
    let total = 0;
    if (!rec && conductance) {
      if (this.stepLoop) return this.runLoop(this.stepLoop, 0, sched.steps, learn, true, true);
      for (let s = 0; s < sched.steps; s++, this.t++) total += this.stepConductance(starts[s], starts[s + 1], learn, true);
      return total;
    }
    for (let s = 0; s < sched.steps; s++) {
      const a = starts[s], b = starts[s + 1];
      const n = conductance ? this.stepConductance(a, b, learn, true) : this.stepCurrent(a, b, learn);
      total += n;
      if (rec) recordStep(rec, this.state, this.neurons, this.preset.exc.vThreshMv - this.preset.exc.thetaOffsetMv, s, a, b, conductance ? this.state.spikesOut : this.emitted, n);
      this.t++;
    }
    return total;
  }

  /** One conductance-model step with the schedule's input spikes [a, b); returns the emitted excitatory spikes. */
  private stepConductance(a: number, b: number, learn: boolean, counting: boolean): number {
    const { kernels, layout, np, t, derived: d, preset: p, state } = this;
    const ptr = layout.ptr;
    const e = p.exc;
    const refractory = this.refractory;
    if (refractory.size > 0) refractory.expire(t, this.leaveRefractory);
    let m = 0;
    if (learn && b > a) {
      m = this.rule.preSpikeDepression(this.plasticity, t, state.depIdx, state.depBy);
      markPreSpikes(this.plasticity, state.schedule, a, b, t);
    }
    const n = this.inhibition.active ? this.inhibition.step(a, b, m)
      : kernels.stepConductanceNoGi(ptr.v, ptr.ge, ptr.thr, ptr.spikesOut, np, ptr.w, ptr.schedule + 4 * a, b - a,
        ptr.rowPtrs, ptr.depIdx, ptr.depBy, m, e.vRestMv, e.eExcMv, e.eInhMv, d.excEuler, d.geDecay, e.vResetMv);
    if (refractory.size > 0) refractory.hold(state.v, e.vResetMv);
    const nInh = this.inhibitory.active.count > 0 ? this.inhibitory.step(t, this.inhOut) : 0;
    this.afterSpikes(n, this.inhOut, nInh, a, b, learn, counting);
    return n;
  }

  /** Steps 4-5 of a conductance-model step: the n excitatory spikes in state.spikesOut, the nInh in inhOut. */
  private afterSpikes(n: number, inhOut: Int32Array, nInh: number, a: number, b: number, learn: boolean, counting: boolean): void {
    const { t, preset: p, state } = this;
    for (let s = 0; s < n; s++) {
      const j = state.spikesOut[s];
      this.enterRefractory(j, t, learn);
      if (counting) this.counts[j]++;
      if (learn) this.rule.onPostSpike(this.plasticity, j, t, state.schedule, a, b);
      this.inhibitory.receive(j, p.wExcInh, t + 1);
    }
    for (let s = 0; s < nInh; s++) this.inhibition.receive(inhOut[s], p.wInhExc);
  }

  /**
   * Steps from .. to - 1 of the presentation (`scheduled`) or of the rest period through the WASM step loop: it runs
   * the steps up to the next excitatory spike; here each such step's spikes are handled as in stepConductance. The pre
   * traces are stamped lazily (before a post spike reads them, and at the end). Returns the excitatory spikes.
   */
  private runLoop(loop: StepLoop, from: number, to: number, learn: boolean, counting: boolean, scheduled: boolean): number {
    const starts = this.schedule.stepStart;
    const tFrom = this.t - from;
    const stamp = learn && scheduled;
    let marked = from;
    let total = 0;
    loop.recentChanged();
    for (let s = from; s < to; ) {
      const done = loop.run(s, to, this.t, learn, scheduled);
      s += done;
      this.t += done;
      if (!loop.event) continue;
      const n = loop.spikes;
      if (n > 0) {
        if (stamp) {
          loop.stampPre(marked, s + 1, tFrom);
          marked = s + 1;
        }
        loop.recentChanged(); // the spikes stamp post traces
      }
      this.afterSpikes(n, loop.inhibitoryOut, loop.inhibitorySpikes, scheduled ? starts[s] : 0, scheduled ? starts[s + 1] : 0, learn, counting);
      total += n;
      s++;
      this.t++;
    }
    if (stamp) loop.stampPre(marked, to, tFrom);
    return total;
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
    if (b > a) kernels.inputSpikes(ptr.w, ptr.ge, ptr.schedule + 4 * a, b - a, np, ptr.depIdx, ptr.depBy, m);
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
      if (this.stepLoop) {
        const next = Math.min(restSteps, done + SETTLE_CHECK_EVERY - (done % SETTLE_CHECK_EVERY));
        this.runLoop(this.stepLoop, done, next, learn, false, false);
        done = next;
      } else {
        this.stepConductance(0, 0, learn, false);
        this.t++;
        done++;
      }
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
      this.inhibition.clear();
      this.t += left;
    }
  }

  private settled(): boolean {
    if (this.inhibitory.active.count > 0 || this.refractory.size > 0 || this.inhibition.g > SETTLED_CONDUCTANCE) return false;
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
