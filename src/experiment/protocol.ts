/** Messages between the sweep's main thread and its workers (one network per worker at a time). */
import { RunConfig } from "./config";
import { RunRecord } from "./run";

export type ToWorker = { type: "run"; id: number; config: RunConfig; dir: string; skip: number[]; keepNetwork?: boolean; threads?: number };

export type FromWorker =
  | { type: "ready" }
  | { type: "progress"; id: number; phase: "train" | "labels" | "test"; done: number; total: number }
  | { type: "record"; id: number; record: RunRecord }
  | { type: "done"; id: number }
  | { type: "error"; id: number; message: string };

/** What a run thread is started with (threads.ts): its index and, to evaluate beside training, the sweep's core budget. */
export interface WorkerData {
  entry: "worker";
  index: number;
  /** coreBudget.ts's shared memory; absent: every snapshot is evaluated by the run itself. */
  budget?: SharedArrayBuffer;
}
