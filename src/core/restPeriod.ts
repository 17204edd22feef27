/**
 * The rest period after a presentation (no input, conductance model): simulated step by step only until no neuron can
 * spike, then advanced in closed form. Returns its excitatory spikes (the digit's cost).
 */
import { allTrue } from "./coupling";
import { runLoop, stepConductance } from "./conductanceStep";
import { Simulation } from "./simulation";

/** How often (steps) the rest period checks whether it may switch to closed form. */
const SETTLE_CHECK_EVERY = 8;
/** The rest period may switch to closed form once every conductance is below this (effect < 1e-6 mV per step). */
const SETTLED_CONDUCTANCE = 1e-6;

/**
 * Run the rest period: simulate until no neuron can spike (every conductance below SETTLED_CONDUCTANCE, no neuron
 * refractory, no inhibitory neuron active, every threshold above vRest), then advance the remaining steps in closed
 * form: v relaxes as (1 - dt/tau)^k (the Euler step without input), ge and gi decay geometrically. With
 * sim.exactRest every step is simulated instead: the closed form's oracle (test/core/restPeriod.test.ts).
 */
export function runRest(net: Simulation, learn: boolean): number {
  const shortcut = !net.exactRest;
  const restSteps = net.derived.restSteps;
  const loop = learn ? net.stepLoop : net.frozenLoop;
  let done = 0, spikes = 0;
  while (done < restSteps) {
    if (loop) {
      const next = Math.min(restSteps, done + SETTLE_CHECK_EVERY - (done % SETTLE_CHECK_EVERY));
      spikes += runLoop(net, loop, done, next, learn, false, false, net.derived.presentSteps);
      done = next;
    } else {
      spikes += stepConductance(net, net.derived.presentSteps + done, 0, 0, learn, false);
      net.t++;
      done++;
    }
    // with input delays, spikes are in flight and depressions pending until delaySteps steps after the last input
    if (shortcut && done % SETTLE_CHECK_EVERY === 0 && done >= net.derived.delaySteps && settledEverywhere(net)) break;
  }
  const left = restSteps - done;
  if (left > 0) {
    const { state, neurons, derived: d } = net;
    const vRest = net.preset.exc.vRestMv;
    const fv = Math.pow(1 - d.excEuler, left), fe = Math.pow(d.geDecay, left);
    for (let j = 0; j < neurons; j++) {
      state.v[j] = vRest + (state.v[j] - vRest) * fv;
      state.ge[j] *= fe;
    }
    net.inhibition.clear();
    net.t += left;
  }
  return spikes;
}

/** settled, for the whole network: in a slice of a split network, every slice must have settled (coupling.ts). */
function settledEverywhere(net: Simulation): boolean {
  return net.coupling ? allTrue(net.coupling, settled(net)) : settled(net);
}

/** True when no neuron can spike before the next input (see runRest). */
function settled(net: Simulation): boolean {
  if (net.inhibitory.active.count > 0 || net.refractory.size > 0 || net.inhibition.g > SETTLED_CONDUCTANCE) return false;
  const { state, neurons } = net;
  const vRest = net.preset.exc.vRestMv;
  for (let j = 0; j < neurons; j++) if (state.ge[j] > SETTLED_CONDUCTANCE || state.thr[j] <= vRest) return false;
  return true;
}
