/**
 * The code version of a result: in the repository, the git commit of the working tree (with "+dirty" when src/ has
 * changes), or "unknown"; in an installed package (no src/ beside dist/), `snn-workbook@VERSION` from its package.json
 * (never the commit of a project that installed it). Read once, when this module loads (with the rest of the code): a commit made while a long sweep runs does
 * not relabel the results of the code the sweep loaded.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const atLoad = readVersion(join(__dirname, "..", ".."));

export function codeVersion(): string {
  return atLoad;
}

/** The code version of the checkout or package at `cwd` (see the module comment); it never writes the git index. */
export function readVersion(cwd: string): string {
  if (!existsSync(join(cwd, "src", "index.ts"))) {
    try {
      const { name, version } = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as { name: string; version: string };
      return `${name}@${version}`;
    } catch {
      return "unknown";
    }
  }
  try {
    const commit = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    // --no-optional-locks: status would refresh the index under .git/index.lock, colliding with the user's own git
    const dirty = execFileSync("git", ["--no-optional-locks", "status", "--porcelain", "--untracked-files=no", "--", "src"], { cwd, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    return dirty ? `${commit}+dirty` : commit;
  } catch {
    return "unknown";
  }
}
