// Worker thread entry: register tsx's TypeScript loader, then run the worker.
require("tsx/cjs");
require("./worker.ts");
