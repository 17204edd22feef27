// Worker thread entry. From the sources (this repository) register tsx's TypeScript loader and run worker.ts; from
// the compiled package (dist/, where this file is copied beside worker.js) run worker.js.
const { existsSync } = require("node:fs");
const { join } = require("node:path");
if (existsSync(join(__dirname, "worker.ts"))) {
  require("tsx/cjs");
  require("./worker.ts");
} else {
  require("./worker.js");
}
