#!/usr/bin/env node
// Entry point of the `snn` command. In this repository (src/ present) it runs the sources through tsx's TypeScript
// loader, so the command always matches the code; in an installed package it runs the compiled dist/.
const { existsSync } = require("node:fs");
const { join } = require("node:path");
let cli;
if (existsSync(join(__dirname, "..", "src", "cli.ts"))) {
  require("tsx/cjs");
  cli = require("../src/cli.ts");
} else {
  cli = require("../dist/cli.js");
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
