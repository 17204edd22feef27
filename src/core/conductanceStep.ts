/**
 * The conductance model's step (the paper's network), phase by phase in the order of schedule.ts CONDUCTANCE_STEP.
 * With the TypeScript kernels every step runs here (stepConductance: the oracle of the WASM step loop); with the WASM
 * kernels the loop phases run inside WebAssembly (stepLoop.ts, between excitatory spikes) and runLoop runs the event
 * phases here. Both give identical bits (test/core/kernels.test.ts, test/core/golden.test.ts).
 */
import { setStepInput } from "./blocks";
import { CONDUCTANCE_STEP, ConductancePhase, eventPhases } from "./schedule";
import { Simulation } from "./simulation";
import { markPreSpikes } from "./stdp";
import type { StepLoop } from "./stepLoop";
import { enterRefractory } from "./thresholds";

/** What the phases of one step share: the step's input spikes schedule[a, b), its options and its spikes. */
interface StepScratch {
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
}

/** Each phase of CONDUCTANCE_STEP (see its documentation there). */
const PHASES: { readonly [P in ConductancePhase]: (sim: Simulation, s: StepScratch) => void } = {
  expireRefractory(sim) {
    if (sim.refractory.size > 0) sim.refractory.expire(sim.t, sim.leaveRefractory);
  },
  excitatory(sim, s) {
    setStepInput(sim.blocks, sim.layout.ptr.schedule, s.a, s.b, 0);
    s.n = sim.inhibition.active ? sim.inhibition.step() : sim.kernels.stepConductanceNoGi(sim.blocks.conductance.address);
  },
  depression(sim, s) {
    if (!s.learn || s.b <= s.a) return;
    const { state, blocks } = sim;
    const m = sim.rule.preSpikeDepression(sim.plasticity, sim.t, state.depIdx, state.depBy);
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
  },
  stampPre(sim, s) {
    if (s.learn && s.b > s.a) markPreSpikes(sim.plasticity, sim.state.schedule, s.a, s.b, sim.t);
  },
  excitatorySpikes(sim, s) {
    const { t, state, preset: p } = sim;
    for (let k = 0; k < s.n; k++) {
      const j = state.spikesOut[k];
      enterRefractory(sim, j, t, s.learn);
      if (s.counting) sim.counts[j]++;
      if (s.learn) sim.rule.onPostSpike(sim.plasticity, j, t, state.schedule, s.a, s.b);
      sim.inhibitory.receive(j, p.wExcInh, t + 1);
    }
  },
  inhibitorySpikes(sim, s) {
    for (let k = 0; k < s.nInh; k++) sim.inhibition.receive(s.inhSpikes[k], sim.preset.wInhExc);
  },
};

const ORDER: readonly ConductancePhase[] = CONDUCTANCE_STEP.map((p) => p.name);
const EVENT_ORDER: readonly ConductancePhase[] = eventPhases();
const scratch: StepScratch = { a: 0, b: 0, learn: false, counting: false, n: 0, nInh: 0, inhSpikes: new Int32Array(0) };

/**
 * Step sim.t with the schedule's input spikes [a, b): every phase of CONDUCTANCE_STEP in order. Returns the emitted
 * excitatory spikes. `counting`: add them to sim.counts (the presentation, not the rest period).
 */
export function stepConductance(sim: Simulation, a: number, b: number, learn: boolean, counting: boolean,
  phases: readonly ConductancePhase[] = ORDER): number {
  const s = scratch;
  s.a = a; s.b = b; s.learn = learn; s.counting = counting; s.n = 0; s.nInh = 0; s.inhSpikes = sim.inhOut;
  for (let k = 0; k < phases.length; k++) PHASES[phases[k]](sim, s);
  return s.n;
}

/**
 * Steps from .. to - 1 of the presentation (`scheduled`) or of the rest period through the WASM step loop: it runs
 * the loop phases up to the next step with an excitatory spike; here that step's event phases run (the pre traces are
 * stamped lazily: before a post spike reads them, and at the end). Returns the excitatory spikes.
 */
export function runLoop(sim: Simulation, loop: StepLoop, from: number, to: number, learn: boolean, counting: boolean, scheduled: boolean): number {
  const starts = sim.schedule.stepStart;
  const tFrom = sim.t - from;
  const stamp = learn && scheduled;
  const s = scratch;
  let marked = from;
  let total = 0;
  loop.recentChanged();
  for (let step = from; step < to; ) {
    const done = loop.run(step, to, sim.t, learn, scheduled);
    step += done;
    sim.t += done;
    if (!loop.event) continue;
    s.a = scheduled ? starts[step] : 0; s.b = scheduled ? starts[step + 1] : 0; s.learn = learn; s.counting = counting;
    s.n = loop.spikes; s.nInh = loop.inhibitorySpikes; s.inhSpikes = loop.inhibitoryOut;
    for (let k = 0; k < EVENT_ORDER.length; k++) {
      const phase = EVENT_ORDER[k];
      if (phase !== "stampPre") PHASES[phase](sim, s);
      else if (stamp && s.n > 0) {
        loop.stampPre(marked, step + 1, tFrom);
        marked = step + 1;
      }
    }
    if (s.n > 0) loop.recentChanged(); // the spikes stamped post traces
    total += s.n;
    step++;
    sim.t++;
  }
  if (stamp) loop.stampPre(marked, to, tFrom);
  return total;
}
