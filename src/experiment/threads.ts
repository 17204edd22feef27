/**
 * A pool of long-lived worker threads that run experiments, one run per thread at a time (each thread has its own
 * network and WASM instance). Runs wait in a FIFO queue for a free thread. Used by local sweeps (pool.ts) and by queue
 * workers (src/queue/worker.ts).
 *
 * The pool shares a budget of cores (coreBudget.ts, default one per thread) with its runs: each run started takes one,
 * and a run evaluates its snapshots beside training on a further one while one is free (evaluator.ts), for example
 * when fewer runs than cores remain at the end of a sweep. A run starts only when a core is free.
 */
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { RunConfig } from "./config";
import { CoreBudget, createCoreBudget } from "./coreBudget";
import { FromWorker, ToWorker, WorkerData } from "./protocol";
import { RunRecord } from "./run";

export interface RunTask {
  config: RunConfig;
  /** Folder for the run's checkpoint. */
  dir: string;
  /** Snapshot amounts whose records exist already (not evaluated again). */
  skip: number[];
  /** Keep the trained network when the run completes (see fileCheckpointer). */
  keepNetwork?: boolean;
  /** Split the run's network across this many threads (splitNetwork.ts; default 1). */
  threads?: number;
}

export interface RunTaskHooks {
  onStart?: (thread: number) => void;
  onProgress?: (thread: number, phase: "train" | "labels" | "test", done: number, total: number) => void;
  onRecord?: (thread: number, record: RunRecord) => void;
}

interface Pending {
  task: RunTask;
  hooks: RunTaskHooks;
  resolve: () => void;
  reject: (e: Error) => void;
}

const WORKER_ENTRY = join(__dirname, "worker-entry.js");

export interface RunThreadsOptions {
  /** Cores the pool may use, runs and their evaluations together (default: one per thread, >= size). */
  cores?: number;
  /** Evaluate snapshots beside training when a core is free (default true; false: each run evaluates its own). */
  evaluateBeside?: boolean;
}

export class RunThreads {
  private readonly workers: Worker[] = [];
  private readonly ready: boolean[] = [];
  private readonly current: (Pending | undefined)[] = [];
  private readonly queue: Pending[] = [];
  private closed = false;
  private readonly budget: CoreBudget;
  private waitingForCore = false;

  constructor(readonly size: number, private readonly options: RunThreadsOptions = {}) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`RunThreads: size must be an integer >= 1, got ${size}`);
    const cores = options.cores ?? size;
    if (!Number.isInteger(cores) || cores < size) throw new RangeError(`RunThreads: cores must be an integer >= the ${size} threads, got ${cores}`);
    this.budget = createCoreBudget(cores, size);
    for (let k = 0; k < size; k++) this.spawn(k);
  }

  private spawn(k: number): void {
    const data: WorkerData = { entry: "worker", index: k, ...(this.options.evaluateBeside === false ? {} : { budget: this.budget.buffer }) };
    const w = new Worker(WORKER_ENTRY, { workerData: data });
    this.workers[k] = w;
    this.ready[k] = false;
    w.on("message", (m: FromWorker) => {
      if (this.closed) return; // a message sent before terminate() took effect: its job was already rejected
      const job = this.current[k];
      if (m.type === "ready") {
        this.ready[k] = true;
        this.next(k);
      } else if (!job) return;
      else if (m.type === "progress") job.hooks.onProgress?.(k, m.phase, m.done, m.total);
      else if (m.type === "record") job.hooks.onRecord?.(k, m.record);
      else if (m.type === "done" || m.type === "error") {
        this.current[k] = undefined;
        this.budget.release(); // the run's core
        if (m.type === "done") job.resolve();
        else job.reject(new Error(m.message));
        this.next(k);
      }
    });
    w.on("error", (e) => {
      const job = this.current[k];
      this.current[k] = undefined;
      // the cores of the dead thread's run and of its evaluation thread (which died with it)
      this.budget.release((job ? 1 : 0) + this.budget.heldBy(k));
      this.budget.setHeldBy(k, 0);
      job?.reject(e);
      if (!this.closed) this.spawn(k); // replace a crashed thread
    });
  }

  private next(k: number): void {
    if (this.closed || !this.ready[k] || this.current[k] || this.queue.length === 0) return;
    if (!this.budget.tryAcquire()) {
      this.waitForCore();
      return;
    }
    const job = this.queue.shift()!;
    this.current[k] = job;
    job.hooks.onStart?.(k);
    this.workers[k].postMessage({ type: "run", id: k, ...job.task } satisfies ToWorker);
  }

  /** Once a core is free (an evaluation beside training has finished), offer it to the idle threads. */
  private waitForCore(): void {
    if (this.waitingForCore) return;
    this.waitingForCore = true;
    void this.budget.acquire().then(() => {
      this.budget.release();
      this.waitingForCore = false;
      for (let k = 0; k < this.size; k++) this.next(k);
    });
  }

  /** Run one experiment on the next free thread; resolves when its last record has been delivered. */
  run(task: RunTask, hooks: RunTaskHooks = {}): Promise<void> {
    if (this.closed) return Promise.reject(new Error("RunThreads: closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ task, hooks, resolve, reject });
      for (let k = 0; k < this.size; k++) this.next(k);
    });
  }

  /** Stop every thread (a run in progress is abandoned; its checkpoint stays). Queued runs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error("RunThreads: closed"));
    for (const job of this.current.splice(0)) job?.reject(new Error("RunThreads: closed"));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
