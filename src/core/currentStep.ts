/**
 * One step t of the current model (BindsNET preset; every connection delivers the previous step's spikes):
 *   1. excitatory update (WASM): v decays, adds the input assembled at step t-1 unless refractory, threshold, reset
 *   2. over-threshold neurons all reset (and raise theta); one of them, chosen at random, emits the spike
 *   3. inhibitory update (input from step t-1's excitatory spikes)
 *   4. learning: the pre-spike depression list (before the post traces are stamped), pre traces, onPostSpike
 *   5. assemble step t+1's input: depress then add the W rows of the step's input spikes (one WASM call),
 *      -wInhExc per inhibitory spike (all but self), and wExcInh to inhibitory j for the emitted spike j
 */
import type { Network } from "./network";
import { markPreSpikes } from "./stdp";

/** Step net.t with the schedule's input spikes [a, b); returns the emitted excitatory spikes (0 or 1 with oneSpikePerStep). */
export function stepCurrent(net: Network, a: number, b: number, learn: boolean): number {
  const { kernels, np, t, derived: d, preset: p, state, emitted, emittedPrev, inhOut } = net;
  const ptr = net.layout.ptr;
  const e = p.exc;
  net.refractory.expire(t, net.leaveRefractory);
  net.refractory.hold(state.ge, 0); // a refractory neuron's input is discarded
  const over = kernels.excCurrent(ptr.v, ptr.ge, ptr.thr, ptr.spikesOut, np, e.vRestMv, d.excDecay, e.vResetMv);
  let nEmit = 0;
  if (over > 0) {
    for (let s = 0; s < over; s++) net.enterRefractory(state.spikesOut[s], t, learn);
    if (p.oneSpikePerStep) emitted[nEmit++] = state.spikesOut[over === 1 ? 0 : net.rngTies.nextInt(over)];
    else for (let s = 0; s < over; s++) emitted[nEmit++] = state.spikesOut[s];
  }
  for (let s = 0; s < net.prevEmitted; s++) net.inhibitory.receive(emittedPrev[s], p.wExcInh, t);
  const nInh = net.inhibitory.active.count > 0 ? net.inhibitory.step(t, inhOut) : 0;
  let m = 0;
  if (learn) {
    if (b > a) {
      m = net.rule.preSpikeDepression(net.plasticity, t, state.depIdx, state.depBy);
      markPreSpikes(net.plasticity, state.schedule, a, b, t);
    }
    for (let s = 0; s < nEmit; s++) net.rule.onPostSpike(net.plasticity, emitted[s], t, state.schedule, a, b);
  }
  if (b > a) kernels.inputSpikes(ptr.w, ptr.ge, ptr.schedule + 4 * a, b - a, np, ptr.depIdx, ptr.depBy, m);
  for (let s = 0; s < nInh; s++) addAllBut(state.ge, net.neurons, inhOut[s], -p.wInhExc);
  for (let s = 0; s < nEmit; s++) {
    net.counts[emitted[s]]++;
    emittedPrev[s] = emitted[s];
  }
  net.prevEmitted = nEmit;
  return nEmit;
}

/** target[j] += amount for every neuron j < neurons except `self` (all-but-self lateral inhibition). */
function addAllBut(target: Float32Array, neurons: number, self: number, amount: number): void {
  for (let j = 0; j < self; j++) target[j] += amount;
  for (let j = self + 1; j < neurons; j++) target[j] += amount;
}
