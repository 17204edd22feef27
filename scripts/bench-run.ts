/**
 * One run of the run benchmark in a fresh process (scripts/bench.ts --threads): train a fresh network on the first
 * `samples` digits of the embedded dataset with `snapshots` evenly spaced snapshots (labels from up to 1,000 digits,
 * 1,000 test digits; the last snapshot labels with all training digits, as in a sweep), on `threads` cores: 1 = the
 * run evaluates each snapshot itself, 2 = snapshots before the last are evaluated beside training (evaluator.ts).
 * Prints one JSON line: the run's wall time, its training and evaluation seconds, and the machine reference.
 * Usage: node --import tsx scripts/bench-run.ts NEURONS SAMPLES SNAPSHOTS THREADS
 */
import { RunConfig } from "../src/experiment/config";
import { threadEvaluator } from "../src/experiment/evaluator";
import { loadRunData, runExperiment } from "../src/experiment/run";
import { machineReferenceMs } from "./kernel-workload";

const [neurons, samples, snapshots, threads] = process.argv.slice(2, 6).map(Number);
if (!(threads === 1 || threads === 2)) throw new RangeError(`bench-run: threads must be 1 or 2 (one run and one evaluation thread), got ${threads}`);
const machineRefMs = machineReferenceMs();
const c: RunConfig = {
  neurons, seed: 1, preset: "diehl-cook-2015", dataset: "mnist", trainSamples: samples, epochs: 1, testSamples: 1000,
  labelSamples: Math.min(1000, samples), snapshots: Array.from({ length: snapshots }, (_, k) => Math.round((samples * (k + 1)) / snapshots)),
};
const data = loadRunData(c);
const evaluator = threads === 2 ? threadEvaluator() : undefined;
const t0 = performance.now();
const records = runExperiment(c, evaluator ? { evaluator } : {}, data);
const wallSeconds = (performance.now() - t0) / 1000;
void evaluator?.close();
const last = records[records.length - 1];
console.log(JSON.stringify({
  neurons, samples, snapshots, threads, wallSeconds, trainSeconds: last.trainSeconds,
  evalSeconds: records.reduce((s, r) => s + r.evalSeconds, 0), accuracy: last.accuracy, machineRefMs,
}));
