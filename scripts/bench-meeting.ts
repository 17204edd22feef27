/**
 * What one meeting of a split network's slices costs on this machine (src/core/sharedCoupling.ts): K threads (the
 * calling one and K - 1 workers) meet `rounds` times in a row with nothing to do in between; prints the mean time per
 * meeting, best of `repeats`. A split network's step pays this on top of its share of the work (docs/threads.md).
 * Usage: node --import tsx scripts/bench-meeting.ts [K=2] [rounds=200000] [repeats=3]
 */
import { Worker } from "node:worker_threads";
import { sumAll } from "../src/core/coupling";
import { createCouplingBuffer, SharedCoupling } from "../src/core/sharedCoupling";

const [slices, rounds, repeats] = [Number(process.argv[2] ?? 2), Number(process.argv[3] ?? 200000), Number(process.argv[4] ?? 3)];
const WORKER = `
require("tsx/cjs");
const { workerData } = require("node:worker_threads");
const { SharedCoupling } = require(${JSON.stringify(require.resolve("../src/core/sharedCoupling"))});
const { sumAll } = require(${JSON.stringify(require.resolve("../src/core/coupling"))});
const c = new SharedCoupling(workerData.buffer, workerData.slices, workerData.index);
for (let r = 0; r < workerData.repeats; r++) for (let i = 0; i <= workerData.rounds; i++) sumAll(c, 1);
`;

const buffer = createCouplingBuffer(slices);
const workers = Array.from({ length: slices - 1 }, (_, k) =>
  new Worker(WORKER, { eval: true, workerData: { buffer, slices, index: k + 1, rounds, repeats } }));
const own = new SharedCoupling(buffer, slices, 0);
let best = Infinity;
for (let r = 0; r < repeats; r++) {
  sumAll(own, 1); // every thread has started
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) sumAll(own, 1);
  best = Math.min(best, ((performance.now() - t0) * 1000) / rounds);
}
console.log(`${slices} threads: ${best.toFixed(3)} us per meeting (best of ${repeats} x ${rounds} meetings)`);
void Promise.all(workers.map((w) => w.terminate()));
