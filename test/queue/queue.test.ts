import assert from "node:assert/strict";
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { runSweep } from "../../src/experiment/pool";
import { resultOnly, StoredRecord } from "../../src/experiment/records";
import { SweepSpec } from "../../src/experiment/sweep";
import { checkRedis, connectionOptions, redactUrl, redisVersionSupported } from "../../src/queue/connection";
import { submitSweep } from "../../src/queue/submit";

const SNN = join(__dirname, "..", "..", "bin", "snn.js");
const hasRedis = (() => {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const skip = hasRedis ? false : "redis-server is not installed (apt-get install redis-server)";

let redis: ChildProcess | undefined;
let url = "";
const workers: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Wait (up to 10 s) until the Redis server at `at` answers. */
async function untilRedisAnswers(at: string): Promise<void> {
  for (let waited = 0; ; waited += 100) {
    try {
      await checkRedis(at, 1000);
      return;
    } catch (e) {
      if (waited > 10000) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

before(async () => {
  if (!hasRedis) return;
  const port = await freePort();
  const password = randomBytes(12).toString("hex");
  // Loopback only, no persistence, password required.
  redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--requirepass", password], { stdio: "ignore" });
  url = `redis://:${password}@127.0.0.1:${port}`;
  await untilRedisAnswers(url);
});

after(() => {
  for (const w of workers) w.kill("SIGKILL");
  redis?.kill("SIGKILL");
});

function startWorker(queueName: string, lockMs = 3000): { proc: ChildProcess; log: () => string } {
  let text = "";
  const proc = spawn(process.execPath, [SNN, "worker", "--queue-name", queueName, "--lock-ms", String(lockMs),
    "--checkpoints", mkdtempSync(join(tmpdir(), "snn-ckpt-"))], { env: { ...process.env, SNN_QUEUE_URL: url }, stdio: ["ignore", "ignore", "pipe"] });
  proc.stderr!.on("data", (d) => (text += d));
  workers.push(proc);
  return { proc, log: () => text };
}

const canonical = (records: StoredRecord[]) => records.map(resultOnly).sort((a, b) => String(a.cellId).localeCompare(String(b.cellId)));
const local = async (spec: SweepSpec) => canonical((await runSweep(spec, { out: mkdtempSync(join(tmpdir(), "local-")), workers: 2 })).store.records());

test("connection settings: URL parsing, TLS, credentials never shown", () => {
  assert.equal(redactUrl("redis://user:pw@example.org:6380/2"), "redis://***:***@example.org:6380/2");
  const o = connectionOptions("rediss://:pa%40ss@example.org:6380/3");
  assert.deepEqual([o.host, o.port, o.password, o.db, Boolean(o.tls)], ["example.org", 6380, "pa@ss", 3, true]);
  assert.equal(connectionOptions("redis://localhost").port, 6379);
  assert.throws(() => connectionOptions("http://x"), /must start with redis:\/\/ or rediss:\/\//);
  assert.throws(() => connectionOptions("redis://h/abc"), /database must be a non-negative integer/);
  assert.deepEqual(["4.0.9", "5.0.0", "6.2.14", "7.0.15", "10.1"].map(redisVersionSupported), [false, true, true, true, true]);
});

test("unreachable Redis and a wrong password give clear errors", { skip }, async () => {
  const port = await freePort();
  await assert.rejects(checkRedis(`redis://127.0.0.1:${port}`, 1000), /cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/);
  await assert.rejects(checkRedis(url.replace(/:[0-9a-f]+@/, ":wrong@"), 1000), (e: Error) => /refused the credentials/.test(e.message) && !e.message.includes("wrong"));
});

const small: SweepSpec = { neurons: [20, 30], seeds: [1, 2], preset: "diehl-cook-2015", dataset: "mnist", trainAmounts: [150, 300], testSamples: 150, labelSamples: 300 };

test("a queued sweep split across two worker processes equals the local run; resubmitting adds no job", { skip, timeout: 120000 }, async () => {
  const queueName = "split";
  const a = startWorker(queueName), b = startWorker(queueName);
  const out = mkdtempSync(join(tmpdir(), "queued-"));
  const outcome = await submitSweep(small, { url, out, queueName, pollMs: 200 });
  assert.equal(outcome.errors.length, 0);
  assert.equal(outcome.added, 4);
  assert.deepEqual(canonical(outcome.store.records()), await local(small));
  assert.match(a.log(), /finished run-/);
  assert.match(b.log(), /finished run-/);
  a.proc.kill("SIGTERM");
  b.proc.kill("SIGTERM");
  // A restarted submitter (here: with an empty store) collects the finished jobs' records without running anything.
  const again = await submitSweep(small, { url, out: mkdtempSync(join(tmpdir(), "queued-again-")), queueName, pollMs: 200 });
  assert.equal(again.added, 0);
  assert.deepEqual(canonical(again.store.records()), await local(small));
});

test("a worker killed mid-job loses nothing: another worker completes its job, every record stored once", { skip, timeout: 180000 }, async () => {
  const queueName = "kill";
  const spec: SweepSpec = { neurons: [60], seeds: [1, 2], preset: "diehl-cook-2015", dataset: "mnist", trainAmounts: [1000, 2500], testSamples: 300, labelSamples: 2500 };
  const first = startWorker(queueName);
  const out = mkdtempSync(join(tmpdir(), "queued-kill-"));
  const submission = submitSweep(spec, { url, out, queueName, pollMs: 200 });
  for (let waited = 0; !/started run-/.test(first.log()); waited += 50) {
    if (waited > 60000) throw new Error(`the first worker never started a job: ${first.log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 300)); // mid-job
  first.proc.kill("SIGKILL");
  const killedJob = /started (run-\w+)/.exec(first.log())![1];
  const second = startWorker(queueName);
  const outcome = await submission;
  assert.equal(outcome.errors.length, 0);
  assert.match(second.log(), new RegExp(`started ${killedJob}`));
  const stored = outcome.store.records();
  assert.equal(new Set(stored.map((r) => r.cellId)).size, stored.length);
  assert.deepEqual(canonical(stored), await local(spec));
  second.proc.kill("SIGTERM");
});

test("a failing job is retried a bounded number of times, then left failed with its error", { skip, timeout: 60000 }, async () => {
  const { Queue } = await import("bullmq");
  const { JOB_ATTEMPTS } = await import("../../src/queue/jobs");
  const queueName = "failing";
  const worker = startWorker(queueName);
  const queue = new Queue(queueName, { connection: connectionOptions(url) });
  // A run that the queue accepts but that fails when it starts (0 neurons).
  const config = { neurons: 0, seed: 1, preset: "diehl-cook-2015", dataset: "mnist", trainSamples: 10, epochs: 1, testSamples: 10, labelSamples: 10, snapshots: [10] };
  const job = await queue.add("run", { config, skip: [] },
    { jobId: "run-bad", attempts: JOB_ATTEMPTS, backoff: { type: "fixed", delay: 100 } });
  for (let waited = 0; (await job.getState()) !== "failed" || (await queue.getJob("run-bad"))!.attemptsMade < JOB_ATTEMPTS; waited += 100) {
    if (waited > 30000) throw new Error(`job still ${await job.getState()}: ${worker.log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const failed = (await queue.getJob("run-bad"))!;
  assert.equal(failed.attemptsMade, JOB_ATTEMPTS);
  assert.match(failed.failedReason, /neurons must be an integer >= 1, got 0/);
  assert.equal((worker.log().match(/started run-bad/g) ?? []).length, JOB_ATTEMPTS);
  await queue.close();
  worker.proc.kill("SIGTERM");
});

test("a queued sweep that nothing consumes stops with the reason (and no listener leak); the jobs stay queued", { skip, timeout: 60000 }, async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.name);
  process.on("warning", onWarning);
  const controller = new AbortController();
  const out = mkdtempSync(join(tmpdir(), "nobody-"));
  const t0 = Date.now();
  await assert.rejects(submitSweep(small, { url, out, queueName: "nobody-listens", pollMs: 10, noWorkerMs: 1500, signal: controller.signal }),
    /no worker has consumed queue "nobody-listens" at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ for 2 s: start `snn worker`/);
  assert.ok(Date.now() - t0 < 15000);
  await new Promise((r) => setImmediate(r));
  process.off("warning", onWarning);
  assert.deepEqual(warnings.filter((w) => w === "MaxListenersExceededWarning"), []);
  const { Queue } = await import("bullmq");
  const queue = new Queue("nobody-listens", { connection: connectionOptions(url) });
  assert.equal(await queue.count(), 4);
  await queue.obliterate({ force: true });
  await queue.close();
});

test("a queued sweep whose Redis dies stops within its timeout and says so", { skip, timeout: 60000 }, async () => {
  const port = await freePort();
  const own = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const ownUrl = `redis://127.0.0.1:${port}`;
  await untilRedisAnswers(ownUrl);
  const out = mkdtempSync(join(tmpdir(), "redis-dies-"));
  setTimeout(() => own.kill("SIGKILL"), 1000);
  const t0 = Date.now();
  await assert.rejects(submitSweep(small, { url: ownUrl, out, pollMs: 50, redisTimeoutMs: 2000, noWorkerMs: 60000 }),
    /lost the connection to Redis at redis:\/\/127\.0\.0\.1:\d+: no answer for 2 s. The sweep stops here; its jobs stay queued/);
  assert.ok(Date.now() - t0 < 20000, `took ${Date.now() - t0} ms`);
});
