/**
 * One benchmark measurement in a fresh process (run by scripts/bench.ts): train a fresh network on the first
 * `samples` training digits, then run inference (learning off) on `samples` test digits; print one JSON line.
 * It also times a fixed reference workload (machineRefMs: 1,000 steps of the conductance kernel for 6,400 neurons with
 * 3 input rows each, best of 3), so runs on a shared machine whose speed drifts can be put side by side.
 * Usage: node --import tsx scripts/bench-one.ts NEURONS SAMPLES PRESET KERNELS [windows|-] [THREADS]
 * (`windows`: the inference records the decision windows at DECISION_MS, as a sweep's test phase does; THREADS > 1:
 * the network split across that many threads, src/experiment/splitNetwork.ts, default 1: a whole Network.)
 */
import { Network, NetworkLike } from "../src/core/network";
import { presetByName } from "../src/core/params";
import { respond, train } from "../src/experiment/phases";
import { DECISION_MS } from "../src/experiment/run";
import { SplitNetwork } from "../src/experiment/splitNetwork";
import { loadMnist } from "../src/data/mnist";
import { machineReferenceMs } from "./kernel-workload";

const [neurons, samples, preset, kernels] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4], process.argv[5]];
const windows = process.argv[6] === "windows";
const threads = Number(process.argv[7] ?? 1);
const machineRefMs = machineReferenceMs(); // first, so every process measures it in the same state
const data = loadMnist({ train: samples, test: Math.min(samples, 2000) });
const options = { neurons, seed: 1, preset: presetByName(preset), kernels: kernels as "wasm" | "ts" };
const net: NetworkLike = threads > 1 ? SplitNetwork.create({ ...options, threads }) : new Network(options);
const trained = train(net, data.train);
const inferred = respond(net, data.test, windows ? { decisionMs: DECISION_MS } : {}).stats;
net.close?.();
console.log(JSON.stringify({
  neurons, preset, kernels, windows, threads, trainSamples: trained.samples,
  trainSamplesPerSec: trained.samplesPerSec,
  trainMsPerPresentation: (1000 * trained.seconds) / trained.presentations,
  presentationsPerSample: trained.presentations / trained.samples,
  inferSamples: inferred.samples,
  inferSamplesPerSec: inferred.samplesPerSec,
  inferMsPerPresentation: (1000 * inferred.seconds) / inferred.presentations,
  machineRefMs,
}));
