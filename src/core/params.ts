/**
 * Model parameters as frozen presets. Every value names its source; where sources disagree the comment says so.
 * Sources:
 *  [paper]    Diehl & Cook (2015), Front. Comput. Neurosci. 9:99, doi 10.3389/fncom.2015.00099, section 2.
 *  [released] the authors' Brian 1 code, github.com/peter-u-diehl/stdp-mnist, Diehl&Cook_spiking_MNIST.py.
 *  [brian2]   the Brian2 port, brian2 examples/frompapers/Diehl_Cook_2015.py.
 *  [bindsnet] BindsNET 0.3.3: models.DiehlAndCook2015, nodes.DiehlAndCookNodes/LIFNodes, learning.PostPre,
 *             examples/mnist/eth_mnist.py.
 * Units: ms and mV throughout; conductances are dimensionless multiples of the leak conductance.
 */

/** Excitatory neuron model: conductance-based LIF (paper) or current-based LIF (BindsNET). */
export type NeuronModel = "conductance" | "current";
/** Learning rule: the released code's triplet pre/post rule, or BindsNET's PostPre pair rule. */
export type LearningRuleName = "triplet" | "postpre";

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
  /** Weight of excitatory i -> inhibitory i (conductance jump or mV). */
  wExcInh: number;
  /** Weight of inhibitory i -> excitatory j != i (conductance jump, or mV subtracted in the current model). */
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
}

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

/** The paper's network as released (default preset). */
export const DIEHL_COOK_2015: Readonly<ConductancePreset> = deepFreeze<ConductancePreset>({
  name: "diehl-cook-2015",
  description: "Diehl & Cook (2015) as published and as released: conductance LIF, 350 ms + 150 ms rest, dt 0.5 ms",
  dtMs: 0.5, // [released] b.defaultclock.dt = 0.5*ms
  neuronModel: "conductance",
  presentMs: 350, // [paper][released] single_example_time = 0.35 s
  restMs: 150, // [paper][released] resting_time = 0.15 s
  resetAfterSample: false,
  rateHzPerPixel: 0.25, // [released] rate = pixel / 8 * intensity with start intensity 2 -> pixel / 4 Hz (max 63.75 Hz)
  minSpikes: 5, // [paper][released] fewer than 5 excitatory spikes -> raise the input and repeat
  startIntensity: 2, // [released] start_input_intensity = 2 (intensity += 1 adds 32 Hz at pixel 255)
  maxRetries: 20, // ours: the released code loops forever; 20 retries reach 11x the start rate
  exc: {
    vRestMv: -65, // [released] v_rest_e
    vResetMv: -65, // [released] v_reset_e
    vThreshMv: -52, // [released] v_thresh_e
    thetaOffsetMv: 20, // [released] offset = 20 mV (threshold = v_thresh_e + theta - offset)
    refractoryMs: 5, // [released] refrac_e
    tauMembraneMs: 100, // [paper][released]
    eExcMv: 0, // [paper][released] I_synE = ge * (0 mV - v)
    eInhMv: -100, // [paper][released] I_synI = gi * (-100 mV - v)
    tauGeMs: 1, // [released] dge/dt = -ge / (1 ms)
    tauGiMs: 2, // [released] dgi/dt = -gi / (2 ms)
    thetaInitMv: 20, // [released] theta initialised to 20 mV for training
    thetaPlusMv: 0.05, // [released] theta_plus_e
    tauThetaMs: 1e7, // [released] tc_theta
  },
  inh: {
    vRestMv: -60, // [released] v_rest_i
    vResetMv: -45, // [released] v_reset_i
    vThreshMv: -40, // [released] v_thresh_i
    refractoryMs: 2, // [released] refrac_i
    tauMembraneMs: 10, // [released]
    eExcMv: 0, // [released]
    tauGeMs: 1, // [released]
  },
  wExcInh: 10.4, // [released] weight['ee_input'] AeAi = 10.4
  wInhExc: 17.0, // [released] AiAe = 17.0 (all but self)
  wInitScale: 0.3, // [released] (rand + 0.01) * 0.3 -> U(0.003, 0.303)
  wInitOffset: 0.01,
  normTotal: 78, // [paper][released] weight['ee_input'] = 78.
  normWhen: "before",
  oneSpikePerStep: false,
  spikeTest: "gt", // [released] v > theta - offset + v_thresh_e
  refractoryConvention: "brian", // [released] refractory=refrac_e counted from the spike step (t - lastspike < 5 ms)
  // excRefractory absent = "clamp": v held at v_reset while refractory, as Brian 2 does. The released code under Brian 1
  // does not hold it (string reset: spikes suppressed, v integrates; "integrate"): a departure, see README Faithfulness.
  oneStepDelay: false,
  stdp: {
    rule: "triplet", // [released] eqs_stdp_ee (the paper also describes a power-law rule; not this preset)
    nuPre: 0.0001, // [released] nu_ee_pre
    nuPost: 0.01, // [released] nu_ee_post
    tauPreMs: 20, // [released] tc_pre_ee
    tauPost1Ms: 20, // [released] tc_post_1_ee
    tauPost2Ms: 40, // [released] tc_post_2_ee
    wMax: 1, // [released] wmax_ee
  },
});

