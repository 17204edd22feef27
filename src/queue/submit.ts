/**
 * `snn sweep --queue URL`: enqueue every run of the grid that still misses records in the local store, then wait,
 * writing each record into the local store as soon as a worker reports it (the same atomic, resumable store as local
 * sweeps). A submitter that dies can simply be started again: existing jobs are not added twice, finished jobs hand
 * over their records, failed jobs are retried once more. It gives up, saying why, when Redis stops answering
 * (redisTimeoutMs) or when nothing consumes the queue (noWorkerMs); the jobs stay queued for the next start.
 */
import { Queue } from "bullmq";
import { pendingRuns, RunOrder, SweepEvent, SweepOutcome, totalCost } from "../experiment/pool";
import { RunConfig } from "../experiment/config";
import { cellId, toStoredRecord } from "../experiment/records";
import { RunRecord } from "../experiment/run";
import { ResultsStore } from "../experiment/store";
import { SweepSpec } from "../experiment/sweep";
import { checkRedis, connectionOptions, redactUrl } from "./connection";
import { DEFAULT_QUEUE_NAME, JOB_ATTEMPTS, jobId, KEEP_FINISHED_SECONDS, RunJobData, RunJobProgress, RunJobResult } from "./jobs";

export interface QueueSweepOptions {
  url: string;
  out: string;
  queueName?: string;
  onEvent?: (e: SweepEvent) => void;
  signal?: AbortSignal;
  /** How often to look at the jobs (default 1000 ms). */
  pollMs?: number;
  /** Give up when Redis does not answer a round of polls for this long (default 30,000 ms; the jobs stay queued). */
  redisTimeoutMs?: number;
  /** Give up when no worker is connected to the queue and no job has run for this long (default 120,000 ms). */
  noWorkerMs?: number;
  /** The order the jobs are queued in (default "plan"; pool.ts RunOrder). */
  order?: RunOrder;
}

const DEFAULT_REDIS_TIMEOUT_MS = 30_000;
const DEFAULT_NO_WORKER_MS = 120_000;

export async function submitSweep(spec: SweepSpec | SweepSpec[], options: QueueSweepOptions): Promise<SweepOutcome & { jobs: number; added: number }> {
  const started = performance.now();
  await checkRedis(options.url);
  const store = ResultsStore.open(options.out);
  let planned: ReturnType<typeof pendingRuns>;
  try {
    planned = pendingRuns(spec, store, options.order);
  } catch (e) {
    store.close();
    throw e;
  }
  const { runs, pending, storedCells, missingCells } = planned;
  const emit = options.onEvent ?? (() => undefined);
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const queue = new Queue<RunJobData, RunJobResult>(queueName, { connection: connectionOptions(options.url) });
  const errors: SweepOutcome["errors"] = [];
  let added = 0;
  const redisTimeout = options.redisTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
  const lost = `lost the connection to Redis at ${redactUrl(options.url)}: no answer for ${redisTimeout / 1000} s. The sweep stops here; its jobs stay queued and running workers keep them: start the same sweep again to collect their records`;
  try {
    for (const config of pending) if (await withTimeout(enqueue(queue, config, store), redisTimeout, lost)) added++;
    emit({ type: "start", runs: runs.length, pendingRuns: pending.length, storedCells, missingCells, workers: 0, repairedBytes: store.report.repairedBytes, pendingCost: totalCost(pending) });
    const open = new Map(pending.map((c, k) => [jobId(c), { config: c, index: k, started: false }]));
    const idle = new IdleWatch(queue, queueName, options.url, options.noWorkerMs ?? DEFAULT_NO_WORKER_MS);
    /** One look at every open job: store the records they report, close the finished and the failed. */
    async function pollRound(): Promise<void> {
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
        if (state === "active" || state === "completed" || state === "failed") idle.sawWork();
      }
    }

    while (open.size > 0 && !options.signal?.aborted) {
      await withTimeout(pollRound(), redisTimeout, lost);
      if (open.size > 0) await withTimeout(idle.check(), redisTimeout, lost);
      if (open.size > 0) await sleep(options.pollMs ?? 1000, options.signal);
    }
    return { store, interrupted: Boolean(options.signal?.aborted) && open.size > 0, errors, seconds: (performance.now() - started) / 1000, jobs: pending.length, added };
  } finally {
    store.close();
    // with Redis gone, close() would wait for it: after a few seconds drop the connection instead
    await withTimeout(queue.close(), 2000, "").catch(() => withTimeout(queue.disconnect(), 1000, "").catch(() => undefined));
  }
}

/**
 * Notices a queue that nothing consumes (no worker started, or a misspelt queue name): no worker connected and no job
 * active or finished for `ms`. Redis servers that refuse CLIENT LIST (some managed ones) skip the check.
 */
class IdleWatch {
  private since = Date.now();
  private unsupported = false;

  constructor(private readonly queue: Queue<RunJobData, RunJobResult>, private readonly name: string, private readonly url: string,
    private readonly ms: number) {}

  sawWork(): void {
    this.since = Date.now();
  }

  async check(): Promise<void> {
    if (this.unsupported) return;
    let workers: number;
    try {
      workers = await this.queue.getWorkersCount();
    } catch {
      this.unsupported = true;
      return;
    }
    if (workers > 0) this.sawWork();
    else if (Date.now() - this.since > this.ms) {
      throw new Error(`no worker has consumed queue "${this.name}" at ${redactUrl(this.url)} for ${Math.round(this.ms / 1000)} s: start \`snn worker\` with the same Redis URL and queue name (--queue-name). The jobs stay queued: start the sweep again to wait for them`);
    }
  }
}

/** `promise`, or a rejection with `message` after `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
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

/** Wait `ms`, or less when `signal` aborts (its listener removed either way: none accumulate over polls). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
