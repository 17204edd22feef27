/** `snn worker`: process queued sweep runs from Redis (see src/queue/worker.ts). */
import { queueUrl, QUEUE_URL_ENV } from "../queue/url";
import { DEFAULT_LOCK_MS, DEFAULT_QUEUE_NAME } from "../queue/jobs";
import { needPackage } from "./optional";
import { intOption, parseOptions, UsageError } from "./args";

export const WORKER_USAGE = `snn worker --queue URL [options]
  --queue URL        Redis URL (redis://[user:pass@]host:port[/db], rediss:// for TLS), or set ${QUEUE_URL_ENV}
  --concurrency K    runs at a time, one worker thread each (default 1)
  --queue-name NAME  BullMQ queue (default ${DEFAULT_QUEUE_NAME})
  --lock-ms MS       job lock duration (default ${DEFAULT_LOCK_MS}): a killed worker's job moves to another worker
                     after about this long
  --checkpoints DIR  run checkpoints on this machine (default: the system's temporary folder)
Stops on Ctrl-C or SIGTERM; its unfinished jobs are taken over by other workers.`;

export async function workerCommand(argv: string[]): Promise<number> {
  const o = parseOptions(argv, {
    queue: { type: "string" }, concurrency: { type: "string" }, "queue-name": { type: "string" },
    "lock-ms": { type: "string" }, checkpoints: { type: "string" },
  });
  const url = queueUrl(typeof o.queue === "string" ? o.queue : undefined);
  if (!url) throw new UsageError(`--queue URL is required (or set ${QUEUE_URL_ENV})`);
  const { startQueueWorker } = await needPackage("bullmq", "snn worker", async () => require("../queue/worker") as typeof import("../queue/worker"));
  const worker = await startQueueWorker({
    url,
    concurrency: intOption(o, "concurrency", 1, 1, 256),
    queueName: o["queue-name"] as string | undefined,
    lockMs: intOption(o, "lock-ms", DEFAULT_LOCK_MS, 1000, 24 * 3600 * 1000),
    checkpoints: o.checkpoints as string | undefined,
    log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
  });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  process.stderr.write("stopping worker\n");
  await worker.close();
  return 0;
}
