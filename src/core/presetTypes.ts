/**
 * The presets' parameter types, one per neuron model (ConductancePreset, CurrentPreset), and how a preset is derived
 * from another (withOverrides). The presets themselves, with the source of every value, are in params.ts.
 * Units: ms and mV throughout; conductances are dimensionless multiples of the leak conductance.
 */

/** Excitatory neuron model: conductance-based LIF (paper) or current-based LIF (BindsNET). */
export type NeuronModel = "conductance" | "current";
/**
 * Learning rule: the released code's triplet pre/post rule, BindsNET's PostPre pair rule, one of the paper's
 * weight-dependent rules (../shared/FIDELITY.md section 4; weightRules.ts), or the potentiation-only rule of Diehl's
 * 6,400-neuron script (stdp.ts).
 */
export type LearningRuleName = "triplet" | "postpre" | "power-law" | "exp-weight" | "pre-post" | "potentiation-only";

/** The excitatory neurons' parameters common to both models. */
export interface ExcitatoryParams {
  vRestMv: number;
  vResetMv: number;
  /** Spike when v crosses vThreshMv + theta - thetaOffsetMv. */
  vThreshMv: number;
  thetaOffsetMv: number;
  refractoryMs: number;
  tauMembraneMs: number;
  /** Adaptive threshold: initial value, increment per spike while learning, decay time constant. */
  thetaInitMv: number;
  thetaPlusMv: number;
  tauThetaMs: number;
}

/** The conductance model's excitatory neurons: reversal potentials and conductance time constants too. */
export interface ConductanceExcitatoryParams extends ExcitatoryParams {
  eExcMv: number;
  eInhMv: number;
  tauGeMs: number;
  tauGiMs: number;
}

/** The inhibitory neurons' parameters common to both models. */
export interface InhibitoryParams {
  vRestMv: number;
  vResetMv: number;
  vThreshMv: number;
  refractoryMs: number;
  tauMembraneMs: number;
}

/** The conductance model's inhibitory neurons: the excitatory reversal potential and conductance time constant too. */
export interface ConductanceInhibitoryParams extends InhibitoryParams {
  eExcMv: number;
  tauGeMs: number;
}

export interface StdpParams {
  rule: LearningRuleName;
  /** Depression on a presynaptic spike: w -= nuPre * post1 (triplet) or * post trace (postpre). */
  nuPre: number;
  /** Potentiation on a postsynaptic spike: w += nuPost * pre * post2 (triplet) or * pre trace (postpre). */
  nuPost: number;
  tauPreMs: number;
  tauPost1Ms: number;
  /** Second post trace (triplet rule only). */
  tauPost2Ms: number;
  wMax: number;
  /** Weight-dependent rules (weightRules.ts): the learning rate on a post spike (power-law, exp-weight). */
  eta?: number;
  /** Target pre trace x_tar (power-law, exp-weight, pre-post). */
  xTar?: number;
  /** Weight-dependence exponent mu (power-law, pre-post). */
  mu?: number;
  /** Exponential weight dependence beta (exp-weight). */
  beta?: number;
  /** Learning rate of the pre-spike depression (pre-post); its post-spike rate is nuPost. */
  etaPre?: number;
  /** Whether weight normalisation runs (absent: it does; the weight-dependent rules' settings switch it off). */
  normalize?: boolean;
}

