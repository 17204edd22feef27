/**
 * Chromium for figures and for the report's checks. Its own module, outside the package's entry points, so that the
 * published types need no playwright-core (an optional peer dependency: a project without it compiles).
 */
import type { Browser } from "playwright-core";

/**
 * Debian's chromium (or CHROMIUM_PATH) through playwright-core, offline: for figures to files here, and for the
 * report's checks (scripts/check-report.ts). Errors say what to install.
 */
export async function launchChromium(): Promise<Browser> {
  let chromium: typeof import("playwright-core").chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    throw new Error("figures need the npm package playwright-core (npm install playwright-core) and Debian's chromium (apt-get install chromium)");
  }
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  return chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
  }).catch((e: Error) => {
    throw new Error(`could not start chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH): ${e.message}`);
  });
}
