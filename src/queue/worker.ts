/**
 * `snn worker`: processes queued runs (one network per worker thread, `concurrency` threads), reporting progress and
 * records through the job. The main thread only talks to Redis, so BullMQ renews the job locks while the threads
 * compute; a worker that dies stops renewing, and after the lock duration another worker takes the job over.
 */
import { Job, Worker } from "bullmq";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localProvenance } from "../experiment/records";
import { RunRecord } from "../experiment/run";
import { RunThreads } from "../experiment/threads";
import { checkRedis, connectionOptions, redactUrl } from "./connection";
import { DEFAULT_LOCK_MS, DEFAULT_QUEUE_NAME, MAX_STALLED, RunJobData, RunJobProgress, RunJobResult } from "./jobs";

export interface QueueWorkerOptions {
  url: string;
  concurrency?: number;
  queueName?: string;
  /** Lock duration in ms (default 60 s): a killed worker's job moves to another worker after about this long. */
  lockMs?: number;
  /** Folder for run checkpoints on this machine (default: the system's temporary folder). */
  checkpoints?: string;
  log?: (line: string) => void;
}

export interface QueueWorker {
  close(): Promise<void>;
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const log = options.log ?? (() => undefined);
  const version = await checkRedis(options.url);
  const concurrency = options.concurrency ?? 1;
  const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
  const threads = new RunThreads(concurrency);
  const checkpoints = options.checkpoints ?? join(tmpdir(), "snn-checkpoints");
  const provenance = localProvenance();
  const worker = new Worker<RunJobData, RunJobResult>(options.queueName ?? DEFAULT_QUEUE_NAME, async (job: Job<RunJobData>) => {
    const { config, skip } = job.data;
    log(`started ${job.id}: N=${config.neurons} seed ${config.seed} (attempt ${job.attemptsMade + 1})`);
    const records: RunRecord[] = [];
    let last = 0;
    const report = (phase: RunJobProgress["phase"], done: number, total: number, force = false) => {
      const now = Date.now();
      if (!force && now - last < 1000) return;
      last = now;
      const progress: RunJobProgress = { phase, done, total, records: [...records], provenance: { ...provenance, date: new Date().toISOString() } };
      job.updateProgress(progress as unknown as object).catch((e: Error) => log(`progress of ${job.id} not sent: ${e.message}`));
    };
    let phase: RunJobProgress["phase"] = "train";
    let done = 0, total = 0;
    await threads.run({ config, dir: checkpoints, skip }, {
      onProgress: (_k, p, d, t) => {
        phase = p;
        done = d;
        total = t;
        report(p, d, t);
      },
      onRecord: (_k, r) => {
        records.push(r);
        report(phase, done, total, true);
      },
    });
    log(`finished ${job.id}: ${records.length} records`);
    return { records, provenance: { ...provenance, date: new Date().toISOString() } };
  }, {
    connection: connectionOptions(options.url),
    concurrency,
    lockDuration: lockMs,
    stalledInterval: Math.max(1000, Math.floor(lockMs / 2)),
    maxStalledCount: MAX_STALLED,
  });
  worker.on("failed", (job, e) => log(`failed ${job?.id}: ${e.message.split("\n")[0]}`));
  worker.on("error", (e) => log(`worker error: ${e.message}`));
  await worker.waitUntilReady();
  log(`worker on ${redactUrl(options.url)} (Redis ${version}), queue ${worker.name}, ${concurrency} thread(s), lock ${lockMs} ms`);
  return {
    async close() {
      await worker.close(true);
      await threads.close();
    },
  };
}
