/**
 * A run's evaluation thread (evaluator.ts threadEvaluator): evaluates the snapshots it is sent, one at a time in the
 * order sent, on networks restored from their states, and posts each result on its port.
 */
import { MessagePort, workerData } from "node:worker_threads";
import { Network } from "../core/network";
import { EvaluationMessage, SIGNAL_EXITED, SIGNAL_RESULTS, SnapshotJob } from "./evaluator";
import { evaluateSnapshot } from "./run";
import { cachedRunData } from "./runDataCache";

const { port, signal: buffer } = (workerData ?? {}) as { port?: MessagePort; signal?: SharedArrayBuffer };
if (!port || !buffer) throw new Error("evaluationWorker.ts must run in the thread evaluator.ts starts");
const signal = new Int32Array(buffer);
process.on("exit", () => {
  Atomics.store(signal, SIGNAL_EXITED, 1);
  Atomics.notify(signal, SIGNAL_RESULTS);
});

port.on("message", (job: SnapshotJob) => {
  let m: EvaluationMessage;
  try {
    const net = Network.fromState(job.state, job.kernels);
    const ev = evaluateSnapshot(net, cachedRunData(job.config), job.labelSamples, {}, job.config.testRepeats);
    const { assignment: _a, evaluation: _e, ...fields } = ev;
    m = { type: "evaluated", amount: job.amount, fields };
  } catch (e) {
    m = { type: "error", amount: job.amount, message: (e as Error).stack ?? String(e) };
  }
  port.postMessage(m);
  Atomics.add(signal, SIGNAL_RESULTS, 1);
  Atomics.notify(signal, SIGNAL_RESULTS);
});
