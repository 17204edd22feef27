/**
 * One digit's presentation on a Simulation: the retry rule, the presentation's steps (the WASM step loop or the
 * per-step functions, see schedule.ts), the rest period, theta's decay and the normalisation; and the excitatory
 * neurons' thresholds (theta, refractoriness), initialisation, BindsNET's reset after each digit and rebasing.
 */
import { createRng, deriveSeed } from "../random/rng";
import { clampCountFrom } from "./blocks";
import { maxAll, sumAll } from "./coupling";
import { closeWindow, DecisionWindows, markStart } from "./decision";
import { LoopWindows, runLoop, stepConductance } from "./conductanceStep";
import { stepCurrent } from "./currentStep";
import { inhibitionLevel, LatticeInhibition } from "./lattice";
import { normalizeColumns, pruneRecent, resetTraces, shiftStamps } from "./plasticity";
import { Recording, recordStep } from "./recording";
import { runRest } from "./restPeriod";
import { ConductancePreset } from "./params";
import { Simulation } from "./simulation";
import { INPUTS } from "./state";
import { refreshThresholds } from "./thresholds";

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

/** Initial weights wInitScale * (U(0, 1) + wInitOffset) from the "weights" stream, v at rest, theta at its start. */
export function initialise(sim: Simulation): void {
  const { preset, state, np, neurons } = sim;
  const rng = createRng(deriveSeed(sim.seed, "weights"));
  for (let i = 0; i < INPUTS; i++) {
    for (let j = 0; j < neurons; j++) state.w[i * np + j] = preset.wInitScale * (rng.nextFloat() + preset.wInitOffset);
  }
  state.v.fill(preset.exc.vRestMv);
  state.theta.fill(preset.exc.thetaInitMv, 0, neurons);
  refreshThresholds(sim);
}

/**
 * Present one digit (784 pixels, validated by the caller). With `learn`, STDP and the adaptive threshold are on and
 * weights are normalised; without, the network is frozen. Applies the preset's retry rule; the spike counts of the
 * final presentation are left in sim.counts.
 */
export function presentDigit(sim: Simulation, pixels: Uint8Array, learn: boolean, recording?: Recording,
  windows?: DecisionWindows): PresentResult {
  if (sim.t > REBASE_AFTER_STEPS) rebase(sim);
  const p = sim.preset;
  const normalizes = p.stdp.normalize ?? true;
  const totals = sim.totals;
  if (windows) markStart(windows, totals);
  if (sim.lattice) setLatticeLevel(sim, sim.lattice);
  let intensity = p.startIntensity;
  let presentations = 0;
  // the presentation's spikes: this network's (own) and, for a slice of a split network, all slices' (the retry rule's)
  let own = 0, spikes = 0;
  for (;;) {
    if (learn && normalizes && p.normWhen === "before") normalizeColumns(sim.plasticity, p.normTotal);
    if (p.neuronModel === "conductance") gateClampCount(sim, p);
    own = runPresentation(sim, pixels, intensity, learn, recording, windows);
    spikes = sim.coupling ? sumAll(sim.coupling, own) : own;
    presentations++;
    const restSpikes = runRest(sim, learn);
    totals.spentInputSpikes += sim.schedule.total;
    totals.spentExcSpikes += own + restSpikes;
    totals.simulatedSteps += sim.derived.presentSteps + sim.derived.restSteps;
    if (learn) decayTheta(sim, sim.derived.presentSteps + sim.derived.restSteps);
    if (spikes >= p.minSpikes || presentations > p.maxRetries) break;
    intensity += p.intensityStep ?? 1;
    recording = undefined;
  }
  if (learn && normalizes && p.normWhen === "after") normalizeColumns(sim.plasticity, p.normTotal);
  if (p.resetAfterSample) resetState(sim);
  const capped = spikes < p.minSpikes;
  totals.digits++;
  if (learn) totals.learnedDigits++;
  totals.costDigits++;
  totals.presentations += presentations;
  totals.cappedDigits += capped ? 1 : 0;
  totals.excSpikes += own;
  totals.inputSpikes += sim.schedule.total;
  totals.eInhClamps += takeClampCount(sim);
  return { presentations, capped, spikes, inputSpikes: sim.schedule.total, intensity };
}

/**
 * The lattice inhibition's level for this digit, from the digits learned so far (presetTypes.ts InhibitionSchedule);
 * the WASM step loop returns at inhibitory spikes while some weight is below the cap (lattice.ts).
 */
function setLatticeLevel(sim: Simulation, lattice: LatticeInhibition): void {
  const p = sim.preset as ConductancePreset;
  if (p.inhibition?.kind !== "lattice") return;
  lattice.setLevel(inhibitionLevel(p.inhibition.schedule, sim.totals.learnedDigits, sim.trainingDigits ?? 0, p.wInhExc));
  sim.blocks.conductance.set("inhEvents", lattice.lattice ? 1 : 0);
}

