/**
 * One benchmark measurement in a fresh process (run by scripts/bench.ts): train a fresh network on the first
 * `samples` training digits, then run inference (learning off) on `samples` test digits; print one JSON line.
 * It also times a fixed reference workload (machineRefMs: 1,000 steps of the conductance kernel for 6,400 neurons with
 * 3 input rows each, best of 3), so runs on a shared machine whose speed drifts can be put side by side.
 * Usage: node --import tsx scripts/bench-one.ts NEURONS SAMPLES PRESET KERNELS [windows]
 * (`windows`: the inference records the decision windows at DECISION_MS, as a sweep's test phase does.)
 */
import { createKernels } from "../src/core/kernels";
import { Network } from "../src/core/network";
import { presetByName } from "../src/core/params";
import { respond, train } from "../src/experiment/phases";
import { DECISION_MS } from "../src/experiment/run";
import { allocateState } from "../src/core/state";
import { BlockView, CONDUCTANCE_BLOCK } from "../src/core/wasm/layout";
import { loadMnist } from "../src/data/mnist";

/** Milliseconds for 1,000 conductance-kernel steps of 6,400 neurons with 3 input rows (best of 3). */
function machineReferenceMs(): number {
  const layout = allocateState(6400, 64);
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
  let best = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    for (let t = 0; t < 1000; t++) {
      block.set("idx", p.schedule + 4 * ((t * 3) % 48));
      block.set("count", 3);
      k.stepConductance(block.address);
    }
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const [neurons, samples, preset, kernels] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4], process.argv[5]];
const windows = process.argv[6] === "windows";
const machineRefMs = machineReferenceMs(); // first, so every process measures it in the same state
const data = loadMnist({ train: samples, test: Math.min(samples, 2000) });
const net = new Network({ neurons, seed: 1, preset: presetByName(preset), kernels: kernels as "wasm" | "ts" });
const trained = train(net, data.train);
const inferred = respond(net, data.test, windows ? { decisionMs: DECISION_MS } : {}).stats;
console.log(JSON.stringify({
  neurons, preset, kernels, windows, trainSamples: trained.samples,
  trainSamplesPerSec: trained.samplesPerSec,
  trainMsPerPresentation: (1000 * trained.seconds) / trained.presentations,
  presentationsPerSample: trained.presentations / trained.samples,
  inferSamples: inferred.samples,
  inferSamplesPerSec: inferred.samplesPerSec,
  inferMsPerPresentation: (1000 * inferred.seconds) / inferred.presentations,
  machineRefMs,
}));
