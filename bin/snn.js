#!/usr/bin/env node
// Entry point of the `snn` command: registers tsx's TypeScript loader, then runs src/cli.ts.
require("tsx/cjs");
require("../src/cli.ts")
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