/** What every preset has, whatever its neuron model. */
interface PresetCommon {
  name: string;
  description: string;
  dtMs: number;
  presentMs: number;
  /** Rest with no input after each presentation (0: none; state reset instead when resetAfterSample). */
  restMs: number;
  /** BindsNET resets v, refractory counters and traces after each digit (theta is kept). */
  resetAfterSample: boolean;
  /** Input rate in Hz = pixel * rateHzPerPixel * intensity / startIntensity. */
  rateHzPerPixel: number;
  /** Retry rule: fewer than minSpikes excitatory spikes -> intensity += 1 and present again (0 disables). */
  minSpikes: number;
  startIntensity: number;
  /** Cap on retries per digit: after this many the digit is kept with the spikes it had (and counted). */
  maxRetries: number;
  /** What a retry adds to the intensity (absent: 1, the released code's intensity += 1). */
  intensityStep?: number;
  /** Weight of excitatory i -> inhibitory i (conductance jump or mV). */
  wExcInh: number;
  /**
   * Weight of inhibitory i -> excitatory j != i (conductance jump, or mV subtracted in the current model); with lattice
   * inhibition the cap of every weight.
   */
  wInhExc: number;
  /** Initial input weights: wInitScale * (U(0,1) + wInitOffset). */
  wInitScale: number;
  wInitOffset: number;
  /** Each excitatory neuron's input weights are scaled to sum to this. */
  normTotal: number;
  /** "before" each presentation (paper) or "after" each digit (BindsNET). */
  normWhen: "before" | "after";
  /**
   * How refractory periods are counted. "brian": the period starts at the spike step (Brian clamps v while
   * t - lastspike < refractory), so round(ms / dt) - 1 following steps are blocked and the shortest interval between
   * spikes is round(ms / dt) steps. "bindsnet": the counter is set at the spike step and checked before it is
   * decremented, so round(ms / dt) following steps are blocked.
   */
  refractoryConvention: "brian" | "bindsnet";
  stdp: StdpParams;
  /**
   * Allow a time step longer than the preset's shortest time constant or refractory period (absent: refused, since
   * the discretised model then no longer means what the continuous one does). Set it only on purpose: through
   * --override it is recorded as a departure.
   */
  coarseTimeStep?: boolean;
}

/** The paper's neuron model: conductance-based LIF excitatory and inhibitory neurons. */
export interface ConductancePreset extends PresetCommon {
  neuronModel: "conductance";
  exc: ConductanceExcitatoryParams;
  inh: ConductanceInhibitoryParams;
  /** Implemented for the current model only (stored as false for the conductance model's records). */
  oneSpikePerStep: false;
  /** Spike test v > threshold (Brian). */
  spikeTest: "gt";
  /** Spikes are delivered within the step (Brian's order). */
  oneStepDelay: false;
  /**
   * How the synaptic conductances (exc ge, gi; inh ge) decay per step: "euler" multiplies by 1 - dt/tau, as the
   * released code's Brian 1 forward-Euler update of its (nonlinear) equations does, which also keeps the integral of a
   * conductance jump w at w * tau exactly; "exponential" multiplies by exp(-dt/tau), which with the jump applied
   * before the step integrates to w * dt / (1 - exp(-dt/tau)) (1.27 w * tau for ge at dt 0.5 ms).
   * Absent means "exponential" (presets before this field existed).
   */
  conductanceDecay?: "euler" | "exponential";
  /**
   * What an excitatory neuron's v does while it is refractory. "clamp" (absent means "clamp": the presets before this
   * field existed): v is held at vResetMv, as Brian 2's `unless refractory` does (the Brian2 port). "integrate": as the
   * released code runs under Brian 1, whose string reset ("v = v_reset_e; timer = 0") installs no clamping
   * refractoriness: spikes are suppressed until the period ends (the next spike at the earliest round(refractoryMs /
   * dtMs) steps later) while v integrates ge and gi from vResetMv. Inhibitory neurons are clamped in both (their reset
   * is a scalar in the released code, which Brian 1 clamps).
   */
  excRefractory?: "clamp" | "integrate";
  /**
   * Input delays (absent or 0: none): every input -> excitatory synapse gets its own delay, drawn once per network
   * from U(0, inputDelayMs) and floored to whole steps (0 .. 19 at 10 ms and dt 0.5 ms), as the released code's Brian 1
   * DelayConnection does. An input spike at step t reaches neuron j at t + d_ij with the weight it had at t; STDP uses
   * arrival-time traces and applies the pre-spike depression inputDelayMs later (see delays.ts).
   */
  inputDelayMs?: number;
  /**
   * The shortest input delay (absent or 0: delays start at 0 as above). With it every synapse's delay is drawn from
   * U(inputDelayMinMs, inputDelayMs) and floored to whole steps, as Brian 1's DelayConnection draws a (min, max) pair
   * (rand * (max - min) + min, then int(delay / dt)): Diehl's per-size scripts use (3, 20 ms), 12 .. 79 steps at dt
   * 0.25 ms. The ring and the delayed depression still span inputDelayMs.
   */
  inputDelayMinMs?: number;
  /**
   * How inhibitory neuron k inhibits the excitatory neurons (absent: uniform, every other neuron with wInhExc). With
   * "lattice" (Hazan et al. 2018's LM-SNN, lattice.ts) the neurons sit on a square lattice and the weight from k to j is
   * min(wInhExc, c * sqrt(d(k, j))), d the Euclidean distance on the lattice, with c following the amount of training.
   */
  inhibition?: Inhibition;
}

