/**
 * Opens every page of the HTML report (build/report/, made by npm run report) in chromium and checks that each
 * figure drew (a plotly plot with data drawn in it, no "needs plotly.js" notice) and that no page logged a console
 * error. Prints one line per page; exits 1 when a page fails. Usage: node --import tsx scripts/check-report.ts [DIR]
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

async function main(): Promise<number> {
  const dir = resolve(process.argv[2] ?? "build/report");
  const pages = readdirSync(dir).filter((f) => f.endsWith(".html") && f !== "index.html").sort();
  if (pages.length === 0) throw new Error(`${dir} has no report pages: run npm run report first`);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  let failed = 0;
  try {
    for (const name of pages) {
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      const errors: string[] = [];
      // nbconvert's template asks for require.js and MathJax from /usr/share/javascript (Debian packages the report
      // does not need); a resource that fails to load is reported by its URL, the others as console errors.
      page.on("requestfailed", (r) => { if (!r.url().startsWith("file:///usr/share/javascript/")) errors.push(`cannot load ${r.url()}`); });
      page.on("console", (m) => { if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text()); });
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`file://${join(dir, name)}`, { waitUntil: "load" });
      await page.waitForTimeout(1500);
      const { figures, drawn, waiting } = await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number; forEach(f: (e: { querySelectorAll(s: string): { length: number } }) => void): void } } }).document;
        const placeholders = doc.querySelectorAll("div[id^='snn-figure-']");
        let drawnCount = 0;
        placeholders.forEach((el) => { if (el.querySelectorAll(".main-svg .trace, .main-svg .heatmaplayer image").length > 0) drawnCount++; });
        let waitingCount = 0;
        placeholders.forEach((el) => { if (el.querySelectorAll("code").length > 0 && el.querySelectorAll(".main-svg").length === 0) waitingCount++; });
        return { figures: placeholders.length, drawn: drawnCount, waiting: waitingCount };
      });
      const ok = drawn === figures && waiting === 0 && errors.length === 0;
      if (!ok) failed++;
      console.log(`${ok ? "ok  " : "FAIL"} ${name}: ${drawn} of ${figures} figures drawn${waiting ? `, ${waiting} waiting for plotly.js` : ""}${errors.length ? `; console errors: ${errors.slice(0, 3).join(" | ")}` : ""}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return failed === 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (e: Error) => { console.error(`check-report: ${e.message}`); process.exitCode = 1; });
