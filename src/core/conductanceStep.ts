/**
 * The conductance model's step (the paper's network), phase by phase in the order of schedule.ts CONDUCTANCE_STEP.
 * With the TypeScript kernels every step runs here (stepConductance: the oracle of the WASM step loop); with the WASM
 * kernels the loop phases run inside WebAssembly (stepLoop.ts, between excitatory spikes) and runLoop runs the event
 * phases here. Both give identical bits (test/core/kernels.test.ts, test/core/golden.test.ts).
 */
import { setStepInput } from "./blocks";
import { Coupling, PAIR_PACKING, sumAll } from "./coupling";
import { CONDUCTANCE_STEP, ConductancePhase, eventPhases } from "./schedule";
import { Simulation } from "./simulation";
import { markPreSpikes } from "./stdp";
import type { StepLoop } from "./stepLoop";
import { enterRefractory } from "./thresholds";

/** What the phases of one step share: the step's input spikes schedule[a, b), its options and its spikes. */
interface StepScratch {
  /** The step's index from the start of the presentation (the rest period continues the count). */
  step: number;
  a: number;
  b: number;
  learn: boolean;
  /** Add the step's excitatory spikes to sim.counts (the presentation, not the rest period). */
  counting: boolean;
  /** Excitatory spikes of the step (in state.spikesOut). */
  n: number;
  /** Inhibitory spikes of the step, in inhSpikes. */
  nInh: number;
  inhSpikes: Int32Array;
  /** At an event step of the WASM step loop: the loop, the step's index in its run and the run's end (meetSlices). */
  loop?: StepLoop;
  loopStep: number;
  loopTo: number;
}

/** Each phase of CONDUCTANCE_STEP (see its documentation there). */
const PHASES: { readonly [P in ConductancePhase]: (sim: Simulation, s: StepScratch) => void } = {
  expireRefractory(sim) {
    if (sim.refractory.size > 0) sim.refractory.expire(sim.t, sim.leaveRefractory);
  },
  scatterInput(sim, s) {
    const delays = sim.delays, block = sim.delayBlock;
    if (!delays || !block || s.b <= s.a) return;
    const { view, at } = block;
    view.i32[at.idx] = sim.layout.ptr.schedule + 4 * s.a;
    view.i32[at.count] = s.b - s.a;
    view.i32[at.cur] = delays.slotOf(sim.t);
    sim.kernels.delayScatter(view.address);
  },
  excitatory(sim, s) {
    const delays = sim.delays;
    if (delays) {
      // the one row the kernel adds is the ring's slot of this step (rowBase = the ring, idx -> the slot's index)
      const slot = delays.slotOf(sim.t);
      delays.slot[0] = slot;
      setStepInput(sim.blocks, sim.layout.ptr.delaySlot, 0, 1, 0);
      s.n = sim.inhibition.active ? sim.inhibition.step() : sim.kernels.stepConductanceNoGi(sim.blocks.conductance.address);
      delays.clearSlot(slot);
      return;
    }
    setStepInput(sim.blocks, sim.layout.ptr.schedule, s.a, s.b, 0);
    s.n = sim.inhibition.active ? sim.inhibition.step() : sim.kernels.stepConductanceNoGi(sim.blocks.conductance.address);
  },
  depression(sim, s) {
    const { state, blocks, rule } = sim;
    // rules with their own pre hook (weight-dependent): the immediate part now (with delays, the weights come later)
    if (s.learn && rule.onPreSpike) for (let k = s.a; k < s.b; k++) rule.onPreSpike(sim.plasticity, state.schedule[k], sim.t);
    if (sim.delays) {
      delayedDepression(sim, s);
      return;
    }
    if (!s.learn || s.b <= s.a || rule.onPreSpike) return;
    const m = rule.preSpikeDepression(sim.plasticity, sim.t, state.depIdx, state.depBy);
    if (m === 0) return;
    setStepInput(blocks, sim.layout.ptr.schedule, s.a, s.b, m);
    sim.kernels.depressRows(blocks.conductance.address);
  },
  holdRefractory(sim) {
    if (sim.derived.excRefractoryHold && sim.refractory.size > 0) sim.refractory.hold(sim.state.v, sim.preset.exc.vResetMv);
  },
  inhibitory(sim, s) {
    s.nInh = sim.inhibitory.active.count > 0 ? sim.inhibitory.step(sim.t, sim.inhOut) : 0;
    s.inhSpikes = sim.inhOut;
    sim.totals.spentInhSpikes += s.nInh;
  },
  stampPre(sim, s) {
    if (!s.learn || s.b <= s.a) return;
    markPreSpikes(sim.plasticity, sim.state.schedule, s.a, s.b, sim.t);
    const { delays, plasticity: { sumPre } } = sim;
    if (delays) for (let k = s.a; k < s.b; k++) delays.pushPre(sim.state.schedule[k], sim.t, sumPre[sim.state.schedule[k]]);
  },
  excitatorySpikes(sim, s) {
    const { t, state, preset: p } = sim;
    if (s.counting) sim.spikeOrder?.addStep(state.spikesOut, s.n);
    for (let k = 0; k < s.n; k++) {
      const j = state.spikesOut[k];
      enterRefractory(sim, j, t, s.learn);
      if (s.counting) sim.counts[j]++;
      if (s.learn) {
        sim.rule.onPostSpike(sim.plasticity, j, t, state.schedule, s.a, s.b);
        if (sim.delays) sim.delays.pushPost(j, t, sim.plasticity.sumPost[j]);
      }
      sim.inhibitory.receive(j, p.wExcInh, t + 1);
    }
  },
  inhibitorySpikes(sim, s) {
    const { inhibition, lattice } = sim;
    if (lattice?.lattice) for (let k = 0; k < s.nInh; k++) inhibition.receiveRow(s.inhSpikes[k], lattice);
    else for (let k = 0; k < s.nInh; k++) inhibition.receive(s.inhSpikes[k], sim.preset.wInhExc);
  },
  meetSlices(sim, s) {
    if (!sim.coupling) return;
    if (s.loop) meetOtherSlices(sim, sim.coupling, s.loop, s.loopStep, s.loopTo, s.nInh);
    else receiveOtherSlices(sim, sim.coupling, s.nInh);
  },
};