/** Inhibition as a value (ConductancePreset.inhibition). */
export type Inhibition = { kind: "uniform" } | { kind: "lattice"; schedule: InhibitionSchedule };

/**
 * How the lattice inhibition's level c follows the learned digits, as fractions of the digits a run will learn
 * (NetworkOptions.trainingDigits):
 * - "constant": c throughout;
 * - "two-level": cLow while at most lowFraction of the digits are learned, then every weight wInhExc;
 * - "growing": from cStart, raised every everyDigits learned digits until every weight is wInhExc: "linear" by equal
 *   steps reaching wInhExc after growFraction of the digits, "logarithmic" to wInhExc * ln(1 + m) / ln(1 + M) after
 *   m of the M raises that fit in the run (growFraction unused).
 */
export type InhibitionSchedule =
  | { kind: "constant"; c: number }
  | { kind: "two-level"; cLow: number; lowFraction: number }
  | { kind: "growing"; shape: "linear" | "logarithmic"; cStart: number; growFraction: number; everyDigits: number };

/** BindsNET's neuron model: current-based LIF (the weighted input is added to v in mV). */
export interface CurrentPreset extends PresetCommon {
  neuronModel: "current";
  exc: ExcitatoryParams;
  inh: InhibitoryParams;
  /** BindsNET quirk: at most one excitatory spike per step (one over-threshold neuron, chosen at random, emits). */
  oneSpikePerStep: boolean;
  /** Spike test v >= threshold (BindsNET). */
  spikeTest: "ge";
  /** Every connection delivers the previous step's spikes (BindsNET). */
  oneStepDelay: true;
}

/** A preset: one parameter type per neuron model (`neuronModel` tells which). */
export type Preset = ConductancePreset | CurrentPreset;

/** A copy of a preset with some values replaced (for exploration); the result is frozen too. */
export function withOverrides<P extends Preset>(base: Readonly<P>, overrides: DeepPartial<P>): Readonly<P> {
  return deepFreeze(merge(structuredClone(base) as P, overrides));
}

/** Some of a preset's values, nested as in the preset (distributes over the neuron models' types). */
export type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

function merge<T>(target: T, patch: DeepPartial<T>): T {
  const t = target as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value !== null && typeof value === "object") {
      if (t[key] === null || typeof t[key] !== "object") t[key] = {}; // a part the base does not have (inhibition)
      merge(t[key], value as DeepPartial<unknown>);
    }
    else if (value !== undefined) t[key] = value;
  }
  return target;
}

/** The value at a path of keys in a preset (or one of its parts); undefined when absent (arrays are not walked). */
export function valueAtPath(preset: unknown, path: readonly string[]): unknown {
  let v = preset;
  for (const key of path) v = v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/** A preset object, frozen with everything it holds. */
export function freezePreset<P extends Preset>(value: P): Readonly<P> {
  return deepFreeze(value);
}

function deepFreeze<T>(value: T): Readonly<T> {
  for (const v of Object.values(value as object)) if (v && typeof v === "object") deepFreeze(v);
  return Object.freeze(value);
}
