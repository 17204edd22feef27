/**
 * Runs a sweep on a pool of long-lived worker threads (default: one per core), one run per thread at a time. The main
 * thread only dispatches runs and appends records to the store, so it stays light (and a notebook stays responsive).
 * Finished cells are never run again: a restarted sweep skips them, and runs resume from their checkpoints.
 */
import { availableParallelism } from "node:os";
import { RunConfig } from "./config";
import { datasetHash } from "../data/datasets";
import { cellId, StoredRecord, toStoredRecord } from "./records";
import { ResultsStore } from "./store";
import { missingAmounts, runCost, SweepSpec, sweepRuns } from "./sweep";
import { RunThreads } from "./threads";

export type SweepEvent =
  | {
    type: "start"; runs: number; pendingRuns: number; storedCells: number; missingCells: number; workers: number; repairedBytes: number;
    /** The pending runs' summed relative cost (sweep.ts runCost), for an ETA weighted by cost. */
    pendingCost: number;
  }
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
  /** Abort to stop: workers are terminated, finished records are kept, runs resume from their checkpoints next time. */
  signal?: AbortSignal;
  /** Keep each completed run's trained network in `<out>/networks/<runId>.snn` (see checkpoint.ts). */
  keepNetworks?: boolean;
  /**
   * Evaluate snapshots beside training on cores no run needs (default true): when fewer runs than workers remain,
   * each remaining run hands its snapshots to an evaluation thread and trains on (the same records; threads.ts).
   */
  evaluateBeside?: boolean;
  /** The order runs start in (default "plan"). */
  order?: RunOrder;
  /**
   * Split each run's network across this many threads (splitNetwork.ts; default 1): `workers` runs at a time then use
   * workers x threads cores, and snapshots are evaluated by their runs (evaluation beside training is off).
   */
  threads?: number;
}

export interface SweepOutcome {
  store: ResultsStore;
  interrupted: boolean;
  errors: { config: RunConfig; message: string }[];
  seconds: number;
}

/**
 * The runs of one sweep (most expensive first) or of a plan of sweeps (in the plan's order, each sweep's runs most
 * expensive first) that still miss records in `store`, and the count of missing cells.
 */
export function pendingRuns(specs: SweepSpec | SweepSpec[], store: ResultsStore, order: RunOrder = "plan") {
  const has = (id: string) => store.has(id);
  const runs = planRuns(specs, order);
  const missingPerRun = runs.map((c) => missingAmounts(c, has).length);
  const pending = runs.filter((_, k) => missingPerRun[k] > 0);
  const total = runs.reduce((n, c) => n + c.snapshots.length, 0);
  const missing = missingPerRun.reduce((n, m) => n + m, 0);
  return { runs, pending, storedCells: total - missing, missingCells: missing };
}

/**
 * The order a local sweep starts its runs in: "plan", each sweep of a plan in turn (its first rows' results come
 * first); "longest-first", the most expensive runs of the whole plan first (the sweep ends sooner: its tail has no
 * long run alone on one core).
 */
export type RunOrder = "plan" | "longest-first";

/** The runs of one sweep or of a plan of sweeps in the order a local sweep starts them (see pendingRuns). */
export function planRuns(specs: SweepSpec | SweepSpec[], order: RunOrder = "plan"): RunConfig[] {
  const byCost = (a: RunConfig, b: RunConfig) => runCost(b) - runCost(a);
  const runs = (Array.isArray(specs) ? specs : [specs]).flatMap((spec) => sweepRuns(spec).sort(byCost));
  return order === "longest-first" ? runs.sort(byCost) : runs;
}

/** The summed relative cost of runs (sweep.ts runCost). */
export function totalCost(runs: RunConfig[]): number {
  return runs.reduce((sum, c) => sum + runCost(c), 0);
}

/** Run a sweep, or a plan of sweeps in order (their runs share one pool of threads, so no core idles between them). */
export async function runSweep(spec: SweepSpec | SweepSpec[], options: SweepOptions): Promise<SweepOutcome> {
  const store = ResultsStore.open(options.out);
  try {
    return await sweepInto(store, spec, options);
  } finally {
    store.close();
  }
}

async function sweepInto(store: ResultsStore, spec: SweepSpec | SweepSpec[], options: SweepOptions): Promise<SweepOutcome> {
  const started = performance.now();
  const { runs, pending, storedCells, missingCells } = pendingRuns(spec, store, options.order);
  const cores = Math.max(1, options.workers ?? availableParallelism());
  const workers = Math.min(cores, pending.length || 1);
  const emit = options.onEvent ?? (() => undefined);
  emit({ type: "start", runs: runs.length, pendingRuns: pending.length, storedCells, missingCells, workers, repairedBytes: store.report.repairedBytes, pendingCost: totalCost(pending) });
  const errors: SweepOutcome["errors"] = [];
  const seconds = () => (performance.now() - started) / 1000;
  if (pending.length === 0 || options.signal?.aborted) {
    return { store, interrupted: Boolean(options.signal?.aborted), errors, seconds: seconds() };
  }

  const split = options.threads ?? 1;
  if (!Number.isInteger(split) || !(split >= 1)) throw new RangeError(`runSweep: threads must be an integer >= 1, got ${split}`);
  const threads = new RunThreads(workers, { cores, evaluateBeside: split === 1 && (options.evaluateBeside ?? true) });
  let interrupted = false;
  let closing: Promise<void> | undefined;
  const onAbort = () => {
    interrupted = true;
    closing = threads.close();
  };
  // a folder data set's files as the sweep found them: a run that read others stops the sweep (no mixed records)
  const startHashes = new Map([...new Set(pending.map((c) => c.dataset))].map((d) => [d, datasetHash(d)]));
  let dataChanged: string | undefined;
  const stopForData = (config: RunConfig, read: string) => {
    dataChanged = `the files of data set ${config.dataset} changed during the sweep (it started with content hash ` +
      `${startHashes.get(config.dataset)}, a run read ${read}): stopped, so that no record mixes the two; the records stored before are ` +
      "of the first files. Restore them to resume, or sweep the new files into another --out";
    errors.push({ config, message: dataChanged });
    emit({ type: "error", worker: -1, config, message: dataChanged });
    closing ??= threads.close();
  };
  options.signal?.addEventListener("abort", onAbort, { once: true });
  await Promise.all(pending.map((config) => {
    let thread = -1;
    const skip = config.snapshots.filter((a) => store.has(cellId(config, a)));
    return threads.run({ config, dir: options.out, skip, ...(options.keepNetworks ? { keepNetwork: true } : {}), ...(split > 1 ? { threads: split } : {}) }, {
      onStart: (k) => {
        thread = k;
        emit({ type: "run-start", worker: k, config });
      },
      onProgress: (k, phase, done, total) => emit({ type: "progress", worker: k, config, phase, done, total }),
      onRecord: (k, r) => {
        if (dataChanged !== undefined) return;
        if (r.dataHash !== startHashes.get(config.dataset)) return stopForData(config, r.dataHash ?? "none");
        const record = toStoredRecord(config, r);
        if (store.append(record)) emit({ type: "record", worker: k, record });
      },
    }).then(
      () => emit({ type: "run-done", worker: thread, config }),
      (e: Error) => {
        if (interrupted || dataChanged !== undefined) return;
        errors.push({ config, message: e.stack ?? String(e) });
        emit({ type: "error", worker: thread, config, message: e.message });
      },
    );
  }));
  options.signal?.removeEventListener("abort", onAbort);
  await (closing ?? threads.close()); // on an interrupt: resolves once every thread has terminated
  return { store, interrupted, errors, seconds: seconds() };
}