/**
 * Input delays: the delayed depression of the input spikes of step `step - S` (S: the longest delay), with post1_j at
 * each synapse's arrival step (delays.ts; the kernel delayDepress). The recent post neurons are copied for the kernel.
 */
function delayedDepression(sim: Simulation, s: StepScratch): void {
  const delays = sim.delays!, block = sim.delayBlock!;
  const from = s.step - delays.slots;
  if (!s.learn || from < 0 || from >= sim.schedule.steps) return;
  const starts = sim.schedule.stepStart;
  const a = starts[from], b = starts[from + 1];
  if (b <= a) return;
  const rule = sim.rule;
  if (rule.onPreSpike) {
    if (rule.onDelayedPreSpike) for (let k = a; k < b; k++) rule.onDelayedPreSpike(sim.plasticity, sim.state.schedule[k], sim.t - delays.slots);
    return;
  }
  if (rule.loopShape?.depressionNu === 0) return; // no depression (potentiation-only): as the loop, which skips it
  const recent = sim.plasticity.recentDep;
  const { view, at } = block;
  const list = delays.recentPost;
  for (let r = 0; r < recent.count; r++) list[r] = recent.list[r];
  view.i32[at.idx] = sim.layout.ptr.schedule + 4 * a;
  view.i32[at.count] = b - a;
  view.i32[at.t] = sim.t - delays.slots;
  view.i32[at.depCount] = recent.count;
  sim.kernels.delayDepress(view.address);
}

const ORDER: readonly ConductancePhase[] = CONDUCTANCE_STEP.map((p) => p.name);
const EVENT_ORDER: readonly ConductancePhase[] = eventPhases();
/** Reused by every call of this thread: each call sets every field before the phases read it; nothing carries over. */
const scratch: StepScratch = { step: 0, a: 0, b: 0, learn: false, counting: false, n: 0, nInh: 0, inhSpikes: new Int32Array(0), loopStep: 0, loopTo: 0 };

/**
 * Step sim.t, the presentation's step `step` (the rest period continues the count), with the schedule's input spikes
 * [a, b): every phase of CONDUCTANCE_STEP in order. Returns the emitted excitatory spikes. `counting`: add them to
 * sim.counts (the presentation, not the rest period).
 */
export function stepConductance(sim: Simulation, step: number, a: number, b: number, learn: boolean, counting: boolean,
  phases: readonly ConductancePhase[] = ORDER): number {
  const s = scratch;
  s.step = step; s.a = a; s.b = b; s.learn = learn; s.counting = counting; s.n = 0; s.nInh = 0; s.inhSpikes = sim.inhOut;
  s.loop = undefined;
  for (let k = 0; k < phases.length; k++) PHASES[phases[k]](sim, s);
  return s.n;
}

/**
 * A slice of a split network (coupling.ts), after its step: the other slices' inhibitory spikes of the step reach
 * every neuron here (G += wInhExc each; the own shares S_j are only for this slice's partners). The additions come
 * after this slice's own, not in neuron order as in the whole network, which gives the same bits: they all add the
 * same weight.
 */
function receiveOtherSlices(sim: Simulation, coupling: Coupling, ownInhibitory: number): void {
  addOthers(sim, sumAll(coupling, ownInhibitory) - ownInhibitory);
}

/** G += wInhExc for each of the other slices' inhibitory spikes of the step (see receiveOtherSlices). */
function addOthers(sim: Simulation, others: number): void {
  const w = sim.preset.wInhExc;
  for (let k = 0; k < others; k++) sim.inhibition.g += w;
}

/**
 * A slice of a split network at an event step of the step loop, after its event phases: what the loop does after a
 * step (scripts/kernels/loop.ts): steps go in pairs, and after the first of a pair the slice runs the second's
 * inhibitory phase early (an inhibitory neuron hears only its own excitatory partner, whose spikes up to this step are
 * known) and meets the others once for both steps' counts; the second step then uses what the meeting brought; a step
 * without a second before `to` meets alone.
 */