/** BindsNET 0.3.3's DiehlAndCook2015 model with eth_mnist's settings. */
export const BINDSNET: Readonly<CurrentPreset> = deepFreeze<CurrentPreset>({
  name: "bindsnet",
  description: "BindsNET 0.3.3 DiehlAndCook2015 (eth_mnist): current-based LIF, 250 ms at dt 1 ms, no rest, no retry",
  dtMs: 1, // [bindsnet] eth_mnist dt = 1
  neuronModel: "current",
  presentMs: 250, // [bindsnet] eth_mnist time = 250
  restMs: 0,
  resetAfterSample: true, // [bindsnet] network.reset_state_variables() after each sample
  rateHzPerPixel: 128 / 255, // [bindsnet] intensity = 128: rate = pixel / 255 * 128 Hz
  minSpikes: 0,
  startIntensity: 1,
  maxRetries: 0,
  exc: {
    vRestMv: -65, // [bindsnet] DiehlAndCookNodes rest
    vResetMv: -60, // [bindsnet] reset
    vThreshMv: -52, // [bindsnet] thresh
    thetaOffsetMv: 0, // [bindsnet] threshold = thresh + theta
    refractoryMs: 5, // [bindsnet] refrac
    tauMembraneMs: 100, // [bindsnet] tc_decay
    thetaInitMv: 0, // [bindsnet] theta starts at 0
    thetaPlusMv: 0.05, // [bindsnet] theta_plus
    tauThetaMs: 1e7, // [bindsnet] tc_theta_decay
  },
  inh: {
    vRestMv: -60, // [bindsnet] LIFNodes rest
    vResetMv: -45, // [bindsnet] reset
    vThreshMv: -40, // [bindsnet] thresh
    refractoryMs: 2, // [bindsnet] refrac
    tauMembraneMs: 10, // [bindsnet] tc_decay
  },
  wExcInh: 22.5, // [bindsnet] exc = 22.5
  wInhExc: 120, // [bindsnet] eth_mnist inh = 120 (model default 17.5), subtracted from v
  wInitScale: 0.3, // [bindsnet] w = 0.3 * rand
  wInitOffset: 0,
  normTotal: 78.4, // [bindsnet] norm = 78.4
  normWhen: "after",
  oneSpikePerStep: true, // [bindsnet] DiehlAndCookNodes one_spike = True
  spikeTest: "ge", // [bindsnet] s = v >= thresh + theta
  refractoryConvention: "bindsnet", // [bindsnet] refrac_count set to refrac on a spike, tested (<= 0) then decremented
  oneStepDelay: true,
  stdp: {
    rule: "postpre", // [bindsnet] PostPre
    nuPre: 1e-4, // [bindsnet] nu = (1e-4, 1e-2)
    nuPost: 1e-2,
    tauPreMs: 20, // [bindsnet] tc_trace = 20
    tauPost1Ms: 20,
    tauPost2Ms: 20, // unused by postpre
    wMax: 1, // [bindsnet] wmax = 1
  },
});

/**
 * The default preset with the released code's discretisation of the conductances: Brian 1 integrates the released
 * code's nonlinear equations (ge * v) with forward Euler, so ge and gi decay by 1 - dt/tau per step (0.5 and 0.75)
 * instead of exp(-dt/tau) (0.61 and 0.78): excitatory input is 21 % and inhibition 12 % weaker per spike than in the
 * default preset. Kept apart so that results computed with the default preset stay comparable.
 */
export const DIEHL_COOK_2015_EULER: Readonly<ConductancePreset> = withOverrides(DIEHL_COOK_2015, {
  name: "diehl-cook-2015-euler",
  description: "diehl-cook-2015 with conductances decaying as the released code's Brian 1 forward Euler does (1 - dt/tau per step)",
  conductanceDecay: "euler", // [released] Brian 1 magic_state_updater: nonlinear model -> Euler scheme for every variable
});

export const PRESETS: Readonly<Record<string, Readonly<Preset>>> = Object.freeze({
  [DIEHL_COOK_2015.name]: DIEHL_COOK_2015,
  [DIEHL_COOK_2015_EULER.name]: DIEHL_COOK_2015_EULER,
  [BINDSNET.name]: BINDSNET,
});

/** Look up a preset by name; throws with the list of known names. */
export function presetByName(name: string): Readonly<Preset> {
  const preset = PRESETS[name];
  if (!preset) throw new RangeError(`unknown preset "${name}": use one of ${Object.keys(PRESETS).join(", ")}`);
  return preset;
}

/** A copy of a preset with some values replaced (for exploration); the result is frozen too. */
export function withOverrides<P extends Preset>(base: Readonly<P>, overrides: DeepPartial<P>): Readonly<P> {
  return deepFreeze(merge(structuredClone(base) as P, overrides));
}

/** Some of a preset's values, nested as in the preset (distributes over the neuron models' types). */
export type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

function merge<T>(target: T, patch: DeepPartial<T>): T {
  const t = target as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value !== null && typeof value === "object") merge(t[key], value as DeepPartial<unknown>);
    else if (value !== undefined) t[key] = value;
  }
  return target;
}

function deepFreeze<T>(value: T): Readonly<T> {
  for (const v of Object.values(value as object)) if (v && typeof v === "object") deepFreeze(v);
  return Object.freeze(value);
}
