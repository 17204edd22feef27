/**
 * One step t of the conductance model (paper preset; Brian's order, input delivery folded into the step):
 *   1-2. one WASM call: ge += W[i, :] for the step's input spikes; Euler-integrate v with ge and gi, clamp v >= eInh,
 *      threshold, reset; decay ge; then the rule's pre-spike depression of the input rows (gi_j = a shared G minus
 *      neuron j's own share, see sharedInhibition.ts; refractory neurons are held at reset, see refractory.ts)
 *   3. inhibitory update (active neurons only)
 *   4. each excitatory spike j: count, theta += thetaPlus (learning), onPostSpike, inhibitory j receives wExcInh
 *   5. each inhibitory spike k: gi_j += wInhExc for all j != k (O(1): G += w, S_k += w)
 * With the WASM kernels, steps 1-3 and 5 of every step without an excitatory spike run inside one WASM call
 * (stepLoop.ts), the Poisson input is generated in WASM (poissonWasm.ts) and the pre traces are stamped lazily; the
 * TypeScript kernels run the steps one by one (stepConductance: the oracle; both give identical bits).
 */
import type { Network } from "./network";
import { markPreSpikes } from "./stdp";
import type { StepLoop } from "./stepLoop";

/**
 * Step net.t with the schedule's input spikes [a, b); returns the emitted excitatory spikes. `counting`: add them to
 * net.counts (the presentation, not the rest period).
 */
export function stepConductance(net: Network, a: number, b: number, learn: boolean, counting: boolean): number {
  const { kernels, np, t, derived: d, preset: p, state, refractory } = net;
  const ptr = net.layout.ptr;
  const e = p.exc;
  if (refractory.size > 0) refractory.expire(t, net.leaveRefractory);
  let m = 0;
  if (learn && b > a) {
    m = net.rule.preSpikeDepression(net.plasticity, t, state.depIdx, state.depBy);
    markPreSpikes(net.plasticity, state.schedule, a, b, t);
  }
  const n = net.inhibition.active ? net.inhibition.step(a, b, m)
    : kernels.stepConductanceNoGi(ptr.v, ptr.ge, ptr.thr, ptr.spikesOut, np, ptr.w, ptr.schedule + 4 * a, b - a,
      ptr.rowPtrs, ptr.depIdx, ptr.depBy, m, e.vRestMv, e.eExcMv, e.eInhMv, d.excEuler, d.geDecay, e.vResetMv);
  if (refractory.size > 0) refractory.hold(state.v, e.vResetMv);
  const nInh = net.inhibitory.active.count > 0 ? net.inhibitory.step(t, net.inhOut) : 0;
  afterSpikes(net, n, net.inhOut, nInh, a, b, learn, counting);
  return n;
}

/** Steps 4-5 of a conductance-model step: the n excitatory spikes in state.spikesOut, the nInh in inhOut. */
function afterSpikes(net: Network, n: number, inhOut: Int32Array, nInh: number, a: number, b: number, learn: boolean, counting: boolean): void {
  const { t, preset: p, state } = net;
  for (let s = 0; s < n; s++) {
    const j = state.spikesOut[s];
    net.enterRefractory(j, t, learn);
    if (counting) net.counts[j]++;
    if (learn) net.rule.onPostSpike(net.plasticity, j, t, state.schedule, a, b);
    net.inhibitory.receive(j, p.wExcInh, t + 1);
  }
  for (let s = 0; s < nInh; s++) net.inhibition.receive(inhOut[s], p.wInhExc);
}

/**
 * Steps from .. to - 1 of the presentation (`scheduled`) or of the rest period through the WASM step loop: it runs
 * the steps up to the next excitatory spike; here each such step's spikes are handled as in stepConductance. The pre
 * traces are stamped lazily (before a post spike reads them, and at the end). Returns the excitatory spikes.
 */
export function runLoop(net: Network, loop: StepLoop, from: number, to: number, learn: boolean, counting: boolean, scheduled: boolean): number {
  const starts = net.schedule.stepStart;
  const tFrom = net.t - from;
  const stamp = learn && scheduled;
  let marked = from;
  let total = 0;
  loop.recentChanged();
  for (let s = from; s < to; ) {
    const done = loop.run(s, to, net.t, learn, scheduled);
    s += done;
    net.t += done;
    if (!loop.event) continue;
    const n = loop.spikes;
    if (n > 0) {
      if (stamp) {
        loop.stampPre(marked, s + 1, tFrom);
        marked = s + 1;
      }
      loop.recentChanged(); // the spikes stamp post traces
    }
    afterSpikes(net, n, loop.inhibitoryOut, loop.inhibitorySpikes, scheduled ? starts[s] : 0, scheduled ? starts[s + 1] : 0, learn, counting);
    total += n;
    s++;
    net.t++;
  }
  if (stamp) loop.stampPre(marked, to, tFrom);
  return total;
}
