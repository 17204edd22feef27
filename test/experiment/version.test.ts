import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { readVersion } from "../../src/experiment/version";

test("the code version reads git without writing its index (no .git/index.lock to collide with the user's git)", () => {
  const dir = mkdtempSync(join(tmpdir(), "snn-version-"));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src", "index.ts"), "export {};\n");
  git("init", "-q");
  git("-c", "user.name=t", "-c", "user.email=t@t", "add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "c");
  const index = join(dir, ".git", "index");
  // stat information the index no longer matches: a plain `git status` would refresh and rewrite the index (under a lock)
  utimesSync(join(dir, "src", "index.ts"), new Date(2030, 0, 1), new Date(2030, 0, 1));
  utimesSync(index, new Date(2020, 0, 1), new Date(2020, 0, 1));
  const before = statSync(index).mtimeMs;
  assert.equal(readVersion(dir), git("rev-parse", "--short=12", "HEAD"));
  assert.equal(statSync(index).mtimeMs, before, "the index was rewritten");
  writeFileSync(join(dir, "src", "index.ts"), "export const x = 1;\n");
  assert.match(readVersion(dir), /^[0-9a-f]{12}\+dirty$/);
});
