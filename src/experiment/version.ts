/** The code version of a result: the git commit of the working tree (with "+dirty" when it has changes), or "unknown". */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

let cached: string | undefined;

export function codeVersion(): string {
  if (cached !== undefined) return cached;
  const cwd = join(__dirname, "..", "..");
  try {
    const commit = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no", "--", "src"], { cwd, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    cached = dirty ? `${commit}+dirty` : commit;
  } catch {
    cached = "unknown";
  }
  return cached;
}
