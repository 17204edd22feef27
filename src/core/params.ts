/**
 * Model parameters as frozen presets. Every value names its source; where sources disagree the comment says so.
 * Sources:
 *  [paper]    Diehl & Cook (2015), Front. Comput. Neurosci. 9:99, doi 10.3389/fncom.2015.00099, section 2.
 *  [released] the authors' Brian 1 code, github.com/peter-u-diehl/stdp-mnist, Diehl&Cook_spiking_MNIST.py.
 *  [brian2]   the Brian2 port, brian2 examples/frompapers/Diehl_Cook_2015.py.
 *  [bindsnet] BindsNET 0.3.3: models.DiehlAndCook2015, nodes.DiehlAndCookNodes/LIFNodes, learning.PostPre,
 *             examples/mnist/eth_mnist.py.
 *  [100n] [400n] [1600n] [6400n]  Diehl's per-size scripts (see DIEHL_COOK_2015_N400 below).
 * Units: ms and mV throughout; conductances are dimensionless multiples of the leak conductance.
 */

import { ConductancePreset, CurrentPreset, DeepPartial, freezePreset, LearningRuleName, Preset, StdpParams, withOverrides } from "./presetTypes";

export type {
  ConductanceExcitatoryParams, ConductanceInhibitoryParams, ConductancePreset, CurrentPreset, DeepPartial, ExcitatoryParams,
  Inhibition, InhibitionSchedule, InhibitoryParams, LearningRuleName, NeuronModel, Preset, StdpParams,
} from "./presetTypes";
export { valueAtPath, withOverrides } from "./presetTypes";

