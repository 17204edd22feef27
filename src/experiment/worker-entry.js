// Worker thread entry. From the sources (this repository) register tsx's TypeScript loader and run the module named by
// workerData.entry (default "worker": a sweep's run thread; "evaluationWorker": a run's evaluation thread); from the
// compiled package (dist/, where this file is copied beside the .js files) run its .js file.
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const { workerData } = require("node:worker_threads");
const entry = (workerData && workerData.entry) || "worker";
if (!/^[A-Za-z]+$/.test(entry)) throw new Error(`worker-entry: no worker module named ${JSON.stringify(entry)}`);
if (existsSync(join(__dirname, `${entry}.ts`))) {
  require("tsx/cjs");
  require(`./${entry}.ts`);
} else {
  require(`./${entry}.js`);
}
