/**
 * Creating folders. Node's mkdirSync(path, { recursive: true }) never returns under /proc and similar file systems
 * (it retries a parent whose mkdir keeps failing); this walks up to the nearest existing folder and creates each
 * level below it once, so every failure is an error naming the folder.
 */
import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** Create `dir` and the missing folders above it; an error names the folder that could not be made. */
export function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    const kind = kindOf(at);
    if (kind === "folder") break;
    if (kind === "file") throw new Error(`cannot create the folder ${dir}: ${at} is a file`);
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const at of missing.reverse()) {
    try {
      mkdirSync(at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST" && kindOf(at) === "folder") continue; // made meanwhile
      throw new Error(`cannot create the folder ${dir}: ${(e as Error).message}`);
    }
  }
}

function kindOf(path: string): "folder" | "file" | "none" {
  try {
    return statSync(path).isDirectory() ? "folder" : "file";
  } catch {
    return "none";
  }
}