/** The paper's network as released (default preset). */
export const DIEHL_COOK_2015: Readonly<ConductancePreset> = freezePreset<ConductancePreset>({
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
export const BINDSNET: Readonly<CurrentPreset> = freezePreset<CurrentPreset>({
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

/**
 * The released code as Brian 1 runs it (../shared/FIDELITY.md sections 1-3): input delays U(0, 10 ms) with STDP on
 * arrival-time traces, Brian 1's excitatory refractoriness (v integrates, spikes blocked), forward-Euler conductances,
 * the triplet rule. The E_inh clamp of v stays as a safety (the released code's plain Euler has none).
 */
export const DIEHL_COOK_2015_RELEASED: Readonly<ConductancePreset> = withOverrides(DIEHL_COOK_2015, {
  name: "diehl-cook-2015-released",
  description: "Diehl & Cook (2015) as the released code runs under Brian 1: input delays, Brian 1 refractoriness, Euler conductances",
  conductanceDecay: "euler", // [released] Brian 1 magic_state_updater: nonlinear model -> Euler scheme for every variable
  excRefractory: "integrate", // [released] reset = 'v = v_reset_e; timer = 0*ms' is a string: Brian 1 only blocks spikes
  inputDelayMs: 10, // [released] delay['ee_input'] = (0*b.ms, 10*b.ms), DelayConnection floors delay / dt
});

/**
 * The published settings of each learning rule (../shared/FIDELITY.md section 4), applied to a preset by withRule (the
 * preset label NAME@RULE). Values the rule does not use keep the released code's values.
 */
export const RULE_SETTINGS: Readonly<Record<LearningRuleName, Readonly<Partial<StdpParams>>>> = Object.freeze({
  triplet: Object.freeze({ rule: "triplet" as const }), // [released] eqs_stdp_ee: the presets' own settings
  postpre: Object.freeze({ rule: "postpre" as const }), // [bindsnet] PostPre: the bindsnet preset's settings
  "power-law": Object.freeze({
    rule: "power-law" as const,
    eta: 0.01, // [released] nu_ee_post, an unused variable of the released code (mapping to eta inferred)
    xTar: 0.4, // [released] STDP_offset (unused variable; mapping inferred)
    mu: 0.2, // [released] exp_ee_post = exp_ee_pre = 0.2 (unused variable; mapping inferred)
    normalize: false, // [prototype] Diehl's 2012 script switches normalisation off with a weight-dependent rule
  }),
  "exp-weight": Object.freeze({
    rule: "exp-weight" as const,
    eta: 0.01, // third-party port only: unverified
    xTar: 0.15, // third-party port only: unverified
    beta: 3, // third-party port only: unverified
    normalize: false, // [prototype] as for the power-law rule
  }),
  "pre-post": Object.freeze({
    rule: "pre-post" as const,
    etaPre: 1e-4, // [released] nu_ee_pre
    nuPost: 0.01, // [released] nu_ee_post
    mu: 0.9, // third-party port only: unverified
    xTar: 0.4, // [released] STDP_offset (FIDELITY.md gives none for this rule: the power-law rule's, inferred)
    normalize: false, // [prototype] as for the power-law rule
  }),
  "potentiation-only": Object.freeze({
    rule: "potentiation-only" as const,
    nuPre: 0, // [6400n] lines 524-525: pre = 1. (no depression); w += nu_ee_post * pre * post2before; post2 = 1.
    nuPost: 0.05, // [6400n] line 464: nu_ee_post = 0.05 (nu_ee_pre = 1e-6 on line 463 is unused)
  }),
});

/** A preset with another learning rule's published settings (RULE_SETTINGS), named NAME@RULE; the same preset for its own rule. */
export function withRule(base: Readonly<Preset>, rule: LearningRuleName): Readonly<Preset> {
  const settings = RULE_SETTINGS[rule];
  if (!settings) throw new RangeError(`unknown learning rule "${rule}": use one of ${Object.keys(RULE_SETTINGS).join(", ")}`);
  if (base.stdp.rule === rule) return base;
  return withOverrides<Preset>(base, { name: `${base.name}@${rule}`, stdp: settings } as DeepPartial<Preset>);
}

/**
 * Diehl's per-size scripts (../shared/FIDELITY.md section 8): four Brian 1 scripts with Diehl's header, one per network
 * size, in github.com/djsaunde/lm-snn, folder original_code/ (commit 9a7b894; provenance probable, not certain). Each
 * was committed in test mode; these presets take the values the script uses when switched to training. Tags:
 *  [400n] [1600n] [6400n] [100n]  original_code/<size>n.py, line numbers of that commit (the same lines in the three
 *  larger scripts unless said).
 * What the scripts share with the released code (neuron equations, Brian 1's refractoriness, forward Euler, rates
 * pixel / 8 x intensity 2, the retry rule, the exc <-> inh weights, which they load from a folder not in the repository)
 * comes from diehl-cook-2015-released. Every preset runs at any network size.
 *
 * 400n.py: the released code with dt 0.25 ms, delays U(3, 20 ms) and theta starting at 10 mV.
 */
export const DIEHL_COOK_2015_N400: Readonly<ConductancePreset> = withOverrides(DIEHL_COOK_2015_RELEASED, {
  name: "diehl-cook-2015-n400",
  description: "Diehl's 400-neuron script (400n.py): dt 0.25 ms, input delays 3-20 ms, theta from 10 mV, theta_plus 0.05 mV, triplet rule",
  dtMs: 0.25, // [400n][1600n][6400n] line 321: b.Clock(dt=0.25*b.ms)
  inputDelayMinMs: 3, // [400n][1600n][6400n] line 432: delay['ee_input'] = (3*b.ms,20*b.ms)
  inputDelayMs: 20, // [400n][1600n][6400n] line 432
  exc: {
    thetaInitMv: 10, // [400n][1600n] line 589, [6400n] line 588: theta = np.ones((n_e)) * 10.0*b.mV (training from random weights)
    thetaPlusMv: 0.05, // [400n] line 450: theta_plus_e = 0.05 * b.mV
  },
  stdp: { rule: "triplet", nuPre: 0.0001, nuPost: 0.01 }, // [400n] lines 463-464, 525-526: the triplet rule
});

/** 1600n.py: as 400n.py with theta_plus 0.15 mV. */
export const DIEHL_COOK_2015_N1600: Readonly<ConductancePreset> = withOverrides(DIEHL_COOK_2015_N400, {
  name: "diehl-cook-2015-n1600",
  description: "Diehl's 1,600-neuron script (1600n.py): dt 0.25 ms, input delays 3-20 ms, theta from 10 mV, theta_plus 0.15 mV, triplet rule",
  exc: { thetaPlusMv: 0.15 }, // [1600n] line 450: theta_plus_e = 0.15 * b.mV
});

/** 6400n.py: as 400n.py with theta_plus 0.5 mV and the potentiation-only rule (nu_post 0.05). */
export const DIEHL_COOK_2015_N6400: Readonly<ConductancePreset> = withOverrides(DIEHL_COOK_2015_N400, {
  name: "diehl-cook-2015-n6400",
  description: "Diehl's 6,400-neuron script (6400n.py): dt 0.25 ms, input delays 3-20 ms, theta from 10 mV, theta_plus 0.5 mV, potentiation-only rule",
  exc: { thetaPlusMv: 0.5 }, // [6400n] line 450: theta_plus_e = 0.5 * b.mV
  stdp: RULE_SETTINGS["potentiation-only"], // [6400n] lines 464, 524-525 (RULE_SETTINGS)
});

/**
 * 100n.py, an older variant (dt 0.5 ms and delays U(0, 10 ms) as the released code), as far as the core runs it: theta
 * offset 10 mV, theta_plus 0.025 mV, column sums of 10, the triplet rule with nu 2e-6 / 1.5e-3. Not reproduced (README
 * Faithfulness): its normalisation every 20 digits (ours: before every digit), its input noise of +10 Hz on every
 * input, its sparse input connectivity (loaded from a weight file that is not in the repository), and its post2 trace,
 * which decays with post1 (dpost2/dt = -post1 / tau_post2, line 493).
 */
export const DIEHL_COOK_2015_N100: Readonly<ConductancePreset> = withOverrides(DIEHL_COOK_2015_RELEASED, {
  name: "diehl-cook-2015-n100",
  description: "Diehl's 100-neuron script (100n.py) without its noise, sparse input, 20-digit normalisation and post2 quirk: offset 10 mV, theta_plus 0.025 mV, column sum 10",
  exc: {
    thetaOffsetMv: 10, // [100n] line 439: offset = 10.0*b.mV
    thetaPlusMv: 0.025, // [100n] line 436: theta_plus_e = 0.025 * b.mV
    thetaInitMv: 20, // [100n] line 575: theta = np.ones((n_e)) * 20.0*b.mV
  },
  normTotal: 10, // [100n] line 416: weight['ee_input'] = 10.
  stdp: { rule: "triplet", nuPre: 0.000002, nuPost: 0.0015 }, // [100n] lines 449-450
});

/**
 * What the 6,400-neuron script learns with, on the default network: 6400n.py's theta_plus and potentiation-only rule,
 * everything else as diehl-cook-2015 (dt 0.5 ms, no input delays, exponential conductance decay, theta from 20 mV).
 * The paper grid's 6,400-neuron configuration: the full script's delays and dt 0.25 ms train at about a tenth of the
 * default's speed at 6,400 neurons, too slow for 15 passes x 3 seeds here, and on validation digits the learning
 * settings are what separate the script from the default (data/results/fidelity/per-size/README.md).
 */
export const DIEHL_COOK_2015_N6400_LEARNING: Readonly<ConductancePreset> = withOverrides(DIEHL_COOK_2015, {
  name: "diehl-cook-2015-n6400-learning",
  description: "diehl-cook-2015 with the 6,400-neuron script's learning (6400n.py): theta_plus 0.5 mV, potentiation-only rule (nu_post 0.05)",
  exc: { thetaPlusMv: 0.5 }, // [6400n] line 450: theta_plus_e = 0.5 * b.mV
  stdp: RULE_SETTINGS["potentiation-only"], // [6400n] lines 464, 524-525 (RULE_SETTINGS)
});

/** What the 1,600-neuron script learns with, on the default network: 1600n.py's theta_plus (its rule is the default's). */
export const DIEHL_COOK_2015_N1600_LEARNING: Readonly<ConductancePreset> = withOverrides(DIEHL_COOK_2015, {
  name: "diehl-cook-2015-n1600-learning",
  description: "diehl-cook-2015 with the 1,600-neuron script's learning (1600n.py): theta_plus 0.15 mV",
  exc: { thetaPlusMv: 0.15 }, // [1600n] line 450: theta_plus_e = 0.15 * b.mV
});

/**
 * The lattice map SNN (LM-SNN) of Hazan, Saunders, Sanghavi, Siegelmann & Kozma (IJCNN 2018; ../shared/LMSNN.md), from
 * the authors' Brian 1 code, github.com/djsaunde/lm-snn at commit 40362eb ("scripts for manuscript submission"). Tags:
 *  [two-level] code/train/csnn_two_level_inhibition.py, [growing] code/train/csnn_growing_inhibition.py (the same line
 *  numbers in both unless said), [jobs] code/bash/ (the job scripts and the grids they were run with).
 * The network is the released Diehl & Cook code's (Brian 1: forward-Euler conductances, spikes blocked while v
 * integrates, the exc -> inh weight 10.4, theta from 20 mV, +0.05 mV, tau 1e7 ms, offset 20 mV, column sums 78) with
 * lattice inhibition, the pair STDP rule, a retry rule of +2 with at most 3 retries, and no input delays: the scripts
 * build the input connection with delay=True but never set a delay, and Brian 1's DelayConnection starts every delay
 * at 0 (its delay matrix is built empty and filled where W has entries). Differences from their code: README
 * Faithfulness.
 */
const HAZAN_2018 = {
  dtMs: 0.1, // [jobs] csnn_two_level_inhibition_job.sh, csnn_growing_inhibition_job.sh: --dt=0.1 (script default 0.25, line 1127)
  inputDelayMs: 0, // [two-level] line 1234 declares (0, 10 ms) but no delay is ever set: Brian 1 DelayConnection's default 0
  intensityStep: 2, // [two-level] line 747, [growing] line 742: input_intensity += 2
  maxRetries: 3, // [two-level] line 745, [growing] line 740: np.sum(current_spike_count) < 5 and num_retries < 3
  stdp: {
    rule: "postpre" as const, // [two-level] lines 1295-1296: pre = 1.; w -= nu_ee_pre * post / w += nu_ee_post * pre; post = 1.
    nuPre: 0.0001, // [two-level] line 1242: nu_ee_pre
    nuPost: 0.01, // [two-level] line 1242: nu_ee_post
    tauPreMs: 20, // [two-level] line 1241: tc_pre_ee
    tauPost1Ms: 20, // [two-level] line 1241: tc_post_ee
    wMax: 1, // [two-level] line 1244: wmax_ee
  },
};

/** LM-SNN with two-level inhibition: c = 1 for the first 10 % of the training digits, then every weight 20. */
export const HAZAN_2018_TWO_LEVEL: Readonly<ConductancePreset> = withOverrides(DIEHL_COOK_2015_RELEASED, {
  ...HAZAN_2018,
  name: "hazan-2018-two-level",
  description: "Hazan et al. (2018) LM-SNN, two-level inhibition: lattice weights min(20, 1 * sqrt(d)) for 10 % of training, then 20; pair STDP, dt 0.1 ms",
  wInhExc: 20, // [jobs] two_level_inhibition_experiment.sh: max_inhib 20.0 (script default 17.4)
  inhibition: {
    kind: "lattice", // [two-level] lines 550-554: min(max_inhib, start_inhib * sqrt(euclidean([x, y], [x_, y_]))); lines 767-773: max_inhib after digit increase_iter
    schedule: {
      kind: "two-level",
      cLow: 1, // [jobs] two_level_inhibition_experiment.sh: start_inhib 1.0
      lowFraction: 0.1, // [jobs] two_level_inhibition_experiment.sh: proportion_low 0.1; [two-level] line 1164: increase_iter = int(num_train * proportion_low)
    },
  },
});

/** LM-SNN with growing inhibition: c from 0.1 up by equal steps every 250 digits, every weight 17.4 at the end. */
export const HAZAN_2018_GROWING: Readonly<ConductancePreset> = withOverrides(DIEHL_COOK_2015_RELEASED, {
  ...HAZAN_2018,
  name: "hazan-2018-growing",
  description: "Hazan et al. (2018) LM-SNN, growing inhibition: lattice weights min(17.4, c * sqrt(d)), c from 0.1 rising linearly over the training; pair STDP, dt 0.1 ms",
  wInhExc: 17.4, // [growing] line 1104: max_inhib default 17.4 (the job script passes none)
  inhibition: {
    kind: "lattice", // [growing] lines 553, 782: min(max_inhib, current_inhib * sqrt(euclidean(...)))
    schedule: {
      kind: "growing",
      shape: "linear", // [growing] line 1110: inhib_schedule default 'linear'; lines 1174-1175
      cStart: 0.1, // [growing] line 1102: start_inhib default 0.1
      growFraction: 1, // [jobs] csnn_growing_inhibition_job.sh: proportion_grow default 1.0 (the grid also runs 0.25, 0.5, 0.75)
      everyDigits: 250, // [growing] line 1108: inhib_update_interval 250; line 762
    },
  },
});

/** The LM-SNN's comparison network: the same, with every inhibitory weight 20 from the start (uniform inhibition). */
export const HAZAN_2018_CONSTANT: Readonly<ConductancePreset> = withOverrides(DIEHL_COOK_2015_RELEASED, {
  ...HAZAN_2018,
  name: "hazan-2018-constant",
  description: "Hazan et al. (2018) LM-SNN's comparison: the same network with constant inhibition 20 (every weight at the cap: uniform); pair STDP, dt 0.1 ms",
  wInhExc: 20, // [two-level] lines 555-557: inhib_scheme 'eth', every weight max_inhib; ../shared/LMSNN.md: the lab's comparison at 20
  inhibition: { kind: "lattice", schedule: { kind: "constant", c: 20 } }, // c at the cap: the uniform fast path
});

export const PRESETS: Readonly<Record<string, Readonly<Preset>>> = Object.freeze({
  [DIEHL_COOK_2015.name]: DIEHL_COOK_2015,
  [DIEHL_COOK_2015_EULER.name]: DIEHL_COOK_2015_EULER,
  [DIEHL_COOK_2015_RELEASED.name]: DIEHL_COOK_2015_RELEASED,
  [BINDSNET.name]: BINDSNET,
  [DIEHL_COOK_2015_N100.name]: DIEHL_COOK_2015_N100,
  [DIEHL_COOK_2015_N400.name]: DIEHL_COOK_2015_N400,
  [DIEHL_COOK_2015_N1600.name]: DIEHL_COOK_2015_N1600,
  [DIEHL_COOK_2015_N6400.name]: DIEHL_COOK_2015_N6400,
  [DIEHL_COOK_2015_N1600_LEARNING.name]: DIEHL_COOK_2015_N1600_LEARNING,
  [DIEHL_COOK_2015_N6400_LEARNING.name]: DIEHL_COOK_2015_N6400_LEARNING,
  [HAZAN_2018_TWO_LEVEL.name]: HAZAN_2018_TWO_LEVEL,
  [HAZAN_2018_GROWING.name]: HAZAN_2018_GROWING,
  [HAZAN_2018_CONSTANT.name]: HAZAN_2018_CONSTANT,
});

/** Look up a preset by name; throws with the list of known names. */
export function presetByName(name: string): Readonly<Preset> {
  const preset = PRESETS[name];
  if (!preset) throw new RangeError(`unknown preset "${name}": use one of ${Object.keys(PRESETS).join(", ")}`);
  return preset;
}

