/**
 * `snn sweep --queue URL`: enqueue every run of the grid that still misses records in the local store, then wait,
 * writing each record into the local store as soon as a worker reports it (the same atomic, resumable store as local
 * sweeps). A submitter that dies can simply be started again: existing jobs are not added twice, finished jobs hand
 * over their records, failed jobs are retried once more.
 */
import { Queue } from "bullmq";
import { pendingRuns, SweepEvent, SweepOutcome } from "../experiment/pool";
import { RunConfig } from "../experiment/config";
import { cellId, toStoredRecord } from "../experiment/records";
import { RunRecord } from "../experiment/run";
import { ResultsStore } from "../experiment/store";
import { SweepSpec } from "../experiment/sweep";
import { checkRedis, connectionOptions } from "./connection";
import { DEFAULT_QUEUE_NAME, JOB_ATTEMPTS, jobId, KEEP_FINISHED_SECONDS, RunJobData, RunJobProgress, RunJobResult } from "./jobs";

export interface QueueSweepOptions {
  url: string;
  out: string;
  queueName?: string;
  onEvent?: (e: SweepEvent) => void;
  signal?: AbortSignal;
  /** How often to look at the jobs (default 1000 ms). */
  pollMs?: number;
}

export async function submitSweep(spec: SweepSpec | SweepSpec[], options: QueueSweepOptions): Promise<SweepOutcome & { jobs: number; added: number }> {
  const started = performance.now();
  await checkRedis(options.url);
  const store = ResultsStore.open(options.out);
  let planned: ReturnType<typeof pendingRuns>;
  try {
    planned = pendingRuns(spec, store);
  } catch (e) {
    store.close();
    throw e;
  }
  const { runs, pending, storedCells, missingCells } = planned;
  const emit = options.onEvent ?? (() => undefined);
  const queue = new Queue<RunJobData, RunJobResult>(options.queueName ?? DEFAULT_QUEUE_NAME, { connection: connectionOptions(options.url) });
  const errors: SweepOutcome["errors"] = [];
  let added = 0;
  try {
    for (const config of pending) if (await enqueue(queue, config, store)) added++;
    emit({ type: "start", runs: runs.length, pendingRuns: pending.length, storedCells, missingCells, workers: 0, repairedBytes: store.report.repairedBytes });
    const open = new Map(pending.map((c, k) => [jobId(c), { config: c, index: k, started: false }]));
    while (open.size > 0 && !options.signal?.aborted) {
      for (const [id, entry] of open) {
        // The state first, then the job: a job read before it completed and found completed afterwards would carry no
        // return value (its records would be lost to this poll).
        const state = await queue.getJobState(id);
        const job = await queue.getJob(id);
        if (!job) {
          await enqueue(queue, entry.config, store); // removed from Redis meanwhile: add it again
          continue;
        }
        const progress = job.progress as unknown as RunJobProgress | number;
        if (typeof progress === "object" && progress) {
          if (!entry.started) {
            entry.started = true;
            emit({ type: "run-start", worker: entry.index, config: entry.config });
          }
          storeRecords(store, entry.config, progress.records, progress.provenance, entry.index, emit);
          emit({ type: "progress", worker: entry.index, config: entry.config, phase: progress.phase, done: progress.done, total: progress.total });
        }
        if (state === "completed") {
          const result = job.returnvalue as RunJobResult;
          storeRecords(store, entry.config, result.records, result.provenance, entry.index, emit);
          emit({ type: "run-done", worker: entry.index, config: entry.config });
          open.delete(id);
        } else if (state === "failed" && job.attemptsMade >= (job.opts.attempts ?? 1)) {
          const message = `job ${id} failed after ${job.attemptsMade} attempts: ${job.failedReason}`;
          errors.push({ config: entry.config, message });
          emit({ type: "error", worker: entry.index, config: entry.config, message });
          open.delete(id);
        }
      }
      if (open.size > 0) await sleep(options.pollMs ?? 1000, options.signal);
    }
    return { store, interrupted: Boolean(options.signal?.aborted) && open.size > 0, errors, seconds: (performance.now() - started) / 1000, jobs: pending.length, added };
  } finally {
    store.close();
    await queue.close();
  }
}

/** Add the run's job unless it exists; a job that failed for good is retried. Returns whether a job was added. */
async function enqueue(queue: Queue<RunJobData, RunJobResult>, config: RunConfig, store: ResultsStore): Promise<boolean> {
  const id = jobId(config);
  const existing = await queue.getJob(id);
  if (existing) {
    if ((await existing.getState()) === "failed") await existing.retry("failed");
    return false;
  }
  const skip = config.snapshots.filter((a) => store.has(cellId(config, a)));
  await queue.add("run", { config, skip }, {
    jobId: id, attempts: JOB_ATTEMPTS, backoff: { type: "exponential", delay: 5000 },
    removeOnComplete: { age: KEEP_FINISHED_SECONDS }, removeOnFail: { age: KEEP_FINISHED_SECONDS },
  });
  return true;
}

function storeRecords(store: ResultsStore, config: RunConfig, records: RunRecord[] | undefined, provenance: RunJobResult["provenance"],
  index: number, emit: (e: SweepEvent) => void): void {
  for (const r of records ?? []) {
    const record = toStoredRecord(config, r, provenance);
    if (store.append(record)) emit({ type: "record", worker: index, record });
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
