/**
 * A sweep worker thread: runs one experiment at a time on its own network (own WASM instance), posts progress and
 * each record to the main thread, which alone writes the results store. Data sets are loaded once per worker. With a
 * core budget (threads.ts), snapshots are evaluated beside training on a free core (evaluator.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { fileCheckpointer } from "./checkpoint";
import { coreBudgetFrom } from "./coreBudget";
import { threadEvaluator } from "./evaluator";
import { FromWorker, ToWorker, WorkerData } from "./protocol";
import { runId } from "./records";
import { runExperiment } from "./run";
import { cachedRunData } from "./runDataCache";

if (!parentPort) throw new Error("worker.ts must run in a worker thread");
const port = parentPort;
const post = (m: FromWorker) => port.postMessage(m);
const { budget, index } = (workerData ?? {}) as Partial<WorkerData>;
const evaluator = budget ? threadEvaluator({ budget: coreBudgetFrom(budget), worker: index ?? 0 }) : undefined;

port.on("message", (m: ToWorker) => {
  try {
    let last = 0;
    runExperiment(m.config, {
      skip: new Set(m.skip),
      ...(m.threads && m.threads > 1 ? { threads: m.threads } : {}),
      checkpoint: fileCheckpointer(m.dir, runId(m.config), { keepNetwork: m.keepNetwork }),
      onProgress: (phase, done, total) => {
        const now = Date.now();
        if (now - last > 200 || done === total) {
          last = now;
          post({ type: "progress", id: m.id, phase, done, total });
        }
      },
      onRecord: (record) => post({ type: "record", id: m.id, record }),
      ...(evaluator ? { evaluator } : {}),
    }, cachedRunData(m.config));
    post({ type: "done", id: m.id });
  } catch (e) {
    post({ type: "error", id: m.id, message: (e as Error).stack ?? String(e) });
  }
});
post({ type: "ready" });
