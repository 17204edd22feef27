/**
 * Runs a sweep on a pool of long-lived worker threads (default: one per core), one run per worker at a time. The main
 * thread only dispatches runs and appends records to the store, so it stays light (and a notebook stays responsive).
 * Finished cells are never run again: a restarted sweep skips them, and runs resume from their checkpoints.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { RunConfig } from "./config";
import { FromWorker, ToWorker } from "./protocol";
import { cellId, StoredRecord, toStoredRecord } from "./records";
import { ResultsStore } from "./store";
import { missingAmounts, runCost, SweepSpec, sweepRuns } from "./sweep";

export type SweepEvent =
  | { type: "start"; runs: number; pendingRuns: number; storedCells: number; missingCells: number; workers: number; repairedBytes: number }
  | { type: "run-start"; worker: number; config: RunConfig }
  | { type: "progress"; worker: number; config: RunConfig; phase: "train" | "labels" | "test"; done: number; total: number }
  | { type: "record"; worker: number; record: StoredRecord }
  | { type: "run-done"; worker: number; config: RunConfig }
  | { type: "error"; worker: number; config: RunConfig; message: string };

export interface SweepOptions {
  /** Results store directory. */
  out: string;
  /** Worker threads (default: available cores). */
  workers?: number;
  onEvent?: (e: SweepEvent) => void;
  /** Abort to stop: workers are terminated, finished records are kept, runs resume from checkpoints next time. */
  signal?: AbortSignal;
}

export interface SweepOutcome {
  store: ResultsStore;
  interrupted: boolean;
  errors: { config: RunConfig; message: string }[];
  seconds: number;
}

const WORKER_ENTRY = join(__dirname, "worker-entry.js");

export async function runSweep(spec: SweepSpec, options: SweepOptions): Promise<SweepOutcome> {
  const started = performance.now();
  const store = ResultsStore.open(options.out);
  const has = (id: string) => store.has(id);
  const runs = sweepRuns(spec);
  const pending = runs.filter((c) => missingAmounts(c, has).length > 0).sort((a, b) => runCost(b) - runCost(a));
  const workerCount = Math.max(1, Math.min(options.workers ?? availableParallelism(), pending.length || 1));
  const emit = options.onEvent ?? (() => undefined);
  emit({
    type: "start", runs: runs.length, pendingRuns: pending.length, storedCells: runs.reduce((n, c) => n + c.snapshots.length, 0) - pending.reduce((n, c) => n + missingAmounts(c, has).length, 0),
    missingCells: pending.reduce((n, c) => n + missingAmounts(c, has).length, 0), workers: workerCount, repairedBytes: store.report.repairedBytes,
  });
  const errors: SweepOutcome["errors"] = [];
  if (pending.length === 0) return { store, interrupted: false, errors, seconds: 0 };

  return new Promise((resolve) => {
    const workers: Worker[] = [];
    const current = new Map<number, RunConfig>();
    let next = 0, interrupted = false, settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      resolve({ store, interrupted, errors, seconds: (performance.now() - started) / 1000 });
    };
    const dispatch = (index: number) => {
      const w = workers[index];
      if (interrupted || next >= pending.length) {
        current.delete(index);
        w.postMessage({ type: "stop" } satisfies ToWorker);
        if (current.size === 0) finish();
        return;
      }
      const config = pending[next++];
      current.set(index, config);
      emit({ type: "run-start", worker: index, config });
      w.postMessage({ type: "run", id: index, config, dir: options.out, skip: config.snapshots.filter((a) => has(cellId(config, a))) } satisfies ToWorker);
    };
    const failed = (index: number, message: string) => {
      const config = current.get(index);
      if (!config) return;
      errors.push({ config, message });
      emit({ type: "error", worker: index, config, message });
    };
    options.signal?.addEventListener("abort", () => {
      interrupted = true;
      finish();
    }, { once: true });
    for (let index = 0; index < workerCount; index++) {
      const w = new Worker(WORKER_ENTRY);
      workers.push(w);
      w.on("message", (m: FromWorker) => {
        const config = current.get(index);
        if (m.type === "ready") dispatch(index);
        else if (!config) return;
        else if (m.type === "progress") emit({ type: "progress", worker: index, config, phase: m.phase, done: m.done, total: m.total });
        else if (m.type === "record") {
          const record = toStoredRecord(config, m.record);
          if (store.append(record)) emit({ type: "record", worker: index, record });
        } else if (m.type === "done") {
          emit({ type: "run-done", worker: index, config });
          dispatch(index);
        } else if (m.type === "error") {
          failed(index, m.message);
          dispatch(index);
        }
      });
      w.on("error", (e) => {
        failed(index, e.stack ?? String(e));
        current.delete(index);
        if (current.size === 0 && !settled) finish();
      });
    }
    if (options.signal?.aborted) {
      interrupted = true;
      finish();
    }
  });
}
