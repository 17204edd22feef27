/**
 * The results store's single-writer lock: a file `.lock` holding the writer's pid, created exclusively (a hard link
 * of a file already holding the pid), so that of several processes creating it at once exactly one succeeds. A lock whose process is gone (a killed sweep)
 * is taken over, but only under a second exclusive file, `.lock.takeover`: the process holding it re-reads the lock
 * and removes it only if it still names the same dead process, so two processes that both find the same stale lock
 * cannot both remove it (one of them would remove the other's new lock) and both win. The takeover file is held for
 * microseconds; one older than TAKEOVER_STALE_MS (its holder died in between) is removed.
 * A store is also locked against a second writer in the same process (a notebook that starts a sweep while another
 * still runs).
 */
import { linkSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const LOCK_FILE = ".lock";
export const TAKEOVER_FILE = ".lock.takeover";
const TAKEOVER_STALE_MS = 10_000;

/** Directories this process holds the lock of. */
const heldHere = new Set<string>();

export interface StoreLock {
  /** Release the lock (idempotent). */
  release(): void;
}

/** Take the store lock of `dir` (which exists) or throw, naming the process that holds it. */
export function acquireStoreLock(dir: string): StoreLock {
  const key = resolve(dir);
  if (heldHere.has(key)) {
    throw new Error(`results store ${dir} is already being written by this process (a sweep still running, or a store not closed): wait for it or close it`);
  }
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 100; attempt++) {
    if (createExclusive(path)) {
      heldHere.add(key);
      return lockHeld(key, path);
    }
    const holder = readPid(path);
    if (holder === undefined) continue; // removed since: try again
    if (holder !== process.pid && processAlive(holder)) {
      throw new Error(`results store ${dir} is being written by process ${holder} (another sweep?): wait for it to finish or use another --out`);
    }
    takeOver(dir, path, holder);
  }
  throw new Error(`results store ${dir}: could not take the lock ${path} (it keeps changing); is something else writing there?`);
}

function lockHeld(key: string, path: string): StoreLock {
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    heldHere.delete(key);
    process.off("exit", release);
    if (readPid(path) === process.pid) rmSync(path, { force: true });
  };
  process.once("exit", release);
  return { release };
}

/** Remove the lock at `path` if it still names `stale` (a process that is gone), under the takeover file. */
function takeOver(dir: string, path: string, stale: number): void {
  const takeover = join(dir, TAKEOVER_FILE);
  if (!createExclusive(takeover)) {
    removeIfOlder(takeover, TAKEOVER_STALE_MS);
    return; // another process is taking over: look again
  }
  try {
    if (readPid(path) === stale) rmSync(path, { force: true });
  } finally {
    rmSync(takeover, { force: true });
  }
}

/**
 * Create `path` holding this pid if it does not exist; false if it does. The pid is written to a temporary file that
 * is then hard-linked to `path` (atomic and exclusive), so a reader never sees the lock without its pid.
 */
function createExclusive(path: string): boolean {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${process.pid}\n`);
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** The pid in a lock file; undefined if the file is gone; NaN if it holds something else (treated as dead). */
function readPid(path: string): number | undefined {
  try {
    return Number(readFileSync(path, "utf8").trim());
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

function removeIfOlder(path: string, ms: number): void {
  try {
    if (Date.now() - statSync(path).mtimeMs > ms) rmSync(path, { force: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
