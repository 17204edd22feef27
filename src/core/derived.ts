/**
 * Quantities derived once per (preset, dt), so that inner loops multiply and never call Math.exp (GeNN's "derived
 * parameters"). Trace decays are tabulated as powers: table[k] = decay^k by repeated f64 multiplication (bitwise the
 * value a per-step decay would reach), cut to 0 once below TRACE_CUTOFF.
 */
import { checkSchedule } from "./lattice";
import { Preset } from "./params";
import { InhibitionSchedule } from "./presetTypes";
import { MAX_PRESENTATION_STEPS } from "./poisson";

/** Trace values below this are treated as 0 (their effect, nu * 1e-12 <= 1e-14, is far below f32 resolution of w). */
export const TRACE_CUTOFF = 1e-12;

export interface Derived {
  presentSteps: number;
  restSteps: number;
  /** Conductance model: Euler factor dt / tau_m. Current model: unused. */
  excEuler: number;
  /** Current model: exp(-dt / tau_m). Conductance model: unused. */
  excDecay: number;
  geDecay: number;
  giDecay: number;
  /** The excitatory threshold without theta, vThreshMv - thetaOffsetMv (threshold = this + theta). */
  thresholdBaseMv: number;
  /** Steps after the spike step during which spikes are blocked (see Preset.refractoryConvention). */
  excRefractorySteps: number;
  /** Conductance model: whether a refractory excitatory neuron's v is held at vReset (excRefractory "clamp"). */
  excRefractoryHold: boolean;
  /**
   * Input delays: the number of steps of the longest delay (round(inputDelayMs / dtMs); 0: no delays). Delays are
   * 0 .. delaySteps - 1 steps; the delayed depression comes delaySteps steps after the pre spike.
   */
  delaySteps: number;
  inhRefractorySteps: number;
  inhEuler: number;
  inhDecay: number;
  inhGeDecay: number;
  /** Per-step factor of theta's decay, exp(-dt / tau_theta), applied in f64. */
  thetaDecayPerStep: number;
  /** Input spike probability per step per (pixel value x intensity / startIntensity). */
  spikeProbPerPixel: number;
  prePow: Float64Array;
  post1Pow: Float64Array;
  post2Pow: Float64Array;
}

/** Powers decay^k for k = 0, 1, ... while >= TRACE_CUTOFF. */
export function powerTable(decay: number): Float64Array {
  const values: number[] = [];
  for (let x = 1; x >= TRACE_CUTOFF; x *= decay) values.push(x);
  return Float64Array.from(values);
}

/** Look up decay^k in a power table (0 beyond its end). */
export function tracePower(table: Float64Array, k: number): number {
  return k < table.length ? table[k] : 0;
}

export function derive(p: Readonly<Preset>): Derived {
  const dt = p.dtMs;
  const steps = (ms: number, what: string): number => {
    const n = Math.round(ms / dt);
    if (Math.abs(n * dt - ms) > 1e-9) throw new RangeError(`preset ${p.name}: ${what} ${ms} ms is not a whole number of ${dt} ms steps`);
    return n;
  };
  // The conductances' decays (conductance model only; 0 for the current model, which has no conductances).
  const euler = p.neuronModel === "conductance" && p.conductanceDecay === "euler";
  const conductanceDecay = (tauMs: number | undefined): number => (tauMs === undefined ? 0 : euler ? 1 - dt / tauMs : Math.exp(-dt / tauMs));
  const c = p.neuronModel === "conductance" ? p : undefined;
  const presentSteps = steps(p.presentMs, "presentMs");
  if (presentSteps > MAX_PRESENTATION_STEPS) {
    throw new RangeError(`preset ${p.name}: a presentation of ${presentSteps} steps (presentMs ${p.presentMs} / dtMs ${dt}) is longer than the ${MAX_PRESENTATION_STEPS} steps the Poisson input draws exactly: use dtMs >= ${p.presentMs / MAX_PRESENTATION_STEPS}`);
  }
  return {
    presentSteps,
    restSteps: steps(p.restMs, "restMs"),
    excEuler: dt / p.exc.tauMembraneMs,
    excDecay: Math.exp(-dt / p.exc.tauMembraneMs),
    geDecay: conductanceDecay(c?.exc.tauGeMs),
    giDecay: conductanceDecay(c?.exc.tauGiMs),
    thresholdBaseMv: p.exc.vThreshMv - p.exc.thetaOffsetMv,
    excRefractorySteps: blockedSteps(steps(p.exc.refractoryMs, "exc.refractoryMs"), p.refractoryConvention),
    excRefractoryHold: c === undefined || (c.excRefractory ?? "clamp") === "clamp",
    delaySteps: c?.inputDelayMs ? steps(c.inputDelayMs, "inputDelayMs") : 0,
    inhRefractorySteps: blockedSteps(steps(p.inh.refractoryMs, "inh.refractoryMs"), p.refractoryConvention),
    inhEuler: dt / p.inh.tauMembraneMs,
    inhDecay: Math.exp(-dt / p.inh.tauMembraneMs),
    inhGeDecay: conductanceDecay(c?.inh.tauGeMs),
    thetaDecayPerStep: Math.exp(-dt / p.exc.tauThetaMs),
    spikeProbPerPixel: (p.rateHzPerPixel * dt) / 1000 / p.startIntensity,
    prePow: powerTable(Math.exp(-dt / p.stdp.tauPreMs)),
    post1Pow: powerTable(Math.exp(-dt / p.stdp.tauPost1Ms)),
    post2Pow: powerTable(Math.exp(-dt / p.stdp.tauPost2Ms)),
  };
}