function meetOtherSlices(sim: Simulation, coupling: Coupling, loop: StepLoop, step: number, to: number, ownInhibitory: number): void {
  if (loop.pairPending) {
    addOthers(sim, loop.pairCounts.others);
    loop.setPair(undefined);
  } else if (step + 1 < to) {
    const next = sim.inhibitory.active.count > 0 ? sim.inhibitory.step(sim.t + 1, sim.inhOut) : 0;
    loop.inhibitoryOut.set(sim.inhOut.subarray(0, next));
    const own = ownInhibitory * PAIR_PACKING + next;
    const others = sumAll(coupling, own) - own;
    const othersNow = Math.floor(others / PAIR_PACKING);
    loop.setPair({ own: next, others: others - othersNow * PAIR_PACKING });
    addOthers(sim, othersNow);
  } else {
    receiveOtherSlices(sim, coupling, ownInhibitory);
  }
}

/**
 * Steps from .. to - 1 of the presentation (`scheduled`) or of the rest period through the WASM step loop: it runs
 * the loop phases up to the next step with an excitatory spike; here that step's event phases run (the pre traces are
 * stamped lazily: before a post spike reads them, and at the end). Returns the excitatory spikes.
 */
export function runLoop(sim: Simulation, loop: StepLoop, from: number, to: number, learn: boolean, counting: boolean, scheduled: boolean,
  stepOffset = 0, windows?: LoopWindows): number {
  const starts = sim.schedule.stepStart;
  const tFrom = sim.t - from;
  const stamp = learn && scheduled;
  const s = scratch;
  const totals = sim.totals;
  let marked = from;
  let total = 0;
  loop.recentChanged();
  if (windows) loop.setWindows(windows.ends);
  for (let step = from; step < to; ) {
    const done = loop.run(step, to, sim.t, learn, scheduled, stepOffset);
    const inhBefore = totals.spentInhSpikes;
    totals.spentInhSpikes += loop.takeInhibitorySpikes();
    step += done;
    sim.t += done;
    if (windows) {
      // the windows the run ended before this return: the counts are still theirs (they change at events only)
      for (let k = windows.closed; k < loop.windowNext; k++) windows.close(k, total, inhBefore + loop.windowInhibitory(k));
      windows.closed = loop.windowNext;
    }
    if (!loop.event) continue;
    s.step = step + stepOffset; s.a = scheduled ? starts[step] : 0; s.b = scheduled ? starts[step + 1] : 0; s.learn = learn;
    s.counting = counting;
    s.n = loop.spikes; s.nInh = loop.inhibitorySpikes; s.inhSpikes = loop.inhibitoryOut;
    s.loop = loop; s.loopStep = step; s.loopTo = to;
    for (let k = 0; k < EVENT_ORDER.length; k++) {
      const phase = EVENT_ORDER[k];
      if (phase !== "stampPre") PHASES[phase](sim, s);
      else if (stamp && s.n > 0) {
        stampDeferred(sim, loop, marked, step + 1, tFrom);
        marked = step + 1;
      }
    }
    if (s.n > 0) loop.recentChanged(); // the spikes stamped post traces
    total += s.n;
    if (windows && windows.closed < windows.ends.length && step + 1 === windows.ends[windows.closed]) {
      windows.close(windows.closed, total, totals.spentInhSpikes); // a window whose last step is this event step
      loop.windowNext = ++windows.closed;
    }
    step++;
    sim.t++;
  }
  if (stamp) stampDeferred(sim, loop, marked, to, tFrom);
  if (windows) loop.clearWindows();
  return total;
}

/**
 * Decision windows for runLoop over a presentation's steps (from step 0): their ends (ascending, in steps), how many
 * have closed, and what closes window k, given the presentation's excitatory spikes and the digit's spent inhibitory
 * spikes (Totals.spentInhSpikes) up to its end; sim.counts then hold the counts up to its end.
 */
export interface LoopWindows {
  ends: readonly number[];
  closed: number;
  close(k: number, excSoFar: number, inhSpent: number): void;
}

/**
 * The loop's lazy pre-spike work for the schedule's steps from .. end - 1 (step s at t = tFrom + s): the stamps, then
 * a rule's deferred pre-spike hooks (LearningRule.loopShape.deferredPreSpikes) in step order, as the per-step path
 * would have called them (their recentPre additions find the inputs already stamped, so the list keeps its order).
 */
function stampDeferred(sim: Simulation, loop: StepLoop, from: number, end: number, tFrom: number): void {
  loop.stampPre(from, end, tFrom);
  const rule = sim.rule;
  if (!rule.loopShape?.deferredPreSpikes || !rule.onPreSpike) return;
  const starts = sim.schedule.stepStart, schedule = sim.state.schedule, p = sim.plasticity;
  for (let step = from; step < end; step++) {
    const t = tFrom + step;
    for (let k = starts[step]; k < starts[step + 1]; k++) rule.onPreSpike(p, schedule[k], t);
  }
}
