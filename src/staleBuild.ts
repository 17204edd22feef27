/**
 * The compiled build (dist/) in a checkout: notebooks import it because tslab then type-checks declarations only
 * (seconds faster per kernel start than the sources). When a file under src/ is newer than the build, importing the
 * build says so once: the notebook would otherwise run the code from before the edit. Nothing happens in an installed
 * package (no src/ beside dist/) or when running the sources themselves.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";

/** The newest modification time (ms) of the .ts files under `dir`. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The warning for a build older than its sources, or undefined (see the module comment); `here` is dist/. */
export function staleBuildWarning(here: string): string | undefined {
  if (basename(here) !== "dist") return undefined;
  const root = join(here, ".."), src = join(root, "src"), stamp = join(here, "index.js");
  if (!existsSync(join(src, "index.ts")) || !existsSync(stamp)) return undefined;
  const built = statSync(stamp).mtimeMs;
  if (newestSource(src) <= built) return undefined;
  return "snn-workbook: dist/ (the compiled build these imports use) is older than src/: run `npm run build`, or import from ./src/ instead of ./dist/ while editing the core";
}