/** Blocked steps after the spike step for a refractory period of `periodSteps` steps. */
export function blockedSteps(periodSteps: number, convention: "brian" | "bindsnet"): number {
  return convention === "brian" ? Math.max(0, periodSteps - 1) : periodSteps;
}

/** Check a preset's values (positive time constants, ordered potentials ...); throws a RangeError naming the field. */
export function validatePreset(p: Readonly<Preset>): void {
  const positive: [string, number][] = [
    ["dtMs", p.dtMs], ["presentMs", p.presentMs], ["exc.tauMembraneMs", p.exc.tauMembraneMs],
    ["exc.tauThetaMs", p.exc.tauThetaMs], ["inh.tauMembraneMs", p.inh.tauMembraneMs], ["stdp.tauPreMs", p.stdp.tauPreMs],
    ["stdp.tauPost1Ms", p.stdp.tauPost1Ms], ["stdp.tauPost2Ms", p.stdp.tauPost2Ms], ["normTotal", p.normTotal],
    ["rateHzPerPixel", p.rateHzPerPixel], ["startIntensity", p.startIntensity], ["stdp.wMax", p.stdp.wMax],
  ];
  for (const [name, value] of positive) {
    if (!(value > 0)) throw new RangeError(`preset ${p.name}: ${name} must be > 0, got ${value}`);
  }
  const nonNegative: [string, number][] = [
    ["restMs", p.restMs], ["minSpikes", p.minSpikes], ["maxRetries", p.maxRetries], ["exc.refractoryMs", p.exc.refractoryMs],
    ["inh.refractoryMs", p.inh.refractoryMs], ["stdp.nuPre", p.stdp.nuPre], ["stdp.nuPost", p.stdp.nuPost],
    ["wExcInh", p.wExcInh], ["wInhExc", p.wInhExc], ["wInitScale", p.wInitScale], ["exc.thetaPlusMv", p.exc.thetaPlusMv],
  ];
  for (const [name, value] of nonNegative) {
    if (!(value >= 0)) throw new RangeError(`preset ${p.name}: ${name} must be >= 0, got ${value}`);
  }
  for (const [name, value] of [["minSpikes", p.minSpikes], ["maxRetries", p.maxRetries], ["startIntensity", p.startIntensity]] as const) {
    if (!Number.isInteger(value)) throw new RangeError(`preset ${p.name}: ${name} must be a whole number, got ${value}`);
  }
  const c = p.neuronModel === "conductance" ? p : undefined;
  type Mode = readonly [string, unknown, readonly unknown[]];
  const modes: Mode[] = [
    ["neuronModel", p.neuronModel, ["conductance", "current"]],
    ["normWhen", p.normWhen, ["before", "after"]],
    ["refractoryConvention", p.refractoryConvention, ["brian", "bindsnet"]],
  ];
  if (c) modes.push(["conductanceDecay", c.conductanceDecay, [undefined, "exponential", "euler"]], ["excRefractory", c.excRefractory, [undefined, "clamp", "integrate"]]);
  for (const [name, value, allowed] of modes) {
    if (!allowed.includes(value)) {
      throw new RangeError(`preset ${p.name}: ${name} must be ${allowed.filter((a) => a !== undefined).map((a) => JSON.stringify(a)).join(" or ")}, got ${JSON.stringify(value)}`);
    }
  }
  if (!(p.exc.vResetMv < p.exc.vThreshMv + p.exc.thetaInitMv - p.exc.thetaOffsetMv)) {
    throw new RangeError(`preset ${p.name}: exc.vResetMv ${p.exc.vResetMv} must lie below the initial threshold`);
  }
  // Spike test and delivery delay come with the neuron model (they are in the preset to document them).
  const implied = p.neuronModel === "conductance" ? { spikeTest: "gt", oneStepDelay: false } : { spikeTest: "ge", oneStepDelay: true };
  if (p.spikeTest !== implied.spikeTest || p.oneStepDelay !== implied.oneStepDelay) {
    throw new RangeError(`preset ${p.name}: the ${p.neuronModel} model implies spikeTest "${implied.spikeTest}" and oneStepDelay ${implied.oneStepDelay}; other combinations are not implemented`);
  }
  if (p.neuronModel === "conductance") {
    for (const [name, tau] of [["exc.tauGeMs", p.exc.tauGeMs], ["exc.tauGiMs", p.exc.tauGiMs], ["inh.tauGeMs", p.inh.tauGeMs]] as const) {
      if (!(tau > 0)) throw new RangeError(`preset ${p.name}: ${name} must be > 0, got ${tau}`);
      if (p.conductanceDecay === "euler" && !(tau >= p.dtMs)) {
        throw new RangeError(`preset ${p.name}: conductanceDecay "euler" needs ${name} >= dtMs (${p.dtMs}), got ${tau}`);
      }
    }
  }
  const { inputDelayMs: delayMs, inputDelayMinMs: minMs = 0 } = p as { inputDelayMs?: number; inputDelayMinMs?: number };
  if (delayMs !== undefined && delayMs !== 0) {
    if (p.neuronModel !== "conductance") throw new RangeError(`preset ${p.name}: inputDelayMs is implemented for the conductance model only`);
    const steps = Math.round(delayMs / p.dtMs);
    if (!(delayMs > 0) || Math.abs(steps * p.dtMs - delayMs) > 1e-9 || steps > 255) {
      throw new RangeError(`preset ${p.name}: inputDelayMs must be a whole number of ${p.dtMs} ms steps in (0, ${255 * p.dtMs}], got ${delayMs}`);
    }
    if (!(minMs >= 0 && minMs < delayMs)) throw new RangeError(`preset ${p.name}: inputDelayMinMs must be >= 0 and below inputDelayMs (${delayMs}), got ${minMs}`);
    if (!(p.restMs >= delayMs)) throw new RangeError(`preset ${p.name}: inputDelayMs ${delayMs} needs a rest period at least as long (restMs ${p.restMs})`);
  } else if (minMs) throw new RangeError(`preset ${p.name}: inputDelayMinMs needs input delays (inputDelayMs)`);
  checkTimeStep(p);
  checkInhibition(p);
  if (p.intensityStep !== undefined && !(p.intensityStep > 0 && Number.isFinite(p.intensityStep))) {
    throw new RangeError(`preset ${p.name}: intensityStep must be a number > 0, got ${p.intensityStep}`);
  }
  if (p.neuronModel !== "current" && (p.oneSpikePerStep as boolean)) {
    throw new RangeError(`preset ${p.name}: oneSpikePerStep is implemented for the current model only`);
  }
  if (p.neuronModel === "conductance" && !(p.exc.eInhMv < p.exc.vRestMv && p.exc.vRestMv < p.exc.eExcMv)) {
    throw new RangeError(`preset ${p.name}: conductance model needs exc.eInhMv < exc.vRestMv < exc.eExcMv`);
  }
}