/** Let the step kernels skip counting clamps where none can act this presentation (blocks.ts clampCountFrom). */
function gateClampCount(sim: Simulation, p: Readonly<ConductancePreset>): void {
  const theta = sim.state.theta;
  let max = -Infinity;
  for (let j = 0; j < sim.neurons; j++) if (theta[j] > max) max = theta[j];
  if (sim.coupling) max = maxAll(sim.coupling, max);
  sim.blocks.conductance.set("clampCountFrom", clampCountFrom(p, sim.derived, max));
}

/** The step kernels' count of clamps at eInh since the last call (the conductance block's counter, then zeroed). */
function takeClampCount(sim: Simulation): number {
  const block = sim.blocks.conductance;
  const n = block.get("clamps");
  block.set("clamps", 0);
  return n;
}

const NO_WINDOWS: readonly number[] = [];

/** runLoop's view of the decision windows being filled (one, reused: a presentation runs to its end before the next). */
const closer: LoopWindows & { sim?: Simulation; windows?: DecisionWindows } = {
  ends: NO_WINDOWS, closed: 0,
  close(k: number, excSoFar: number, inhSpent: number): void {
    const sim = this.sim!;
    closeWindow(this.windows!, k, sim.counts, sim.neurons, sim.totals, sim.schedule.stepStart[this.ends[k]], excSoFar, inhSpent);
  },
};

function runPresentation(sim: Simulation, pixels: Uint8Array, intensity: number, learn: boolean, rec?: Recording,
  windows?: DecisionWindows): number {
  const sched = sim.schedule;
  sim.poisson.fill(pixels, intensity, sim.rngInput, sched);
  sim.counts.fill(0);
  sim.spikeOrder?.clear();
  pruneRecent(sim.plasticity, sim.t, sim.derived.delaySteps);
  const conductance = sim.preset.neuronModel === "conductance";
  const starts = sched.stepStart;
  const ends = windows?.steps ?? NO_WINDOWS;
  const loop = learn ? sim.stepLoop : sim.frozenLoop;
  const monitor = sim.monitor;
  monitor?.startPresentation();
  if (!rec && !monitor && conductance && loop) {
    // the loop notes each window's end as it passes it (stepLoop.ts setWindows) and runLoop closes it
    if (!windows) return runLoop(sim, loop, 0, sched.steps, learn, true, true);
    closer.ends = ends; closer.closed = 0; closer.sim = sim; closer.windows = windows;
    const total = runLoop(sim, loop, 0, sched.steps, learn, true, true, 0, closer);
    closer.sim = closer.windows = undefined;
    return total;
  }
  let total = 0;
  const thresholdBase = sim.derived.thresholdBaseMv;
  for (let s = 0, k = 0; s < sched.steps; s++) {
    const a = starts[s], b = starts[s + 1];
    const n = conductance ? stepConductance(sim, s, a, b, learn, true) : stepCurrent(sim, a, b, learn);
    total += n;
    if (rec) recordStep(rec, sim.state, sim.neurons, thresholdBase, s, a, b, conductance ? sim.state.spikesOut : sim.emitted, n);
    monitor?.record(sim, s);
    sim.t++;
    if (k < ends.length && s + 1 === ends[k]) {
      closeWindow(windows!, k, sim.counts, sim.neurons, sim.totals, starts[ends[k]], total, sim.totals.spentInhSpikes);
      k++;
    }
  }
  return total;
}

/** theta *= exp(-steps dt / tau_theta), once per presentation in f64 (learning only). */
function decayTheta(sim: Simulation, steps: number): void {
  const f = Math.pow(sim.derived.thetaDecayPerStep, steps);
  const theta = sim.state.theta;
  for (let j = 0; j < sim.neurons; j++) theta[j] *= f;
  refreshThresholds(sim);
}

/** BindsNET's reset after each digit: v to rest, no refractoriness, no input in flight, traces 0 (theta kept). */
function resetState(sim: Simulation): void {
  const { state, neurons } = sim;
  state.v.fill(sim.preset.exc.vRestMv, 0, neurons);
  state.ge.fill(0);
  sim.refractory.expire(Infinity, sim.leaveRefractory);
  sim.inhibition.clear();
  sim.inhibitory.reset();
  resetTraces(sim.plasticity);
  sim.prevEmitted = 0;
}

/** Shift every step stamp by -t and restart the clock at 0 (long runs stay far from the i32 limit). */
function rebase(sim: Simulation): void {
  const shift = sim.t;
  const pl = sim.plasticity;
  for (const stamps of [pl.lastPre, pl.lastPost, pl.sumPreAt, pl.sumPostAt]) shiftStamps(stamps, shift);
  sim.refractory.rebase(shift);
  sim.inhibitory.rebase(shift);
  sim.delays?.rebase(shift);
  sim.t = 0;
}
