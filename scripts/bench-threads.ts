/**
 * What one synchronisation per simulation step costs when a network is split across threads (issue 20's design):
 * K worker threads each run the excitatory conductance kernel on N/K neurons (kernel-workload.ts) and meet at a
 * spinning barrier on shared memory after every step, as a split network must (the step's spike count for
 * inhibition). Prints, per N and K, microseconds per step and the speed-up over one thread without a barrier; the
 * barrier's own cost is the K-thread time minus a K-th of the one-thread time. `--every 2` meets every second step
 * (what the model's two-step excitatory -> inhibitory -> excitatory path would allow). Only the O(N) kernel is split here:
 * the real network's serial parts (input generation, inhibitory layer, learning bookkeeping) come on top
 * (docs/threads.md). Usage: node --import tsx scripts/bench-threads.ts [--neurons 1600,6400] [--threads 1,2] [--steps 20000] [--every 1]
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { conductanceWorkload } from "./kernel-workload";

interface Job { neurons: number; threads: number; steps: number; every: number; sync: Int32Array }

/** Sense-reversing barrier: slot 0 counts arrivals, slot 1 holds the current sense; every thread spins, none sleeps. */
function arrive(sync: Int32Array, parties: number, sense: number): void {
  if (Atomics.add(sync, 0, 1) === parties - 1) {
    Atomics.store(sync, 0, 0);
    Atomics.store(sync, 1, sense);
  } else while (Atomics.load(sync, 1) !== sense) { /* spin */ }
}

function runSlice(job: Job): number {
  const step = conductanceWorkload(Math.ceil(job.neurons / job.threads));
  for (let t = 0; t < 2000; t++) step(t); // warm-up, outside the timing
  let sense = 0;
  const t0 = performance.now();
  for (let t = 0; t < job.steps; t++) {
    step(t);
    if (job.threads > 1 && (t + 1) % job.every === 0) { sense ^= 1; arrive(job.sync, job.threads, sense); }
  }
  return performance.now() - t0;
}

async function measure(neurons: number, threads: number, steps: number, every: number): Promise<number> {
  const sync = new Int32Array(new SharedArrayBuffer(8));
  const runs = Array.from({ length: threads }, () => new Promise<number>((done, fail) => {
    const w = new Worker(`require("tsx/cjs"); require(${JSON.stringify(__filename)});`, { eval: true, workerData: { neurons, threads, steps, every, sync } satisfies Job });
    w.once("message", done);
    w.once("error", fail);
  }));
  return Math.max(...(await Promise.all(runs)));
}

function listArg(name: string, fallback: number[]): number[] {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const values = process.argv[i + 1]?.split(",").map(Number) ?? [];
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 1)) throw new Error(`${name} takes positive integers separated by commas, e.g. ${name} ${fallback.join(",")}`);
  return values;
}

if (!isMainThread) parentPort!.postMessage(runSlice(workerData as Job));
else void main();

async function main(): Promise<void> {
  const neuronsList = listArg("--neurons", [1600, 6400]);
  const threadsList = listArg("--threads", [1, 2]);
  const [steps] = listArg("--steps", [20000]);
  const [every] = listArg("--every", [1]);
  console.log(`one barrier every ${every} step(s)`);
  console.log("neurons threads  us/step  speed-up  barrier us/step");
  for (const neurons of neuronsList) {
    const perStep = new Map<number, number>(); // the best of two rounds, the thread counts alternating in the same minutes
    for (let round = 0; round < 2; round++) {
      for (const k of threadsList) perStep.set(k, Math.min(perStep.get(k) ?? Infinity, (await measure(neurons, k, steps, every)) * 1000 / steps));
    }
    const one = perStep.get(1);
    for (const k of threadsList) {
      const t = perStep.get(k)!;
      const speedUp = one ? (one / t).toFixed(2) : "";
      const barrier = one && k > 1 ? (t - one / k).toFixed(3) : "";
      console.log(`${String(neurons).padStart(7)} ${String(k).padStart(7)} ${t.toFixed(3).padStart(8)} ${speedUp.padStart(9)} ${barrier.padStart(16)}`);
    }
  }
}