/** The preset's inhibition value (presetTypes.ts Inhibition): uniform, or a lattice with a valid schedule (lattice.ts). */
function checkInhibition(p: Readonly<Preset>): void {
  const inhibition = (p as { inhibition?: { kind?: unknown; schedule?: InhibitionSchedule } }).inhibition;
  if (inhibition === undefined || inhibition.kind === "uniform") return;
  if (inhibition.kind !== "lattice") throw new RangeError(`preset ${p.name}: inhibition.kind must be "uniform" or "lattice", got ${JSON.stringify(inhibition.kind)}`);
  if (p.neuronModel !== "conductance") throw new RangeError(`preset ${p.name}: lattice inhibition is implemented for the conductance model only`);
  checkSchedule(inhibition.schedule, p.name);
}

/**
 * The time step against the preset's time constants and refractory periods: a step longer than the shortest of them
 * (a conductance that decays within the step it arrives in, a refractory period shorter than a step) is refused,
 * naming both, unless the preset says coarseTimeStep.
 */
function checkTimeStep(p: Readonly<Preset>): void {
  if (p.coarseTimeStep === true) return;
  const spans: [string, number][] = [
    ["exc.tauMembraneMs", p.exc.tauMembraneMs], ["inh.tauMembraneMs", p.inh.tauMembraneMs], ["stdp.tauPreMs", p.stdp.tauPreMs],
    ["stdp.tauPost1Ms", p.stdp.tauPost1Ms], ["exc.refractoryMs", p.exc.refractoryMs], ["inh.refractoryMs", p.inh.refractoryMs],
  ];
  if (p.neuronModel === "conductance") spans.push(["exc.tauGeMs", p.exc.tauGeMs], ["exc.tauGiMs", p.exc.tauGiMs], ["inh.tauGeMs", p.inh.tauGeMs]);
  const shortest = spans.filter(([, ms]) => ms > 0).reduce((a, b) => (b[1] < a[1] ? b : a));
  if (p.dtMs > shortest[1]) {
    throw new RangeError(`preset ${p.name}: dtMs ${p.dtMs} is longer than ${shortest[0]} ${shortest[1]} ms, the shortest time span of the model: ` +
      `the steps no longer resolve it (use dtMs <= ${shortest[1]}, or set coarseTimeStep: true to run it anyway, recorded as a departure)`);
  }
}
