import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { staleBuildWarning } from "../src/staleBuild";

test("importing the compiled build in a checkout whose sources changed since says so", () => {
  const root = mkdtempSync(join(tmpdir(), "snn-stale-"));
  mkdirSync(join(root, "src", "core"), { recursive: true });
  mkdirSync(join(root, "dist"));
  writeFileSync(join(root, "src", "index.ts"), "");
  writeFileSync(join(root, "src", "core", "network.ts"), "");
  writeFileSync(join(root, "dist", "index.js"), "");
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);
  at(join(root, "src", "index.ts"), 1000);
  at(join(root, "src", "core", "network.ts"), 1000);
  at(join(root, "dist", "index.js"), 2000);
  assert.equal(staleBuildWarning(join(root, "dist")), undefined, "built after the last edit");
  at(join(root, "src", "core", "network.ts"), 3000);
  assert.match(staleBuildWarning(join(root, "dist"))!, /dist\/ .* is older than src\/: run `npm run build`, or import from \.\/src\//);
  assert.equal(staleBuildWarning(join(root, "src")), undefined, "running the sources");
  const installed = mkdtempSync(join(tmpdir(), "snn-installed-"));
  mkdirSync(join(installed, "dist"));
  writeFileSync(join(installed, "dist", "index.js"), "");
  assert.equal(staleBuildWarning(join(installed, "dist")), undefined, "an installed package has no src/");
});
