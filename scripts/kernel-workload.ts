/**
 * A fixed workload of the excitatory conductance kernel (the O(N)-per-step part of a presentation): N neurons that
 * receive 3 input rows per step and never cross threshold. bench-one.ts times it as the machine's reference;
 * bench-threads.ts runs one slice of it per thread.
 */
import { createKernels } from "../src/core/kernels";
import { allocateState } from "../src/core/state";
import { BlockView, CONDUCTANCE_BLOCK } from "../src/core/wasm/layout";

/** Returns step(t): one kernel step of `neurons` neurons with the 3 input rows of step t. */
export function conductanceWorkload(neurons: number): (t: number) => void {
  const layout = allocateState(neurons, 64);
  const k = createKernels(layout.memory, "wasm");
  const { state: s, ptr: p, np } = layout;
  const block = new BlockView(layout.memory, p.conductanceBlock, CONDUCTANCE_BLOCK);
  block.assign({
    v: p.v, ge: p.ge, thr: p.thr, out: p.spikesOut, np, laneMask: p.laneMask, w: p.w, rowBase: p.w, rows: p.rowPtrs, dj: p.depIdx, dby: p.depBy, m: 0,
    vRest: -65, eExc: 0, eInh: -100, k: 0.005, geDecay: 0.6, gi: 0.5, vReset: -65, clampCountFrom: 99.5,
  });
  for (let i = 0; i < s.w.length; i++) s.w[i] = 1e-4 * ((i * 7919) % 1000);
  for (let r = 0; r < 64; r++) s.schedule[r] = (r * 37) % 784;
  s.v.fill(-65);
  s.thr.fill(Infinity);
  return (t: number) => {
    block.set("idx", p.schedule + 4 * ((t * 3) % 48));
    block.set("count", 3);
    k.stepConductance(block.address);
  };
}

/** Milliseconds for 1,000 conductance-kernel steps of 6,400 neurons with 3 input rows (best of 3): the benches' machine reference. */
export function machineReferenceMs(): number {
  const step = conductanceWorkload(6400);
  let best = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    for (let t = 0; t < 1000; t++) step(t);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
