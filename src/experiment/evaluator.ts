/**
 * Evaluation beside training: a run hands each snapshot (the network's exported state) to an evaluation thread and
 * goes on training; the thread restores the network, assigns labels and tests it exactly as the run would have
 * (run.ts evaluateSnapshot on a frozen clone), so the records are the same as when the run evaluates its snapshots
 * itself; only the wall clock differs. The run collects finished evaluations between training digits (poll) and
 * waits for the rest at its end (drain).
 *
 * The run's thread blocks while it trains, so results come back through a MessagePort read synchronously
 * (`receiveMessageOnPort`) and a shared counter the evaluation thread bumps after each result (Atomics.wait on it
 * while draining).
 */
import { join } from "node:path";
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { NetworkState } from "../core/network";
import { KernelKind } from "../core/kernels";
import { RunConfig } from "./config";
import { CoreBudget } from "./coreBudget";
import type { RunRecord } from "./runRecord";

/** What an evaluation adds to a run's record (run.ts evaluateSnapshot without its large arrays). */
export interface SnapshotFields {
  cost: Partial<RunRecord>;
  accuracy: number;
  accuracyProportion: number;
  accuracyFirstRepeat?: number;
  accuracyProportionFirstRepeat?: number;
  /** The other readouts' accuracies by record column (accuracyConfidence, ...). */
  readouts?: Record<string, number>;
  unassignedNeurons: number;
  testSpikesPerSample: number;
  testEInhClampsPerSample: number;
  evalSeconds: number;
  evalSamplesPerSec: number;
}

/** A snapshot to evaluate: the run, the amount, its label digits and the training network's state at that amount. */
export interface SnapshotJob {
  config: RunConfig;
  amount: number;
  labelSamples: number;
  state: NetworkState;
  kernels?: KernelKind;
}

export type EvaluationMessage =
  | { type: "evaluated"; amount: number; fields: SnapshotFields }
  | { type: "error"; amount: number; message: string };

/** A finished evaluation: the state it evaluated (for the record's training fields) and what it found. */
export interface FinishedEvaluation {
  amount: number;
  state: NetworkState;
  fields: SnapshotFields;
}

export interface SnapshotEvaluator {
  /** Start evaluating `job` beside training; false when no core is free for it (the run then evaluates it itself). */
  submit(job: SnapshotJob): boolean;
  /** The evaluations finished since the last call, without waiting (in the order submitted). */
  poll(): FinishedEvaluation[];
  /** Wait for every submitted evaluation; the ones not yet returned by poll. */
  drain(): FinishedEvaluation[];
  /** Evaluations submitted and not yet returned. */
  readonly pending: number;
  /** Stop the evaluation thread (submitted evaluations not yet finished are lost). */
  close(): Promise<void>;
}

export interface ThreadEvaluatorOptions {
  /**
   * The sweep's free cores: the thread works only while it holds one (taken at the first submit of an idle thread,
   * given back when it has nothing left). Without a budget it always accepts.
   */
  budget?: CoreBudget;
  /** This run thread's index in the budget (to record the core it holds; default 0). */
  worker?: number;
}

const WORKER_ENTRY = join(__dirname, "worker-entry.js");

/** The evaluation thread's shared signal: [results posted so far, 1 once the thread has exited]. */
export const SIGNAL_RESULTS = 0;
export const SIGNAL_EXITED = 1;
const SIGNAL_CELLS = 2;

/**
 * An evaluation thread (started at the first submit, then kept for later runs of the same worker). Close it when
 * done; it does not keep the process alive.
 */
export function threadEvaluator(options: ThreadEvaluatorOptions = {}): SnapshotEvaluator {
  const worker = options.worker ?? 0;
  let thread: { worker: Worker; port: MessagePort; signal: Int32Array } | undefined;
  const submitted: SnapshotJob[] = [];
  let holding = false;

  const start = () => {
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(4 * SIGNAL_CELLS));
    const w = new Worker(WORKER_ENTRY, { workerData: { entry: "evaluationWorker", port: port2, signal: signal.buffer }, transferList: [port2] });
    w.unref();
    port1.unref();
    return { worker: w, port: port1, signal };
  };
  const hold = (on: boolean) => {
    if (!options.budget || holding === on) return;
    holding = on;
    options.budget.setHeldBy(worker, on ? 1 : 0);
    if (!on) options.budget.release();
  };
  const take = (m: EvaluationMessage): FinishedEvaluation => {
    const k = submitted.findIndex((j) => j.amount === m.amount);
    if (k < 0) throw new Error(`evaluation thread: a result for ${m.amount} digits, which was not submitted`);
    const [job] = submitted.splice(k, 1);
    if (submitted.length === 0) hold(false);
    if (m.type === "error") throw new Error(`evaluation thread: the snapshot at ${m.amount} digits failed: ${m.message}`);
    return { amount: m.amount, state: job.state, fields: m.fields };
  };
  const receive = (): FinishedEvaluation | undefined => {
    if (!thread) return undefined;
    const got = receiveMessageOnPort(thread.port);
    return got ? take(got.message as EvaluationMessage) : undefined;
  };

  return {
    get pending() {
      return submitted.length;
    },
    submit(job) {
      if (submitted.length === 0 && options.budget) {
        if (!options.budget.tryAcquire()) return false;
        hold(true);
      }
      thread ??= start();
      submitted.push(job);
      thread.port.postMessage(job);
      return true;
    },
    poll() {
      const out: FinishedEvaluation[] = [];
      for (let f = receive(); f; f = receive()) out.push(f);
      return out;
    },
    drain() {
      const out: FinishedEvaluation[] = [];
      while (submitted.length > 0) {
        const seen = Atomics.load(thread!.signal, SIGNAL_RESULTS);
        const f = receive();
        if (f) out.push(f);
        else if (Atomics.load(thread!.signal, SIGNAL_EXITED) === 1) {
          throw new Error(`evaluation thread: it stopped with ${submitted.length} snapshot(s) unevaluated (see its error above)`);
        } else Atomics.wait(thread!.signal, SIGNAL_RESULTS, seen, 1000);
      }
      return out;
    },
    async close() {
      hold(false);
      submitted.length = 0;
      const t = thread;
      thread = undefined;
      if (t) {
        t.port.close();
        await t.worker.terminate();
      }
    },
  };
}
