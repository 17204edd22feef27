/**
 * A sweep worker thread: runs one experiment at a time on its own network (own WASM instance), posts progress and
 * each record to the main thread, which alone writes the results store. Data sets are loaded once per worker.
 */
import { parentPort } from "node:worker_threads";
import { fileCheckpointer } from "./checkpoint";
import { RunConfig } from "./config";
import { FromWorker, ToWorker } from "./protocol";
import { runId } from "./records";
import { loadRunData, RunData, runExperiment } from "./run";

if (!parentPort) throw new Error("worker.ts must run in a worker thread");
const port = parentPort;
const post = (m: FromWorker) => port.postMessage(m);
const cache = new Map<string, RunData>();

/** The digits of a run, kept while consecutive runs need the same ones (the key names everything loadRunData uses). */
function dataFor(c: RunConfig): RunData {
  const key = `${c.dataset}/${c.trainSamples}/${c.testSamples}/${c.validation ? "validation" : "test"}/${c.shuffleSeed ?? "-"}`;
  let data = cache.get(key);
  if (!data) {
    data = loadRunData(c);
    cache.clear();
    cache.set(key, data);
  }
  return data;
}

port.on("message", (m: ToWorker) => {
  try {
    let last = 0;
    runExperiment(m.config, {
      skip: new Set(m.skip),
      checkpoint: fileCheckpointer(m.dir, runId(m.config), { keepNetwork: m.keepNetwork }),
      onProgress: (phase, done, total) => {
        const now = Date.now();
        if (now - last > 200 || done === total) {
          last = now;
          post({ type: "progress", id: m.id, phase, done, total });
        }
      },
      onRecord: (record) => post({ type: "record", id: m.id, record }),
    }, dataFor(m.config));
    post({ type: "done", id: m.id });
  } catch (e) {
    post({ type: "error", id: m.id, message: (e as Error).stack ?? String(e) });
  }
});
post({ type: "ready" });
