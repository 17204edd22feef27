/**
 * What one meeting of a split network's slices costs on this machine (src/core/sharedCoupling.ts): K threads (the
 * calling one and K - 1 workers) meet `rounds` times in a row; prints the mean time per meeting, best of `repeats`.
 * With `work` > 0, every thread first reads `work` floats of a 16 MB array (one cache line apart) in each round, as
 * a slice streams its weights between meetings, and the meeting's cost is the round's time minus that of the reads
 * alone (timed in the calling thread). A split network's step pays this on top of its share of the work
 * (docs/threads.md).
 * Usage: node --import tsx scripts/bench-meeting.ts [K=2] [rounds=200000] [repeats=3] [work=0]
 */
import { Worker } from "node:worker_threads";
import { sumAll } from "../src/core/coupling";
import { createCouplingBuffer, SharedCoupling } from "../src/core/sharedCoupling";

const [slices, rounds, repeats, work] = [2, 200000, 3, 0].map((d, k) => Number(process.argv[2 + k] ?? d));
const FLOATS = 4 << 20;
const LINE_FLOATS = 16;

/** The reads of one round: `work` floats one cache line apart, going on where the last round stopped. */
const reader = () => {
  const data = new Float32Array(FLOATS);
  let at = 0;
  return () => {
    let sum = 0;
    for (let k = 0; k < work; k++) {
      sum += data[at];
      at = (at + LINE_FLOATS) & (FLOATS - 1);
    }
    return sum;
  };
};

const WORKER = `
require("tsx/cjs");
const { workerData: w } = require("node:worker_threads");
const { SharedCoupling } = require(${JSON.stringify(require.resolve("../src/core/sharedCoupling"))});
const { sumAll } = require(${JSON.stringify(require.resolve("../src/core/coupling"))});
const c = new SharedCoupling(w.buffer, w.slices, w.index);
const data = new Float32Array(${FLOATS});
let at = 0, sum = 0;
for (let r = 0; r < w.repeats; r++) for (let i = 0; i <= w.rounds; i++) {
  for (let k = 0; k < w.work; k++) { sum += data[at]; at = (at + ${LINE_FLOATS}) & ${FLOATS - 1}; }
  sumAll(c, 1);
}
`;

const buffer = createCouplingBuffer(slices);
const workers = Array.from({ length: slices - 1 }, (_, k) =>
  new Worker(WORKER, { eval: true, workerData: { buffer, slices, index: k + 1, rounds, repeats, work } }));
const own = new SharedCoupling(buffer, slices, 0);
const read = reader();
let best = Infinity, sink = 0;
for (let r = 0; r < repeats; r++) {
  sumAll(own, 1); // every thread has started
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) {
    sink += read();
    sumAll(own, 1);
  }
  best = Math.min(best, ((performance.now() - t0) * 1000) / rounds);
}
void Promise.all(workers.map((w) => w.terminate()));
let alone = Infinity;
for (let r = 0; r < repeats; r++) {
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) sink += read();
  alone = Math.min(alone, ((performance.now() - t0) * 1000) / rounds);
}
const what = work > 0 ? `, after ${work} reads (${alone.toFixed(2)} us alone, ${best.toFixed(2)} us with the meeting)` : "";
console.log(`${slices} threads: ${(best - alone).toFixed(3)} us per meeting${what} (best of ${repeats} x ${rounds} rounds)`);
if (Number.isNaN(sink)) process.exitCode = 1; // the reads' sum is used, so that they are not optimised away
