/** The excitatory neurons' spike thresholds: vThresh + theta - offset in f32, +inf while refractory and on padded lanes. */
import { Simulation } from "./simulation";

/** thr = vThresh + theta - offset for every neuron (f32), +inf on padded lanes and while refractory. */
export function refreshThresholds(sim: Pick<Simulation, "state" | "neurons" | "np" | "derived" | "refractory">): void {
  const { state, neurons, np } = sim;
  const base = sim.derived.thresholdBaseMv;
  for (let j = 0; j < neurons; j++) state.thr[j] = base + state.theta[j];
  state.thr.fill(Infinity, neurons, np);
  sim.refractory.forEach((j) => (state.thr[j] = Infinity));
}

/** Neuron j spiked at step t: threshold +inf until t + refractory + 1; theta += thetaPlus when learning. */
export function enterRefractory(sim: Pick<Simulation, "state" | "refractory" | "derived" | "preset">, j: number, t: number, learn: boolean): void {
  sim.state.thr[j] = Infinity;
  sim.refractory.enter(j, t + sim.derived.excRefractorySteps + 1);
  if (learn) sim.state.theta[j] += sim.preset.exc.thetaPlusMv;
}
