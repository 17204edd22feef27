/**
 * The current model's step (BindsNET preset; every connection delivers the previous step's spikes), phase by phase in
 * the order of schedule.ts CURRENT_STEP. It always runs in TypeScript, with the WASM (or TypeScript) neuron and input
 * kernels.
 */
import { Coupling, sumAll } from "./coupling";
import { CURRENT_STEP, CurrentPhase } from "./schedule";
import { Simulation } from "./simulation";
import { markPreSpikes } from "./stdp";
import { enterRefractory } from "./thresholds";

interface StepScratch {
  a: number;
  b: number;
  learn: boolean;
  /** Over-threshold neurons of the step (in state.spikesOut). */
  over: number;
  /** Emitted spikes (in sim.emitted). */
  nEmit: number;
  nInh: number;
  /** Length of the depression list of the step. */
  m: number;
}

/** Each phase of CURRENT_STEP (see its documentation there). */
const PHASES: { readonly [P in CurrentPhase]: (sim: Simulation, s: StepScratch) => void } = {
  expireRefractory(sim) {
    sim.refractory.expire(sim.t, sim.leaveRefractory);
    sim.refractory.hold(sim.state.ge, 0); // a refractory neuron's input is discarded
  },
  excitatory(sim, s) {
    s.over = sim.kernels.excCurrent(sim.blocks.current.address);
  },
  emit(sim, s) {
    const { state, emitted } = sim;
    s.nEmit = 0;
    if (sim.coupling && sim.preset.oneSpikePerStep) {
      emitOneOfAllSlices(sim, sim.coupling, s);
      return;
    }
    if (s.over === 0) return;
    for (let k = 0; k < s.over; k++) enterRefractory(sim, state.spikesOut[k], sim.t, s.learn);
    if (sim.preset.oneSpikePerStep) emitted[s.nEmit++] = state.spikesOut[s.over === 1 ? 0 : sim.rngTies.nextInt(s.over)];
    else for (let k = 0; k < s.over; k++) emitted[s.nEmit++] = state.spikesOut[k];
  },
  inhibitory(sim, s) {
    for (let k = 0; k < sim.prevEmitted; k++) sim.inhibitory.receive(sim.emittedPrev[k], sim.preset.wExcInh, sim.t);
    s.nInh = sim.inhibitory.active.count > 0 ? sim.inhibitory.step(sim.t, sim.inhOut) : 0;
    sim.totals.spentInhSpikes += s.nInh;
  },
  learning(sim, s) {
    s.m = 0;
    if (!s.learn) return;
    const { state, plasticity: pl, t } = sim;
    if (s.b > s.a) {
      s.m = sim.rule.preSpikeDepression(pl, t, state.depIdx, state.depBy);
      if (sim.rule.onPreSpike) for (let k = s.a; k < s.b; k++) sim.rule.onPreSpike(pl, state.schedule[k], t);
      markPreSpikes(pl, state.schedule, s.a, s.b, t);
    }
    for (let k = 0; k < s.nEmit; k++) sim.rule.onPostSpike(pl, sim.emitted[k], t, state.schedule, s.a, s.b);
  },
  assembleInput(sim, s) {
    const { state, emitted, blocks: { current: block, at: { current: at } } } = sim;
    if (s.b > s.a) {
      block.i32[at.idx] = sim.layout.ptr.schedule + 4 * s.a;
      block.i32[at.count] = s.b - s.a;
      block.i32[at.m] = s.m;
      sim.kernels.inputSpikes(block.address);
    }
    for (let k = 0; k < s.nInh; k++) addAllBut(state.ge, sim.neurons, sim.inhOut[k], -sim.preset.wInhExc);
    // a slice of a split network: every other slice's inhibitory spike reaches all of this slice's neurons (the same
    // weight each time, so adding them after this slice's own gives the bits of the whole network's neuron order)
    if (sim.coupling) {
      const others = sumAll(sim.coupling, s.nInh) - s.nInh;
      for (let k = 0; k < others; k++) addAllBut(state.ge, sim.neurons, -1, -sim.preset.wInhExc);
    }
    sim.spikeOrder?.addStep(emitted, s.nEmit);
    for (let k = 0; k < s.nEmit; k++) {
      sim.counts[emitted[k]]++;
      sim.emittedPrev[k] = emitted[k];
    }
    sim.prevEmitted = s.nEmit;
  },
};

const ORDER: readonly CurrentPhase[] = CURRENT_STEP.map((p) => p.name);
/** Reused by every call of this thread: each call sets every field before the phases read it; nothing carries over. */
const scratch: StepScratch = { a: 0, b: 0, learn: false, over: 0, nEmit: 0, nInh: 0, m: 0 };

/** Step sim.t with the schedule's input spikes [a, b); returns the emitted excitatory spikes (0 or 1 with oneSpikePerStep). */
export function stepCurrent(sim: Simulation, a: number, b: number, learn: boolean, phases: readonly CurrentPhase[] = ORDER): number {
  const s = scratch;
  s.a = a; s.b = b; s.learn = learn; s.over = 0; s.nEmit = 0; s.nInh = 0; s.m = 0;
  for (let k = 0; k < phases.length; k++) PHASES[phases[k]](sim, s);
  return s.nEmit;
}

/**
 * oneSpikePerStep in a slice of a split network: every over-threshold neuron of every slice is reset (here: this
 * slice's), and one of all of them emits, drawn as the whole network draws it (rngTies.nextInt of the total, when
 * more than one), from the over-threshold neurons of all slices in neuron order; this slice emits it if it is its.
 */
function emitOneOfAllSlices(sim: Simulation, coupling: Coupling, s: StepScratch): void {
  const { state, emitted } = sim;
  const all = coupling.gather(s.over);
  let total = 0, before = 0;
  for (let k = 0; k < all.length; k++) {
    if (k === coupling.index) before = total;
    total += all[k];
  }
  if (total === 0) return;
  for (let k = 0; k < s.over; k++) enterRefractory(sim, state.spikesOut[k], sim.t, s.learn);
  const chosen = (total === 1 ? 0 : sim.rngTies.nextInt(total)) - before;
  if (chosen >= 0 && chosen < s.over) emitted[s.nEmit++] = state.spikesOut[chosen];
}

/** target[j] += amount for every neuron j < neurons except `self` (all-but-self lateral inhibition; -1: every one). */
function addAllBut(target: Float32Array, neurons: number, self: number, amount: number): void {
  for (let j = 0; j < self; j++) target[j] += amount;
  for (let j = self + 1; j < neurons; j++) target[j] += amount;
}
