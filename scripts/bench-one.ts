/**
 * One benchmark measurement in a fresh process (run by scripts/bench.ts): train a fresh network on the first
 * `samples` training digits, then run inference (learning off) on `samples` test digits; print one JSON line.
 * Usage: node --import tsx scripts/bench-one.ts NEURONS SAMPLES PRESET KERNELS
 */
import { Network } from "../src/core/network";
import { presetByName } from "../src/core/params";
import { respond, train } from "../src/core/phases";
import { loadMnist } from "../src/data/mnist";

const [neurons, samples, preset, kernels] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4], process.argv[5]];
const data = loadMnist({ train: samples, test: Math.min(samples, 2000) });
const net = new Network({ neurons, seed: 1, preset: presetByName(preset), kernels: kernels as "wasm" | "ts" });
const trained = train(net, data.train);
const inferred = respond(net, data.test).stats;
console.log(JSON.stringify({
  neurons, preset, kernels, trainSamples: trained.samples,
  trainSamplesPerSec: trained.samplesPerSec,
  trainMsPerPresentation: (1000 * trained.seconds) / trained.presentations,
  presentationsPerSample: trained.presentations / trained.samples,
  inferSamples: inferred.samples,
  inferSamplesPerSec: inferred.samplesPerSec,
  inferMsPerPresentation: (1000 * inferred.seconds) / inferred.presentations,
}));
